//! Who takes part, as a public notice says it: a count by category ("两委成员4人、居民代表5人、
//! 物业1人，共10人"), not a run of residents' names.

use crate::model::Participant;

/// The role a participant without one is counted under.
const NO_ROLE: &str = "其他人员";

/// "两委成员4人、居民代表5人，共9人": each role with its count, in the order the roles first
/// appear, then the total. `None` for nobody.
pub fn by_category<'a>(people: impl IntoIterator<Item = &'a Participant>) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    let mut total = 0;
    for p in people {
        let role = p.role.as_deref().map_or(NO_ROLE, str::trim);
        let role = if role.is_empty() { NO_ROLE } else { role };
        match counts.iter_mut().find(|(r, _)| *r == role) {
            Some((_, n)) => *n += 1,
            None => counts.push((role, 1)),
        }
        total += 1;
    }
    if total == 0 {
        return None;
    }
    let parts: Vec<String> = counts.iter().map(|(r, n)| format!("{r}{n}人")).collect();
    Some(if counts.len() == 1 {
        parts.join("")
    } else {
        format!("{}，共{total}人", parts.join("、"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Encoding, Loc, SourceFile};

    fn person(role: Option<&str>) -> Participant {
        Participant {
            code: "X".to_string(),
            name: "某".to_string(),
            role: role.map(str::to_string),
            committee: None,
            attended: None,
            signed: None,
            loc: Loc::new(
                &SourceFile::new("名单.csv".into(), "", Encoding::Utf8),
                0..0,
            ),
        }
    }

    #[test]
    fn roles_counted_in_order_of_appearance() {
        let people = [
            person(Some("两委成员")),
            person(Some("居民代表")),
            person(Some("两委成员")),
            person(None),
        ];
        assert_eq!(
            by_category(&people).as_deref(),
            Some("两委成员2人、居民代表1人、其他人员1人，共4人")
        );
        assert_eq!(by_category(&people[..1]).as_deref(), Some("两委成员1人"));
        assert_eq!(by_category(&[]), None);
    }
}
