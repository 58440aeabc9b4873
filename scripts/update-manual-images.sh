#!/usr/bin/env bash
# Copies the screenshots docs/manual-ja.md shows from the last GUI test run
# (build/win64/screenshots/, made by ./scripts/test.sh or ctest --preset
# win64) into docs/images/, so the manual shows the real screens, never
# drawings. Run it after a change to the dialogs, then commit docs/images/.
set -euo pipefail
cd "$(dirname "$0")/.."
shots=build/win64/screenshots
[ -d "$shots" ] || { echo "no $shots: run ./scripts/test.sh (or ctest --preset win64) first" >&2; exit 1; }
mkdir -p docs/images
n=0
for name in $(grep -o 'images/[A-Za-z0-9_.-]*\.png' docs/manual-ja.md | sort -u | sed 's|images/||'); do
  if [ ! -f "$shots/$name" ]; then
    echo "the GUI tests made no $name (docs/manual-ja.md shows it)" >&2
    exit 1
  fi
  cp "$shots/$name" "docs/images/$name"
  n=$((n + 1))
done
echo "copied $n screenshots into docs/images/"
