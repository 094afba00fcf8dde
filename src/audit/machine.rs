//! The audit for machines: the JSON report of `check` and its SARIF log, each finding with its
//! key, and those on the list with where they stand (`yishi audit --format json|sarif`).
//!
//! JSON: every diagnostic gains `key` (its SARIF fingerprint); a diagnostic on the list gains
//! `audit` (its street, unit, row, the clerk's fields and, against last month's list, `state`
//! new or persisting, `overdue`, `not_fixed`); the top level gains `absent` (last month's items
//! not found now: `state` fixed or unverified) and `audit` (per street: the score and the
//! totals). SARIF: a result on the list gains `baselineState` (new, unchanged) and the same
//! `audit` properties; last month's items not found now are added as results with
//! `baselineState` absent.

use serde_json::{Map, Value as Json, json};

use super::{Audit, Closed, Item, Scoring, State, StreetAudit};
use crate::diag::Diagnostic;

pub mod streets;

/// Adds each diagnostic's `key` to a JSON report, in order.
pub fn keyed(doc: &mut Json, keys: &[String]) {
    if let Some(list) = doc["diagnostics"].as_array_mut() {
        for (d, key) in list.iter_mut().zip(keys) {
            if let Json::Object(map) = d {
                map.insert("key".into(), json!(key));
            }
        }
    }
}

fn item_fields(street: &str, row: usize, it: &Item) -> Json {
    json!({
        "street": street,
        "unit": it.unit,
        "row": row,
        "area": it.area.zh(),
        "subject": it.subject,
        "place": it.place,
        "basis": it.basis,
        "measure": it.measure,
        "responsible": it.responsible,
        "owner": it.filled.owner,
        "deadline": it.filled.deadline.text,
        "status": it.filled.status.zh(),
        "evidence": it.filled.evidence,
        "deducts": it.deducts,
        "state": it.state,
        "overdue": it.overdue,
        "not_fixed": it.not_fixed,
    })
}

fn closed_fields(street: &str, c: &Closed) -> Json {
    let r = &c.row;
    json!({
        "key": r.key,
        "state": c.state,
        "reason": c.reason,
        "code": r.code,
        "title": r.title,
        "severity": r.severity,
        "message": r.message,
        "street": street,
        "unit": r.unit,
        "area": r.area,
        "subject": r.subject,
        "place": r.place,
        "basis": r.basis,
        "measure": r.measure,
        "responsible": r.responsible,
        "owner": r.filled.owner,
        "deadline": r.filled.deadline.text,
        "status": r.filled.status.zh(),
        "evidence": r.filled.evidence,
    })
}

/// A street's score and totals, as the audit's summary lists it.
pub fn street_summary(a: &StreetAudit) -> Json {
    json!({
        "street": a.street,
        "issuer": a.issuer,
        "items": a.items.len(),
        "errors": a.count(crate::diag::Severity::Error),
        "warnings": a.count(crate::diag::Severity::Warning),
        "score": a.scored.total,
        "full": a.scored.full,
        "scores": a.scored.items.iter().map(|s| json!({
            "area": s.item.area.zh(),
            "points": s.item.points,
            "errors": s.errors,
            "warnings": s.warnings,
            "not_deducted": s.not_deducted,
            "deducted": s.deducted.min(s.item.points),
            "score": s.score,
        })).collect::<Vec<_>>(),
        "baseline": a.baseline,
        "totals": a.totals,
    })
}

/// The summary every audit output carries.
fn summary(audit: &Audit) -> Json {
    summary_of(
        (&audit.baselines, &audit.scoring),
        &audit.streets.iter().map(street_summary).collect::<Vec<_>>(),
        audit.unplaced.len(),
    )
}

/// The summary of an audit against last month's lists `baselines` scored by `scoring`: its
/// streets' (of [`street_summary`], in the streets' order) and how many findings no street could
/// be found for.
pub fn summary_of(
    (baselines, scoring): (&[String], &Scoring),
    streets: &[Json],
    unplaced: usize,
) -> Json {
    json!({
        "baselines": baselines,
        "scoring": {
            "defaults": !scoring.configured,
            "items": scoring.items.iter().map(|i| json!({
                "area": i.area.zh(),
                "key": super::scoring::area_key(i.area),
                "points": i.points,
                "error": i.per_error,
                "warning": i.per_warning,
                "standard": i.standard,
            })).collect::<Vec<_>>(),
        },
        "streets": streets,
        "unplaced": unplaced,
    })
}

/// A finding on a street's list: its street, its row on the list and the item.
pub type Listed<'a> = (&'a str, usize, &'a Item);

/// Each item of a street's list with its diagnostic's index.
pub fn listed_of(a: &StreetAudit) -> impl Iterator<Item = (usize, Listed<'_>)> {
    a.items
        .iter()
        .enumerate()
        .map(move |(i, it)| (it.diagnostic, (a.street.as_str(), i + 1, it)))
}

/// Each listed diagnostic's index with its street and row number.
fn listed(audit: &Audit) -> Vec<(usize, Listed<'_>)> {
    audit.streets.iter().flat_map(listed_of).collect()
}

/// A finding as the audit's JSON lists it: as `check`'s report has it, with its `key` and, when
/// it is on a street's list, its item (`audit`).
pub fn finding(d: &Diagnostic, key: &str, listed: Option<Listed<'_>>) -> Json {
    let mut out = crate::report::json::keyed(d, key);
    if let (Json::Object(map), Some((street, row, it))) = (&mut out, listed) {
        map.insert("audit".into(), item_fields(street, row, it));
    }
    out
}

/// Last month's items of a street's list not found now, as the audit's JSON lists them.
pub fn absent(a: &StreetAudit) -> Vec<Json> {
    a.closed
        .iter()
        .map(|c| closed_fields(&a.street, c))
        .collect()
}

/// The audit's JSON: `check`'s report (`doc`) with keys, states and the audit summary.
pub fn json(doc: &mut Json, audit: &Audit) {
    keyed(doc, &audit.keys);
    if let Some(list) = doc["diagnostics"].as_array_mut() {
        for (i, (street, row, it)) in listed(audit) {
            if let Some(Json::Object(map)) = list.get_mut(i) {
                map.insert("audit".into(), item_fields(street, row, it));
            }
        }
    }
    let absent: Vec<Json> = audit.streets.iter().flat_map(absent).collect();
    if let Json::Object(map) = doc {
        map.insert("absent".into(), json!(absent));
        map.insert("audit".into(), summary(audit));
    }
}

/// The audit's SARIF log: `check`'s log (`doc`) with baseline states and the absent results.
pub fn sarif(doc: &mut Json, audit: &Audit) {
    let run = &mut doc["runs"][0];
    let rule_ids: Vec<String> = run["tool"]["driver"]["rules"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["id"].as_str().map(str::to_owned))
        .collect();
    if let Some(results) = run["results"].as_array_mut() {
        for (i, listed) in listed(audit) {
            if let Some(result) = results.get_mut(i) {
                on_list(result, listed);
            }
        }
        for a in &audit.streets {
            results.extend(absent_results(a, &rule_ids));
        }
    }
    if let Json::Object(props) = &mut run["properties"] {
        props.insert("audit".into(), summary(audit));
    }
}

/// A SARIF result of a finding on a street's list: its state against last month's list and its
/// item.
pub fn on_list(result: &mut Json, (street, row, it): Listed<'_>) {
    if let Some(state) = it.state {
        result["baselineState"] = json!(state.sarif());
    }
    if let Json::Object(props) = &mut result["properties"] {
        props.insert("audit".into(), item_fields(street, row, it));
    }
}

/// Last month's items of a street's list not found now, as SARIF results (`rule_ids`: the
/// log's rules, in order).
pub fn absent_results(a: &StreetAudit, rule_ids: &[String]) -> Vec<Json> {
    a.closed
        .iter()
        .map(|c| absent_result(&a.street, c, rule_ids))
        .collect()
}

fn absent_result(street: &str, c: &Closed, rule_ids: &[String]) -> Json {
    let r = &c.row;
    let mut out = Map::new();
    out.insert("ruleId".into(), json!(r.code));
    if let Some(i) = rule_ids.iter().position(|id| *id == r.code) {
        out.insert("ruleIndex".into(), json!(i));
    }
    out.insert(
        "level".into(),
        json!(r.severity.map_or("warning", crate::report::sarif::level)),
    );
    out.insert(
        "message".into(),
        json!({ "text": if r.message.is_empty() { r.title.clone() } else { r.message.clone() } }),
    );
    out.insert(
        "partialFingerprints".into(),
        json!({ crate::report::sarif::FINGERPRINT_KEY: r.key }),
    );
    out.insert("baselineState".into(), json!(State::Fixed.sarif()));
    out.insert(
        "properties".into(),
        json!({ "title": r.title, "street": street, "audit": closed_fields(street, c) }),
    );
    Json::Object(out)
}
