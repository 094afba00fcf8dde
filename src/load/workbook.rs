//! Spreadsheet workbooks (.xlsx, .xls, .ods), read with calamine. Each sheet is laid out as a
//! text of its own, one line per sheet row, so every message can point into it like into a CSV
//! file and name the cell (`台账.xlsx › 2026年 › F7`); the sheet is then read as a ledger or a
//! participants list exactly as delimited text is. Workbooks are untrusted: the declared sizes
//! inside the archive, the number of cells and repeated rows are bounded before anything large is
//! unpacked or allocated.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};
use std::path::Path;
use std::sync::Arc;

use calamine::{Data, Dimensions, Ods, Reader, SheetVisible, Xls, Xlsx};

use crate::diag::Diagnostic;
use crate::guard::calm;
use crate::load::table::{RawCell, Row, Table};
use crate::load::{Loaded, SkippedFile, ledger};
use crate::rules::d001;
use crate::source::{Encoding, Hidden, Loc, Sheet, SourceFile, cell_ref, display_path};
use crate::values::Coercion;

/// Rows and columns read from one sheet: a ledger of ten years of weekly meetings is 500 rows.
const MAX_ROWS: u32 = 100_000;
const MAX_COLUMNS: u32 = 256;
/// Filled cells read from one sheet.
const MAX_CELLS: usize = 1_000_000;
/// Cells laid out for one sheet, empty ones between filled ones included: a sheet's rows are as
/// wide as its widest, so a stray cell far to the right multiplies every row.
const MAX_AREA: u64 = 2_000_000;
/// What a workbook may unpack to, in all.
const MAX_UNPACKED: u64 = 256 * 1024 * 1024;
/// A part larger than this must not be packed more than [`MAX_RATIO`] times over.
const RATIO_FROM: u64 = 16 * 1024 * 1024;
const MAX_RATIO: u64 = 100;
/// What separates cells in a sheet's text (shown in the excerpt under a message).
const SEPARATOR: &str = " │ ";

/// A container format that holds workbooks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    /// ZIP: .xlsx, .ods (and .docx, which is skipped).
    Zip,
    /// OLE compound file: .xls (and .doc, which is skipped).
    Ole,
}

/// Whether the bytes are a ZIP or OLE container, which this module reads or skips.
pub fn sniff(_path: &Path, bytes: &[u8]) -> Option<Container> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Some(Container::Zip)
    } else if bytes.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
        Some(Container::Ole)
    } else {
        None
    }
}

enum Book {
    Xlsx(Box<Xlsx<Cursor<Vec<u8>>>>),
    Xls(Box<Xls<Cursor<Vec<u8>>>>),
    Ods(Box<Ods<Cursor<Vec<u8>>>>),
}

impl Book {
    /// The sheets in workbook order, each with whether it is hidden.
    fn sheets(&self) -> Vec<(String, Option<Hidden>)> {
        let sheets = match self {
            Book::Xlsx(b) => b.sheets_metadata(),
            Book::Xls(b) => b.sheets_metadata(),
            Book::Ods(b) => b.sheets_metadata(),
        };
        sheets
            .iter()
            .map(|s| {
                let hidden = match s.visible {
                    SheetVisible::Visible => None,
                    SheetVisible::Hidden => Some(Hidden::Hidden),
                    SheetVisible::VeryHidden => Some(Hidden::VeryHidden),
                };
                (s.name.clone(), hidden)
            })
            .collect()
    }
}

/// The cells of one sheet, within the bounds.
#[derive(Default)]
struct Grid {
    cells: BTreeMap<(u32, u32), Data>,
    /// The formulas of formula cells, as written after `=`.
    formulas: BTreeMap<(u32, u32), String>,
    /// The first filled cell beyond the bounds, if any.
    cut: Option<(u32, u32)>,
    merged: Vec<Dimensions>,
    /// Rows from this one on are not laid out.
    end_row: u32,
}

impl Grid {
    /// Keeps a filled cell within the bounds; past them, notes the first one left out.
    fn put(&mut self, row: u32, column: u32, value: Data) {
        if matches!(value, Data::Empty) {
            return;
        }
        if row >= MAX_ROWS || column >= MAX_COLUMNS || self.cells.len() >= MAX_CELLS {
            self.cut.get_or_insert((row, column));
        } else {
            self.cells.insert((row, column), value);
        }
    }

    /// The used cells of a sheet read whole (.xls, .ods), at their place in the sheet.
    fn put_range(&mut self, range: &calamine::Range<Data>) {
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (row, column, value) in range.used_cells() {
            self.put(r0 + row as u32, c0 + column as u32, value.clone());
        }
    }

    /// Keeps a cell's formula, within the bounds (a formula past them belongs to a cell left out).
    fn put_formula(&mut self, row: u32, column: u32, formula: &str) {
        let formula = formula.trim().trim_start_matches('=');
        if !formula.is_empty()
            && row < MAX_ROWS
            && column < MAX_COLUMNS
            && self.formulas.len() < MAX_CELLS
        {
            self.formulas.insert((row, column), formula.to_string());
        }
    }

    /// The formulas of a sheet read whole (.xls, .ods).
    fn put_formulas(&mut self, range: &calamine::Range<String>) {
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (row, column, formula) in range.used_cells() {
            self.put_formula(r0 + row as u32, c0 + column as u32, formula);
        }
    }
}

/// Reads every sheet of a workbook: each with a ledger's or a participants list's header is read
/// as one, the others are listed as passed over; a workbook that cannot be opened is a D001.
pub fn load(path: &Path, bytes: &[u8], container: Container, batch: &mut Loaded) {
    let Some(mut book) = open(path, bytes, container, batch) else {
        return;
    };
    let name = display_path(path);
    let sheets = book.sheets();
    let (read_before, skipped_before) = (batch.read.len(), batch.skipped.len());
    let mut passed = Vec::new();
    for (sheet, hidden) in &sheets {
        let place = Sheet {
            workbook: name.clone(),
            name: sheet.clone(),
            hidden: *hidden,
            cells: Vec::new(),
        };
        if let Err(reason) = read_sheet(path, &mut book, place, batch) {
            passed.push((sheet.clone(), *hidden, reason));
        }
    }
    if batch.read.len() > read_before {
        for (sheet, hidden, reason) in passed {
            batch.skipped.push(SkippedFile {
                path: name.clone(),
                file: path.to_path_buf(),
                sheet: Some(sheet),
                hidden,
                reason,
            });
        }
    } else if batch.skipped.len() == skipped_before {
        let list: Vec<&str> = sheets.iter().map(|(s, _)| s.as_str()).collect();
        batch.skip(
            path,
            format!(
                "工作簿中没有一张工作表有台账或参会人员名单的表头（工作表：{}）",
                list.join("、")
            ),
        );
    }
}

/// The workbook opened by calamine; `None` when it cannot be (listed as skipped, with a D001 when
/// it is a damaged workbook rather than another kind of document).
fn open(path: &Path, bytes: &[u8], container: Container, batch: &mut Loaded) -> Option<Book> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    // calamine panics on some malformed workbooks (a sector table pointing past the file): that
    // is damage in the file, reported as such, not a bug here.
    let book = calm(|| match container {
        Container::Zip => open_zip(bytes, &ext),
        Container::Ole => open_xls(bytes, &ext),
    })
    .unwrap_or_else(|e| {
        Err(Opened::Broken(format!(
            "工作簿的内部结构已损坏，无法读取（{e}）"
        )))
    });
    match book {
        Ok(b) => Some(b),
        Err(Opened::Skip(reason)) => {
            batch.skip(path, reason.to_string());
            None
        }
        Err(Opened::Broken(message)) => {
            let file = SourceFile::new(path.to_path_buf(), "", Encoding::Spreadsheet);
            batch.diagnostics.push(
                Diagnostic::new(&d001::META, format!("{}：{message}", d001::META.title))
                    .at(Some(&Loc::new(&file, 0..0)))
                    .label("无法打开")
                    .help("用 Excel 或 WPS 打开确认文件完好（文件可能没有传完整），修复后另存一份"),
            );
            batch.skip(path, "工作簿无法打开（见 D001）".to_string());
            None
        }
    }
}

fn open_xls(bytes: &[u8], ext: &str) -> Result<Book, Opened> {
    match xls_bomb(bytes).map_or_else(
        || <Xls<_> as Reader<_>>::new(Cursor::new(bytes.to_vec())),
        Err,
    ) {
        Err(calamine::XlsError::Io(e)) if e.kind() == std::io::ErrorKind::OutOfMemory => {
            Err(Opened::Broken(format!("{e}")))
        }
        Ok(x) => Ok(Book::Xls(Box::new(x))),
        Err(_) if ext != "xls" => Err(Opened::Skip(
            "旧版 Office 文档（.doc/.ppt 等），不是记录文件",
        )),
        Err(e) => Err(Opened::Broken(format!(
            "无法作为 Excel 97-2003 工作簿（.xls）读取：{e}"
        ))),
    }
}

/// Reads one sheet as a ledger or participants list; `Err` with the reason it was passed over.
fn read_sheet(
    path: &Path,
    book: &mut Book,
    place: Sheet,
    batch: &mut Loaded,
) -> Result<(), String> {
    let sheet = place.name.clone();
    let grid = match calm(|| read_grid(book, &sheet)).and_then(std::convert::identity) {
        Ok(g) => g,
        Err(e) => {
            let file = SourceFile::sheet(path.to_path_buf(), "", place);
            batch.diagnostics.push(
                Diagnostic::new(
                    &d001::META,
                    format!("{}：工作表「{sheet}」无法读取：{e}", d001::META.title),
                )
                .at(Some(&Loc::new(&file, 0..0)))
                .label("无法读取")
                .help("用 Excel 或 WPS 打开这张工作表检查，修复后另存一份"),
            );
            return Err("无法读取（见 D001）".to_string());
        }
    };
    if grid.cells.is_empty() && grid.formulas.is_empty() {
        return Err("空工作表".to_string());
    }
    let mut grid = grid;
    bound_area(&mut grid);
    let (file, table) = lay_out(path, place, &grid, batch);
    if let Some((row, column)) = grid.cut {
        batch.diagnostics.push(
            Diagnostic::new(
                &d001::META,
                format!(
                    "{}：工作表在 {} 处还有内容，超出可读范围（前 {MAX_ROWS} 行、{MAX_COLUMNS} 列、{MAX_CELLS} 个有内容的单元格，行数乘列数不超过 {MAX_AREA}），超出部分未读入",
                    d001::META.title,
                    cell_ref(row, column)
                ),
            )
            .at(Some(&Loc::new(&file, 0..0)))
            .label("这张工作表")
            .fact("cell", cell_ref(row, column))
            .help("删除表格右侧或下方多余的内容（Ctrl+End 可跳到最后一个单元格），或把数据分成几张工作表"),
        );
    }
    if ledger::load_table(&file, table, batch) {
        Ok(())
    } else {
        Err("没有台账或参会人员名单的表头（在前 10 行中）".to_string())
    }
}

enum Opened {
    /// Not a workbook: listed as skipped with this reason.
    Skip(&'static str),
    /// A workbook that cannot be read: D001.
    Broken(String),
}

fn open_zip(bytes: &[u8], ext: &str) -> Result<Book, Opened> {
    let spreadsheet_ext = matches!(ext, "xlsx" | "xlsm" | "ods");
    let mut zip = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(z) => z,
        Err(e) if spreadsheet_ext => {
            return Err(Opened::Broken(format!(
                "无法作为工作簿打开，文件可能不完整或已损坏（{e}）"
            )));
        }
        Err(_) => return Err(Opened::Skip("ZIP 压缩包（无法打开），不是记录文件")),
    };
    let mut unpacked: u64 = 0;
    let mut names = BTreeSet::new();
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| Opened::Broken(format!("无法作为工作簿打开，压缩包目录已损坏（{e}）")))?;
        let (size, packed) = (entry.size(), entry.compressed_size().max(1));
        unpacked = unpacked.saturating_add(size);
        if unpacked > MAX_UNPACKED || (size > RATIO_FROM && size / packed > MAX_RATIO) {
            return Err(Opened::Broken(format!(
                "解压后超过 {} MB（文件本身 {} KB），疑似压缩炸弹，未读入",
                unpacked / (1024 * 1024),
                bytes.len() / 1024
            )));
        }
        if let Ok(n) = entry.name() {
            names.insert(n.to_string());
        }
    }
    let cursor = || Cursor::new(bytes.to_vec());
    if names.contains("xl/workbook.xml") {
        <Xlsx<_> as Reader<_>>::new(cursor())
            .map(|x| Book::Xlsx(Box::new(x)))
            .map_err(|e| Opened::Broken(format!("无法作为 Excel 工作簿（.xlsx）读取：{e}")))
    } else if names.contains("content.xml") && !names.iter().any(|n| n.starts_with("word/")) {
        ods_bomb(&mut zip)?;
        <Ods<_> as Reader<_>>::new(cursor())
            .map(|x| Book::Ods(Box::new(x)))
            .map_err(|e| Opened::Broken(format!("无法作为 ODS 工作簿读取：{e}")))
    } else if names.contains("word/document.xml") {
        Err(Opened::Skip(
            "Word 文档（.docx），不是记录文件；会议记录请存为 Markdown（.md）",
        ))
    } else if spreadsheet_ext {
        Err(Opened::Broken(
            "压缩包中没有工作簿的内容（xl/workbook.xml 或 content.xml），文件可能已损坏"
                .to_string(),
        ))
    } else {
        Err(Opened::Skip("ZIP 压缩包或其他 Office 文档，不是记录文件"))
    }
}

/// Cells an .xls sheet may span (its rectangle, empty cells included), which calamine allocates
/// whole when it opens the workbook: 4 million cells is 50 000 rows of 80 columns.
const MAX_XLS_AREA: u64 = 4_000_000;

/// An .xls sheet with cells far apart (A1 and IV65536) would make calamine allocate the whole
/// rectangle between them. Its cell records are scanned first, from where each sheet begins (as
/// the workbook's sheet list says, which is where calamine starts reading too) to the end.
fn xls_bomb(bytes: &[u8]) -> Option<calamine::XlsError> {
    // A container the strict reader refuses is damaged; calamine's laxer reading of it is not
    // trusted with the allocation.
    let damaged = |e: std::io::Error| {
        Some(calamine::XlsError::Io(std::io::Error::new(
            std::io::ErrorKind::OutOfMemory,
            format!("文件结构已损坏（{e}）"),
        )))
    };
    let mut file = match cfb::CompoundFile::open(Cursor::new(bytes)) {
        Ok(f) => f,
        Err(e) => return damaged(e),
    };
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n))?;
    let mut stream = Vec::new();
    if let Err(e) = file
        .open_stream(name)
        .and_then(|mut s| s.read_to_end(&mut stream))
    {
        return damaged(e);
    }
    let stream = stream.as_slice();
    let records = |from: usize| {
        let mut at = from;
        std::iter::from_fn(move || {
            let head = stream.get(at..at + 4)?;
            let kind = u16::from_le_bytes([head[0], head[1]]);
            let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
            let data = stream.get(at + 4..at + 4 + len)?;
            at += 4 + len;
            Some((kind, data))
        })
    };
    let starts: BTreeSet<usize> = records(0)
        .filter(|(kind, data)| *kind == 0x0085 && data.len() >= 4)
        .map(|(_, d)| u32::from_le_bytes([d[0], d[1], d[2], d[3]]) as usize)
        .take(256)
        .collect();
    for start in starts {
        let mut bounds = None::<(u16, u16, u16, u16)>;
        for (kind, data) in records(start) {
            let word = |i: usize| data.get(i..i + 2).map(|w| u16::from_le_bytes([w[0], w[1]]));
            // The declared dimensions, which calamine reserves room for, read as it reads them.
            if kind == 0x0200 {
                if let Some(area) = declared_area(data)
                    && area > MAX_XLS_AREA
                {
                    return Some(too_large(area));
                }
                continue;
            }
            // Cell records: row, then column; the two "multiple" records end with the last
            // column.
            if !matches!(
                kind,
                0x00fd
                    | 0x0203
                    | 0x027e
                    | 0x0201
                    | 0x0205
                    | 0x0006
                    | 0x0204
                    | 0x00d6
                    | 0x00bd
                    | 0x00be
            ) {
                continue;
            }
            let (Some(row), Some(first)) = (word(0), word(2)) else {
                continue;
            };
            let last = if matches!(kind, 0x00bd | 0x00be) {
                data.len().checked_sub(2).and_then(word).unwrap_or(first)
            } else {
                first
            };
            let (c0, c1) = (first.min(last), first.max(last));
            bounds = Some(match bounds {
                None => (row, row, c0, c1),
                Some((r0, r1, a, b)) => (r0.min(row), r1.max(row), a.min(c0), b.max(c1)),
            });
        }
        let Some((r0, r1, c0, c1)) = bounds else {
            continue;
        };
        let area = (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1);
        if area > MAX_XLS_AREA {
            return Some(too_large(area));
        }
    }
    None
}

fn too_large(area: u64) -> calamine::XlsError {
    calamine::XlsError::Io(std::io::Error::new(
        std::io::ErrorKind::OutOfMemory,
        format!(
            "工作表的单元格分布在 {area} 个格子的范围内，远超可读范围（{MAX_XLS_AREA} 个），疑似恶意文件，未读入"
        ),
    ))
}

/// The number of cells a DIMENSIONS record declares, counted as calamine counts them (a range
/// that ends before it starts wraps around to a huge one).
fn declared_area(data: &[u8]) -> Option<u64> {
    let u16_at = |i: usize| {
        data.get(i..i + 2)
            .map(|w| u32::from(u16::from_le_bytes([w[0], w[1]])))
    };
    let u32_at = |i: usize| {
        data.get(i..i + 4)
            .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
    };
    let (rf, rl, mut cf, cl) = match data.len() {
        10 => (u16_at(0)?, u16_at(2)?, u16_at(4)?, u16_at(6)?),
        14 | 16 => (u32_at(0)?, u32_at(4)?, u16_at(8)?, u16_at(10)?),
        _ => return None,
    };
    if cf > 0xff || cl < cf {
        cf = 0;
    }
    let (end_row, end_col) = if rl >= 1 && cl >= 1 {
        (rl - 1, cl - 1)
    } else {
        (rf, cf)
    };
    let rows = u64::from(end_row.wrapping_sub(rf)) + 1;
    let cols = u64::from(end_col.wrapping_sub(cf)) + 1;
    Some(rows * cols)
}

/// An ODS sheet says "this filled cell, repeated N times" in one tag; calamine expands that in
/// memory, so a filled cell repeated far past the bounds is refused before it is.
fn ods_bomb(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<(), Opened> {
    let mut content = String::new();
    if let Ok(mut entry) = zip.by_name("content.xml") {
        // Sizes were bounded above; a part that is not text is left to calamine to refuse.
        let _ = entry.read_to_string(&mut content);
    }
    let repeated = |attr: &str, limit: u64, scope_end: &str| {
        let mut at = 0;
        while let Some(i) = content[at..].find(attr) {
            let start = at + i + attr.len();
            at = start;
            let n: u64 = content[start..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .unwrap_or(0);
            if n <= limit {
                continue;
            }
            let end = content[start..]
                .find(scope_end)
                .map_or(content.len(), |e| start + e);
            if content[start..end].contains("office:value-type") {
                return true;
            }
        }
        false
    };
    let cells = repeated(
        "table:number-columns-repeated=\"",
        u64::from(MAX_COLUMNS),
        ">",
    );
    let rows = repeated(
        "table:number-rows-repeated=\"",
        u64::from(MAX_ROWS),
        "</table:table-row>",
    );
    if cells || rows {
        return Err(Opened::Broken(
            "工作表声明了远超可读范围的重复单元格（疑似恶意文件），未读入".to_string(),
        ));
    }
    Ok(())
}

fn read_grid(book: &mut Book, sheet: &str) -> Result<Grid, String> {
    let mut grid = Grid::default();
    match book {
        Book::Xlsx(x) => {
            // Streamed cell by cell: a sheet with two cells at opposite corners is two cells here,
            // not the billions a rectangle would hold.
            {
                let mut reader = x.worksheet_cells_reader(sheet).map_err(|e| e.to_string())?;
                while let Some(cell) = reader.next_cell_with_formula().map_err(|e| e.to_string())? {
                    let (row, column) = cell.pos;
                    if let Some(formula) = &cell.formula {
                        grid.put_formula(row, column, formula);
                    }
                    grid.put(row, column, Data::from(cell.value));
                }
            }
            grid.merged = x.merge_cells_by_sheet_name(sheet).unwrap_or_default();
        }
        Book::Xls(x) => {
            let range = x.worksheet_range(sheet).map_err(|e| e.to_string())?;
            grid.put_range(&range);
            if let Ok(formulas) = x.worksheet_formula(sheet) {
                grid.put_formulas(&formulas);
            }
            grid.merged = x.merge_cells_by_sheet_name(sheet).unwrap_or_default();
        }
        Book::Ods(x) => {
            let range = x.worksheet_range(sheet).map_err(|e| e.to_string())?;
            grid.put_range(&range);
            if let Ok(formulas) = x.worksheet_formula(sheet) {
                grid.put_formulas(&formulas);
            }
        }
    }
    Ok(grid)
}

/// Keeps the rows that fit in [`MAX_AREA`] at the sheet's width; the first cell left out is
/// reported like any other beyond the bounds.
fn bound_area(grid: &mut Grid) {
    let width = grid.cells.keys().map(|&(_, c)| c).max().unwrap_or(0) + 1;
    let end_row = (MAX_AREA / u64::from(width)).min(u64::from(MAX_ROWS)) as u32;
    grid.end_row = end_row;
    if let Some((&first, _)) = grid.cells.range((end_row, 0)..).next() {
        grid.cut = Some(grid.cut.map_or(first, |c| c.min(first)));
        let _ = grid.cells.split_off(&(end_row, 0));
    }
    let _ = grid.formulas.split_off(&(end_row, 0));
    let width = width.min(MAX_COLUMNS);
    grid.formulas.retain(|&(_, c), _| c < width);
}

/// A cell's value as the text a clerk sees in it (and Excel writes when saving as CSV).
fn cell_text(value: &Data) -> String {
    match value {
        Data::Empty => String::new(),
        Data::String(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{f:.0}")
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if dt.is_datetime() => {
                if t.time() == chrono::NaiveTime::MIN {
                    t.format("%Y-%m-%d").to_string()
                } else {
                    t.format("%Y-%m-%d %H:%M").to_string()
                }
            }
            _ => dt.as_f64().to_string(),
        },
        Data::DateTimeIso(s) => {
            let s = s.strip_suffix("T00:00:00").unwrap_or(s);
            s.replace('T', " ")
        }
        Data::Error(e) => e.to_string(),
    }
}

/// The text each cell shows, by row and column, and the cells that show a merged cell's value.
type Shown = (BTreeMap<(u32, u32), String>, BTreeSet<(u32, u32)>);

/// The text each cell shows: its value, merged cells spanning rows carrying theirs into every
/// row they cover (those are returned too), and a formula with no saved value shown as written.
fn shown_values(grid: &Grid) -> Shown {
    let mut values: BTreeMap<(u32, u32), String> = grid
        .cells
        .iter()
        .map(|(&at, v)| (at, cell_text(v)))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let mut carried = BTreeSet::new();
    // Merged cells are carried down within the sheet's width, never past it.
    let width = grid.cells.keys().map(|&(_, c)| c).max().unwrap_or(0) + 1;
    for m in &grid.merged {
        if m.start.0 >= m.end.0 || m.end.0 >= grid.end_row || m.end.1 >= width {
            continue;
        }
        let Some(top) = values.get(&m.start).cloned() else {
            continue;
        };
        for row in m.start.0..=m.end.0 {
            for column in m.start.1..=m.end.1 {
                if carried.len() >= MAX_CELLS {
                    break;
                }
                if (row, column) != m.start && !values.contains_key(&(row, column)) {
                    values.insert((row, column), top.clone());
                    carried.insert((row, column));
                }
            }
        }
    }
    for (&at, formula) in &grid.formulas {
        values.entry(at).or_insert_with(|| format!("={formula}"));
    }
    (values, carried)
}

/// The sheet as text (one line per row, line 1 is row 1) and as a table of cells whose spans
/// point into it.
fn lay_out(path: &Path, place: Sheet, grid: &Grid, batch: &mut Loaded) -> (Arc<SourceFile>, Table) {
    let (values, carried) = shown_values(grid);
    let last_row = values.keys().map(|&(r, _)| r).max().unwrap_or(0);
    let width = values.keys().map(|&(_, c)| c).max().unwrap_or(0) + 1;
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut cells = Vec::new();
    let mut row_cells: Vec<Vec<(String, std::ops::Range<usize>)>> = Vec::new();
    for row in 0..=last_row {
        let mut this = Vec::with_capacity(width as usize);
        for column in 0..width {
            if column > 0 {
                text.push_str(SEPARATOR);
            }
            let value = values.get(&(row, column)).map_or("", String::as_str);
            let start = text.len();
            cells.push((start, row, column));
            // A line of the text is one row: breaks inside a cell are shown as spaces.
            text.extend(value.chars().map(|c| if c.is_control() { ' ' } else { c }));
            this.push((value.to_string(), start..text.len()));
        }
        spans.push(text.len());
        text.push('\n');
        row_cells.push(this);
    }
    let file = SourceFile::sheet(path.to_path_buf(), text, Sheet { cells, ..place });
    let mut rows = Vec::with_capacity(row_cells.len());
    let mut line_start = 0;
    for (row, (this, line_end)) in row_cells.into_iter().zip(spans).enumerate() {
        let cells = this
            .into_iter()
            .enumerate()
            .map(|(column, (value, span))| {
                let at = (row as u32, column as u32);
                if carried.contains(&at) {
                    batch.note(
                        Coercion::MergedCell,
                        &Loc::new(&file, span.clone()),
                        "",
                        &value,
                        "",
                    );
                }
                let formula = grid.formulas.get(&at).cloned();
                // A formula with no saved value (or an empty one) has no text: what is shown is
                // the formula.
                let saved = carried.contains(&at)
                    || grid
                        .cells
                        .get(&at)
                        .is_some_and(|v| !cell_text(v).is_empty());
                let value = if formula.is_some() && !saved {
                    ""
                } else {
                    value.as_str()
                };
                let trimmed = value.trim();
                RawCell {
                    spaced: trimmed.len() != value.len(),
                    text: trimmed.to_string(),
                    span,
                    formula,
                }
            })
            .collect();
        rows.push(Row {
            span: line_start..line_end,
            cells,
        });
        line_start = line_end + 1;
    }
    let mut rows = rows.into_iter().skip_while(Row::is_blank);
    let header = rows.next().unwrap_or(Row {
        span: 0..0,
        cells: Vec::new(),
    });
    let table = Table {
        header,
        rows: rows.collect(),
        malformed: Vec::new(),
    };
    (file, table)
}

/// One sheet of a workbook read as cell texts, for reading back a workbook yishi wrote and a
/// clerk filled in (the 整改清单): the same container checks, bounds and cell texts as records.
#[derive(Debug, Default)]
pub struct SheetText {
    pub name: String,
    /// Filled cells by 0-based row and column, as the clerk sees them.
    pub cells: BTreeMap<(u32, u32), String>,
    /// The first filled cell beyond the bounds, if the sheet had more than was read.
    pub cut: Option<(u32, u32)>,
}

impl SheetText {
    pub fn get(&self, row: u32, column: u32) -> Option<&str> {
        self.cells
            .get(&(row, column))
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
    }

    /// The last row with a filled cell (0-based), if any.
    pub fn last_row(&self) -> Option<u32> {
        self.cells.keys().map(|&(r, _)| r).max()
    }
}

/// Reads every sheet of the workbook `bytes` (an .xlsx, .xls or .ods named `path`), in order;
/// a file that is not a workbook or cannot be opened is an error saying why, in words for the
/// person who gave it.
pub fn sheets(path: &Path, bytes: &[u8]) -> Result<Vec<SheetText>, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let container = sniff(path, bytes).ok_or_else(|| {
        "不是 Excel 或 WPS 工作簿（.xlsx、.xls、.ods），文件可能不完整或已损坏".to_string()
    })?;
    let opened = calm(|| match container {
        // The checks of `open_zip` apply whatever the name ends in: the file was named as a
        // workbook by the person who gave it.
        Container::Zip => open_zip(bytes, if ext.is_empty() { "xlsx" } else { &ext }),
        Container::Ole => match xls_bomb(bytes) {
            Some(calamine::XlsError::Io(e)) => Err(Opened::Broken(e.to_string())),
            Some(e) => Err(Opened::Broken(e.to_string())),
            None => <Xls<_> as Reader<_>>::new(Cursor::new(bytes.to_vec()))
                .map(|x| Book::Xls(Box::new(x)))
                .map_err(|e| {
                    Opened::Broken(format!("无法作为 Excel 97-2003 工作簿（.xls）读取：{e}"))
                }),
        },
    })
    .map_err(|e| format!("工作簿的内部结构已损坏，无法读取（{e}）"))?;
    let mut book = match opened {
        Ok(book) => book,
        Err(Opened::Skip(reason)) => return Err(reason.to_string()),
        Err(Opened::Broken(message)) => return Err(message),
    };
    let names = match &book {
        Book::Xlsx(b) => b.sheet_names(),
        Book::Xls(b) => b.sheet_names(),
        Book::Ods(b) => b.sheet_names(),
    };
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let mut grid = calm(|| read_grid(&mut book, &name))
            .and_then(std::convert::identity)
            .map_err(|e| format!("工作表「{name}」无法读取：{e}"))?;
        bound_area(&mut grid);
        let cells = grid
            .cells
            .iter()
            .map(|(&at, v)| (at, cell_text(v)))
            .filter(|(_, t)| !t.trim().is_empty())
            .collect();
        out.push(SheetText {
            name,
            cells,
            cut: grid.cut,
        });
    }
    Ok(out)
}
