//! Benchmark of the pipeline on a generated batch: how many meetings a second are loaded,
//! merged and checked; how many documents a second are typeset (all four documents of every
//! meeting: 协商公告, 邀请函, 会议记录, 协商结果公示) with 1 and with 2 threads; whether the
//! memory of typesetting stays flat from 1 000 to 5 000 documents; and how much faster a rebuild
//! with nothing changed is, the earlier PDFs kept by the manifest. Each typesetting run is a
//! child process of its own, so that its memory is its own.
//!
//! Memory is compared on the same input: both runs check the same 1 250 meetings, then typeset
//! the documents of the first 250 or of all 1 250. The peak resident memory while typesetting is
//! read after resetting the kernel's high-water mark (`/proc/self/clear_refs`), so the checking
//! before it does not hide it.
//!
//! The annual figures of the same checked batch are timed next to the check (they must add well
//! under a second to it), and every unit's annual report is typeset in a child process of its
//! own, timed, with its peak memory.
//!
//! The street's self-audit of the same batch is timed beside the check, in a child process of
//! its own: last month's list (written by the audit of the same batch and filled in on every row,
//! as a clerk would) read back as the baseline, the comparison, the list and the report written.
//!
//! The dashboard of the batch (`dashboard`): its notification texts and page rendered and
//! written, the page's size, and the time the browser (Debian's `chromium`, headless) takes to
//! load it and then to apply a filter, measured inside the page.
//!
//! `yishi check` at a province's scale (`check`): a batch in the layout of FORMAT.md, one folder
//! per street of 600 meetings (ten communities, each with its ledger, participants and some
//! minutes), of 10 000 and 100 000 meetings, or of the sizes given (`check 1000000`), or a batch
//! folder given (such as one of `python3 gen.py OUT --meetings 100000`); the command line's own
//! path, with human and (up to about 100 000 meetings, since JSON checks the batch at once) with
//! JSON output written to a file, each run in a child process: time,
//! peak resident memory, and the size of the input and the output; with `whole`, also the batch
//! checked at once (all its findings kept until the report is written), for comparison.
//!
//! `yishi report` at a province's scale (`report`): the same batches as `check`'s (10 000
//! meetings unless sizes are given), or a batch folder given, every unit's annual report typeset,
//! each run in a child process: time, peak resident memory and the reports written; with `whole`,
//! also the batch read at once, for comparison.
//!
//! A no-op rebuild at scale (`rebuild BATCH OUT`): `yishi build BATCH --out OUT` when OUT holds
//! no manifest yet (timed; typesetting a province's documents takes a while), then the same
//! command again twice (said again from the first's record), then once more after the batch's
//! first file is touched (the whole batch read and checked again, every document kept), each in
//! a child process: time and peak resident memory, with the documents kept and the size of the
//! input and the output; with `whole`, touched and rebuilt twice more with the batch read at once
//! and street by street in turn, for comparison. A folder built by another build of yishi is
//! typeset again by the first of the two (every key names the program).
//!
//! `cargo bench --bench pipeline -- [MEETINGS] [TYPESET_MEETINGS] [audit | dashboard [BATCH]]`
//! (defaults 10000 and 1000; `audit` runs the check and the audit alone; `dashboard` the check
//! and the dashboard alone, of the batch folder BATCH when given, such as one of
//! `python3 gen.py OUT --meetings 10000`);
//! `cargo bench --bench pipeline -- check [MEETINGS…] [BATCH] [whole]`;
//! `cargo bench --bench pipeline -- report [MEETINGS…] [BATCH] [whole]`;
//! `cargo bench --bench pipeline -- audits [MEETINGS…] [BATCH] [whole] [json|sarif]`;
//! `cargo bench --bench pipeline -- rebuild BATCH OUT [whole]`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Parser as _;

use yishi::audit::{self, Inputs, Scoring, xlsx};
use yishi::documents::Issuers;
use yishi::printing::{self, Manifest, Outcome, PrintOptions, audits};
use yishi::render::{RenderOptions, Typesetter};
use yishi::settings::Settings;
use yishi::{annual, batch, dashboard, figures, notices, texts};

const HEADER: &str = "编号,层级,街道,社区,协商形式,议题,议题背景,议题类别,重大事项,议题确定日期,信息公开日期,公开渠道,邀请发出日期,旁听预约开放日期,旁听席位,会议日期,会议地点,主持人,记录人,应到人数,实到人数,两委成员人数,赞成,反对,弃权,协商结果,签名确认,结果形式,结果公示日期,公示渠道,责任领导,责任部门,完成时限,反馈时限,旁听预约方式,监督电话,开始时间,结束时间,联系人,联系电话,公示期\n";

/// Set in a child process: `MEETINGS,JOBS,TYPESET`: check `MEETINGS` meetings, then typeset the
/// documents of the first `TYPESET` of them with `JOBS` threads.
const CHILD: &str = "YISHI_BENCH_TYPESET";

/// Set in a child process: `MEETINGS,JOBS`: check `MEETINGS` meetings, fold them into the
/// year's figures and typeset every unit's annual report with `JOBS` threads.
const REPORTS_CHILD: &str = "YISHI_BENCH_REPORTS";

/// Set in a child process: `MEETINGS`: check `MEETINGS` meetings and audit them against last
/// month's list of the same size.
const AUDIT_CHILD: &str = "YISHI_BENCH_AUDIT";

/// The `yishi` binary's allocator, so that memory is measured as users see it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A community ledger of `n` meetings, a few of them breaking a rule.
fn ledger(community: usize, n: usize) -> String {
    let mut out = String::from(HEADER);
    for i in 0..n {
        let day = 1 + (i % 28) as u32;
        let month = 1 + (i / 28 % 12) as u32;
        let present = if i % 17 == 0 { 9 } else { 12 };
        let notice = if i % 23 == 0 {
            day.saturating_sub(3).max(1)
        } else {
            1
        };
        let held = (day + 8).min(28);
        let _ = writeln!(
            out,
            "C{community}-{i:05},社区,莲花街道,第{community}社区,居民议事会,第{i}号楼加装电梯与公共空间改造协商,居民反映出行不便，需协商费用分摊。,公共事务,否,2026-{month:02}-01,2026-{month:02}-{notice:02},公开栏、公众号,2026-{month:02}-01,2026-{month:02}-01,2,2026-{month:02}-{held:02},社区党群服务中心议事厅,王{i}玥,李{i}燊,15,{present},4,10,1,1,通过,是,会议决议,2026-{month:02}-{held:02},公开栏,王{i}玥,第{community}社区工作站,2026-12-31,2027-01-15,到社区党群服务中心前台登记,0755-8345{community:04},19:30,21:00,李{i}燊,0755-8346{community:04},7",
        );
    }
    out
}

/// A `kB` field of `/proc/self/status` (`VmHWM`, `VmRSS`) in MiB.
fn status_mib(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// The peak resident memory so far, in MiB.
fn peak_rss_mib() -> f64 {
    status_mib("VmHWM:")
}

/// Starts the peak over from the memory resident now (Linux ≥ 4.0).
fn reset_peak_rss() {
    std::fs::write("/proc/self/clear_refs", "5").expect("reset the peak RSS");
}

/// Writes a batch of `meetings` meetings in 20 community ledgers into `dir`.
fn write_batch(dir: &Path, meetings: usize) {
    let communities = 20;
    for c in 0..communities {
        let n = meetings / communities + usize::from(c < meetings % communities);
        let path = dir.join(format!("c{c}.csv"));
        std::fs::write(&path, ledger(c, n)).expect("write ledger");
    }
}

fn settings() -> Settings {
    Settings::new(chrono::NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"))
}

/// What a typesetting child reports.
struct Run {
    documents: usize,
    secs: f64,
    /// Resident memory after checking, before typesetting.
    before_mib: f64,
    /// Peak resident memory while typesetting.
    peak_mib: f64,
}

/// In a child process: checks `meetings` meetings, typesets every document of the first
/// `typeset` of them with `jobs` threads, and prints `documents seconds before-MiB peak-MiB`.
fn typeset_child(meetings: usize, jobs: usize, typeset: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    write_batch(dir.path(), meetings);
    let settings = settings();
    let mut checked = batch::run(&[dir.path().to_path_buf()], &settings);
    checked.meetings.truncate(typeset);
    let typesetter = Typesetter::new(&RenderOptions::default());
    let opts = PrintOptions {
        jobs,
        ..PrintOptions::default()
    };
    let out = dir.path().join("out");
    let before = status_mib("VmRSS:");
    reset_peak_rss();
    let started = Instant::now();
    let printed = printing::documents(&checked, &settings, &typesetter, &out, &opts, &|_| {});
    let secs = started.elapsed().as_secs_f64();
    let peak = peak_rss_mib();
    let written = printed
        .iter()
        .filter(|p| matches!(p.outcome, Outcome::Written { .. }))
        .count();
    assert_eq!(written, printed.len(), "every generated document prints");
    println!("{written} {secs} {before} {peak}");
}

/// In a child process: checks `meetings` meetings, computes the 2026 figures, and typesets every
/// unit's report with `jobs` threads; prints `reports seconds before-MiB peak-MiB`.
fn reports_child(meetings: usize, jobs: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    write_batch(dir.path(), meetings);
    let settings = settings();
    let checked = batch::run(&[dir.path().to_path_buf()], &settings);
    let typesetter = Typesetter::new(&RenderOptions::default());
    let out = dir.path().join("out");
    let before = status_mib("VmRSS:");
    reset_peak_rss();
    let started = Instant::now();
    let (figures, _) = figures::compute(&checked, &settings, 2026);
    let (planned, _) = annual::plan(&figures, &checked, &settings, &Issuers::default(), &|_| {
        true
    });
    let printed = printing::reports::print(
        &figures,
        &planned,
        &typesetter,
        &out,
        &printing::reports::ReportOptions {
            jobs,
            ..Default::default()
        },
    );
    let secs = started.elapsed().as_secs_f64();
    let peak = peak_rss_mib();
    assert!(
        printed
            .iter()
            .all(|p| matches!(p.outcome, Outcome::Written { .. })),
        "every report prints"
    );
    println!("{} {secs} {before} {peak}", printed.len());
}

/// Last month's list as the clerk filled it in: every row given an owner, a deadline and a
/// status, the workbook saved again.
fn filled_in(list: &[u8]) -> Vec<u8> {
    use rust_xlsxwriter::Workbook;
    let sheets = yishi::load::workbook::sheets(Path::new("清单.xlsx"), list).expect("list reads");
    let mut book = Workbook::new();
    for s in &sheets {
        let ws = book.add_worksheet();
        ws.set_name(&s.name).expect("sheet name");
        let column = |name: &str| {
            (0..20u32)
                .find(|&c| s.get(1, c) == Some(name))
                .map(|c| c as u16)
        };
        let filled = [
            (column("责任人"), "张敏"),
            (column("整改时限"), "2026-12-31"),
            (column("整改状态"), "整改中"),
        ];
        for (&(r, c), text) in &s.cells {
            let own = filled
                .iter()
                .find(|(col, _)| r > 1 && *col == Some(c as u16));
            ws.write_string(r, c as u16, own.map_or(text.as_str(), |(_, t)| *t))
                .expect("cell");
        }
        if let Some(last) = s.last_row() {
            for r in 2..=last {
                for (col, text) in filled {
                    if let Some(col) = col.filter(|&c| s.get(r, u32::from(c)).is_none()) {
                        ws.write_string(r, col, text).expect("cell");
                    }
                }
            }
        }
    }
    book.save_to_buffer().expect("workbook")
}

/// In a child process: checks `meetings` meetings, audits them once to write last month's list,
/// fills that in on every row, then audits them again against it (read, compare, write the
/// list and the report); prints `check-s check-peak-MiB rows read-s compare-s write-s peak-MiB
/// pages`.
fn audit_child(meetings: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    write_batch(dir.path(), meetings);
    let settings = settings();
    let paths = [dir.path().to_path_buf()];
    let started = Instant::now();
    let checked = batch::run(&paths, &settings);
    let check_secs = started.elapsed().as_secs_f64();
    let check_peak = peak_rss_mib();
    let scoring = Scoring::default();
    let issuers = Issuers::default();
    let inputs = |baselines| Inputs {
        checked: &checked,
        settings: &settings,
        paths: &paths,
        issuers: &issuers,
        scoring: &scoring,
        baselines,
    };
    let last_month = audit::compute(&inputs(&[])).expect("audit");
    let cx = xlsx::Context {
        today: settings.today,
        batch: "bench".to_string(),
        profiles: vec!["深圳市基层议事协商工作指引（试行）"],
    };
    let list = xlsx::workbook(&last_month.streets[0], &cx).expect("list");
    let baseline_path = dir.path().join("上月整改清单.xlsx");
    std::fs::write(&baseline_path, filled_in(&list)).expect("write list");
    drop(last_month);
    let typesetter = Typesetter::new(&RenderOptions::default());
    let out = dir.path().join("out");

    reset_peak_rss();
    let started = Instant::now();
    let baseline = audit::baseline::read(&baseline_path).expect("baseline reads");
    let read_secs = started.elapsed().as_secs_f64();
    let rows = baseline.rows.len();
    let started = Instant::now();
    let baselines = [baseline];
    let audit = audit::compute(&inputs(&baselines)).expect("audit");
    let compare_secs = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let printed = audits::print(&audit, &settings, &typesetter, &out, "bench");
    let write_secs = started.elapsed().as_secs_f64();
    let peak = peak_rss_mib();
    let a = &audit.streets[0];
    assert_eq!(
        a.totals.map(|t| t.in_progress),
        Some(rows),
        "every row persists"
    );
    let (_, pages) = printed[0].report.as_ref().expect("report written");
    printed[0].list.as_ref().expect("list written");
    println!(
        "{check_secs} {check_peak} {rows} {read_secs} {compare_secs} {write_secs} {peak} {pages}"
    );
}

/// Runs [`audit_child`] in a child process and prints what it measured.
fn audit_in_child(meetings: usize) {
    let (n, _) = child_numbers(
        std::process::Command::new(std::env::current_exe().expect("own path"))
            .env(AUDIT_CHILD, meetings.to_string()),
    );
    println!(
        "audit: {meetings} meetings checked in {:.2} s (peak RSS {:.0} MiB); against last month's list of {} rows: read {:.2} s, compared {:.3} s, list and {}-page report written {:.2} s, in all {:.2} s = {:.0} % of the check; peak RSS while auditing {:.0} MiB",
        n[0],
        n[1],
        n[2],
        n[3],
        n[4],
        n[7],
        n[5],
        n[3] + n[4] + n[5],
        (n[3] + n[4] + n[5]) / n[0] * 100.0,
        n[6]
    );
}

/// Runs [`typeset_child`] in a child process.
fn typeset_in_child(meetings: usize, jobs: usize, typeset: usize) -> Run {
    let exe = std::env::current_exe().expect("own path");
    let out = std::process::Command::new(exe)
        .env(CHILD, format!("{meetings},{jobs},{typeset}"))
        .output()
        .expect("child runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = String::from_utf8_lossy(&out.stdout);
    let mut fields = line.split_whitespace();
    let mut next = || fields.next().expect("four numbers");
    Run {
        documents: next().parse().expect("documents"),
        secs: next().parse().expect("seconds"),
        before_mib: next().parse().expect("MiB"),
        peak_mib: next().parse().expect("MiB"),
    }
}

/// A build of `meetings` meetings with 2 threads, then the same build again into the same
/// folder with the first one's manifest: nothing changed, so every document is kept. Prints how
/// many documents a second each went through.
fn rebuild(meetings: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    write_batch(dir.path(), meetings);
    let settings = settings();
    let checked = batch::run(&[dir.path().to_path_buf()], &settings);
    let typesetter = Typesetter::new(&RenderOptions::default());
    let out = dir.path().join("out");
    let mut opts = PrintOptions {
        jobs: 2,
        ..PrintOptions::default()
    };
    let mut rates = Vec::new();
    for _ in 0..2 {
        let started = Instant::now();
        let printed = printing::documents(&checked, &settings, &typesetter, &out, &opts, &|_| {});
        rates.push(printed.len() as f64 / started.elapsed().as_secs_f64());
        opts.reuse = Some(Manifest::of(&printed));
    }
    println!(
        "rebuild: {meetings} meetings, nothing changed: {:.0} documents/s against {:.1} documents/s for the first build ({:.0}×)",
        rates[1],
        rates[0],
        rates[1] / rates[0]
    );
}

/// Appended to a copy of the dashboard: once loaded, applies a filter through the address (as a
/// person choosing it does) and writes into the page when the load event came (milliseconds
/// since navigation began: parsing, the inline data read, the first page of rows shown), how
/// long the filter took, and the rows it found.
const TIMING: &str = r##"<script>
window.addEventListener("load", function () {
  var loaded = performance.now();
  var started;
  window.addEventListener("hashchange", function () {
    var pre = document.createElement("pre");
    pre.id = "bench";
    pre.textContent = loaded.toFixed(1) + " " + (performance.now() - started).toFixed(1) + " " +
      document.querySelector("#f-count b").textContent + " " + document.querySelector("#m-count b").textContent;
    document.body.appendChild(pre);
  });
  // The first street's errors.
  var unit = document.querySelector("select[name=unit] option:nth-child(2)").value;
  setTimeout(function () {
    started = performance.now();
    location.hash = "unit=" + encodeURIComponent(unit) + "&severity=error";
  }, 0);
});
</script>
</body>"##;

/// The dashboard of a batch (`dir`, else `meetings` generated): texts and page written, then
/// loaded and filtered in chromium.
fn dashboard(meetings: usize, dir: Option<PathBuf>) {
    let generated = tempfile::tempdir().expect("temp dir");
    let dir = dir.unwrap_or_else(|| {
        write_batch(generated.path(), meetings);
        generated.path().to_path_buf()
    });
    let settings = settings();
    let started = Instant::now();
    let checked = batch::run(std::slice::from_ref(&dir), &settings);
    println!(
        "dashboard: {} meetings, {} findings checked in {:.2} s",
        checked.meetings.len(),
        checked.diagnostics.len(),
        started.elapsed().as_secs_f64()
    );
    let out = tempfile::tempdir().expect("temp dir");
    // The four documents of every meeting, as a build leaves them, for the page to link.
    let bases = printing::base_names(&checked.meetings);
    let mut documents = Vec::new();
    for (m, base) in checked.meetings.iter().zip(&bases) {
        for kind in yishi::documents::DocKind::ALL {
            let pdf = printing::pdf_path(out.path(), base, kind);
            std::fs::write(&pdf, b"").expect("placeholder");
            let mut entry =
                Manifest::entry(m.code.clone(), kind.zh(), &Outcome::Failed(String::new()));
            entry.status = "written".to_string();
            entry.file = pdf.file_name().map(|n| n.to_string_lossy().into_owned());
            documents.push(entry);
        }
    }
    let templates = texts::Texts::new(None);
    let started = Instant::now();
    let written = notices::write(
        &checked,
        &bases,
        &templates,
        &Issuers::default(),
        yishi::documents::Privacy::default(),
        out.path(),
    );
    println!(
        "dashboard: notification texts of {} meetings written in {:.2} s",
        written.notices.len(),
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let years: Vec<figures::Figures> = figures::years(&checked, &settings)
        .into_iter()
        .map(|y| figures::compute(&checked, &settings, y).0)
        .collect();
    let inputs = dashboard::Inputs {
        checked: &checked,
        audit: None,
        page: dashboard::Page {
            settings: &settings,
            figures: &years,
            documents: &documents,
            audit: None,
            street_files: &[],
            notices: Some(&written),
            out: out.path(),
            command: "build",
        },
    };
    let page = dashboard::write(&inputs, &templates).expect("the dashboard");
    let html = std::fs::read_to_string(&page).expect("written");
    println!(
        "dashboard: figures of {} year(s) and the page rendered and written in {:.2} s: {:.1} MB ({} units' cards)",
        years.len(),
        started.elapsed().as_secs_f64(),
        html.len() as f64 / 1e6,
        html.matches("<article class=\"unit\"").count()
    );
    let timed = out.path().join("timed.html");
    std::fs::write(&timed, html.replacen("</body>", TIMING, 1)).expect("write");
    let chromium = |url: &str| {
        let profile = tempfile::tempdir().expect("temp dir");
        let started = Instant::now();
        let run = std::process::Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--dump-dom",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("--virtual-time-budget=60000")
            .arg(url)
            .output()
            .expect("chromium is installed (apt-get install chromium)");
        (
            started.elapsed().as_secs_f64(),
            String::from_utf8_lossy(&run.stdout).into_owned(),
        )
    };
    let (blank, _) = chromium("about:blank");
    let (secs, dom) = chromium(&format!("file://{}", timed.display()));
    let bench = dom
        .split("<pre id=\"bench\">")
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .expect("the page reported its timing");
    let n: Vec<&str> = bench.split_whitespace().collect();
    println!(
        "dashboard: chromium loads it in {} ms (load event), then applies a filter in {} ms ({} findings, {} meetings); the whole run {:.2} s, {:.2} s for an empty page",
        n[0], n[1], n[2], n[3], secs, blank
    );
}

/// Set in a child process: `DIR,FORMAT`: runs `yishi check DIR --format FORMAT` as the command
/// line does, its output written to a file beside the batch, and prints `seconds peak-MiB
/// output-bytes`.
const CHECK_CHILD: &str = "YISHI_BENCH_CHECK";

/// Set in a child: check (and report, build) the batch at once rather than street by street, for
/// comparison.
const WHOLE: &str = "YISHI_BENCH_WHOLE";

/// Meetings a street holds in [`write_province`]: ten communities of 60 meetings, about what a
/// street office of Guangdong records in a year.
const STREET_MEETINGS: usize = 600;

/// Writes a province's batch of `meetings` meetings in the layout of FORMAT.md: one folder per
/// street of [`STREET_MEETINGS`] meetings, one folder per community with its ledger, its
/// participants (four a meeting) and the minutes of one meeting in ten. Returns the files written
/// and their bytes.
fn write_province(dir: &Path, meetings: usize) -> (usize, u64) {
    let communities = 10;
    let per_community = STREET_MEETINGS / communities;
    let (mut files, mut bytes) = (0, 0u64);
    let mut write = |path: PathBuf, text: &str| {
        std::fs::write(&path, text).expect("write the batch");
        files += 1;
        bytes += text.len() as u64;
    };
    let mut left = meetings;
    let mut street = 0;
    while left > 0 {
        for c in 0..communities {
            if left == 0 {
                break;
            }
            let n = per_community.min(left);
            left -= n;
            let folder = dir
                .join(format!("第{street:04}街道"))
                .join(format!("第{c}社区"));
            std::fs::create_dir_all(folder.join("会议记录")).expect("make the folders");
            let code = |i: usize| format!("S{street:04}-C{c}-{i:05}");
            let ledger = ledger(c, n)
                .replace("莲花街道", &format!("第{street:04}街道"))
                .replace(&format!("C{c}-"), &format!("S{street:04}-C{c}-"));
            write(folder.join("台账.csv"), &ledger);
            let mut people = String::from("编号,姓名,身份,两委,签到,签名\n");
            for i in 0..n {
                for (k, role) in ["两委成员", "两委成员", "居民代表", "居民代表"]
                    .iter()
                    .enumerate()
                {
                    let committee = if k < 2 { "是" } else { "否" };
                    let _ = writeln!(people, "{},张{i}{k}伟,{role},{committee},是,是", code(i));
                }
            }
            write(folder.join("参会人员.csv"), &people);
            for i in (0..n).step_by(10) {
                let day = 1 + (i % 28) as u32;
                let month = 1 + (i / 28 % 12) as u32;
                let held = (day + 8).min(28);
                let minutes = format!(
                    "---\n编号: {}\n层级: 社区\n街道: 第{street:04}街道\n社区: 第{c}社区\n会议日期: 2026-{month:02}-{held:02}\n---\n\n# 第{i}号楼加装电梯与公共空间改造协商会议记录\n\n## 发言摘要\n- 王某某（居民代表）：建议同步考虑无障碍设施，费用按受益面积分摊。\n- 李某某（两委成员）：工作站负责联系施工单位，下月公示方案。\n\n## 协商结果\n经表决，赞成10票，反对1票，弃权1票，议题通过。\n",
                    code(i)
                );
                write(
                    folder.join("会议记录").join(format!("{}.md", code(i))),
                    &minutes,
                );
            }
        }
        street += 1;
    }
    (files, bytes)
}

/// In a child process: `yishi check DIR --format FORMAT`, the output written to `OUT`; prints
/// `seconds peak-MiB output-bytes`.
fn check_child(spec: &str) {
    let mut parts = spec.splitn(3, ',');
    let (Some(dir), Some(format), Some(out)) = (parts.next(), parts.next(), parts.next()) else {
        panic!("{CHECK_CHILD} is DIR,FORMAT,OUT, not {spec}");
    };
    let cli = yishi::cli::Cli::try_parse_from([
        "yishi",
        "check",
        dir,
        "--today",
        "2026-12-31",
        "--format",
        format,
    ])
    .expect("the command line");
    let yishi::cli::Command::Check(args) = cli.command else {
        unreachable!("parsed as check");
    };
    let started = Instant::now();
    let mut file = std::io::BufWriter::new(std::fs::File::create(out).expect("the output file"));
    if std::env::var_os(WHOLE).is_some() {
        // The batch checked at once, every finding kept until the report is written.
        let settings = args.batch.settings().expect("settings");
        let checked = batch::run(&args.batch.paths, &settings);
        yishi::cli::check::write_report(
            &mut file,
            &checked,
            &settings,
            &args.batch.paths,
            args.format,
            false,
            true,
        )
        .expect("written");
    } else {
        yishi::cli::check::run_into(&args, &mut file, false).expect("yishi check runs");
    }
    std::io::Write::flush(&mut file).expect("the output written");
    let secs = started.elapsed().as_secs_f64();
    let written = std::fs::metadata(out).map_or(0, |m| m.len());
    println!("{secs} {} {written}", peak_rss_mib());
}

/// The batches of a scale bench: `dir` when given, else a generated province of each size; each
/// with its name, a temporary folder for its outputs, its folder, its files and their bytes.
fn province_batches(
    sizes: &[usize],
    dir: Option<PathBuf>,
) -> Vec<(String, tempfile::TempDir, PathBuf, usize, u64)> {
    match dir {
        Some(dir) => {
            let (files, bytes) = tree_size(&dir);
            vec![(
                format!("{}", dir.display()),
                tempfile::tempdir().expect("temp dir"),
                dir,
                files,
                bytes,
            )]
        }
        None => sizes
            .iter()
            .map(|&n| {
                let temp = tempfile::tempdir().expect("temp dir");
                let batch = temp.path().join("batch");
                let (files, bytes) = write_province(&batch, n);
                (format!("{n} meetings"), temp, batch, files, bytes)
            })
            .collect(),
    }
}

/// `check`: `yishi check` of a generated province batch (or of `dir`) of each size, with human,
/// JSON and SARIF output, each in a child process of its own: time, peak memory, input and output.
fn check_scale(sizes: &[usize], dir: Option<PathBuf>, whole: bool) {
    for (name, temp, batch, files, bytes) in &province_batches(sizes, dir) {
        // At once, a batch past a few hundred thousand meetings takes tens of gigabytes.
        let ways: &[bool] = if whole && *bytes <= 200_000_000 {
            &[true, false]
        } else {
            &[false]
        };
        for (format, &at_once) in ["human", "json", "sarif"]
            .into_iter()
            .flat_map(|f| ways.iter().map(move |w| (f, w)))
        {
            let out = temp.path().join(format!("out.{format}"));
            let mut child = bench_child(
                CHECK_CHILD,
                format!("{},{format},{}", batch.display(), out.display()),
                at_once,
            );
            let (n, _) = child_numbers(&mut child);
            println!(
                "check: {name} ({files} files, {:.1} MB) --format {format}{}: {:.2} s, peak RSS {:.0} MiB, output {:.1} MB",
                *bytes as f64 / 1e6,
                if at_once {
                    " (whole batch at once)"
                } else {
                    ""
                },
                n[0],
                n[1],
                n[2] / 1e6
            );
            let _ = std::fs::remove_file(&out);
        }
    }
}

/// Set in a child process: `DIR,OUT`: runs `yishi report DIR --out OUT` as the command line
/// does (street by street unless [`WHOLE`] is set), and prints `seconds peak-MiB reports`.
const REPORT_CHILD: &str = "YISHI_BENCH_REPORT";

/// In a child process: `yishi report DIR --out OUT`, its figures written to a file in `OUT`;
/// prints `seconds peak-MiB reports`.
fn report_child(spec: &str) {
    let (dir, out) = spec.split_once(',').expect("DIR,OUT");
    let cli = yishi::cli::Cli::try_parse_from([
        "yishi",
        "report",
        dir,
        "--today",
        "2026-12-31",
        "--no-config",
        "--out",
        out,
    ])
    .expect("the command line");
    let yishi::cli::Command::Report(args) = cli.command else {
        unreachable!("parsed as report");
    };
    let started = Instant::now();
    std::fs::create_dir_all(out).expect("the output folder");
    let mut figures = std::io::BufWriter::new(
        std::fs::File::create(Path::new(out).join("figures.txt")).expect("the figures' file"),
    );
    let streets = std::env::var_os(WHOLE).is_none();
    yishi::cli::report::run_into(&args, &mut figures, streets).expect("yishi report runs");
    let secs = started.elapsed().as_secs_f64();
    let reports = std::fs::read_dir(out)
        .expect("the output folder")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        })
        .count();
    println!("{secs} {} {reports}", peak_rss_mib());
}

/// `report`: `yishi report` of a generated province batch (or of `dir`) of each size, street by
/// street and, with `whole`, with the batch read at once, each in a child process of its own:
/// time (typesetting every unit's annual report takes most of it), peak memory, reports.
fn report_scale(sizes: &[usize], dir: Option<PathBuf>, whole: bool) {
    printing_scale(
        ("report", REPORT_CHILD, "annual reports"),
        sizes,
        (dir, ""),
        whole,
    );
}

/// A command that prints into an output folder (`command`, run by the child process `var`,
/// which prints `seconds peak-MiB count` of what it `made`) on a generated province batch (or
/// on `dir`) of each size, street by street and, with `whole`, with the batch read at once.
fn printing_scale(
    (command, var, made): (&str, &str, &str),
    sizes: &[usize],
    (dir, options): (Option<PathBuf>, &str),
    whole: bool,
) {
    let ways: &[bool] = if whole { &[true, false] } else { &[false] };
    for (name, temp, batch, files, bytes) in &province_batches(sizes, dir) {
        for &at_once in ways {
            let out = temp.path().join("out");
            let _ = std::fs::remove_dir_all(&out);
            let mut child = bench_child(
                var,
                format!("{},{}{options}", batch.display(), out.display()),
                at_once,
            );
            let (n, _) = child_numbers(&mut child);
            println!(
                "{command}: {name} ({files} files, {:.1} MB){}: {:.1} s, peak RSS {:.0} MiB, {:.0} {made}",
                *bytes as f64 / 1e6,
                if at_once {
                    " (whole batch at once)"
                } else {
                    " (street by street)"
                },
                n[0],
                n[1],
                n[2]
            );
        }
    }
}

/// Set in a child process: `DIR,OUT,FORMAT`: runs `yishi audit DIR --out OUT --format FORMAT`
/// as the command line does (street by street unless [`WHOLE`] is set), its standard output
/// written to `OUT/summary.txt`, and prints `seconds peak-MiB streets`.
const AUDITS_CHILD: &str = "YISHI_BENCH_AUDITS";

fn audits_child(spec: &str) {
    let mut parts = spec.splitn(3, ',');
    let (Some(dir), Some(out), Some(format)) = (parts.next(), parts.next(), parts.next()) else {
        panic!("{AUDITS_CHILD} is DIR,OUT,FORMAT, not {spec}");
    };
    let cli = yishi::cli::Cli::try_parse_from([
        "yishi",
        "audit",
        dir,
        "--today",
        "2026-12-31",
        "--no-config",
        "--out",
        out,
        "--format",
        format,
    ])
    .expect("the command line");
    let yishi::cli::Command::Audit(args) = cli.command else {
        unreachable!("parsed as audit");
    };
    let started = Instant::now();
    std::fs::create_dir_all(out).expect("the output folder");
    let mut summary = std::io::BufWriter::new(
        std::fs::File::create(Path::new(out).join("summary.txt")).expect("the summary's file"),
    );
    let mut said = Vec::new();
    let streets = std::env::var_os(WHOLE).is_none();
    yishi::cli::audit::run_into(&args, &mut summary, &mut said, streets).expect("yishi audit runs");
    let secs = started.elapsed().as_secs_f64();
    let audited = String::from_utf8_lossy(&said)
        .lines()
        .filter(|l| l.starts_with("自查："))
        .count();
    println!("{secs} {} {audited}", peak_rss_mib());
}

/// `audits`: `yishi audit` of a generated province batch (or of `dir`) of each size, street by
/// street and, with `whole`, with the batch read at once, each in a child process of its own:
/// time, peak memory, streets audited (each a report and a list). Its standard output is the
/// summary for people, or with `json` or `sarif` among the bench's arguments that output.
fn audits_scale(sizes: &[usize], dir: Option<PathBuf>, whole: bool) {
    let format = std::env::args()
        .find(|a| FORMATS.contains(&a.as_str()))
        .unwrap_or_else(|| "human".to_string());
    printing_scale(
        ("audit", AUDITS_CHILD, "streets audited"),
        sizes,
        (dir, &format!(",{format}")),
        whole,
    );
}

/// The machines' formats an audit can be benched with.
const FORMATS: [&str; 2] = ["json", "sarif"];

/// Set in a child process: `BATCH,OUT`: `yishi build BATCH --out OUT`, then print its time and
/// peak resident memory.
const BUILD_CHILD: &str = "YISHI_BENCH_BUILD";

fn build_child(spec: &str) {
    let (batch, out) = spec.split_once(',').expect("BATCH,OUT");
    let started = Instant::now();
    // The exit code says whether the checks found errors, which a rebuild's time does not
    // depend on; the documents' counts are read from the run's closing lines.
    if std::env::var_os(WHOLE).is_some() {
        let cli = yishi::cli::Cli::try_parse_from([
            "yishi",
            "build",
            batch,
            "--out",
            out,
            "--today",
            "2026-12-31",
        ])
        .expect("the command line");
        let yishi::cli::Command::Build(args) = cli.command else {
            unreachable!("parsed as build");
        };
        let _ = yishi::cli::build::run_with(&args, false);
    } else {
        let _ = yishi::cli::run_args(
            ["build", batch, "--out", out, "--today", "2026-12-31"]
                .into_iter()
                .map(Into::into)
                .collect(),
        );
    }
    let secs = started.elapsed().as_secs_f64();
    println!("\n{secs} {}", peak_rss_mib());
}

/// `rebuild`: the first build of `batch` into `out` unless `out` has a manifest, then two
/// rebuilds with nothing changed (said again from the last build's record), then one after an
/// input file is touched (the whole batch checked again, nothing typeset); with `whole`, that
/// again with the batch read at once and street by street in turn.
fn rebuild_scale(batch: &Path, out: &Path, whole: bool) {
    let (files, bytes) = tree_size(batch);
    let run_as = |changed: &str, at_once: bool| {
        let mut child = bench_child(
            BUILD_CHILD,
            format!("{},{}", batch.display(), out.display()),
            at_once,
        );
        let (n, stderr) = child_numbers(&mut child);
        let line = |start: &str| {
            stderr
                .lines()
                .find(|l| l.starts_with(start))
                .unwrap_or_default()
                .to_string()
        };
        let manifest = Manifest::read(out).expect("manifest").expect("written");
        let kept = manifest
            .documents
            .iter()
            .filter(|d| d.status == "unchanged")
            .count();
        let (_, out_bytes) = tree_size(out);
        // Every key names the program: a folder built by another build of yishi is typeset again.
        let what = if kept == 0 {
            "build, nothing kept"
        } else {
            changed
        };
        println!(
            "rebuild: {} ({files} files, {:.1} MB) {what}: {:.2} s, peak RSS {:.0} MiB; {} documents, {kept} kept; output {:.1} MB\n  {}\n  {}",
            batch.display(),
            bytes as f64 / 1e6,
            n[0],
            n[1],
            manifest.documents.len(),
            out_bytes as f64 / 1e6,
            line("文书："),
            line("年度报告")
        );
    };
    let run = |changed: &str| run_as(changed, false);
    if !out.join(printing::MANIFEST).is_file() {
        run("");
    }
    run("rebuild, nothing changed");
    run("rebuild, nothing changed");
    let first = walkdir::WalkDir::new(batch)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .find(|e| e.file_type().is_file() && e.file_name() != "yishi.toml")
        .expect("a file in the batch");
    let touch = || {
        std::fs::File::options()
            .write(true)
            .open(first.path())
            .and_then(|f| f.set_modified(f.metadata()?.modified()? + Duration::from_secs(1)))
            .expect("the file's time set");
    };
    touch();
    run("rebuild, one input file touched");
    if whole {
        for _ in 0..2 {
            touch();
            run_as("rebuild, one input file touched, whole batch at once", true);
            touch();
            run("rebuild, one input file touched, street by street");
        }
    }
}

/// A child process of the bench with `var` set to `spec`, told to read the batch at once (rather
/// than street by street) when `at_once`.
fn bench_child(var: &str, spec: String, at_once: bool) -> std::process::Command {
    let mut child = std::process::Command::new(std::env::current_exe().expect("own path"));
    child.env(var, spec);
    if at_once {
        child.env(WHOLE, "1");
    }
    child
}

/// Runs a child process of the bench to its end: the numbers of the last line it printed, and
/// what it wrote to stderr. A child that fails stops the bench with its stderr.
fn child_numbers(child: &mut std::process::Command) -> (Vec<f64>, String) {
    let run = child.output().expect("child runs");
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(run.status.success(), "{stderr}");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let numbers = stdout
        .lines()
        .last()
        .unwrap_or_default()
        .split_whitespace()
        .map(|n| n.parse().expect("a number"))
        .collect();
    (numbers, stderr)
}

/// Files below `dir` and their bytes.
fn tree_size(dir: &Path) -> (usize, u64) {
    let (mut files, mut bytes) = (0, 0);
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.file_type().is_file() {
            files += 1;
            bytes += entry.metadata().map_or(0, |m| m.len());
        }
    }
    (files, bytes)
}

/// A scale bench: the sizes, a batch folder instead, `whole`.
type Scale = fn(&[usize], Option<PathBuf>, bool);

/// What a scale bench is asked for after its name (the argument at `at`): the sizes of the
/// generated batches (else `defaults`), a batch folder instead, and `whole`.
fn scale_args(at: usize, defaults: &[usize]) -> (Vec<usize>, Option<PathBuf>, bool) {
    let rest: Vec<String> = std::env::args().skip(at + 1).collect();
    let sizes: Vec<usize> = rest.iter().filter_map(|a| a.parse().ok()).collect();
    let dir = rest
        .iter()
        .find(|a| {
            a.parse::<usize>().is_err()
                && *a != "whole"
                && !FORMATS.contains(&a.as_str())
                && !a.starts_with('-')
        })
        .map(PathBuf::from);
    let sizes = if sizes.is_empty() {
        defaults.to_vec()
    } else {
        sizes
    };
    (sizes, dir, rest.iter().any(|a| a == "whole"))
}

fn main() {
    if let Ok(spec) = std::env::var(BUILD_CHILD) {
        build_child(&spec);
        return;
    }
    if let Some(at) = std::env::args().position(|a| a == "rebuild") {
        let mut rest = std::env::args()
            .skip(at + 1)
            .filter(|a| !a.starts_with('-') && a != "whole");
        let (Some(batch), Some(out)) = (rest.next(), rest.next()) else {
            panic!("rebuild BATCH OUT [whole]");
        };
        rebuild_scale(
            Path::new(&batch),
            Path::new(&out),
            std::env::args().any(|a| a == "whole"),
        );
        return;
    }
    if let Ok(spec) = std::env::var(CHECK_CHILD) {
        check_child(&spec);
        return;
    }
    if let Ok(spec) = std::env::var(REPORT_CHILD) {
        report_child(&spec);
        return;
    }
    if let Ok(spec) = std::env::var(AUDITS_CHILD) {
        audits_child(&spec);
        return;
    }
    if let Ok(spec) = std::env::var(AUDIT_CHILD) {
        audit_child(spec.parse().expect("MEETINGS"));
        return;
    }
    if let Ok(spec) = std::env::var(REPORTS_CHILD) {
        let (meetings, jobs) = spec
            .split_once(',')
            .and_then(|(m, j)| Some((m.parse().ok()?, j.parse().ok()?)))
            .expect("MEETINGS,JOBS");
        reports_child(meetings, jobs);
        return;
    }
    if let Ok(spec) = std::env::var(CHILD) {
        let numbers: Vec<usize> = spec
            .split(',')
            .map(|n| n.parse().expect("MEETINGS,JOBS,TYPESET"))
            .collect();
        let [meetings, jobs, typeset] = numbers[..] else {
            panic!("{CHILD} is MEETINGS,JOBS,TYPESET, not {spec}");
        };
        typeset_child(meetings, jobs, typeset);
        return;
    }
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let meetings = args.first().copied().unwrap_or(10_000);
    let typeset_meetings = args.get(1).copied().unwrap_or(1_000);
    for (mode, defaults, scale) in [
        ("check", &[10_000, 100_000][..], check_scale as Scale),
        ("report", &[10_000][..], report_scale),
        ("audits", &[10_000][..], audits_scale),
    ] {
        if let Some(at) = std::env::args().position(|a| a == mode) {
            let (sizes, dir, whole) = scale_args(at, defaults);
            scale(&sizes, dir, whole);
            return;
        }
    }
    if std::env::args().any(|a| a == "audit") {
        audit_in_child(meetings);
        return;
    }
    if let Some(at) = std::env::args().position(|a| a == "dashboard") {
        dashboard(meetings, std::env::args().nth(at + 1).map(PathBuf::from));
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    write_batch(dir.path(), meetings);
    let settings = settings();

    let started = Instant::now();
    let checked = batch::run(&[dir.path().to_path_buf()], &settings);
    let secs = started.elapsed().as_secs_f64();
    println!(
        "check: {} meetings, {} diagnostics in {:.3} s = {:.0} meetings/s (peak RSS {:.0} MiB)",
        checked.meetings.len(),
        checked.diagnostics.len(),
        secs,
        checked.meetings.len() as f64 / secs,
        peak_rss_mib()
    );
    let check_peak = peak_rss_mib();
    reset_peak_rss();
    let started = Instant::now();
    let (figures, _) = figures::compute(&checked, &settings, 2026);
    let figures_secs = started.elapsed().as_secs_f64();
    println!(
        "figures: {} units of {} meetings in {:.1} ms = {:.1} % of the check (peak RSS {:.0} MiB, check's {:.0} MiB)",
        figures.units.len(),
        figures
            .units
            .iter()
            .map(|u| u.meetings.total)
            .sum::<usize>(),
        figures_secs * 1000.0,
        figures_secs / secs * 100.0,
        peak_rss_mib(),
        check_peak
    );
    drop(checked);
    let (numbers, _) = child_numbers(
        std::process::Command::new(std::env::current_exe().expect("own path"))
            .env(REPORTS_CHILD, format!("{meetings},2")),
    );
    println!(
        "reports: {meetings} meetings checked ({:.0} MiB resident), figures and {} annual reports with 2 threads in {:.2} s, peak RSS while reporting {:.0} MiB",
        numbers[2], numbers[0], numbers[1], numbers[3]
    );

    audit_in_child(meetings);

    let mut rates = Vec::new();
    for jobs in [1, 2] {
        let run = typeset_in_child(typeset_meetings, jobs, typeset_meetings);
        let rate = run.documents as f64 / run.secs;
        rates.push(rate);
        println!(
            "typeset: {typeset_meetings} meetings, {} documents with {jobs} thread(s) in {:.2} s = {rate:.1} documents/s (peak RSS while typesetting {:.0} MiB)",
            run.documents, run.secs, run.peak_mib
        );
    }
    println!(
        "typeset: 2 threads / 1 thread = {:.2}×",
        rates[1] / rates[0]
    );
    let batch = 5_000 / 4;
    for jobs in [1, 2] {
        let peaks: Vec<f64> = [1_000, 5_000]
            .into_iter()
            .map(|documents| {
                let run = typeset_in_child(batch, jobs, documents / 4);
                println!(
                    "memory: {batch} meetings checked ({:.0} MiB resident), {} documents with {jobs} thread(s) in {:.2} s, peak RSS while typesetting {:.0} MiB",
                    run.before_mib, run.documents, run.secs, run.peak_mib
                );
                run.peak_mib
            })
            .collect();
        println!(
            "memory: {jobs} thread(s), peak 5 000 / 1 000 documents = {:.2}×",
            peaks[1] / peaks[0]
        );
    }
    rebuild(typeset_meetings / 4);
}
