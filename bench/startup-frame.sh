#!/usr/bin/env bash
# How long the desktop window stays blank at start-up (issue 20): starts the app RUNS times under Xvfb with a
# window manager, on a machine made busy on purpose, and for each run prints
#   window_s        seconds from the launch to the window being mapped,
#   blank_s         seconds from the window being mapped to the first sight of content, from outside: the top of
#                   the window is read every 10 ms (bench/first_frame_watch.py, python3-xlib), and blank_s lies
#                   between blank_lo (the last blank read) and this figure (the first read with content),
#   app_frame_ms    the app's own log: the first frame on screen after show() was called, as JavaFX's renderer
#                   reported it (FirstFrame),
#   load            the load average at the launch.
# LOAD=N starts N busy loops (shell `while :`) for the whole run besides whatever else runs: on 2 cores, N=4 is a
# busy machine. Each launch's first content is saved as a screenshot to look at.
# Needs: xvfb openbox xdotool imagemagick python3-xlib; the jar (mvn -o -q package -DskipTests).
# Usage: RUNS=5 LOAD=4 bench/startup-frame.sh [extra java options]
#        JARS="target/catdog-studio.jar /tmp/main/target/catdog-studio.jar" RUNS=5 bench/startup-frame.sh
#        (several builds, alternated run by run, so they share the machine's load)
#        TEMPLATE_HOME=DIR: each launch's CATDOG_HOME starts as a copy of DIR (a last data set and model to reopen)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
LOAD=${LOAD:-0}
SCREEN=${SCREEN:-:93}
JARS=${JARS:-${JAR:-target/catdog-studio.jar}}
OUT=${OUT:-$(mktemp -d)}
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
if ! xdpyinfo -display "$SCREEN" >/dev/null 2>&1; then
  Xvfb "$SCREEN" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & PIDS+=($!)
  sleep 1
  DISPLAY=$SCREEN openbox >/dev/null 2>&1 & PIDS+=($!)
  sleep 1
fi
for _ in $(seq 1 "$LOAD"); do
  bash -c 'while :; do :; done' & PIDS+=($!)
done
[ "$LOAD" -gt 0 ] && sleep 5 # let the load average rise
export DISPLAY=$SCREEN
now() { date +%s.%N; }
echo "run jar window_s blank_lo blank_s app_frame_ms load"
for run in $(seq 1 "$RUNS"); do
for JAR in $JARS; do
  tag="$run-$(echo "$JAR" | md5sum | cut -c1-6)"
  home="$OUT/home-$tag"
  mkdir -p "$home"
  if [ -n "${TEMPLATE_HOME:-}" ]; then
    cp -r "$TEMPLATE_HOME"/. "$home"/
    rm -rf "$home/data/logs" # this launch's log only
  fi
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/python3 bench/first_frame_watch.py "$SCREEN" "CatDog Studio" 180 >"$OUT/watch-$tag.json" &
  watch=$!
  t0=$(now)
  CATDOG_HOME="$home" java -Dai.djl.offline=true "$@" -jar "$JAR" >"$OUT/app-$tag.log" 2>&1 &
  app=$!
  wait "$watch" || true
  wid=$(xdotool search --onlyvisible --name '^CatDog Studio$' 2>/dev/null | head -1 || true)
  [ -n "$wid" ] && import -silent -window "$wid" "$OUT/first-content-$tag.png" 2>/dev/null || true
  sleep 3 # the app's log line comes after the first frame
  frame=$(grep -ho 'first frame on screen [0-9]* ms' "$OUT/app-$tag.log" "$home"/data/logs/*.log 2>/dev/null \
    | head -1 | grep -o '[0-9]*' || echo '?')
  /usr/bin/python3 - "$t0" "$OUT/watch-$tag.json" "$run" "$JAR" "$frame" "$load" <<'EOF'
import json, sys
t0, path, run, jar, frame, load = float(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
w = json.load(open(path))
if "error" in w:
    print(run, jar, "error:", w["error"])
else:
    print(run, jar, "%.2f" % (w["mapped"] - t0), "%.2f" % (w["content_before"] - w["mapped"]),
          "%.2f" % (w["content_after"] - w["mapped"]), frame, load)
EOF
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  sleep 2
done
done
echo "screenshots, logs and the watcher's lines: $OUT"
