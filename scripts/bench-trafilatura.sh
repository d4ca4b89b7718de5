#!/usr/bin/env bash
# Side-by-side benchmark of main-text extraction: Python trafilatura (defaults) vs veille, on
# the dev pages of the boilerplate gold sets, same metrics, extraction speed (pages/s).
#
#   scripts/bench-trafilatura.sh [--data DIR] [--limit N] [--extractor trafilatura|fast]
#
# Makes a throw-away virtualenv in ${TMPDIR:-/tmp}/veille-bench-venv (reused when present),
# installs trafilatura 2.3.1 (or the newest 2.x when 2.3.1 is not available), builds veille
# with `cargo build --release`, runs `veille eval clean --format jsonl`, then
# scripts/bench_trafilatura.py, which runs and scores trafilatura and prints the table.
# Not run by CI. Needs python3 (with venv) and network access to PyPI.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="$ROOT/../shared/eval"
LIMIT=()
EXTRACTOR=()
while [ $# -gt 0 ]; do
    case "$1" in
        --data) DATA="$2"; shift 2 ;;
        --limit) LIMIT=(--limit "$2"); shift 2 ;;
        --extractor) EXTRACTOR=(--extractor "$2"); shift 2 ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "bench-trafilatura: unknown argument: $1" >&2; exit 2 ;;
    esac
done
[ -d "$DATA" ] || { echo "bench-trafilatura: gold sets not found in $DATA (use --data DIR)" >&2; exit 1; }
DATA="$(cd "$DATA" && pwd)"

WANTED=2.3.1
VENV="${TMPDIR:-/tmp}/veille-bench-venv"
PY="$VENV/bin/python"
if [ ! -x "$PY" ]; then
    echo "bench-trafilatura: creating $VENV" >&2
    python3 -m venv "$VENV"
fi
if ! "$PY" -m pip install -q --disable-pip-version-check "trafilatura==$WANTED" >&2; then
    echo "bench-trafilatura: NOTE: trafilatura $WANTED could not be installed; using the newest 2.x" >&2
    "$PY" -m pip install -q --disable-pip-version-check "trafilatura>=2,<3" >&2
fi
# jusText (a trafilatura dependency) imports lxml.html.clean, a separate package since lxml 5.2.
if ! "$PY" -c "import lxml.html.clean" 2>/dev/null; then
    "$PY" -m pip install -q --disable-pip-version-check lxml_html_clean >&2
fi
INSTALLED="$("$PY" -c 'import trafilatura; print(trafilatura.__version__)')"
if [ "$INSTALLED" != "$WANTED" ]; then
    echo "NOTE: trafilatura $WANTED not available; benchmarking trafilatura $INSTALLED"
fi

echo "bench-trafilatura: building veille (cargo build --release)" >&2
(cd "$ROOT" && cargo build --release --quiet)
VEILLE="$ROOT/target/release/veille"

OUT="$(mktemp -d "${TMPDIR:-/tmp}/veille-bench.XXXXXX")"
trap 'rm -rf "$OUT"' EXIT
echo "bench-trafilatura: running veille eval clean" >&2
"$VEILLE" eval clean --data "$DATA" --format jsonl "${LIMIT[@]}" "${EXTRACTOR[@]}" \
    >"$OUT/veille.jsonl" 2>"$OUT/veille.stderr" || {
    cat "$OUT/veille.stderr" >&2
    exit 1
}
echo "bench-trafilatura: running trafilatura $INSTALLED (one process, one thread)" >&2
OMP_NUM_THREADS=1 "$PY" "$ROOT/scripts/bench_trafilatura.py" --data "$DATA" "${LIMIT[@]}" \
    --veille-rows "$OUT/veille.jsonl" --veille-stderr "$OUT/veille.stderr"
