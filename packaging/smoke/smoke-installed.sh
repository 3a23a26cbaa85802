#!/usr/bin/env bash
# Checks an installed CatDog Studio through its command-line launcher, offline: version, the backbone
# list, a small training run with the built-in MobileNetV2 (ONNX Runtime for the features, PyTorch for
# the head: both engines' natives for this system), and one prediction.
#
#   packaging/smoke/smoke-installed.sh CLI [WORKDIR]
#
# CLI is the installed launcher (bin/catdog, catdog.exe, CatDog Studio.app/Contents/MacOS/catdog).
# Needs a JDK on the PATH to draw the images (java SmokeImages.java). Used by
# .github/workflows/installers.yml on Windows (Git Bash) and macOS; works on Linux too.
set -euo pipefail
CLI=${1:?usage: smoke-installed.sh CLI [WORKDIR]}
W=${2:-target/smoke}
HERE=$(cd "$(dirname "$0")" && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { printf '[%s] %s\n' "$(date +%T)" "$*"; }
rm -rf "$W"
mkdir -p "$W"
# The app's own folders for this check only (models, caches, DJL's unpacked libtorch).
CATDOG_HOME=$W/home
export CATDOG_HOME

step "version"
"$CLI" --version | tee "$W/version.txt"
grep -q "CatDog Studio" "$W/version.txt" || fail "no version line"

step "backbone list"
"$CLI" backbone list --json > "$W/backbones.json"
grep -q '"resnet50-onnx-int8"' "$W/backbones.json" || fail "the pinned backbones are not listed"

step "images"
java "$HERE/SmokeImages.java" "$W/data"

step "train (builtin MobileNetV2, offline)"
t0=$(date +%s)
"$CLI" train --data "$W/data" --backbone builtin --epochs 20 --model "$W/model" > "$W/train.out" 2> "$W/train.err" \
  || { cat "$W/train.err" >&2; fail "train failed"; }
echo "train: $(( $(date +%s) - t0 )) s"
tail -1 "$W/train.out"
tail -1 "$W/train.out" | grep -Eq '"testAccuracy":(1(\.0)?|0\.[89][0-9]*)[,}]' \
  || fail "the model did not learn warm from cool pictures (test accuracy below 0.8)"

step "predict"
"$CLI" predict --model "$W/model" "$W/data/one cat.png" | tee "$W/predict.out"
grep -q '"label":"cat"' "$W/predict.out" || fail "expected the label cat"
echo "PASS"
