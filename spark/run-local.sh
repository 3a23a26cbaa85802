#!/usr/bin/env bash
# Runs a CatDog Studio Spark job in one JVM, local[*] (MASTER=local[2] etc. to choose), with Spark's
# jars from the Maven build:
#   spark/run-local.sh predict --model M --input DIR --output OUT [--format csv|parquet]
#   spark/run-local.sh extract --data DIR [--backbone builtin|resnet50-onnx-int8|FILE.onnx] --output TABLE
#   spark/run-local.sh train --features TABLE [--backbone ...] --model OUT
# The last line of stdout is the job's JSON summary. JAVA_OPTS adds JVM options (e.g. -Xmx8g).
source "$(dirname "$0")/common.sh"
build_app
CP="$(local_classpath)"
MASTER="${MASTER:-local[*]}"
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx4g} $SPARK_JAVA_OPTIONS -Dai.djl.offline=true -Dspark.ui.enabled=false \
  -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
  -cp "$CP" studio.catdog.spark.CatdogSpark --master "$MASTER" "$@"
