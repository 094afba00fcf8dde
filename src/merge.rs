//! Joining the records that share a meeting code into meetings: ledger rows first, then minutes;
//! a field given differently in two places is reported (D005), never silently overwritten; a code
//! used twice by the same kind of record is a duplicate (D006).

use std::collections::{BTreeMap, HashMap};

use crate::diag::Diagnostic;
use crate::fields;
use crate::model::{FieldMap, Meeting, Origin, Participant, Record};
use crate::rules::{d003, d005, d006};
use crate::values::Value;

/// The meetings of a batch and what merging found.
#[derive(Debug, Default)]
pub struct Merged {
    pub meetings: Vec<Meeting>,
    pub diagnostics: Vec<Diagnostic>,
    /// Records left out of every meeting because their code was already taken (each has a D006).
    pub duplicates: usize,
    /// Participant rows whose code names no meeting (each has a D003).
    pub orphan_participants: usize,
    /// Those rows, in the order of their D003s.
    pub orphans: Vec<Participant>,
}

pub fn merge(records: Vec<Record>, participants: Vec<Participant>) -> Merged {
    let mut out = Merged::default();
    let mut by_code: BTreeMap<String, Vec<Record>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for record in records {
        let group = by_code.entry(record.code.clone()).or_default();
        if group.is_empty() {
            order.push(record.code.clone());
        }
        if let Some(first) = group.iter().find(|r| r.origin == record.origin) {
            let what = match record.origin {
                Origin::Ledger => "台账行",
                Origin::Minutes => "会议记录",
            };
            out.diagnostics.push(
                Diagnostic::new(
                    &d006::META,
                    format!(
                        "{}：编号 {} 已在 {} 使用，这一{what}未合并",
                        d006::META.title,
                        record.code,
                        first.loc_of_code().display()
                    ),
                )
                .at(Some(record.loc_of_code()))
                .field(fields::Field::Code.zh())
                .label("重复的编号")
                .related(first.loc_of_code(), "第一次出现")
                .fact("code", record.code.clone())
                .fact("first", first.loc_of_code().display())
                .help("每次会议使用唯一的编号；同一会议的台账行和会议记录编号相同即可合并"),
            );
            out.diagnostics.last_mut().expect("just pushed").meeting = Some(record.code.clone());
            out.duplicates += 1;
            continue;
        }
        group.push(record);
    }
    let mut people: BTreeMap<String, Vec<Participant>> = BTreeMap::new();
    let mut suggestions = Suggestions::new(by_code.keys().map(String::as_str).collect());
    for p in participants {
        if by_code.contains_key(&p.code) {
            people.entry(p.code.clone()).or_default().push(p);
        } else {
            out.orphan_participants += 1;
            out.diagnostics.push(orphan(&p, &mut suggestions));
            out.orphans.push(p);
        }
    }
    for code in order {
        let mut records = by_code.remove(&code).unwrap_or_default();
        records.sort_by_key(|r| r.origin != Origin::Ledger);
        let listed = people.remove(&code).unwrap_or_default();
        out.meetings
            .push(meeting(code, records, listed, &mut out.diagnostics));
    }
    out
}

/// The closest meeting code to each code that names no meeting, found once however many
/// participant rows carry it (a whole list under a mistyped code is one search, not one a row).
pub struct Suggestions<'a> {
    codes: Vec<&'a str>,
    found: HashMap<String, Option<&'a str>>,
}

impl<'a> Suggestions<'a> {
    /// Over the batch's meeting codes, in order (the first of equally close codes is suggested).
    pub fn new(codes: Vec<&'a str>) -> Suggestions<'a> {
        Suggestions {
            codes,
            found: HashMap::new(),
        }
    }

    fn of(&mut self, code: &str) -> Option<&'a str> {
        if let Some(&found) = self.found.get(code) {
            return found;
        }
        let found = fields::nearest(code, self.codes.iter().copied());
        self.found.insert(code.to_string(), found);
        found
    }
}

/// D003: a participant row whose code names no meeting of the batch, with the closest code as a
/// suggestion.
pub fn orphan(p: &Participant, suggestions: &mut Suggestions<'_>) -> Diagnostic {
    let suggestion = suggestions.of(&p.code).map(str::to_string);
    let d = Diagnostic::new(
        &d003::META,
        format!(
            "{}：参会人员 {} 的编号 {} 在本批次中没有对应的会议",
            d003::META.title,
            p.name,
            p.code
        ),
    )
    .at(Some(&p.loc))
    .field("编号")
    .fact("code", p.code.clone())
    .help("核对编号，使之与台账或会议记录中的会议编号一致");
    match suggestion {
        Some(s) => d.label(format!("是否想写 {s}？")).fact("suggestion", s),
        None => d.label("没有这个会议编号"),
    }
}

/// The meeting of `records`: their fields, places and bodies are moved into it (a record keeps
/// its code's cell, its origin and its place), so that a meeting holds each value once.
fn meeting(
    code: String,
    mut records: Vec<Record>,
    listed: Vec<Participant>,
    diags: &mut Vec<Diagnostic>,
) -> Meeting {
    let mut m = Meeting {
        code,
        records: Vec::new(),
        fields: FieldMap::new(),
        invalid: FieldMap::new(),
        empty: FieldMap::new(),
        participants: listed,
        minutes: None,
    };
    for record in &mut records {
        let fields = std::mem::take(&mut record.fields);
        if let Some(code) = fields.get(&fields::Field::Code) {
            record.fields.insert(fields::Field::Code, code.clone());
        }
        if m.fields.is_empty() {
            // The first record: nothing to compare its values with.
            m.fields = fields;
        } else {
            merge_fields(&mut m, fields, diags);
        }
        for (field, loc) in std::mem::take(&mut record.invalid) {
            if !m.fields.contains_key(&field) {
                m.invalid.insert_if_absent(field, loc);
            }
        }
        for (field, loc) in std::mem::take(&mut record.empty) {
            m.empty.insert_if_absent(field, loc);
        }
        if m.minutes.is_none() {
            m.minutes = record.minutes.take();
        }
    }
    // A value read anywhere supersedes an empty or unreadable cell elsewhere.
    m.invalid.retain(|f, _| !m.fields.contains_key(f));
    m.empty
        .retain(|f, _| !m.fields.contains_key(f) && !m.invalid.contains_key(f));
    m.fields.shrink_to_fit();
    if m.participants.is_empty()
        && let Some(r) = records.iter_mut().find(|r| !r.participants.is_empty())
    {
        m.participants = std::mem::take(&mut r.participants);
    }
    records.shrink_to_fit();
    m.records = records;
    m
}

/// A later record's values added to the meeting's: a field the meeting has no value of is
/// taken, one it has with another value is reported (D005), the first kept.
fn merge_fields(
    m: &mut Meeting,
    fields: FieldMap<crate::model::Cell>,
    diags: &mut Vec<Diagnostic>,
) {
    for (field, cell) in fields {
        match m.fields.get(&field) {
            None => {
                m.fields.insert(field, cell);
            }
            Some(kept) if same(&kept.value, &cell.value) => {}
            Some(kept) => {
                let d = Diagnostic::new(
                    &d005::META,
                    format!(
                        "{}：「{}」在 {} 为“{}”，在 {} 为“{}”，以前者为准",
                        d005::META.title,
                        field.zh(),
                        kept.loc.display(),
                        kept.value.display(),
                        cell.loc.display(),
                        cell.value.display()
                    ),
                )
                .at(Some(&cell.loc))
                .field(field.zh())
                .label(format!("与台账不一致：台账为“{}”", kept.value.display()))
                .related(&kept.loc, "台账中的值")
                .fact("field", field.zh())
                .fact("kept", kept.value.display())
                .fact("other", cell.value.display())
                .help("核对后改正其中一处，使台账与会议记录一致");
                let mut d = d;
                d.meeting = Some(m.code.clone());
                diags.push(d);
            }
        }
    }
}

/// Values equal for people: text compared without surrounding blanks, lists as sets.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Text(x), Value::Text(y)) => x.trim() == y.trim(),
        (Value::List(x), Value::List(y)) => {
            let (mut x, mut y) = (x.clone(), y.clone());
            x.sort();
            y.sort();
            x == y
        }
        _ => a == b,
    }
}

impl Record {
    /// The code cell, or the whole record when there is none.
    pub fn loc_of_code(&self) -> &crate::source::Loc {
        self.fields
            .get(&fields::Field::Code)
            .map_or(&self.loc, |c| &c.loc)
    }
}
