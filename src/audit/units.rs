//! Which street and unit each finding belongs to, and what a street's audit covered. A finding
//! names its unit, or its meeting; a finding about a file (a header that cannot be read) is
//! placed by the meetings read from that file, else from the files in the same folder or the
//! folders above it, else — in a batch of one street — with that street.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::batch::Checked;
use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::load::{ReadFile, SkippedFile};
use crate::model::{Level, Meeting};
use crate::source::SourceFile;

use super::Scope;
use super::baseline::Row;

/// A street, or a community or village of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    pub street: String,
    pub community: Option<String>,
    pub level: Level,
}

type Key = (String, Option<String>);

/// Where the findings of a batch belong: its units, its meetings' units, the units of what was
/// read from each file, its streets. Made from one [`Checked`] ([`Places::new`]); the places of
/// a batch checked street by street are those of its streets put together ([`Places::absorb`]).
#[derive(Debug, Default)]
pub struct Places {
    /// Each unit once, with its level (the level its last meeting gave it).
    units: Vec<(Key, Level)>,
    ids: HashMap<Key, u32>,
    /// Each meeting's unit.
    meetings: HashMap<Box<str>, u32>,
    /// Each file read (the workbook, for a sheet) with the units of what was read from it.
    files: BTreeMap<String, BTreeSet<u32>>,
    streets: BTreeSet<String>,
}

/// The file a source is (the workbook of a sheet), as messages name it.
fn file_of(file: &SourceFile) -> &str {
    file.sheet
        .as_ref()
        .map_or(file.name.as_str(), |s| s.workbook.as_str())
}

fn key_of(m: &Meeting) -> Option<(Key, Level)> {
    let street = m.street()?.trim();
    if street.is_empty() {
        return None;
    }
    match m.level()? {
        Level::Street => Some(((street.to_string(), None), Level::Street)),
        level => {
            let community = m.community()?.trim();
            (!community.is_empty())
                .then(|| ((street.to_string(), Some(community.to_string())), level))
        }
    }
}

impl Places {
    pub fn new(checked: &Checked) -> Places {
        let mut places = Places::default();
        for m in &checked.meetings {
            let Some((key, level)) = key_of(m) else {
                continue;
            };
            let id = places.unit_id(key, level);
            for file in m
                .records
                .iter()
                .map(|r| &r.file)
                .chain(m.participants.iter().map(|p| &p.loc.file))
            {
                places
                    .files
                    .entry(file_of(file).to_string())
                    .or_default()
                    .insert(id);
            }
            places.meetings.insert(m.code.as_str().into(), id);
        }
        for d in &checked.diagnostics {
            if let Some(s) = d.street.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                places.streets.insert(s.to_string());
            }
        }
        places
    }

    /// The unit's number, the unit added with `level` (or its level set to `level`).
    fn unit_id(&mut self, key: Key, level: Level) -> u32 {
        if let Some(&id) = self.ids.get(&key) {
            self.units[id as usize].1 = level;
            return id;
        }
        let id = u32::try_from(self.units.len()).expect("fewer units than 2^32");
        self.streets.insert(key.0.clone());
        self.ids.insert(key.clone(), id);
        self.units.push((key, level));
        id
    }

    /// Adds the places of the streets checked after these, as one [`Places::new`] of the two
    /// batches together would have them.
    pub fn absorb(&mut self, other: Places) {
        let ids: Vec<u32> = other
            .units
            .into_iter()
            .map(|(key, level)| self.unit_id(key, level))
            .collect();
        for (code, id) in other.meetings {
            self.meetings.insert(code, ids[id as usize]);
        }
        for (file, units) in other.files {
            self.files
                .entry(file)
                .or_default()
                .extend(units.into_iter().map(|id| ids[id as usize]));
        }
        self.streets.extend(other.streets);
    }

    /// The streets of the batch, by name.
    pub fn streets(&self) -> Vec<String> {
        self.streets.iter().cloned().collect()
    }

    fn unit(&self, key: Key) -> Unit {
        let level = self.ids.get(&key).map_or(
            if key.1.is_some() {
                Level::Community
            } else {
                Level::Street
            },
            |&id| self.units[id as usize].1,
        );
        Unit {
            street: key.0,
            community: key.1,
            level,
        }
    }

    /// The one unit of a set, or the street they share, or none.
    fn common(&self, ids: &BTreeSet<u32>) -> Option<Key> {
        let first = &self.units[*ids.first()? as usize].0;
        if ids.len() == 1 {
            return Some(first.clone());
        }
        ids.iter()
            .all(|&id| self.units[id as usize].0.0 == first.0)
            .then(|| (first.0.clone(), None))
    }

    /// The unit a finding belongs to, if one can be told.
    pub fn of(&self, d: &Diagnostic) -> Option<Unit> {
        let named = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let (street, community) = (named(&d.street), named(&d.community));
        if let Some(street) = street {
            return Some(self.unit((street, community)));
        }
        if let Some(c) = community {
            let streets: BTreeSet<&String> = self
                .units
                .iter()
                .filter(|(k, _)| k.1.as_ref() == Some(&c))
                .map(|(k, _)| &k.0)
                .collect();
            if let [street] = streets.into_iter().collect::<Vec<_>>()[..] {
                return Some(self.unit((street.clone(), Some(c))));
            }
        }
        if let Some(&id) = d.meeting.as_deref().and_then(|m| self.meetings.get(m)) {
            return Some(self.unit(self.units[id as usize].0.clone()));
        }
        let from_files = d
            .loc
            .as_ref()
            .and_then(|loc| self.of_file(file_of(&loc.file)));
        from_files
            .or_else(|| {
                (self.streets.len() == 1)
                    .then(|| self.streets.first().map(|s| (s.clone(), None)))
                    .flatten()
            })
            .map(|key| self.unit(key))
    }

    /// The unit of what was read from a file, or from the files beside it or above it.
    fn of_file(&self, file: &str) -> Option<Key> {
        if let Some(ids) = self.files.get(file)
            && let Some(key) = self.common(ids)
        {
            return Some(key);
        }
        let mut folder = Path::new(file).parent();
        while let Some(dir) = folder {
            let prefix = dir.to_string_lossy().replace('\\', "/");
            let prefix = if prefix.is_empty() {
                String::new()
            } else {
                format!("{prefix}/")
            };
            let ids: BTreeSet<u32> = self
                .files
                .range(prefix.clone()..)
                .take_while(|(name, _)| name.starts_with(&prefix))
                .flat_map(|(_, ids)| ids.iter().copied())
                .collect();
            if !ids.is_empty() {
                return self.common(&ids);
            }
            folder = dir.parent();
        }
        None
    }

    /// The number of files read of which records of each street came (the files of a batch of
    /// one street are all its), by street.
    pub fn files_by_street(&self, read: &[ReadFile]) -> HashMap<String, usize> {
        let read: BTreeSet<&str> = read.iter().map(|r| r.path.as_str()).collect();
        let mut counts: HashMap<String, usize> = HashMap::new();
        if let (Some(street), 1) = (self.streets.first(), self.streets.len()) {
            counts.insert(street.clone(), read.len());
            return counts;
        }
        for path in read {
            if let Some((street, _)) = self.of_file(path) {
                *counts.entry(street).or_default() += 1;
            }
        }
        counts
    }

    /// Every file of the batch, relative to its batch folder.
    pub fn files(
        read: &[ReadFile],
        skipped: &[SkippedFile],
        paths: &[PathBuf],
    ) -> BTreeSet<String> {
        read.iter()
            .map(|r| r.path.as_str())
            .chain(skipped.iter().map(|s| s.path.as_str()))
            .map(|p| relative(paths, p))
            .collect()
    }

    /// Why last month's row cannot be told fixed from this batch: its meeting, its unit's
    /// meetings or its file are not in it. `None` when they are (then it is fixed).
    pub fn unverifiable(&self, row: &Row, present: &BTreeSet<String>) -> Option<String> {
        let subject = row.subject.trim();
        if !subject.is_empty() {
            if self.meetings.contains_key(subject) {
                return None;
            }
            let is_period = subject.len() > 4
                && subject[..4].chars().all(|c| c.is_ascii_digit())
                && subject[4..].starts_with('年');
            if !is_period {
                return Some(format!("本月批次中没有会议 {subject} 的记录"));
            }
            let unit = row.unit.trim();
            let known = self
                .units
                .iter()
                .any(|((s, c), _)| c.as_deref().unwrap_or(s) == unit);
            return (!known).then(|| format!("本月批次中没有{unit}的会议记录"));
        }
        let file = super::place_file(&row.place);
        (!file.is_empty() && !present.contains(file)).then(|| format!("本月批次中没有文件 {file}"))
    }
}

/// What the audit of `street` covered: its meetings among `meetings`, `files` files.
pub fn scope(street: &str, meetings: &[Meeting], files: usize) -> Scope {
    let mut communities: BTreeMap<String, &'static str> = BTreeMap::new();
    let mut scope = Scope {
        files,
        ..Scope::default()
    };
    for m in meetings {
        let Some(((s, community), level)) = key_of(m) else {
            continue;
        };
        if s != street {
            continue;
        }
        scope.meetings += 1;
        if let Some(c) = community {
            communities.insert(
                c,
                if level == Level::Village {
                    "村"
                } else {
                    "社区"
                },
            );
        }
        if let Some(day) = m.date(Field::HeldOn) {
            scope.first = Some(scope.first.map_or(day, |f| f.min(day)));
            scope.last = Some(scope.last.map_or(day, |l| l.max(day)));
        }
    }
    scope.communities = communities.into_iter().collect();
    scope
}

/// A file's name relative to the batch folder it lies in, as the list shows it.
pub fn relative(paths: &[PathBuf], name: &str) -> String {
    for path in paths {
        let folder = if path.is_file() {
            path.parent().unwrap_or(Path::new("")).to_path_buf()
        } else {
            path.clone()
        };
        let shown = folder.to_string_lossy().replace('\\', "/");
        let shown = shown.trim_end_matches('/');
        let rest = if shown.is_empty() || shown == "." {
            Some(name.strip_prefix("./").unwrap_or(name))
        } else {
            name.strip_prefix(shown).and_then(|r| r.strip_prefix('/'))
        };
        if let Some(rest) = rest {
            return rest.to_string();
        }
    }
    name.to_string()
}
