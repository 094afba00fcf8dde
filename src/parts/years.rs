//! Each year's figures a part carries, held as text: a province's figures as a tree take ten
//! times the room of their text. The units of every part are joined by their street and
//! community, and each is parsed again only as it is written, pretty, at its place. The streets
//! of a batch checked street by street keep their units' text in a temporary file ([`Store`]).

use std::io::{self, Write};
use std::sync::Arc;

use serde_json::{Value as Json, json};

use super::store::{Store, Stored};

/// Where the units go in a year's figures written without them.
// Plain ASCII, which JSON writes as it is; no figure holds it.
const UNITS: &str = "<yishi merge: the units, 7d2e4b>";

/// One year's figures: the figures without their units, and the units as compact JSON text,
/// each with the street and community they are ordered by.
#[derive(Debug)]
pub struct Year {
    /// The figures' `year`.
    pub year: Option<i64>,
    head: Json,
    units: Vec<Unit>,
}

#[derive(Debug)]
struct Unit {
    key: (Option<String>, Option<String>),
    text: Text,
}

/// A unit's compact JSON text: held, or in a store.
#[derive(Debug)]
enum Text {
    Held(String),
    Stored(Stored),
}

impl Year {
    /// A year's figures as a report carries them, the units' text put in `store` when given.
    pub(super) fn of(mut figures: Json, store: Option<&Arc<Store>>) -> io::Result<Year> {
        let units = match figures.get_mut("units").map(Json::take) {
            Some(Json::Array(units)) => units
                .iter()
                .map(|u| {
                    let key = |key: &str| u[key].as_str().map(str::to_string);
                    let text = match store {
                        Some(store) => Text::Stored(store.put(&u.to_string())?),
                        None => Text::Held(u.to_string()),
                    };
                    Ok(Unit {
                        key: (key("street"), key("community")),
                        text,
                    })
                })
                .collect::<io::Result<_>>()?,
            _ => Vec::new(),
        };
        if let Some(place) = figures.get_mut("units") {
            *place = json!(UNITS);
        }
        Ok(Year {
            year: figures["year"].as_i64(),
            head: figures,
            units,
        })
    }

    /// The figures of the same year of every part, `first`'s besides its units: one run lists
    /// every unit of the batch, by street and community.
    pub(super) fn join(first: Year, others: impl Iterator<Item = Year>) -> Year {
        let mut joined = first;
        joined.units.extend(others.flat_map(|y| y.units));
        joined.units.sort_by(|a, b| a.key.cmp(&b.key));
        joined
    }

    /// Writes the figures as `serde_json::to_string_pretty` writes them `depth` levels deep
    /// (its first line not indented).
    pub fn write_pretty(&self, depth: usize, out: &mut dyn Write) -> io::Result<()> {
        let text = serde_json::to_string_pretty(&self.head).map_err(io::Error::other)?;
        let marker = format!("\"{UNITS}\"");
        let Some(at) = text.find(&marker) else {
            return write_indented(out, &text, depth);
        };
        write_indented(out, &text[..at], depth)?;
        if self.units.is_empty() {
            out.write_all(b"[]")?;
        } else {
            out.write_all(b"[")?;
            for (i, unit) in self.units.iter().enumerate() {
                out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
                indent(out, depth + 2)?;
                let tree: Json = match &unit.text {
                    Text::Held(text) => serde_json::from_str(text),
                    Text::Stored(stored) => serde_json::from_str(&stored.text()?),
                }
                .map_err(io::Error::other)?;
                let pretty = serde_json::to_string_pretty(&tree).map_err(io::Error::other)?;
                write_indented(out, &pretty, depth + 2)?;
            }
            out.write_all(b"\n")?;
            indent(out, depth + 1)?;
            out.write_all(b"]")?;
        }
        write_indented(out, &text[at + marker.len()..], depth)
    }
}

/// Writes each year's figures as a list `depth` levels deep, as `to_string_pretty` writes it.
pub fn write_list(years: &[Year], depth: usize, out: &mut dyn Write) -> io::Result<()> {
    if years.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    for (i, year) in years.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        indent(out, depth + 1)?;
        year.write_pretty(depth + 1, out)?;
    }
    out.write_all(b"\n")?;
    indent(out, depth)?;
    out.write_all(b"]")
}

fn indent(out: &mut dyn Write, depth: usize) -> io::Result<()> {
    for _ in 0..depth {
        out.write_all(b"  ")?;
    }
    Ok(())
}

/// `text` with every line after its first indented `depth` levels more.
fn write_indented(out: &mut dyn Write, text: &str, depth: usize) -> io::Result<()> {
    let mut lines = text.split('\n');
    if let Some(first) = lines.next() {
        out.write_all(first.as_bytes())?;
    }
    for line in lines {
        out.write_all(b"\n")?;
        indent(out, depth)?;
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_written_from_their_units_text_are_those_the_tree_gives() {
        let figures = json!({
            "tool": "yishi",
            "year": 2026,
            "units": [
                { "street": "莲花街道", "community": "彩田社区", "meetings": { "total": 3, "rate": 0.5 }, "list": [] },
                { "street": "莲花街道", "community": null, "meetings": { "total": 1, "rate": 1.25 }, "list": [1, 2] },
            ],
            "running": false,
        });
        let report = json!({ "batch": { "figures": [figures.clone(), figures.clone()] } });
        let store = Store::new().unwrap();
        let year = || Year::of(figures.clone(), Some(&store)).unwrap();
        let mut written = b"{\n  \"batch\": {\n    \"figures\": ".to_vec();
        write_list(&[year(), year()], 2, &mut written).unwrap();
        written.extend_from_slice(b"\n  }\n}");
        assert_eq!(
            String::from_utf8(written).unwrap(),
            serde_json::to_string_pretty(&report).unwrap()
        );
        let mut alone = Vec::new();
        Year::of(figures.clone(), None)
            .unwrap()
            .write_pretty(0, &mut alone)
            .unwrap();
        assert_eq!(
            String::from_utf8(alone).unwrap(),
            serde_json::to_string_pretty(&figures).unwrap()
        );
        let mut none = Vec::new();
        write_list(&[], 2, &mut none).unwrap();
        assert_eq!(none, b"[]");
    }
}
