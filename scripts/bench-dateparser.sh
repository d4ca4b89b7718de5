#!/usr/bin/env bash
# Side-by-side benchmark of time-expression resolution: Python dateparser (search_dates,
# French, anchored on the document creation time) vs veille, on the French TimeBank dev
# documents: correct values (a gold TIMEX3 overlapped by a found expression with the gold
# value at the gold's granularity) and speed.
#
#   scripts/bench-dateparser.sh [--data DIR]
#
# Makes a throw-away virtualenv in ${TMPDIR:-/tmp}/veille-dateparser-venv (reused when
# present), installs dateparser, builds veille (`cargo build --release -p cli`), runs
# `veille eval times` (value row) and times both on the same texts. Not run by CI.
# Needs python3 (with venv) and network access to PyPI.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="$ROOT/../shared/eval"
while [ $# -gt 0 ]; do
    case "$1" in
        --data) DATA="$2"; shift 2 ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "bench-dateparser: unknown argument: $1" >&2; exit 2 ;;
    esac
done
TB="$DATA/timex-events-fr-timebank/Data"
[ -d "$TB" ] || { echo "bench-dateparser: $TB not found (use --data DIR)" >&2; exit 1; }

VENV="${TMPDIR:-/tmp}/veille-dateparser-venv"
PY="$VENV/bin/python"
if [ ! -x "$PY" ]; then
    echo "bench-dateparser: creating $VENV" >&2
    python3 -m venv "$VENV"
fi
"$PY" -c "import dateparser" 2>/dev/null || "$PY" -m pip install -q --disable-pip-version-check dateparser >&2

echo "bench-dateparser: building veille (cargo build --release -p cli)" >&2
(cd "$ROOT" && cargo build --release --quiet -p cli)
VEILLE="${CARGO_TARGET_DIR:-$ROOT/target}/release/veille"

OUT="$(mktemp -d "${TMPDIR:-/tmp}/veille-bench-dp.XXXXXX")"
trap 'rm -rf "$OUT"' EXIT

# veille: five runs of the whole eval over the French TimeBank copy, best time kept.
mkdir -p "$OUT/data/timex-events-fr-timebank"
ln -s "$TB" "$OUT/data/timex-events-fr-timebank/Data"
best=""
for _ in 1 2 3 4 5; do
    start=$(date +%s.%N)
    "$VEILLE" eval times --data "$OUT/data" --format jsonl >"$OUT/veille.jsonl"
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
done

"$PY" - "$TB" "$OUT/veille.jsonl" "$best" <<'PYEOF'
import glob, html, json, re, sys, time
import dateparser
from dateparser.search import search_dates

tb, veille_rows, veille_seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
docs = []
for path in sorted(glob.glob(tb + "/*.tml")):
    raw = open(path, encoding="utf-8").read()
    dct = re.search(r'<DCT><TIMEX3[^>]*value="([^"]+)"', raw).group(1)
    body = raw[raw.index("<TEXT>") + 6 : raw.index("</TEXT>")]
    text, gold, pos = "", [], 0
    for m in re.finditer(r"<(/?)([A-Z0-9]+)([^>]*)>", body):
        text += html.unescape(body[pos : m.start()])
        if m.group(2) == "TIMEX3" and not m.group(1) and not m.group(3).endswith("/"):
            value = re.search(r'value="([^"]*)"', m.group(3))
            gold.append([len(text), None, value.group(1) if value else ""])
        elif m.group(2) == "TIMEX3" and m.group(1) and gold and gold[-1][1] is None:
            gold[-1][1] = len(text)
        pos = m.end()
    text += html.unescape(body[pos:])
    docs.append((text, dct, [g for g in gold if g[1] is not None]))

def as_value(dt, gold_value):
    # dateparser gives a datetime: compare at the granularity of the gold value.
    day = dt.strftime("%Y-%m-%d")
    for form in (dt.strftime("%Y-%m-%dT%H:%M"), day, day[:7], day[:4]):
        if gold_value == form:
            return True
    return False

correct = found = 0
gold_total = sum(len(g) for _, _, g in docs)
start = time.perf_counter()
results = []
for text, dct, gold in docs:
    base = dateparser.parse(dct)
    hits = search_dates(text, languages=["fr"], settings={"RELATIVE_BASE": base}) or []
    results.append(hits)
elapsed = time.perf_counter() - start
for (text, dct, gold), hits in zip(docs, results):
    spans, cursor = [], 0
    for s, dt in hits:
        at = text.find(s, cursor)
        if at < 0:
            at = text.find(s)
        if at >= 0:
            cursor = at + len(s)
        spans.append((at, at + len(s), dt))
    found += len(spans)
    used = [False] * len(spans)
    for gs, ge, gv in gold:
        for k, (s, e, dt) in enumerate(spans):
            if not used[k] and s >= 0 and s < ge and gs < e and as_value(dt, gv):
                used[k] = True
                correct += 1
                break

veille = next(
    json.loads(l) for l in open(veille_rows)
    if '"metric":"value"' in l and "fr-timebank" in l
)
print(f"French TimeBank dev: {len(docs)} documents, {gold_total} gold TIMEX3")
print(f"{'system':<12} {'correct values':>15} {'found':>7} {'value F1':>9} {'seconds':>9}")
v_found = veille["tp"] + veille["fp"]
print(f"{'veille':<12} {veille['tp']:>15} {v_found:>7} {veille['f1']:>9.3f} {veille_seconds:>9.3f}")
p = correct / found if found else 1.0
r = correct / gold_total if gold_total else 1.0
f1 = 2 * p * r / (p + r) if p + r else 0.0
print(f"{'dateparser':<12} {correct:>15} {found:>7} {f1:>9.3f} {elapsed:>9.3f}")
print(f"speed ratio (dateparser time / veille time, veille time includes process start and the whole analysis): {elapsed / veille_seconds:.1f}x")
PYEOF
