//! The documents of Jilin's six steps (吉林省《关于加强城乡社区协商的实施意见》三（五））that
//! the other guidelines do not name: the 协商方案, made within two working days after the topic is
//! set, "明确协商时间、地点、内容及参与主体、具体协商方式"; and the 协商情况公告, "协商有关情况
//! 应于当日或者次日在村（社区）进行公告". Both belong to consultations of a community or a village,
//! as the rules JL002 and JL004 do.

use serde_json::{Value as Json, json};

use super::{
    DocKind, Issuers, MissingData, adopted, arrangements, contact, date, people, require, text,
    titled, unit, votes, when,
};
use crate::compose::{roster, title};
use crate::fields::Field;
use crate::model::{Level, Meeting};
use crate::settings::{Profile, Settings};

/// Whether the meeting gets the plan and the announcement: the Jilin profile is in force and
/// the meeting is a community's or a village's.
pub fn selects(m: &Meeting, settings: &Settings) -> bool {
    settings.profiles.contains(&Profile::Jilin)
        && matches!(m.level(), Some(Level::Community | Level::Village))
}

/// What the plan needs when no participants list says who takes part.
const PARTICIPANTS_OR_DUE: &str = "参会人员名单或应到人数";

/// The data of the 协商方案 (plan), or which fields it lacks: what is consulted on and why, when
/// and where, who takes part (counted by category from the participants list, else the number
/// due), in what form and led by whom, and the steps around the meeting as the record dates
/// them. Dated by 方案制定日期.
pub fn plan(m: &Meeting, issuers: &Issuers) -> Result<Json, MissingData> {
    let participants = roster::by_category(m.participants.iter().filter(|p| !p.is_observer()));
    let mut fields = match require(
        DocKind::Plan,
        m,
        &[
            Field::Topic,
            Field::Form,
            Field::HeldOn,
            Field::StartsAt,
            Field::Venue,
            Field::PlanOn,
        ],
    ) {
        Ok(()) => Vec::new(),
        Err(missing) => missing.fields,
    };
    if participants.is_none() && m.count(Field::Due).is_none() {
        fields.push(PARTICIPANTS_OR_DUE);
    }
    if !fields.is_empty() {
        return Err(MissingData {
            document: DocKind::Plan.zh(),
            fields,
        });
    }
    let topic = text(m, Field::Topic).unwrap_or_default();
    let (title, title_pieces) = titled(&format!("关于{}的协商方案", title::topic_in_title(&topic)));
    Ok(json!({
        "title": title,
        "title_pieces": title_pieces,
        "code": m.code,
        "issuer": issuers.of(m),
        "topic": topic,
        "background": text(m, Field::Background),
        "topic_set_on": date(m, Field::TopicSetOn),
        "when": when(m),
        "venue": text(m, Field::Venue),
        "form": text(m, Field::Form),
        "host": text(m, Field::Host),
        "unit": unit(m),
        "people": people(m),
        "convener": text(m, Field::Convener),
        "committee": text(m, Field::ConsultationCommittee),
        "participants": participants,
        "due": m.count(Field::Due),
        "notice_on": date(m, Field::NoticeOn),
        "notice_channels": text(m, Field::NoticeChannels),
        "contact": contact(m),
        "issued_on": date(m, Field::PlanOn),
    }))
}

/// The data of the 协商情况公告 (announcement of how the consultation went), or which fields it
/// lacks: when, where and in what form it was held, who took part, how the vote went and what
/// came of it, what is to be done and by whom, and whom to tell. Dated by 情况公告日期.
pub fn announcement(
    m: &Meeting,
    settings: &Settings,
    issuers: &Issuers,
) -> Result<Json, MissingData> {
    require(
        DocKind::Announcement,
        m,
        &[
            Field::Topic,
            Field::Form,
            Field::HeldOn,
            Field::Venue,
            Field::Outcome,
            Field::StatusAnnouncedOn,
        ],
    )?;
    let topic = text(m, Field::Topic).unwrap_or_default();
    let (title, title_pieces) = titled(&format!(
        "关于{}协商情况的公告",
        title::topic_in_title(&topic)
    ));
    Ok(json!({
        "title": title,
        "title_pieces": title_pieces,
        "code": m.code,
        "issuer": issuers.of(m),
        "topic": topic,
        "form": text(m, Field::Form),
        "when": when(m),
        "venue": text(m, Field::Venue),
        "host": text(m, Field::Host),
        "due": m.count(Field::Due),
        "present": m.count(Field::Present),
        "attended": roster::by_category(m.present_participants()),
        "votes": votes(m, settings).map(|v| v["text"].clone()),
        "outcome": text(m, Field::Outcome),
        "adopted": adopted(m),
        "people": people(m),
        "result_form": text(m, Field::ResultForm),
        "implementation": arrangements(m),
        "supervision": text(m, Field::SupervisionContact),
        "contact": contact(m),
        "issued_on": date(m, Field::StatusAnnouncedOn),
    }))
}
