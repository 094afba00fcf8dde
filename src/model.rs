//! The records as loaded and the meetings they merge into.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use crate::fields::Field;
pub use crate::fields::Level;
use crate::source::{Loc, SourceFile};
use crate::values::Value;

mod field_map;

pub use field_map::FieldMap;

/// A field's value with the place it was read from.
#[derive(Clone, Debug)]
pub struct Cell {
    pub value: Value,
    pub loc: Loc,
}

/// Where a record came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// A ledger row (台账).
    Ledger,
    /// The front matter of a minutes file (会议记录).
    Minutes,
}

/// One ledger row or one minutes file's front matter, parsed.
#[derive(Clone, Debug)]
pub struct Record {
    pub origin: Origin,
    pub file: Arc<SourceFile>,
    /// The whole row, or the front matter block.
    pub loc: Loc,
    /// The meeting code, or a stand-in naming the file and line when the code is missing.
    pub code: String,
    pub fields: FieldMap<Cell>,
    /// Fields whose text could not be parsed (already reported as D003).
    pub invalid: FieldMap<Loc>,
    /// Fields given with an empty value, with the place of the empty cell.
    pub empty: FieldMap<Loc>,
    /// The body of a minutes file.
    pub minutes: Option<MinutesBody>,
    /// The participants table of a minutes file (used when no participants list names them).
    pub participants: Vec<Participant>,
}

/// A person on a meeting's participants list.
#[derive(Clone, Debug)]
pub struct Participant {
    pub code: String,
    pub name: String,
    pub role: Option<String>,
    pub committee: Option<bool>,
    pub attended: Option<bool>,
    pub signed: Option<bool>,
    pub loc: Loc,
}

impl Participant {
    /// An observer (旁听) sits in the room but is not one of those due or present.
    pub fn is_observer(&self) -> bool {
        self.role.as_deref() == Some("旁听")
    }

    /// Counted in 实到人数: signed in (or sign-in not recorded) and not an observer.
    pub fn counts_as_present(&self) -> bool {
        self.attended != Some(false) && !self.is_observer()
    }
}

/// The body of a minutes file as structure, in the shape the document templates read.
#[derive(Clone, Debug, Default, Serialize)]
pub struct MinutesBody {
    /// The text of the first level-1 heading, which is the minutes' own title.
    pub title: Option<String>,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    Paragraph {
        content: Vec<Inline>,
    },
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Block>>,
    },
    Table {
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Quote {
        content: Vec<Block>,
    },
    Rule,
    Code {
        text: String,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Inline {
    Text { text: String },
    Strong { content: Vec<Inline> },
    Emph { content: Vec<Inline> },
    Code { text: String },
    Break,
    Soft,
    Link { content: Vec<Inline> },
}

impl Inline {
    /// The plain text of a run of inlines.
    pub fn plain(inlines: &[Inline]) -> String {
        let mut out = String::new();
        for i in inlines {
            match i {
                Inline::Text { text } | Inline::Code { text } => out.push_str(text),
                Inline::Strong { content }
                | Inline::Emph { content }
                | Inline::Link { content } => {
                    out.push_str(&Inline::plain(content));
                }
                Inline::Break | Inline::Soft => {}
            }
        }
        out
    }
}

/// A meeting: the records that share one code, merged.
#[derive(Clone, Debug)]
pub struct Meeting {
    pub code: String,
    /// The records it was merged from, ledger rows first.
    pub records: Vec<Record>,
    pub fields: FieldMap<Cell>,
    pub invalid: FieldMap<Loc>,
    pub empty: FieldMap<Loc>,
    pub participants: Vec<Participant>,
    pub minutes: Option<MinutesBody>,
}

impl Meeting {
    pub fn cell(&self, field: Field) -> Option<&Cell> {
        self.fields.get(&field)
    }

    pub fn text(&self, field: Field) -> Option<&str> {
        match self.fields.get(&field).map(|c| &c.value) {
            Some(Value::Text(s)) => Some(s),
            _ => None,
        }
    }

    pub fn date(&self, field: Field) -> Option<NaiveDate> {
        match self.fields.get(&field).map(|c| &c.value) {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        }
    }

    pub fn count(&self, field: Field) -> Option<u32> {
        match self.fields.get(&field).map(|c| &c.value) {
            Some(Value::Count(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn yes_no(&self, field: Field) -> Option<bool> {
        match self.fields.get(&field).map(|c| &c.value) {
            Some(Value::YesNo(b)) => Some(*b),
            _ => None,
        }
    }

    pub fn list(&self, field: Field) -> Option<&[String]> {
        match self.fields.get(&field).map(|c| &c.value) {
            Some(Value::List(items)) => Some(items),
            _ => None,
        }
    }

    pub fn loc(&self, field: Field) -> Option<&Loc> {
        self.fields.get(&field).map(|c| &c.loc)
    }

    /// The place a finding about this meeting points at when no field of its own is at hand:
    /// the code cell, or the first record.
    pub fn anchor(&self) -> &Loc {
        self.loc(Field::Code).unwrap_or(&self.records[0].loc)
    }

    /// Where a missing field should have been: its empty cell, or the meeting's anchor.
    pub fn missing_loc(&self, field: Field) -> &Loc {
        self.empty.get(&field).unwrap_or_else(|| self.anchor())
    }

    /// The level the meeting was held at: as 层级 says, or where it is blank, as the row says
    /// otherwise ([`Meeting::inferred_level`]).
    pub fn level(&self) -> Option<Level> {
        match self.text(Field::Level) {
            Some(text) => Level::parse(text),
            None => self.inferred_level().map(|(level, _)| level),
        }
    }

    /// The level a meeting with a blank 层级 was held at, as another field of its row says, with
    /// that field: a 村民… or 居民… form says village or community (the form list says which); a filled 社区 says community
    /// (village, when the name ends in 村). A street meeting leaves 社区 blank, which a blank
    /// 社区 might also be by mistake, so a street is never inferred.
    pub fn inferred_level(&self) -> Option<(Level, Field)> {
        if self.fields.contains_key(&Field::Level) || self.invalid.contains_key(&Field::Level) {
            return None;
        }
        if let Some(level) = self
            .text(Field::Form)
            .and_then(crate::fields::form)
            .and_then(|f| f.level)
        {
            return Some((level, Field::Form));
        }
        let community = self.community().filter(|c| !c.trim().is_empty())?;
        let level = if community.ends_with('村') {
            Level::Village
        } else {
            Level::Community
        };
        Some((level, Field::Community))
    }

    pub fn street(&self) -> Option<&str> {
        self.text(Field::Street)
    }

    pub fn community(&self) -> Option<&str> {
        self.text(Field::Community)
    }

    /// Participants counted in 实到人数.
    pub fn present_participants(&self) -> impl Iterator<Item = &Participant> {
        self.participants.iter().filter(|p| p.counts_as_present())
    }
}
