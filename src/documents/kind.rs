//! The kinds of document yishi prints, as one table: each row is one kind, with everything the
//! program knows of it — its name on the command line and in `yishi.toml` (English or Chinese),
//! its template, whether it goes to the public, the field that dates it, what it is printed for
//! and how its data is made. The command line's `--document`, `[build] documents`, the build, the
//! glyph check, the manifest and the typesetter's built-in templates all read this table.
//!
//! # Adding a kind
//!
//! One row in [`kinds!`] below and one template in `templates/<name>.typ`; the data function the
//! row names lives beside the others in [`crate::documents`].
//!
//! - **What it is printed for** ([`Per`]). A per-meeting kind (协商公告, 会议记录, 协商方案,
//!   协商情况公告, 决议公开, 实施结果公开, 落实情况公示) is `Per::Meeting`: one
//!   document per meeting its `selects` picks, made from that meeting. A period kind (the annual
//!   report per community, village or street; the self-audit per street) is printed once per unit
//!   and period from the batch's figures, not from one meeting: it gets its own `Per` variant,
//!   naming the units it is printed for and the function that makes its data from the figures of
//!   one unit and period. The build prints per-meeting kinds first, then period kinds.
//! - **Which profiles and data select it** (`selects`). A kind that every guideline asks for
//!   selects every meeting ([`always`]). A kind one guideline asks for selects the meetings of a
//!   run whose profiles include it (`settings.profiles`) and whose data show the step happened or
//!   was due (a 决议公开 for a village meeting that resolved a matter under the Xinjiang profile,
//!   say). A kind the user names with `--document` is still printed only where it selects: a
//!   meeting it does not apply to gets no document, and is not reported as missing data.

use clap::ValueEnum;
use clap::builder::PossibleValue;
use serde_json::Value as Json;

use super::{Issuers, MissingData};
use crate::fields::Field;
use crate::model::Meeting;
use crate::settings::Settings;

/// What a document's data is made with, besides the meeting.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub settings: &'a Settings,
    pub issuers: &'a Issuers,
}

/// What a kind of document is printed for.
#[derive(Clone, Copy)]
pub enum Per {
    /// One document per meeting that `selects` picks, its data made by `data` from the meeting.
    Meeting {
        selects: fn(&Meeting, &Settings) -> bool,
        data: fn(&Meeting, &Context) -> Result<Json, MissingData>,
    },
}

/// Every meeting: the kinds every guideline asks for.
pub fn always(_: &Meeting, _: &Settings) -> bool {
    true
}

/// One row of the table.
pub struct Row {
    /// The command-line and template name (`notice`: `templates/notice.typ`).
    pub name: &'static str,
    /// The Chinese name, also accepted wherever the name is, and the end of the file name.
    pub zh: &'static str,
    /// Whether it goes to the public (or to people outside the committee): then personal
    /// numbers are masked.
    pub public: bool,
    /// The field that dates it (its 成文日期).
    pub dated_by: Field,
    pub per: Per,
    /// The built-in template's Typst source.
    pub template_source: &'static str,
}

macro_rules! kinds {
    ($($(#[$doc:meta])* $variant:ident => $row:expr,)+) => {
        /// A kind of document, in the order they are used.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum DocKind {
            $($(#[$doc])* $variant),+
        }

        /// The table, in the order of [`DocKind`].
        static ROWS: &[Row] = &[$($row),+];

        /// How many kinds there are.
        const COUNT: usize = [$(stringify!($variant)),+].len();

        impl DocKind {
            /// Every kind, in the order they are used.
            pub const ALL: [DocKind; COUNT] = [$(DocKind::$variant),+];
        }
    };
}

kinds! {
    /// 协商方案 (Jilin): how the consultation will be held, made after the topic is set.
    Plan => Row {
        name: "plan",
        zh: "协商方案",
        public: true,
        dated_by: Field::PlanOn,
        per: Per::Meeting {
            selects: super::jilin::selects,
            data: |m, cx| super::jilin::plan(m, cx.issuers),
        },
        template_source: include_str!("../../templates/plan.typ"),
    },
    /// 协商公告: published before the meeting.
    Notice => Row {
        name: "notice",
        zh: "协商公告",
        public: true,
        dated_by: Field::NoticeOn,
        per: Per::Meeting { selects: always, data: |m, cx| super::notice(m, cx.issuers) },
        template_source: include_str!("../../templates/notice.typ"),
    },
    /// 邀请函: one page per invited participant.
    Invitation => Row {
        name: "invitation",
        zh: "邀请函",
        public: true,
        dated_by: Field::InvitedOn,
        per: Per::Meeting { selects: always, data: |m, cx| super::invitation(m, cx.issuers) },
        template_source: include_str!("../../templates/invitation.typ"),
    },
    /// 会议记录: the internal record of the meeting.
    Minutes => Row {
        name: "minutes",
        zh: "会议记录",
        public: false,
        dated_by: Field::HeldOn,
        per: Per::Meeting {
            selects: always,
            data: |m, cx| super::minutes(m, cx.settings, cx.issuers),
        },
        template_source: include_str!("../../templates/minutes.typ"),
    },
    /// 协商情况公告 (Jilin): how the consultation went, on the day or the next.
    Announcement => Row {
        name: "announcement",
        zh: "协商情况公告",
        public: true,
        dated_by: Field::StatusAnnouncedOn,
        per: Per::Meeting {
            selects: super::jilin::selects,
            data: |m, cx| super::jilin::announcement(m, cx.settings, cx.issuers),
        },
        template_source: include_str!("../../templates/announcement.typ"),
    },
    /// 协商结果公示: the result, published after the meeting.
    Publication => Row {
        name: "publication",
        zh: "协商结果公示",
        public: true,
        dated_by: Field::ResultPublishedOn,
        per: Per::Meeting {
            selects: always,
            data: |m, cx| super::publication(m, cx.settings, cx.issuers),
        },
        template_source: include_str!("../../templates/publication.typ"),
    },
    /// 决议公开 (Xinjiang, 四议两公开): the resolution on a village's major matter.
    Resolution => Row {
        name: "resolution",
        zh: "决议公开",
        public: true,
        dated_by: Field::ResolutionPublishedOn,
        per: Per::Meeting {
            selects: super::four_two::selects_resolution,
            data: |m, cx| super::four_two::resolution(m, cx.settings, cx.issuers),
        },
        template_source: include_str!("../../templates/resolution.typ"),
    },
    /// 实施结果公开 (Xinjiang, 四议两公开): how the resolution was carried out.
    ImplementationResults => Row {
        name: "implementation-results",
        zh: "实施结果公开",
        public: true,
        dated_by: Field::ImplementationPublishedOn,
        per: Per::Meeting {
            selects: super::four_two::selects_results,
            data: |m, cx| super::four_two::results(m, cx.settings, cx.issuers),
        },
        template_source: include_str!("../../templates/implementation-results.typ"),
    },
    /// 落实情况公示 (every guideline): what has been done about an adopted result.
    ImplementationStatus => Row {
        name: "implementation-status",
        zh: "落实情况公示",
        public: true,
        dated_by: Field::FeedbackOn,
        per: Per::Meeting {
            selects: super::status::selects,
            data: |m, cx| super::status::status(m, cx.issuers),
        },
        template_source: include_str!("../../templates/implementation-status.typ"),
    },
}

impl DocKind {
    fn row(self) -> &'static Row {
        &ROWS[self as usize]
    }

    /// The command-line name, also the template's (`templates/<name>.typ`).
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// The template that typesets it (`templates/<name>.typ`).
    pub fn template(self) -> &'static str {
        self.row().name
    }

    /// The built-in template's Typst source.
    pub fn template_source(self) -> &'static str {
        self.row().template_source
    }

    /// The document's Chinese name, also the end of its file name.
    pub fn zh(self) -> &'static str {
        self.row().zh
    }

    /// Whether the document goes to the public: then personal numbers are masked.
    pub fn is_public(self) -> bool {
        self.row().public
    }

    /// The field that dates the document (its 成文日期).
    pub fn date_field(self) -> Field {
        self.row().dated_by
    }

    /// What it is printed for.
    pub fn per(self) -> Per {
        self.row().per
    }

    /// Whether the meeting gets this document under the run's profiles.
    pub fn selects(self, m: &Meeting, settings: &Settings) -> bool {
        match self.per() {
            Per::Meeting { selects, .. } => selects(m, settings),
        }
    }

    /// A kind by its name or its Chinese name.
    pub fn parse(name: &str) -> Option<DocKind> {
        let name = name.trim();
        DocKind::ALL
            .iter()
            .copied()
            .find(|k| k.name() == name || k.zh() == name)
    }

    /// Every name a kind may be given by: the English names, then the Chinese.
    pub fn names() -> impl Iterator<Item = &'static str> {
        DocKind::ALL
            .iter()
            .map(|k| k.name())
            .chain(DocKind::ALL.iter().map(|k| k.zh()))
    }
}

impl ValueEnum for DocKind {
    fn value_variants<'a>() -> &'a [Self] {
        &DocKind::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(
            PossibleValue::new(self.name())
                .alias(self.zh())
                .help(self.zh()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_the_order_of_the_kinds() {
        assert_eq!(ROWS.len(), DocKind::ALL.len());
        for (i, kind) in DocKind::ALL.iter().enumerate() {
            assert_eq!(*kind as usize, i);
        }
    }

    #[test]
    fn kinds_are_named_in_english_or_chinese() {
        for kind in DocKind::ALL {
            assert_eq!(DocKind::parse(kind.name()), Some(kind));
            assert_eq!(DocKind::parse(kind.zh()), Some(kind));
            assert_eq!(DocKind::from_str(kind.zh(), false), Ok(kind));
        }
        assert_eq!(DocKind::parse("会议记录"), Some(DocKind::Minutes));
        assert_eq!(DocKind::parse("minute"), None);
        let names: Vec<&str> = DocKind::names().collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(names.len(), unique.len(), "{names:?}");
    }
}
