#!/usr/bin/env bash
# Regenerates the app icons in assets/ from icon.svg (run once after changing the drawing; the
# results are committed). Debian: apt-get install librsvg2-bin icoutils icnsutils
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for s in 16 32 48 64 128 256 512 1024; do rsvg-convert -w "$s" -h "$s" icon.svg -o "$tmp/$s.png"; done
cp "$tmp/1024.png" ../icon.png
icotool -c -o ../icon.ico "$tmp"/{16,32,48,64,128,256}.png
png2icns ../icon.icns "$tmp"/{16,32,128,256,512,1024}.png >/dev/null
