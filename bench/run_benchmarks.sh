#!/bin/sh
# Repeats the "Backbone throughput (issue 4)" measurements of BENCHMARKS.md with public tools:
# the Java bench and the Python eager baseline (as shipped, then with jemalloc), one after the
# other, RUNS times, each timed as a whole process by GNU time. Results go to bench/results/.
#
#   sh bench/run_benchmarks.sh            # N=512 images, RUNS=3
#   N=256 RUNS=5 sh bench/run_benchmarks.sh
#
# Needs: JDK 17, Maven (offline cache), Debian's python3-torch python3-torchvision libjemalloc2, time.
set -eu
cd "$(dirname "$0")/.."
N=${N:-512}
RUNS=${RUNS:-3}
OUT=bench/results
JEMALLOC=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
mkdir -p "$OUT"
[ -f /tmp/catdog-models/resnet50-random.onnx ] || /usr/bin/python3 bench/python/make_resnet50_random.py
[ -f target/catdog-studio.jar ] || mvn -o -q package -DskipTests

run() { # name, command...
    name=$1; shift
    /usr/bin/time -v -o "$OUT/$name.time" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"
    printf '%-16s wall %-8s maxRSS %-9s KB  %s\n' "$name" \
        "$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$OUT/$name.time")" \
        "$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/$name.time")" \
        "$(tail -n 1 "$OUT/$name.out" | cut -c1-160)"
}

for i in $(seq "$RUNS"); do
    run "java-$i" java -jar target/catdog-studio.jar bench --images "$N" --json
    run "python-$i" /usr/bin/python3 bench/python/pytorch_baseline.py --images "$N"
    run "python-jemalloc-$i" env LD_PRELOAD="$JEMALLOC" \
        MALLOC_CONF=oversize_threshold:0,dirty_decay_ms:-1,muzzy_decay_ms:-1 \
        /usr/bin/python3 bench/python/pytorch_baseline.py --images "$N"
done
