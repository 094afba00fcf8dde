//! The texts a clerk sends before a meeting: the SMS (通知短信) and the WeChat group notice
//! (微信群通知), from the meeting's topic, time, place and observer booking, through the text
//! templates ([`crate::texts`]). Personal numbers are masked as in the public documents (the
//! contact line and the booking method are published on purpose and kept). An SMS's length is
//! counted in billed segments ([`segments`]).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{Value as Json, json};

use crate::batch::Checked;
use crate::compose::schedule;
use crate::documents::{self, Issuers, Privacy};
use crate::fields::Field;
use crate::model::Meeting;
use crate::texts::{self, TemplateError, Texts};

/// The folder of the texts in the output folder.
pub const FOLDER: &str = "通知";
/// The list of every meeting's SMS length, in that folder.
pub const INDEX: &str = "通知短信条数.csv";

/// The fields without which there is nothing to announce.
const NEEDS: [Field; 4] = [Field::Topic, Field::Form, Field::HeldOn, Field::Venue];

/// An SMS's length as operators bill it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Segments {
    /// Characters as counted against the limit (UTF-16 units; an extension character of the
    /// GSM alphabet counts two).
    pub chars: usize,
    /// Billed messages: one up to 70 (160 in the GSM alphabet), else 67 (153) a part.
    pub segments: usize,
    /// Sent in UCS-2 (any Chinese character), not the GSM alphabet.
    pub unicode: bool,
}

/// The GSM 7-bit characters of ASCII, and those that take two (an escape and the character).
const GSM_BASIC: &str = "@$\n\r _!\"#%&'()*+,-./:;<=>?";
const GSM_EXTENDED: &str = "^{}\\[~]|";

/// The segments of `text` sent as one SMS: in UCS-2 (any character outside the GSM alphabet,
/// so any Chinese) 70 characters fit one message, and a longer text is sent in parts of 67
/// (each part gives 3 characters to the header that joins them); in the GSM alphabet, 160 and 153.
pub fn segments(text: &str) -> Segments {
    let gsm = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || GSM_BASIC.contains(c) || GSM_EXTENDED.contains(c));
    let (chars, single, part) = if gsm {
        let chars = text
            .chars()
            .map(|c| if GSM_EXTENDED.contains(c) { 2 } else { 1 })
            .sum();
        (chars, 160, 153)
    } else {
        (text.encode_utf16().count(), 70, 67)
    };
    let segments = match chars {
        0 => 0,
        n if n <= single => 1,
        n => n.div_ceil(part),
    };
    Segments {
        chars,
        segments,
        unicode: !gsm,
    }
}

/// What the templates read about one meeting: `{meeting: {...}}`.
pub fn context(
    m: &Meeting,
    issuers: &Issuers,
    privacy: Privacy,
) -> Result<Json, Vec<&'static str>> {
    let mut missing: Vec<&'static str> = NEEDS
        .iter()
        .filter(|f| m.cell(**f).is_none())
        .map(|f| f.zh())
        .collect();
    let issuer = issuers.of(m);
    if issuer.is_none() {
        missing.push(if m.level().is_none() {
            Field::Level.zh()
        } else {
            Field::Community.zh()
        });
    }
    if !missing.is_empty() {
        return Err(missing);
    }
    let text = |f: Field| m.cell(f).map(|c| c.value.display());
    let held = m.date(Field::HeldOn).expect("required above");
    let observers = m
        .count(Field::ObserverSeats)
        .filter(|n| *n > 0)
        .map(|seats| {
            json!({
                "seats": seats,
                "booking": text(Field::ObserverBooking),
                "opens_on": m.date(Field::ObserverOpenOn).map(schedule::month_day),
            })
        });
    let mut meeting = json!({
        "code": m.code,
        "issuer": issuer,
        "street": m.street(),
        "community": m.community(),
        "topic": text(Field::Topic),
        "background": text(Field::Background),
        "form": text(Field::Form),
        "date": documents::chinese_date(held),
        "month_day": schedule::month_day(held),
        "when": schedule::when(held, m.text(Field::StartsAt), m.text(Field::EndsAt)),
        "starts_at": m.text(Field::StartsAt).map(schedule::clock),
        "venue": text(Field::Venue),
        "host": text(Field::Host),
        "observers": observers,
        "contact": {
            "person": text(Field::ContactPerson),
            "phone": text(Field::ContactPhone),
        },
    });
    if privacy.mask_public {
        documents::mask_public(&mut meeting);
    }
    Ok(json!({ "meeting": meeting }))
}

/// The texts of one meeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub meeting: String,
    pub sms: Option<String>,
    pub wechat: Option<String>,
    pub segments: Option<Segments>,
}

/// What became of the texts of a batch.
#[derive(Debug, Default)]
pub struct Written {
    pub notices: Vec<Notice>,
    /// Meetings without the fields a notice needs, with those fields.
    pub missing: Vec<(String, Vec<&'static str>)>,
    /// Templates that could not be used (each said once).
    pub broken: Vec<TemplateError>,
    /// Files that could not be written.
    pub failed: Vec<String>,
    pub folder: PathBuf,
}

impl Written {
    /// The run's lines about the texts.
    pub fn summary(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .broken
            .iter()
            .map(|e| format!("错误：{e}；未写出用它的通知文本，其余照常写出"))
            .collect();
        lines.extend(self.failed.iter().cloned());
        if !self.missing.is_empty() {
            let shown: Vec<String> = self
                .missing
                .iter()
                .take(3)
                .map(|(code, fields)| format!("{code}（缺少{}）", fields.join("、")))
                .collect();
            lines.push(format!(
                "未写通知文本：{} 次会议缺少议题、协商形式、会议日期、会议地点或单位：{}{}",
                self.missing.len(),
                shown.join("、"),
                if self.missing.len() > shown.len() {
                    " 等"
                } else {
                    ""
                }
            ));
        }
        let sms: Vec<Segments> = self.notices.iter().filter_map(|n| n.segments).collect();
        let billed: usize = sms.iter().map(|s| s.segments).sum();
        let long = sms.iter().filter(|s| s.segments > 1).count();
        let longest = sms.iter().map(|s| s.chars).max().unwrap_or(0);
        lines.push(format!(
            "通知文本：{} 次会议的通知短信和微信群通知写入 {}；短信共计 {billed} 条（超过一条的 {long} 次，最长 {longest} 字），见 {INDEX}",
            self.notices.len(),
            self.folder.display()
        ));
        lines
    }
}

/// Writes every meeting's texts into `out/通知/`: `<base>-通知短信.txt`, `<base>-微信群通知.txt`,
/// and the list of SMS lengths. A broken template leaves out its texts, not the others'.
pub fn write(
    checked: &Checked,
    bases: &[String],
    texts: &Texts,
    issuers: &Issuers,
    privacy: Privacy,
    out: &Path,
) -> Written {
    let mut writer = Writer::new(texts, issuers, privacy, out);
    writer.add(&checked.meetings, bases);
    writer.finish()
}

/// [`write`] a part of the batch at a time (a street's meetings, in the batch's order), the list
/// of SMS lengths written at the end.
pub struct Writer<'a> {
    texts: &'a Texts,
    issuers: &'a Issuers,
    privacy: Privacy,
    written: Written,
    index: String,
    /// Whether the folder is there to write into.
    ready: bool,
    /// The notices whose texts are forgotten ([`Writer::drop_texts`]).
    lean: usize,
}

impl<'a> Writer<'a> {
    pub fn new(texts: &'a Texts, issuers: &'a Issuers, privacy: Privacy, out: &Path) -> Self {
        let folder = out.join(FOLDER);
        let mut written = Written {
            folder: folder.clone(),
            ..Written::default()
        };
        for name in [texts::SMS, texts::WECHAT] {
            if let Some(e) = texts.broken(name) {
                written.broken.push(e.clone());
            }
        }
        let ready = match std::fs::create_dir_all(&folder) {
            Ok(()) => true,
            Err(e) => {
                written
                    .failed
                    .push(format!("错误：无法建立文件夹 {}：{e}", folder.display()));
                false
            }
        };
        Writer {
            texts,
            issuers,
            privacy,
            written,
            index: String::from("\u{feff}编号,单位,议题,字数,条数\n"),
            ready,
            lean: 0,
        }
    }

    /// Writes the texts of `meetings`, whose files are named after `bases`; the notices of
    /// these meetings as [`Written::notices`] lists them.
    pub fn add(&mut self, meetings: &[Meeting], bases: &[String]) -> &[Notice] {
        let before = self.written.notices.len();
        if !self.ready {
            return &[];
        }
        let (texts, issuers, privacy) = (self.texts, self.issuers, self.privacy);
        let folder = &self.written.folder;
        // Each meeting's texts rendered and written on all the cores; what became of them is
        // told in the meetings' order.
        let each: Vec<Result<MeetingTexts, (String, Vec<&'static str>)>> = {
            use rayon::prelude::*;
            meetings
                .par_iter()
                .zip(bases)
                .with_min_len(32)
                .map(|(m, base)| meeting_texts(m, base, texts, issuers, privacy, folder))
                .collect()
        };
        let written = &mut self.written;
        for done in each {
            let done = match done {
                Ok(done) => done,
                Err(missing) => {
                    written.missing.push(missing);
                    continue;
                }
            };
            for e in done.broken {
                if !written.broken.contains(&e) {
                    written.broken.push(e);
                }
            }
            written.failed.extend(done.failed);
            self.index.push_str(&done.index_line);
            written.notices.push(done.notice);
        }
        &written.notices[before..]
    }

    /// Forgets the texts of the notices written so far, which are in their files: a province's
    /// are hundreds of megabytes. Their lengths are kept.
    pub fn drop_texts(&mut self) {
        for notice in &mut self.written.notices[self.lean..] {
            notice.sms = None;
            notice.wechat = None;
        }
        self.lean = self.written.notices.len();
    }

    /// Writes the list of SMS lengths: what became of the texts.
    pub fn finish(mut self) -> Written {
        if !self.ready {
            return self.written;
        }
        let folder = &self.written.folder;
        if let Err(e) = replace(&folder.join(INDEX), self.index.as_bytes()) {
            let shown = folder.join(INDEX).display().to_string();
            self.written
                .failed
                .push(format!("错误：无法写入 {shown}：{e}"));
        }
        self.written
    }
}

/// One meeting's texts, written: the notice, its line of the SMS list, and what went wrong.
struct MeetingTexts {
    notice: Notice,
    index_line: String,
    broken: Vec<TemplateError>,
    failed: Vec<String>,
}

/// Renders and writes one meeting's texts; the fields a notice lacks when it cannot be made.
fn meeting_texts(
    m: &Meeting,
    base: &str,
    texts: &Texts,
    issuers: &Issuers,
    privacy: Privacy,
    folder: &Path,
) -> Result<MeetingTexts, (String, Vec<&'static str>)> {
    let context = context(m, issuers, privacy).map_err(|fields| (m.code.clone(), fields))?;
    let mut done = MeetingTexts {
        notice: Notice {
            meeting: m.code.clone(),
            sms: None,
            wechat: None,
            segments: None,
        },
        index_line: String::new(),
        broken: Vec::new(),
        failed: Vec::new(),
    };
    for (name, label) in [(texts::SMS, "通知短信"), (texts::WECHAT, "微信群通知")] {
        if texts.broken(name).is_some() {
            continue;
        }
        let text = match texts.render(name, &context) {
            Ok(text) => text.trim().to_string(),
            Err(e) => {
                done.broken.push(e);
                continue;
            }
        };
        let path = folder.join(format!("{base}-{label}.txt"));
        if let Err(e) = replace(&path, format!("{text}\n").as_bytes()) {
            done.failed
                .push(format!("错误：无法写入 {}：{e}", path.display()));
            continue;
        }
        if name == texts::SMS {
            let s = segments(&text);
            let _ = writeln!(
                done.index_line,
                "{},{},{},{},{}",
                csv_cell(&m.code),
                csv_cell(context["meeting"]["issuer"].as_str().unwrap_or_default()),
                csv_cell(context["meeting"]["topic"].as_str().unwrap_or_default()),
                s.chars,
                s.segments
            );
            done.notice.segments = Some(s);
            done.notice.sms = Some(text);
        } else {
            done.notice.wechat = Some(text);
        }
    }
    Ok(done)
}

/// Writes a text file whole (a temporary file renamed over it), unless it already holds
/// `bytes`. Unlike the documents, texts are not flushed to the disk one by one: a city's
/// month is twenty thousand of them, each written again in a moment.
fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".yishi-")
        .suffix(".part")
        .tempfile_in(dir)?;
    std::io::Write::write_all(&mut tmp, bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A CSV cell: quoted when it holds a comma, quote or line break; a leading `=`, `+`, `-` or `@`
/// is prefixed with `'` so a spreadsheet does not take record text for a formula.
fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seventy_chinese_characters_are_one_message_seventy_one_are_two() {
        let s = |n: usize| segments(&"议".repeat(n));
        assert_eq!(s(0).segments, 0);
        assert_eq!(s(1).segments, 1);
        assert_eq!(
            s(70),
            Segments {
                chars: 70,
                segments: 1,
                unicode: true
            }
        );
        assert_eq!(s(71).segments, 2);
        assert_eq!(s(134).segments, 2);
        assert_eq!(s(135).segments, 3);
        assert_eq!(s(201).segments, 3);
        assert_eq!(s(202).segments, 4);
    }

    #[test]
    fn one_chinese_character_makes_the_whole_message_ucs2() {
        let text = format!("{}议", "a".repeat(69));
        assert_eq!(segments(&text).segments, 1);
        assert_eq!(segments(&format!("{text}b")).segments, 2);
        // Beyond the basic plane a character takes two units.
        assert_eq!(segments(&format!("{}😀", "议".repeat(68))).chars, 70);
        assert_eq!(segments(&format!("{}😀", "议".repeat(69))).segments, 2);
    }

    #[test]
    fn the_gsm_alphabet_fits_160_and_parts_of_153() {
        assert_eq!(segments(&"a".repeat(160)).segments, 1);
        assert_eq!(segments(&"a".repeat(161)).segments, 2);
        assert_eq!(segments(&"a".repeat(306)).segments, 2);
        assert_eq!(segments(&"a".repeat(307)).segments, 3);
        // An extension character counts two.
        assert_eq!(segments(&format!("{}[", "a".repeat(159))).segments, 2);
    }

    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=1+1"), "'=1+1");
    }
}
