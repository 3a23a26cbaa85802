#!/usr/bin/env python3
"""Summarizes bench/early_stopping.sh output: per setting, test accuracy over the seeds, epochs run
and the best epoch; per seed, the validation loss of the run without early stopping."""
import json
import statistics as st
import sys

rows = [json.loads(line) for line in open(sys.argv[1])]
settings = list(dict.fromkeys(r["setting"] for r in rows))
seeds = list(dict.fromkeys(r.get("seed", i // len(settings)) for i, r in enumerate(rows)))
print("| setting | test accuracy, mean (min-max) | per seed | epochs run, mean (per seed) | kept epoch per seed | trainSeconds median |")
print("|---|---|---|---|---|---|")
for s in settings:
    rs = [r for r in rows if r["setting"] == s]
    acc = [r["testAccuracy"] for r in rs]
    print(f"| {s} | {100 * st.mean(acc):.2f}% ({100 * min(acc):.2f}-{100 * max(acc):.2f}) "
          f"| {' '.join(f'{100 * a:.2f}' for a in acc)} "
          f"| {st.mean(r['epochsRun'] for r in rs):.1f} ({' '.join(str(r['epochsRun']) for r in rs)}) "
          f"| {' '.join(str(r['keptEpoch']) for r in rs)} "
          f"| {st.median(r['trainSeconds'] for r in rs):.2f} |")
print()
for r in rows:
    if r["setting"] == "off":
        vl = r["validationLoss"]
        best = vl.index(min(vl)) + 1
        print(f"best epoch {best:2d}: " + " ".join(f"{v:.4f}" for v in vl[:16]) + " ...")
