//! The page of a batch checked street by street ([`Streaming`]).

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::rows::{FindingTexts, RowsText, closed_texts, closed_titles, meeting_rows_text};
use super::{FILE_NAME, Links, Page, Shown, add_units, page_context, write_file, write_page};
use crate::batch::Checked;
use crate::printing::Entry;
use crate::texts::Texts;

/// The page of a batch checked street by street, made a street at a time: each street's
/// meetings' rows are written to a temporary file as the street is checked, the findings' rows
/// come in the batch's order at the end ([`Streaming::write`]). The built-in template only: a
/// workspace's own is given every row as data, which needs the batch at once.
pub struct Streaming {
    links: Links,
    /// Taken on the thread that puts the streets in order, while the streets' threads read the
    /// links.
    taken: std::sync::Mutex<Taken>,
}

/// The streets' parts of a [`Streaming`] page taken so far.
struct Taken {
    meetings: io::BufWriter<std::fs::File>,
    rows: usize,
    units: BTreeMap<String, String>,
}

/// A street's part of a [`Streaming`] page: its meetings' rows and units.
pub struct StreetRows {
    text: String,
    rows: usize,
    units: BTreeMap<String, String>,
}

impl Streaming {
    /// A page linking those of `documents` that are in `out` (an earlier build's).
    pub fn new(documents: &[Entry], out: &Path) -> io::Result<Streaming> {
        Ok(Streaming {
            links: Links::of(documents, out),
            taken: std::sync::Mutex::new(Taken {
                meetings: io::BufWriter::new(tempfile::tempfile()?),
                rows: 0,
                units: BTreeMap::new(),
            }),
        })
    }

    /// A street's part of the page, made on the street's thread.
    pub fn street(&self, checked: &Checked) -> StreetRows {
        Streaming::street_linked(checked, &self.links, &HashMap::new())
    }

    /// A street's part of the page with the links to its documents and its notices' SMS
    /// segments by meeting: those of the run that has just printed them.
    pub fn street_linked(
        checked: &Checked,
        links: &Links,
        sms: &HashMap<&str, usize>,
    ) -> StreetRows {
        let mut units = BTreeMap::new();
        add_units(&mut units, &checked.meetings);
        StreetRows {
            text: meeting_rows_text(checked, links, sms),
            rows: checked.meetings.len(),
            units,
        }
    }

    /// Adds a street's part, in the streets' order.
    pub fn take(&self, street: StreetRows) -> io::Result<()> {
        let mut taken = self
            .taken
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if street.rows > 0 {
            if taken.rows > 0 {
                taken.meetings.write_all(b",")?;
            }
            taken.meetings.write_all(street.text.as_bytes())?;
        }
        taken.rows += street.rows;
        taken.units.extend(street.units);
        Ok(())
    }

    /// Writes `index.html` into `page.out`: `shown` counted over the batch, `findings` the
    /// findings' rows (of [`finding_text`]), `count` of them, in the batch's order; then the
    /// rows of what last month's list had and this month's does not (of `page.audit`).
    pub fn write(
        self,
        page: &Page,
        mut shown: Shown,
        texts: &Texts,
        (count, findings): (usize, &mut FindingTexts<'_>),
    ) -> Result<PathBuf, String> {
        let path = page.out.join(FILE_NAME);
        let shown_error = |e: io::Error| format!("无法写入 {}：{e}", path.display());
        let mut taken = self
            .taken
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        taken.meetings.flush().map_err(shown_error)?;
        let mut meetings = taken
            .meetings
            .into_inner()
            .map_err(|e| shown_error(e.into_error()))?;
        shown.units = taken.units;
        // The reports printed by this run are linked from the units' cards.
        let links = Links::of(page.documents, page.out);
        let closed = page.audit.map(closed_texts).unwrap_or_default();
        let mut titles = shown.rules.clone();
        closed_titles(page.audit, &mut titles);
        let context = page_context(page, &shown, &links, (count + closed.len(), taken.rows));
        write_file(&path, &mut |out| {
            use std::io::Seek as _;
            meetings.rewind()?;
            let mut copy_meetings = |out: &mut dyn Write| {
                io::copy(&mut io::BufReader::new(&mut meetings), out).map(|_| ())
            };
            write_page(
                out,
                &context,
                texts,
                RowsText {
                    meetings: &mut copy_meetings,
                    findings: &mut |each| {
                        findings(&mut *each)?;
                        closed.iter().try_for_each(|text| each(text))
                    },
                    titles: &titles,
                },
            )
        })
    }
}
