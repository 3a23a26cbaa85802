#!/usr/bin/env bash
# Tests the built .deb as a user gets it, with no network:
#
#   packaging/test-installed.sh [--system] [DEB]     (DEB defaults to target/dist/*.deb)
#
# 1. installs the .deb: by default unpacked (dpkg -x) into a scratch root, touching nothing else;
#    with --system through apt-get (dependencies, menu entry, file associations), removed at the end;
# 2. starts the installed desktop app under Xvfb in a network namespace of its own (unshare -n), with
#    a fresh empty HOME (a true first start), waits for its main window, saves a screenshot to
#    docs/screenshot-installed.png and checks it is not blank;
# 3. generates a small image data set (ImageMagick), trains a tiny model and predicts one image with the
#    installed command line (bin/catdog), offline, checking the JSON; checks the allocator setting is in
#    effect, and that DJL's files went to the user's cache folder and nothing was written beside the
#    program.
# Needs: xvfb xauth x11-utils imagemagick libgtk-3-0 (apt-get install -y --no-install-recommends ...).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SYSTEM=0
if [ "${1:-}" = "--system" ]; then SYSTEM=1; shift; fi
DEB=${1:-$(ls target/dist/*.deb | head -1)}
[ -f "$DEB" ] || { echo "no .deb: run packaging/build-linux.sh first" >&2; exit 1; }
for tool in Xvfb xwininfo import convert unshare dpkg-deb; do
  command -v $tool >/dev/null || { echo "missing $tool: apt-get install -y --no-install-recommends xvfb xauth x11-utils imagemagick" >&2; exit 1; }
done
W=$(mktemp -d /tmp/catdog-installed.XXXXXX)
DISPLAY_NUM=${DISPLAY_NUM:-87}
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ "$SYSTEM" = 1 ] && dpkg -s catdog-studio >/dev/null 2>&1; then dpkg -r catdog-studio >/dev/null || true; fi
  [ -n "${KEEP:-}" ] || rm -rf "$W"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { printf '[%s] %s\n' "$(date +%T)" "$*"; }
start=$(date +%s)
# No network: a network namespace of our own (root), or inside a user namespace (anyone).
if [ "$(id -u)" = 0 ]; then NONET=(unshare -n); else NONET=(unshare -r -n); fi

step "install $DEB"
if [ "$SYSTEM" = 1 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$(readlink -f "$DEB")" >/dev/null
  PREFIX=/opt/catdog-studio
else
  dpkg-deb -x "$DEB" "$W/root"
  PREFIX=$W/root/opt/catdog-studio
fi
APP="$PREFIX/bin/CatDog Studio"
CLI="$PREFIX/bin/catdog"
[ -x "$APP" ] && [ -x "$CLI" ] || fail "launchers missing under $PREFIX/bin"
touch "$W/installed-marker"

# A fresh user: empty HOME, XDG defaults; nothing from this machine's caches. Java takes user.home
# from the password database, not $HOME, so it is passed as a JVM option too.
export HOME=$W/home
mkdir -p "$HOME"
unset XDG_DATA_HOME XDG_CACHE_HOME XDG_CONFIG_HOME DJL_CACHE_DIR CATDOG_HOME _JAVA_OPTIONS || true
export JAVA_TOOL_OPTIONS="-Duser.home=$HOME"

if unzip -l "$PREFIX/lib/app/catdog-studio.jar" | grep 'studio/catdog/ui/CatdogApp.class' >/dev/null; then  # no grep -q: with pipefail, unzip's SIGPIPE would fail the test
  step "desktop app under Xvfb :$DISPLAY_NUM, no network"
  Xvfb ":$DISPLAY_NUM" -screen 0 1280x800x24 -nolisten tcp >"$W/xvfb.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 50); do xwininfo -display ":$DISPLAY_NUM" -root >/dev/null 2>&1 && break; sleep 0.2; done
  export DISPLAY=":$DISPLAY_NUM"
  t0=$(date +%s)
  "${NONET[@]}" "$APP" >"$W/app.log" 2>&1 &
  PIDS+=($!)
  app_pid=$!
  win=""
  for _ in $(seq 120); do
    win=$(xwininfo -root -children 2>/dev/null | grep -i '"CatDog Studio"' | awk '{print $1}' | head -1 || true)
    [ -n "$win" ] && break
    kill -0 "$app_pid" 2>/dev/null || { cat "$W/app.log" >&2; fail "the app exited before its window appeared"; }
    sleep 1
  done
  [ -n "$win" ] || { cat "$W/app.log" >&2; fail "no main window within 120 s"; }
  echo "main window $win after $(( $(date +%s) - t0 )) s"
  sleep 8   # let it lay out and paint
  mkdir -p docs
  import -display ":$DISPLAY_NUM" -window root "$W/shot.png"
  sd=$(convert "$W/shot.png" -format '%[fx:standard_deviation]' info:)
  colors=$(convert "$W/shot.png" -format '%k' info:)
  echo "screenshot: standard deviation $sd, $colors colours"
  awk -v s="$sd" -v c="$colors" 'BEGIN { exit !(s > 0.05 && c > 64) }' || fail "screenshot looks blank (sd $sd, $colors colours)"
  cp "$W/shot.png" docs/screenshot-installed.png
  kill "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
else
  echo "SKIP window test: this build has no desktop app (studio.catdog.ui.CatdogApp); command line only"
fi

step "generate images"
D=$W/data
for split in training_set:12 test_set:4; do
  name=${split%%:*}; n=${split##*:}
  mkdir -p "$D/$name/cat" "$D/$name/dog"
  for i in $(seq "$n"); do
    # cats: warm plasma; dogs: cool plasma (the tiny backbone sees colour)
    convert -size 64x64 -seed "$i$n" plasma:orange-red "$D/$name/cat/c$i.png"
    convert -size 64x64 -seed "$i$n" plasma:blue-cyan "$D/$name/dog/d$i.jpg"
  done
done
convert -size 80x60 -seed 99 plasma:orange-red "$W/one cat.png"

step "train (installed command line, no network)"
cat >"$W/logback.xml" <<'EOF'
<configuration>
  <appender name="E" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>
    <encoder><pattern>%level %logger{0}: %msg%n</pattern></encoder></appender>
  <root level="WARN"><appender-ref ref="E"/></root>
  <logger name="studio.catdog.core.backbone" level="DEBUG"/>
</configuration>
EOF
t0=$(date +%s)
JAVA_TOOL_OPTIONS="$JAVA_TOOL_OPTIONS -Dlogback.configurationFile=$W/logback.xml" "${NONET[@]}" "$CLI" train --data "$D" \
  --backbone tiny --epochs 30 --lr 0.01 --model "$W/model" >"$W/train.out" 2>"$W/train.err" \
  || { cat "$W/train.err" >&2; fail "train failed"; }
echo "train: $(( $(date +%s) - t0 )) s (first start: unpacks libtorch into the user's cache)"
tail -1 "$W/train.out"
tail -1 "$W/train.out" | grep -q '"testAccuracy"' || fail "train printed no JSON result"
tail -1 "$W/train.out" | grep -Eq '"testAccuracy":(1\.0|0\.[89])' || fail "the tiny model did not learn the colours (test accuracy below 0.8)"
grep -q 'mallopt keep-memory settings applied: true' "$W/train.err" || { cat "$W/train.err" >&2; fail "allocator setting not in effect"; }
echo "allocator: glibc mallopt keep-memory settings in effect"

step "predict"
t0=$(date +%s)
"${NONET[@]}" "$CLI" predict --model "$W/model" "$W/one cat.png" >"$W/predict.out" 2>"$W/predict.err" \
  || { cat "$W/predict.err" >&2; fail "predict failed"; }
echo "predict: $(( $(date +%s) - t0 )) s"
cat "$W/predict.out"
grep -q '"label":"cat"' "$W/predict.out" || fail "expected label cat"

step "where files went"
ls "$HOME"/.cache/catdog-studio/djl/pytorch/2.7.1-*cpu-linux-x86_64/libtorch_cpu.so >/dev/null 2>&1 || fail "libtorch not unpacked into ~/.cache/catdog-studio/djl"
[ ! -e "$HOME/.djl.ai" ] || fail "DJL wrote ~/.djl.ai"
[ -d "$HOME/.cache/catdog-studio/features" ] || fail "no feature cache under ~/.cache/catdog-studio"
written=$(find "$PREFIX" -newer "$W/installed-marker" | head -5)
[ -z "$written" ] || fail "files written beside the program: $written"
du -sh "$HOME/.cache/catdog-studio" "$HOME/.local/share/catdog-studio" 2>/dev/null || true

echo "PASS in $(( $(date +%s) - start )) s"
