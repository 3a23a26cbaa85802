#!/usr/bin/env bash
# Builds the Linux app-image and .deb of CatDog Studio from a clean clone:
#
#   packaging/build-linux.sh            (MVN_ARGS="-o" to build offline)
#
# Steps: mvn package; strip the natives of other platforms out of the jars; make JavaFX jmods whose
# natives go to the runtime's lib/ folder; jlink a trimmed runtime (only the modules jdeps and the
# modular jars name); jpackage an app-image and a .deb (xz level 9) into target/dist/.
# Needs JDK 17+ with jmods (Debian: openjdk-17-jdk), Maven, zip/unzip, fakeroot and dpkg-deb.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
T=target/pkg
DIST=target/dist
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
JMODS=$JAVA_HOME/jmods
[ -d "$JMODS" ] || { echo "no $JMODS: install a full JDK (Debian: openjdk-17-jdk)" >&2; exit 1; }
step() { printf '[%s] %s\n' "$(date +%T)" "$*"; }
start=$(date +%s)

step "mvn package"
# shellcheck disable=SC2086
mvn -B -q -ntp ${MVN_ARGS:-} package -DskipTests

rm -rf "$T" "$DIST"
mkdir -p "$T/input/lib" "$T/input/native" "$T/fx" "$T/jmods" "$DIST"
cp target/catdog-studio.jar "$T/input/"

step "jars: copy, strip foreign natives"
for jar in target/lib/*.jar; do
  name=$(basename "$jar")
  case "$name" in
    javafx-*-linux.jar) cp "$jar" "$T/fx/" ;;   # becomes a jmod in the runtime
    javafx-*.jar) ;;                            # empty stubs; the -linux jars hold the classes
    *) cp "$jar" "$T/input/lib/" ;;
  esac
done
L=$T/input/lib
# ONNX Runtime: natives for 5 platforms (about 130 MB of 137 MB, with macOS debug symbols). Keep none
# in the jar; this platform's two libraries go to app/native (onnxruntime.native.path, linux-app.cfg).
unzip -q -o -j "$L"/onnxruntime-[0-9]*.jar 'ai/onnxruntime/native/linux-x64/*' -d "$T/input/native"
zip -q -d "$L"/onnxruntime-[0-9]*.jar 'ai/onnxruntime/native/*'
# JNA: 30 platforms; this one's libjnidispatch.so goes to app/native (jna.boot.library.path).
unzip -q -o -j "$L"/jna-[0-9]*.jar 'com/sun/jna/linux-x86-64/libjnidispatch.so' -d "$T/input/native"
zip -q -d "$L"/jna-[0-9]*.jar 'com/sun/jna/*/*jnidispatch*'
# DJL's PyTorch JNI: keep linux-x86_64 (cpu and cu128, for NVIDIA GPUs); drop aarch64, macOS, Windows.
zip -q -d "$L"/pytorch-jni-*.jar 'jnilib/linux-aarch64/*' 'jnilib/osx-*' 'jnilib/win-*'
# libtorch (pytorch-native-cpu linux-x86_64) is this platform's only; DJL unpacks it from the jar.
# The jar's manifest Class-Path names every jar in lib/; the ones not here (JavaFX) are skipped by Java.

step "JavaFX jmods (natives into the runtime's lib/)"
FXMODS=""
for jar in "$T"/fx/*.jar; do
  mod=$(jar --describe-module --file "$jar" | head -1 | sed 's/@.*//; s/ .*//')
  d=$T/fx/$mod
  mkdir -p "$d/classes" "$d/libs"
  unzip -q "$jar" -d "$d/classes"
  find "$d/classes" -maxdepth 1 -name '*.so' -exec mv {} "$d/libs/" \;
  rm -rf "$d/classes/META-INF/MANIFEST.MF" "$d/classes/META-INF/"*.SF "$d/classes/META-INF/"*.RSA
  libs=()
  [ -n "$(ls -A "$d/libs")" ] && libs=(--libs "$d/libs")
  jmod create --class-path "$d/classes" "${libs[@]}" "$T/jmods/$mod.jmod"
  FXMODS="$FXMODS,$mod"
done

step "jdeps: JDK modules the jars use"
JDKMODS=""
for jar in "$T"/input/catdog-studio.jar "$L"/*.jar; do
  if jar --describe-module --file "$jar" 2>/dev/null | grep -q '^requires'; then
    # modular jar: its module-info names what it needs
    m=$(jar --describe-module --file "$jar" | awk '$1=="requires"{for(i=2;i<=NF;i++) if ($i ~ /^(java|jdk)\./) print $i}')
  else
    m=$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps "$jar" 2>/dev/null | tr ',' '\n' || true)
  fi
  JDKMODS="$JDKMODS $m"
done
# + jdk.unsupported (sun.misc.Unsafe: JavaFX, gson, DJL), jdk.crypto.ec (TLS for the ResNet50
# download), jdk.zipfs (DJL reads zipped models), jdk.localedata is NOT needed (English UI).
MODS=$(printf '%s\n' $JDKMODS java.base jdk.unsupported jdk.crypto.ec jdk.zipfs | sed 's/@.*//' | grep -v '^$' | sort -u | tr '\n' ',')
MODS="${MODS%,}$FXMODS"
echo "modules: $MODS"

step "jlink"
jlink --module-path "$JMODS:$T/jmods" --add-modules "$MODS" \
  --strip-debug --no-header-files --no-man-pages --strip-native-commands --compress=2 \
  --output "$T/runtime"
# java.desktop (ImageIO, BufferedImage) brings natives the app never loads: sound (libasound) and the
# AWT splash screen (libgif, libjpeg, libpng). Removed, they leave the package and its Depends.
rm -f "$T/runtime/lib/libjsound.so" "$T/runtime/lib/libsplashscreen.so"

step "jpackage app-image"
COMMON=(@jpackage.cfg @packaging/linux-app.cfg --input "$T/input" --runtime-image "$T/runtime" --dest "$DIST")
jpackage --type app-image "${COMMON[@]}"

step "jpackage deb (xz -${DEB_XZ_LEVEL:-9})"
# jpackage runs dpkg-deb without -Z/-z; dpkg 1.21.10+ takes the compressor from the environment.
DPKG_DEB_COMPRESSOR_TYPE=xz DPKG_DEB_COMPRESSOR_LEVEL=${DEB_XZ_LEVEL:-9} \
  jpackage --type deb "${COMMON[@]}" @packaging/linux.cfg

step "done in $(( $(date +%s) - start )) s"
du -sh "$DIST"/* "$T/runtime"
