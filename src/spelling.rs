//! How what people type is compared with the names and words the program knows: full-width
//! forms folded to ASCII, and the known word closest to a slip. Below both the field names and
//! the value parsers, which each use it.

/// Full-width digits, letters and the punctuation used in dates and numbers made ASCII
/// (１２ → 12, ２０２６／３／５ → 2026/3/5); the ideographic space becomes a space.
pub fn normalize_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// The known word closest to `unknown` as it is written (meeting codes, enumerated values, rule
/// codes, configuration keys), when it is close enough to be a slip.
pub fn nearest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let n = unknown.chars().count();
    known
        .into_iter()
        .map(|k| (k, strsim::levenshtein(unknown, k)))
        .filter(|&(k, d)| {
            let len = n.max(k.chars().count());
            // One slip in a short name, about a third of a longer one.
            d > 0 && (d == 1 && len >= 2 || d * 3 <= len)
        })
        .min_by_key(|&(_, d)| d)
        .map(|(k, _)| k)
}
