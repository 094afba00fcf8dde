//! The rectification list as an Excel workbook (`<街道>-整改清单.xlsx`), written with
//! rust_xlsxwriter: the list on its first sheet (a title row, the header frozen under it with a
//! filter, 整改状态 a drop-down, widths and wrapping for reading, landscape A4 one page wide
//! when printed), last month's items no longer found on a second, and a third saying what the
//! list is and how to fill it in. The same audit gives the same bytes: the workbook's creation
//! date is the check date.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DataValidation, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook,
    Worksheet, XlsxError,
};

use super::{Closed, Item, State, Status, StreetAudit};

/// The sheet of the list, and the others.
pub const LIST_SHEET: &str = "整改清单";
pub const FIXED_SHEET: &str = "已消除";
pub const NOTES_SHEET: &str = "说明";
/// The label of the street's row on the notes sheet.
pub const STREET_LABEL: &str = "街道";
/// The list's title: the street, then this.
pub const TITLE_END: &str = "议事协商工作整改清单";
/// The column of the key, by which an item is recognised next month.
pub const KEY: &str = "识别码";
pub const STATUS: &str = "整改状态";

/// The columns, with their widths (in Excel's character units: a Chinese character is two).
pub const COLUMNS: [(&str, f64); 17] = [
    ("序号", 6.0),
    ("问题类别", 12.0),
    ("单位", 12.0),
    ("会议编号或期间", 17.0),
    ("规则", 22.0),
    ("级别", 6.0),
    ("问题描述", 48.0),
    ("依据", 26.0),
    ("文件与位置", 32.0),
    ("整改措施", 44.0),
    ("责任单位", 18.0),
    ("责任人", 10.0),
    ("整改时限", 12.0),
    (STATUS, 10.0),
    ("佐证材料", 24.0),
    ("比对结果", 20.0),
    (KEY, 18.0),
];

/// Where the run comes from, for the notes sheet.
pub struct Context<'a> {
    pub today: NaiveDate,
    /// The batch folders, as given.
    pub batch: String,
    /// The guidelines checked against.
    pub profiles: Vec<&'a str>,
}

enum Cell {
    Text(String),
    Number(u32),
    Date(NaiveDate),
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn deadline(d: &super::Deadline) -> Cell {
    d.date.map_or_else(|| text(&d.text), Cell::Date)
}

fn rule(code: &str, title: &str) -> String {
    if title.is_empty() {
        code.to_string()
    } else {
        format!("{code} {title}")
    }
}

fn item_row(n: u32, it: &Item) -> Vec<Cell> {
    vec![
        Cell::Number(n),
        text(it.area.zh()),
        text(&it.unit),
        text(&it.subject),
        Cell::Text(rule(it.code, it.title)),
        text(it.severity.zh()),
        text(&it.message),
        text(&it.basis),
        text(&it.place),
        text(&it.measure),
        text(&it.responsible),
        text(&it.filled.owner),
        deadline(&it.filled.deadline),
        text(it.filled.status.zh()),
        text(&it.filled.evidence),
        Cell::Text(it.comparison()),
        text(&it.key),
    ]
}

fn closed_row(n: u32, c: &Closed) -> Vec<Cell> {
    let r = &c.row;
    let status = if c.state == State::Fixed {
        Status::Done
    } else {
        r.filled.status
    };
    vec![
        Cell::Number(n),
        text(&r.area),
        text(&r.unit),
        text(&r.subject),
        Cell::Text(rule(&r.code, &r.title)),
        text(r.severity.map_or("", crate::diag::Severity::zh)),
        text(&r.message),
        text(&r.basis),
        text(&r.place),
        text(&r.measure),
        text(&r.responsible),
        text(&r.filled.owner),
        deadline(&r.filled.deadline),
        text(status.zh()),
        text(&r.filled.evidence),
        Cell::Text(c.comparison()),
        text(&r.key),
    ]
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

struct Formats {
    title: Format,
    header: Format,
    body: Format,
    number: Format,
    date: Format,
}

impl Formats {
    fn new() -> Formats {
        let body = Format::new()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            header: Format::new()
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_background_color(0x00D9_D9D9)
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            number: body.clone().set_align(FormatAlign::Center),
            date: body.clone().set_num_format("yyyy-mm-dd"),
            body,
        }
    }
}

/// A sheet of the list's layout: title, header, rows; frozen under the header, filtered.
fn list_sheet(
    sheet: &mut Worksheet,
    f: &Formats,
    title: &str,
    rows: &[Vec<Cell>],
) -> Result<(), XlsxError> {
    let last_column = (COLUMNS.len() - 1) as u16;
    sheet.merge_range(0, 0, 0, last_column, title, &f.title)?;
    sheet.set_row_height(0, 30)?;
    for (c, (name, width)) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(1, c as u16, *name, &f.header)?;
        sheet.set_column_width(c as u16, *width)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = 2 + i as u32;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(t) => sheet.write_string_with_format(r, c, t, &f.body)?,
                Cell::Number(n) => sheet.write_number_with_format(r, c, *n, &f.number)?,
                Cell::Date(d) => {
                    sheet.write_datetime_with_format(r, c, excel_date(*d)?, &f.date)?
                }
            };
        }
    }
    sheet.set_freeze_panes(2, 0)?;
    let last_row = 1 + rows.len() as u32;
    sheet.autofilter(1, 0, last_row, last_column)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 1)?;
    Ok(())
}

/// The workbook of one street's list.
pub fn workbook(audit: &StreetAudit, cx: &Context) -> Result<Vec<u8>, String> {
    build(audit, cx).map_err(|e| format!("无法生成整改清单工作簿：{e}"))
}

fn build(audit: &StreetAudit, cx: &Context) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut book = Workbook::new();
    let title = format!("{}{TITLE_END}", audit.street);
    book.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_subject("议事协商工作自查")
            .set_author("yishi")
            .set_creation_datetime(&excel_date(cx.today)?),
    );

    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for it in &audit.items {
        rows.push(item_row(rows.len() as u32 + 1, it));
    }
    for c in audit.closed.iter().filter(|c| c.state == State::Unverified) {
        rows.push(closed_row(rows.len() as u32 + 1, c));
    }
    let sheet = book.add_worksheet();
    sheet.set_name(LIST_SHEET)?;
    list_sheet(sheet, &f, &title, &rows)?;
    if !rows.is_empty() {
        let status = COLUMNS.iter().position(|(n, _)| *n == STATUS).unwrap_or(13) as u16;
        let choices: Vec<&str> = Status::ALL.iter().map(|s| s.zh()).collect();
        let validation = DataValidation::new()
            .allow_list_strings(&choices)?
            .set_error_title("整改状态")?
            .set_error_message("请从下拉列表中选择：未整改、整改中、已整改")?;
        sheet.add_data_validation(2, status, 1 + rows.len() as u32, status, &validation)?;
    }

    if audit.baseline.is_some() {
        let fixed: Vec<Vec<Cell>> = audit
            .closed
            .iter()
            .filter(|c| c.state == State::Fixed)
            .enumerate()
            .map(|(i, c)| closed_row(i as u32 + 1, c))
            .collect();
        let sheet = book.add_worksheet();
        sheet.set_name(FIXED_SHEET)?;
        list_sheet(
            sheet,
            &f,
            &format!("{}上月整改清单中本月已消除的问题", audit.street),
            &fixed,
        )?;
    }

    let notes = book.add_worksheet();
    notes.set_name(NOTES_SHEET)?;
    notes.set_column_width(0, 14)?;
    notes.set_column_width(1, 100)?;
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let bold = Format::new().set_bold().set_align(FormatAlign::Top);
    let errors = audit.count(crate::diag::Severity::Error);
    let warnings = audit.count(crate::diag::Severity::Warning);
    let mut lines: Vec<(&str, String)> = vec![
        (STREET_LABEL, audit.street.clone()),
        ("检查日", crate::rules::ymd(cx.today)),
        ("检查的批次", cx.batch.clone()),
        ("对照的指引", cx.profiles.join("；")),
        ("生成工具", format!("yishi {}", env!("CARGO_PKG_VERSION"))),
        (
            "上月清单",
            audit
                .baseline
                .clone()
                .unwrap_or_else(|| "无（本月未与上月比对）".to_string()),
        ),
        (
            "本月清单",
            format!("共{}项（错误{errors}项、警告{warnings}项）", rows.len()),
        ),
    ];
    if let Some(t) = &audit.totals {
        lines.push(("与上月比对", t.sentence()));
    }
    lines.extend([
        ("", String::new()),
        (
            "填写说明",
            "1. 每一行是检查发现的一项问题（错误或警告）。请逐项填写「责任人」、「整改时限」（日期，如 2026-12-31），在「整改状态」中选择未整改、整改中或已整改，在「佐证材料」中写明整改的凭证（如更正后的台账、补发的公示照片）。".to_string(),
        ),
        (
            "",
            "2. 「整改措施」和「责任单位」已按规则的建议和单位名称填好，可以改写。".to_string(),
        ),
        (
            "",
            "3. 下月运行 yishi audit 时用 --baseline 给出本文件：yishi 按「识别码」认出每一项，把填写的内容带到下月的清单上，并标出新增、仍存在、已消除和逾期的问题。请不要删改「识别码」一列，不要删去本工作表。".to_string(),
        ),
    ]);
    for (i, (label, value)) in lines.iter().enumerate() {
        notes.write_string_with_format(i as u32, 0, *label, &bold)?;
        notes.write_string_with_format(i as u32, 1, value, &wrap)?;
    }
    book.save_to_buffer()
}
