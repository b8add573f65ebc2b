#!/usr/bin/env bash
# Re-renders the committed PNG, ICO (Windows) and ICNS (macOS) icons from hookline.svg.
# Run after editing the SVG; the build only uses the committed results, never these tools.
# Needs: librsvg2-bin (rsvg-convert), imagemagick (convert), icnsutils (png2icns).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p png
for size in 16 32 48 64 128 256 512; do
    rsvg-convert --width "$size" --height "$size" hookline.svg --output "png/hookline-$size.png"
done
# The ICO also carries a 24 px image, which is not committed as a PNG.
icon24="$(mktemp --suffix=.png)"
trap 'rm -f "$icon24"' EXIT
rsvg-convert --width 24 --height 24 hookline.svg --output "$icon24"
convert png/hookline-16.png "$icon24" png/hookline-32.png png/hookline-48.png \
    png/hookline-64.png png/hookline-256.png hookline.ico
png2icns hookline.icns png/hookline-16.png png/hookline-32.png png/hookline-48.png \
    png/hookline-128.png png/hookline-256.png png/hookline-512.png >/dev/null
