#!/usr/bin/env bash
# Checks by hand how spark/run-cluster.sh stops (TESTING.md, "Hostile inputs"):
#   spark/check-signals.sh TERM|INT|KILL MODEL INPUT
# runs `run-cluster.sh predict --model MODEL --input INPUT` in a session of its own (SIGINT at its
# default, as from a terminal), sends the signal once an executor has worked for 8 s (INT to the whole
# process group, as Ctrl-C does), and reports how long until no process of the run is left (found by the
# CATDOG_CLUSTER_RUN marker in their environment), the script's exit code and any stack trace it printed.
set -u
SIG=$1 MODEL=$2 INPUT=$3
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$(mktemp -d "${TMPDIR:-/tmp}/catdog-signals.XXXXXX")"
count() { grep -l -s "CATDOG_CLUSTER_RUN=" /proc/[0-9]*/environ 2>/dev/null | wc -l; }
executors() { ps -eo args | grep -c '[C]oarseGrainedExecutorBackend'; }
python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.setsid(); os.execvp(sys.argv[1], sys.argv[1:])' \
  "$ROOT/spark/run-cluster.sh" predict --model "$MODEL" --input "$INPUT" --output "$OUT/table" --format csv \
  >"$OUT/stdout" 2>"$OUT/stderr" &
PID=$!
for _ in $(seq 1 240); do
  grep -q "cluster up" "$OUT/stderr" 2>/dev/null && [[ "$(executors)" -ge 1 ]] && break
  sleep 1
done
sleep 8
echo "before the signal: $(count) processes of the run, $(executors) executors"
T0=$(date +%s.%N)
if [[ "$SIG" == INT ]]; then kill -INT -- "-$PID"; else kill "-$SIG" "$PID"; fi
for _ in $(seq 1 300); do
  [[ "$(count)" -eq 0 ]] && break
  sleep 0.1
done
T1=$(date +%s.%N)
echo "SIG$SIG: no process of the run left after $(echo "$T1 - $T0" | bc) s (left now: $(count))"
wait "$PID" 2>/dev/null
echo "run-cluster.sh exit code: $?"
echo "stack-trace lines on its stderr: $(grep -c -E '^\s+at |Exception' "$OUT/stderr")"
echo "its last line on stderr: $(tail -1 "$OUT/stderr")"
rm -rf "$OUT"
