#!/usr/bin/env python3
"""Side-by-side benchmark: Python trafilatura vs `veille eval clean` on the dev pages of the
three boilerplate gold sets (trafilatura's evaluation set, ScrapingHub, DAnIEL en/ru).

Run by scripts/bench-trafilatura.sh (which makes the virtualenv and runs veille). Not a test:
the metrics are implemented again here, independently of crates/eval, to the same definitions:

- snippets (trafilatura set): a "with" snippet found in the extracted text = TP, missing = FN;
  a "without" snippet found = FP. White space collapsed on both sides.
- 4-gram shingles (ScrapingHub, DAnIEL): words = maximal alphanumeric runs, lower-cased; sets
  of 4-word shingles (fewer than 4 words: one shingle of them all); per-document
  P = |pred & gold| / |pred|, R = |pred & gold| / |gold|, F1; the mean of each over documents.
  Empty prediction with non-empty gold: P = R = F1 = 0; both empty: 1; empty gold only: P = 0,
  R = 1, F1 = 0.

trafilatura runs with its defaults, `trafilatura.extract(html_bytes)`, in this one process and
thread; only the extract calls are timed (reading and decompressing files are not). A page
where it returns None (or raises) counts as an empty text.
"""

import argparse
import gzip
import json
import logging
import os
import re
import sys
import time

WORD = re.compile(r"[^\W_]+")

TRAFILATURA = "boilerplate-trafilatura (dev)"
SCRAPINGHUB = "boilerplate-scrapinghub (dev)"
DANIEL = "boilerplate-daniel (dev)"
TAG = re.compile(r"<[/:A-Za-z]{1,4}>")


def collapse(text):
    return " ".join(text.split())


def words(text):
    return [w.lower() for w in WORD.findall(text)]


def shingles(ws, n=4):
    if not ws:
        return set()
    if len(ws) < n:
        return {" ".join(ws)}
    return {" ".join(ws[i:i + n]) for i in range(len(ws) - n + 1)}


def shingle_scores(pred_text, gold_text):
    pred, gold = shingles(words(pred_text)), shingles(words(gold_text))
    tp = len(pred & gold)
    if not pred and not gold:
        p, r = 1.0, 1.0
    elif not pred:
        p, r = 0.0, 0.0
    elif not gold:
        p, r = 0.0, 1.0
    else:
        p, r = tp / len(pred), tp / len(gold)
    f1 = 0.0 if p + r == 0 else 2 * p * r / (p + r)
    return p, r, f1


def mean_scores(scores):
    n = max(len(scores), 1)
    return tuple(sum(s[i] for s in scores) / n for i in range(3))


def snippet_counts(text, with_, without):
    text = collapse(text)
    tp = fp = fn = 0
    for s in map(collapse, with_):
        if s:
            if s in text:
                tp += 1
            else:
                fn += 1
    for s in map(collapse, without):
        if s and s in text:
            fp += 1
    return tp, fp, fn


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 0.0 if p + r == 0 else 2 * p * r / (p + r)
    return p, r, f1


def read_gz(path):
    with gzip.open(path, "rb") as f:
        return f.read()


class Extractor:
    def __init__(self):
        import trafilatura

        self.trafilatura = trafilatura
        # Warm-up outside the timing (lazy imports, compiled expressions).
        trafilatura.extract(b"<html><body><article><p>" + b"Warm-up text. " * 30
                            + b"</p></article></body></html>")
        self.seconds = {}
        self.pages = {}
        self.failures = 0

    def extract(self, set_name, html):
        start = time.perf_counter()
        try:
            text = self.trafilatura.extract(html)
        except Exception:  # noqa: BLE001 -- a benchmark: a crash is an empty text
            text = None
            self.failures += 1
        self.seconds[set_name] = self.seconds.get(set_name, 0.0) + time.perf_counter() - start
        self.pages[set_name] = self.pages.get(set_name, 0) + 1
        return text or ""


def run_trafilatura(data, limit):
    """Rows {(set, lang, metric): (items, P, R, F1)} and timing {set: (pages, seconds)}."""
    ex = Extractor()
    rows = {}
    take = (lambda xs: xs[:limit]) if limit else (lambda xs: xs)

    # trafilatura's evaluation set: snippets.
    d = os.path.join(data, "boilerplate-trafilatura")
    with open(os.path.join(d, "evaldata.json"), encoding="utf-8") as f:
        gold = json.load(f)
    counts = {}
    for url in take(sorted(gold)):
        item = gold[url]
        html = read_gz(os.path.join(d, item["staged_file"]))
        text = ex.extract(TRAFILATURA, html)
        c = snippet_counts(text, item.get("with", []), item.get("without", []))
        lang = item.get("html_lang_attr", "")
        lang = lang if lang in ("de", "en", "fr") else "other"
        for key in (lang, "all"):
            n, tp, fp, fn = counts.get(key, (0, 0, 0, 0))
            counts[key] = (n + 1, tp + c[0], fp + c[1], fn + c[2])
    for lang in ("de", "en", "fr", "other", "all"):
        if lang in counts:
            n, tp, fp, fn = counts[lang]
            rows[(TRAFILATURA, lang, "snippet")] = (n, *prf(tp, fp, fn))

    # ScrapingHub: shingles.
    d = os.path.join(data, "boilerplate-scrapinghub")
    with open(os.path.join(d, "ground-truth.json"), encoding="utf-8") as f:
        gold = json.load(f)
    scores = []
    for doc_id in take(sorted(gold)):
        html = read_gz(os.path.join(d, "html", doc_id + ".html.gz"))
        text = ex.extract(SCRAPINGHUB, html)
        scores.append(shingle_scores(text, gold[doc_id].get("articleBody") or ""))
    rows[(SCRAPINGHUB, "all", "4-gram-shingle")] = (len(scores), *mean_scores(scores))

    # DAnIEL: shingles per language.
    d = os.path.join(data, "boilerplate-daniel")
    by_lang = {"en": [], "ru": []}
    with open(os.path.join(d, "manifest.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            fields = line.rstrip("\n").split("\t")
            lang = {"English": "en", "Russian": "ru"}.get(fields[1] if len(fields) > 1 else "")
            if lang:
                by_lang[lang].append(fields[0])
    for lang in ("en", "ru"):
        scores = []
        for doc_id in take(sorted(by_lang[lang])):
            html = read_gz(os.path.join(d, "html", doc_id + ".html.gz"))
            with open(os.path.join(d, "reference", doc_id + ".txt"), encoding="utf-8") as f:
                reference = TAG.sub("\n", f.read())
            text = ex.extract(DANIEL, html)
            scores.append(shingle_scores(text, reference))
        rows[(DANIEL, lang, "4-gram-shingle")] = (len(scores), *mean_scores(scores))

    timing = {s: (ex.pages[s], ex.seconds[s]) for s in ex.pages}
    return rows, timing, ex.failures


TIMING = re.compile(
    r"veille: timing (?P<set>.+?): (?P<pages>\d+) pages, extraction (?P<secs>[\d.]+) s "
    r"\((?P<rate>[\d.]+) pages/s\); with the whole pipeline (?P<total>[\d.]+) s "
    r"\((?P<total_rate>[\d.]+) pages/s\)"
)


def read_veille(rows_path, stderr_path):
    rows = {}
    with open(rows_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                key = (r["set"], r["lang"], r["metric"])
                rows[key] = (r["items"], r["precision"], r["recall"], r["f1"])
    timing = {}
    with open(stderr_path, encoding="utf-8") as f:
        for m in TIMING.finditer(f.read()):
            timing[m["set"]] = (
                int(m["pages"]), float(m["secs"]), float(m["rate"]), float(m["total_rate"])
            )
    return rows, timing


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True, help="the folder of gold sets (../shared/eval)")
    ap.add_argument("--limit", type=int, default=None, help="at most N pages per set/lang")
    ap.add_argument("--veille-rows", required=True, help="`veille eval clean --format jsonl`")
    ap.add_argument("--veille-stderr", required=True, help="its stderr (timing lines)")
    args = ap.parse_args()

    logging.disable(logging.CRITICAL)  # trafilatura logs warnings on odd pages
    import trafilatura

    t_rows, t_timing, failures = run_trafilatura(args.data, args.limit)
    v_rows, v_timing = read_veille(args.veille_rows, args.veille_stderr)

    print(f"trafilatura {trafilatura.__version__} (defaults, extract(html bytes), 1 thread) "
          f"vs veille eval clean")
    if failures:
        print(f"(trafilatura raised on {failures} pages: counted as empty)")
    header = (f"{'set':<30} {'lang':<5} {'metric':<15} {'pages':>5}  "
              f"{'traf P':>6} {'R':>6} {'F1':>6}  {'veille P':>8} {'R':>6} {'F1':>6}  "
              f"{'traf p/s':>8} {'veille p/s':>10} {'ratio':>6}")
    print(header)
    print("-" * len(header))
    for key, (n, p, r, f1) in t_rows.items():
        set_name, lang, metric = key
        v = v_rows.get(key)
        vp = f"{v[1]:>8.3f} {v[2]:>6.3f} {v[3]:>6.3f}" if v else f"{'n/a':>8} {'':>6} {'':>6}"
        pages, secs = t_timing.get(set_name, (0, 0.0))
        t_rate = pages / secs if secs else 0.0
        v_rate = v_timing.get(set_name, (0, 0.0, 0.0, 0.0))[2]
        ratio = f"{v_rate / t_rate:>5.1f}x" if t_rate and v_rate else f"{'n/a':>6}"
        if v and v[0] != n:
            print(f"warning: {key}: {n} pages for trafilatura, {v[0]} for veille",
                  file=sys.stderr)
        print(f"{set_name:<30} {lang:<5} {metric:<15} {n:>5}  "
              f"{p:>6.3f} {r:>6.3f} {f1:>6.3f}  {vp}  "
              f"{t_rate:>8.1f} {v_rate:>10.1f} {ratio}")
    print()
    print("pages/s: extraction only, per set (all languages of the set), single thread.")
    print("  trafilatura: time inside trafilatura.extract() (decoding included, file reading not).")
    print("  veille: decode + clean::build, as printed by `veille eval clean` on stderr;")
    print("  with veille's whole pipeline (+ langid + segment):", ", ".join(
        f"{s.split(' ')[0]} {t[3]:.1f}" for s, t in v_timing.items()))
    print("ratio = veille pages/s / trafilatura pages/s.")


if __name__ == "__main__":
    main()
