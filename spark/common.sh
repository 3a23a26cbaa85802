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
    if ! (cd "$ROOT" && "$MVN" -B -ntp $MVN_ARGS -q package -DskipTests) >&2; then
      maven_advice "the app's build"
      return 2
    fi
  fi
}

# Everything the job needs in one JVM: the app's compile and runtime libraries plus Spark (provided),
# without the test libraries. Spark's log4j binding is excluded in pom.xml, so logging is logback's.
local_classpath() {
  local out="$ROOT/target/spark-local.classpath"
  if [[ ! -s "$out" || "$ROOT/pom.xml" -nt "$out" ]]; then
    if ! (cd "$ROOT" && "$MVN" -B -ntp $MVN_ARGS -q dependency:build-classpath -Dmdep.includeScope=provided \
        -Dmdep.outputFile="$out") >&2; then  # never on stdout: the caller captures the class path
      maven_advice "the job's class path"
      return 2
    fi
  fi
  echo "$ROOT/target/catdog-studio.jar:$(cat "$out")"
}

# What to run where Maven cannot resolve something offline (a fresh machine that never ran the build).
maven_advice() {
  echo "Maven could not resolve $1 offline (MVN_ARGS=$MVN_ARGS). On a machine with network, run the build" >&2
  echo "once: 'mvn -q package -DskipTests' (it also fetches Spark's log4j binding for the cluster), or" >&2
  echo "'mvn -f spark/pom.xml dependency:resolve'; or let this script fetch it: MVN_ARGS= $0 ..." >&2
}

# Spark alone (with its log4j logging), for the standalone master, workers and executors: written to
# target/spark-runtime.classpath (resolve_spark_classpath), then read (spark_classpath).
resolve_spark_classpath() {
  local out="$ROOT/target/spark-runtime.classpath"
  local pinned
  pinned="$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$ROOT/spark/pom.xml" | head -1)"
  if [[ "$pinned" != "$SPARK_VERSION" ]]; then
    echo "spark/pom.xml pins Spark $pinned but pom.xml uses $SPARK_VERSION; make them equal." >&2
    return 2
  fi
  if [[ ! -s "$out" || "$ROOT/spark/pom.xml" -nt "$out" ]]; then
    mkdir -p "$ROOT/target"
    if ! "$MVN" -B -ntp $MVN_ARGS -q -f "$ROOT/spark/pom.xml" dependency:build-classpath \
        -Dmdep.outputFile="$out.tmp" >"$ROOT/target/spark-runtime.mvn.log" 2>&1; then
      rm -f "$out.tmp"
      grep -m3 -E 'ERROR.*(resolve|Could not|offline)' "$ROOT/target/spark-runtime.mvn.log" >&2 || true
      maven_advice "Spark's runtime jars (spark/pom.xml)"
      return 2
    fi
    mv "$out.tmp" "$out"
  fi
}

spark_classpath() {
  resolve_spark_classpath >&2 || return $?
  cat "$ROOT/target/spark-runtime.classpath"
}
