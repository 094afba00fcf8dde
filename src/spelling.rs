//! How what people type is compared with the names and words the program knows: full-width
//! forms folded to ASCII, and the known word closest to a slip. Below both the field names and
//! the value parsers, which each use it.

/// Full-width digits, letters and the punctuation used in dates and numbers made ASCII
/// (１２ → 12, ２０２６／３／５ → 2026/3/5); the ideographic space becomes a space. Most text
/// has none: it is lent back as it is.
pub fn normalize_width(s: &str) -> std::borrow::Cow<'_, str> {
    let full = |c: char| matches!(c, '\u{ff01}'..='\u{ff5e}' | '\u{3000}');
    if !s.chars().any(full) {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// The known word closest to `unknown` as it is written (meeting codes, enumerated values, rule
/// codes, configuration keys), when it is close enough to be a slip; the first of equally close
/// ones.
pub fn nearest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let n = unknown.chars().count();
    let mut best: Option<(&str, usize)> = None;
    for k in known {
        let len_k = k.chars().count();
        let len = n.max(len_k);
        // One slip in a short name, about a third of a longer one.
        let most = if len >= 2 { (len / 3).max(1) } else { len / 3 };
        // Only a closer word replaces the first found; the distance is at least the difference
        // of the lengths. A batch's codes are many and alike, so most are passed over here
        // instead of being compared letter by letter.
        let below = best.map_or(most + 1, |(_, d)| d.min(most + 1));
        if n.abs_diff(len_k) >= below {
            continue;
        }
        let d = strsim::levenshtein(unknown, k);
        if d > 0 && d < below {
            best = Some((k, d));
            // Nothing is closer than one slip.
            if d == 1 {
                break;
            }
        }
    }
    best.map(|(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::nearest;
    use proptest::prelude::*;

    /// The definition: every word within the slip allowance, the closest, the first of ties.
    fn by_definition<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
        let n = unknown.chars().count();
        known
            .iter()
            .map(|&k| (k, strsim::levenshtein(unknown, k)))
            .filter(|&(k, d)| {
                let len = n.max(k.chars().count());
                d > 0 && (d == 1 && len >= 2 || d * 3 <= len)
            })
            .min_by_key(|&(_, d)| d)
            .map(|(k, _)| k)
    }

    #[test]
    fn a_slip_finds_its_word() {
        let codes = ["LH-CT-2026-001", "LH-CT-2026-002", "LH-JD-2026-001"];
        assert_eq!(nearest("LH-CT-2026-0O1", codes), Some("LH-CT-2026-001"));
        assert_eq!(nearest("LH-CT-2026-001", codes), Some("LH-CT-2026-002"));
        assert_eq!(nearest("XY-ZZ-1999-999", codes), None);
        assert_eq!(
            nearest("会议日其", ["会议日期", "会议地点"]),
            Some("会议日期")
        );
        assert_eq!(nearest("a", ["b"]), None);
    }

    proptest! {
        #[test]
        fn the_same_word_as_the_definition(
            unknown in "[ab中-]{0,7}",
            known in proptest::collection::vec("[ab中-]{0,7}", 0..12),
        ) {
            let known: Vec<&str> = known.iter().map(String::as_str).collect();
            prop_assert_eq!(nearest(&unknown, known.iter().copied()), by_definition(&unknown, &known));
        }
    }
}
