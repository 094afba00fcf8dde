//! Inputs as offices really keep them: the same ledger as UTF-8 CSV, GB18030 CSV, .xlsx, .xls and
//! .ods gives the same findings; messy sheets (title rows, merged cells, totals rows, full-width
//! digits, Excel day numbers) are read with every coercion reported; broken and hostile files each
//! get a D001 at their place while the rest of the batch is checked; every file and row is
//! accounted for; and a build killed at any moment leaves only whole PDFs behind.

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use chrono::NaiveDate;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};
use serde_json::Value;
use yishi::batch::{self, Checked};
use yishi::report::{human, json, summary};
use yishi::settings::Settings;

const LEDGER: &str = "fixtures/sample/莲花街道/景华社区/台账.csv";
const FORMATS: &str = "tests/corpus/formats";
const BROKEN: &str = "tests/corpus/broken";

fn settings() -> Settings {
    Settings::new(NaiveDate::from_ymd_opt(2026, 11, 22).expect("a real date"))
}

/// Checks a batch; whatever it holds, every record read is accounted for and every file passed
/// over says why.
fn run(paths: &[PathBuf]) -> Checked {
    let checked = batch::run(paths, &settings());
    assert!(
        checked.accounting.balanced(),
        "records not accounted for: {:?}",
        checked.accounting
    );
    assert!(
        checked.skipped.iter().all(|s| !s.reason.is_empty()),
        "{:#?}",
        checked.skipped
    );
    checked
}

fn json_of(checked: &Checked) -> Vec<Value> {
    checked.diagnostics.iter().map(json::diagnostic).collect()
}

/// Rows of a CSV text as cells.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| {
            r.expect("a CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// The sample ledger as an office keeps it: a title row above the header, one date typed with
/// full-width digits, a blank row and a totals row below the meetings.
fn office_ledger() -> Vec<Vec<String>> {
    let text = fs::read_to_string(LEDGER).expect("the sample ledger");
    let mut rows = csv_rows(&text);
    let width = rows[0].len();
    let date = rows[0]
        .iter()
        .position(|c| c == "会议日期")
        .expect("a date column");
    rows[2][date] = yishi::values::parse_date(&rows[2][date])
        .expect("a date")
        .format("%Y/%-m/%-d")
        .to_string()
        .chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 + 0xfee0).expect("full-width digit"),
            '/' => '／',
            c => c,
        })
        .collect();
    let line = |first: &str| {
        let mut row = vec![first.to_string()];
        row.resize(width, String::new());
        row
    };
    let mut out = vec![line("莲花街道景华社区 2026 年议事协商台账")];
    out.extend(rows);
    out.push(line(""));
    out.push(line("合计"));
    out
}

fn to_csv(rows: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for r in rows {
        w.write_record(r).expect("CSV in memory");
    }
    String::from_utf8(w.into_inner().expect("CSV in memory")).expect("UTF-8")
}

/// Writes rows into a sheet as Excel keeps them: whole numbers as numbers, `YYYY-MM-DD` as date
/// cells, the rest as text; the title merged across the first columns.
fn write_sheet(sheet: &mut Worksheet, rows: &[Vec<String>]) {
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if text.is_empty() {
                continue;
            }
            let ymd = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
            if r == 0 && c == 0 {
                sheet.merge_range(0, 0, 0, 7, text, &Format::new()).unwrap();
            } else if let Some(d) = ymd.filter(|_| text.len() == 10) {
                let dt = ExcelDateTime::from_ymd(
                    d.format("%Y").to_string().parse().unwrap(),
                    d.format("%m").to_string().parse().unwrap(),
                    d.format("%d").to_string().parse().unwrap(),
                )
                .unwrap();
                sheet.write_datetime_with_format(r, c, dt, &date).unwrap();
            } else if text.len() < 9
                && text.bytes().all(|b| b.is_ascii_digit())
                && !text.starts_with('0')
            {
                sheet
                    .write_number(r, c, text.parse::<f64>().unwrap())
                    .unwrap();
            } else {
                sheet.write_string(r, c, text).unwrap();
            }
        }
    }
}

fn office_xlsx() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("2026年").unwrap();
    write_sheet(sheet, &office_ledger());
    let notes = book.add_worksheet();
    notes.set_name("填表说明").unwrap();
    notes
        .write_string(0, 0, "日期写成 2026-03-05；人数只写数字")
        .unwrap();
    book.save_to_buffer().unwrap()
}

/// The `.xlsx` that `tests/corpus/formats/make.sh` converts to `.ods` and `.xls` with
/// LibreOffice; run by that script only.
#[test]
#[ignore = "writes the workbook the committed .ods and .xls are converted from"]
fn write_workbook_for_conversion() {
    let out = std::env::var("YISHI_WORKBOOK_OUT").expect("YISHI_WORKBOOK_OUT");
    fs::write(out, office_xlsx()).unwrap();
}

/// The findings with their place left out (`第 4 行` in a CSV file is `单元格 P4` in a sheet),
/// but the row kept: line N of a CSV file is row N of its sheet.
fn findings(checked: &Checked) -> Vec<String> {
    checked
        .diagnostics
        .iter()
        .map(|d| {
            let j = json::diagnostic(d);
            let mut text = format!(
                "{} {:?} row {} field {:?} meeting {:?} | {} | facts {}",
                d.code,
                d.severity,
                j["line"],
                d.field,
                d.meeting,
                d.message,
                serde_json::to_string(&d.facts).unwrap()
            );
            if let Some(loc) = &d.loc {
                text = text
                    .replace(&loc.place(), "<place>")
                    .replace(&loc.file.name, "<file>");
            }
            text
        })
        .collect()
}

#[test]
fn the_same_ledger_in_every_format_gives_the_same_findings() {
    let dir = tempfile::tempdir().unwrap();
    let csv = to_csv(&office_ledger());
    let (gb, _, _) = encoding_rs::GB18030.encode(&csv);
    let mut files = vec![
        ("台账-utf8.csv", csv.as_bytes().to_vec()),
        ("台账-gb18030.csv", gb.into_owned()),
        ("台账.xlsx", office_xlsx()),
    ];
    for committed in ["台账.ods", "台账.xls"] {
        let bytes = fs::read(Path::new(FORMATS).join(committed))
            .expect("the committed workbook (made by tests/corpus/formats/make.sh)");
        files.push((committed, bytes));
    }
    let mut runs = Vec::new();
    for (name, bytes) in &files {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        let checked = run(std::slice::from_ref(&path));
        assert_eq!(checked.read.len(), 1, "{name}: {:?}", checked.skipped);
        assert_eq!(checked.read[0].records, 6, "{name}");
        assert_eq!(checked.read[0].totals_rows, 1, "{name}");
        assert_eq!(checked.read[0].blank_rows, 1, "{name}");
        assert_eq!(checked.meetings.len(), 6, "{name}");
        runs.push((name, findings(&checked), checked));
    }
    let (first_name, first, checked) = &runs[0];
    // The findings are real ones: the sample's planted violations and the coercions.
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert!(codes.contains(&"D008"), "{codes:?}");
    assert!(codes.iter().any(|c| c.starts_with("SZ")), "{codes:?}");
    for (name, other, _) in &runs[1..] {
        assert_eq!(
            first, other,
            "{first_name} and {name} differ:\n{first:#?}\n{other:#?}"
        );
    }
    // Only the place is said differently: a line and column, or a sheet and a cell.
    let full_width = |checked: &Checked| {
        json_of(checked)
            .into_iter()
            .find(|d| d["code"] == "D008" && d["facts"]["kind"] == "full-width")
            .expect("the full-width date noted")
    };
    let in_csv = full_width(&runs[0].2);
    assert_eq!(in_csv.get("sheet"), None);
    assert_eq!(in_csv["line"], 4);
    let in_xlsx = full_width(&runs[2].2);
    assert_eq!(
        in_xlsx["path"],
        dir.path().join("台账.xlsx").to_string_lossy().as_ref()
    );
    assert_eq!(in_xlsx["sheet"], "2026年");
    assert_eq!(in_xlsx["cell"], "Q4");
    assert_eq!(in_xlsx["line"], 4);
    assert_eq!(in_xlsx["column"], 17);
}

/// A workbook as a community office sends it: a title and a "made by" line above the header, the
/// street merged down its column, dates as text with full-width digits and as a bare day number,
/// numbers stored as text, every way of writing yes and no, a blank row and a totals row; a
/// participants sheet and a notes sheet beside it.
fn messy_xlsx() -> Vec<u8> {
    let header = [
        "编号",
        "层级",
        "街道",
        "社区",
        "协商形式",
        "议题",
        "会议日期",
        "应到人数",
        "实到人数",
        "签名确认",
    ];
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("2026年").unwrap();
    let plain = Format::new();
    sheet
        .merge_range(0, 0, 0, 9, "景华社区议事协商台账", &plain)
        .unwrap();
    sheet
        .write_string(1, 0, "制表：景华社区居委会　2026年11月")
        .unwrap();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    // The street, merged over the three meetings (C4:C6).
    sheet.merge_range(3, 2, 5, 2, "莲花街道", &plain).unwrap();
    let rows: [[&str; 10]; 3] = [
        [
            "JH-1",
            "社区",
            "",
            "景华社区",
            "居民议事会",
            "加装电梯",
            "２０２６／３／５",
            "13",
            "11",
            "Y",
        ],
        [
            "JH-2",
            "社区",
            "",
            "景华社区",
            "居民议事会",
            "停车管理",
            "",
            "13",
            "12人",
            "√",
        ],
        [
            "JH-3",
            "社区",
            "",
            "景华社区",
            "居民议事会",
            "垃圾分类",
            "2026-05-10",
            "13",
            "10",
            "是",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(3 + r as u32, c as u16, *text).unwrap();
            }
        }
    }
    // JH-2's date as the bare day number Excel shows when the column is formatted as a number.
    sheet.write_number(4, 6, 46_100).unwrap();
    sheet.write_string(7, 0, "合计").unwrap();
    sheet.write_number(7, 7, 39).unwrap();
    let people = book.add_worksheet();
    people.set_name("参会人员").unwrap();
    for (c, h) in ["编号", "姓名", "身份", "签到"].iter().enumerate() {
        people.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (name, signed)) in [("王芳", "y"), ("李强", "×"), ("赵敏", "是")]
        .iter()
        .enumerate()
    {
        let r = r as u32 + 1;
        people.write_string(r, 0, "JH-1").unwrap();
        people.write_string(r, 1, *name).unwrap();
        people.write_string(r, 2, "居民代表").unwrap();
        people.write_string(r, 3, *signed).unwrap();
    }
    let notes = book.add_worksheet();
    notes.set_name("说明").unwrap();
    notes.write_string(0, 0, "本台账按月更新").unwrap();
    book.save_to_buffer().unwrap()
}

fn d008<'a>(diagnostics: &'a [Value], kind: &str) -> &'a Value {
    diagnostics
        .iter()
        .find(|d| d["code"] == "D008" && d["facts"]["kind"] == kind)
        .unwrap_or_else(|| panic!("no D008 of kind {kind}: {diagnostics:#?}"))
}

#[test]
fn a_messy_workbook_is_read_with_every_coercion_reported_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账.xlsx");
    fs::write(&path, messy_xlsx()).unwrap();
    let checked = run(std::slice::from_ref(&path));

    // Two sheets read, one passed over; one file.
    assert_eq!(checked.read.len(), 2);
    assert_eq!(checked.read[0].sheet.as_deref(), Some("2026年"));
    assert_eq!(checked.read[1].sheet.as_deref(), Some("参会人员"));
    assert_eq!(checked.skipped.len(), 1);
    assert_eq!(checked.skipped[0].sheet.as_deref(), Some("说明"));
    assert_eq!((checked.files(), checked.read_files()), (1, 1));

    let codes: Vec<&str> = checked.meetings.iter().map(|m| m.code.as_str()).collect();
    assert_eq!(codes, ["JH-1", "JH-2", "JH-3"]);
    let street: Vec<Option<&str>> = checked.meetings.iter().map(|m| m.street()).collect();
    assert_eq!(street, [Some("莲花街道"); 3]);
    let date = |i: usize| checked.meetings[i].date(yishi::fields::Field::HeldOn);
    assert_eq!(date(0), NaiveDate::from_ymd_opt(2026, 3, 5));
    assert_eq!(date(1), NaiveDate::from_ymd_opt(2026, 3, 19));
    assert_eq!(
        checked.meetings[1].count(yishi::fields::Field::Present),
        Some(12)
    );
    assert_eq!(checked.meetings[0].participants.len(), 3);

    let all = json_of(&checked);
    let merged = d008(&all, "merged-cell");
    assert_eq!(
        (merged["cell"].as_str(), merged["facts"]["count"].as_u64()),
        (Some("C5"), Some(2))
    );
    assert_eq!(merged["sheet"], "2026年");
    let title = d008(&all, "title-rows");
    assert_eq!(
        (title["cell"].as_str(), title["facts"]["count"].as_u64()),
        (Some("A1"), Some(2))
    );
    let totals = d008(&all, "totals-row");
    assert_eq!(totals["cell"], "A8");
    let wide = d008(&all, "full-width");
    assert_eq!(
        (wide["cell"].as_str(), wide["facts"]["read_as"].as_str()),
        (Some("G4"), Some("2026-03-05"))
    );
    let serial = d008(&all, "excel-serial");
    assert_eq!(
        (serial["cell"].as_str(), serial["facts"]["value"].as_str()),
        (Some("G5"), Some("46100"))
    );
    assert_eq!(d008(&all, "unit")["cell"], "I5");
    // Y and √ on the ledger sheet, y and × on the participants sheet: one note for each sheet.
    let yes_no: Vec<(&str, u64)> = all
        .iter()
        .filter(|d| d["code"] == "D008" && d["facts"]["kind"] == "yes-no-word")
        .map(|d| {
            (
                d["cell"].as_str().unwrap(),
                d["facts"]["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(yes_no, [("J4", 2), ("D2", 2)]);
    assert!(
        all.iter()
            .all(|d| d["code"] != "E000" && d["code"] != "D001"),
        "{all:#?}"
    );

    // People see the cell named, and the row with the cell under the caret.
    let shown = human::render_all(&checked.diagnostics, human::Style::PLAIN);
    let place = format!("{} › 2026年 › G5", path.to_string_lossy());
    assert!(shown.contains(&place), "{shown}");
    assert!(shown.contains("位置：单元格 G5「会议日期」"), "{shown}");
    let text = summary::render(&checked);
    assert!(text.contains("文件 1 个：读入 1 个"), "{text}");
    assert!(text.contains("略过工作表"), "{text}");
    assert!(text.contains("说明"), "{text}");
    assert!(text.contains("合计行 1 行已略过"), "{text}");
}

/// Five hundred full-width dates are one note, not five hundred.
#[test]
fn coercions_are_noted_once_per_file_and_kind() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("编号,层级,街道,社区,议题,会议日期\n");
    for i in 0..500 {
        writeln!(
            text,
            "C-{i},社区,莲花街道,景华社区,议题{i},２０２６－０３－０５"
        )
        .unwrap();
    }
    let path = dir.path().join("台账.csv");
    fs::write(&path, text).unwrap();
    let checked = run(std::slice::from_ref(&path));
    let notes: Vec<Value> = json_of(&checked)
        .into_iter()
        .filter(|d| d["code"] == "D008")
        .collect();
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert_eq!(notes[0]["facts"]["count"], 500);
    assert_eq!(notes[0]["line"], 2);
    assert_eq!(checked.meetings.len(), 500);
}

// ---------------------------------------------------------------------------------------------
// Broken and hostile files.

/// A small good ledger, so each broken file is shown to leave the batch going.
const GOOD: &str =
    "编号,层级,街道,社区,议题,会议日期\nLH-9,社区,莲花街道,景华社区,加装电梯,2026-03-05\n";

/// A minimal ZIP with the given parts, stored or deflated.
fn zip_with(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, bytes) in parts {
        out.start_file(*name, options).unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The files made at test time (too large to commit, or made from the writer's own output).
fn hostile_files(dir: &Path) {
    let xlsx = office_xlsx();
    fs::write(dir.join("截断.xlsx"), &xlsx[..xlsx.len() / 2]).unwrap();
    // One cell of 50 MB.
    let mut big = String::from("编号,层级,街道,社区,议题,会议日期\nLH-8,社区,莲花街道,景华社区,");
    big.push_str(&"长".repeat(50 * 1024 * 1024 / 3));
    big.push_str(",2026-03-05\n");
    fs::write(dir.join("超长单元格.csv"), big).unwrap();
    // Two cells at opposite corners of the largest sheet Excel allows.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "编号").unwrap();
    sheet.write_string(1_048_575, 16_383, "炸弹").unwrap();
    fs::write(dir.join("维度炸弹.xlsx"), book.save_to_buffer().unwrap()).unwrap();
    // Within the row and column bounds, but a rectangle of 25 million cells.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "编号").unwrap();
    sheet.write_string(99_998, 255, "远处").unwrap();
    fs::write(dir.join("宽表炸弹.xlsx"), book.save_to_buffer().unwrap()).unwrap();
    // 300 MB of zeros packed into a few hundred KB.
    let zeros = vec![b'0'; 300 * 1024 * 1024];
    fs::write(
        dir.join("压缩炸弹.xlsx"),
        zip_with(&[
            ("xl/workbook.xml", b"<workbook/>"),
            ("xl/worksheets/sheet1.xml", &zeros),
        ]),
    )
    .unwrap();
    // An ODS row holding a filled cell, repeated a million times.
    let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="炸弹"><table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    fs::write(
        dir.join("重复炸弹.ods"),
        zip_with(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("content.xml", content.as_bytes()),
        ]),
    )
    .unwrap();
    fs::write(
        dir.join("通知.docx"),
        zip_with(&[("word/document.xml", b"<w:document/>")]),
    )
    .unwrap();
    fs::write(dir.join("good.csv"), GOOD).unwrap();
}

/// What each broken file must draw: a D001 at this place with these words, or a skip reason.
struct Expected {
    file: &'static str,
    /// The place as `line:column`, or the cell, or nothing (the whole file).
    at: Option<&'static str>,
    words: &'static str,
}

#[test]
fn each_broken_file_draws_a_clear_d001_at_its_place_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(BROKEN).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    hostile_files(dir.path());
    let checked = run(&[dir.path().to_path_buf()]);
    let all = json_of(&checked);

    let expected = [
        Expected {
            file: "空台账.csv",
            at: None,
            words: "文件是空的",
        },
        Expected {
            file: "二进制.csv",
            at: None,
            words: "文件不是文本",
        },
        Expected {
            file: "混合编码.csv",
            at: Some("3:6"),
            words: "混入了其他编码",
        },
        Expected {
            file: "前置信息编码错误.md",
            at: Some("4:7"),
            words: "既不是 UTF-8 也不是 GB18030",
        },
        Expected {
            file: "引号未闭合.csv",
            at: Some("2:6"),
            words: "引号没有闭合",
        },
        Expected {
            file: "截断.xlsx",
            at: None,
            words: "文件可能不完整或已损坏",
        },
        Expected {
            file: "超长单元格.csv",
            at: Some("2:19"),
            words: "超过电子表格单元格的上限",
        },
        Expected {
            file: "维度炸弹.xlsx",
            at: Some("A1"),
            words: "超出可读范围",
        },
        Expected {
            file: "宽表炸弹.xlsx",
            at: Some("A1"),
            words: "超出可读范围",
        },
        Expected {
            file: "压缩炸弹.xlsx",
            at: None,
            words: "疑似压缩炸弹",
        },
        Expected {
            file: "重复炸弹.ods",
            at: None,
            words: "远超可读范围的重复单元格",
        },
        // Found by fuzzing: a sector chain pointing past the end of the file made the workbook
        // reader panic, and a damaged mini-FAT made it allocate 8 GB; the container is now
        // checked by a strict reader first.
        Expected {
            file: "扇区越界.xls",
            at: None,
            words: "文件结构已损坏",
        },
        Expected {
            file: "维度炸弹.xls",
            at: None,
            words: "文件结构已损坏",
        },
        Expected {
            file: "声明维度炸弹.xls",
            at: None,
            words: "远超可读范围",
        },
        Expected {
            file: "角落炸弹.xls",
            at: None,
            words: "远超可读范围",
        },
        Expected {
            file: "深层嵌套.md",
            at: Some("7:"),
            words: "嵌套超过",
        },
    ];
    let mut problems = Vec::new();
    for e in &expected {
        let of_file: Vec<&Value> = all
            .iter()
            .filter(|d| {
                d["code"] == "D001"
                    && d["path"]
                        .as_str()
                        .is_some_and(|p| p.ends_with(&format!("/{}", e.file)))
            })
            .collect();
        let found = of_file
            .iter()
            .find(|d| d["message"].as_str().unwrap().contains(e.words));
        let Some(d) = found else {
            problems.push(format!(
                "{}: no D001 saying “{}”: {of_file:#?}",
                e.file, e.words
            ));
            continue;
        };
        let place = match (&d["cell"], &d["line"]) {
            (Value::String(cell), _) => cell.clone(),
            (_, Value::Number(line)) => format!("{line}:{}", d["column"]),
            _ => String::new(),
        };
        match e.at {
            Some(at) if !place.starts_with(at) => {
                problems.push(format!("{}: at {place}, expected {at}", e.file));
            }
            _ => {}
        }
    }
    assert!(problems.is_empty(), "{}\n{all:#?}", problems.join("\n"));

    // Not records at all: passed over with the reason, no D001.
    for (file, reason) in [("照片.jpg", "JPEG 图片"), ("通知.docx", "Word 文档")] {
        let s = checked
            .skipped
            .iter()
            .find(|s| s.path.ends_with(file))
            .unwrap_or_else(|| panic!("{file} not listed as skipped"));
        assert!(s.reason.contains(reason), "{file}: {}", s.reason);
        assert!(
            !all.iter()
                .any(|d| d["path"].as_str().is_some_and(|p| p.ends_with(file)))
        );
    }
    // The good ledger, and the meetings of the readable rows of broken files, are checked.
    let codes: Vec<&str> = checked.meetings.iter().map(|m| m.code.as_str()).collect();
    assert!(codes.contains(&"LH-9"), "{codes:?}");
    assert!(all.iter().all(|d| d["code"] != "E000"), "{all:#?}");
    assert_eq!(checked.files(), fs::read_dir(dir.path()).unwrap().count());
    assert!(checked.accounting.balanced(), "{:?}", checked.accounting);
}

// ---------------------------------------------------------------------------------------------
// Accounting.

#[test]
fn every_file_and_every_row_is_accounted_for() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = "标题：2026年台账,,,,,\n\
                  编号,层级,街道,社区,议题,会议日期\n\
                  A-1,社区,莲花街道,景华社区,加装电梯,2026-03-05\n\
                  ,,,,,\n\
                  A-2,社区,莲花街道,景华社区,停车,2026-04-05,多出一栏\n\
                  A-3,社区,莲花街道,景华社区,垃圾分类,2026-05-05\n\
                  A-1,社区,莲花街道,景华社区,重复编号,2026-06-05\n\
                  合计,,,,,\n";
    fs::write(dir.path().join("台账.csv"), ledger).unwrap();
    fs::write(dir.path().join("台账2.xlsx"), messy_xlsx()).unwrap();
    fs::write(
        dir.path().join("照片.jpg"),
        b"\xff\xd8\xff\xe0 not really a photo",
    )
    .unwrap();
    fs::write(dir.path().join("空.txt"), b"").unwrap();
    fs::write(dir.path().join("说明.txt"), "这个文件夹是 2026 年的台账").unwrap();
    let checked = run(&[dir.path().to_path_buf()]);
    let a = &checked.accounting;

    // Files: 2 read (one of them a workbook of two sheets read and one passed over), 3 skipped.
    assert_eq!(checked.files(), 5);
    assert_eq!(checked.read_files(), 2);
    assert_eq!(checked.skipped_files(), 3);
    assert_eq!(
        checked.files(),
        checked.read_files() + checked.skipped_files()
    );

    // Ledger rows: 4 in the CSV (A-1, A-2 rejected, A-3, A-1 again) and 3 in the workbook; the
    // blank and totals rows are counted as such.
    assert_eq!(a.ledger_rows, 7);
    assert_eq!(a.rejected, 1);
    assert_eq!(a.duplicates, 1);
    assert_eq!(a.blank_rows, 1 + 1);
    assert_eq!(a.totals_rows, 1 + 1);
    let ledger_meetings = checked.meetings.len();
    assert_eq!(ledger_meetings, 5);
    assert_eq!(a.ledger_rows, ledger_meetings + a.rejected + a.duplicates);
    assert_eq!(a.participant_rows, 3);
    assert_eq!(a.participants_attached, 3);
    assert!(a.balanced(), "{a:?}");

    let text = summary::render(&checked);
    assert!(
        text.contains("文件 5 个：读入 2 个（台账 2、参会人员名单 1、会议记录 0），跳过 3 个"),
        "{text}"
    );
    assert!(
        text.contains("记录 10 条（台账行 7、参会人员 3、会议记录 0）：合并为 5 次会议 5 条"),
        "{text}"
    );
    assert!(text.contains("未读入 1 条，编号重复 1 条"), "{text}");
    assert!(text.contains("空行 2 行、合计行 2 行已略过"), "{text}");
    assert!(
        text.contains("跳过 ") && text.contains("空.txt：空文件\n"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------------
// Interrupted builds.

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file in the output: each PDF must parse; anything else must be a temporary part.
fn output_state(out: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let (mut pdfs, mut parts) = (Vec::new(), Vec::new());
    for entry in walkdir::WalkDir::new(out).into_iter().flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.into_path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if extension == "pdf" {
            let doc = lopdf::Document::load(&path);
            assert!(
                doc.is_ok(),
                "{} does not parse: {:?}",
                path.display(),
                doc.err()
            );
            pdfs.push(path);
        } else if name == ".yishi-lock" {
            // Held by a build while it runs; it stays, empty, and holds nothing.
            assert_eq!(fs::metadata(&path).unwrap().len(), 0);
        } else if path.parent().unwrap().ends_with(".yishi")
            && (name == "report" || name == "outputs")
        {
            // The record of a complete build, each renamed into place whole: what it printed, and
            // the files it left.
        } else if extension == "json" {
            // The manifest, written last, and the annual reports' figures: each written whole,
            // so a killed run leaves the previous one or none.
            let json: Result<serde_json::Value, _> =
                serde_json::from_slice(&fs::read(&path).unwrap());
            assert!(json.is_ok(), "{} does not parse: {json:?}", path.display());
        } else if name == "index.html" {
            // The dashboard, renamed into place whole.
            let html = fs::read_to_string(&path).unwrap();
            assert!(html.trim_end().ends_with("</html>"), "{}", path.display());
        } else if extension == "txt" || extension == "csv" {
            // The notification texts and their list, each renamed into place whole.
            assert!(fs::metadata(&path).unwrap().len() > 0, "{}", path.display());
        } else {
            assert!(
                name.starts_with(".yishi-") && extension == "part",
                "unexpected file in the output: {}",
                path.display()
            );
            parts.push(path);
        }
    }
    pdfs.sort();
    (pdfs, parts)
}

/// `yishi build` of `batch` into `out`, quiet.
fn build_command(batch: &Path, out: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_yishi"));
    c.args([
        "build",
        "--today",
        "2026-11-22",
        "--no-system-fonts",
        "--jobs",
        "2",
    ])
    .arg("--out")
    .arg(out)
    .arg(batch)
    .stdout(std::process::Stdio::null())
    .stderr(std::process::Stdio::null());
    c
}

#[test]
fn a_build_killed_at_any_moment_leaves_only_whole_pdfs_and_the_next_run_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let batch = dir.path().join("batch");
    copy_tree(Path::new("fixtures/sample"), &batch);
    let out = dir.path().join("out");

    // An uninterrupted build, to compare with and to know how long a build lasts: the shorter of
    // two, since the first may pay for a cold disk cache and the kills must land inside a build.
    let clean = dir.path().join("clean");
    let mut length = u64::MAX;
    for _ in 0..2 {
        let _ = fs::remove_dir_all(&clean);
        let started = std::time::Instant::now();
        build_command(&batch, &clean).status().unwrap();
        length = length.min(started.elapsed().as_micros() as u64);
    }
    let (clean_pdfs, clean_parts) = output_state(&clean);
    assert!(!clean_pdfs.is_empty() && clean_parts.is_empty());

    // Kill moments spread over a build's life (before the first PDF, between PDFs, near the
    // end), each moved by a random few percent so that runs cover different moments.
    let seed = {
        use std::hash::{BuildHasher, Hasher};
        // A fresh random seed each run, without reading the clock.
        std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish()
    };
    let mut interrupted = 0;
    for (i, percent) in [2_u64, 10, 25, 40, 55, 70, 85, 95].iter().enumerate() {
        let jitter = (seed >> (i * 4)) % 10;
        // `--force`: a build that did finish would otherwise let the next ones keep its PDFs
        // and end before their kill.
        let mut child = build_command(&batch, &out).arg("--force").spawn().unwrap();
        std::thread::sleep(Duration::from_micros(length * (percent + jitter) / 100));
        if child.try_wait().unwrap().is_none() {
            interrupted += 1;
        }
        // SIGKILL: no destructor, no cleanup runs.
        let _ = child.kill();
        let _ = child.wait();
        output_state(&out);
    }
    assert!(
        interrupted >= 4,
        "only {interrupted} of 8 builds were still running when killed"
    );

    // The next run finishes the batch: it prints what the uninterrupted run printed.
    build_command(&batch, &out).status().unwrap();
    let (pdfs, parts) = output_state(&out);
    assert!(parts.is_empty(), "temporary files left behind: {parts:?}");
    let names = |v: &[PathBuf], root: &Path| -> Vec<PathBuf> {
        v.iter()
            .map(|p| p.strip_prefix(root).unwrap().to_path_buf())
            .collect()
    };
    assert_eq!(names(&pdfs, &out), names(&clean_pdfs, &clean));
    // And its manifest lists the same documents with the same bytes.
    let listed = |dir: &Path| -> Vec<(String, String)> {
        let manifest: serde_json::Value =
            serde_json::from_slice(&fs::read(dir.join("yishi-manifest.json")).unwrap()).unwrap();
        manifest["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["file"].to_string(), d["sha256"].to_string()))
            .collect()
    };
    assert_eq!(listed(&out), listed(&clean));
}

// ---------------------------------------------------------------------------------------------
// Bugs.

/// A panic while reading one record is reported there as an internal error naming what the
/// program said, without printing it, and reading goes on.
#[test]
fn a_bug_while_reading_is_reported_where_it_happened_and_the_batch_goes_on() {
    use yishi::guard::guarded;
    use yishi::load::Loaded;
    use yishi::source::{Encoding, Loc, SourceFile};
    let mut loaded = Loaded::default();
    let file = SourceFile::new("台账.csv".into(), "编号,议题\nX-1,停车\n", Encoding::Utf8);
    let place = Loc::new(&file, 14..17);
    let read: Option<()> = guarded(&place, "这一行", &mut loaded, |_| panic!("a bug"));
    assert!(read.is_none());
    let d = &loaded.diagnostics[0];
    assert_eq!((d.code, d.severity), ("E000", yishi::diag::Severity::Error));
    assert!(
        d.message.contains("内部错误") && d.message.contains("这一行"),
        "{}",
        d.message
    );
    let detail = d.facts["panic"].as_str().unwrap();
    assert!(
        detail.contains("a bug") && detail.contains("inputs.rs"),
        "{detail}"
    );
    assert_eq!(
        d.loc.as_ref().map(yishi::source::Loc::display).as_deref(),
        Some("台账.csv:2:1")
    );
    // The next file is read as usual.
    loaded.add_bytes("good.csv", GOOD.as_bytes());
    assert_eq!(loaded.records.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Nothing silently unread: each input below was once read as nothing, or as less than it holds,
// while the run said 未发现错误.

const UNREAD: &str = "tests/corpus/unread";

/// `yishi` with these arguments: exit code, stdout, stderr.
fn yishi(args: &[&std::ffi::OsStr]) -> (Option<i32>, String, String) {
    let run = Command::new(env!("CARGO_BIN_EXE_yishi"))
        .args(args)
        .output()
        .unwrap();
    (
        run.status.code(),
        String::from_utf8_lossy(&run.stdout).into_owned(),
        String::from_utf8_lossy(&run.stderr).into_owned(),
    )
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

/// The D001s (or other code) whose path ends with `file`.
fn at_file<'a>(all: &'a [Value], code: &str, file: &str) -> Vec<&'a Value> {
    all.iter()
        .filter(|d| d["code"] == code && d["path"].as_str().is_some_and(|p| p.ends_with(file)))
        .collect()
}

fn skipped_reason<'a>(checked: &'a Checked, file: &str) -> &'a str {
    checked
        .skipped
        .iter()
        .find(|s| s.path.ends_with(file))
        .map_or_else(
            || panic!("{file} not listed as skipped: {:#?}", checked.skipped),
            |s| s.reason.as_str(),
        )
}

/// A mistyped path is a usage error that reads and writes nothing: `build` leaves the output
/// folder and its manifest as they were.
#[test]
fn a_path_that_does_not_exist_is_a_usage_error_and_touches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let batch = dir.path().join("台账批次");
    fs::create_dir(&batch).unwrap();
    fs::write(batch.join("台账.csv"), GOOD).unwrap();
    let typo = dir.path().join("台帐批次");
    let (code, stdout, stderr) = yishi(&[os("check"), typo.as_os_str()]);
    assert_eq!(code, Some(2), "{stdout}{stderr}");
    assert!(stderr.contains("路径不存在"), "{stderr}");
    assert!(
        stderr.contains("是否想写") && stderr.contains("台账批次"),
        "{stderr}"
    );
    assert!(!stdout.contains("未发现错误"), "{stdout}");

    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    let manifest = r#"{"documents": [{"file": "X-1-会议记录.pdf"}]}"#.as_bytes();
    fs::write(out.join("yishi-manifest.json"), manifest).unwrap();
    let (code, _, stderr) = yishi(&[
        os("build"),
        os("--no-system-fonts"),
        os("--out"),
        out.as_os_str(),
        typo.as_os_str(),
    ]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("路径不存在"), "{stderr}");
    assert_eq!(fs::read(out.join("yishi-manifest.json")).unwrap(), manifest);
    assert_eq!(fs::read_dir(&out).unwrap().count(), 1);
}

/// Symbolic links are followed: a linked ledger and a linked folder are read; a link to a
/// file already read, and a link back to a folder above, are listed once each with the reason;
/// a link to nowhere is a D001.
#[cfg(unix)]
#[test]
fn symbolic_links_are_followed_once_and_every_one_is_accounted_for() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("别处");
    fs::create_dir_all(elsewhere.join("村")).unwrap();
    fs::write(elsewhere.join("链入台账.csv"), GOOD.replace("LH-9", "LK-1")).unwrap();
    fs::write(elsewhere.join("村/台账.csv"), GOOD.replace("LH-9", "LK-2")).unwrap();
    let batch = dir.path().join("批次");
    fs::create_dir(&batch).unwrap();
    fs::write(batch.join("台账.csv"), GOOD).unwrap();
    symlink(elsewhere.join("链入台账.csv"), batch.join("链接台账.csv")).unwrap();
    symlink(elsewhere.join("村"), batch.join("链接文件夹")).unwrap();
    symlink(batch.join("台账.csv"), batch.join("又一个链接.csv")).unwrap();
    symlink(&batch, batch.join("回到上级")).unwrap();
    symlink(dir.path().join("不存在.csv"), batch.join("断开的链接.csv")).unwrap();

    let checked = run(std::slice::from_ref(&batch));
    let codes: Vec<&str> = checked.meetings.iter().map(|m| m.code.as_str()).collect();
    assert_eq!(codes, ["LH-9", "LK-1", "LK-2"]);
    // Read by its own name, though the link to it comes first by name.
    assert!(
        checked
            .read
            .iter()
            .any(|r| r.path.ends_with("批次/台账.csv"))
    );
    assert!(
        skipped_reason(&checked, "又一个链接.csv").contains("的符号链接，那个文件已读入，只读一次")
    );
    assert!(skipped_reason(&checked, "回到上级").contains("指向它所在的上级文件夹"));
    assert!(skipped_reason(&checked, "断开的链接.csv").contains("指向的文件或文件夹不存在"));
    let all = json_of(&checked);
    assert_eq!(at_file(&all, "D001", "断开的链接.csv").len(), 1, "{all:#?}");
    assert!(at_file(&all, "D006", "").is_empty(), "{all:#?}");
    // Every entry of the folder is read or listed.
    assert_eq!(checked.files(), 6);
    assert!(checked.accounting.balanced(), "{:?}", checked.accounting);
    assert_eq!(checked.exit_code(), 1);
}

/// A file that cannot be opened is a D001 at it, and the run fails; the rest is read.
#[cfg(unix)]
#[test]
fn a_file_that_cannot_be_opened_is_a_d001_and_the_batch_goes_on() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.csv"), GOOD).unwrap();
    // A link to itself cannot be opened, by anyone.
    symlink("环.csv", dir.path().join("环.csv")).unwrap();
    // Without read permission (which root does not need).
    let locked = dir.path().join("无权限.csv");
    fs::write(&locked, GOOD.replace("LH-9", "LH-8")).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let unreadable_here = fs::File::open(&locked).is_err();

    let checked = run(&[dir.path().to_path_buf()]);
    let all = json_of(&checked);
    let d = at_file(&all, "D001", "环.csv");
    assert_eq!(d.len(), 1, "{all:#?}");
    assert!(
        d[0]["message"]
            .as_str()
            .unwrap()
            .contains("符号链接形成循环"),
        "{d:#?}"
    );
    assert!(skipped_reason(&checked, "环.csv").contains("见 D001"));
    if unreadable_here {
        let d = at_file(&all, "D001", "无权限.csv");
        assert!(
            d.len() == 1 && d[0]["message"].as_str().unwrap().contains("没有读取权限"),
            "{all:#?}"
        );
    } else {
        assert!(checked.meetings.iter().any(|m| m.code == "LH-8"));
    }
    assert!(checked.meetings.iter().any(|m| m.code == "LH-9"));
    assert_eq!(checked.exit_code(), 1);

    // The same for a path that is no file, given to the loader directly.
    let mut loaded = yishi::load::Loaded::default();
    loaded.add_file(dir.path());
    assert_eq!(loaded.diagnostics[0].code, "D001");
    assert!(
        loaded.skipped[0]
            .reason
            .contains("无法打开：这是一个文件夹"),
        "{:?}",
        loaded.skipped
    );
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o644)).unwrap();
}

/// the corpus of files once read as less than they hold.
#[test]
fn files_once_unread_are_read_or_passed_over_with_the_reason() {
    let checked = run(&[PathBuf::from(UNREAD)]);
    let all = json_of(&checked);
    let codes: Vec<&str> = checked.meetings.iter().map(|m| m.code.as_str()).collect();
    // A semicolon-separated ledger below a title row.
    for code in ["S-1", "S-2", "S-3"] {
        assert!(codes.contains(&code), "{code}: {codes:?}");
    }
    // Old Mac line breaks: the finding is on the line of its row.
    let bad_date = at_file(&all, "D003", "旧式换行.csv");
    assert_eq!(bad_date.len(), 1, "{all:#?}");
    assert_eq!(bad_date[0]["line"], 3);
    assert!(
        bad_date[0]["message"]
            .as_str()
            .unwrap()
            .contains("没有 13 月"),
        "{bad_date:#?}"
    );
    let note = at_file(&all, "D008", "旧式换行.csv");
    assert_eq!(note[0]["facts"]["kind"], "old-mac-line-breaks");
    assert_eq!(note[0]["facts"]["count"], 4);
    assert!(codes.contains(&"M-1") && codes.contains(&"M-3"));
    // A NUL byte: that row is a D001 at its line, the others are read.
    let nul = at_file(&all, "D001", "空字符.csv");
    assert_eq!(nul.len(), 1, "{all:#?}");
    assert_eq!(nul[0]["line"], 3);
    assert!(
        nul[0]["message"]
            .as_str()
            .unwrap()
            .contains("第 3 行含有空字符")
    );
    assert!(codes.contains(&"N-1") && codes.contains(&"N-3") && !codes.contains(&"N-2"));
    // UTF-16 without a byte-order mark.
    for code in ["W-1", "W-2", "W-3"] {
        assert!(codes.contains(&code), "{code}: {codes:?}");
    }
    let utf16 = checked
        .read
        .iter()
        .find(|r| r.path.ends_with("无BOM的UTF-16.txt"))
        .expect("read");
    assert_eq!(utf16.encoding, yishi::source::Encoding::Utf16Le);
    // Lock files and thumbnails are no records: passed over, no D001.
    assert!(skipped_reason(&checked, "~$台账.xlsx").contains("锁定文件"));
    assert!(skipped_reason(&checked, "Thumbs.db").contains("缩略图"));
    for file in ["~$台账.xlsx", "Thumbs.db"] {
        assert!(at_file(&all, "D001", file).is_empty(), "{all:#?}");
    }
    // Every file is read or listed, every row accounted for.
    assert_eq!(checked.files(), fs::read_dir(UNREAD).unwrap().count());
    assert!(checked.accounting.balanced(), "{:?}", checked.accounting);
    assert_eq!(checked.accounting.rejected, 1);
}

/// A blank 层级 is inferred where the row says it, and said so; where nothing says it, the
/// meeting counts as not wholly checked.
#[test]
fn a_blank_level_is_inferred_from_the_row_or_the_meeting_counts_as_unchecked() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("台账.csv"),
        "编号,层级,街道,社区,协商形式,议题,信息公开日期,会议日期\n\
         B-1,,莲花街道,景华社区,座谈会,加装电梯,2026-03-04,2026-03-05\n\
         B-2,,莲花街道,,民主协商会,停车管理,2026-03-04,2026-03-05\n\
         B-3,,石岩街道,,村民议事会,修路,2026-02-04,2026-03-05\n",
    )
    .unwrap();
    let checked = run(&[dir.path().to_path_buf()]);
    let all = json_of(&checked);
    let of = |code: &str, meeting: &str| -> Vec<&Value> {
        all.iter()
            .filter(|d| d["code"] == code && d["meeting"] == meeting)
            .collect()
    };
    // B-1: checked as a community meeting (SZ101 finds the notice one day ahead), and told so.
    let inferred: Vec<&Value> = of("D002", "B-1")
        .into_iter()
        .filter(|d| d["field"] == "层级")
        .collect();
    assert_eq!(inferred.len(), 1, "{all:#?}");
    assert!(
        inferred[0]["message"]
            .as_str()
            .unwrap()
            .contains("按「社区」“景华社区”推定为社区层级检查"),
        "{inferred:#?}"
    );
    assert_eq!(of("SZ101", "B-1").len(), 1, "{all:#?}");
    // B-3: a village meeting, as its form says.
    assert!(
        of("D002", "B-3").iter().any(|d| d["message"]
            .as_str()
            .unwrap()
            .contains("按「协商形式」“村民议事会”推定为村层级检查")),
        "{all:#?}"
    );
    // B-2: nothing says its level.
    let missing = of("D002", "B-2");
    assert!(
        missing.iter().any(
            |d| d["field"] == "层级" && d["message"].as_str().unwrap().contains("缺少「层级」")
        ),
        "{missing:#?}"
    );
    assert_eq!(checked.accounting.level_unknown, 1);
    assert_eq!(checked.accounting.unchecked_meetings, 1);
    let text = summary::render(&checked);
    assert!(text.contains("未检查完：1 次会议"), "{text}");
}

/// The same path given twice, or a folder and a file in it, is read once.
#[test]
fn the_same_path_given_twice_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("台账.csv"), GOOD).unwrap();
    let folder = dir.path().to_path_buf();
    let once = run(std::slice::from_ref(&folder));
    for paths in [
        vec![folder.clone(), folder.clone()],
        vec![folder.clone(), folder.join("台账.csv")],
    ] {
        let twice = run(&paths);
        assert_eq!(twice.accounting, once.accounting);
        assert_eq!(findings(&twice), findings(&once));
        assert!(twice.diagnostics.iter().all(|d| d.code != "D006"));
    }
}

/// A code with a trailing space, in full-width characters or with a zero-width space is the
/// same code: one meeting, its participants attached, the variants noted.
#[test]
fn codes_written_differently_name_one_meeting() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("台账.csv"),
        "编号,层级,街道,社区,议题,会议日期\n\
         \"LH-JH-2026-001 \",社区,莲花街道,景华社区,加装电梯,2026-03-05\n\
         LH-JH-2026-002,社区,莲花街道,景华社区,停车,2026-04-05\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("参会人员.csv"),
        "编号,姓名,身份\nＬＨ－ＪＨ－２０２６－００１,王芳,居民代表\nLH-JH-2026-002\u{200b},李强,居民代表\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("会议记录.md"),
        "---\n编号: \"LH-JH-2026-001\u{200b}\"\n会议日期: 2026-03-05\n---\n\n# 会议记录\n",
    )
    .unwrap();
    let checked = run(&[dir.path().to_path_buf()]);
    let codes: Vec<&str> = checked.meetings.iter().map(|m| m.code.as_str()).collect();
    assert_eq!(codes, ["LH-JH-2026-001", "LH-JH-2026-002"]);
    assert_eq!(checked.meetings[0].records.len(), 2);
    assert_eq!(checked.meetings[0].participants.len(), 1);
    assert_eq!(checked.meetings[1].participants.len(), 1);
    let all = json_of(&checked);
    assert!(
        all.iter()
            .all(|d| d["code"] != "D006" && d["code"] != "D003"),
        "{all:#?}"
    );
    let variants: Vec<&Value> = all
        .iter()
        .filter(|d| d["code"] == "D008" && d["facts"]["kind"] == "code-variant")
        .collect();
    assert_eq!(variants.len(), 3, "one per file: {variants:#?}");
    assert!(checked.accounting.balanced());
    assert_eq!(checked.accounting.orphan_participants, 0);
}

/// A copy of a ledger is one finding about the file, not one duplicate per row.
#[test]
fn an_identical_copy_is_one_finding_about_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = fs::read(LEDGER).unwrap();
    fs::write(dir.path().join("台账.csv"), &ledger).unwrap();
    fs::write(dir.path().join("台账 - 副本.csv"), &ledger).unwrap();
    let checked = run(&[dir.path().to_path_buf()]);
    let all = json_of(&checked);
    let d006: Vec<&Value> = all.iter().filter(|d| d["code"] == "D006").collect();
    assert_eq!(d006.len(), 1, "{d006:#?}");
    assert_eq!(d006[0]["severity"], "warning");
    // The one read first (by name, 台账 - 副本.csv) is read; the other is the copy.
    assert!(d006[0]["path"].as_str().unwrap().ends_with("/台账.csv"));
    let message = d006[0]["message"].as_str().unwrap();
    assert!(
        message.contains("台账 - 副本.csv") && message.contains("内容完全相同"),
        "{message}"
    );
    assert!(skipped_reason(&checked, "/台账.csv").contains("内容完全相同"));
    assert_eq!(checked.files(), 2);
    assert_eq!(checked.read_files(), 1);
    assert!(checked.accounting.balanced());
}

/// A batch with no record says so (D010) and does not pass as clean.
#[test]
fn a_batch_with_no_record_says_so_and_fails() {
    let empty = tempfile::tempdir().unwrap();
    let templates = tempfile::tempdir().unwrap();
    let (code, _, stderr) = yishi(&[os("init"), templates.path().as_os_str()]);
    assert_eq!(code, Some(0), "{stderr}");
    for (dir, words) in [
        (empty.path(), "批次中没有文件"),
        (templates.path(), "只有表头"),
    ] {
        let checked = run(&[dir.to_path_buf()]);
        let d: Vec<&yishi::diag::Diagnostic> = checked
            .diagnostics
            .iter()
            .filter(|d| d.code == "D010")
            .collect();
        assert_eq!(d.len(), 1, "{:#?}", checked.diagnostics);
        assert_eq!(d[0].severity, yishi::diag::Severity::Warning);
        assert!(d[0].message.contains(words), "{}", d[0].message);
        assert_eq!(checked.exit_code(), 1);
        let (code, stdout, _) = yishi(&[os("check"), os("--no-config"), dir.as_os_str()]);
        assert_eq!(code, Some(1), "{stdout}");
        assert!(stdout.contains("退出码 1：没有读到任何记录"), "{stdout}");
        assert!(!stdout.contains("未发现错误"), "{stdout}");
    }
}

/// A formula with no saved value is said to be one; a volatile formula is warned about.
#[test]
fn formulas_without_a_value_or_with_a_changing_one_are_reported_at_their_cell() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("台账").unwrap();
    sheet.set_formula_result_default("");
    for (c, h) in [
        "编号",
        "层级",
        "街道",
        "社区",
        "议题",
        "会议日期",
        "应到人数",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, code) in ["F-1", "F-2"].iter().enumerate() {
        let r = r as u32 + 1;
        for (c, text) in [*code, "社区", "莲花街道", "景华社区", "加装电梯"]
            .iter()
            .enumerate()
        {
            sheet.write_string(r, c as u16, *text).unwrap();
        }
    }
    // F-1: a date computed from another cell, its value never saved.
    sheet.write_formula(1, 5, "=DATE(2026,3,5)").unwrap();
    sheet.write_number(1, 6, 13).unwrap();
    // F-2: today's date, as saved on the day the file was last saved.
    sheet
        .write_formula(
            2,
            5,
            rust_xlsxwriter::Formula::new("=TODAY()").set_result("2026-11-20"),
        )
        .unwrap();
    sheet.write_formula(2, 6, "=SUM(10,3)").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账.xlsx");
    fs::write(&path, book.save_to_buffer().unwrap()).unwrap();

    let checked = run(std::slice::from_ref(&path));
    let all = json_of(&checked);
    let d003: Vec<&Value> = all.iter().filter(|d| d["code"] == "D003").collect();
    let at = |cell: &str| {
        d003.iter()
            .find(|d| d["cell"] == cell)
            .unwrap_or_else(|| panic!("no D003 at {cell}: {all:#?}"))
    };
    let none = at("F2");
    assert_eq!(none["severity"], "error");
    assert!(
        none["message"]
            .as_str()
            .unwrap()
            .contains("是公式 =DATE(2026,3,5)，文件中没有保存它的计算结果"),
        "{none:#?}"
    );
    let today = at("F3");
    assert_eq!(today["severity"], "warning");
    assert!(
        today["message"].as_str().unwrap().contains("=TODAY()")
            && today["message"]
                .as_str()
                .unwrap()
                .contains("每次打开或重算都会变"),
        "{today:#?}"
    );
    // G3's sum has no saved value either; the D002 for F-1's date is not said again.
    at("G3");
    assert_eq!(d003.len(), 3, "{d003:#?}");
    assert!(
        !all.iter()
            .any(|d| d["code"] == "D002" && d["meeting"] == "F-1" && d["field"] == "会议日期"),
        "{all:#?}"
    );
    assert_eq!(
        checked.meetings[1].date(yishi::fields::Field::HeldOn),
        NaiveDate::from_ymd_opt(2026, 11, 20)
    );
}

/// A file name in GBK bytes is shown decoded, noted, and its SARIF URI finds the file.
#[cfg(target_os = "linux")]
#[test]
fn a_file_name_in_gbk_is_shown_decoded_and_its_sarif_uri_finds_it() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let (gbk, _, _) = encoding_rs::GB18030.encode("台账.csv");
    let name = std::ffi::OsStr::from_bytes(&gbk);
    fs::write(dir.path().join(name), GOOD).unwrap();
    let paths = [dir.path().to_path_buf()];
    let checked = run(&paths);
    assert_eq!(checked.meetings.len(), 1);
    assert!(
        checked.read[0].path.ends_with("/台账.csv"),
        "{}",
        checked.read[0].path
    );
    let all = json_of(&checked);
    let note = all
        .iter()
        .find(|d| d["facts"]["kind"] == "name-in-gbk")
        .unwrap_or_else(|| panic!("{all:#?}"));
    assert!(note["message"].as_str().unwrap().contains("台账.csv"));
    let sarif = yishi::report::sarif::document(&checked, &settings(), &paths);
    let uri = sarif["runs"][0]["artifacts"][0]["location"]["uri"]
        .as_str()
        .unwrap();
    assert_eq!(uri, "%CC%A8%D5%CB.csv");
    // Percent-decoded against the batch folder, the URI names the file's own bytes.
    let bytes: Vec<u8> = uri
        .split('%')
        .skip(1)
        .flat_map(|part| {
            let (hex, rest) = part.split_at(2);
            std::iter::once(u8::from_str_radix(hex, 16).unwrap()).chain(rest.bytes())
        })
        .collect();
    assert!(
        dir.path()
            .join(std::ffi::OsStr::from_bytes(&bytes))
            .is_file()
    );
}

/// Hidden and very hidden sheets are read, and the summary says so.
#[test]
fn hidden_sheets_are_read_and_the_summary_says_so() {
    let mut book = Workbook::new();
    let shown = book.add_worksheet();
    shown.set_name("2026年").unwrap();
    write_sheet(shown, &csv_rows(GOOD));
    let hidden = book.add_worksheet();
    hidden.set_name("旧账").unwrap();
    write_sheet(hidden, &csv_rows(&GOOD.replace("LH-9", "LH-7")));
    hidden.set_hidden(true);
    let very = book.add_worksheet();
    very.set_name("底稿").unwrap();
    very.write_string(0, 0, "草稿").unwrap();
    very.set_very_hidden(true);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账.xlsx");
    fs::write(&path, book.save_to_buffer().unwrap()).unwrap();
    let checked = run(std::slice::from_ref(&path));
    let codes: Vec<&str> = checked.meetings.iter().map(|m| m.code.as_str()).collect();
    assert_eq!(codes, ["LH-9", "LH-7"]);
    assert_eq!(checked.read[1].hidden, Some(yishi::source::Hidden::Hidden));
    let text = summary::render(&checked);
    assert!(
        text.contains("读入隐藏的工作表 ")
            && text.contains("台账.xlsx › 旧账：在 Excel 或 WPS 中看不到"),
        "{text}"
    );
    assert!(
        text.contains("略过工作表 ") && text.contains("› 底稿（深度隐藏的工作表"),
        "{text}"
    );
    let doc = json::document(&checked, &settings());
    assert_eq!(doc["summary"]["read_files"][1]["hidden"], "hidden");
    assert_eq!(doc["summary"]["skipped_files"][0]["hidden"], "very_hidden");
}

/// A date on no calendar says what is wrong with it; a form said another way gets the
/// accepted word, and the list of forms, not a document the clerk does not have.
#[test]
fn impossible_dates_and_forms_said_another_way_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("台账.csv"),
        "编号,层级,街道,社区,协商形式,议题,会议日期,信息公开日期\n\
         D-1,社区,莲花街道,景华社区,居民大会,加装电梯,2026-13-01,2026-02-30\n",
    )
    .unwrap();
    let checked = run(&[dir.path().to_path_buf()]);
    let all = json_of(&checked);
    let of = |field: &str| {
        all.iter()
            .find(|d| d["code"] == "D003" && d["field"] == field)
            .unwrap_or_else(|| panic!("no D003 on {field}: {all:#?}"))
    };
    assert!(
        of("会议日期")["message"]
            .as_str()
            .unwrap()
            .ends_with("没有 13 月（月份是 1 到 12）")
    );
    assert!(
        of("信息公开日期")["message"]
            .as_str()
            .unwrap()
            .ends_with("2026 年 2 月只有 28 天")
    );
    let form = of("协商形式");
    assert_eq!(form["facts"]["suggestion"], "居民会议");
    let help = form["help"].as_str().unwrap();
    assert!(
        help.contains("民主听证会") && !help.contains("FORMAT"),
        "{help}"
    );
}

/// A topic of pages and a code too long for a file name are found while checking.
#[test]
fn fields_too_long_to_print_are_found_while_checking() {
    let dir = tempfile::tempdir().unwrap();
    let code = "C".repeat(300);
    let topic = "议".repeat(3000);
    fs::write(
        dir.path().join("台账.csv"),
        format!(
            "编号,层级,街道,社区,议题,会议日期\n{code},社区,莲花街道,景华社区,{topic},2026-03-05\n"
        ),
    )
    .unwrap();
    let checked = run(&[dir.path().to_path_buf()]);
    let all = json_of(&checked);
    let d011: Vec<(&str, &str, u64)> = all
        .iter()
        .filter(|d| d["code"] == "D011")
        .map(|d| {
            (
                d["field"].as_str().unwrap(),
                d["severity"].as_str().unwrap(),
                d["facts"]["chars"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(d011, [("编号", "error", 300), ("议题", "warning", 3000)]);
}

/// A batch whose documents all lack data (nothing is typeset, so a build is quick), with one
/// error for checking to find.
fn quick_batch(dir: &Path) -> PathBuf {
    let batch = dir.join("batch");
    fs::create_dir_all(&batch).unwrap();
    fs::write(
        batch.join("台账.csv"),
        format!("{GOOD}LH-8,社区,莲花街道,景华社区,停车,2026-13-05\n"),
    )
    .unwrap();
    batch
}

/// `build` ends with what it exits with.
#[test]
fn build_says_the_exit_code_it_exits_with() {
    let dir = tempfile::tempdir().unwrap();
    let batch = quick_batch(dir.path());
    let out = dir.path().join("out");
    let (code, stdout, stderr) = yishi(&[
        os("build"),
        os("--no-system-fonts"),
        os("--out"),
        out.as_os_str(),
        batch.as_os_str(),
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        !stdout.contains("退出码 1") && !stderr.contains("退出码 1"),
        "{stdout}{stderr}"
    );
    let last = stderr.trim_end().lines().last().unwrap_or_default();
    assert!(
        last.starts_with("退出码 0：文书已排版；检查发现的 ")
            && last.ends_with(" 条错误不影响排版，请按上面的建议整改"),
        "{stderr}"
    );
}

/// An output folder that is a file is refused before anything is typeset; so is `init` on
/// a file.
#[test]
fn an_output_folder_that_is_a_file_is_refused_before_typesetting() {
    let dir = tempfile::tempdir().unwrap();
    let batch = quick_batch(dir.path());
    let file = dir.path().join("output");
    fs::write(&file, "not a folder").unwrap();
    let (code, _, stderr) = yishi(&[
        os("build"),
        os("--no-system-fonts"),
        os("--out"),
        file.as_os_str(),
        batch.as_os_str(),
    ]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("是一个文件，不是文件夹"), "{stderr}");
    assert!(
        !stderr.contains("文书：") && !stderr.contains("os error"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), "not a folder");
    let (code, _, stderr) = yishi(&[os("init"), file.as_os_str()]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("工作区文件夹") && stderr.contains("是一个文件，不是文件夹"),
        "{stderr}"
    );
}

/// A build into a folder another build holds waits for it, and says so.
#[test]
fn a_build_waits_for_another_build_of_the_same_output_folder() {
    use std::io::Read as _;
    let dir = tempfile::tempdir().unwrap();
    let batch = quick_batch(dir.path());
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    let held = fs::File::create(out.join(".yishi-lock")).unwrap();
    held.lock().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_yishi"))
        .args(["build", "--no-system-fonts", "--out"])
        .arg(&out)
        .arg(&batch)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert!(child.try_wait().unwrap().is_none(), "did not wait");
    assert!(!out.join("yishi-manifest.json").exists());
    drop(held);
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "{stderr}");
    assert!(
        stderr.contains("正由另一次 yishi build 使用，等它结束后再排版"),
        "{stderr}"
    );
    assert!(out.join("yishi-manifest.json").is_file());
}

/// No threads is refused; more threads than cores are capped, and that is said.
#[test]
fn jobs_of_zero_are_refused_and_too_many_are_capped() {
    let dir = tempfile::tempdir().unwrap();
    let batch = quick_batch(dir.path());
    let out = dir.path().join("out");
    let build = |jobs: &str| {
        yishi(&[
            os("build"),
            os("--no-system-fonts"),
            os("--jobs"),
            os(jobs),
            os("--out"),
            out.as_os_str(),
            batch.as_os_str(),
        ])
    };
    let (code, _, stderr) = build("0");
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("至少为 1"), "{stderr}");
    assert!(!out.exists());
    let (code, _, stderr) = build("1000");
    assert_eq!(code, Some(0), "{stderr}");
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    assert!(
        stderr.contains(&format!("线程数 1000 超过本机 CPU 核数 {cores}")),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("{cores} 线程）")), "{stderr}");
}

/// For a meeting already held, the advice is what can still be done, not to put it back.
#[test]
fn late_notice_advice_fits_a_meeting_already_held() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("台账.csv"),
        "编号,层级,街道,社区,协商形式,议题,信息公开日期,会议日期\n\
         A-1,社区,莲花街道,景华社区,居民议事会,加装电梯,2026-03-03,2026-03-05\n\
         A-2,社区,莲花街道,景华社区,居民议事会,停车管理,2026-11-21,2026-11-24\n",
    )
    .unwrap();
    let checked = run(&[dir.path().to_path_buf()]);
    let advice = |meeting: &str| {
        checked
            .diagnostics
            .iter()
            .find(|d| d.code == "SZ101" && d.meeting.as_deref() == Some(meeting))
            .and_then(|d| d.help.clone())
            .unwrap_or_else(|| panic!("no SZ101 for {meeting}"))
    };
    let held = advice("A-1");
    assert!(
        held.contains("会议已于 2026-03-05 召开，无法再顺延"),
        "{held}"
    );
    assert!(held.contains("今后至少提前 5 日公开协商信息"), "{held}");
    assert!(!held.contains("顺延至"), "{held}");
    let coming = advice("A-2");
    assert!(
        coming.contains("将会议顺延至 2026-11-26 或以后"),
        "{coming}"
    );
}
