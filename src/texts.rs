//! The text outputs' templates (Tera): the dashboard (`dashboard.html`) and the notification
//! texts (`sms.txt`, `wechat.txt`). Each is embedded and may be replaced by a file of the same
//! name with `.tera` added (`sms.txt.tera`) in the workspace's templates folder, as the Typst
//! templates are. Record text only ever reaches a template as data in its context; HTML
//! templates escape every value they print.
//!
//! A template that does not parse, or fails while rendering, is reported with its file and line;
//! the outputs of the other templates are still written.

use std::path::{Path, PathBuf};

use serde::Serialize;

/// The templates there are, with their embedded text.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        DASHBOARD,
        include_str!("../templates/text/dashboard.html.tera"),
    ),
    (SMS, include_str!("../templates/text/sms.txt.tera")),
    (WECHAT, include_str!("../templates/text/wechat.txt.tera")),
];

pub const DASHBOARD: &str = "dashboard.html";
pub const SMS: &str = "sms.txt";
pub const WECHAT: &str = "wechat.txt";

/// A template that cannot be used: where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError {
    pub name: String,
    /// The workspace's file, or `None` for the embedded template.
    pub path: Option<PathBuf>,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let file = self.path.as_ref().map_or_else(
            || format!("内置模板 {}", self.name),
            |p| format!("模板 {}", p.display()),
        );
        match self.line {
            Some(line) => write!(f, "{file} 第 {line} 行：{}", self.message),
            None => write!(f, "{file}：{}", self.message),
        }
    }
}

/// One template ready to render, or why it is not.
struct Slot {
    name: &'static str,
    source: String,
    path: Option<PathBuf>,
    broken: Option<TemplateError>,
}

/// The text templates of a run, each parsed on its own so that one broken file leaves the
/// others usable.
pub struct Texts {
    tera: tera::Tera,
    slots: Vec<Slot>,
}

impl Texts {
    /// The embedded templates, each replaced by `<name>.tera` in `dir` when that file is there.
    pub fn new(dir: Option<&Path>) -> Texts {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.register_filter("json_script", json_script);
        let mut slots = Vec::new();
        for &(name, embedded) in EMBEDDED {
            let file = dir.map(|d| d.join(format!("{name}.tera")));
            let (source, path, unreadable) = match file.filter(|f| f.is_file()) {
                Some(file) => match std::fs::read_to_string(&file) {
                    Ok(text) => (text, Some(file), None),
                    Err(e) => (String::new(), Some(file), Some(e.to_string())),
                },
                None => (embedded.to_string(), None, None),
            };
            let broken = match unreadable {
                Some(message) => Some(TemplateError {
                    name: name.to_string(),
                    path: path.clone(),
                    line: None,
                    message: format!("无法读取（{message}）"),
                }),
                None => tera
                    .add_raw_template(name, &source)
                    .err()
                    .map(|e| located(name, path.as_ref(), &source, &e)),
            };
            slots.push(Slot {
                name,
                source,
                path,
                broken,
            });
        }
        Texts { tera, slots }
    }

    /// The workspace's files in use instead of the embedded templates.
    pub fn overridden(&self) -> Vec<&Path> {
        self.slots
            .iter()
            .filter_map(|s| s.path.as_deref())
            .collect()
    }

    fn slot(&self, name: &str) -> &Slot {
        self.slots
            .iter()
            .find(|s| s.name == name)
            .expect("a template of EMBEDDED")
    }

    /// Whether template `name` is the one built into the program, not a workspace's file.
    pub fn embedded(&self, name: &str) -> bool {
        self.slot(name).path.is_none()
    }

    /// Why template `name` cannot be used, if it cannot.
    pub fn broken(&self, name: &str) -> Option<&TemplateError> {
        self.slot(name).broken.as_ref()
    }

    /// Template `name` rendered with `context`.
    pub fn render(&self, name: &str, context: &impl Serialize) -> Result<String, TemplateError> {
        let slot = self.slot(name);
        if let Some(broken) = &slot.broken {
            return Err(broken.clone());
        }
        let context = tera::Context::from_serialize(context).map_err(|e| TemplateError {
            name: name.to_string(),
            path: slot.path.clone(),
            line: None,
            message: chain(&e),
        })?;
        self.tera
            .render(name, &context)
            .map_err(|e| located(name, slot.path.as_ref(), &slot.source, &e))
    }
}

/// The error's messages, outermost first.
fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join("：")
}

/// A Tera error with the line it is about: the parser says where (`--> 3:12`) and what it
/// expected; a render error names the variable, filter or function it could not find, found
/// here on its first line.
fn located(name: &str, path: Option<&PathBuf>, source: &str, e: &tera::Error) -> TemplateError {
    let text = chain(e);
    let at = text.split("--> ").nth(1).and_then(|rest| {
        let mut numbers = rest.split(|c: char| !c.is_ascii_digit());
        let line = numbers.next()?.parse::<usize>().ok()?;
        let column = numbers.next()?.parse::<usize>().ok()?;
        Some((line, column))
    });
    let (line, message) = if let Some((line, column)) = at {
        let expected = text
            .rsplit("= ")
            .next()
            .map_or("", str::trim)
            .replace('\n', " ");
        (Some(line), format!("第 {column} 列语法有误（{expected}）"))
    } else {
        let inner = {
            let mut inner: &dyn std::error::Error = e;
            while let Some(s) = inner.source() {
                inner = s;
            }
            inner.to_string()
        };
        let line = inner.split('`').nth(1).and_then(|named| {
            let find = |named: &str| {
                source
                    .lines()
                    .position(|l| (l.contains("{{") || l.contains("{%")) && l.contains(named))
                    .map(|i| i + 1)
            };
            find(named).or_else(|| find(named.split(['.', '[']).next().unwrap_or(named)))
        });
        (line, inner)
    };
    TemplateError {
        name: name.to_string(),
        path: path.cloned(),
        line,
        message,
    }
}

/// `json_script`: a value as JSON that may sit inside a `<script>` element: `<`, `>`, `&` and
/// the JavaScript line separators written as escapes, so record text cannot close the element.
/// The only filter whose output a template marks `safe`.
fn json_script(
    value: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = serde_json::to_string(value).map_err(tera::Error::json)?;
    Ok(tera::Value::String(script_safe(&text)))
}

/// JSON text made safe inside `<script>`.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_cannot_close_the_element() {
        let text = script_safe(r#"{"t":"</script><b>&"}"#);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["t"], "</script><b>&");
    }

    #[test]
    fn a_broken_override_names_its_line_and_the_others_still_render() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("sms.txt.tera"),
            "第一行\n第二行 {{ meeting..topic }}\n第三行\n",
        )
        .unwrap();
        let texts = Texts::new(Some(dir.path()));
        let e = texts.broken(SMS).expect("the override does not parse");
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.to_string().contains("sms.txt.tera 第 2 行"), "{e}");
        assert!(texts.broken(WECHAT).is_none());
        assert!(texts.broken(DASHBOARD).is_none());
    }

    #[test]
    fn an_unknown_variable_is_found_on_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("wechat.txt.tera"),
            "【通知】\n议题：{{ meeting.topic }}\n地点：{{ meeting.venu }}\n",
        )
        .unwrap();
        let texts = Texts::new(Some(dir.path()));
        let context = serde_json::json!({ "meeting": { "topic": "加装电梯" } });
        let e = texts.render(WECHAT, &context).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
    }
}
