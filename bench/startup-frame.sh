#!/usr/bin/env bash
# How long the desktop window stays blank at start-up (issue 20): starts the app RUNS times under Xvfb with a
# window manager, and for each run prints
#   window_s  seconds from the launch to the window being mapped (xdotool sees it),
#   content_s seconds from the window being mapped to the first screenshot of it that shows content
#             (more than MIN_COLOURS colours; a blank window is one colour).
# Screenshots are taken back to back (ImageMagick's import, about 0.1-0.3 s each on a busy machine), so
# content_s is an upper bound by about one screenshot. The app's own log says the same from inside
# ("first frame with content N ms after the window was shown").
# Needs: xvfb openbox xdotool imagemagick x11-utils; the jar (mvn -o -q package -DskipTests).
# Usage: RUNS=5 bench/startup-frame.sh [extra java options]
#        JARS="target/catdog-studio.jar /tmp/main/target/catdog-studio.jar" RUNS=5 bench/startup-frame.sh
#        (several builds, alternated run by run, so they share the machine's load)
#        TEMPLATE_HOME=DIR: each launch's CATDOG_HOME starts as a copy of DIR (a last data set and model to reopen)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SCREEN=${SCREEN:-:93}
JARS=${JARS:-${JAR:-target/catdog-studio.jar}}
MIN_COLOURS=${MIN_COLOURS:-16}
OUT=${OUT:-$(mktemp -d)}
if ! xdpyinfo -display "$SCREEN" >/dev/null 2>&1; then
  Xvfb "$SCREEN" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & XVFB=$!
  sleep 1
  DISPLAY=$SCREEN openbox >/dev/null 2>&1 & WM=$!
  trap 'kill $WM $XVFB 2>/dev/null' EXIT
  sleep 1
fi
export DISPLAY=$SCREEN
now() { date +%s.%N; }
echo "run jar window_s content_s samples load_average"
for run in $(seq 1 "$RUNS"); do
for JAR in $JARS; do
  tag="$run-$(echo "$JAR" | md5sum | cut -c1-6)"
  home="$OUT/home-$tag"
  mkdir -p "$home"
  if [ -n "${TEMPLATE_HOME:-}" ]; then
    cp -r "$TEMPLATE_HOME"/. "$home"/
  fi
  load=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(now)
  CATDOG_HOME="$home" java -Dai.djl.offline=true "$@" -jar "$JAR" >"$OUT/app-$tag.log" 2>&1 &
  app=$!
  wid=""
  until [ -n "$wid" ]; do
    wid=$(xdotool search --onlyvisible --name '^CatDog Studio$' 2>/dev/null | head -1 || true)
    [ -n "$wid" ] || sleep 0.02
  done
  t1=$(now)
  samples=0
  while :; do
    samples=$((samples + 1))
    colours=$(import -silent -window "$wid" png:- 2>/dev/null | identify -format '%k' - 2>/dev/null || echo 0)
    t2=$(now)
    if [ "${colours:-0}" -gt "$MIN_COLOURS" ]; then
      break
    fi
    if [ "$(echo "$t2 - $t1 > 120" | bc)" = 1 ]; then
      echo "run $run: no content after 120 s" >&2
      break
    fi
  done
  import -silent -window "$wid" "$OUT/first-content-$tag.png" 2>/dev/null || true
  printf '%s %s %.2f %.2f %s %s\n' "$run" "$JAR" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" "$samples" "$load"
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  sleep 2
done
done
echo "screenshots and logs: $OUT"
