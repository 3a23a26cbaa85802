#!/usr/bin/env python3
"""Tables from bench/run_benchmarks.sh's results (bench/results/ by default): per command the median
and range of end-to-end, forward-only and single-image figures, whole-process wall time and peak RSS,
the load average seen before each run, and each Java backbone's end-to-end ratio to the Python
jemalloc run of the same round (run by run, so a machine whose speed drifts is compared fairly).
Warm-up runs (warmup*) are left out.

  python3 bench/summarize_benchmarks.py [RESULTS_DIR] [--baseline python-jemalloc]
"""
import argparse
import json
import re
import statistics
import sys
from collections import defaultdict
from pathlib import Path


def last_json(path: Path):
    for line in reversed(path.read_text(errors="replace").splitlines()):
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)
    return None


def gnu_time(path: Path) -> dict:
    text = path.read_text(errors="replace") if path.exists() else ""
    out = {}
    m = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", text)
    if m:
        out["wall"] = int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if m:
        out["rssMb"] = int(m.group(1)) / 1024
    for key, label in (("user", "User time"), ("sys", "System time")):
        m = re.search(label + r" \(seconds\): ([\d.]+)", text)
        if m:
            out[key] = float(m.group(1))
    return out


def fmt(values, digits=1):
    values = [v for v in values if v is not None]
    if not values:
        return "-"
    med = statistics.median(values)
    if len(values) == 1:
        return f"{med:.{digits}f}"
    return f"{med:.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", nargs="?", type=Path, default=Path(__file__).resolve().parent / "results")
    ap.add_argument("--baseline", default="python-jemalloc")
    args = ap.parse_args()

    runs = defaultdict(dict)  # command -> round -> record
    for out in sorted(args.results.glob("*.out")):
        m = re.fullmatch(r"(.+)-((?:warmup)?\d+)", out.stem)
        if not m or m.group(2).startswith("warmup"):
            continue
        command, rnd = m.group(1), int(m.group(2))
        rec = {"json": last_json(out) or {}}
        rec.update(gnu_time(out.with_suffix(".time")))
        load = out.with_suffix(".load")
        rec["load"] = float(load.read_text().split()[0]) if load.exists() else None
        runs[command][rnd] = rec
    if not runs:
        print(f"no results in {args.results}", file=sys.stderr)
        return 1

    print(f"results: {args.results}")
    print("| command | runs | end to end images/s | forward images/s | single image ms | wall s | peak RSS MB "
          "| load before run |")
    print("|---|---|---|---|---|---|---|---|")
    for command, by_round in runs.items():
        recs = list(by_round.values())
        j = [r["json"] for r in recs]
        print(f"| {command} | {len(recs)} | {fmt([x.get('imagesPerSecond') for x in j])} "
              f"| {fmt([x.get('forwardImagesPerSecond') for x in j])} "
              f"| {fmt([x.get('singleImageMs') for x in j])} | {fmt([r.get('wall') for r in recs])} "
              f"| {fmt([r.get('rssMb') for r in recs], 0)} | {fmt([r.get('load') for r in recs], 2)} |")

    base = runs.get(args.baseline)
    if base:
        print(f"\nEnd-to-end ratio to {args.baseline}, round by round (same round = neighbouring runs):")
        print("| command | per round | median (min-max) |")
        print("|---|---|---|")
        for command, by_round in runs.items():
            if command == args.baseline:
                continue
            ratios = []
            for rnd, rec in sorted(by_round.items()):
                b = base.get(rnd)
                if b and rec["json"].get("imagesPerSecond") and b["json"].get("imagesPerSecond"):
                    ratios.append(rec["json"]["imagesPerSecond"] / b["json"]["imagesPerSecond"])
            if ratios:
                print(f"| {command} | {' / '.join(f'{r:.2f}' for r in ratios)} | {fmt(ratios, 2)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
