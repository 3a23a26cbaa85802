#!/usr/bin/env bash
# Regenerates the CatDog Studio icon set (PNG, ICO, ICNS) from the hand-written SVGs.
#
# Requirements (Debian/Ubuntu):
#   apt-get update && apt-get install -y --no-install-recommends librsvg2-bin imagemagick icnsutils
# Optional, only to shrink the standalone PNGs (the committed ones were shrunk this way):
#   apt-get install -y --no-install-recommends pngquant optipng
#
# Sources:
#   catdog-studio.svg        master artwork, used for 32 px and up
#   catdog-studio-small.svg  simplified shapes, used for 24 px
#   catdog-studio-16.svg     pixel-fitted 16x16 grid, used for 16 px
set -euo pipefail
cd "$(dirname "$0")"

for n in 16 24 32 48 64 128 256 512; do
  case "$n" in
    16) src=catdog-studio-16.svg ;;
    24) src=catdog-studio-small.svg ;;
    *)  src=catdog-studio.svg ;;
  esac
  rsvg-convert -w "$n" -h "$n" "$src" -o "catdog-studio-$n.png"
done

# Windows: multi-resolution ICO (ImageMagick stores the 256 px entry PNG-compressed).
convert catdog-studio-{16,24,32,48,64,128,256}.png catdog-studio.ico

# macOS: ICNS (png2icns accepts 16, 32, 48, 128, 256, 512 px; needs plain 8-bit RGBA input).
png2icns catdog-studio.icns catdog-studio-{16,32,48,128,256,512}.png >/dev/null

# Optional: shrink the standalone PNGs (done after ICO/ICNS, which are built from the full-quality renders).
if command -v pngquant >/dev/null 2>&1; then
  for f in catdog-studio-*.png; do
    pngquant --quality=90-100 --speed 1 --strip --skip-if-larger --force --ext .png "$f" || true
  done
fi
if command -v optipng >/dev/null 2>&1; then optipng -quiet -o5 catdog-studio-*.png; fi

ls -l catdog-studio*
