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

fn run(paths: &[PathBuf]) -> Checked {
    batch::run(paths, &settings())
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
        } else if extension == "json" {
            // The manifest, written last, and the annual reports' figures: each written whole,
            // so a killed run leaves the previous one or none.
            let json: Result<serde_json::Value, _> =
                serde_json::from_slice(&fs::read(&path).unwrap());
            assert!(json.is_ok(), "{} does not parse: {json:?}", path.display());
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
    use yishi::load::{Loaded, guarded};
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
    loaded.add_bytes("good.csv".into(), GOOD.as_bytes());
    assert_eq!(loaded.records.len(), 1);
}
