//! Printing the sample batch: one minutes PDF per meeting, with the meeting's facts in correct
//! Chinese, every font embedded, record text printed literally, and the same bytes every run.

use std::path::{Path, PathBuf};

use yishi::batch;
use yishi::documents;
use yishi::fields::Field;
use yishi::printing::{self, Outcome};
use yishi::render::{DocMeta, RenderOptions, Typesetter};
use yishi::settings::Settings;

fn settings() -> Settings {
    Settings::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
}

fn typesetter() -> Typesetter {
    // Only the shipped fonts, so the result does not depend on the machine.
    Typesetter::new(&RenderOptions {
        system_fonts: false,
        font_paths: Vec::new(),
        pdf_standard: None,
    })
}

fn build(out: &Path, jobs: usize) -> Vec<PathBuf> {
    let settings = settings();
    let checked = batch::run(&["fixtures/sample".into()], &settings);
    let printed = printing::minutes(&checked, &settings, &typesetter(), out, jobs);
    printed
        .into_iter()
        .map(|p| match p.outcome {
            Outcome::Written { path, pages } => {
                assert!(pages >= 1);
                path
            }
            other => panic!("{}: {other:?}", p.meeting),
        })
        .collect()
}

/// The text a meeting's minutes print, from the laid-out document.
fn minutes_text(code: &str) -> String {
    let settings = settings();
    let checked = batch::run(&["fixtures/sample".into()], &settings);
    let m = checked
        .meetings
        .iter()
        .find(|m| m.code == code)
        .expect("meeting");
    let data = documents::minutes(m, settings.majority).expect("complete data");
    let meta = DocMeta {
        ident: code.to_string(),
        title: code.to_string(),
        date: m.date(Field::HeldOn),
    };
    typesetter()
        .typeset("minutes", &data, &meta)
        .expect("typesets")
        .text
}

/// Text without the line breaks and spaces layout puts in.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn one_pdf_per_meeting_with_every_font_embedded() {
    let tmp = tempfile::tempdir().unwrap();
    let written = build(tmp.path(), 2);
    assert_eq!(written.len(), 19);
    assert!(
        written
            .iter()
            .any(|p| p.ends_with("LH-CT-2026-006-会议记录.pdf"))
    );
    for path in &written {
        let doc = lopdf::Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut fonts = 0;
        for object in doc.objects.values() {
            let Ok(dict) = object.as_dict() else { continue };
            if dict.get(b"Type").and_then(lopdf::Object::as_name).ok()
                == Some(b"FontDescriptor".as_slice())
            {
                fonts += 1;
                assert!(
                    [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
                        .iter()
                        .any(|k| dict.has(k)),
                    "{}: a font is not embedded",
                    path.display()
                );
            }
        }
        assert!(fonts >= 1, "{}", path.display());
    }
    let names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 19, "no temporary files are left: {names:?}");
}

#[test]
fn minutes_show_topic_date_place_people_votes_and_result() {
    let text = squeeze(&minutes_text("LH-CT-2026-006"));
    for expected in ["2026年10月12日", "通过", "彩田社区居民委员会"] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    let settings = settings();
    let checked = batch::run(&["fixtures/sample".into()], &settings);
    let m = checked
        .meetings
        .iter()
        .find(|m| m.code == "LH-CT-2026-006")
        .unwrap();
    let topic = m.text(Field::Topic).unwrap();
    let venue = m.text(Field::Venue).unwrap();
    assert!(text.contains(&squeeze(topic)), "topic {topic}");
    assert!(text.contains(&squeeze(venue)), "venue {venue}");
    let (yes, no, abstain) = (
        m.count(Field::VotesFor).unwrap(),
        m.count(Field::VotesAgainst).unwrap(),
        m.count(Field::Abstain).unwrap(),
    );
    assert!(
        text.contains(&format!("赞成{yes}人，反对{no}人，弃权{abstain}人")),
        "votes"
    );
    assert!(!m.participants.is_empty());
    for p in m.present_participants() {
        assert!(text.contains(&p.name), "attendee {}", p.name);
    }
}

#[test]
fn typst_syntax_in_record_text_prints_literally() {
    let text = minutes_text("LH-ML-2026-001");
    assert!(
        squeeze(&text).contains("社区食堂#1号窗口[试点]运营方案：$5元*餐补"),
        "{text}"
    );
}

#[test]
fn two_runs_give_identical_bytes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let first = build(a.path(), 1);
    let second = build(b.path(), 2);
    assert_eq!(first.len(), second.len());
    for (x, y) in first.iter().zip(&second) {
        assert_eq!(
            std::fs::read(x).unwrap(),
            std::fs::read(y).unwrap(),
            "{}",
            x.display()
        );
    }
}

#[test]
fn broken_files_leave_the_rest_of_the_batch_printed() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("batch");
    for entry in walkdir::WalkDir::new("fixtures/sample") {
        let entry = entry.unwrap();
        let target = root.join(entry.path().strip_prefix("fixtures/sample").unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    std::fs::write(
        root.join("坏编码.csv"),
        b"\xef\xbb\xbf\xe7\xbc\x96\xe5\x8f\xb7\n\x81\x20\n",
    )
    .unwrap();
    std::fs::write(root.join("坏前置.md"), "---\n编号: X-3\n议题 未闭合\n---\n").unwrap();
    let settings = settings();
    let checked = batch::run(&[root], &settings);
    assert!(
        checked
            .diagnostics
            .iter()
            .filter(|d| d.code == "D001")
            .count()
            >= 3
    );
    let out = tmp.path().join("out");
    let printed = printing::minutes(&checked, &settings, &typesetter(), &out, 2);
    let written = printed
        .iter()
        .filter(|p| matches!(p.outcome, Outcome::Written { .. }))
        .count();
    assert_eq!(written, 19);
}
