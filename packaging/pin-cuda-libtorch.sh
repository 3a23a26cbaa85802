#!/usr/bin/env bash
# Prints the pin lines of DJL's CUDA libtorch for src/main/resources/studio/catdog/backbones/cuda-libtorch-pins.txt:
# version, entry, gzipped bytes, SHA-256, unpacked bytes. Run it on a machine that reaches DJL's server, twice
# (or on two machines), and ship the lines only when both runs agree.
#
#   packaging/pin-cuda-libtorch.sh [VERSION [FLAVOR [CLASSIFIER]]]     # default 2.7.1 cu128 linux-x86_64
#
# DJL_PYTORCH_BASE moves the server (default https://publish.djl.ai/pytorch); plain http is refused unless
# PIN_ALLOW_HTTP=1 (a local copy, for testing this script).
set -euo pipefail
version=${1:-2.7.1}
flavor=${2:-cu128}
classifier=${3:-linux-x86_64}
base=${DJL_PYTORCH_BASE:-https://publish.djl.ai/pytorch}
proto='=https'
[ "${PIN_ALLOW_HTTP:-0}" = 1 ] && proto='=https,http'
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
curl -fsSL --proto "$proto" "$base/$version/files.txt" -o "$tmp/files.txt"
entries=$(tr -d '\r' < "$tmp/files.txt" | grep -E "^$flavor/$classifier/.*\.gz$" || true)
if [ -z "$entries" ]; then
    echo "the server lists no $flavor libtorch $version for $classifier" >&2
    exit 1
fi
while read -r entry; do
    curl -fsSL --proto "$proto" "$base/$version/$entry" -o "$tmp/file.gz"
    bytes=$(stat -c %s "$tmp/file.gz")
    sha=$(sha256sum "$tmp/file.gz" | cut -d' ' -f1)
    unpacked=$(gzip -dc "$tmp/file.gz" | wc -c)
    echo "$version $entry $bytes $sha $unpacked"
done <<< "$entries"
