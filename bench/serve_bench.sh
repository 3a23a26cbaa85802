#!/usr/bin/env bash
# Issue 22: `catdog serve` against `catdog predict --recursive` on the same images, side by side, in turn.
#
#   bench/serve_bench.sh [IMAGES_DIR] [ROUNDS]
#
# Needs the real data (../shared/data/cats-and-dogs) or any folder of JPEGs. Builds the jar when missing,
# trains a model with the built-in MobileNetV2 once (in $WORK), then per round:
#   A  catdog predict --recursive IMAGES --csv (fresh CATDOG_HOME, so no feature cache), whole process
#   S  the server (one process for all rounds, warmed up) under 1, 4, 16 and 64 clients (bench/ServeLoad.java;
#      300, 1000, all and 1000 requests), with the CPU time the server used
#   O  a second server that decodes while the backbone runs (-Dcatdog.pipeline=overlapped), 16 clients
#   B  catdog predict on 16 of the images, whole process (the fixed cost of a run)
# and finally a soak of 10,000 requests from 16 clients with the server's RSS every second.
# Wall and CPU time of every run are recorded: on a shared machine the CPU time per image is the steadier
# comparison. Results (one JSON line per run) go to $WORK/results.jsonl; nothing is written in the repository.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IMAGES="$(cd "${1:-$ROOT/../shared/data/cats-and-dogs/test_set}" && pwd)"
ROUNDS="${2:-3}"
WORK="${WORK:-/tmp/catdog-serve-bench}"
PORT="${PORT:-18080}"
JAR="${JAR:-$ROOT/target/catdog-studio.jar}"   # JAR=... to measure a copy while the tree rebuilds
JAVA_OPTS="-Dai.djl.offline=true"
mkdir -p "$WORK"
RESULTS="$WORK/results.jsonl"
: >"$RESULTS"

[[ -f "$JAR" ]] || (cd "$ROOT" && mvn -B -q -o package -DskipTests)
MODEL="$WORK/m-builtin"
if [[ ! -f "$MODEL/model.json" ]]; then
  CATDOG_HOME="$WORK/train-home" java $JAVA_OPTS -jar "$JAR" train --data "$(dirname "$IMAGES")" \
      --backbone builtin --model "$MODEL" | tail -1
fi
SMALL="$WORK/small16"
if [[ ! -d "$SMALL" ]]; then
  mkdir -p "$SMALL"
  find "$IMAGES" -type f -name '*.jpg' | sort | awk 'NR % 125 == 1' | head -16 | xargs -I{} cp {} "$SMALL/"
fi
N_IMAGES="$(find "$IMAGES" -type f \( -name '*.jpg' -o -name '*.jpeg' -o -name '*.png' \) | wc -l)"

load() { cut -d' ' -f1-3 /proc/loadavg; }
record() { echo "$1" | tee -a "$RESULTS"; }

# The CLI, whole process: "wall user system" seconds on stdout.
cli() {  # $1: folder, $2: csv
  rm -rf "$WORK/cli-home" "$2"
  CATDOG_HOME="$WORK/cli-home" /usr/bin/time -f '%e %U %S' -o "$WORK/cli.time" \
      java $JAVA_OPTS -jar "$JAR" predict --model "$MODEL" --recursive "$1" --csv "$2" >/dev/null 2>"$WORK/cli.err"
  cat "$WORK/cli.time"
}
cli_json() {  # $1: "wall user system"
  set -- $1
  echo "\"wallSeconds\":$1,\"cpuSeconds\":$(echo "$2 + $3" | bc -l)"
}

# The servers, until the end: the default (decoding in turn with the backbone, as catdog predict does) on
# $PORT, and one that decodes while the backbone runs (-Dcatdog.pipeline=overlapped) on $PORT+1.
serve() {  # $1: port, $2: name, $3...: JVM options
  local port=$1 name=$2
  shift 2
  CATDOG_HOME="$WORK/serve-home-$name" java $JAVA_OPTS "$@" -jar "$JAR" serve --model "$MODEL" --port "$port" \
      >"$WORK/serve-$name.out" 2>"$WORK/serve-$name.err" &
}
serve "$PORT" phased; SERVER=$!
serve "$((PORT + 1))" overlapped -Dcatdog.pipeline=overlapped; OVERLAPPED=$!
trap 'kill -TERM $SERVER $OVERLAPPED 2>/dev/null || true' EXIT
for name in phased overlapped; do
  for _ in $(seq 1 240); do
    grep -q '"serving"' "$WORK/serve-$name.out" 2>/dev/null && break
    sleep 0.5
  done
  grep -q '"serving"' "$WORK/serve-$name.out" || { cat "$WORK/serve-$name.err"; exit 1; }
done
LOADER=(java -Xmx512m "$ROOT/bench/ServeLoad.java" --url "http://127.0.0.1:$PORT/" --images "$IMAGES")
LOADER_OVERLAPPED=(java -Xmx512m "$ROOT/bench/ServeLoad.java" --url "http://127.0.0.1:$((PORT + 1))/" --images "$IMAGES")

# The reference answers (and a warm-up of the page cache).
cli "$IMAGES" "$WORK/reference.csv" >/dev/null
# Warm-up of the server (JIT, ONNX Runtime's arena): not recorded.
"${LOADER[@]}" --clients 16 --requests 400 >/dev/null
"${LOADER_OVERLAPPED[@]}" --clients 16 --requests 400 >/dev/null

for round in $(seq 1 "$ROUNDS"); do
  l=$(load); s=$(cli "$IMAGES" "$WORK/a.csv")
  record "{\"round\":$round,\"run\":\"cli\",\"images\":$N_IMAGES,$(cli_json "$s"),\"load\":\"$l\"}"
  for c in 1 4 16 64; do
    case $c in 1) n=300 ;; 16) n=$N_IMAGES ;; *) n=$((N_IMAGES / 2)) ;; esac
    l=$(load)
    out=$("${LOADER[@]}" --clients "$c" --requests "$n" --compare "$WORK/reference.csv" --cpu-pid "$SERVER")
    record "{\"round\":$round,\"run\":\"serve\",\"load\":\"$l\",\"result\":$out}"
  done
  l=$(load)
  out=$("${LOADER_OVERLAPPED[@]}" --clients 16 --requests "$N_IMAGES" --compare "$WORK/reference.csv" --cpu-pid "$OVERLAPPED")
  record "{\"round\":$round,\"run\":\"serve-overlapped\",\"load\":\"$l\",\"result\":$out}"
  l=$(load); s=$(cli "$SMALL" "$WORK/b.csv")
  record "{\"round\":$round,\"run\":\"cli16\",\"images\":16,$(cli_json "$s"),\"load\":\"$l\"}"
done

l=$(load)
out=$("${LOADER[@]}" --clients 16 --requests 10000 --rss-pid "$SERVER" --cpu-pid "$SERVER")
record "{\"run\":\"soak\",\"load\":\"$l\",\"result\":$out}"

kill -TERM "$SERVER" "$OVERLAPPED"
wait "$SERVER" && code=0 || code=$?
wait "$OVERLAPPED" || true
record "{\"run\":\"stop\",\"exitCode\":$code,\"last\":$(tail -1 "$WORK/serve-phased.out")}"
trap - EXIT
python3 "$ROOT/bench/summarize_serve.py" "$RESULTS"
