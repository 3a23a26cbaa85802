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
# KEEP=1 keeps the work folder (logs: master.log, worker-*.log, work dirs, <job>.out/.err). Exit code 0
# when every check passed.
#
# Stopping: Ctrl-C (SIGINT) or SIGTERM stops the job and the cluster within 10 s (the job's own
# shutdown messages stay in its log). If this script is killed outright (SIGKILL), a watchdog process
# notices within a second and stops every process the run started (master, workers, executors, the
# job, a build): each carries CATDOG_CLUSTER_RUN=<work folder> in its environment, so it is found even
# after its parent is gone.
source "$(dirname "$0")/common.sh"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/catdog-cluster.XXXXXX")"
export CATDOG_CLUSTER_RUN="$WORK"
SELF=$$
RELAY=
WATCHDOG=

# Every live process of this run, by the marker in its environment (this shell and the caller excluded).
ours() {
  local env pid v
  local -a vars
  for env in /proc/[0-9]*/environ; do
    pid="${env#/proc/}"
    pid="${pid%/environ}"
    [[ "$pid" == "$SELF" || "$pid" == "$BASHPID" ]] && continue
    mapfile -d "" -t vars 2>/dev/null <"$env" || continue
    for v in "${vars[@]}"; do
      if [[ "$v" == "CATDOG_CLUSTER_RUN=$WORK" ]]; then
        echo "$pid"
        break
      fi
    done
  done
  return 0
}

# TERM to all of them at once, up to 8 s to end, then KILL: within 10 s in all.
stop_all() {
  local pids
  pids="$(ours)"
  [[ -z "$pids" ]] && return 0
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null || true
  for _ in $(seq 1 16); do
    sleep 0.5
    [[ -z "$(ours)" ]] && return 0
  done
  pids="$(ours)"
  # shellcheck disable=SC2086
  [[ -n "$pids" ]] && kill -KILL $pids 2>/dev/null
  return 0
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  set +e
  # First, so a stopping job's messages stay in its log; SIGPIPE, which bash does not report.
  [[ -n "$RELAY" ]] && kill -PIPE "$RELAY" 2>/dev/null
  [[ -n "$WATCHDOG" ]] && kill -KILL "$WATCHDOG" 2>/dev/null && wait "$WATCHDOG" 2>/dev/null
  stop_all
  if [[ "${KEEP:-0}" != 1 ]]; then rm -rf "$WORK"; else echo "work folder kept: $WORK" >&2; fi
  exit "$rc"
}
on_signal() {
  echo "run-cluster.sh: $1, stopping the cluster" >&2
  exit "$2"  # runs cleanup
}
trap cleanup EXIT
trap 'on_signal interrupted 130' INT
trap 'on_signal terminated 143' TERM
trap 'on_signal "hung up" 129' HUP

# The watchdog: outlives this shell only to stop what it started. Background jobs ignore Ctrl-C.
if [[ -d /proc/self ]]; then
  (
    set +e
    trap '' INT TERM HUP
    while kill -0 "$SELF" 2>/dev/null; do sleep 1; done
    stop_all
    [[ "${KEEP:-0}" == 1 ]] || rm -rf "$WORK"
  ) &
  WATCHDOG=$!
fi

# Runs a command in the background and waits for it, so that a signal is handled at once (bash runs
# a trap only between commands, and a wait is interruptible); its stdout and stderr go to
# $WORK/<name>.out/.err, stderr relayed to ours while it runs; the stdout is printed when it ends.
run() {
  local name=$1
  shift
  "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  local pid=$! rc=0
  tail -n +1 -f --pid="$pid" "$WORK/$name.err" >&2 &
  RELAY=$!
  wait "$pid" || rc=$?
  wait "$RELAY" 2>/dev/null || true
  RELAY=
  cat "$WORK/$name.out"
  return "$rc"
}

run build build_app
run spark-classpath resolve_spark_classpath
SPARK_CP="$(cat "$ROOT/target/spark-runtime.classpath")"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# Executors are started by the workers through Spark's launcher, which takes Spark's classes from
# $SPARK_HOME/jars: a folder of links to the Maven-resolved jars stands in for a Spark distribution.
export SPARK_HOME="$WORK/spark-home"
mkdir -p "$SPARK_HOME/jars" "$SPARK_HOME/conf" "$WORK/tmp"
tr ':' '\n' <<<"$SPARK_CP" | while read -r jar; do ln -sf "$jar" "$SPARK_HOME/jars/"; done
export SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS="$WORK/local"
# Temporary files of every JVM under $WORK, so nothing is left behind whatever stops them.
DAEMON_OPTS="-Xmx512m -Djava.io.tmpdir=$WORK/tmp $SPARK_JAVA_OPTIONS"

MASTER_PORT="$(free_port)"
MASTER_URL="spark://127.0.0.1:$MASTER_PORT"
# shellcheck disable=SC2086
java $DAEMON_OPTS -cp "$SPARK_CP" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "$(free_port)" >"$WORK/master.log" 2>&1 &
for i in 1 2; do
  # shellcheck disable=SC2086
  java $DAEMON_OPTS -cp "$SPARK_CP" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores "${WORKER_CORES:-1}" --memory "${WORKER_MEMORY:-3g}" --webui-port "$(free_port)" \
    --work-dir "$WORK/worker-$i" "$MASTER_URL" >"$WORK/worker-$i.log" 2>&1 &
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
  java -Xmx3g -Djava.io.tmpdir="$WORK/tmp" $SPARK_JAVA_OPTIONS -cp "$SPARK_CP" org.apache.spark.deploy.SparkSubmit \
    --master "$MASTER_URL" --deploy-mode client \
    --class studio.catdog.spark.CatdogSpark \
    --jars "$JARS" \
    --conf spark.executor.memory="${EXECUTOR_MEMORY:-2g}" \
    --conf spark.executor.cores="${WORKER_CORES:-1}" \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.ui.enabled=false --conf spark.sql.artifact.isolation.enabled=false --conf spark.log.level="${SPARK_LOG_LEVEL:-WARN}" \
    --conf "spark.executor.extraJavaOptions=-Dai.djl.offline=true -Djava.io.tmpdir=$WORK/tmp" \
    --driver-java-options "-Dai.djl.offline=true" \
    "$ROOT/target/catdog-studio.jar" "$@"
}

if [[ $# -gt 0 ]]; then
  run job submit "$@" || true
  if ! tail -1 "$WORK/job.out" | grep -q '^{' || tail -1 "$WORK/job.out" | grep -q '"error"'; then
    exit 1
  fi
  exit 0
fi

# The default run: extract, train and predict on the cluster, then check the predictions against
# `catdog predict` (the desktop's single-process path) with the same model, file by file.
DATA="$ROOT/../shared/data/cats-and-dogs"
if [[ ! -d "$DATA/test_set" ]]; then
  DATA="$WORK/generated"
  run generate java "$ROOT/spark/GenerateImages.java" "$DATA" 40
  echo "../shared is absent: using generated images in $DATA" >&2
fi
DATA="$(cd "$DATA" && pwd)"
# (Never in a pipeline: a pipeline runs in a subshell, where the traps above would wait for it.)
run extract submit extract --data "$DATA" --backbone builtin --output "$WORK/features" || true
run train submit train --features "$WORK/features" --backbone builtin --model "$WORK/model" || true
run predict submit predict --model "$WORK/model" --input "$DATA/test_set" --output "$WORK/predictions" \
  --format csv || true
for f in extract train predict; do
  if ! tail -1 "$WORK/$f.out" | grep -q '^{' || tail -1 "$WORK/$f.out" | grep -q '"error"'; then
    echo "FAILED: $f (see $WORK/$f.out and $f.err; KEEP=1 keeps the logs)" >&2
    exit 1
  fi
done
CATDOG_HOME="$WORK/catdog-home" run catdog java -Dai.djl.offline=true -Djava.io.tmpdir="$WORK/tmp" \
  -jar "$ROOT/target/catdog-studio.jar" predict \
  --model "$WORK/model" --recursive "$DATA/test_set" --csv "$WORK/catdog-predict.csv" >/dev/null || true
python3 "$ROOT/spark/compare_predictions.py" "$WORK/predictions" "$WORK/catdog-predict.csv"
