//! Ledgers (one row per meeting) and participant lists (one row per person) from delimited text.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diag::{Diagnostic, Severity};
use crate::fields::{self, Field, Kind, PERSON_FIELDS, PersonField};
use crate::load::table::{self, RawCell, Row, Table};
use crate::load::{FileKind, Loaded};
use crate::model::{Cell, FieldMap, Origin, Participant, Record};
use crate::rules::{d001, d002, d003};
use crate::source::{Loc, SourceFile};
use crate::values::{self, Coercion, Value};

mod places;

/// How many rows from the top a header is looked for in: a title, a date line and a note or two
/// above it are common, a header further down is not.
const HEADER_WITHIN: usize = 10;

/// Excel's own limit on a cell's length, in characters; a longer cell is not a ledger's.
pub const MAX_CELL_CHARS: usize = 32_767;

/// What a header row says the table is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TableKind {
    Ledger,
    Participants,
}

/// Reads `file` as a ledger or a participants list; false when its header is neither.
pub fn load(file: &Arc<SourceFile>, batch: &mut Loaded) -> bool {
    if batch.meetings_only {
        return places::load(file, batch);
    }
    let Some(table) = table::read(file) else {
        return false;
    };
    load_table(file, table, batch)
}

/// Reads a table (from text or a spreadsheet sheet) whose header may sit below title rows.
pub fn load_table(file: &Arc<SourceFile>, table: Table, batch: &mut Loaded) -> bool {
    let Table {
        header,
        rows,
        malformed,
    } = table;
    let mut all = std::iter::once(header).chain(rows).collect::<Vec<_>>();
    let found = all
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.is_blank())
        .take(HEADER_WITHIN)
        .find_map(|(i, r)| recognize(r).map(|k| (i, k)));
    let Some((at, kind)) = found else {
        return false;
    };
    let rows = all.split_off(at + 1);
    let header = all.pop().expect("the header row");
    let above: Vec<&Row> = all.iter().filter(|r| !r.is_blank()).collect();
    if let Some(first) = above
        .first()
        .and_then(|r| r.cells.iter().find(|c| !c.text.is_empty()))
    {
        let loc = Loc::new(file, first.span.clone());
        let text = first.text.clone();
        for _ in &above {
            batch.note(Coercion::TitleRows, &loc, "", &text, "");
        }
    }
    let table = Table {
        header,
        rows,
        malformed,
    };
    match kind {
        TableKind::Participants if batch.meetings_only => {}
        TableKind::Participants => {
            let columns: Vec<Option<PersonField>> = table
                .header
                .cells
                .iter()
                .map(|c| fields::person_field(&c.text))
                .collect();
            read_participants(file, &table, &columns, batch);
        }
        TableKind::Ledger => read_ledger(file, &table, batch),
    }
    true
}

/// Whether a row is the header of a ledger or of a participants list.
fn recognize(header: &Row) -> Option<TableKind> {
    let ledger_columns: Vec<Option<Field>> = header
        .cells
        .iter()
        .map(|c| fields::ledger_field(&c.text))
        .collect();
    let person_columns: Vec<Option<PersonField>> = header
        .cells
        .iter()
        .map(|c| fields::person_field(&c.text))
        .collect();
    let known_ledger = ledger_columns.iter().flatten().count();
    let has = |f: PersonField| person_columns.contains(&Some(f));
    // A typo'd column still counts towards recognising a ledger, so that the typo gets reported.
    let near_ledger = header
        .cells
        .iter()
        .filter(|c| {
            fields::ledger_field(&c.text).is_none() && typo_of(&c.text, &ledger_columns).is_some()
        })
        .count();
    // A ledger has no 姓名 column: a list of people is a participants list, whatever meeting
    // columns (议题, 会议日期…) it repeats.
    if has(PersonField::Code) && has(PersonField::Name) {
        Some(TableKind::Participants)
    } else if known_ledger + near_ledger >= 3 {
        Some(TableKind::Ledger)
    } else {
        None
    }
}

/// A totals row at the foot of a sheet: its first filled cell says 合计/总计/小计.
fn is_totals(row: &Row) -> bool {
    is_totals_text(
        row.cells
            .iter()
            .find(|c| !c.text.is_empty())
            .map(|c| c.text.as_str()),
    )
}

/// Whether a row whose first filled cell says `first` is a totals row.
fn is_totals_text(first: Option<&str>) -> bool {
    first.is_some_and(|text| {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        ["合计", "总计", "小计", "共计"]
            .iter()
            .any(|w| t.starts_with(w))
            && t.chars().count() <= 8
    })
}

/// A NUL byte in a row is damage (a copy cut short, a disk error): the row is not read, the
/// others are.
fn check_nul(file: &Arc<SourceFile>, row: &Row, batch: &mut Loaded) -> bool {
    let raw = &file.text[row.span.clone()];
    if !raw.contains(crate::load::NUL_SHOWN) {
        return true;
    }
    let (line, _) = file.line_col(row.span.start);
    batch.diagnostics.push(crate::load::nul_diagnostic(
        file,
        row.span.clone(),
        line,
        "该行未读入",
    ));
    false
}

/// A cell longer than a spreadsheet can hold is damage, not data.
fn check_cell_length(file: &Arc<SourceFile>, row: &Row, batch: &mut Loaded) -> bool {
    let Some(cell) = row
        .cells
        .iter()
        .find(|c| c.text.len() > MAX_CELL_CHARS && c.text.chars().count() > MAX_CELL_CHARS)
    else {
        return true;
    };
    let start = cell.span.start;
    let end = cell
        .text
        .char_indices()
        .nth(20)
        .map_or(cell.span.end, |(i, _)| (start + i).min(cell.span.end));
    let end = if file.text.is_char_boundary(end) {
        end
    } else {
        start
    };
    batch.diagnostics.push(
        Diagnostic::new(
            &d001::META,
            format!(
                "{}：单元格有 {} 字，超过电子表格单元格的上限 {MAX_CELL_CHARS} 字，该行未读入",
                d001::META.title,
                cell.text.chars().count()
            ),
        )
        .at(Some(&Loc::new(file, start..end)))
        .label("过长的单元格从这里开始")
        .fact("chars", cell.text.chars().count())
        .fact("max_chars", MAX_CELL_CHARS)
        .help("文件可能已损坏或缺少引号闭合；用 Excel 或 WPS 打开检查这一行"),
    );
    false
}

/// The known column a header cell looks like a slip of, leaving out the columns the header
/// already has (so 序号 beside 编号 is an unknown column, not a typo of 编号).
fn typo_of(name: &str, present: &[Option<Field>]) -> Option<&'static str> {
    let taken = |known: &str| {
        present
            .iter()
            .flatten()
            .any(|f| f.zh() == known || f.en() == known)
    };
    fields::closest(name, fields::ledger_names().filter(|k| !taken(k)))
}

fn malformed(file: &Arc<SourceFile>, table: &Table, batch: &mut Loaded) {
    for m in &table.malformed {
        batch.diagnostics.push(
            Diagnostic::new(&d001::META, format!("{}：{}", d001::META.title, m.message))
                .at(Some(&Loc::new(file, m.span.clone())))
                .label("CSV 格式错误")
                .help("用 Excel 或 WPS 打开检查这一行，改正后另存为 CSV"),
        );
    }
}

/// Maps header cells to fields, reporting typos, unknown and repeated columns.
fn ledger_header(file: &Arc<SourceFile>, header: &Row, batch: &mut Loaded) -> Vec<Option<Field>> {
    let mut seen: BTreeMap<Field, usize> = BTreeMap::new();
    let mapped: Vec<Option<Field>> = header
        .cells
        .iter()
        .map(|c| fields::ledger_field(&c.text))
        .collect();
    let mut columns = Vec::with_capacity(header.cells.len());
    for (i, cell) in header.cells.iter().enumerate() {
        let loc = Loc::new(file, cell.span.clone());
        let field = fields::ledger_field(&cell.text);
        match field {
            Some(f) if seen.contains_key(&f) => {
                batch.diagnostics.push(
                    Diagnostic::new(
                        &d001::META,
                        format!(
                            "{}：列名「{}」重复，只读第一列",
                            d001::META.title,
                            cell.text
                        ),
                    )
                    .at(Some(&loc))
                    .field(cell.text.clone())
                    .label("重复的列")
                    .help("删除或改名重复的列"),
                );
                columns.push(None);
                continue;
            }
            Some(f) => {
                seen.insert(f, i);
            }
            None if cell.text.is_empty() => {}
            None => match typo_of(&cell.text, &mapped) {
                Some(name) => batch.diagnostics.push(
                    Diagnostic::new(
                        &d001::META,
                        format!(
                            "{}：列名「{}」无法识别，是否想写「{name}」？",
                            d001::META.title,
                            cell.text
                        ),
                    )
                    .at(Some(&loc))
                    .field(cell.text.clone())
                    .label(format!("是否想写「{name}」？"))
                    .fact("column", cell.text.clone())
                    .fact("suggestion", name)
                    .help(format!(
                        "把列名改为「{name}」；这一列的数据在改正前不参与检查"
                    )),
                ),
                None => batch.diagnostics.push(
                    Diagnostic::new(
                        &d001::META,
                        format!("未识别的列「{}」，已保留但不参与检查", cell.text),
                    )
                    .severity(Severity::Info)
                    .at(Some(&loc))
                    .field(cell.text.clone())
                    .label("未识别的列")
                    .fact("column", cell.text.clone())
                    .help("可接受的列名见 README「输入格式」；不需要检查的列可以保留"),
                ),
            },
        }
        columns.push(field);
    }
    columns
}

/// A row whose field count differs from the header's cannot be trusted column by column.
fn check_width(file: &Arc<SourceFile>, header: &Row, row: &Row, batch: &mut Loaded) -> bool {
    if row.cells.len() == header.cells.len() {
        return true;
    }
    let (line, _) = file.line_col(row.span.start);
    batch.diagnostics.push(
        Diagnostic::new(
            &d001::META,
            format!(
                "{}：第 {line} 行有 {} 栏，表头有 {} 栏，该行未读入",
                d001::META.title,
                row.cells.len(),
                header.cells.len()
            ),
        )
        .at(Some(&Loc::new(file, row.span.clone())))
        .label(format!(
            "{} 栏，应为 {} 栏",
            row.cells.len(),
            header.cells.len()
        ))
        .fact("fields", row.cells.len())
        .fact("header_fields", header.cells.len())
        .help("检查这一行是否多了或少了逗号（内容中的逗号须放在英文双引号内）"),
    );
    false
}

/// Reads every row of a table with `read_row` (false: the row is rejected, with a diagnostic),
/// counting rows, rejections and blank rows for the summary.
fn read_rows(
    file: &Arc<SourceFile>,
    table: &Table,
    kind: FileKind,
    batch: &mut Loaded,
    mut read_row: impl FnMut(&Row, &mut Loaded) -> bool,
) {
    malformed(file, table, batch);
    let (mut records, mut rejected, mut blank, mut totals) = (0, 0, 0, 0);
    for row in &table.rows {
        if row.is_blank() {
            blank += 1;
            continue;
        }
        if is_totals(row) {
            totals += 1;
            let cell = row.cells.iter().find(|c| !c.text.is_empty());
            let loc = Loc::new(file, cell.map_or(row.span.clone(), |c| c.span.clone()));
            let text = cell.map_or("", |c| c.text.as_str());
            batch.note(Coercion::TotalsRow, &loc, "", text, "");
            continue;
        }
        records += 1;
        let caught = crate::guard::guarded(&row_place(file, row), "这一行", batch, |batch| {
            check_nul(file, row, batch)
                && check_cell_length(file, row, batch)
                && check_width(file, &table.header, row, batch)
                && read_row(row, batch)
        });
        if !caught.unwrap_or(false) {
            rejected += 1;
        }
    }
    let entry = batch.read_file(file, kind);
    entry.records = records;
    entry.rejected = rejected;
    entry.blank_rows = blank;
    entry.totals_rows = totals;
}

/// The row as a place for a message about it.
fn row_place(file: &Arc<SourceFile>, row: &Row) -> Loc {
    Loc::new(file, row.span.clone())
}

fn read_ledger(file: &Arc<SourceFile>, table: &Table, batch: &mut Loaded) {
    let columns = ledger_header(file, &table.header, batch);
    read_rows(file, table, FileKind::Ledger, batch, |row, batch| {
        let cells = columns
            .iter()
            .zip(&row.cells)
            .filter_map(|(f, c)| f.map(|f| (f, c)));
        let record = build_record(
            file,
            Origin::Ledger,
            Loc::new(file, row.span.clone()),
            cells,
            batch,
        );
        batch.records.push(record);
        true
    });
}

fn read_participants(
    file: &Arc<SourceFile>,
    table: &Table,
    columns: &[Option<PersonField>],
    batch: &mut Loaded,
) {
    read_rows(file, table, FileKind::Participants, batch, |row, batch| {
        let cell = |f: PersonField| {
            columns
                .iter()
                .position(|c| *c == Some(f))
                .map(|i| &row.cells[i])
        };
        participant(file, row, &cell, batch)
            .map(|p| batch.participants.push(p))
            .is_some()
    });
}

/// The fields that say when and where a meeting was held and which meeting it is: all that is
/// read of a record when only the meetings are wanted ([`Loaded::meetings_only`]).
const PLACES_A_MEETING: [Field; 7] = [
    Field::Code,
    Field::PreviousCode,
    Field::HeldOn,
    Field::Level,
    Field::Form,
    Field::Street,
    Field::Community,
];

/// A record from (field, raw cell) pairs: values parsed, problems reported as D003.
pub fn build_record<'c>(
    file: &Arc<SourceFile>,
    origin: Origin,
    loc: Loc,
    cells: impl Iterator<Item = (Field, &'c RawCell)>,
    batch: &mut Loaded,
) -> Record {
    let mut record = Record {
        origin,
        file: Arc::clone(file),
        loc,
        code: String::new(),
        fields: FieldMap::new(),
        invalid: FieldMap::new(),
        empty: FieldMap::new(),
        minutes: None,
        participants: Vec::new(),
    };
    for (field, cell) in cells {
        if batch.meetings_only && !PLACES_A_MEETING.contains(&field) {
            continue;
        }
        let loc = Loc::new(file, cell.span.clone());
        if let Some(formula) = &cell.formula {
            if cell.text.is_empty() {
                batch
                    .diagnostics
                    .push(formula_without_value(field, formula, &loc));
                record.invalid.insert(field, loc);
                continue;
            }
            if let Some(function) = volatile(formula) {
                batch
                    .diagnostics
                    .push(volatile_formula(field, formula, function, cell, &loc));
            }
        }
        if cell.text.is_empty() {
            record.empty.insert(field, loc);
            continue;
        }
        match values::parse_noting(field.kind(), &cell.text) {
            Ok((value, mut noted)) => {
                let value = match (field, value) {
                    (Field::Code | Field::PreviousCode, Value::Text(code)) => {
                        let plain = values::plain_code(&code);
                        if plain != code || cell.spaced {
                            noted.push(Coercion::CodeVariant);
                        }
                        Value::Text(plain.into())
                    }
                    (_, value) => value,
                };
                let typed = matches!(
                    field.kind(),
                    Kind::Date | Kind::Count | Kind::YesNo | Kind::Time
                );
                if cell.spaced && typed && !noted.contains(&Coercion::Spaces) {
                    noted.push(Coercion::Spaces);
                }
                for kind in noted {
                    batch.note(kind, &loc, field.zh(), &cell.text, &value.display());
                }
                record.fields.insert(field, Cell { value, loc });
            }
            Err(e) => {
                let problem = e
                    .problem
                    .as_ref()
                    .map_or(String::new(), |p| format!("：{p}"));
                let mut d = Diagnostic::new(
                    &d003::META,
                    format!(
                        "{}：「{}」的值“{}”无法识别{problem}",
                        d003::META.title,
                        field.zh(),
                        cell.text
                    ),
                )
                .at(Some(&loc))
                .field(field.zh())
                .fact("field", field.zh())
                .fact("value", cell.text.clone())
                .fact("expected", e.expected);
                if let Some(p) = &e.problem {
                    d = d.fact("problem", p.clone());
                }
                d = match (&e.suggestion, &e.problem) {
                    (Some(s), _) => d
                        .label(format!("是否想写“{s}”？"))
                        .fact("suggestion", s.clone())
                        .help(format!("改为“{s}”；应为{}", e.expected)),
                    (None, Some(p)) => d.label(p.clone()).help(format!("改为{}", e.expected)),
                    (None, None) => d
                        .label(format!("应为{}", e.expected))
                        .help(format!("改为{}", e.expected)),
                };
                batch.diagnostics.push(d);
                record.invalid.insert(field, loc);
            }
        }
    }
    record.code = if let Some(Value::Text(code)) = record.fields.get(&Field::Code).map(|c| &c.value)
    {
        code.to_string()
    } else {
        // A stand-in that names the place, so the record is still checked and reported.
        let (line, _) = record.loc.line_col();
        format!("{}#{line}", file.name)
    };
    record
}

/// A spreadsheet formula whose value the file did not save (a workbook written by a program
/// rather than saved by Excel): there is no value to read.
fn formula_without_value(field: Field, formula: &str, loc: &Loc) -> Diagnostic {
    Diagnostic::new(
        &d003::META,
        format!(
            "{}：「{}」的单元格是公式 ={}，文件中没有保存它的计算结果，读不出值",
            d003::META.title,
            field.zh(),
            clip_formula(formula)
        ),
    )
    .at(Some(loc))
    .field(field.zh())
    .label("公式，没有保存结果")
    .fact("field", field.zh())
    .fact("formula", format!("={formula}"))
    .help("在 Excel 或 WPS 中打开这个工作簿并保存一次（会算出结果一并保存）；或把公式换成值：复制后“选择性粘贴 → 数值”")
}

/// A formula whose result changes by itself (today's date, a random number): the value read is
/// whatever it was when the file was last saved.
fn volatile_formula(
    field: Field,
    formula: &str,
    function: &str,
    cell: &RawCell,
    loc: &Loc,
) -> Diagnostic {
    Diagnostic::new(
        &d003::META,
        format!(
            "{}：「{}」是公式 ={}，读作“{}”，这是文件上次保存时算出的值；{function} 每次打开或重算都会变",
            d003::META.title,
            field.zh(),
            clip_formula(formula),
            cell.text
        ),
    )
    .severity(Severity::Warning)
    .at(Some(loc))
    .field(field.zh())
    .label(format!("公式 {function}，值会变"))
    .fact("field", field.zh())
    .fact("formula", format!("={formula}"))
    .fact("value", cell.text.clone())
    .help("台账记的是已经发生的事：把公式换成固定的值（复制后“选择性粘贴 → 数值”），再核对这个值")
}

/// The function in a formula whose result changes each time the sheet is recalculated.
fn volatile(formula: &str) -> Option<&'static str> {
    const VOLATILE: [&str; 8] = [
        "TODAY",
        "NOW",
        "RAND",
        "RANDBETWEEN",
        "RANDARRAY",
        "OFFSET",
        "INDIRECT",
        "INFO",
    ];
    let upper = formula.to_ascii_uppercase();
    let bytes = upper.as_bytes();
    VOLATILE.into_iter().find(|name| {
        upper.match_indices(name).any(|(i, _)| {
            let before = i.checked_sub(1).map(|j| bytes[j]);
            let after = upper[i + name.len()..].trim_start().as_bytes().first();
            !before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
                && after == Some(&b'(')
        })
    })
}

/// A formula cut short for a message.
fn clip_formula(formula: &str) -> String {
    match formula.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &formula[..i]),
        None => formula.to_string(),
    }
}

/// One participant row; `None` (with a diagnostic) when it lacks the code or the name.
pub fn participant<'r>(
    file: &Arc<SourceFile>,
    row: &Row,
    cell: &dyn Fn(PersonField) -> Option<&'r RawCell>,
    batch: &mut Loaded,
) -> Option<Participant> {
    let text = |f: PersonField| cell(f).map(|c| c.text.clone()).filter(|t| !t.is_empty());
    let row_loc = Loc::new(file, row.span.clone());
    for (field, zh, _) in PERSON_FIELDS.iter().take(2) {
        if text(*field).is_none() {
            batch.diagnostics.push(
                Diagnostic::new(&d002::META, format!("参会人员名单缺少「{zh}」，该行未读入"))
                    .at(Some(&cell(*field).map_or(row_loc.clone(), |c| {
                        Loc::new(file, c.span.clone())
                    })))
                    .field(*zh)
                    .label("此处为空")
                    .fact("field", *zh)
                    .help(format!("填写「{zh}」：编号对应台账中的会议编号")),
            );
            return None;
        }
    }
    let mut yes_no = |f: PersonField| -> Option<bool> {
        let c = cell(f).filter(|c| !c.text.is_empty())?;
        match values::parse_noting(Kind::YesNo, &c.text) {
            Ok((value, noted)) => {
                let zh = PERSON_FIELDS.iter().find(|p| p.0 == f).map_or("", |p| p.1);
                let loc = Loc::new(file, c.span.clone());
                for kind in noted {
                    batch.note(kind, &loc, zh, &c.text, &value.display());
                }
                Some(value == Value::YesNo(true))
            }
            Err(e) => {
                let zh = PERSON_FIELDS.iter().find(|p| p.0 == f).map_or("", |p| p.1);
                batch.diagnostics.push(
                    Diagnostic::new(
                        &d003::META,
                        format!("{}：「{zh}」的值“{}”无法识别", d003::META.title, c.text),
                    )
                    .at(Some(&Loc::new(file, c.span.clone())))
                    .field(zh)
                    .label(format!("应为{}", e.expected))
                    .fact("field", zh)
                    .fact("value", c.text.clone())
                    .help(format!("改为{}", e.expected)),
                );
                None
            }
        }
    };
    let committee = yes_no(PersonField::Committee);
    let attended = yes_no(PersonField::Attended);
    let signed = yes_no(PersonField::Signed);
    let code = text(PersonField::Code)?;
    let plain = values::plain_code(&code);
    if let Some(c) = cell(PersonField::Code).filter(|c| plain != code || c.spaced) {
        let loc = Loc::new(file, c.span.clone());
        batch.note(Coercion::CodeVariant, &loc, "编号", &c.text, &plain);
    }
    Some(Participant {
        code: plain,
        name: text(PersonField::Name)?,
        role: text(PersonField::Role),
        committee,
        attended,
        signed,
        loc: row_loc,
    })
}
