//! Which street and unit each finding belongs to, and what a street's audit covered. A finding
//! names its unit, or its meeting; a finding about a file (a header that cannot be read) is
//! placed by the meetings read from that file, else from the files in the same folder or the
//! folders above it, else — in a batch of one street — with that street.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::batch::Checked;
use crate::diag::Diagnostic;
use crate::fields::Field;
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

pub struct Places<'a> {
    meetings: HashMap<&'a str, Key>,
    /// Each file read (the workbook, for a sheet) with the units of what was read from it.
    files: BTreeMap<String, BTreeSet<Key>>,
    levels: HashMap<Key, Level>,
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

impl<'a> Places<'a> {
    pub fn new(checked: &'a Checked) -> Places<'a> {
        let mut meetings = HashMap::new();
        let mut files: BTreeMap<String, BTreeSet<Key>> = BTreeMap::new();
        let mut levels = HashMap::new();
        let mut streets = BTreeSet::new();
        for m in &checked.meetings {
            let Some((key, level)) = key_of(m) else {
                continue;
            };
            streets.insert(key.0.clone());
            levels.insert(key.clone(), level);
            for r in &m.records {
                files
                    .entry(file_of(&r.file).to_string())
                    .or_default()
                    .insert(key.clone());
            }
            for p in &m.participants {
                files
                    .entry(file_of(&p.loc.file).to_string())
                    .or_default()
                    .insert(key.clone());
            }
            meetings.insert(m.code.as_str(), key);
        }
        for d in &checked.diagnostics {
            if let Some(s) = d.street.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                streets.insert(s.to_string());
            }
        }
        Places {
            meetings,
            files,
            levels,
            streets,
        }
    }

    /// The streets of the batch, by name.
    pub fn streets(&self) -> Vec<String> {
        self.streets.iter().cloned().collect()
    }

    fn unit(&self, key: Key) -> Unit {
        let level = self
            .levels
            .get(&key)
            .copied()
            .unwrap_or(if key.1.is_some() {
                Level::Community
            } else {
                Level::Street
            });
        Unit {
            street: key.0,
            community: key.1,
            level,
        }
    }

    /// The one unit of a set, or the street they share, or none.
    fn common(keys: &BTreeSet<Key>) -> Option<Key> {
        let first = keys.first()?;
        if keys.len() == 1 {
            return Some(first.clone());
        }
        keys.iter()
            .all(|k| k.0 == first.0)
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
                .levels
                .keys()
                .filter(|k| k.1.as_ref() == Some(&c))
                .map(|k| &k.0)
                .collect();
            if let [street] = streets.into_iter().collect::<Vec<_>>()[..] {
                return Some(self.unit((street.clone(), Some(c))));
            }
        }
        if let Some(key) = d.meeting.as_deref().and_then(|m| self.meetings.get(m)) {
            return Some(self.unit(key.clone()));
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
        if let Some(keys) = self.files.get(file)
            && let Some(key) = Self::common(keys)
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
            let keys: BTreeSet<Key> = self
                .files
                .range(prefix.clone()..)
                .take_while(|(name, _)| name.starts_with(&prefix))
                .flat_map(|(_, keys)| keys.iter().cloned())
                .collect();
            if !keys.is_empty() {
                return Self::common(&keys);
            }
            folder = dir.parent();
        }
        None
    }

    /// What the audit of `street` covered.
    pub fn scope(&self, street: &str, checked: &Checked) -> Scope {
        let mut communities: BTreeMap<String, &'static str> = BTreeMap::new();
        let mut scope = Scope::default();
        for m in &checked.meetings {
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
        let read: BTreeSet<&str> = checked.read.iter().map(|r| r.path.as_str()).collect();
        scope.files = read
            .into_iter()
            .filter(|path| {
                self.of_file(path).is_some_and(|k| k.0 == street)
                    || (self.streets.len() == 1 && self.streets.contains(street))
            })
            .count();
        scope.communities = communities.into_iter().collect();
        scope
    }

    /// Every file of the batch, relative to its batch folder.
    pub fn files(checked: &Checked, paths: &[PathBuf]) -> BTreeSet<String> {
        checked
            .read
            .iter()
            .map(|r| r.path.as_str())
            .chain(checked.skipped.iter().map(|s| s.path.as_str()))
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
                .levels
                .keys()
                .any(|(s, c)| c.as_deref().unwrap_or(s) == unit);
            return (!known).then(|| format!("本月批次中没有{unit}的会议记录"));
        }
        let file = super::place_file(&row.place);
        (!file.is_empty() && !present.contains(file)).then(|| format!("本月批次中没有文件 {file}"))
    }
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
