#!/usr/bin/env bash
# Reproduces docs/audit-label-errors.png and docs/audit-duplicates.png: copies the real data set to a
# scratch folder (the audit's screenshot moves one image there; ../shared is never changed), starts the
# real app under Xvfb with the screenshot tour in audit mode (src/test/java/studio/catdog/ui/ScreenshotTour.java,
# --only=audit), which opens the copy, audits it with the built-in MobileNetV2 (offline), prints the
# suspects, leaks and groups, moves one suspect that was looked at and is a real label error (MOVE, default
# test_set/cats/cat.4085.jpg: a beagle filed as a cat, the audit's first suspect on this data) to its suggested
# class, and shoots both tabs. The caption in README.md says which image moved and why that is right.
# Needs: apt-get install -y --no-install-recommends xvfb xauth libgtk-3-0 imagemagick x11-utils
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=${DATA:-../shared/data/cats-and-dogs}
BACKBONE=${BACKBONE:-builtin}
MOVE=${MOVE:-test_set/cats/cat.4085.jpg}
WORK=${CATDOG_SHOTS_WORK:-$(mktemp -d)}
HOME_DIR=${CATDOG_SHOTS_HOME:-$WORK/home}
mkdir -p "$WORK/data"
rm -rf "$WORK/data/cats-and-dogs"
cp -r "$SRC" "$WORK/data/cats-and-dogs"
mvn -o -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.cp
# Its own display, so a parallel screenshot run (docs/take-screenshots.sh uses :87) cannot take it away.
DISPLAY_NUM=${DISPLAY_NUM:-:89}
if ! xdpyinfo -display "$DISPLAY_NUM" >/dev/null 2>&1; then
  Xvfb "$DISPLAY_NUM" -screen 0 1280x800x24 -nolisten tcp & XVFB=$!
  trap 'kill $XVFB' EXIT
  sleep 1
fi
DISPLAY=$DISPLAY_NUM java -Dai.djl.offline=true -Dcatdog.home="$HOME_DIR" -cp "target/test-classes:target/classes:$(cat target/test.cp)" \
  studio.catdog.ui.ScreenshotTour --data="$WORK/data/cats-and-dogs" --backbone="$BACKBONE" --out=target/shots --only=audit --move="$MOVE"
for f in target/shots/audit-label-errors.png target/shots/audit-duplicates.png; do
  /usr/bin/convert "$f" -colors 256 PNG8:"docs/$(basename "$f")"
done
ls -l docs/audit-*.png
