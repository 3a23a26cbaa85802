#!/usr/bin/env bash
# Reproduces docs/screenshot-*.png: starts the real app under Xvfb with the screenshot tour (a test
# class, src/test/java/studio/catdog/ui/ScreenshotTour.java, so not shipped), which opens the data
# set, trains on the built-in MobileNetV2 ONNX backbone, classifies a few test images and explains some
# ("Why?"), shows the mistakes and the calibration, writes one PNG per workspace plus
# screenshot-explain.png, and prints the training time and the longest FX-thread stall.
# Needs: apt-get install -y --no-install-recommends xvfb xauth libgtk-3-0 imagemagick x11-utils
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data/cats-and-dogs}
BACKBONE=${BACKBONE:-builtin}
HOME_DIR=${CATDOG_SHOTS_HOME:-$(mktemp -d)}
# Another X server (another checkout's screenshots) may hold :87: SCREEN=:NN picks a display of one's own.
SCREEN=${SCREEN:-:87}
mvn -o -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.cp
if ! xdpyinfo -display "$SCREEN" >/dev/null 2>&1; then
  Xvfb "$SCREEN" -screen 0 1280x800x24 -nolisten tcp & XVFB=$!
  trap 'kill $XVFB' EXIT
  sleep 1
fi
DISPLAY=$SCREEN java -Dai.djl.offline=true -Dcatdog.home="$HOME_DIR" -cp "target/test-classes:target/classes:$(cat target/test.cp)" \
  studio.catdog.ui.ScreenshotTour --data="$DATA" --backbone="$BACKBONE" --out=target/shots --epochs=15
for f in target/shots/screenshot-*.png; do
  # Keep each under ~300 KB: a 256-colour palette is plenty for a UI with photo thumbnails.
  convert "$f" -colors 256 PNG8:"docs/$(basename "$f")"
done
ls -l docs/screenshot-*.png
