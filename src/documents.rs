//! The data each document template reads, built from a checked meeting: 协商公告 (notice),
//! 邀请函 (invitation), 会议记录 (minutes) and 协商结果公示 (result publication) for every
//! meeting; Jilin's 协商方案 and 协商情况公告 ([`jilin`]), Xinjiang's 决议公开 and 实施结果公开
//! for a village's major matter ([`four_two`]) and the 落实情况公示 of every guideline
//! ([`status`]) where the profiles and the record call for them. The kinds themselves are one
//! table, [`DocKind`]. Record text goes in as JSON strings; the templates place it as text, never
//! as markup. Public documents get their ID-card and mobile numbers masked (see [`Privacy`]).

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde_json::{Value as Json, json};

use crate::compose::{body, roster, schedule, title};
use crate::fields::Field;
use crate::model::{Level, Meeting};
use crate::rules::{sz201, sz202};
use crate::settings::Settings;

pub mod four_two;
pub mod jilin;
mod kind;
pub mod status;

pub use crate::compose::schedule::chinese_date;
pub use kind::{Context, DocKind, Per};

/// What public documents hide. A plain struct so that the command line and the workspace
/// configuration can both set it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Privacy {
    /// Mask ID-card and mobile numbers in public documents (公告, 邀请函, 公示). The minutes,
    /// an internal record, always keep them.
    pub mask_public: bool,
}

impl Default for Privacy {
    fn default() -> Self {
        Privacy { mask_public: true }
    }
}

/// Keys whose values are published on purpose (the office's supervision line, how to book a
/// seat, whom to call about the meeting): never masked.
const PUBLIC_KEYS: &[&str] = &["supervision", "booking", "contact"];

/// `text` with ID-card numbers (18 characters: 17 digits and a digit or X) shown as their first
/// six and last four characters, and mainland mobile numbers (11 digits starting 13–19, also
/// after +86 or 86, or grouped 3-4-4 with blanks or hyphens) as their first three and last four:
/// 440301********1234, 138****5678. Only whole numbers count, so longer ones (bank accounts,
/// order numbers) are left alone.
pub fn mask(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let mut end = i;
        if end - start == 17 && matches!(bytes.get(end), Some(b'X' | b'x')) {
            end += 1;
        }
        // A mobile number written in groups: 138 1234 5678 or 138-1234-5678.
        if end - start == 3 && is_grouped_mobile(&bytes[start..]) {
            end = start + 13;
            if !bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                let (sep, last) = (&text[start + 3..start + 4], &text[start + 9..end]);
                let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
                out.push_str(&text[copied..start]);
                for part in [&text[start..start + 3], sep, "****", sep, last] {
                    out.push_str(part);
                }
                copied = end;
            }
            i = end;
            continue;
        }
        if bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
            i = end;
            continue;
        }
        let run = &text[start..end];
        let masked = match run.len() {
            18 => Some(format!("{}********{}", &run[..6], &run[14..])),
            11 if is_mobile(run) => Some(format!("{}****{}", &run[..3], &run[7..])),
            13 if run.starts_with("86") && is_mobile(&run[2..]) => {
                Some(format!("86{}****{}", &run[2..5], &run[9..]))
            }
            _ => None,
        };
        if let Some(masked) = masked {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
            out.push_str(&text[copied..start]);
            out.push_str(&masked);
            copied = end;
        }
        i = end;
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        }
    }
}

/// Whether `b` starts with a mobile number in groups of 3, 4 and 4 digits, separated by the
/// same blank or hyphen.
fn is_grouped_mobile(b: &[u8]) -> bool {
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    digits(0..3)
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
        && matches!(b.get(3), Some(b' ' | b'-'))
        && digits(4..8)
        && b.get(8) == b.get(3)
        && digits(9..13)
}

fn is_mobile(digits: &str) -> bool {
    let b = digits.as_bytes();
    b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1])
}

/// Masks every string of data that goes to the public (a public document's, a notification
/// text's), except the values published on purpose.
pub fn mask_public(value: &mut Json) {
    mask_json(value);
}

/// Masks every string of a document's data, except the values published on purpose.
fn mask_json(value: &mut Json) {
    match value {
        Json::String(s) => {
            if let Cow::Owned(masked) = mask(s) {
                *s = masked;
            }
        }
        Json::Array(items) => items.iter_mut().for_each(mask_json),
        Json::Object(map) => {
            for (key, v) in map.iter_mut() {
                if !PUBLIC_KEYS.contains(&key.as_str()) {
                    mask_json(v);
                }
            }
        }
        _ => {}
    }
}

/// The full names units issue documents under, from `[issuers]` of `yishi.toml`, keyed by the
/// street, community or village name as the ledger writes it, or by street and community
/// together (`莲花街道彩田社区`) where two streets have a community of the same name. A unit not
/// named here issues under [`issuer`]'s name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Issuers(pub BTreeMap<String, String>);

impl Issuers {
    /// The name the meeting's documents are issued under.
    pub fn of(&self, m: &Meeting) -> Option<String> {
        self.configured(m).cloned().or_else(|| issuer(m))
    }

    /// The `[issuers]` entry for the meeting's unit, if any; "街道名社区名" before "社区名".
    fn configured(&self, m: &Meeting) -> Option<&String> {
        self.0
            .iter()
            .filter(|(key, _)| names_unit(m, key))
            .max_by_key(|(key, _)| key.len())
            .map(|(_, name)| name)
    }

    /// The name the unit `street` + `community` (none for a street) at `level` issues
    /// documents under: its `[issuers]` entry, else the default (某某街道办事处,
    /// 某某社区居民委员会, 某某村民委员会).
    pub fn of_unit(&self, street: Option<&str>, community: Option<&str>, level: Level) -> String {
        self.0
            .iter()
            .filter(|(key, _)| names(street, community, key))
            .max_by_key(|(key, _)| key.len())
            .map_or_else(
                || match (level, community) {
                    (Level::Community, Some(c)) => format!("{c}居民委员会"),
                    (Level::Village, Some(c)) => format!("{c}村民委员会"),
                    _ => format!("{}办事处", street.unwrap_or_default()),
                },
                |(_, name)| name.clone(),
            )
    }

    /// The keys that name no unit of `meetings`: most likely misspelt.
    pub fn unused(&self, meetings: &[Meeting]) -> Vec<&str> {
        self.0
            .keys()
            .filter(|key| !meetings.iter().any(|m| names_unit(m, key)))
            .map(String::as_str)
            .collect()
    }
}

/// Whether `key` names the meeting's own unit: its street for a street meeting, else its
/// community or village, alone or after its street.
fn names_unit(m: &Meeting, key: &str) -> bool {
    match m.level() {
        Some(Level::Street) => names(m.street(), None, key),
        Some(_) => m.community().is_some() && names(m.street(), m.community(), key),
        None => false,
    }
}

/// Whether `key` names the unit `street` + `community` (none for a street itself).
fn names(street: Option<&str>, community: Option<&str>, key: &str) -> bool {
    match community {
        None => street == Some(key),
        Some(c) => c == key || street.is_some_and(|s| key.strip_prefix(s) == Some(c)),
    }
}

/// The body that issues the meeting's documents, by default.
pub fn issuer(m: &Meeting) -> Option<String> {
    match m.level()? {
        // A township (乡镇, the street's tier) issues as its people's government.
        Level::Street if m.text(crate::fields::Field::Level) == Some("乡镇") => {
            m.street().map(|s| format!("{s}人民政府"))
        }
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

/// The data of document `kind` for meeting `m`, masked as `privacy` says, or which fields it
/// lacks.
pub fn data(
    kind: DocKind,
    m: &Meeting,
    settings: &Settings,
    privacy: Privacy,
    issuers: &Issuers,
) -> Result<Json, MissingData> {
    let Per::Meeting { data, .. } = kind.per();
    let mut value = data(m, &Context { settings, issuers })?;
    if kind.is_public() && privacy.mask_public {
        mask_json(&mut value);
    }
    Ok(value)
}

/// The fields among `needs` that `m` lacks, and what the issuer lacks, for document `kind`.
fn require(kind: DocKind, m: &Meeting, needs: &[Field]) -> Result<(), MissingData> {
    let mut fields: Vec<&'static str> = needs
        .iter()
        .filter(|f| m.cell(**f).is_none())
        .map(|f| f.zh())
        .collect();
    if issuer(m).is_none() {
        let lacking = match m.level() {
            None => Field::Level,
            Some(Level::Street) => Field::Street,
            Some(_) => Field::Community,
        };
        if !fields.contains(&lacking.zh()) {
            fields.push(lacking.zh());
        }
    }
    if fields.is_empty() {
        Ok(())
    } else {
        Err(MissingData {
            document: kind.zh(),
            fields,
        })
    }
}

fn text(m: &Meeting, f: Field) -> Option<String> {
    m.cell(f).map(|c| c.value.display())
}

fn date(m: &Meeting, f: Field) -> Option<String> {
    m.date(f).map(chinese_date)
}

/// The red 发文机关标志 of documents the street office issues; other levels have none.
fn red_header(m: &Meeting, issuers: &Issuers) -> Option<String> {
    (m.level()? == Level::Street)
        .then(|| issuers.of(m))
        .flatten()
}

/// A title and the pieces it may break between (see [`title::pieces`]).
fn titled(text: &str) -> (Json, Json) {
    (json!(text), json!(title::pieces(text)))
}

/// When the meeting is held: date, weekday and clock time.
fn when(m: &Meeting) -> Option<String> {
    let held = m.date(Field::HeldOn)?;
    Some(schedule::when(
        held,
        m.text(Field::StartsAt),
        m.text(Field::EndsAt),
    ))
}

/// Whom to ask about the meeting: `{"person", "phone"}`, published on purpose.
fn contact(m: &Meeting) -> Json {
    json!({
        "person": text(m, Field::ContactPerson),
        "phone": text(m, Field::ContactPhone),
    })
}

/// The data of the 协商公告 (notice), or which fields it lacks. Booking details are required
/// when there are observer seats.
pub fn notice(m: &Meeting, issuers: &Issuers) -> Result<Json, MissingData> {
    let mut needs = vec![
        Field::Topic,
        Field::Form,
        Field::HeldOn,
        Field::StartsAt,
        Field::Venue,
        Field::ContactPerson,
        Field::ContactPhone,
        Field::NoticeOn,
    ];
    let seats = m.count(Field::ObserverSeats);
    if seats.is_some_and(|n| n > 0) {
        needs.push(Field::ObserverBooking);
    }
    require(DocKind::Notice, m, &needs)?;
    let topic = text(m, Field::Topic).unwrap_or_default();
    let (title, title_pieces) = titled(&format!("关于{}的协商公告", title::topic_in_title(&topic)));
    let observers = seats.map(|seats| {
        json!({
            "seats": seats,
            "booking": text(m, Field::ObserverBooking),
            "opens_on": date(m, Field::ObserverOpenOn),
        })
    });
    Ok(json!({
        "title": title,
        "title_pieces": title_pieces,
        "code": m.code,
        "issuer": issuers.of(m),
        "red_header": red_header(m, issuers),
        "topic": topic,
        "background": text(m, Field::Background),
        "form": text(m, Field::Form),
        "date": date(m, Field::HeldOn),
        "when": when(m),
        "venue": text(m, Field::Venue),
        "host": text(m, Field::Host),
        "participants": roster::by_category(m.participants.iter().filter(|p| !p.is_observer())),
        "observers": observers,
        "contact": contact(m),
        "issued_on": date(m, Field::NoticeOn),
    }))
}

/// The data of the 邀请函 (invitation), or which fields it lacks: one letter per invited
/// participant (everyone listed but observers), addressed to the person ("尊敬的陈喆同志"), or
/// a general one to a plural addressee when nobody is listed. Replies are asked for by the day
/// before the meeting, when the letter goes out earlier than that.
pub fn invitation(m: &Meeting, issuers: &Issuers) -> Result<Json, MissingData> {
    require(
        DocKind::Invitation,
        m,
        &[
            Field::Topic,
            Field::Form,
            Field::HeldOn,
            Field::StartsAt,
            Field::Venue,
            Field::ContactPerson,
            Field::ContactPhone,
            Field::InvitedOn,
        ],
    )?;
    let invitees: Vec<Json> = m
        .participants
        .iter()
        .filter(|p| !p.is_observer() && !p.name.trim().is_empty())
        .map(|p| json!({ "name": p.name, "salutation": format!("尊敬的{}同志", p.name.trim()) }))
        .collect();
    let salutation = match m.level() {
        Some(Level::Village) => "各位村民代表",
        Some(Level::Street) => "各有关单位、各位代表",
        _ => "各位居民代表",
    };
    let held = m.date(Field::HeldOn).expect("required above");
    let reply_by = held
        .pred_opt()
        .filter(|day| m.date(Field::InvitedOn).is_some_and(|sent| sent < *day))
        .map(schedule::month_day);
    Ok(json!({
        "title": "邀请函",
        "title_pieces": title::pieces("邀请函"),
        "code": m.code,
        "issuer": issuers.of(m),
        "salutation": salutation,
        "invitees": invitees,
        "topic": text(m, Field::Topic),
        "background": text(m, Field::Background),
        "form": text(m, Field::Form),
        "when": when(m),
        "starts_at": m.text(Field::StartsAt).map(schedule::clock),
        "venue": text(m, Field::Venue),
        "reply_by": reply_by,
        "contact": contact(m),
        "issued_on": date(m, Field::InvitedOn),
    }))
}

/// The data of the 协商结果公示 (result publication), or which fields it lacks.
pub fn publication(
    m: &Meeting,
    settings: &Settings,
    issuers: &Issuers,
) -> Result<Json, MissingData> {
    require(
        DocKind::Publication,
        m,
        &[
            Field::Topic,
            Field::Form,
            Field::HeldOn,
            Field::Outcome,
            Field::ResultPublishedOn,
            Field::PublicationDays,
            Field::SupervisionContact,
        ],
    )?;
    let topic = text(m, Field::Topic).unwrap_or_default();
    let (title, title_pieces) = titled(&format!(
        "关于{}协商结果的公示",
        title::topic_in_title(&topic)
    ));
    let period = m
        .date(Field::ResultPublishedOn)
        .zip(m.count(Field::PublicationDays).filter(|days| *days > 0))
        .and_then(|(from, days)| {
            let to = from.checked_add_days(chrono::Days::new(u64::from(days) - 1))?;
            Some(json!({
                "from": chinese_date(from),
                "to": chinese_date(to),
                "days": days,
            }))
        });
    let implementation = arrangements(m);
    Ok(json!({
        "title": title,
        "title_pieces": title_pieces,
        "code": m.code,
        "issuer": issuers.of(m),
        "red_header": red_header(m, issuers),
        "topic": topic,
        "form": text(m, Field::Form),
        "date": date(m, Field::HeldOn),
        "venue": text(m, Field::Venue),
        "outcome": text(m, Field::Outcome),
        "votes": votes(m, settings).map(|v| v["text"].clone()),
        "result_form": text(m, Field::ResultForm),
        "implementation": implementation,
        "supervision": text(m, Field::SupervisionContact),
        "period": period,
        "issued_on": date(m, Field::ResultPublishedOn),
    }))
}

/// The implementation arrangements (落实安排) the ledger records: responsible leader and
/// department, deadline, requirements and feedback deadline, each `null` when not recorded;
/// `None` when none is.
fn arrangements(m: &Meeting) -> Option<Json> {
    let work = [
        ("leader", Field::ResponsibleLeader),
        ("department", Field::ResponsibleDept),
        ("due_by", Field::DueBy),
        ("requirements", Field::Requirements),
        ("feedback_by", Field::FeedbackBy),
    ];
    work.iter().any(|(_, f)| m.cell(*f).is_some()).then(|| {
        let mut map = serde_json::Map::new();
        for (key, f) in work {
            let value = if f.kind() == crate::fields::Kind::Date {
                date(m, f)
            } else {
                text(m, f)
            };
            map.insert(key.to_string(), json!(value));
        }
        Json::Object(map)
    })
}

/// Whom a public notice speaks to: 村民 in a village, 居民 elsewhere.
fn people(m: &Meeting) -> &'static str {
    if m.level() == Some(Level::Village) {
        "村民"
    } else {
        "居民"
    }
}

/// The unit the meeting belongs to, as the ledger names it: the community or village, or the
/// street for a street meeting.
fn unit(m: &Meeting) -> Option<&str> {
    match m.level()? {
        Level::Street => m.street(),
        Level::Community | Level::Village => m.community(),
    }
}

/// Whether the result was adopted (通过, 达成一致); `None` when no result is recorded.
fn adopted(m: &Meeting) -> Option<bool> {
    m.text(Field::Outcome)
        .map(|outcome| matches!(outcome, "通过" | "达成一致"))
}

/// The vote counts with the majority line (SZ202's reading in force), when the votes and the
/// attendance are known.
fn votes(m: &Meeting, settings: &Settings) -> Option<Json> {
    let yes = m.count(Field::VotesFor)?;
    let present = m.count(Field::Present)?;
    let against = m.count(Field::VotesAgainst).unwrap_or(0);
    let abstain = m.count(Field::Abstain).unwrap_or(0);
    let vote = sz202::vote(settings, (yes, against, abstain), present);
    Some(json!({
        "for": yes, "against": against, "abstain": abstain, "required": vote.required,
        "text": vote.text,
    }))
}

/// The fields without which minutes would be printed with blanks.
const MINUTES_NEEDS: [Field; 3] = [Field::Topic, Field::HeldOn, Field::Venue];

/// The data of the 会议记录 (minutes), or which fields it lacks.
pub fn minutes(m: &Meeting, settings: &Settings, issuers: &Issuers) -> Result<Json, MissingData> {
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
        .map_or_else(
            || {
                format!(
                    "{}{}会议记录",
                    title::topic_in_title(&topic),
                    form.as_deref().unwrap_or("协商")
                )
            },
            |own| minutes_title(&own),
        );
    let due = m.count(Field::Due);
    let present = m.count(Field::Present);
    // The attendance line under the quorum SZ201 checks for the meeting's form.
    let quorum = match (due, present) {
        (Some(due), Some(present)) => {
            sz201::attendance(settings, m.text(Field::Form), due, present).map_or(
                Json::Null,
                |a| json!({ "required": a.required, "met": a.met, "text": a.text }),
            )
        }
        _ => Json::Null,
    };
    let votes = votes(m, settings).unwrap_or(Json::Null);
    let attendees: Vec<Json> = m
        .present_participants()
        .map(|p| json!({ "name": p.name, "role": p.role }))
        .collect();
    let observers: Vec<String> = m
        .participants
        .iter()
        .filter(|p| p.is_observer())
        .map(|p| p.name.clone())
        .collect();
    let mut blocks: Vec<Json> = m
        .minutes
        .as_ref()
        .map(|b| b.blocks.iter().map(|block| json!(block)).collect())
        .unwrap_or_default();
    let mut covered: Vec<&str> = body::covered(&blocks).iter().map(|f| f.key()).collect();
    if body::blank_signatures(&mut blocks) {
        covered.push("signatures");
    }
    if title.contains(title::topic_in_title(&topic)) {
        covered.push("topic");
    }
    let names: Vec<String> = m
        .participants
        .iter()
        .flat_map(|p| [Some(p.name.clone()), p.role.clone()])
        .flatten()
        .chain(text(Field::Host))
        .chain(text(Field::Recorder))
        .collect();
    body::keep_names_whole(&mut blocks, &names);
    let (title, title_pieces) = titled(&title);
    Ok(json!({
        "title": title,
        "title_pieces": title_pieces,
        "code": m.code,
        "street": m.street(),
        "community": m.community(),
        "level": text(Field::Level),
        "form": form,
        "topic": topic,
        "background": text(Field::Background),
        "date": chinese_date(held),
        "when": when(m),
        "venue": text(Field::Venue),
        "host": text(Field::Host),
        "recorder": text(Field::Recorder),
        "due": due,
        "present": present,
        "committee_present": m.count(Field::CommitteePresent),
        "quorum": quorum,
        "attendees": attendees,
        "observers": observers,
        "body": blocks,
        "covered": covered,
        "votes": votes,
        "outcome": text(Field::Outcome),
        "result_form": text(Field::ResultForm),
        "issuer": issuers.of(m),
        "issued_on": chinese_date(held),
    }))
}

/// The minutes' own title as printed: a body that calls itself 纪要 is printed as what it is, a
/// 会议记录 with its signatures (a 纪要 has a layout of its own, GB/T 9704 10.3, and is not
/// signed).
fn minutes_title(own: &str) -> String {
    let own = own.trim();
    match own
        .strip_suffix("会议纪要")
        .or_else(|| own.strip_suffix("纪要"))
    {
        Some(stem) => format!("{stem}会议记录"),
        None => own.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_called_jiyao_prints_as_minutes() {
        assert_eq!(
            minutes_title("口袋公园项目遴选民主协商会纪要"),
            "口袋公园项目遴选民主协商会会议记录"
        );
        assert_eq!(minutes_title("议事会会议纪要"), "议事会会议记录");
        assert_eq!(minutes_title("议事会会议记录"), "议事会会议记录");
    }

    #[test]
    fn ids_and_mobiles_are_masked_and_nothing_else() {
        assert_eq!(
            mask("身份证440301199001011234，电话13812345678。"),
            "身份证440301********1234，电话138****5678。"
        );
        assert_eq!(mask("44030119900101123X"), "440301********123X");
        assert_eq!(mask("+8613812345678"), "+86138****5678");
        assert_eq!(mask("电话138 1234 5678。"), "电话138 **** 5678。");
        assert_eq!(mask("138-1234-5678"), "138-****-5678");
        // Not a mobile (12x), too long, inside a longer number or a code: kept.
        for kept in [
            "12812345678",
            "138123456789",
            "6222021234567890123",
            "LH13812345678",
            "0755-83451234",
            "2026年3月5日",
            "138-1234 5678",
            "138-1234-56789",
        ] {
            assert_eq!(mask(kept), kept);
        }
    }

    #[test]
    fn published_contacts_are_not_masked() {
        let mut data = json!({
            "venue": "联系13812345678",
            "supervision": "13812345678",
            "observers": { "booking": "电话13812345678", "seats": 3 },
            "invitees": [{ "name": "张三13812345678" }],
        });
        mask_json(&mut data);
        assert_eq!(data["venue"], "联系138****5678");
        assert_eq!(data["supervision"], "13812345678");
        assert_eq!(data["observers"]["booking"], "电话13812345678");
        assert_eq!(data["invitees"][0]["name"], "张三138****5678");
    }
}
