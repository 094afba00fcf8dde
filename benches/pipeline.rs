//! Benchmark of the pipeline on a generated batch: how many meetings a second are loaded,
//! merged and checked; how many documents a second are typeset (all four documents of every
//! meeting: 协商公告, 邀请函, 会议记录, 协商结果公示) with 1 and with 2 threads; and the peak
//! memory (VmHWM) of typesetting 1 000 and 5 000 documents. Each typesetting run is a child
//! process of its own, so that its peak memory is its own.
//!
//! `cargo bench --bench pipeline -- [MEETINGS] [TYPESET_MEETINGS]` (defaults 10000 and 1000).

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use yishi::batch;
use yishi::printing::{self, Outcome, PrintOptions};
use yishi::render::{RenderOptions, Typesetter};
use yishi::settings::Settings;

const HEADER: &str = "编号,层级,街道,社区,协商形式,议题,议题背景,议题类别,重大事项,议题确定日期,信息公开日期,公开渠道,邀请发出日期,旁听预约开放日期,旁听席位,会议日期,会议地点,主持人,记录人,应到人数,实到人数,两委成员人数,赞成,反对,弃权,协商结果,签名确认,结果形式,结果公示日期,公示渠道,责任领导,责任部门,完成时限,反馈时限,旁听预约方式,监督电话\n";

/// Set in a child process: `MEETINGS,JOBS` to typeset.
const CHILD: &str = "YISHI_BENCH_TYPESET";

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
            "C{community}-{i:05},社区,莲花街道,第{community}社区,居民议事会,第{i}号楼加装电梯与公共空间改造协商,居民反映出行不便，需协商费用分摊。,公共事务,否,2026-{month:02}-01,2026-{month:02}-{notice:02},公开栏、公众号,2026-{month:02}-01,2026-{month:02}-01,2,2026-{month:02}-{held:02},社区党群服务中心议事厅,王{i}玥,李{i}燊,15,{present},4,10,1,1,通过,是,会议决议,2026-{month:02}-{held:02},公开栏,王{i}玥,第{community}社区工作站,2026-12-31,2027-01-15,到社区党群服务中心前台登记,0755-8345{community:04}",
        );
    }
    out
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|kb| kb.parse::<f64>().ok())
            })
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
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

/// In a child process: typesets every document of `meetings` meetings with `jobs` threads and
/// prints `documents seconds peak-MiB`.
fn typeset_child(meetings: usize, jobs: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    write_batch(dir.path(), meetings);
    let settings = settings();
    let checked = batch::run(&[dir.path().to_path_buf()], &settings);
    let typesetter = Typesetter::new(&RenderOptions::default());
    let opts = PrintOptions {
        jobs,
        ..PrintOptions::default()
    };
    let out = dir.path().join("out");
    let started = Instant::now();
    let printed = printing::documents(&checked, &settings, &typesetter, &out, &opts, &|_| {});
    let secs = started.elapsed().as_secs_f64();
    let written = printed
        .iter()
        .filter(|p| matches!(p.outcome, Outcome::Written { .. }))
        .count();
    assert_eq!(written, printed.len(), "every generated document prints");
    println!("{written} {secs} {}", peak_rss_mib());
}

/// Runs [`typeset_child`] in a child process: documents, seconds, peak MiB.
fn typeset_in_child(meetings: usize, jobs: usize) -> (usize, f64, f64) {
    let exe = std::env::current_exe().expect("own path");
    let out = std::process::Command::new(exe)
        .env(CHILD, format!("{meetings},{jobs}"))
        .output()
        .expect("child runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = String::from_utf8_lossy(&out.stdout);
    let mut fields = line.split_whitespace();
    let mut next = || fields.next().expect("three numbers");
    (
        next().parse().expect("documents"),
        next().parse().expect("seconds"),
        next().parse().expect("MiB"),
    )
}

fn main() {
    if let Ok(spec) = std::env::var(CHILD) {
        let (meetings, jobs) = spec.split_once(',').expect("MEETINGS,JOBS");
        typeset_child(
            meetings.parse().expect("meetings"),
            jobs.parse().expect("jobs"),
        );
        return;
    }
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let meetings = args.first().copied().unwrap_or(10_000);
    let typeset_meetings = args.get(1).copied().unwrap_or(1_000);
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
    drop(checked);

    let mut rates = Vec::new();
    for jobs in [1, 2] {
        let (documents, secs, peak) = typeset_in_child(typeset_meetings, jobs);
        let rate = documents as f64 / secs;
        rates.push(rate);
        println!(
            "typeset: {typeset_meetings} meetings, {documents} documents with {jobs} thread(s) in {secs:.2} s = {rate:.1} documents/s (peak RSS {peak:.0} MiB)"
        );
    }
    println!(
        "typeset: 2 threads / 1 thread = {:.2}×",
        rates[1] / rates[0]
    );
    for documents in [1_000, 5_000] {
        let (written, secs, peak) = typeset_in_child(documents / 4, 2);
        println!(
            "memory: {written} documents with 2 threads in {secs:.2} s, peak RSS {peak:.0} MiB"
        );
    }
}
