//! The self-audit of a batch checked street by street ([`crate::batch::stream`]), so that only
//! one street's records and list are held at a time.
//!
//! The first pass gathers where every finding can belong: each street's places, put
//! together in the streets' order ([`Gathered`]). With them, last month's lists are laid over the
//! batch's streets and the findings kept aside by the check (entries passed over, what is known
//! only at the end) are placed ([`Gathered::ready`]). The second pass hands over each street's
//! records again: its streets' audits are made from its findings and the kept ones placed in them
//! ([`Ready::street`]), each finding's state on the dashboard noted in the order the findings are
//! written ([`States`]).
//!
//! The audits are those of the batch audited at once, item for item: a finding is placed by the
//! places of the whole batch, and the items of a street are in the order of the whole batch's
//! findings. Where that cannot be sure the batch is to be audited at once instead (`None`): a
//! street named in two streets' folders, a finding of one folder that belongs to a street of
//! another, a kept finding of a street no folder has.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::path::PathBuf;

use super::units::{self, Places};
use super::{Baseline, Comparison, Inputs, Item, StreetAudit, dashboard_state, list};
use crate::batch::Checked;
use crate::diag::{Diagnostic, Severity};
use crate::documents::Issuers;
use crate::load::{ReadFile, SkippedFile};

type SortKey = (String, usize, &'static str, String);

/// A finding no street could be found for, by its place in the report's order (its sort key,
/// then [`InReport::order`]), with its text.
type Unplaced = ((SortKey, (bool, usize)), String);

/// Where the findings of one street's folder can belong: made on the street's thread.
pub struct FolderPlaces(Places);

impl FolderPlaces {
    pub fn of(checked: &Checked) -> FolderPlaces {
        FolderPlaces(Places::new(checked))
    }
}

/// The places of the streets' folders checked so far, in their order.
#[derive(Default)]
pub struct Gathered {
    places: Places,
    /// The folder (by its place in the streets' order) of each street's records.
    owners: HashMap<String, usize>,
    /// A street named in two folders.
    shared: bool,
    folders: usize,
}

impl Gathered {
    pub fn take(&mut self, folder: FolderPlaces) {
        let at = self.folders;
        self.folders += 1;
        for street in folder.0.streets() {
            match self.owners.get(&street) {
                Some(&owner) if owner != at => self.shared = true,
                Some(_) => {}
                None => {
                    self.owners.insert(street, at);
                }
            }
        }
        self.places.absorb(folder.0);
    }

    /// Ready for the second pass: last month's lists laid over the streets (one that does not
    /// fit them is an error naming the file), the files read and skipped known, the findings
    /// `kept` aside by the check placed (`of_streets(k)`: whether the `k`th of them is found
    /// again in a street's folder). `None` when the batch is to be audited at once.
    pub fn ready(
        self,
        baselines: &[Baseline],
        (paths, issuers): (&[PathBuf], &Issuers),
        (read, skipped): (&[ReadFile], &[SkippedFile]),
        (kept, of_streets): (&[Diagnostic], &dyn Fn(usize) -> bool),
    ) -> Result<Option<Ready>, String> {
        if self.shared {
            return Ok(None);
        }
        let named = |d: &Diagnostic| {
            d.street
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let mut streets_of_kept = HashMap::new();
        let mut beyond: HashMap<usize, Vec<Beyond>> = HashMap::new();
        let mut unplaced = Vec::new();
        let keys = crate::report::sarif::Keys::new(paths);
        for (k, d) in kept.iter().enumerate() {
            if of_streets(k) {
                streets_of_kept
                    .entry(d.sort_key())
                    .or_insert_with(VecDeque::new)
                    .push_back(k);
                continue;
            }
            if named(d).is_some_and(|s| !self.owners.contains_key(&s)) {
                return Ok(None);
            }
            if !matches!(d.severity, Severity::Error | Severity::Warning) {
                continue;
            }
            let Some(unit) = self.places.of(d) else {
                unplaced.push((
                    (d.sort_key(), InReport::Kept(k).order()),
                    super::unplaced_text(d),
                ));
                continue;
            };
            let Some(&owner) = self.owners.get(&unit.street) else {
                return Ok(None);
            };
            let key = keys.of(d);
            beyond.entry(owner).or_default().push(Beyond {
                at: k,
                sort_key: d.sort_key(),
                street: unit.street.clone(),
                item: super::item(k, d, &key, &unit, (paths, issuers)),
            });
        }
        let streets = self.places.streets();
        let comparison = Comparison::new(baselines, &streets)?;
        let compared = !baselines.is_empty();
        Ok(Some(Ready {
            present: Places::files(read, skipped, paths),
            files: self.places.files_by_street(read),
            places: self.places,
            owners: self.owners,
            comparison,
            streets,
            beyond,
            streets_of_kept,
            unplaced,
            written: 0,
            folder: 0,
            states: compared.then(|| States::new(kept.len())),
        }))
    }
}

/// The second pass's state: what the streets' audits are made with, and what they said so far.
pub struct Ready {
    places: Places,
    owners: HashMap<String, usize>,
    comparison: Comparison,
    streets: Vec<String>,
    /// Every file of the batch, relative to its batch folder.
    present: BTreeSet<String>,
    /// The files of each street.
    files: HashMap<String, usize>,
    /// The kept findings of no folder on the lists, by the folder of their street.
    beyond: HashMap<usize, Vec<Beyond>>,
    /// The kept findings found again in streets' folders, by their sort key.
    streets_of_kept: HashMap<SortKey, VecDeque<usize>>,
    /// The findings no street could be found for.
    unplaced: Vec<Unplaced>,
    /// The findings written out with their streets so far.
    written: usize,
    folder: usize,
    states: Option<States>,
}

impl Ready {
    /// The batch's streets, by name.
    pub fn streets(&self) -> &[String] {
        &self.streets
    }

    /// The audits of the streets of the next folder, whose records `inputs.checked` are (`writes`
    /// telling its findings written out with it from those kept), by street; `None` when one of
    /// its findings belongs to a street of another folder.
    pub fn street(
        &mut self,
        inputs: &Inputs,
        writes: &dyn Fn(&Diagnostic) -> bool,
    ) -> Option<FolderAudit> {
        let folder = self.folder;
        self.folder += 1;
        let checked = inputs.checked;
        let own = checked.diagnostics.len();
        let keys = crate::report::sarif::fingerprints(checked, inputs.paths);
        let (mut listed, unplaced) = list(inputs, &self.places, &keys, 0..own);
        if listed
            .keys()
            .any(|street| self.owners.get(street) != Some(&folder))
        {
            return None;
        }
        // Where each of the folder's findings is in the report: written out with it, in order,
        // or kept.
        let mut places = Vec::with_capacity(own);
        for d in &checked.diagnostics {
            if writes(d) {
                places.push(InReport::Written(self.written));
                self.written += 1;
            } else {
                let k = self
                    .streets_of_kept
                    .get_mut(&d.sort_key())
                    .and_then(VecDeque::pop_front)
                    .expect("a kept finding of a street is found again");
                places.push(InReport::Kept(k));
            }
        }
        for i in unplaced {
            let d = &checked.diagnostics[i];
            self.unplaced
                .push(((d.sort_key(), places[i].order()), super::unplaced_text(d)));
        }
        // The kept findings placed in its streets join their items in the order of the report;
        // each item's finding is counted after the folder's own.
        let mut beyond_keys: HashMap<usize, SortKey> = HashMap::new();
        for mut b in self.beyond.remove(&folder).unwrap_or_default() {
            b.item.diagnostic = own + b.at;
            beyond_keys.insert(b.at, b.sort_key);
            listed.entry(b.street).or_default().push(b.item);
        }
        let sort_key = |it: &Item| -> (SortKey, (bool, usize)) {
            match it.diagnostic.checked_sub(own) {
                None => (
                    checked.diagnostics[it.diagnostic].sort_key(),
                    places[it.diagnostic].order(),
                ),
                Some(k) => (beyond_keys[&k].clone(), InReport::Kept(k).order()),
            }
        };
        let mut streets: Vec<&String> = self
            .owners
            .iter()
            .filter(|&(_, &owner)| owner == folder)
            .map(|(street, _)| street)
            .collect();
        streets.sort();
        let mut audits = Vec::with_capacity(streets.len());
        for street in streets {
            let mut items = listed.remove(street).unwrap_or_default();
            items.sort_by_cached_key(sort_key);
            let files = self.files.get(street).copied().unwrap_or(0);
            let scope = units::scope(street, &checked.meetings, files);
            audits.push(self.comparison.street(
                street,
                items,
                (&self.places, &self.present),
                scope,
                inputs,
            ));
        }
        if let Some(states) = &mut self.states {
            let mut of_own = vec![None; own];
            for it in audits.iter().flat_map(|a| &a.items) {
                let state = dashboard_state(it);
                match it.diagnostic.checked_sub(own) {
                    None => of_own[it.diagnostic] = state,
                    Some(k) => states.kept[k] = states.named(state),
                }
            }
            for (place, state) in places.iter().zip(of_own) {
                let state = states.named(state);
                match *place {
                    InReport::Kept(k) => states.kept[k] = state,
                    InReport::Written(_) => states.written.push(state),
                }
            }
        }
        Some(FolderAudit {
            streets: audits,
            keys,
            places,
        })
    }

    /// What the second pass found: the notes on the comparison, the findings no street could be
    /// found for (how many, the first three in the report's order), and the findings' states on
    /// the dashboard when last month's lists were given.
    pub fn finish(mut self) -> Finished {
        self.unplaced.sort_by(|a, b| a.0.cmp(&b.0));
        Finished {
            notes: self.comparison.notes,
            unplaced: self.unplaced.len(),
            first_unplaced: self
                .unplaced
                .into_iter()
                .take(3)
                .map(|(_, text)| text)
                .collect(),
            states: self.states,
        }
    }
}

/// The audits of a folder's streets ([`Ready::street`]).
pub struct FolderAudit {
    pub streets: Vec<StreetAudit>,
    /// The key of each of the folder's findings, by its index.
    pub keys: Vec<String>,
    /// Where each of the folder's findings is in the report, by its index. An item of a street's
    /// list whose `diagnostic` is past the folder's findings is the kept finding that many past.
    pub places: Vec<InReport>,
}

/// Where a finding is in the report: the `n`th of those written out with their streets, or the
/// `k`th of those kept aside ([`crate::batch::stream::Streamed::kept`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InReport {
    Written(usize),
    Kept(usize),
}

impl InReport {
    /// What it is sorted by after its sort key: of findings with the same key, the report gives
    /// those written out first.
    fn order(self) -> (bool, usize) {
        match self {
            InReport::Written(n) => (false, n),
            InReport::Kept(k) => (true, k),
        }
    }
}

/// A kept finding of no folder on a street's list.
struct Beyond {
    /// Its place among the kept findings.
    at: usize,
    sort_key: SortKey,
    street: String,
    item: Item,
}

/// What the second pass found (see [`Ready::finish`]).
pub struct Finished {
    /// What the run should say about the comparison.
    pub notes: Vec<String>,
    pub unplaced: usize,
    pub first_unplaced: Vec<String>,
    pub states: Option<States>,
}

/// The findings' states against last month's lists, as the dashboard shows them: those written
/// out with their streets in order, and those kept by their place among them.
pub struct States {
    names: Vec<String>,
    written: Vec<u8>,
    kept: Vec<u8>,
    /// The next written finding.
    next: usize,
}

impl States {
    fn new(kept: usize) -> States {
        States {
            names: vec![super::NOT_LISTED.to_string()],
            written: Vec::new(),
            kept: vec![0; kept],
            next: 0,
        }
    }

    /// The number of a state, the state named if it is new; a finding not on a list is 0.
    fn named(&mut self, state: Option<String>) -> u8 {
        let Some(state) = state else {
            return 0;
        };
        if let Some(i) = self.names.iter().position(|n| *n == state) {
            return u8::try_from(i).expect("a few states");
        }
        self.names.push(state);
        u8::try_from(self.names.len() - 1).expect("a few states")
    }

    /// The state of the next finding in the report's order: the `k`th kept, or the next written.
    pub fn next(&mut self, kept: Option<usize>) -> &str {
        let n = kept.map_or_else(
            || {
                self.next += 1;
                self.written[self.next - 1]
            },
            |k| self.kept[k],
        );
        &self.names[usize::from(n)]
    }
}
