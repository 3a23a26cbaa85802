# Shared by run-local.sh and run-cluster.sh (sourced). Resolves class paths from the Maven build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MVN="${MVN:-mvn}"
MVN_ARGS="${MVN_ARGS:--o}"   # offline by default; MVN_ARGS= to let Maven fetch what is missing

# What Spark's launcher adds on Java 17 (org.apache.spark.launcher.JavaModuleOptions); kept equal to
# spark.java.options in pom.xml.
SPARK_JAVA_OPTIONS="$(sed -n 's:.*<spark.java.options>\(.*\)</spark.java.options>.*:\1:p' "$ROOT/pom.xml")"
SPARK_VERSION="$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$ROOT/pom.xml" | head -1)"

# The app jar and its libraries (target/catdog-studio.jar, target/lib/), built when missing.
build_app() {
  if [[ ! -f "$ROOT/target/catdog-studio.jar" || ! -d "$ROOT/target/lib" ]]; then
    (cd "$ROOT" && "$MVN" -B -ntp $MVN_ARGS -q package -DskipTests) >&2
  fi
}

# Everything the job needs in one JVM: the app's compile and runtime libraries plus Spark (provided),
# without the test libraries. Spark's log4j binding is excluded in pom.xml, so logging is logback's.
local_classpath() {
  local out="$ROOT/target/spark-local.classpath"
  if [[ ! -s "$out" || "$ROOT/pom.xml" -nt "$out" ]]; then
    (cd "$ROOT" && "$MVN" -B -ntp $MVN_ARGS -q dependency:build-classpath -Dmdep.includeScope=provided \
        -Dmdep.outputFile="$out") >&2  # never on stdout: the caller captures the class path
  fi
  echo "$ROOT/target/catdog-studio.jar:$(cat "$out")"
}

# Spark alone (with its log4j logging), for the standalone master, workers and executors.
spark_classpath() {
  local out="$ROOT/target/spark-runtime.classpath"
  local pinned
  pinned="$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$ROOT/spark/pom.xml" | head -1)"
  if [[ "$pinned" != "$SPARK_VERSION" ]]; then
    echo "spark/pom.xml pins Spark $pinned but pom.xml uses $SPARK_VERSION; make them equal." >&2
    exit 2
  fi
  if [[ ! -s "$out" || "$ROOT/spark/pom.xml" -nt "$out" ]]; then
    mkdir -p "$ROOT/target"
    "$MVN" -B -ntp $MVN_ARGS -q -f "$ROOT/spark/pom.xml" dependency:build-classpath -Dmdep.outputFile="$out" >&2
  fi
  cat "$out"
}
