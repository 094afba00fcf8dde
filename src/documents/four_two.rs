//! The two public notices of 四议两公开 (新疆维吾尔自治区《自治区基层议事协商工作指引》六（二）：
//! "属于村级重大事项的，应按照“四议两公开”制度进行决策"): once the village has resolved a major
//! matter through the four deliberations (党组织提议、两委会议商议、党员大会审议、村民会议或
//! 村民代表会议决议), the 决议公开 makes the resolution public, dated by 决议公开日期; once it
//! has been carried out, the 实施结果公开 makes the results public, dated by 实施结果公开日期.
//! They are printed for the meetings XJ006 checks: a village's, on a major matter, not rejected.

use chrono::NaiveDate;
use serde_json::{Value as Json, json};

use super::{
    DocKind, Issuers, MissingData, adopted, arrangements, chinese_date, date, require, text,
    titled, unit, votes,
};
use crate::compose::title;
use crate::fields::Field;
use crate::model::{Level, Meeting};
use crate::settings::{Profile, Settings};

/// The forms that resolve a village's major matter (村民会议或者村民代表会议决议).
const ASSEMBLIES: [&str; 2] = ["村民会议", "村民代表会议"];

/// Whether the meeting's matter goes through 四议两公开 under the profiles in force: the
/// Xinjiang profile, a village, a major matter, and a result that was not rejected (a result
/// not yet recorded counts, so that it is reported as missing).
fn applies(m: &Meeting, settings: &Settings) -> bool {
    settings.profiles.contains(&Profile::Xinjiang)
        && m.level() == Some(Level::Village)
        && m.yes_no(Field::Major) == Some(true)
        && adopted(m) != Some(false)
}

/// Whether the meeting gets the 决议公开.
pub fn selects_resolution(m: &Meeting, settings: &Settings) -> bool {
    applies(m, settings)
}

/// Whether the meeting gets the 实施结果公开: its matter goes through 四议两公开 and the results
/// are due (the completion date has passed, or none is set, as XJ006 reads it) or recorded.
pub fn selects_results(m: &Meeting, settings: &Settings) -> bool {
    applies(m, settings)
        && (m.date(Field::DueBy).is_none_or(|d| d < settings.today)
            || m.cell(Field::Implementation).is_some()
            || m.cell(Field::ImplementationPublishedOn).is_some())
}

/// When and by what body the matter was resolved: 决议日期, or the meeting's own date when the
/// meeting is the 村民会议 or 村民代表会议 and no other date is given. The body is named only
/// when it is this meeting.
struct Resolved {
    on: NaiveDate,
    /// The assembly that resolved it at this meeting, with the meeting's venue and vote.
    here: Option<String>,
}

fn resolved(m: &Meeting) -> Option<Resolved> {
    let assembly = m.text(Field::Form).filter(|f| ASSEMBLIES.contains(f));
    let held = m.date(Field::HeldOn);
    match (m.date(Field::ResolvedOn), assembly) {
        (Some(on), Some(form)) if Some(on) == held => Some(Resolved {
            on,
            here: Some(form.to_string()),
        }),
        (Some(on), _) => Some(Resolved { on, here: None }),
        (None, Some(form)) => held.map(|on| Resolved {
            on,
            here: Some(form.to_string()),
        }),
        (None, None) => None,
    }
}

/// The fields lacking among `needs`, and 决议日期 when the resolution cannot be dated.
fn require_resolved(kind: DocKind, m: &Meeting, needs: &[Field]) -> Result<Resolved, MissingData> {
    let found = resolved(m);
    let mut fields = match require(kind, m, needs) {
        Ok(()) => Vec::new(),
        Err(missing) => missing.fields,
    };
    if found.is_none() {
        fields.push(Field::ResolvedOn.zh());
    }
    match found {
        Some(found) if fields.is_empty() => Ok(found),
        _ => Err(MissingData {
            document: kind.zh(),
            fields,
        }),
    }
}

/// The village's party organisation as the record names it: the convener, when it is one
/// (东工村党支部), else 村党组织.
fn party(m: &Meeting) -> String {
    m.text(Field::Convener)
        .map(str::trim)
        .filter(|c| c.contains('党'))
        .map_or_else(|| "村党组织".to_string(), str::to_string)
}

/// The resolution as both notices state it: its date, the body and the vote when this meeting
/// resolved it.
fn resolution_json(m: &Meeting, resolved: &Resolved, settings: &Settings) -> Json {
    let here = resolved.here.is_some();
    json!({
        "date": chinese_date(resolved.on),
        "body": resolved.here,
        "venue": if here { text(m, Field::Venue) } else { None },
        "due": if here { m.count(Field::Due) } else { None },
        "present": if here { m.count(Field::Present) } else { None },
        "votes": if here { votes(m, settings).map(|v| v["text"].clone()) } else { None },
    })
}

/// The data of the 决议公开 (the resolution made public), or which fields it lacks: the three
/// deliberations before it with their dates, the resolution with its vote, what is to be done,
/// by whom and by when, and where to raise objections. Dated by 决议公开日期.
pub fn resolution(
    m: &Meeting,
    settings: &Settings,
    issuers: &Issuers,
) -> Result<Json, MissingData> {
    let resolved = require_resolved(
        DocKind::Resolution,
        m,
        &[
            Field::Topic,
            Field::PartyProposedOn,
            Field::CommitteesDiscussedOn,
            Field::MembersReviewedOn,
            Field::Outcome,
            Field::ResolutionPublishedOn,
        ],
    )?;
    let topic = text(m, Field::Topic).unwrap_or_default();
    let (title, title_pieces) = titled(&format!("关于{}的决议公告", title::topic_in_title(&topic)));
    let steps = [
        (party(m) + "提议", Field::PartyProposedOn),
        ("村“两委”会议商议".to_string(), Field::CommitteesDiscussedOn),
        ("党员大会审议".to_string(), Field::MembersReviewedOn),
    ]
    .map(|(step, f)| json!({ "step": step, "date": date(m, f) }));
    Ok(json!({
        "title": title,
        "title_pieces": title_pieces,
        "code": m.code,
        "issuer": issuers.of(m),
        "topic": topic,
        "background": text(m, Field::Background),
        "steps": steps,
        "resolution": resolution_json(m, &resolved, settings),
        "implementation": arrangements(m),
        "implementation_form": text(m, Field::ImplementationForm),
        "supervision": text(m, Field::SupervisionContact),
        "issued_on": date(m, Field::ResolutionPublishedOn),
    }))
}

/// The data of the 实施结果公开 (the results made public), or which fields it lacks: the
/// resolution it carried out, what was done, the arrangements it was done under, and where to
/// raise objections. Dated by 实施结果公开日期.
pub fn results(m: &Meeting, settings: &Settings, issuers: &Issuers) -> Result<Json, MissingData> {
    let resolved = require_resolved(
        DocKind::ImplementationResults,
        m,
        &[
            Field::Topic,
            Field::Implementation,
            Field::ImplementationPublishedOn,
        ],
    )?;
    let topic = text(m, Field::Topic).unwrap_or_default();
    let (title, title_pieces) = titled(&format!(
        "关于{}实施结果的公示",
        title::topic_in_title(&topic)
    ));
    Ok(json!({
        "title": title,
        "title_pieces": title_pieces,
        "code": m.code,
        "issuer": issuers.of(m),
        "topic": topic,
        "unit": unit(m),
        "resolution": resolution_json(m, &resolved, settings),
        "resolution_published_on": date(m, Field::ResolutionPublishedOn),
        "done": text(m, Field::Implementation),
        "implementation": arrangements(m),
        "implementation_form": text(m, Field::ImplementationForm),
        "supervision": text(m, Field::SupervisionContact),
        "issued_on": date(m, Field::ImplementationPublishedOn),
    }))
}
