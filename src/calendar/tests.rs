use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn cal() -> &'static Calendar {
    Calendar::official()
}

#[test]
fn known_working_days_of_2026_and_2016() {
    for day in [
        "2026-01-04",
        "2026-02-14",
        "2026-02-28",
        "2026-05-09",
        "2026-09-20",
        "2026-10-10",
        "2016-10-09",
        "2016-12-30",
        "2015-09-06",
    ] {
        assert_eq!(cal().is_working_day(d(day)), Ok(true), "{day}");
    }
    assert_eq!(
        cal().day_kind(d("2026-02-14")),
        Ok(DayKind::AdjustedWorkday)
    );
    assert_eq!(cal().day_kind(d("2016-12-30")), Ok(DayKind::Workday));
    assert_eq!(cal().day_kind(d("2026-03-07")), Ok(DayKind::Weekend));
}

#[test]
fn known_days_off() {
    for day in d("2026-02-15").iter_days().take(9) {
        assert_eq!(cal().day_kind(day), Ok(DayKind::Holiday), "{day}");
    }
    assert_eq!(cal().is_working_day(d("2026-02-24")), Ok(true));
    for day in [
        "2026-09-27",
        "2015-09-03",
        "2015-09-04",
        "2020-01-31",
        "2020-02-01",
    ] {
        assert_eq!(cal().day_kind(d(day)), Ok(DayKind::Holiday), "{day}");
    }
    assert_eq!(cal().holiday_name(d("2026-10-03")), Some("国庆节"));
    assert_eq!(
        cal().holiday_name(d("2015-09-03")),
        Some("抗日战争暨世界反法西斯战争胜利70周年纪念日")
    );
    // 2019's notice moved New Year into 2018.
    assert_eq!(cal().day_kind(d("2018-12-31")), Ok(DayKind::Holiday));
    assert_eq!(
        cal().day_kind(d("2018-12-29")),
        Ok(DayKind::AdjustedWorkday)
    );
}

#[test]
fn years_outside_the_table_are_unknown() {
    assert_eq!(
        cal().day_kind(d("2027-01-01")),
        Err(UnknownYear { year: 2027 })
    );
    assert_eq!(
        cal().day_kind(d("2014-12-31")),
        Err(UnknownYear { year: 2014 })
    );
    let message = UnknownYear { year: 2027 }.to_string();
    assert!(message.starts_with("节假日表中没有 2027 年"), "{message}");
    assert_eq!(
        cal().years().collect::<Vec<_>>(),
        (2015..=2026).collect::<Vec<_>>()
    );
    // Counting into an unknown year cannot be answered.
    assert_eq!(
        cal().nth_working_day_after(d("2026-12-28"), 5),
        Err(UnknownYear { year: 2027 })
    );
}

#[test]
fn examples_from_the_counting_notes() {
    // Meeting Wed 2026-09-30, "3日内公示": 10-03 is inside 国庆 → Thu 10-08.
    let last = crate::days::last_day_within(d("2026-09-30"), 3);
    assert_eq!(last, d("2026-10-03"));
    assert_eq!(cal().roll_forward(last), Ok(d("2026-10-08")));
    // A plain Saturday rolls to Monday; a working day stays.
    assert_eq!(cal().roll_forward(d("2026-03-07")), Ok(d("2026-03-09")));
    assert_eq!(cal().roll_forward(d("2026-02-14")), Ok(d("2026-02-14")));
    // Topic set Fri 2026-02-13, "2个工作日内": Sat 2-14 (调休上班), then Tue 2-24.
    assert_eq!(
        cal().nth_working_day_after(d("2026-02-13"), 1),
        Ok(d("2026-02-14"))
    );
    assert_eq!(
        cal().nth_working_day_after(d("2026-02-13"), 2),
        Ok(d("2026-02-24"))
    );
    assert_eq!(
        cal().nth_working_day_after(d("2026-02-13"), 0),
        Ok(d("2026-02-13"))
    );
    assert_eq!(
        cal().working_days_between(d("2026-02-13"), d("2026-02-24")),
        Ok(2)
    );
    assert_eq!(
        cal().working_days_between(d("2026-02-24"), d("2026-02-13")),
        Ok(0)
    );
}

#[test]
fn notices_carry_title_number_urls_and_amendments() {
    let n2026 = cal().notice(2026).unwrap();
    assert_eq!(n2026.title, "国务院办公厅关于2026年部分节假日安排的通知");
    assert_eq!(n2026.number.as_deref(), Some("国办发明电〔2025〕7号"));
    assert_eq!(n2026.issued, Some(d("2025-11-04")));
    assert!(n2026.urls[0].contains("gov.cn"));
    for (year, number) in [
        (2015, "国发明电〔2015〕1号"),
        (2019, "国办发明电〔2019〕3号"),
        (2020, "国办发明电〔2020〕1号"),
    ] {
        let notice = cal().notice(year).unwrap();
        assert_eq!(notice.amendments.len(), 1, "{year}");
        assert_eq!(notice.amendments[0].number.as_deref(), Some(number));
    }
    assert!(cal().notice(2027).is_none());
}

/// The rules of the table itself, so a new year typed in by hand cannot slip.
#[test]
fn the_table_is_consistent() {
    for year in cal().years() {
        let notice = cal().notice(year).unwrap();
        assert!(notice.title.contains(&format!("{year}年")), "{year}");
        assert!(notice.number.is_some(), "{year}");
        assert!(!notice.urls.is_empty(), "{year}");
        let mut kinds: BTreeMap<NaiveDate, bool> = BTreeMap::new();
        for h in &notice.holidays {
            assert!(!h.off.is_empty(), "{year} {}", h.name);
            let (first, last) = (h.off[0], *h.off.last().unwrap());
            assert!(h.off.windows(2).all(|w| w[0] < w[1]), "{year} {}", h.name);
            for &day in &h.off {
                assert!(
                    day.year() == year || (day.year() == year - 1 && day.month() == 12),
                    "{day} outside {year}"
                );
                assert_ne!(kinds.insert(day, true), Some(false), "{day} both");
                // A listed weekend day off lies inside a block that has weekdays off, or is the
                // festival itself with no day in lieu (2015 中秋节: "9月27日放假", a Sunday).
                if is_weekend(day) {
                    assert!(
                        h.off.len() == 1
                            || (first <= day
                                && day <= last
                                && h.off.iter().any(|&o| !is_weekend(o))),
                        "{day} ({}) is a weekend outside a holiday block",
                        h.name
                    );
                }
            }
            for &day in &h.work {
                assert!(day.year() == year || (day.year() == year - 1 && day.month() == 12));
                assert!(is_weekend(day), "{day} make-up working day on a weekday");
                assert_ne!(kinds.insert(day, false), Some(true), "{day} both");
            }
        }
    }
}

/// The table agrees, day by day, with the two independent public datasets, except where the
/// notices show a dataset wrong.
#[test]
fn the_table_matches_the_public_datasets() {
    let reference = include_str!("../../tests/data/holidays-crosscheck.txt");
    let mut theirs = BTreeMap::new();
    for line in reference.lines().filter(|l| !l.starts_with('#')) {
        let (date, kind) = line.split_once(' ').unwrap();
        theirs.insert(d(date), kind == "off");
    }
    // holiday-cn lists Mon 2020-02-03, the end of the extended Spring Festival, as a working day;
    // it is one anyway and is not a make-up day.
    theirs.remove(&d("2020-02-03"));
    let ours: BTreeMap<NaiveDate, bool> = cal()
        .listed_days()
        .map(|(day, kind, _)| (day, kind == DayKind::Holiday))
        .collect();
    assert_eq!(ours, theirs);
}

#[test]
fn a_local_file_adds_holidays_and_years() {
    let text = include_str!("../../fixtures/calendar/local-holidays.toml");
    let local = cal()
        .with_overlay(text, Path::new("fixtures/calendar/local-holidays.toml"))
        .unwrap();
    // 广西「三月三」 2026: Sun 4-19 and Mon 4-20 off.
    assert_eq!(local.day_kind(d("2026-04-20")), Ok(DayKind::Holiday));
    assert_eq!(local.holiday_name(d("2026-04-20")), Some("壮族三月三"));
    assert_eq!(cal().day_kind(d("2026-04-20")), Ok(DayKind::Workday));
    // The official days are still there.
    assert_eq!(
        local.day_kind(d("2026-02-14")),
        Ok(DayKind::AdjustedWorkday)
    );
    // 2027 becomes known from the file.
    assert_eq!(local.day_kind(d("2027-01-01")), Ok(DayKind::Holiday));
    assert_eq!(local.day_kind(d("2027-03-03")), Ok(DayKind::Workday));
    assert_eq!(local.notice(2027).unwrap().number, None);
    let n2026 = local.notice(2026).unwrap();
    assert!(n2026.holidays.iter().any(|h| h.name == "壮族三月三"));
    assert!(n2026.amendments.iter().any(|a| a.title.contains("三月三")));
}

/// The one problem of a holiday file.
fn overlay_error(text: &str) -> CalendarFileError {
    let mut errors = cal()
        .with_overlay(text, Path::new("本地假期.toml"))
        .unwrap_err()
        .0;
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors.remove(0)
}

#[test]
fn a_bad_local_file_names_line_key_and_fix() {
    let e = overlay_error(
        "[[year]]\nyear = 2026\n[[year.holiday]]\nname = \"x\"\noff = [\"2026-13-01\"]\n",
    );
    assert_eq!((e.line, e.column, e.key.as_str()), (5, 8, "off"));
    assert!(e.message.contains("2026-13-01"), "{e}");
    assert!(
        e.to_string()
            .starts_with("节假日文件 本地假期.toml:5:8（off）："),
        "{e}"
    );

    let e = overlay_error(
        "[[year]]\nyear = 2026\n[[year.holiday]]\nname = \"x\"\nof = [\"2026-04-01\"]\n",
    );
    assert_eq!((e.line, e.key.as_str()), (5, "of"));
    assert!(e.message.contains("of"), "{e}");

    let e = overlay_error(
        "[[year]]\nyear = 2028\n[[year.holiday]]\nname = \"元旦\"\noff = [\"2028-01-01\"]\n",
    );
    assert_eq!((e.line, e.key.as_str()), (2, "title"));
    assert!(e.message.contains("2028"), "{e}");

    let e = overlay_error(
        "[[year]]\nyear = 2026\n[[year.holiday]]\nname = \"x\"\nwork = [\"2026-04-01\"]\n",
    );
    assert!(e.message.contains("星期三"), "{e}");

    let e = overlay_error(
        "[[year]]\nyear = 2026\n[[year.holiday]]\nname = \"x\"\noff = [\"2025-04-01\"]\n",
    );
    assert!(e.message.contains("不在 2026 年内"), "{e}");

    let e = overlay_error(
        "[[year]]\nyear = 2026\n[[year.holiday]]\nname = \"x\"\noff = [\"2026-04-04\"]\nwork = [\"2026-04-04\"]\n",
    );
    assert_eq!(e.line, 6);
    assert!(e.message.contains("既写成放假又写成上班"), "{e}");

    let e = overlay_error(
        "[[year]]\nyear = 2026\n[[year.holiday]]\nname = \"x\"\noff = [\"2026-04-09..2026-04-01\"]\n",
    );
    assert!(e.message.contains("结束日早于开始日"), "{e}");

    let e = overlay_error("[[year]\nyear = 2026\n");
    assert_eq!(e.line, 1);
}

/// Most working days the properties below count from a drawn day (`n + 1` with `n < 15`).
const MAX_WORKING_DAYS: u32 = 15;

fn known_date() -> impl Strategy<Value = NaiveDate> {
    testing::starts_inside(cal(), |day| {
        cal().roll_forward(day)?;
        cal().nth_working_day_after(day, MAX_WORKING_DAYS).map(drop)
    })
}

/// The drawn range ends exactly where counting would leave the table: the day after the last start
/// asks about a year the table lacks, so the bound is neither too short nor too long.
#[test]
fn drawn_days_end_where_the_table_does() {
    let reach = |day| cal().nth_working_day_after(day, MAX_WORKING_DAYS).map(drop);
    let (first, last) = testing::last_start(cal(), reach);
    assert_eq!(first, d("2015-01-01"));
    let last_year = cal().years().max().unwrap();
    assert_eq!(last.year(), last_year);
    assert!(reach(last).is_ok());
    assert_eq!(
        reach(last.succ_opt().unwrap()),
        Err(UnknownYear {
            year: last_year + 1
        })
    );
    // 2026's last working days: 15 after 2026-12-10 is 2026-12-31.
    assert_eq!(last, d("2026-12-10"));
}

proptest! {
    #[test]
    fn roll_forward_lands_on_the_first_working_day(day in known_date()) {
        let rolled = cal().roll_forward(day).unwrap();
        prop_assert!(rolled >= day);
        prop_assert!(cal().is_working_day(rolled).unwrap());
        for between in day.iter_days().take_while(|&x| x < rolled) {
            prop_assert!(!cal().is_working_day(between).unwrap());
        }
        // No rest period in the table is longer than ten days.
        prop_assert!((rolled - day).num_days() <= 10);
    }

    #[test]
    fn nth_working_day_counts_exactly_n(day in known_date(), n in 0..MAX_WORKING_DAYS) {
        let nth = cal().nth_working_day_after(day, n).unwrap();
        let next = cal().nth_working_day_after(day, n + 1).unwrap();
        prop_assert!(next > nth);
        prop_assert_eq!(cal().working_days_between(day, nth).unwrap(), n);
        if n > 0 {
            prop_assert!(cal().is_working_day(nth).unwrap());
        } else {
            prop_assert_eq!(nth, day);
        }
    }

    #[test]
    fn day_kind_matches_weekday_off_the_list(day in known_date()) {
        let kind = cal().day_kind(day).unwrap();
        if cal().holiday_name(day).is_some() {
            prop_assert!(matches!(kind, DayKind::Holiday | DayKind::AdjustedWorkday));
        } else {
            prop_assert_eq!(kind == DayKind::Weekend, is_weekend(day));
        }
    }
}
