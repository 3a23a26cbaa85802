#!/usr/bin/env bash
# Starts the real app with the README's command (mvn -q javafx:run) in a real window under Xvfb and
# drives it by its keyboard shortcuts on the real data: open the data set (Ctrl+O, typing the path
# into the system folder chooser), train (Ctrl+T), Mistakes (Ctrl+4), evaluate (Ctrl+E), Prediction
# (Ctrl+3) and open an image (Ctrl+I). It then fails if the log has an ERROR line or the window shows
# an error banner, and leaves screenshots in $OUT.
#
# Needs: apt-get install -y --no-install-recommends xvfb xauth libgtk-3-0 imagemagick x11-utils xdotool
# Usage: docs/drive-real-app.sh [DATA_DIR] [BACKBONE]   (defaults: ../shared/data/cats-and-dogs, builtin)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=$(realpath "${1:-../shared/data/cats-and-dogs}")
BACKBONE=${2:-builtin}
OUT=${OUT:-/tmp/catdog-drive}
DISPLAY_NUM=${DISPLAY_NUM:-:88}
rm -rf "$OUT"; mkdir -p "$OUT"
export CATDOG_HOME="$OUT/home"
mkdir -p "$CATDOG_HOME/data"
# The backbone the Training pane starts with (ResNet50 cannot be downloaded offline).
printf 'backbone=%s\n' "$BACKBONE" > "$CATDOG_HOME/data/settings.properties"
IMAGE=$(find "$DATA/test_set" -name '*.jpg' | sort | sed -n 1p)

Xvfb "$DISPLAY_NUM" -screen 0 1280x800x24 -nolisten tcp >"$OUT/xvfb.log" 2>&1 &
XVFB=$!
export DISPLAY=$DISPLAY_NUM
cleanup() { kill "$APP" 2>/dev/null || true; pkill -f 'studio.catdog' 2>/dev/null || true; kill "$XVFB" 2>/dev/null || true; }
trap cleanup EXIT
sleep 2

# INFO on the console too (a system property logback reads), so the script sees jobs end.
JAVA_TOOL_OPTIONS="-Dcatdog.console.level=INFO" mvn -q javafx:run >"$OUT/app.log" 2>&1 &
APP=$!

shot() { import -window root "$OUT/$1.png"; echo "screenshot $OUT/$1.png"; }
window() { xdotool search --name "$1" 2>/dev/null | sed -n 1p || true; }
wait_for_window() {
  local name=$1 deadline=$((SECONDS + ${2:-120}))
  until [ -n "$(window "$name")" ]; do
    [ $SECONDS -lt $deadline ] || { echo "no window '$name'"; shot "missing-$name"; exit 1; }
    sleep 1
  done
}
wait_for_log() {
  local pattern=$1 deadline=$((SECONDS + ${2:-600}))
  until grep -q "$pattern" "$OUT/app.log"; do
    [ $SECONDS -lt $deadline ] || { echo "log never showed '$pattern'"; shot timeout; exit 1; }
    sleep 2
  done
}
key() { xdotool key --clearmodifiers "$@"; sleep 1; }
focus() {  # no window manager under Xvfb: give the window the keyboard by hand
  wait_for_window "$1" 60
  xdotool windowfocus --sync "$(window "$1")"
  sleep 1
}
choose_path() {  # types a path into the GTK chooser titled $1
  focus "$1"
  key ctrl+l
  xdotool type --delay 20 "$2"
  sleep 1
  key Delete   # drop GTK's inline completion ("/t" after a folder name)
  key Return
}

wait_for_window "CatDog Studio" 180
focus "CatDog Studio"
sleep 2; shot 1-started

key ctrl+o
choose_path "Open data set folder" "$DATA"
wait_for_log "(SCAN) finished" 300
sleep 5; shot 2-dataset
focus "CatDog Studio"

key ctrl+t
wait_for_log "(TRAIN) finished" 1500
sleep 3; shot 3-trained

focus "CatDog Studio"
key ctrl+4
key ctrl+e
wait_for_log "(EVALUATE) finished" 600
sleep 3; shot 4-evaluated

focus "CatDog Studio"
key ctrl+3
key ctrl+i
choose_path "Classify images" "$IMAGE"
wait_for_log "(PREDICT) finished" 120
sleep 3; shot 5-predicted

if grep -n "^ERROR\|Exception in thread" "$OUT/app.log"; then
  echo "FAILED: the log has ERROR lines (above)"; exit 1
fi
echo "OK: no ERROR line in $OUT/app.log"
