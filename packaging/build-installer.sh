#!/usr/bin/env bash
# Builds the Windows or macOS installer of CatDog Studio on that system (jpackage cannot cross-build):
#
#   packaging/build-installer.sh msi|exe      on Windows (needs the WiX Toolset 3 on the PATH)
#   packaging/build-installer.sh dmg|pkg      on macOS
#   packaging/build-installer.sh app-image    any system: the application folder only (a quick check)
#
# Runs in bash (Git Bash on Windows). Steps: mvn package (Maven fetches this system's JavaFX and
# libtorch jars); the jar and target/lib/ become jpackage's input (JavaFX on the class path, as the
# runtime carries no JavaFX modules); jlink a runtime with the JDK modules the jars use (jdeps) plus
# the ones loaded by name; jpackage with jpackage.cfg and packaging/windows.cfg or macos.cfg into
# target/dist/. The CI workflow .github/workflows/installers.yml runs this and then installs and
# starts the result. Linux has its own script with a trimmed runtime: packaging/build-linux.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
TYPE=${1:?usage: packaging/build-installer.sh msi|exe|dmg|pkg}
case "$TYPE" in
  msi|exe) PLATFORM_CFG=packaging/windows.cfg ;;
  dmg|pkg) PLATFORM_CFG=packaging/macos.cfg ;;
  app-image) PLATFORM_CFG="" ;;
  *) echo "unknown installer type $TYPE (msi, exe, dmg, pkg or app-image)" >&2; exit 2 ;;
esac
T=target/installer
DIST=target/dist
step() { printf '[%s] %s\n' "$(date +%T)" "$*"; }
start=$(date +%s)

step "mvn package"
# shellcheck disable=SC2086
mvn -B -q -ntp ${MVN_ARGS:-} package -DskipTests

rm -rf "$T" "$DIST"
mkdir -p "$T/input/lib" "$DIST"
cp target/catdog-studio.jar "$T/input/"
cp target/lib/*.jar "$T/input/lib/"

step "jdeps: JDK modules the jars use"
mods="java.desktop java.logging java.management java.naming java.net.http java.scripting java.sql java.xml"
mods="$mods java.compiler jdk.unsupported jdk.crypto.ec jdk.zipfs"
for jar in "$T"/input/catdog-studio.jar "$T"/input/lib/*.jar; do
  desc=$(jar --describe-module --file "$jar" 2>/dev/null || true)
  if grep -q '^requires' <<<"$desc" && ! grep -q 'automatic' <<<"$desc"; then
    # a modular jar (JavaFX, ...): its module-info names the JDK modules it needs. A plain jar is
    # described as an automatic module that "requires java.base": jdeps reads its classes instead.
    m=$(awk '$1=="requires"{for(i=2;i<=NF;i++) if ($i ~ /^(java|jdk)\./) print $i}' <<<"$desc")
  else
    m=$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps "$jar" 2>/dev/null | tr ',' ' ' || true)
  fi
  mods="$mods $m"
done
# shellcheck disable=SC2086  # one module name per word
MODS=$(printf '%s\n' $mods | tr -d '\r' | sed 's/@.*//' | grep -v '^$' | sort -u | paste -sd, -)
echo "modules: $MODS"

step "jlink"
jlink --add-modules "$MODS" --strip-debug --no-header-files --no-man-pages --output "$T/runtime"

step "jpackage $TYPE"
PLATFORM=()
[ -z "$PLATFORM_CFG" ] || PLATFORM=("@$PLATFORM_CFG")
# (the ${a[@]+...} form: macOS's bash 3.2 calls an empty array unbound under set -u)
jpackage --type "$TYPE" @jpackage.cfg ${PLATFORM[@]+"${PLATFORM[@]}"} --input "$T/input" --runtime-image "$T/runtime" --dest "$DIST"

step "done in $(( $(date +%s) - start )) s"
ls -l "$DIST"
