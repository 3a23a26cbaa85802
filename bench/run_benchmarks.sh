#!/bin/sh
# Repeats the backbone throughput measurements of BENCHMARKS.md ("Backbone throughput (issue 4)" and
# "int8 fast path (issue 11)") with public tools: the Java bench for each backbone and the Python eager
# baseline (as shipped and/or with jemalloc), in turn (A B C A B C ...), each timed as a whole process
# by GNU time. Results go to bench/results/; bench/summarize_benchmarks.py prints the tables.
#
#   sh bench/run_benchmarks.sh                     # issue 4: fp32 Java, Python as shipped and with jemalloc
#   BACKBONES="resnet50-random resnet50-random-int8" PYTHON=jemalloc CALM=0.7 sh bench/run_benchmarks.sh
#
# Settings (environment):
#   N=512            images per run (end to end)
#   RUNS=3           counted rounds; WARMUP=1 rounds before them, not counted (results named warmup-*)
#   BACKBONES=...    catdog bench --backbone values, one Java run each per round (default resnet50-random)
#   PIPELINES=...    catdog bench --pipeline values (phased, overlapped), one Java run per
#                    backbone and pipeline each round (default: none given, the product's default)
#   PYTHON=...       which Python runs per round: "plain" (glibc malloc, as shipped) and/or "jemalloc"
#   SINGLE=20        single-image predictions timed by each run
#   CALM=            e.g. 0.7: before every run, wait until the 1-minute load average is below this,
#                    polling once a minute, at most CALM_MAX_MIN=40 minutes in all; the load seen is
#                    recorded next to each run (<name>.load)
#
# Needs: JDK 17, Maven (offline cache), Debian's python3-torch python3-torchvision python3-onnx
# libjemalloc2, GNU time.
set -eu
cd "$(dirname "$0")/.."
N=${N:-512}
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-1}
BACKBONES=${BACKBONES:-resnet50-random}
PIPELINES=${PIPELINES:-default}
PYTHON=${PYTHON:-plain jemalloc}
SINGLE=${SINGLE:-20}
CALM=${CALM:-}
CALM_MAX_MIN=${CALM_MAX_MIN:-40}
OUT=bench/results
JEMALLOC=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
mkdir -p "$OUT"
# The random-weight models live in this user's folder (the one catdog bench reads), never in /tmp.
MODELS=$(/usr/bin/python3 bench/python/bench_paths.py)
[ -f "$MODELS/resnet50-random.onnx" ] || /usr/bin/python3 bench/python/make_resnet50_random.py
case " $BACKBONES " in
    *" resnet50-random-int8 "*)
        [ -f "$MODELS/resnet50-random-int8.onnx" ] || /usr/bin/python3 bench/python/make_resnet50_int8.py ;;
esac
[ -f target/catdog-studio.jar ] || mvn -o -q package -DskipTests

waited=0
calm() { # waits for a 1-minute load average below $CALM; sets $load to the load it started at
    load=$(cut -d' ' -f1 /proc/loadavg)
    if [ -n "$CALM" ]; then
        while [ "$(echo "$load >= $CALM" | bc)" = 1 ] && [ "$waited" -lt "$CALM_MAX_MIN" ]; do
            sleep 60
            waited=$((waited + 1))
            load=$(cut -d' ' -f1 /proc/loadavg)
        done
    fi
}

run() { # name, command...
    name=$1; shift
    calm
    echo "$load $(cat /proc/loadavg)" > "$OUT/$name.load"
    /usr/bin/time -v -o "$OUT/$name.time" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"
    printf '%-28s load %-5s wall %-8s maxRSS %-9s KB  %s\n' "$name" "$load" \
        "$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$OUT/$name.time")" \
        "$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/$name.time")" \
        "$(tail -n 1 "$OUT/$name.out" | cut -c1-110)"
}

i=$((1 - WARMUP))
while [ "$i" -le "$RUNS" ]; do
    if [ "$i" -le 0 ]; then round="warmup$((1 - i))"; else round=$i; fi
    for b in $BACKBONES; do
        for pl in $PIPELINES; do
            if [ "$pl" = default ]; then
                run "java-$b-$round" java -jar target/catdog-studio.jar bench --backbone "$b" --images "$N" \
                    --single "$SINGLE" --json
            else
                run "java-$b-$pl-$round" java -jar target/catdog-studio.jar bench --backbone "$b" --images "$N" \
                    --single "$SINGLE" --pipeline "$pl" --json
            fi
        done
    done
    for p in $PYTHON; do
        case $p in
            plain) run "python-$round" /usr/bin/python3 bench/python/pytorch_baseline.py --images "$N" \
                       --single "$SINGLE" ;;
            jemalloc) run "python-jemalloc-$round" env LD_PRELOAD="$JEMALLOC" \
                       MALLOC_CONF=oversize_threshold:0,dirty_decay_ms:-1,muzzy_decay_ms:-1 \
                       /usr/bin/python3 bench/python/pytorch_baseline.py --images "$N" --single "$SINGLE" ;;
            *) echo "unknown PYTHON entry: $p" >&2; exit 2 ;;
        esac
    done
    i=$((i + 1))
done
[ -z "$CALM" ] || echo "waited $waited min in all for a load average below $CALM"
