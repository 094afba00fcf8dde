//! The first pass over a batch ([`Loaded::meetings_only`]): a ledger's meetings, their codes,
//! dates and places, read from its rows without copying its other columns; a participants list
//! known by its header and read no further. The records are the full read's in those fields,
//! rows taken and turned away alike; only the messages about the file are not all made.

use std::ops::ControlFlow;
use std::sync::Arc;

use super::{
    HEADER_WITHIN, MAX_CELL_CHARS, PLACES_A_MEETING, TableKind, build_record, check_cell_length,
    check_nul, check_width, is_totals_text, ledger_header, recognize, row_place,
};
use crate::fields::Field;
use crate::load::table::{self, RawCell, Row};
use crate::load::{FileKind, Loaded};
use crate::model::Origin;
use crate::source::{Loc, SourceFile};

/// [`super::load`] of the meetings alone: false when the file has no header of either kind.
pub(super) fn load(file: &Arc<SourceFile>, batch: &mut Loaded) -> bool {
    let mut kind = None;
    let mut looked = 0;
    let mut header: Option<(Row, Vec<Option<Field>>)> = None;
    let (mut records, mut rejected, mut blank, mut totals) = (0, 0, 0, 0);
    table::scan(file, &mut |scanned| {
        let Some((header, columns)) = &header else {
            if scanned.is_blank() {
                return ControlFlow::Continue(());
            }
            if looked == HEADER_WITHIN {
                return ControlFlow::Break(());
            }
            looked += 1;
            let row = scanned.row();
            kind = recognize(&row);
            return match kind {
                Some(TableKind::Participants) => ControlFlow::Break(()),
                Some(TableKind::Ledger) => {
                    let columns = ledger_header(file, &row, batch);
                    header = Some((row, columns));
                    ControlFlow::Continue(())
                }
                None => ControlFlow::Continue(()),
            };
        };
        if scanned.is_blank() {
            blank += 1;
            return ControlFlow::Continue(());
        }
        if is_totals_text(scanned.first_filled()) {
            totals += 1;
            return ControlFlow::Continue(());
        }
        records += 1;
        let (places, _) = scanned.places();
        // A row the full read turns away, or may: read whole and judged as it judges.
        let suspect = scanned.len() != header.cells.len()
            || file.text[places.record.clone()].contains(crate::load::NUL_SHOWN)
            || (0..scanned.len()).any(|j| scanned.raw_len(j) > MAX_CELL_CHARS);
        let row = if suspect {
            scanned.row()
        } else {
            Row {
                span: places.record.clone(),
                cells: Vec::new(),
            }
        };
        let caught = crate::guard::guarded(&row_place(file, &row), "这一行", batch, |batch| {
            let taken = !suspect
                || check_nul(file, &row, batch)
                    && check_cell_length(file, &row, batch)
                    && check_width(file, header, &row, batch);
            if taken {
                // The cells that place a meeting: all `build_record` reads of a row here.
                let cells: Vec<(Field, RawCell)> = columns
                    .iter()
                    .enumerate()
                    .filter_map(|(j, f)| f.filter(|f| PLACES_A_MEETING.contains(f)).map(|f| (j, f)))
                    .map(|(j, f)| (f, scanned.cell(j, places.fields[j].clone())))
                    .collect();
                let cells = cells.iter().map(|(f, c)| (*f, c));
                let loc = Loc::new(file, row.span.clone());
                let record = build_record(file, Origin::Ledger, loc, cells, batch);
                batch.records.push(record);
            }
            taken
        });
        if !caught.unwrap_or(false) {
            rejected += 1;
        }
        ControlFlow::Continue(())
    });
    match kind {
        None => false,
        Some(TableKind::Participants) => true,
        Some(TableKind::Ledger) => {
            let entry = batch.read_file(file, FileKind::Ledger);
            entry.records = records;
            entry.rejected = rejected;
            entry.blank_rows = blank;
            entry.totals_rows = totals;
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::source::Encoding;

    /// What a pass over the meetings keeps of a file: whether it was read, its entry, and each
    /// record's code, place and fields with their places.
    fn kept(read: bool, loaded: &Loaded) -> String {
        let records: Vec<String> = loaded
            .records
            .iter()
            .map(|r| {
                let fields: Vec<String> = r
                    .fields
                    .iter()
                    .map(|(f, c)| format!("{f:?}={:?}@{:?}", c.value, c.loc.span))
                    .collect();
                let invalid: Vec<String> = r
                    .invalid
                    .iter()
                    .map(|(f, l)| format!("{f:?}@{:?}", l.span))
                    .collect();
                let empty: Vec<String> = r
                    .empty
                    .iter()
                    .map(|(f, l)| format!("{f:?}@{:?}", l.span))
                    .collect();
                format!(
                    "{} {:?} {fields:?} {invalid:?} {empty:?}",
                    r.code, r.loc.span
                )
            })
            .collect();
        format!("{read} {:?} {records:#?}", loaded.read)
    }

    /// The file read for its meetings both ways: scanned, and read whole into a table.
    fn both_ways(text: &str) -> (String, String) {
        let file = SourceFile::new("批次/台账.csv".into(), text, Encoding::Utf8);
        let mut scanned = Loaded {
            meetings_only: true,
            ..Loaded::default()
        };
        let read = load(&file, &mut scanned);
        let mut whole = Loaded {
            meetings_only: true,
            ..Loaded::default()
        };
        let read_whole =
            table::read(&file).is_some_and(|t| super::super::load_table(&file, t, &mut whole));
        (kept(read, &scanned), kept(read_whole, &whole))
    }

    #[test]
    fn the_meetings_are_the_whole_reads() {
        let texts = [
            "编号,层级,街道,社区,协商形式,会议日期,议题\nS-1,社区,莲花街道,彩田社区,居民议事会,2026-01-09,停车\n",
            "台账（2026年）\r\n\r\n编号,层级,会议日期,备注\r\n S-1 ,社区,2026年1月9日,\"a,b\"\r\n,,,\r\n合计,3,,\r\nS-2,村,2026/13/01\r\nS-3,街道,2026-02-30,x,多一栏\r\n",
            "编号;层级;会议日期\nS-1;社区;2026-01-09\n\"S-2\";\"社区\";\"2026-01-10\n",
            "编号\t层级\t会议日期\t前次会议编号\nS-1\t社区\t2026-01-09\tS-0\n",
            "编号,姓名,身份\nS-1,张三,居民代表\n",
            "序号,名称\n1,2\n",
            "",
            "\n\n  \n",
            "编号,编号,层级,会议日期\nS-1,S-9,社区,2026-01-09\nS-2,S-8,社区,2026-01-10\u{2400}\n",
            "编号,层级,会议日期,议题\nS-1,社区,2026-01-09,\"他说\"\"好\"\"\"\nS-2,社区,,\n",
        ];
        for text in texts {
            let (scanned, whole) = both_ways(text);
            assert_eq!(scanned, whole, "{text:?}");
        }
        let long = format!(
            "编号,层级,会议日期,议题\nS-1,社区,2026-01-09,{}\nS-2,社区,2026-01-10,短\n",
            "长".repeat(MAX_CELL_CHARS + 1)
        );
        let (scanned, whole) = both_ways(&long);
        assert_eq!(scanned, whole);
        assert!(scanned.contains("S-2") && !scanned.contains("\"S-1"));
    }

    /// A line of a ledger as people and programs write them.
    fn line() -> impl Strategy<Value = String> {
        let cell = prop_oneof![
            Just(String::new()),
            Just(" ".to_string()),
            Just("\u{3000}".to_string()),
            Just("S-1".to_string()),
            Just(" S-2 ".to_string()),
            Just("S-1".to_string()),
            Just("2026-01-09".to_string()),
            Just("2026年1月9日".to_string()),
            Just("2026-02-30".to_string()),
            Just("社区".to_string()),
            Just("街道".to_string()),
            Just("村级".to_string()),
            Just("居民议事会".to_string()),
            Just("莲花街道".to_string()),
            Just("合计".to_string()),
            Just("总 计".to_string()),
            Just("编号".to_string()),
            Just("姓名".to_string()),
            Just("会议日期".to_string()),
            Just("层级".to_string()),
            Just("前次会议编号".to_string()),
            Just("\"a,b\"".to_string()),
            Just("\"q\"\"x\"".to_string()),
            Just("\"open".to_string()),
            Just("x\"y".to_string()),
            Just("\u{2400}".to_string()),
            Just("\"two\nlines\"".to_string()),
        ];
        (
            proptest::collection::vec(cell, 0..7),
            prop_oneof![Just(","), Just(","), Just(";"), Just("\t")],
            prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
        )
            .prop_map(|(cells, delimiter, end)| cells.join(delimiter) + end)
    }

    proptest! {
        #[test]
        fn any_table_gives_the_whole_reads_meetings(
            header in prop_oneof![
                Just("编号,层级,街道,社区,协商形式,会议日期,前次会议编号\n".to_string()),
                Just("编号,层级,会议日期\r\n".to_string()),
                Just("编号,姓名,身份\n".to_string()),
                Just(String::new()),
            ],
            lines in proptest::collection::vec(line(), 0..14),
        ) {
            let text = header + &lines.concat();
            let (scanned, whole) = both_ways(&text);
            prop_assert_eq!(scanned, whole, "{:?}", text);
        }
    }
}
