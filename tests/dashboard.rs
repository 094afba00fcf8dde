//! The dashboard as a person sees it — opened in a real headless browser (Debian's `chromium`),
//! the filters applied through the address's fragment, the page's DOM read after its script ran
//! — and the notification texts a build writes beside the documents.
//!
//! The batch is the sample with one topic made hostile (markup, a script, a mobile number): the
//! page must show it as text, and the texts must mask the number.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value as Json;

const TODAY: &str = "2026-11-22";
const HOSTILE: &str = "<script>alert(1)</script><b>彩田片区</b>改造 咨询13812345678";
const HOSTILE_CODE: &str = "LH-JD-2026-001";

fn yishi(args: &[&str], paths: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yishi"))
        .args(args)
        .args(paths)
        .output()
        .unwrap()
}

/// The sample batch with the hostile topic, in `dir/batch`.
fn batch(dir: &Path) -> PathBuf {
    let batch = dir.join("batch");
    copy_dir(Path::new("fixtures/sample"), &batch);
    let ledger = batch.join("莲花街道/街道协商台账.csv");
    let text = std::fs::read_to_string(&ledger).unwrap();
    let text = text.replace("彩田片区老旧小区改造（二期）实施方案听证", HOSTILE);
    assert!(text.contains(HOSTILE));
    std::fs::write(&ledger, text).unwrap();
    batch
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Builds the batch's notices (协商公告) into `out`, with the dashboard and the texts.
fn build(batch: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "build",
        "--today",
        TODAY,
        "--no-system-fonts",
        "--no-reports",
        "--document",
        "协商公告",
        "-j",
        "2",
        "-o",
    ];
    args.push(out.to_str().unwrap());
    args.extend_from_slice(extra);
    yishi(&args, &[batch])
}

/// The browser, or a failure saying how to install it: this test is never skipped.
fn chromium() -> &'static str {
    let found = Command::new("chromium").arg("--version").output();
    assert!(
        found.is_ok_and(|o| o.status.success()),
        "these tests open the dashboard in a real browser: install Debian's chromium (apt-get install -y chromium); .ci/run installs it"
    );
    "chromium"
}

/// The page's DOM after its script ran with `fragment` in the address, and a screenshot of it
/// kept under the target folder (named `shot`) for a person to look at.
fn open(page: &Path, fragment: &str, shot: &str) -> String {
    let url = format!("file://{}#{fragment}", page.display());
    let profile = tempfile::tempdir().unwrap();
    let common = |cmd: &mut Command| {
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()));
    };
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dashboard");
    std::fs::create_dir_all(&shots).unwrap();
    let png = shots.join(format!("{shot}.png"));
    let mut cmd = Command::new(chromium());
    common(&mut cmd);
    let run = cmd
        .arg(format!("--screenshot={}", png.display()))
        .arg("--window-size=1280,2000")
        .arg(&url)
        .output()
        .unwrap();
    assert!(run.status.success() && png.is_file(), "screenshot: {run:?}");
    let mut cmd = Command::new(chromium());
    common(&mut cmd);
    let run = cmd.arg("--dump-dom").arg(&url).output().unwrap();
    assert!(run.status.success(), "{run:?}");
    eprintln!("screenshot: {}", png.display());
    String::from_utf8(run.stdout).unwrap()
}

/// The first number inside the element with `id`: the counts the page shows.
fn count(dom: &str, id: &str) -> usize {
    let at = dom
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let rest = &dom[at..];
    let rest = &rest[rest.find('>').unwrap()..];
    let digits: String = rest
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap()
}

/// The rows the table body `id` shows.
fn rows<'a>(dom: &'a str, id: &str) -> Vec<&'a str> {
    let at = dom.find(&format!("<tbody id=\"{id}\">")).unwrap();
    let body = &dom[at..at + dom[at..].find("</tbody>").unwrap()];
    body.split("<tr>").skip(1).collect()
}

fn percent_decode(href: &str) -> String {
    let b = href.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(&href[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// What `yishi check --format json` says about the same batch.
fn check_json(batch: &Path) -> Json {
    let run = yishi(&["check", "--format", "json", "--today", TODAY], &[batch]);
    serde_json::from_slice(&run.stdout).unwrap()
}

#[test]
fn the_dashboard_shows_the_figures_filters_links_and_escapes_record_text() {
    let tmp = tempfile::tempdir().unwrap();
    let batch = batch(tmp.path());
    let out = tmp.path().join("out");
    let run = build(&batch, &out, &[]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(matches!(run.status.code(), Some(0 | 1)), "{stderr}");
    let page = out.join("index.html");
    assert!(
        stderr.contains(&format!("工作一览：{}", page.display())),
        "{stderr}"
    );
    let html = std::fs::read_to_string(&page).unwrap();
    // Self-contained: nothing is fetched from anywhere.
    for remote in ["http://", "https://", "src=\"", "<link"] {
        assert!(!html.contains(remote), "{remote}");
    }
    assert!(
        !html.contains("<script>alert"),
        "the hostile topic reached the page as markup"
    );
    // A rebuild into the same folder keeps the documents and writes the same page.
    let again = build(&batch, &out, &[]);
    assert!(matches!(again.status.code(), Some(0 | 1)));
    assert_eq!(std::fs::read_to_string(&page).unwrap(), html);

    let check = check_json(&batch);
    let summary = &check["summary"];
    let dom = open(&page, "", "all");
    assert_eq!(
        count(&dom, "n-meetings") as u64,
        summary["meetings"].as_u64().unwrap()
    );
    assert_eq!(
        count(&dom, "n-errors") as u64,
        summary["errors"].as_u64().unwrap()
    );
    assert_eq!(
        count(&dom, "n-warnings") as u64,
        summary["warnings"].as_u64().unwrap()
    );
    let diagnostics = check["diagnostics"].as_array().unwrap();
    assert_eq!(count(&dom, "f-count"), diagnostics.len());
    assert_eq!(rows(&dom, "f-rows").len(), diagnostics.len().min(50));
    // The street's 2026 card gives the figures of the annual report's JSON.
    let figures = yishi(
        &[
            "report",
            "--format",
            "json",
            "--today",
            TODAY,
            "--year",
            "2026",
            "--no-dashboard",
            "--no-system-fonts",
            "-o",
        ],
        &[&tmp.path().join("reports"), &batch],
    );
    let figures: Json = serde_json::from_slice(&figures.stdout).unwrap();
    let street = figures["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == "莲花街道")
        .unwrap();
    let card = &dom[dom.find("data-unit=\"莲花街道\"").unwrap()..];
    let card = &card[..card.find("</article>").unwrap()];
    assert!(
        card.contains(&format!(
            "<dd class=\"meetings\">{} 场次</dd>",
            street["meetings"]["total"]
        )),
        "{card}"
    );

    // A filter: the street's own errors of one rule, as the check reports them.
    let (rule, expected) = {
        let errors: Vec<&Json> = diagnostics
            .iter()
            .filter(|d| d["severity"] == "error" && d["street"] == "莲花街道")
            .collect();
        let rule = errors[0]["code"].as_str().unwrap().to_string();
        let n = errors.iter().filter(|d| d["code"] == rule.as_str()).count();
        (rule, n)
    };
    let dom = open(
        &page,
        &format!("unit=%E8%8E%B2%E8%8A%B1%E8%A1%97%E9%81%93&severity=error&rule={rule}"),
        "filtered",
    );
    assert_eq!(count(&dom, "f-count"), expected, "{rule}");
    let shown = rows(&dom, "f-rows");
    assert_eq!(shown.len(), expected);
    assert!(
        shown
            .iter()
            .all(|r| r.contains(&rule) && r.contains("错误"))
    );

    // The street's meetings: the hostile topic shows as text, and the notice's link finds its PDF.
    let dom = open(&page, "unit=%E8%8E%B2%E8%8A%B1%E8%A1%97%E9%81%93", "street");
    let meetings = rows(&dom, "m-rows");
    let hostile = meetings
        .iter()
        .find(|r| r.contains(HOSTILE_CODE))
        .expect("the meeting is listed");
    assert!(
        hostile.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;彩田片区&lt;/b&gt;改造"),
        "{hostile}"
    );
    assert!(!dom.contains("<script>alert") && !dom.contains("<b>彩田片区"));
    let href = hostile
        .split("href=\"")
        .nth(1)
        .and_then(|h| h.split('"').next())
        .expect("a link to the notice");
    let file = percent_decode(href);
    assert_eq!(file, format!("{HOSTILE_CODE}-协商公告.pdf"));
    assert!(out.join(&file).is_file());
    // Every unit outside the street is filtered out of the figures and the meetings.
    assert!(meetings.iter().all(|r| r.contains("莲花街道")));
    // The street's meetings are its own and its communities': all of the sample's.
    assert_eq!(
        count(&dom, "m-count") as u64,
        summary["meetings"].as_u64().unwrap()
    );

    // The folder moved elsewhere: the links are relative and still resolve.
    let moved = tmp.path().join("elsewhere");
    std::fs::rename(&out, &moved).unwrap();
    assert!(moved.join(&file).is_file());
}

#[test]
fn a_workspace_template_is_given_the_rows_the_built_in_page_writes() {
    // The built-in page writes its rows into its script as text; a workspace's template is given
    // them as data. The built-in page counted the rows through that data once: as a workspace's
    // template it must give the same page, the hostile topic escaped the same way.
    let tmp = tempfile::tempdir().unwrap();
    let batch = batch(tmp.path());
    let builtin = include_str!("../templates/text/dashboard.html.tera");
    let own = builtin
        .replace("{{ counts.findings }}", "{{ data.findings | length }}")
        .replace("{{ counts.meetings }}", "{{ data.meetings | length }}");
    assert_ne!(own, builtin);
    let templates = tmp.path().join("own");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("dashboard.html.tera"), own).unwrap();
    let (plain, with_own) = (tmp.path().join("plain"), tmp.path().join("with-own"));
    let run = build(&batch, &plain, &["--no-notices"]);
    assert!(matches!(run.status.code(), Some(0 | 1)), "{run:?}");
    let run = build(
        &batch,
        &with_own,
        &["--no-notices", "--templates", templates.to_str().unwrap()],
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(matches!(run.status.code(), Some(0 | 1)), "{stderr}");
    assert!(stderr.contains("dashboard.html.tera"), "{stderr}");
    let page = std::fs::read_to_string(plain.join("index.html")).unwrap();
    assert_eq!(
        page,
        std::fs::read_to_string(with_own.join("index.html")).unwrap()
    );
    assert!(page.contains(r"\u003cscript\u003ealert(1)\u003c/script\u003e"));
    assert!(!page.contains("yishi: the rows"));
    let data = page
        .split(r#"<script type="application/json" id="data">"#)
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .unwrap();
    let data: Json = serde_json::from_str(data).unwrap();
    let findings = data["findings"].as_array().unwrap().len();
    assert!(findings > 0);
    assert!(page.contains(&format!("符合条件的问题 <b>{findings}</b> 条")));
}

#[test]
fn the_notification_texts_mask_numbers_count_segments_and_take_the_workspace_wording() {
    let tmp = tempfile::tempdir().unwrap();
    let batch = batch(tmp.path());
    let out = tmp.path().join("out");
    let run = build(&batch, &out, &["--no-dashboard"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(matches!(run.status.code(), Some(0 | 1)), "{stderr}");
    assert!(!out.join("index.html").exists());
    let folder = out.join("通知");
    let sms = std::fs::read_to_string(folder.join(format!("{HOSTILE_CODE}-通知短信.txt"))).unwrap();
    let wechat =
        std::fs::read_to_string(folder.join(format!("{HOSTILE_CODE}-微信群通知.txt"))).unwrap();
    for text in [&sms, &wechat] {
        assert!(text.contains("咨询138****5678"), "{text}");
        assert!(!text.contains("13812345678"), "{text}");
        assert!(
            text.contains("2026年1月22日（星期四）14:30—17:30"),
            "{text}"
        );
        assert!(text.contains("莲花街道党群服务中心三楼多功能厅"), "{text}");
        // The office's contact line is published on purpose.
        assert!(text.contains("0755-83451266"), "{text}");
    }
    assert!(sms.starts_with("【莲花街道办事处】"), "{sms}");
    // The list of lengths: this SMS is over 70 characters, so sent in parts of 67.
    let index = std::fs::read_to_string(folder.join("通知短信条数.csv")).unwrap();
    let row = index.lines().find(|l| l.starts_with(HOSTILE_CODE)).unwrap();
    let chars = sms.trim_end().encode_utf16().count();
    assert!(chars > 70, "{sms}");
    assert!(
        row.ends_with(&format!(",{chars},{}", chars.div_ceil(67))),
        "{row}"
    );
    assert!(stderr.contains("通知文本："), "{stderr}");

    // The workspace's wording, and a broken template: reported with its line, the rest written.
    let templates = tmp.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("sms.txt.tera"),
        "{{ meeting.issuer }}通知：{{ meeting.month_day }}议“{{ meeting.topic }}”\n",
    )
    .unwrap();
    std::fs::write(
        templates.join("wechat.txt.tera"),
        "【通知】\n议题：{{ meeting.topic }}\n时间：{{ meeting..when }}\n",
    )
    .unwrap();
    let out = tmp.path().join("out2");
    let run = build(&batch, &out, &[]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "模板 {} 第 3 行",
            templates.join("wechat.txt.tera").display()
        )),
        "{stderr}"
    );
    let folder = out.join("通知");
    let sms = std::fs::read_to_string(folder.join(format!("{HOSTILE_CODE}-通知短信.txt"))).unwrap();
    assert_eq!(
        sms,
        "莲花街道办事处通知：1月22日议“<script>alert(1)</script><b>彩田片区</b>改造 咨询138****5678”\n"
    );
    assert!(
        !folder
            .join(format!("{HOSTILE_CODE}-微信群通知.txt"))
            .exists()
    );
    assert!(out.join(format!("{HOSTILE_CODE}-协商公告.pdf")).is_file());
    assert!(out.join("index.html").is_file());
}

/// `yishi audit` against last month's output: the dashboard's state filter shows each month's
/// comparison as the SARIF log gives it, and links the street's report and list.
#[test]
fn the_audit_dashboard_filters_by_state_against_last_month() {
    let tmp = tempfile::tempdir().unwrap();
    let october = tmp.path().join("10月");
    let run = yishi(
        &[
            "audit",
            "--format",
            "json",
            "--today",
            "2026-10-26",
            "--no-system-fonts",
            "-o",
        ],
        &[&october, Path::new("fixtures/audit/2026-10")],
    );
    let baseline = tmp.path().join("10月.json");
    std::fs::write(&baseline, &run.stdout).unwrap();
    let out = tmp.path().join("11月");
    let run = yishi(
        &[
            "audit",
            "--today",
            "2026-11-24",
            "--no-system-fonts",
            "--baseline",
            baseline.to_str().unwrap(),
            "-o",
        ],
        &[&out, Path::new("fixtures/audit/2026-11")],
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    let page = out.join("index.html");
    let state = |fragment: &str, shot: &str| {
        let dom = open(&page, fragment, shot);
        let mut codes: Vec<String> = rows(&dom, "f-rows")
            .iter()
            .map(|r| {
                let code = r.split("<td>").nth(1).unwrap();
                code.split(' ').next().unwrap().to_string()
            })
            .collect();
        codes.sort();
        (count(&dom, "f-count"), codes, dom)
    };
    let (n, codes, dom) = state("state=%E6%96%B0%E5%A2%9E", "audit-new");
    assert_eq!((n, codes), (1, vec!["SZ111".to_string()]));
    // The street's self-audit report and list, linked where they are.
    for label in ["自查报告", "整改清单"] {
        let link = dom
            .split("href=\"")
            .skip(1)
            .find(|a| a.contains(&format!(">{label}</a>")))
            .unwrap_or_else(|| panic!("{label}"));
        let file = percent_decode(link.split('"').next().unwrap());
        assert!(out.join(&file).is_file(), "{file}");
    }
    let (_, codes, _) = state("state=%E4%BB%8D%E5%AD%98%E5%9C%A8", "audit-persisting");
    assert_eq!(codes, ["SZ004", "SZ105", "SZ201"]);
    let (_, codes, _) = state("state=%E5%B7%B2%E6%B6%88%E9%99%A4", "audit-fixed");
    assert_eq!(codes, ["SZ002"]);
}
