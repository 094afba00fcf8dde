//! Running a batch in parts and joining the parts: the day a province's year outgrows one
//! machine, each street (or district) is checked on its own (`yishi check 街道 --format json`),
//! by whatever job scheduler the bureau has, and `yishi merge` joins the parts' JSON into the
//! JSON one run over the whole batch would have written, with the year's figures beside it.
//!
//! A JSON report carries, under `batch`, what joining needs and a finding does not say
//! ([`carried`]): the batch folders, the year and the periods the frequency rules counted over,
//! the units and meeting codes (to refuse parts that overlap), the meeting codes named as
//! 前次会议编号 that the batch does not hold, how the first skipped entries came about (so the
//! lists join in one run's order), and each year's figures. A merged report carries the same, so
//! that merged parts merge again (streets into districts, districts into a province).
//! [`join`] does the joining and says why it will not. A batch checked street by street in one
//! run puts its streets' `batch` together the same way ([`Street`], [`Report`]).

mod findings;
mod frame;
mod join;
mod part;
mod refuse;
mod store;
mod streets;
mod years;

pub use frame::{Findings, finding_text, write_around};
pub use join::{Joined, join};
pub use part::Part;
pub use store::Store;
pub use streets::{Report, Street};
pub use years::Year;

use chrono::NaiveDate;
use serde_json::{Value as Json, json};

use crate::batch::Checked;
use crate::fields::Field;
use crate::figures;
use crate::model::Level;
use crate::rules::{periods, ymd};
use crate::settings::Settings;

/// The `batch` object of a JSON report: what a run over part of a batch carries for `yishi
/// merge`. `paths` are the batch folders as given.
pub fn carried(checked: &Checked, settings: &Settings, paths: &[String]) -> Json {
    let years = match settings.year {
        Some(year) => vec![year],
        None => figures::years(checked, settings),
    };
    carried_for(checked, settings, paths, &years)
}

/// [`carried`] with the figures of `years`.
fn carried_for(checked: &Checked, settings: &Settings, paths: &[String], years: &[i32]) -> Json {
    let span = |level| {
        periods::batch_span(&checked.meetings, settings, level)
            .map(|(from, to): (NaiveDate, NaiveDate)| json!([ymd(from), ymd(to)]))
    };
    let units: Vec<Json> = periods::units(
        &checked.meetings,
        &[Level::Street, Level::Community, Level::Village],
    )
    .iter()
    .map(|u| json!({ "street": u.street, "community": u.community, "level": figures::level_zh(u.level) }))
    .collect();
    let mut meetings: Vec<&str> = checked.meetings.iter().map(|m| m.code.as_str()).collect();
    meetings.sort_unstable();
    let mut follow_ups: Vec<&str> = checked
        .meetings
        .iter()
        .filter_map(|m| m.text(Field::PreviousCode).map(str::trim))
        .filter(|c| !c.is_empty() && meetings.binary_search(c).is_err())
        .collect();
    follow_ups.sort_unstable();
    follow_ups.dedup();
    let figures: Vec<Json> = years
        .iter()
        .map(|&year| json!(figures::compute(checked, settings, year).0))
        .collect();
    json!({
        "paths": paths,
        "year": settings.year,
        "spans": { "street": span(Level::Street), "community": span(Level::Community) },
        "units": units,
        "meetings": meetings,
        "follow_ups": follow_ups,
        "passed_over": checked.passed,
        "figures": figures,
    })
}
