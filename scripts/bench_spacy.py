"""spaCy's named-entity recognizer on veille's exported Dev sets, for scripts/bench-spacy.sh.

    bench_spacy.py tag EXPORT_DIR PRED_DIR LANG=MODULE...
        Tags every set of EXPORT_DIR/index.jsonl whose language has a model: sentence sets on
        their given tokens (a Doc built from the words, so tokenization is the gold one), text
        sets from their raw text. Only the components NER needs run (tok2vec and ner; the
        others are disabled). Writes PRED_DIR/<file> (same lines, predicted spans) and
        PRED_DIR/index.jsonl with the seconds spent in spaCy and the tokens it processed.

    bench_spacy.py table VEILLE_JSONL SPACY_JSONL
        Prints F1 per set side by side (label `all`) and the speeds, from the JSON Lines of
        `veille eval ner` (ours) and `veille eval ner --predictions` (spaCy's).

Labels: PER/PERSON -> PER; ORG -> ORG; LOC/GPE/FAC -> LOC; MISC/NORP/EVENT/PRODUCT/
WORK_OF_ART/LAW/LANGUAGE -> MISC; anything else (dates, numbers, money...) dropped.
"""

import importlib
import json
import os
import sys
import time

LABELS = {
    "PER": "PER",
    "PERSON": "PER",
    "ORG": "ORG",
    "LOC": "LOC",
    "GPE": "LOC",
    "FAC": "LOC",
    "MISC": "MISC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}


def load(module_name):
    import spacy  # noqa: F401  (fails early with a clear message when missing)

    nlp = importlib.import_module(module_name).load()
    keep = {"tok2vec", "ner"}
    disabled = [name for name in nlp.pipe_names if name not in keep]
    nlp.select_pipes(disable=disabled)
    return nlp


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def tag(export_dir, pred_dir, models):
    from spacy.tokens import Doc

    os.makedirs(pred_dir, exist_ok=True)
    loaded = {}
    index_out = []
    for entry in read_jsonl(os.path.join(export_dir, "index.jsonl")):
        lang = entry["lang"]
        if lang not in models:
            print(f"bench-spacy: {entry['set']}: no spaCy model for {lang}, skipped", file=sys.stderr)
            continue
        if lang not in loaded:
            loaded[lang] = load(models[lang])
        nlp = loaded[lang]
        items = read_jsonl(os.path.join(export_dir, entry["file"]))
        out = []
        tokens = 0
        if entry["kind"] == "tokens":
            start = time.perf_counter()
            docs = [Doc(nlp.vocab, words=item["tokens"]) for item in items]
            docs = list(nlp.pipe(docs, batch_size=256))
            seconds = time.perf_counter() - start
            for item, doc in zip(items, docs):
                tokens += len(doc)
                spans = [
                    {"start": e.start, "end": e.end, "label": LABELS[e.label_]}
                    for e in doc.ents
                    if e.label_ in LABELS
                ]
                out.append({"tokens": item["tokens"], "spans": spans})
        else:
            start = time.perf_counter()
            docs = list(nlp.pipe([item["text"] for item in items], batch_size=16))
            seconds = time.perf_counter() - start
            for item, doc in zip(items, docs):
                tokens += len(doc)
                spans = [
                    {"start": e.start_char, "end": e.end_char, "label": LABELS[e.label_]}
                    for e in doc.ents
                    if e.label_ in LABELS
                ]
                out.append({"id": item["id"], "spans": spans})
        with open(os.path.join(pred_dir, entry["file"]), "w", encoding="utf-8") as f:
            for line in out:
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
        index_out.append(
            {"set": entry["set"], "file": entry["file"], "seconds": seconds, "tokens": tokens,
             "model": models[lang]}
        )
        print(f"bench-spacy: {entry['set']}: {len(items)} items, {tokens} tokens, "
              f"{seconds:.2f} s", file=sys.stderr)
    with open(os.path.join(pred_dir, "index.jsonl"), "w", encoding="utf-8") as f:
        for line in index_out:
            f.write(json.dumps(line) + "\n")


def rows(path):
    f1, speed = {}, {}
    if not os.path.exists(path):
        return f1, speed
    for r in read_jsonl(path):
        if "tokens_per_second" in r:
            speed[r["set"]] = r
        elif r.get("label") == "all":
            f1[r["set"]] = r
    return f1, speed


def table(veille_path, spacy_path):
    v_f1, v_speed = rows(veille_path)
    s_f1, s_speed = rows(spacy_path)
    sets = list(dict.fromkeys(list(v_f1) + list(s_f1)))
    print(f"{'set':<24} {'veille P':>8} {'R':>6} {'F1':>6}   {'spaCy P':>8} {'R':>6} {'F1':>6}"
          f"   {'veille tok/s':>12} {'spaCy tok/s':>11} {'ratio':>7}")

    def cell(r):
        return (f"{r['precision']:>8.3f} {r['recall']:>6.3f} {r['f1']:>6.3f}" if r
                else f"{'-':>8} {'-':>6} {'-':>6}")

    for s in sets:
        v, sp = v_f1.get(s), s_f1.get(s)
        vs, ss = v_speed.get(s), s_speed.get(s)
        v_tps = vs["tokens_per_second"] if vs else None
        s_tps = ss["tokens_per_second"] if ss else None
        ratio = f"{v_tps / s_tps:>6.1f}x" if v_tps and s_tps else f"{'-':>7}"
        timed = f" ({vs['timed']})" if vs and vs["timed"] != "tagger" else ""
        v_col = f"{v_tps:>12.0f}" if v_tps else f"{'-':>12}"
        s_col = f"{s_tps:>11.0f}" if s_tps else f"{'-':>11}"
        print(f"{s:<24} {cell(v)}   {cell(sp)}   {v_col} {s_col} {ratio}{timed}")
    both = [s for s in sets if s in v_speed and s in s_speed and v_speed[s]["timed"] == "tagger"]
    if both:
        v_tok = sum(v_speed[s]["tokens"] for s in both)
        v_sec = sum(v_speed[s]["seconds"] for s in both)
        s_tok = sum(s_speed[s]["tokens"] for s in both)
        s_sec = sum(s_speed[s]["seconds"] for s in both)
        if v_sec > 0 and s_sec > 0:
            v_tps, s_tps = v_tok / v_sec, s_tok / s_sec
            print(f"{'sets scored by both':<24} {'':>22}   {'':>22}   {v_tps:>12.0f} {s_tps:>11.0f} "
                  f"{v_tps / s_tps:>6.1f}x  ({len(both)} sets, {v_tok} tokens)")


def main(argv):
    if len(argv) >= 3 and argv[1] == "tag":
        models = dict(arg.split("=", 1) for arg in argv[4:])
        tag(argv[2], argv[3], models)
    elif len(argv) == 4 and argv[1] == "table":
        table(argv[2], argv[3])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
