#!/usr/bin/env bash
# Starts a real Spark standalone cluster on this machine (a master and two workers, each its own JVM,
# on 127.0.0.1, from the Spark jars Maven resolved), submits CatDog Studio's jobs to it with
# spark-submit's own options (--jars for the app and its libraries; the model and backbone files go
# through Spark's file distribution), checks the output, and always stops the cluster.
#
#   spark/run-cluster.sh                 # extract + train + predict on ../shared/data/cats-and-dogs,
#                                        # or on generated images where ../shared is absent
#   spark/run-cluster.sh predict --model M --input DIR --output OUT [--format csv|parquet]
#                                        # just one job (any CatdogSpark command line)
# KEEP=1 keeps the work folder (logs: master.log, worker-*.log, work dirs). Exit code 0 when every
# check passed.
source "$(dirname "$0")/common.sh"
build_app
SPARK_CP="$(spark_classpath)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/catdog-cluster.XXXXXX")"
PIDS=()

stop_cluster() {
  local rc=$?
  for pid in "${PIDS[@]:-}"; do
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]:-}"; do
    [[ -n "$pid" ]] && wait "$pid" 2>/dev/null || true
  done
  if [[ "${KEEP:-0}" != 1 ]]; then rm -rf "$WORK"; else echo "work folder kept: $WORK" >&2; fi
  exit $rc
}
trap stop_cluster EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# Executors are started by the workers through Spark's launcher, which takes Spark's classes from
# $SPARK_HOME/jars: a folder of links to the Maven-resolved jars stands in for a Spark distribution.
export SPARK_HOME="$WORK/spark-home"
mkdir -p "$SPARK_HOME/jars" "$SPARK_HOME/conf"
tr ':' '\n' <<<"$SPARK_CP" | while read -r jar; do ln -sf "$jar" "$SPARK_HOME/jars/"; done
export SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS="$WORK/local"
DAEMON_OPTS="-Xmx512m $SPARK_JAVA_OPTIONS"

MASTER_PORT="$(free_port)"
MASTER_URL="spark://127.0.0.1:$MASTER_PORT"
# shellcheck disable=SC2086
java $DAEMON_OPTS -cp "$SPARK_CP" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "$(free_port)" >"$WORK/master.log" 2>&1 &
PIDS+=($!)
for i in 1 2; do
  # shellcheck disable=SC2086
  java $DAEMON_OPTS -cp "$SPARK_CP" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores "${WORKER_CORES:-1}" --memory "${WORKER_MEMORY:-3g}" --webui-port "$(free_port)" \
    --work-dir "$WORK/worker-$i" "$MASTER_URL" >"$WORK/worker-$i.log" 2>&1 &
  PIDS+=($!)
done
for _ in $(seq 1 120); do
  [[ "$(grep -c 'Registering worker' "$WORK/master.log" 2>/dev/null || true)" -ge 2 ]] && break
  sleep 1
done
if [[ "$(grep -c 'Registering worker' "$WORK/master.log" || true)" -lt 2 ]]; then
  echo "The cluster did not start: two workers never registered. master.log:" >&2
  tail -20 "$WORK/master.log" >&2
  exit 1
fi
echo "cluster up: $MASTER_URL, 2 workers x ${WORKER_CORES:-1} core(s)" >&2

# The app's jar and libraries, shipped to the executors by spark-submit (JavaFX is the desktop's only).
JARS="$(ls "$ROOT"/target/lib/*.jar | grep -v '/javafx-' | tr '\n' ',' | sed 's/,$//')"

submit() {
  # shellcheck disable=SC2086
  java -Xmx3g $SPARK_JAVA_OPTIONS -cp "$SPARK_CP" org.apache.spark.deploy.SparkSubmit \
    --master "$MASTER_URL" --deploy-mode client \
    --class studio.catdog.spark.CatdogSpark \
    --jars "$JARS" \
    --conf spark.executor.memory="${EXECUTOR_MEMORY:-2g}" \
    --conf spark.executor.cores="${WORKER_CORES:-1}" \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.ui.enabled=false --conf spark.sql.artifact.isolation.enabled=false --conf spark.log.level="${SPARK_LOG_LEVEL:-WARN}" \
    --conf "spark.executor.extraJavaOptions=-Dai.djl.offline=true" \
    --driver-java-options "-Dai.djl.offline=true" \
    "$ROOT/target/catdog-studio.jar" "$@"
}

if [[ $# -gt 0 ]]; then
  submit "$@" | tee "$WORK/job.out"
  tail -1 "$WORK/job.out" | grep -q '"error"' && exit 1
  exit 0
fi

# The default run: extract, train and predict on the cluster, then check the predictions against
# `catdog predict` (the desktop's single-process path) with the same model, file by file.
DATA="$ROOT/../shared/data/cats-and-dogs"
if [[ ! -d "$DATA/test_set" ]]; then
  DATA="$WORK/generated"
  java "$ROOT/spark/GenerateImages.java" "$DATA" 40
  echo "../shared is absent: using generated images in $DATA" >&2
fi
DATA="$(cd "$DATA" && pwd)"
submit extract --data "$DATA" --backbone builtin --output "$WORK/features" | tee "$WORK/extract.out" | tail -1
submit train --features "$WORK/features" --backbone builtin --model "$WORK/model" | tee "$WORK/train.out" | tail -1
submit predict --model "$WORK/model" --input "$DATA/test_set" --output "$WORK/predictions" --format csv \
  | tee "$WORK/predict.out" | tail -1
for f in extract train predict; do
  if ! tail -1 "$WORK/$f.out" | grep -q '^{' || tail -1 "$WORK/$f.out" | grep -q '"error"'; then
    echo "FAILED: $f (see $WORK/$f.out; KEEP=1 keeps the logs)" >&2
    exit 1
  fi
done
CATDOG_HOME="$WORK/catdog-home" java -Dai.djl.offline=true -jar "$ROOT/target/catdog-studio.jar" predict \
  --model "$WORK/model" --recursive "$DATA/test_set" --csv "$WORK/catdog-predict.csv" >"$WORK/catdog.out" 2>"$WORK/catdog.err"
python3 "$ROOT/spark/compare_predictions.py" "$WORK/predictions" "$WORK/catdog-predict.csv"
