//! The data each document template reads, built from a checked meeting. Record text goes in as
//! JSON strings; the templates place it as text, never as markup.

use chrono::{Datelike, NaiveDate};
use serde_json::{Value as Json, json};

use crate::days::Majority;
use crate::fields::Field;
use crate::model::{Level, Meeting};
use crate::rules::sz201;

/// A date as official documents write it: Arabic numerals, the year in full, no leading zeros
/// (GB/T 9704-2012 7.3.5.1: "2026年3月5日").
pub fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// The body that issues the meeting's documents.
pub fn issuer(m: &Meeting) -> Option<String> {
    match m.level()? {
        Level::Street => m.street().map(|s| format!("{s}办事处")),
        Level::Community => m.community().map(|c| format!("{c}居民委员会")),
        Level::Village => m.community().map(|c| format!("{c}村民委员会")),
    }
}

/// Why a document cannot be printed: the fields it lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingData {
    pub document: &'static str,
    pub fields: Vec<&'static str>,
}

/// The fields without which minutes would be printed with blanks.
const MINUTES_NEEDS: [Field; 3] = [Field::Topic, Field::HeldOn, Field::Venue];

/// The data of the 会议记录 (minutes), or which fields it lacks.
pub fn minutes(m: &Meeting, majority: Majority) -> Result<Json, MissingData> {
    let missing: Vec<&'static str> = MINUTES_NEEDS
        .iter()
        .filter(|f| m.cell(**f).is_none())
        .map(|f| f.zh())
        .collect();
    if !missing.is_empty() {
        return Err(MissingData {
            document: "会议记录",
            fields: missing,
        });
    }
    let text = |f: Field| m.cell(f).map(|c| c.value.display());
    let topic = text(Field::Topic).unwrap_or_default();
    let held = m.date(Field::HeldOn).expect("checked above");
    let form = text(Field::Form);
    let title = m
        .minutes
        .as_ref()
        .and_then(|b| b.title.clone())
        .unwrap_or_else(|| format!("{topic}{}会议记录", form.as_deref().unwrap_or("协商")));
    let due = m.count(Field::Due);
    let present = m.count(Field::Present);
    let quorum = match (due, present) {
        (Some(due), Some(present)) => {
            let required = sz201::required(due);
            let met = u64::from(present) * 3 >= u64::from(due) * 2;
            let verdict = if met {
                "达到应到人数的三分之二以上，符合召开条件"
            } else {
                "未达到应到人数的三分之二"
            };
            json!({
                "required": required,
                "met": met,
                "text": format!("应到{due}人，实到{present}人，{verdict}（至少{required}人）"),
            })
        }
        _ => Json::Null,
    };
    let votes = match (m.count(Field::VotesFor), present) {
        (Some(yes), Some(present)) => {
            let against = m.count(Field::VotesAgainst).unwrap_or(0);
            let abstain = m.count(Field::Abstain).unwrap_or(0);
            let required = majority.required(present);
            let verdict = if majority.passes(yes, present) {
                format!("赞成票达到实到人数半数以上（至少{required}票）")
            } else {
                format!("赞成票未达到实到人数半数（至少{required}票）")
            };
            json!({
                "for": yes, "against": against, "abstain": abstain, "required": required,
                "text": format!("赞成{yes}人，反对{against}人，弃权{abstain}人；{verdict}"),
            })
        }
        _ => Json::Null,
    };
    let attendees: Vec<Json> = m
        .present_participants()
        .map(|p| json!({ "name": p.name, "role": p.role, "signed": p.signed }))
        .collect();
    let observers: Vec<String> = m
        .participants
        .iter()
        .filter(|p| p.is_observer())
        .map(|p| p.name.clone())
        .collect();
    Ok(json!({
        "title": title,
        "code": m.code,
        "street": m.street(),
        "community": m.community(),
        "level": text(Field::Level),
        "form": form,
        "topic": topic,
        "background": text(Field::Background),
        "date": chinese_date(held),
        "venue": text(Field::Venue),
        "host": text(Field::Host),
        "recorder": text(Field::Recorder),
        "due": due,
        "present": present,
        "committee_present": m.count(Field::CommitteePresent),
        "quorum": quorum,
        "attendees": attendees,
        "observers": observers,
        "body": m.minutes.as_ref().map_or_else(Vec::new, |b| b.blocks.clone()),
        "votes": votes,
        "outcome": text(Field::Outcome),
        "result_form": text(Field::ResultForm),
        "issuer": issuer(m),
        "issued_on": chinese_date(held),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_have_no_leading_zeros() {
        assert_eq!(
            chinese_date(NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()),
            "2026年3月5日"
        );
        assert_eq!(
            chinese_date(NaiveDate::from_ymd_opt(2026, 10, 12).unwrap()),
            "2026年10月12日"
        );
    }
}
