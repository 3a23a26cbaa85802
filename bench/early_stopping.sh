#!/usr/bin/env bash
# Early stopping measurements (BENCHMARKS.md "Early stopping"): for each seed, one run without early
# stopping for EPOCHS epochs (validation loss per epoch, test accuracy) and one run per patience with
# the same upper bound. The built-in backbone, offline; features are cached after the first run.
# Writes one JSON line per run (the train command's summary plus setting and per-epoch validation
# loss) to OUT; summarize with bench/summarize_early_stopping.py OUT.
#   JAR=target/catdog-studio.jar DATA=../shared/data/cats-and-dogs bench/early_stopping.sh /tmp/es.jsonl
set -euo pipefail
OUT=${1:?output file}
JAR=${JAR:-target/catdog-studio.jar}
DATA=${DATA:-../shared/data/cats-and-dogs}
SEEDS=${SEEDS:-"42 7 123 1 2"}
PATIENCES=${PATIENCES:-"1 2 3 5"}
EPOCHS=${EPOCHS:-40}
export CATDOG_HOME=${CATDOG_HOME:-/tmp/es-home} DJL_OFFLINE=true
MODEL=$(mktemp -d)/m
: > "$OUT"
run() { # setting, seed, then train arguments
    local setting=$1 seed=$2; shift 2
    local log; log=$(mktemp)
    java -jar "$JAR" train --data "$DATA" --backbone builtin --model "$MODEL" --seed "$seed" "$@" 2>"$log" >"$log.json"
    python3 - "$setting" "$seed" "$log" "$log.json" >>"$OUT" <<'PY'
import json, re, sys
setting, seed, log, js = sys.argv[1:]
summary = json.loads(open(js).read().strip().splitlines()[-1])
summary["setting"] = setting
summary["seed"] = int(seed)
summary["validationLoss"] = [float(m.group(1)) for m in re.finditer(r"validation loss ([0-9.]+)", open(log).read())]
print(json.dumps(summary))
PY
    rm -f "$log" "$log.json"
}
for seed in $SEEDS; do
    run off "$seed" --no-early-stopping --epochs "$EPOCHS"
    run off15 "$seed" --no-early-stopping --epochs 15
    for p in $PATIENCES; do
        run "patience$p" "$seed" --patience "$p" --epochs "$EPOCHS"
    done
done
