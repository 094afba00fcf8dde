//! The rule registry: one rule per file, each with its [`RuleMeta`] (code, name, severity, the
//! clause it rests on, the levels it applies to, its parameters and readings with their
//! defaults), a doc comment (its module doc, which `explain` prints) headed
//! "CODE title (name)", and a pure check function.
//!
//! D001, D003, D006 and D010 are found while loading and merging, D008 and D009 while loading and
//! applying the workspace's decisions; their files hold the metadata and the doc, and the
//! finding is made where the data is read.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::diag::Diagnostic;
use crate::fields::Field;
use crate::guard;
use crate::meta::RuleMeta;
use crate::model::{Level, Meeting};
use crate::settings::Settings;
use crate::spelling::nearest;

mod followup;
mod lead;
pub mod periods;
mod signing;
mod within;

pub mod d001;
pub mod d002;
pub mod d003;
pub mod d004;
pub mod d005;
pub mod d006;
pub mod d007;
pub mod d008;
pub mod d009;
pub mod d010;
pub mod d011;
pub mod jl001;
pub mod jl002;
pub mod jl003;
pub mod jl004;
pub mod jl005;
pub mod jl006;
pub mod jl007;
pub mod jl008;
pub mod jl009;
pub mod jl010;
pub mod jl011;
pub mod jl012;
pub mod sz001;
pub mod sz002;
pub mod sz003;
pub mod sz004;
pub mod sz005;
pub mod sz006;
pub mod sz007;
pub mod sz008;
pub mod sz009;
pub mod sz101;
pub mod sz102;
pub mod sz103;
pub mod sz104;
pub mod sz105;
pub mod sz106;
pub mod sz107;
pub mod sz108;
pub mod sz109;
pub mod sz110;
pub mod sz111;
pub mod sz112;
pub mod sz201;
pub mod sz202;
pub mod sz203;
pub mod sz204;
pub mod sz205;
pub mod sz206;
pub mod sz207;
pub mod sz208;
pub mod xj001;
pub mod xj002;
pub mod xj003;
pub mod xj004;
pub mod xj005;
pub mod xj006;
pub mod xj007;
pub mod xj008;

pub type CheckFn = fn(&mut Ctx);
pub type BatchFn = fn(&mut BatchCtx);

/// How a rule looks at the records.
#[derive(Clone, Copy)]
pub enum Check {
    /// Found while loading and merging (D001, D003, D006).
    Loading,
    /// One meeting at a time.
    Meeting(CheckFn),
    /// The whole batch: follow-ups across meetings, committees of a unit.
    Batch(BatchFn),
    /// Frequencies over periods ("每季度至少1次"): counted per unit and period by
    /// [`periods::tally`], for the check and for the annual figures alike.
    Frequency(&'static [periods::Frequency]),
}

pub struct Rule {
    pub meta: &'static RuleMeta,
    pub check: Check,
}

impl Rule {
    const fn loading(meta: &'static RuleMeta) -> Rule {
        Rule {
            meta,
            check: Check::Loading,
        }
    }

    const fn meeting(meta: &'static RuleMeta, check: CheckFn) -> Rule {
        Rule {
            meta,
            check: Check::Meeting(check),
        }
    }

    const fn batch(meta: &'static RuleMeta, check: BatchFn) -> Rule {
        Rule {
            meta,
            check: Check::Batch(check),
        }
    }

    const fn frequency(
        meta: &'static RuleMeta,
        frequencies: &'static [periods::Frequency],
    ) -> Rule {
        Rule {
            meta,
            check: Check::Frequency(frequencies),
        }
    }
}

/// Every rule, in code order.
pub static RULES: &[Rule] = &[
    Rule::loading(&d001::META),
    Rule::meeting(&d002::META, d002::check),
    Rule::loading(&d003::META),
    Rule::meeting(&d004::META, d004::check),
    Rule::meeting(&d005::META, d005::check),
    Rule::loading(&d006::META),
    Rule::meeting(&d007::META, d007::check),
    Rule::loading(&d008::META),
    Rule::loading(&d009::META),
    Rule::loading(&d010::META),
    Rule::meeting(&d011::META, d011::check),
    Rule::meeting(&sz001::META, sz001::check),
    Rule::meeting(&sz002::META, sz002::check),
    Rule::meeting(&sz003::META, sz003::check),
    Rule::meeting(&sz004::META, sz004::check),
    Rule::meeting(&sz005::META, sz005::check),
    Rule::frequency(&sz006::META, sz006::FREQUENCIES),
    Rule::meeting(&sz007::META, sz007::check),
    Rule::meeting(&sz008::META, sz008::check),
    Rule::meeting(&sz009::META, sz009::check),
    Rule::meeting(&sz101::META, sz101::check),
    Rule::meeting(&sz102::META, sz102::check),
    Rule::frequency(&sz103::META, sz103::FREQUENCIES),
    Rule::meeting(&sz104::META, sz104::check),
    Rule::meeting(&sz105::META, sz105::check),
    Rule::meeting(&sz106::META, sz106::check),
    Rule::meeting(&sz107::META, sz107::check),
    Rule::frequency(&sz108::META, sz108::FREQUENCIES),
    Rule::frequency(&sz109::META, sz109::FREQUENCIES),
    Rule::frequency(&sz110::META, sz110::FREQUENCIES),
    Rule::meeting(&sz111::META, sz111::check),
    Rule::meeting(&sz112::META, sz112::check),
    Rule::meeting(&sz201::META, sz201::check),
    Rule::meeting(&sz202::META, sz202::check),
    Rule::meeting(&sz203::META, sz203::check),
    Rule::meeting(&sz204::META, sz204::check),
    Rule::meeting(&sz205::META, sz205::check),
    Rule::batch(&sz206::META, sz206::check),
    Rule::meeting(&sz207::META, sz207::check),
    Rule::meeting(&sz208::META, sz208::check),
    Rule::batch(&jl001::META, jl001::check),
    Rule::meeting(&jl002::META, jl002::check),
    Rule::meeting(&jl003::META, jl003::check),
    Rule::meeting(&jl004::META, jl004::check),
    Rule::meeting(&jl005::META, jl005::check),
    Rule::batch(&jl006::META, jl006::check),
    Rule::meeting(&jl007::META, jl007::check),
    Rule::meeting(&jl008::META, jl008::check),
    Rule::meeting(&jl009::META, jl009::check),
    Rule::meeting(&jl010::META, jl010::check),
    Rule::meeting(&jl011::META, jl011::check),
    Rule::batch(&jl012::META, jl012::check),
    Rule::meeting(&xj001::META, xj001::check),
    Rule::meeting(&xj002::META, xj002::check),
    Rule::meeting(&xj003::META, xj003::check),
    Rule::meeting(&xj004::META, xj004::check),
    Rule::meeting(&xj005::META, xj005::check),
    Rule::meeting(&xj006::META, xj006::check),
    Rule::meeting(&xj007::META, xj007::check),
    Rule::meeting(&xj008::META, xj008::check),
];

/// A name that is no rule's code or name, with the closest that is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoSuchRule {
    pub name: String,
    /// The code or name the user most likely meant.
    pub suggestion: Option<&'static str>,
}

impl std::fmt::Display for NoSuchRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "没有规则「{}」", self.name)?;
        if let Some(near) = self.suggestion {
            write!(f, "，是否想写「{near}」？")?;
        }
        Ok(())
    }
}

/// A rule by its code (any case) or its kebab-case name; the one way a rule is looked up, from
/// the command line, `yishi.toml` or a finding's code.
pub fn lookup(name: &str) -> Result<&'static Rule, NoSuchRule> {
    let name = name.trim();
    if let Some(rule) = RULES
        .iter()
        .find(|r| r.meta.code.eq_ignore_ascii_case(name) || r.meta.name.eq_ignore_ascii_case(name))
    {
        return Ok(rule);
    }
    let codes = RULES.iter().map(|r| r.meta.code);
    let names = RULES.iter().map(|r| r.meta.name);
    Err(NoSuchRule {
        name: name.to_string(),
        suggestion: nearest(&name.to_uppercase(), codes)
            .or_else(|| nearest(&name.to_lowercase(), names)),
    })
}

/// What a rule's check sees: the meeting, the settings, and a place to put findings.
pub struct Ctx<'a> {
    pub m: &'a Meeting,
    pub settings: &'a Settings,
    pub out: Vec<Diagnostic>,
    /// Fields a rule needed and did not find, with the rules that needed them.
    missing: BTreeMap<Field, Vec<&'static str>>,
    /// The rules that found the meeting within their scope ([`Ctx::applies`]).
    applied: Vec<&'static str>,
}

impl<'a> Ctx<'a> {
    pub fn new(m: &'a Meeting, settings: &'a Settings) -> Ctx<'a> {
        Ctx {
            m,
            settings,
            out: Vec::new(),
            missing: BTreeMap::new(),
            applied: Vec::new(),
        }
    }

    /// Notes that the meeting falls within `rule`'s scope: the rule holds it to its requirement
    /// (a street meeting for SZ002, a meeting that opened observer booking for SZ102). Whether
    /// it met it is what the rule reports; the annual figures count both.
    pub fn applies(&mut self, rule: &'static RuleMeta) {
        if !self.applied.contains(&rule.code) {
            self.applied.push(rule.code);
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.settings.today
    }

    /// Adds a finding about this meeting.
    pub fn emit(&mut self, mut d: Diagnostic) {
        d.meeting = Some(self.m.code.clone());
        d.street = self.m.street().map(str::to_string);
        d.community = self.m.community().map(str::to_string);
        self.out.push(d);
    }

    /// Notes that `rule` needs `field`; true when it is there. A field whose text could not be
    /// parsed is already reported (D003) and is not reported missing again.
    pub fn need(&mut self, rule: &'static RuleMeta, field: Field) -> bool {
        if self.m.fields.contains_key(&field) {
            return true;
        }
        if !self.m.invalid.contains_key(&field) {
            let rules = self.missing.entry(field).or_default();
            if !rules.contains(&rule.code) {
                rules.push(rule.code);
            }
        }
        false
    }

    pub fn need_date(&mut self, rule: &'static RuleMeta, field: Field) -> Option<NaiveDate> {
        if self.need(rule, field) {
            self.m.date(field)
        } else {
            None
        }
    }

    pub fn need_count(&mut self, rule: &'static RuleMeta, field: Field) -> Option<u32> {
        if self.need(rule, field) {
            self.m.count(field)
        } else {
            None
        }
    }

    pub fn need_yes_no(&mut self, rule: &'static RuleMeta, field: Field) -> Option<bool> {
        if self.need(rule, field) {
            self.m.yes_no(field)
        } else {
            None
        }
    }

    /// The fields of `fields` the meeting lacks; one given but unreadable is reported by D003
    /// and not counted as absent.
    pub fn absent(&self, fields: &[Field]) -> Vec<Field> {
        fields
            .iter()
            .copied()
            .filter(|f| !self.m.fields.contains_key(f) && !self.m.invalid.contains_key(f))
            .collect()
    }

    /// Whether the outcome is an adopted result: 通过 or 达成一致.
    pub fn adopted(&self) -> bool {
        adopted(self.m)
    }

    /// Reports each missing field once (D002), naming every rule that needed it.
    pub fn finish(mut self) -> Checks {
        for (field, rules) in std::mem::take(&mut self.missing) {
            let loc = self.m.missing_loc(field).clone();
            let given_empty = self.m.empty.contains_key(&field);
            let d = Diagnostic::new(
                &d002::META,
                format!(
                    "缺少「{}」：{} 需要这一项才能检查",
                    field.zh(),
                    rules.join("、")
                ),
            )
            .at(Some(&loc))
            .label(if given_empty {
                "此处为空"
            } else {
                "该会议没有这一栏"
            })
            .field(field.zh())
            .fact("field", field.zh())
            .fact("needed_by", rules.clone())
            .help(format!(
                "在台账「{}」（{}）一栏或会议记录的前置信息中填写；确实没有的，请在备注中说明原因",
                field.zh(),
                field.en()
            ));
            self.emit(d);
        }
        // Every meeting's findings are held until the batch's are sorted: no room to spare.
        self.out.shrink_to_fit();
        Checks {
            found: self.out,
            applied: self.applied,
        }
    }
}

/// What the meeting rules made of one meeting.
#[derive(Debug, Default)]
pub struct Checks {
    pub found: Vec<Diagnostic>,
    /// The codes of the rules whose scope the meeting is in, in the order they noted it.
    pub applied: Vec<&'static str>,
}

/// Runs every active meeting rule over one meeting.
pub fn check_meeting(m: &Meeting, settings: &Settings) -> Checks {
    let mut cx = Ctx::new(m, settings);
    let level = m.level();
    for rule in RULES {
        if let Check::Meeting(check) = rule.check
            && settings.runs(rule.meta)
            && rule.meta.levels.include(level)
        {
            check(&mut cx);
        }
    }
    cx.finish()
}

/// What a batch rule sees: every meeting, the units and periods they fall in, the settings.
pub struct BatchCtx<'a> {
    pub meetings: &'a [Meeting],
    pub settings: &'a Settings,
    /// The dates the batch covers, for streets and for communities and villages.
    spans: Spans,
    pub out: Vec<Diagnostic>,
}

impl BatchCtx<'_> {
    /// The dates whose periods are checked for units of `level`.
    pub fn span(&self, level: Level) -> Option<(NaiveDate, NaiveDate)> {
        self.spans[usize::from(level != Level::Street)]
    }

    pub fn today(&self) -> NaiveDate {
        self.settings.today
    }

    /// Adds a finding about a unit (and a period, when it has one).
    pub fn emit_for(
        &mut self,
        unit: &periods::Unit,
        period: Option<&periods::Period>,
        mut d: Diagnostic,
    ) {
        d.street.clone_from(&unit.street);
        d.community.clone_from(&unit.community);
        d.period = period.map(periods::Period::key);
        self.out.push(d);
    }

    /// Adds a finding about one meeting.
    pub fn emit_meeting(&mut self, m: &Meeting, mut d: Diagnostic) {
        d.meeting = Some(m.code.clone());
        d.street = m.street().map(str::to_string);
        d.community = m.community().map(str::to_string);
        self.out.push(d);
    }
}

/// Runs every active batch rule over the merged meetings. A bug in one rule is reported as an
/// internal error in place of that rule's findings; the other rules still run.
pub fn check_batch(meetings: &[Meeting], settings: &Settings) -> Vec<Diagnostic> {
    check_batch_with(RULES, meetings, settings)
}

/// The dates whose periods the frequency rules check, for streets and for communities and
/// villages: the configured year, else the first to the last meeting date of each.
pub type Spans = [Option<(NaiveDate, NaiveDate)>; 2];

/// The [`Spans`] of a batch's meetings.
pub fn batch_spans(meetings: &[Meeting], settings: &Settings) -> Spans {
    [
        periods::batch_span(meetings, settings, Level::Street),
        periods::batch_span(meetings, settings, Level::Community),
    ]
}

/// Whether the [`Spans`] depend on the meetings: no year is configured and a frequency rule runs.
pub fn spans_from_meetings(settings: &Settings) -> bool {
    settings.year.is_none()
        && RULES
            .iter()
            .any(|r| matches!(r.check, Check::Frequency(_)) && settings.runs(r.meta))
}

/// [`check_batch`] on a part of a batch (one street), the periods checked being those of the
/// whole batch's `spans`.
pub fn check_batch_in(meetings: &[Meeting], settings: &Settings, spans: Spans) -> Vec<Diagnostic> {
    check_batch_spans(RULES, meetings, settings, spans)
}

fn check_batch_with(rules: &[Rule], meetings: &[Meeting], settings: &Settings) -> Vec<Diagnostic> {
    check_batch_spans(rules, meetings, settings, batch_spans(meetings, settings))
}

fn check_batch_spans(
    rules: &[Rule],
    meetings: &[Meeting],
    settings: &Settings,
    spans: Spans,
) -> Vec<Diagnostic> {
    let mut cx = BatchCtx {
        meetings,
        settings,
        spans,
        out: Vec::new(),
    };
    let mut out = Vec::new();
    for rule in rules {
        if matches!(rule.check, Check::Loading | Check::Meeting(_)) || !settings.runs(rule.meta) {
            continue;
        }
        let found = guard::checked(
            || {
                match rule.check {
                    Check::Batch(check) => check(&mut cx),
                    Check::Frequency(frequencies) => periods::check_all(&mut cx, frequencies),
                    Check::Loading | Check::Meeting(_) => {}
                }
                std::mem::take(&mut cx.out)
            },
            |panic| {
                Diagnostic::internal(
                    format!(
                        "内部错误：运行规则 {} 时程序出错，这条规则的结论未得出，其余规则照常检查",
                        rule.meta.code
                    ),
                    panic.to_string(),
                    None,
                )
            },
        );
        match found {
            Ok(found) => out.extend(found),
            Err(internal) => {
                // What the rule found before it failed is incomplete: not reported.
                cx.out.clear();
                out.push(*internal);
            }
        }
    }
    out
}

/// Whether the outcome is an adopted result: 通过 or 达成一致.
pub fn adopted(m: &Meeting) -> bool {
    matches!(m.text(Field::Outcome), Some("通过" | "达成一致"))
}

/// Whether the meeting formed an opinion to publish: any outcome but a dispute or an escalation
/// (a proposal voted down is a result too).
pub fn opinion_formed(m: &Meeting) -> bool {
    !matches!(m.text(Field::Outcome), Some("存在分歧" | "提交上级"))
}

/// Fields as a help line lists them: 「完成时限」「实施形式」.
pub fn quoted(fields: &[Field]) -> String {
    fields
        .iter()
        .map(|f| format!("「{}」", f.zh()))
        .collect::<Vec<_>>()
        .concat()
}

/// A date as the messages print it.
pub fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_is_found_by_code_or_name_and_a_slip_by_its_closest() {
        let code = |name: &str| lookup(name).map(|r| r.meta.code).ok();
        assert_eq!(code("sz002"), Some("SZ002"));
        assert_eq!(code(" notice-published-too-late "), Some("SZ002"));
        let unknown = |name: &str| lookup(name).err().expect("no such rule");
        let slip = unknown("SZ02");
        assert_eq!(slip.suggestion, Some("SZ002"));
        assert_eq!(slip.to_string(), "没有规则「SZ02」，是否想写「SZ002」？");
        let name = unknown("quorum-not-reachd");
        assert_eq!(name.suggestion, Some("quorum-not-reached"));
        assert_eq!(unknown("会议").suggestion, None);
    }

    fn boom(_: &mut BatchCtx) {
        panic!("a bug in a batch rule");
    }

    fn fine(cx: &mut BatchCtx) {
        cx.out.push(Diagnostic::new(&d002::META, "ok"));
    }

    /// A bug in one batch rule is reported in place of that rule's findings; the others run.
    #[test]
    fn a_panicking_batch_rule_fails_alone() {
        let settings = Settings::new(NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date"));
        let rules = [
            Rule::batch(&sz006::META, boom),
            Rule::batch(&sz103::META, fine),
        ];
        let found = check_batch_with(&rules, &[], &settings);
        let codes: Vec<&str> = found.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["E000", "D002"]);
        assert!(found[0].message.contains("SZ006"), "{}", found[0].message);
        let detail = found[0].facts["panic"].as_str().expect("the panic");
        assert!(detail.contains("a bug in a batch rule"), "{detail}");
    }
}
