#!/bin/sh
# Cuts the Arabic letters most text uses (the Arabic block U+0600-06FF, with ZWNJ, ZWJ and LRM)
# out of the Noto Sans Arabic files of @fontsource/noto-sans-arabic, keeping every OpenType feature
# (joining forms, ligatures, marks are reached through them): ~21 kB per weight instead of 49 kB.
# scripts/fonts-css.mjs serves these first and fontsource's full file only for the rarer letters.
# The results are committed; run this again only after updating the font package.
# Needs fontTools with brotli (Debian: apt-get install python3-fonttools python3-brotli).
set -e
cd "$(dirname "$0")/.."
for weight in 400 700; do
	/usr/bin/python3 -m fontTools.subset \
		"node_modules/@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-$weight-normal.woff2" \
		--unicodes='U+0600-06FF,U+200C-200E' --layout-features='*' --flavor=woff2 \
		--output-file="src/lib/styles/fonts/noto-sans-arabic-core-$weight.woff2"
done
ls -l src/lib/styles/fonts
