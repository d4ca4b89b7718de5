//! The world map of mentioned places: an inline `<svg>` drawn on the server, no script, no
//! request for anything at run time.
//!
//! The country shapes are the world-atlas TopoJSON (`assets/world-atlas/countries-110m.json`,
//! Natural Earth 1:110m, vendored from npm: see `VENDORED.md` there), embedded with
//! `include_str!`, decoded by our own code on first use (quantised, delta-coded arcs;
//! reversed arcs; polygons and multipolygons), projected with the Natural Earth projection,
//! cropped to latitudes 60° S to 84° N (Antarctica is left out), simplified (a point closer
//! than half a unit, about half a pixel on a map 1000 units wide, to the last one kept is
//! dropped) and kept as ready-made path data.
//! Rings that cross the antimeridian (Russia, Fiji) are cut there and each part closed along
//! the map's edge, so nothing draws a stripe across the map.
//!
//! [`world_svg`] then only assembles strings: countries shaded by their number of mentions
//! (classes `c1` to `c5`, see [`shade`]), cities as circles whose area grows with their count,
//! linking to their page. Colours are the page's business: the classes are listed in
//! [`STYLE`], a stylesheet the page can include. Every string taken from the data or the caller
//! (labels, links, country names) is XML-escaped.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use serde_json::Value;

const ATLAS_JSON: &str = include_str!("../assets/world-atlas/countries-110m.json");

/// Width of the map in `viewBox` units (the `<svg>` itself is `width="100%"`).
const WIDTH: f64 = 1000.0;
/// Northernmost latitude drawn (Greenland's north coast is at 83.6°).
const LAT_MAX: f64 = 84.0;
/// Southernmost latitude drawn: what lies wholly further south (Antarctica) is left out.
const LAT_MIN: f64 = -60.0;
/// Margin around the map, in units, so that outer strokes are not cut.
const MARGIN: f64 = 2.0;
/// Shortest step kept when simplifying outlines, in units (about half a pixel at full width).
const MIN_STEP: f64 = 0.5;
/// Radius of the circle of a place with the fewest and with the most mentions, in units.
const R_MIN: f64 = 3.0;
const R_MAX: f64 = 14.0;

/// A place drawn as a circle: a city, or a country too small to have a shape.
#[derive(Debug, Clone, Copy)]
pub struct MapPoint<'a> {
    /// Latitude in degrees, north positive.
    pub lat: f32,
    /// Longitude in degrees, east positive.
    pub lon: f32,
    /// Name shown on hover (with the count).
    pub label: &'a str,
    /// Number of mentions: the circle's area is proportional to it.
    pub count: u64,
    /// Link of the circle (a relative URL or `http(s)://`; other schemes are not linked).
    pub href: &'a str,
}

/// Styles for the classes used by [`world_svg`], for the page's stylesheet: `.worldmap` (the
/// `<svg>`), `.sphere` (the outline of the map), `.country`, `.c1` to `.c5` (countries with
/// mentions, lightest to darkest), `.place` (circles of places).
pub const STYLE: &str = "\
.worldmap{display:block;width:100%;height:auto}\
.worldmap .sphere{fill:#f4f7fa;stroke:#c8d0d8;stroke-width:.5}\
.worldmap .country{fill:#e3e3e0;stroke:#fff;stroke-width:.4;stroke-linejoin:round}\
.worldmap .country:hover{stroke:#333;stroke-width:.8}\
.worldmap .c1{fill:#d4e4f2}.worldmap .c2{fill:#a6c8e4}.worldmap .c3{fill:#6fa3d0}\
.worldmap .c4{fill:#3b78b4}.worldmap .c5{fill:#1c4f86}\
.worldmap .place{fill:#c8402a;fill-opacity:.75;stroke:#fff;stroke-width:.8}\
.worldmap a:hover .place{fill-opacity:1;stroke:#222}";

/// The shade class (1 to 5) of a country with `count` mentions when the most mentioned one has
/// `max`: `ceil(5 × ln(1 + count) / ln(1 + max))`, a log scale, so that one country mentioned a
/// thousand times does not leave all the others in the lightest shade. 0 for no mention.
pub fn shade(count: u64, max: u64) -> u8 {
    if count == 0 {
        return 0;
    }
    let max = max.max(count);
    let f = 5.0 * ((count as f64).ln_1p() / (max as f64).ln_1p());
    f.ceil().clamp(1.0, 5.0) as u8
}

/// Whether the map has a shape for the country with this ISO 3166-1 numeric code (the 110m
/// atlas has 174 of them: small countries such as Singapore, Malta or Bahrain have none and
/// are better shown as a [`MapPoint`]).
pub fn has_shape(ccn3: u16) -> bool {
    atlas().shapes.iter().any(|s| s.ccn3 == Some(ccn3))
}

/// The map as an `<svg>` element (`viewBox`-scaled, `width="100%"`): every country of the atlas
/// (`countries` maps ISO 3166-1 numeric codes to mentions; those with mentions get a shade
/// class, see [`shade`], and their count in their `<title>`), then the points, largest first so
/// that small circles stay on top. Points outside the drawn latitudes, with a count of 0 or
/// non-finite coordinates are left out.
pub fn world_svg(countries: &HashMap<u16, u64>, points: &[MapPoint]) -> String {
    let atlas = atlas();
    let mut out = String::with_capacity(atlas.bytes + 4096 + 160 * points.len());
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"worldmap\" width=\"100%\" \
         viewBox=\"{} {} {} {}\" preserveAspectRatio=\"xMidYMid meet\">",
        -MARGIN,
        -MARGIN,
        WIDTH + 2.0 * MARGIN,
        fmt1(atlas.height + 2.0 * MARGIN)
    );
    let _ = write!(out, "<path class=\"sphere\" d=\"{}\"/>", atlas.sphere);

    let max = countries.values().copied().max().unwrap_or(0);
    out.push_str("<g class=\"countries\">");
    for s in &atlas.shapes {
        let count = s.ccn3.and_then(|n| countries.get(&n)).copied().unwrap_or(0);
        let class = shade(count, max);
        out.push_str("<path class=\"country");
        if class > 0 {
            let _ = write!(out, " c{class}");
        }
        let _ = write!(out, "\" d=\"{}\"><title>", s.d);
        push_escaped(&mut out, &s.name);
        if count > 0 {
            let _ = write!(out, " ({count})");
        }
        out.push_str("</title></path>");
    }
    out.push_str("</g>");

    let mut pts: Vec<&MapPoint> = points
        .iter()
        .filter(|p| {
            p.count > 0
                && p.lat.is_finite()
                && p.lon.is_finite()
                && (LAT_MIN..=LAT_MAX).contains(&f64::from(p.lat))
                && (-180.0..=180.0).contains(&f64::from(p.lon))
        })
        .collect();
    pts.sort_by_key(|p| std::cmp::Reverse(p.count));
    let pmax = pts.first().map_or(1, |p| p.count) as f64;
    out.push_str("<g class=\"places\">");
    for p in pts {
        let (x, y) = atlas.project(f64::from(p.lon), f64::from(p.lat));
        let r = R_MIN + (R_MAX - R_MIN) * (p.count as f64 / pmax).sqrt();
        let linked = safe_href(p.href);
        if linked {
            out.push_str("<a href=\"");
            push_escaped(&mut out, p.href);
            out.push_str("\">");
        }
        let _ = write!(
            out,
            "<circle class=\"place\" cx=\"{}\" cy=\"{}\" r=\"{}\"><title>",
            fmt1(x),
            fmt1(y),
            fmt1(r)
        );
        push_escaped(&mut out, p.label);
        let _ = write!(out, " ({})</title></circle>", p.count);
        if linked {
            out.push_str("</a>");
        }
    }
    out.push_str("</g></svg>");
    out
}

/// A link we are willing to put in the map: relative, or `http(s)`. No `javascript:` and such.
fn safe_href(href: &str) -> bool {
    if href.is_empty() {
        return false;
    }
    let lower = href.trim_start().to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return true;
    }
    // Relative: no scheme, i.e. no ':' before the first '/', '?' or '#'.
    let head = lower.split(['/', '?', '#']).next().unwrap_or("");
    !head.contains(':')
}

/// Appends `s` escaped for XML text and attribute values; characters XML does not allow
/// (controls other than tab, newline, carriage return) are dropped.
fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// A number with at most one decimal, without a useless `.0`.
fn fmt1(v: f64) -> String {
    let mut s = String::new();
    push_tenths(&mut s, (v * 10.0).round() as i64);
    s
}

/// Appends a number given in tenths: `123` → `12.3`, `-5` → `-.5`, `40` → `4`.
fn push_tenths(out: &mut String, t: i64) {
    if t < 0 {
        out.push('-');
    }
    let a = t.unsigned_abs();
    let (int, frac) = (a / 10, a % 10);
    if int > 0 || frac == 0 {
        let _ = write!(out, "{int}");
    }
    if frac > 0 {
        let _ = write!(out, ".{frac}");
    }
}

/// One country of the atlas, ready to draw.
struct Shape {
    /// ISO 3166-1 numeric code (`None` for N. Cyprus, Somaliland and Kosovo, which have none).
    ccn3: Option<u16>,
    /// English name, as in the atlas (`properties.name`).
    name: String,
    /// Path data (projected, simplified), in tenths-rounded relative coordinates.
    d: String,
}

struct Atlas {
    /// Projection scale: units per projected unit.
    scale: f64,
    /// Projected y of `LAT_MAX` (top of the map).
    top: f64,
    /// Height of the map in units.
    height: f64,
    shapes: Vec<Shape>,
    /// Outline of the projected, cropped globe.
    sphere: String,
    /// Total length of the path data and names, for the output's capacity.
    bytes: usize,
}

fn atlas() -> &'static Atlas {
    static ATLAS: OnceLock<Atlas> = OnceLock::new();
    ATLAS.get_or_init(|| Atlas::parse(ATLAS_JSON).expect("the vendored world atlas is valid"))
}

/// The Natural Earth projection (Šavrič et al. 2011, the polynomial of d3-geo's
/// `geoNaturalEarth1Raw`), of a position in radians; y grows northwards.
fn natural_earth(lambda: f64, phi: f64) -> (f64, f64) {
    let phi2 = phi * phi;
    let phi4 = phi2 * phi2;
    let x = lambda
        * (0.8707 - 0.131979 * phi2
            + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)));
    let y = phi
        * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)));
    (x, y)
}

/// A ring as (longitude, latitude) degrees.
type Ring = Vec<(f64, f64)>;

impl Atlas {
    fn parse(json: &str) -> Result<Atlas, String> {
        let v: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let num = |v: &Value| v.as_f64().ok_or("not a number");
        let pair = |v: &Value| -> Result<(f64, f64), String> {
            match v.as_array().map(Vec::as_slice) {
                Some([a, b, ..]) => Ok((num(a)?, num(b)?)),
                _ => Err("not a pair".into()),
            }
        };
        let (sx, sy) = pair(&v["transform"]["scale"])?;
        let (tx, ty) = pair(&v["transform"]["translate"])?;
        // Decoded arcs, in degrees.
        let arcs: Vec<Ring> = v["arcs"]
            .as_array()
            .ok_or("no arcs")?
            .iter()
            .map(|arc| {
                let (mut x, mut y) = (0.0, 0.0);
                arc.as_array()
                    .ok_or("bad arc")?
                    .iter()
                    .map(|d| {
                        let (dx, dy) = pair(d)?;
                        x += dx;
                        y += dy;
                        Ok((x * sx + tx, y * sy + ty))
                    })
                    .collect::<Result<Ring, String>>()
            })
            .collect::<Result<_, String>>()?;

        let scale = WIDTH / (2.0 * natural_earth(std::f64::consts::PI, 0.0).0);
        let top = natural_earth(0.0, LAT_MAX.to_radians()).1;
        let bottom = natural_earth(0.0, LAT_MIN.to_radians()).1;
        let mut atlas = Atlas {
            scale,
            top,
            height: (top - bottom) * scale,
            shapes: Vec::new(),
            sphere: String::new(),
            bytes: 0,
        };
        atlas.sphere = atlas.sphere_path();

        let ring = |indexes: &Value| -> Result<Ring, String> {
            let mut out: Ring = Vec::new();
            for i in indexes.as_array().ok_or("bad ring")? {
                let i = i.as_i64().ok_or("bad arc index")?;
                let (arc, reversed) = if i < 0 { (!i, true) } else { (i, false) };
                let arc = arcs
                    .get(usize::try_from(arc).map_err(|_| "bad arc index")?)
                    .ok_or("arc index out of range")?;
                let skip = usize::from(!out.is_empty());
                if reversed {
                    out.extend(arc.iter().rev().skip(skip));
                } else {
                    out.extend(arc.iter().skip(skip));
                }
            }
            Ok(out)
        };
        for g in v["objects"]["countries"]["geometries"]
            .as_array()
            .ok_or("no countries")?
        {
            let polygons: Vec<&Value> = match g["type"].as_str() {
                Some("Polygon") => vec![&g["arcs"]],
                Some("MultiPolygon") => {
                    g["arcs"].as_array().ok_or("bad polygons")?.iter().collect()
                }
                _ => continue,
            };
            let mut d = String::new();
            for polygon in polygons {
                for r in polygon.as_array().ok_or("bad polygon")? {
                    let r = ring(r)?;
                    if r.iter().all(|&(_, lat)| lat < LAT_MIN) {
                        continue;
                    }
                    for part in split_antimeridian(&r) {
                        atlas.push_ring(&mut d, &part);
                    }
                }
            }
            if d.is_empty() {
                continue; // Antarctica
            }
            let ccn3 = match &g["id"] {
                Value::String(s) => s.parse().ok(),
                Value::Number(n) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
                _ => None,
            };
            let name = g["properties"]["name"].as_str().unwrap_or("").to_owned();
            atlas.bytes += d.len() + name.len() + 64;
            atlas.shapes.push(Shape { ccn3, name, d });
        }
        Ok(atlas)
    }

    /// Map units of a position in degrees.
    fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (x, y) = natural_earth(lon.to_radians(), lat.to_radians());
        (WIDTH / 2.0 + x * self.scale, (self.top - y) * self.scale)
    }

    /// Appends a closed ring to path data: projected, rounded to tenths, simplified (a point
    /// closer than `MIN_STEP` to the last one kept is dropped, the last point always kept).
    /// A ring left with fewer than three points is drawn unsimplified, or not at all.
    fn push_ring(&self, d: &mut String, ring: &[(f64, f64)]) {
        let tenths = |(lon, lat): (f64, f64)| {
            let (x, y) = self.project(lon, lat.clamp(LAT_MIN, LAT_MAX));
            ((x * 10.0).round() as i64, (y * 10.0).round() as i64)
        };
        let step2 = (MIN_STEP * 10.0) * (MIN_STEP * 10.0);
        let mut kept: Vec<(i64, i64)> = Vec::with_capacity(ring.len());
        for (i, &p) in ring.iter().enumerate() {
            let q = tenths(p);
            let last = i + 1 == ring.len();
            match kept.last() {
                Some(&(x, y)) => {
                    let (dx, dy) = ((q.0 - x) as f64, (q.1 - y) as f64);
                    let dist2 = dx * dx + dy * dy;
                    if dist2 >= step2 || (last && dist2 > 0.0) {
                        kept.push(q);
                    }
                }
                None => kept.push(q),
            }
        }
        if kept.len() > 1 && kept.first() == kept.last() {
            kept.pop(); // closed by `z`
        }
        if kept.len() < 3 {
            kept = ring.iter().map(|&p| tenths(p)).collect();
            kept.dedup();
            if kept.len() > 1 && kept.first() == kept.last() {
                kept.pop();
            }
            if kept.len() < 3 {
                return;
            }
        }
        d.push('M');
        push_tenths(d, kept[0].0);
        push_num(d, kept[0].1);
        d.push('l');
        let mut first = true;
        for w in kept.windows(2) {
            for v in [w[1].0 - w[0].0, w[1].1 - w[0].1] {
                if first {
                    push_tenths(d, v);
                    first = false;
                } else {
                    push_num(d, v);
                }
            }
        }
        d.push('z');
    }

    /// The outline of the drawn part of the globe: the two edge meridians and the two
    /// cropping parallels.
    fn sphere_path(&self) -> String {
        let mut pts: Vec<(f64, f64)> = Vec::new();
        for lat in (LAT_MIN as i32..=LAT_MAX as i32).step_by(4) {
            pts.push((-180.0, f64::from(lat)));
        }
        pts.push((-180.0, LAT_MAX));
        for lat in (LAT_MIN as i32..=LAT_MAX as i32).rev().step_by(4) {
            pts.push((180.0, f64::from(lat)));
        }
        pts.push((180.0, LAT_MIN));
        let mut d = String::new();
        for (i, &(lon, lat)) in pts.iter().enumerate() {
            let (x, y) = self.project(lon, lat);
            d.push(if i == 0 { 'M' } else { 'L' });
            push_tenths(&mut d, (x * 10.0).round() as i64);
            push_num(&mut d, (y * 10.0).round() as i64);
        }
        d.push('z');
        d
    }
}

/// Appends a number (in tenths) after another: a space unless its minus sign separates them.
fn push_num(d: &mut String, t: i64) {
    if t >= 0 {
        d.push(' ');
    }
    push_tenths(d, t);
}

/// Cuts a closed ring where it crosses the antimeridian (two consecutive points more than
/// 180° of longitude apart), ending each part on the edge at the interpolated latitude and
/// starting the next one on the opposite edge; the last part is joined to the first (the ring
/// is closed), so that each part, closed by a straight line, runs along the map's edge.
fn split_antimeridian(ring: &[(f64, f64)]) -> Vec<Ring> {
    let mut parts: Vec<Ring> = Vec::new();
    let mut cur: Ring = Vec::new();
    for &p in ring {
        if let Some(&prev) = cur.last()
            && (p.0 - prev.0).abs() > 180.0
        {
            // Crossing eastwards (prev.0 > 0) at +180, or westwards at -180.
            let edge = if prev.0 > 0.0 { 180.0 } else { -180.0 };
            let unwrapped = p.0 + 2.0 * edge;
            let span = unwrapped - prev.0;
            let t = if span == 0.0 {
                0.0
            } else {
                ((edge - prev.0) / span).clamp(0.0, 1.0)
            };
            let lat = prev.1 + t * (p.1 - prev.1);
            cur.push((edge, lat));
            parts.push(std::mem::take(&mut cur));
            cur.push((-edge, lat));
        }
        cur.push(p);
    }
    if parts.is_empty() {
        return vec![cur];
    }
    // The ring is closed: its last part continues into its first.
    let first = std::mem::take(&mut parts[0]);
    cur.extend(first.into_iter().skip(1));
    parts[0] = cur;
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> String {
        let countries = HashMap::from([(250, 12), (643, 40), (398, 3)]);
        let points = [
            MapPoint {
                lat: 55.75,
                lon: 37.62,
                label: "Moscow",
                count: 30,
                href: "/entity/1",
            },
            MapPoint {
                lat: 51.18,
                lon: 71.45,
                label: "Astana",
                count: 3,
                href: "/entity/2",
            },
            MapPoint {
                lat: 48.85,
                lon: 2.35,
                label: "Paris",
                count: 9,
                href: "/entity/3?x=1&y=2",
            },
        ];
        world_svg(&countries, &points)
    }

    /// Checks that tags are balanced and that text and attributes hold no raw `<` or stray `&`;
    /// returns the number of elements.
    fn check_xml(s: &str) -> usize {
        let mut stack: Vec<&str> = Vec::new();
        let mut elements = 0;
        let mut rest = s;
        while let Some(i) = rest.find(['<', '&']) {
            let text = &rest[..i];
            assert!(!text.contains('>'), "raw > in text: {text:?}");
            if rest[i..].starts_with('&') {
                let end = rest[i..].find(';').expect("entity ends with ;");
                let name = &rest[i + 1..i + end];
                assert!(
                    matches!(name, "amp" | "lt" | "gt" | "quot" | "#39"),
                    "entity {name}"
                );
                rest = &rest[i + end + 1..];
                continue;
            }
            let end = rest[i..].find('>').expect("tag ends") + i;
            let tag = &rest[i + 1..end];
            assert!(!tag.contains('<'), "< inside a tag: {tag:?}");
            // Attribute values are quoted with " and hold no " (escaped).
            assert_eq!(
                tag.matches('"').count() % 2,
                0,
                "unbalanced quotes: {tag:?}"
            );
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop(), Some(name), "closing {name}");
            } else {
                elements += 1;
                let name = tag.split([' ', '/']).next().unwrap();
                if !tag.ends_with('/') {
                    stack.push(name);
                }
            }
            rest = &rest[end + 1..];
        }
        assert!(stack.is_empty(), "unclosed {stack:?}");
        elements
    }

    /// The value of the first attribute `name` in an element's text (` name="..."`).
    fn attr<'a>(element: &'a str, name: &str) -> &'a str {
        let start = element
            .find(&format!("{name}=\""))
            .unwrap_or_else(|| panic!("no {name} in {element}"))
            + name.len()
            + 2;
        let len = element[start..].find('"').expect("closing quote");
        &element[start..start + len]
    }

    /// The class and `d` attribute of the path whose title starts with `name`.
    fn path_of<'a>(svg: &'a str, name: &str) -> (&'a str, &'a str) {
        for chunk in svg.split("<path ").skip(1) {
            let title = chunk.split("<title>").nth(1).unwrap_or("");
            if title.starts_with(name) {
                return (attr(chunk, "class"), attr(chunk, "d"));
            }
        }
        panic!("no path for {name}");
    }

    /// Absolute subpaths of path data made by `push_ring` (`M x y l dx dy … z`).
    fn subpaths(d: &str) -> Vec<Vec<(f64, f64)>> {
        let mut out = Vec::new();
        for sub in d.split('M').filter(|s| !s.is_empty()) {
            let sub = sub.trim_end_matches('z');
            let (m, l) = sub.split_once('l').unwrap_or((sub, ""));
            let nums = |s: &str| -> Vec<f64> {
                let mut v = Vec::new();
                let mut cur = String::new();
                for c in s.chars() {
                    if c == ' ' || (c == '-' && !cur.is_empty()) {
                        if !cur.is_empty() {
                            v.push(cur.parse::<f64>().unwrap());
                        }
                        cur.clear();
                    }
                    if c != ' ' {
                        cur.push(c);
                    }
                }
                if !cur.is_empty() {
                    v.push(cur.parse::<f64>().unwrap());
                }
                v
            };
            let start = nums(m);
            assert_eq!(start.len(), 2, "{m}");
            let mut p = (start[0], start[1]);
            let mut pts = vec![p];
            let deltas = nums(l);
            assert_eq!(deltas.len() % 2, 0);
            for c in deltas.chunks(2) {
                p = (p.0 + c[0], p.1 + c[1]);
                pts.push(p);
            }
            out.push(pts);
        }
        out
    }

    #[test]
    fn well_formed_and_complete() {
        let svg = sample();
        let elements = check_xml(&svg);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("</svg>"));
        let paths = svg.matches("<path class=\"country").count();
        assert!(paths >= 170, "{paths} countries");
        assert!(elements > 2 * paths);
        assert_eq!(svg.matches("<circle class=\"place\"").count(), 3);
        // No NaN or infinities from the projection.
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }

    #[test]
    fn countries_shaded_by_count() {
        let svg = sample();
        assert_eq!(path_of(&svg, "Russia (40)").0, "country c5");
        assert_eq!(path_of(&svg, "France (12)").0, "country c4");
        assert_eq!(path_of(&svg, "Kazakhstan (3)").0, "country c2");
        assert_eq!(path_of(&svg, "Germany").0, "country");
        assert!(!svg.contains("Antarctica"));
        // Without mentions: no shade anywhere.
        let plain = world_svg(&HashMap::new(), &[]);
        assert!(!plain.contains(" c1") && !plain.contains(" c5"));
        assert!(path_of(&plain, "France").1.len() > 20);
        check_xml(&plain);
    }

    #[test]
    fn shade_scale() {
        assert_eq!(shade(0, 10), 0);
        assert_eq!(shade(1, 1), 5);
        assert_eq!(shade(10, 10), 5);
        assert_eq!(shade(1, 1000), 1);
        assert_eq!(shade(1000, 1000), 5);
        assert_eq!(shade(5, 3), 5); // max below count: taken as count
        let steps: Vec<u8> = [1, 3, 10, 30, 100, 300, 1000]
            .map(|c| shade(c, 1000))
            .to_vec();
        assert!(steps.windows(2).all(|w| w[0] <= w[1]), "{steps:?}");
    }

    #[test]
    fn labels_and_links_are_escaped() {
        let label = "<script>alert(\"x\")</script> & 'q'";
        let points = [
            MapPoint {
                lat: 10.0,
                lon: 10.0,
                label,
                count: 2,
                href: "/e?a=\"><script>",
            },
            MapPoint {
                lat: 20.0,
                lon: 20.0,
                label: "bad\u{0}\u{1b}link",
                count: 1,
                href: "javascript:alert(1)",
            },
            MapPoint {
                lat: 20.0,
                lon: 20.0,
                label: "other",
                count: 1,
                href: " JavaScript:alert(1)",
            },
        ];
        let svg = world_svg(&HashMap::new(), &points);
        check_xml(&svg);
        assert!(!svg.contains("<script"));
        assert!(svg.contains(
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; (2)</title>"
        ));
        assert!(svg.contains("href=\"/e?a=&quot;&gt;&lt;script&gt;\""));
        assert!(!svg.contains("javascript:") && !svg.contains("JavaScript:"));
        assert!(svg.contains("badlink (1)"));
        assert_eq!(svg.matches("<a href").count(), 1);
        assert_eq!(svg.matches("<circle").count(), 3);
    }

    #[test]
    fn hrefs() {
        for ok in [
            "/entity/1",
            "entity/1",
            "?q=a:b",
            "#x",
            "https://a.b/c",
            "HTTP://x",
        ] {
            assert!(safe_href(ok), "{ok}");
        }
        for bad in [
            "",
            "javascript:x",
            "data:text/html,x",
            "vbscript:x",
            "mailto:a@b",
        ] {
            assert!(!safe_href(bad), "{bad}");
        }
    }

    #[test]
    fn no_stripe_across_the_map() {
        let svg = sample();
        let mut checked = 0;
        for chunk in svg.split("<path class=\"country").skip(1) {
            let d = attr(chunk, "d");
            for sub in subpaths(d) {
                let closing = [sub[sub.len() - 1], sub[0]];
                for w in sub.windows(2).chain(std::iter::once(&closing[..])) {
                    assert!(
                        (w[1].0 - w[0].0).abs() < WIDTH / 2.0,
                        "segment {w:?} in {}",
                        chunk.split("<title>").nth(1).unwrap_or("")
                    );
                    assert!((-1.0..=atlas().height + 1.0).contains(&w[0].1));
                    assert!((-1.0..=WIDTH + 1.0).contains(&w[0].0));
                    checked += 1;
                }
            }
        }
        assert!(checked > 3000, "{checked}");
        // Russia and Fiji were cut: their shapes reach both edges of the map.
        for name in ["Russia", "Fiji"] {
            let xs: Vec<f64> = subpaths(path_of(&svg, name).1)
                .into_iter()
                .flatten()
                .map(|p| p.0)
                .collect();
            let (lo, hi) = xs
                .iter()
                .fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
            assert!(lo < 150.0 && hi > 850.0, "{name}: {lo}..{hi}");
        }
    }

    #[test]
    fn split_keeps_rings_whole() {
        let ring = vec![
            (170.0, 0.0),
            (-170.0, 0.0),
            (-170.0, 10.0),
            (170.0, 10.0),
            (170.0, 0.0),
        ];
        let parts = split_antimeridian(&ring);
        assert_eq!(parts.len(), 2);
        assert_eq!(
            parts[0],
            vec![(180.0, 10.0), (170.0, 10.0), (170.0, 0.0), (180.0, 0.0)]
        );
        assert_eq!(
            parts[1],
            vec![(-180.0, 0.0), (-170.0, 0.0), (-170.0, 10.0), (-180.0, 10.0)]
        );
        let plain = vec![(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)];
        assert_eq!(split_antimeridian(&plain), vec![plain]);
    }

    #[test]
    fn points_are_placed_and_sized() {
        let svg = sample();
        let circle = |label: &str| -> (f64, f64, f64) {
            let c = svg
                .split("<circle ")
                .find(|c| c.contains(&format!("<title>{label} (")))
                .unwrap();
            let attr = |a: &str| -> f64 {
                c.split(&format!(" {a}=\""))
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap()
            };
            (attr("cx"), attr("cy"), attr("r"))
        };
        let (mx, my, mr) = circle("Moscow");
        let (px, py, pr) = circle("Paris");
        let (ax, _, ar) = circle("Astana");
        assert!(px < mx && mx < ax, "west to east");
        assert!(my < py, "Moscow is north of Paris");
        assert!(mr > pr && pr > ar);
        assert_eq!(mr, R_MAX);
        // Largest first, so that small circles are drawn on top.
        assert!(svg.find("Moscow (").unwrap() < svg.find("Astana (").unwrap());
        // Paris lies inside France's outline box.
        let france: Vec<(f64, f64)> = subpaths(path_of(&svg, "France").1)
            .into_iter()
            .flatten()
            .collect();
        let inside = france.iter().any(|p| p.0 < px)
            && france.iter().any(|p| p.0 > px)
            && france.iter().any(|p| p.1 < py)
            && france.iter().any(|p| p.1 > py);
        assert!(inside);
        // Out of range, zero or not finite: left out.
        let odd = [
            MapPoint {
                lat: -80.0,
                lon: 0.0,
                label: "south",
                count: 1,
                href: "",
            },
            MapPoint {
                lat: f32::NAN,
                lon: 0.0,
                label: "nan",
                count: 1,
                href: "",
            },
            MapPoint {
                lat: 0.0,
                lon: 0.0,
                label: "zero",
                count: 0,
                href: "",
            },
        ];
        assert_eq!(
            world_svg(&HashMap::new(), &odd).matches("<circle").count(),
            0
        );
    }

    #[test]
    fn shapes_of_the_atlas() {
        assert!(has_shape(250) && has_shape(643) && has_shape(398) && has_shape(242));
        assert!(!has_shape(702), "Singapore is too small for the 110m atlas");
        assert!(!has_shape(10), "Antarctica is cropped");
        assert!(!has_shape(0));
    }

    #[test]
    fn output_size() {
        let all: HashMap<u16, u64> = atlas()
            .shapes
            .iter()
            .filter_map(|s| s.ccn3)
            .map(|n| (n, u64::from(n)))
            .collect();
        let svg = world_svg(&all, &[]);
        assert!(svg.len() < 150_000, "{} bytes", svg.len());
        assert!(sample().len() < 150_000);
    }
}
