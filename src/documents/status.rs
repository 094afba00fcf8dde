//! The 落实情况公示: what has been done about an adopted result, made public for the residents
//! to check. Every guideline asks for it: Shenzhen 六（一）6 (a feedback deadline for the
//! implementation), Jilin 三（六）("落实情况要在规定期限内……公开，接受群众监督"), Xinjiang 五（六）
//! (the community or village implements and makes public the deadline and form). It is printed
//! once the ledger records 落实情况 for a result that was adopted, dated by 反馈日期; a village's
//! major matter under the Xinjiang profile makes its results public as 实施结果公开 instead.

use serde_json::{Value as Json, json};

use super::{
    DocKind, Issuers, MissingData, adopted, arrangements, date, four_two, people, red_header,
    require, text, titled,
};
use crate::compose::title;
use crate::fields::Field;
use crate::model::Meeting;
use crate::settings::Settings;

/// Whether the meeting gets the 落实情况公示: its result was adopted and 落实情况 is recorded,
/// and it is not a matter whose results 四议两公开 publishes.
pub fn selects(m: &Meeting, settings: &Settings) -> bool {
    adopted(m) == Some(true)
        && m.cell(Field::Implementation).is_some()
        && !four_two::selects_results(m, settings)
}

/// The data of the 落实情况公示, or which fields it lacks: the consultation and its result, the
/// arrangements (who is responsible, by when, what is asked), what has been done, and where to
/// raise concerns.
pub fn status(m: &Meeting, issuers: &Issuers) -> Result<Json, MissingData> {
    require(
        DocKind::ImplementationStatus,
        m,
        &[
            Field::Topic,
            Field::Form,
            Field::HeldOn,
            Field::Outcome,
            Field::ResponsibleDept,
            Field::DueBy,
            Field::Implementation,
            Field::FeedbackOn,
        ],
    )?;
    let topic = text(m, Field::Topic).unwrap_or_default();
    let (title, title_pieces) = titled(&format!(
        "关于{}协商结果落实情况的公示",
        title::topic_in_title(&topic)
    ));
    Ok(json!({
        "title": title,
        "title_pieces": title_pieces,
        "code": m.code,
        "issuer": issuers.of(m),
        "red_header": red_header(m, issuers),
        "topic": topic,
        "form": text(m, Field::Form),
        "date": date(m, Field::HeldOn),
        "outcome": text(m, Field::Outcome),
        "result_form": text(m, Field::ResultForm),
        "implementation": arrangements(m),
        "done": text(m, Field::Implementation),
        "people": people(m),
        "supervision": text(m, Field::SupervisionContact),
        "issued_on": date(m, Field::FeedbackOn),
    }))
}
