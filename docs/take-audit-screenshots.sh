#!/usr/bin/env bash
# Reproduces docs/audit-label-errors.png and docs/audit-duplicates.png: copies the real data set to a
# scratch folder (the audit's screenshot moves images there; ../shared is never changed), plants label errors
# in the copy (PLANT: clear photos, looked at, moved into the other class's folder), starts the
# real app under Xvfb with the screenshot tour in audit mode (src/test/java/studio/catdog/ui/ScreenshotTour.java,
# --only=audit), which opens the copy, audits it with the built-in MobileNetV2 (offline), prints the
# suspects, leaks and groups, moves one suspect that was looked at and is a real label error (MOVE, default
# test_set/cats/cat.4085.jpg: a beagle filed as a cat, the audit's first suspect on this data) to its suggested
# class, and shoots both tabs. The caption in README.md says which image moved, which were planted and why.
# Every finding in view must be true: the real error and the planted ones lead the list, ahead of any correct
# label (the audit's own order on this data; look at the PNGs after a change to the audit).
# Needs: apt-get install -y --no-install-recommends xvfb xauth libgtk-3-0 imagemagick x11-utils
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=${DATA:-../shared/data/cats-and-dogs}
BACKBONE=${BACKBONE:-builtin}
MOVE=${MOVE:-test_set/cats/cat.4085.jpg}
# Planted errors, RELATIVE/PATH:CLASS (looked at: a tabby-and-white cat, a black-and-tan dog, a white terrier).
PLANT=${PLANT:-training_set/cats/cat.1366.jpg:dogs training_set/dogs/dog.450.jpg:cats training_set/dogs/dog.952.jpg:cats}
WORK=${CATDOG_SHOTS_WORK:-$(mktemp -d)}
HOME_DIR=${CATDOG_SHOTS_HOME:-$WORK/home}
mkdir -p "$WORK/data"
rm -rf "$WORK/data/cats-and-dogs"
cp -r "$SRC" "$WORK/data/cats-and-dogs"
for p in $PLANT; do
  file=${p%%:*}
  mv "$WORK/data/cats-and-dogs/$file" "$WORK/data/cats-and-dogs/$(dirname "$(dirname "$file")")/${p##*:}/"
  echo "planted: $file filed as ${p##*:}"
done
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
