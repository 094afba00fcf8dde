//! The JSON report of a batch checked street by street ([`crate::batch::stream`]): what each
//! street carries under `batch` (its units, meeting codes, follow-ups, periods and each year's
//! figures) is made on its thread while its records are held ([`Street`]), put together as
//! `yishi merge` puts parts together, and the report is written around the findings as the check
//! wrote them out ([`Report`]).

use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Deserialize;
use serde_json::{Value as Json, json};

use super::frame::{Findings, Frame};
use super::join::{batch, meeting_codes};
use super::part::{Carried, keys_of};
use super::store::Store;
use super::years::Year;
use crate::batch::{Checked, Overview};
use crate::settings::Settings;
use crate::source::display_path;

/// What one street carries towards the batch's `batch` object.
pub struct Street {
    /// Its `batch` object's keys, their values aside.
    keys: Json,
    carried: Carried,
    years: Vec<Year>,
}

impl Street {
    /// What the street checked as `checked` carries, with its figures of the batch's `years`,
    /// their units' text put in `store`.
    pub fn of(
        checked: &Checked,
        settings: &Settings,
        years: &[i32],
        store: &Arc<Store>,
    ) -> io::Result<Street> {
        let carried = super::carried_for(checked, settings, &[], years);
        let keys = keys_of(&carried);
        let mut carried = Carried::deserialize(carried).expect("made as a report carries it");
        let years = std::mem::take(&mut carried.figures)
            .into_iter()
            .map(|f| Year::of(f, Some(store)))
            .collect::<io::Result<_>>()?;
        Ok(Street {
            keys,
            carried,
            years,
        })
    }
}

/// The JSON report of a batch checked street by street, without its findings.
pub struct Report {
    frame: Frame,
    /// What each street carries (its meeting codes are written from here).
    carried: Vec<Carried>,
    figures: Vec<Year>,
}

impl Report {
    /// The report of what the check of the batch folders `paths` found (`overview`), from what
    /// its streets carry (in their order); `passed` is how many entries the walk of the batch
    /// passed over and how many other ways to a file it met (one run's `passed_over`).
    pub fn new(
        overview: &Overview,
        settings: &Settings,
        paths: &[PathBuf],
        streets: Vec<Street>,
        (walked, linked): (usize, usize),
    ) -> Result<Report, String> {
        let Some(first) = streets.first() else {
            return Err("没有街道".to_string());
        };
        let shown: Vec<String> = paths.iter().map(|p| display_path(p)).collect();
        let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
        let carried: Vec<&Carried> = streets.iter().map(|s| &s.carried).collect();
        let mut report = crate::report::json::document_of(overview, settings, Vec::new());
        report["batch"] = batch(&first.keys, &carried, &shown);
        report["batch"]["passed_over"] = json!({ "walked": walked, "linked": linked });
        let frame = Frame::of(report)?;
        let mut by_year: Vec<Vec<Year>> = Vec::new();
        let mut kept = Vec::with_capacity(streets.len());
        for street in streets {
            kept.push(street.carried);
            for (i, year) in street.years.into_iter().enumerate() {
                if by_year.len() <= i {
                    by_year.push(Vec::new());
                }
                by_year[i].push(year);
            }
        }
        let figures = by_year
            .into_iter()
            .filter_map(|years| {
                let mut years = years.into_iter();
                let first = years.next()?;
                Some(Year::join(first, years))
            })
            .collect();
        Ok(Report {
            frame,
            carried: kept,
            figures,
        })
    }

    /// Writes the report, as `yishi check --format json` prints it, its findings (as the report
    /// lays them out) handed by `findings` in the report's order.
    pub fn write(
        &self,
        out: &mut dyn std::io::Write,
        findings: &mut Findings<'_>,
    ) -> std::io::Result<()> {
        self.frame.write(
            out,
            findings,
            &meeting_codes(self.carried.iter()),
            &self.figures,
        )
    }
}
