//! Diagnostics: what the checker found, where, on which facts, under which clause.

use std::borrow::Cow;

use serde::ser::{Serialize, Serializer};
use serde_json::{Map, Value as Json};

use crate::meta::RuleMeta;
use crate::source::Loc;

pub use crate::meta::{Citation, Severity};

/// A finding's text that is most often the same for every finding of its rule (a requirement, a
/// fix, a column's name): the rule's own words are borrowed, not copied into each finding.
pub type Text = Cow<'static, str>;

/// The facts a finding rests on, by name, in the order they were given: what JSON and SARIF
/// show as its `facts`. A finding has a handful; a batch has hundreds of thousands of findings,
/// so they are a short list with the rules' own names, not a hash map with copied keys.
#[derive(Clone, Debug, Default)]
pub struct Facts(Vec<(&'static str, Json)>);

impl Facts {
    /// Sets the fact, in the place it had when it is given again.
    pub fn insert(&mut self, key: &'static str, value: Json) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((key, value)),
        }
    }

    pub fn get(&self, key: &str) -> Option<&Json> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Json)> {
        self.0.iter().map(|(k, v)| (*k, v))
    }

    /// The facts as a JSON object.
    pub fn to_map(&self) -> Map<String, Json> {
        self.iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }
}

impl std::ops::Index<&str> for Facts {
    type Output = Json;

    fn index(&self, key: &str) -> &Json {
        self.get(key).unwrap_or(&Json::Null)
    }
}

impl Serialize for Facts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

/// One finding.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub title: &'static str,
    pub severity: Severity,
    /// The finding with its facts, one sentence.
    pub message: String,
    /// Short text under the caret.
    pub label: Option<Text>,
    pub loc: Option<Loc>,
    /// The column or key the finding is about, as the file names it.
    pub field: Option<Text>,
    /// Other places that belong to the finding (the first of two duplicates, the other value of
    /// a conflict).
    pub related: Vec<(Loc, String)>,
    pub meeting: Option<String>,
    pub street: Option<String>,
    pub community: Option<String>,
    pub period: Option<String>,
    pub facts: Facts,
    /// What is required, with the computed window and the counting article.
    pub requirement: Option<Text>,
    pub help: Option<Text>,
    pub citation: Option<Citation>,
}

impl Diagnostic {
    /// A diagnostic of the rule `meta` with its default severity.
    pub fn new(meta: &RuleMeta, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code: meta.code,
            name: meta.name,
            title: meta.title,
            severity: meta.severity,
            message: message.into(),
            label: None,
            loc: None,
            field: None,
            related: Vec::new(),
            meeting: None,
            street: None,
            community: None,
            period: None,
            facts: Facts::default(),
            requirement: None,
            help: None,
            citation: Some(meta.citation),
        }
    }

    /// A bug met while reading or checking: reported where it happened, with what the program
    /// said, so the rest of the batch is still checked.
    pub fn internal(message: String, detail: String, loc: Option<&Loc>) -> Diagnostic {
        let mut facts = Facts::default();
        facts.insert("panic", Json::String(detail));
        Diagnostic {
            code: "E000",
            name: "internal-error",
            title: "内部错误",
            severity: Severity::Error,
            message,
            label: Some("在这里出错".into()),
            loc: loc.cloned(),
            field: None,
            related: Vec::new(),
            meeting: None,
            street: None,
            community: None,
            period: None,
            facts,
            requirement: None,
            help: Some(
                "这是 yishi 的缺陷，不是记录的问题：请把这条提示和出错的文件一并报告给维护者"
                    .into(),
            ),
            citation: None,
        }
    }

    /// A problem in one of the run's own files (`yishi.toml`, a holiday file), shown as findings
    /// are: `code` names the kind of file, `key` the key the problem is about.
    pub fn problem(
        (code, name, title): (&'static str, &'static str, &'static str),
        message: String,
        loc: Option<&Loc>,
        key: &str,
        help: String,
    ) -> Diagnostic {
        Diagnostic {
            code,
            name,
            title,
            severity: Severity::Error,
            message,
            label: None,
            loc: loc.cloned(),
            field: (!key.is_empty()).then(|| key.to_string().into()),
            related: Vec::new(),
            meeting: None,
            street: None,
            community: None,
            period: None,
            facts: Facts::default(),
            requirement: None,
            help: Some(help.into()),
            citation: None,
        }
    }

    #[must_use]
    pub fn at(mut self, loc: Option<&Loc>) -> Self {
        self.loc = loc.cloned();
        self
    }
    #[must_use]
    pub fn label(mut self, label: impl Into<Text>) -> Self {
        self.label = Some(label.into());
        self
    }
    #[must_use]
    pub fn field(mut self, field: impl Into<Text>) -> Self {
        self.field = Some(field.into());
        self
    }
    #[must_use]
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
    #[must_use]
    pub fn fact(mut self, key: &'static str, value: impl Into<Json>) -> Self {
        self.facts.insert(key, value.into());
        self
    }
    #[must_use]
    pub fn requirement(mut self, text: impl Into<Text>) -> Self {
        self.requirement = Some(text.into());
        self
    }
    #[must_use]
    pub fn help(mut self, text: impl Into<Text>) -> Self {
        self.help = Some(text.into());
        self
    }
    #[must_use]
    pub fn related(mut self, loc: &Loc, text: impl Into<String>) -> Self {
        self.related.push((loc.clone(), text.into()));
        self
    }

    /// The order diagnostics are printed in: by file, place, then code.
    pub fn sort_key(&self) -> (String, usize, &'static str, String) {
        match &self.loc {
            Some(loc) => (
                loc.file.name.clone(),
                loc.span.start,
                self.code,
                self.message.clone(),
            ),
            None => (String::new(), 0, self.code, self.message.clone()),
        }
    }
}

/// A problem of a settings file (yishi.toml, a holiday file) that is shown as findings are.
pub trait FileProblem: std::fmt::Display {
    fn diagnostic(&self) -> Diagnostic;
}

/// Every problem of one settings file, in the order they occur in it, so a clerk fixes them all
/// in one pass instead of one a run.
#[derive(Clone, Debug)]
pub struct FileProblems<E>(pub Vec<E>);

impl<E: FileProblem> FileProblems<E> {
    /// Each problem as findings are shown.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.0.iter().map(FileProblem::diagnostic).collect()
    }
}

impl<E: FileProblem> std::fmt::Display for FileProblems<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl<E: FileProblem + std::fmt::Debug> std::error::Error for FileProblems<E> {}
