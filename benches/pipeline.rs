//! Benchmark of the pipeline on a generated batch: how many meetings a second are loaded,
//! merged and checked, and how many minutes a second are typeset with 1 and with 2 threads, with
//! the process's peak memory.
//!
//! `cargo bench --bench pipeline -- [MEETINGS] [DOCUMENTS]` (defaults 10000 and 200).

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use yishi::batch;
use yishi::printing;
use yishi::render::{RenderOptions, Typesetter};
use yishi::settings::Settings;

const HEADER: &str = "编号,层级,街道,社区,协商形式,议题,议题背景,议题类别,重大事项,议题确定日期,信息公开日期,公开渠道,邀请发出日期,旁听预约开放日期,旁听席位,会议日期,会议地点,主持人,记录人,应到人数,实到人数,两委成员人数,赞成,反对,弃权,协商结果,签名确认,结果形式,结果公示日期,公示渠道\n";

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
            "C{community}-{i:05},社区,莲花街道,第{community}社区,居民议事会,第{i}号楼加装电梯与公共空间改造协商,居民反映出行不便，需协商费用分摊。,公共事务,否,2026-{month:02}-01,2026-{month:02}-{notice:02},公开栏、公众号,2026-{month:02}-01,2026-{month:02}-01,2,2026-{month:02}-{held:02},社区党群服务中心议事厅,王{i}玥,李{i}燊,15,{present},4,10,1,1,通过,是,会议决议,2026-{month:02}-{held:02},公开栏",
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

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let meetings = args.first().copied().unwrap_or(10_000);
    let documents = args.get(1).copied().unwrap_or(200);
    let dir = tempfile::tempdir().expect("temp dir");
    let communities = 20;
    for c in 0..communities {
        let path = dir.path().join(format!("c{c}.csv"));
        std::fs::write(&path, ledger(c, meetings / communities)).expect("write ledger");
    }
    let settings = Settings::new(chrono::NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"));

    let started = Instant::now();
    let checked = batch::run(&[dir.path().to_path_buf()], &settings);
    let secs = started.elapsed().as_secs_f64();
    println!(
        "check: {} meetings, {} diagnostics in {:.3} s = {:.0} meetings/s",
        checked.meetings.len(),
        checked.diagnostics.len(),
        secs,
        checked.meetings.len() as f64 / secs
    );

    let typesetter = Typesetter::new(&RenderOptions::default());
    let mut subset = batch::run(&[dir.path().join("c0.csv")], &settings);
    subset.meetings.truncate(documents);
    let mut rates = Vec::new();
    for jobs in [1, 2] {
        let out = dir.path().join(format!("out{jobs}"));
        let started = Instant::now();
        let printed = printing::minutes(&subset, &settings, &typesetter, Path::new(&out), jobs);
        let secs = started.elapsed().as_secs_f64();
        let rate = printed.len() as f64 / secs;
        rates.push(rate);
        println!(
            "typeset: {} minutes with {jobs} thread(s) in {secs:.2} s = {rate:.1} documents/s",
            printed.len()
        );
    }
    println!(
        "typeset: 2 threads / 1 thread = {:.2}×",
        rates[1] / rates[0]
    );
    println!("peak RSS: {:.0} MiB", peak_rss_mib());
}
