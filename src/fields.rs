//! The names the input contract accepts (FORMAT.md), in Chinese and English, and what kind of
//! value each field holds.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Serialize;

pub use crate::spelling::nearest;
use crate::spelling::normalize_width;

/// What a field's text is parsed as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Date,
    Count,
    YesNo,
    List,
    /// A time of day, kept as `HH:MM` (15:00, 下午3:00, 15点30分 are read too).
    Time,
    /// One of a closed list of words (level, form, outcome, result form).
    Choice(&'static [&'static str]),
}

/// 层级: 乡镇 and 街道 are one tier (the seeds' "乡镇（街道）"), checked alike.
pub const LEVELS: &[&str] = &["街道", "乡镇", "社区", "村"];

/// What a 协商形式 is, as the frequency rules and the annual figures count it: a 居民小组会议 is
/// another kind than a 居民会议, however alike the names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FormKind {
    /// 居民会议, 村民会议: the statutory assembly.
    Assembly,
    /// 居民代表会议, 村民代表会议.
    Representatives,
    /// 居民议事会, 村民议事会 (Shenzhen 五(二)3).
    Council,
    /// Every other form the guidelines name.
    Other,
}

/// The level of the body that held a meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Street,
    Community,
    Village,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Street, Level::Community, Level::Village];

    /// As the ledger's 层级 column writes it.
    pub fn zh(self) -> &'static str {
        match self {
            Level::Street => "街道",
            Level::Community => "社区",
            Level::Village => "村",
        }
    }

    /// The level a 层级 cell names: 乡镇 is the street's tier (the guidelines' "乡镇（街道）").
    pub fn parse(text: &str) -> Option<Level> {
        match text {
            "乡镇" => Some(Level::Street),
            _ => Level::ALL.into_iter().find(|l| l.zh() == text),
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Level::Street => "street",
            Level::Community => "community",
            Level::Village => "village",
        }
    }
}

/// One 协商形式 the guidelines name.
#[derive(Clone, Copy, Debug)]
pub struct Form {
    pub name: &'static str,
    pub kind: FormKind,
    /// The level the name itself says (居民… community, 村民… village).
    pub level: Option<Level>,
    /// Whether the form is a sitting whose members are counted and vote; a call for comments or
    /// a visit to one household is not, and quorum and votes do not apply to it.
    pub sitting: bool,
}

macro_rules! forms {
    ($($name:literal => $kind:ident, $level:expr, $sitting:literal;)*) => {
        /// Every form, in the order the guidelines name them.
        pub const FORM_TABLE: &[Form] = &[$(Form {
            name: $name,
            kind: FormKind::$kind,
            level: $level,
            sitting: $sitting,
        }),*];
        /// The accepted 协商形式 names.
        pub const FORMS: &[&str] = &[$($name),*];
    };
}

const C: Option<Level> = Some(Level::Community);
const V: Option<Level> = Some(Level::Village);

forms! {
    // The statutory meetings and the councils (深圳 五(二)1–3; 吉林 三(四); 新疆 四(二)).
    "居民会议" => Assembly, C, true;
    "居民代表会议" => Representatives, C, true;
    "村民会议" => Assembly, V, true;
    "村民代表会议" => Representatives, V, true;
    "居民议事会" => Council, C, true;
    "村民议事会" => Council, V, true;
    // 深圳 七(三), 新疆 六(二): the residents' group meeting, which is no 居民会议.
    "居民小组会议" => Other, C, true;
    "村民小组会议" => Other, V, true;
    // 深圳 五(一), 五(二)4.
    "民主协商会" => Other, None, true;
    "座谈会" => Other, None, true;
    "协调会" => Other, None, true;
    "专题议事会" => Other, None, true;
    "民主听证会" => Other, None, true;
    "公开征求意见" => Other, None, false;
    "书记茶话会" => Other, None, true;
    "民情恳谈会" => Other, None, true;
    "专家参事会" => Other, None, true;
    "专家听证会" => Other, None, true;
    // 新疆 四(一)(二).
    "听证会" => Other, None, true;
    "党群联席会议" => Other, None, true;
    "居民议事活动" => Other, C, true;
    "村民议事活动" => Other, V, true;
    // 吉林 三(四).
    "居民理事会" => Other, C, true;
    "村民理事会" => Other, V, true;
    "妇女议事会" => Other, None, true;
    "共建联席会" => Other, None, true;
    "民情恳谈日" => Other, None, true;
    "党群议事日" => Other, None, true;
    "警务室开放日" => Other, None, true;
    "个别走访" => Other, None, false;
    "单独约谈" => Other, None, false;
    "小范围恳谈" => Other, None, true;
    "小区协商" => Other, None, true;
    "楼栋协商" => Other, None, true;
    "业主协商" => Other, None, true;
    "居民小组协商" => Other, C, true;
    "村民小组协商" => Other, V, true;
    // Online: a meeting held online is a sitting; comments collected online are not.
    "线上协商" => Other, None, true;
    "网络会议" => Other, None, true;
    "视频连线" => Other, None, true;
    "网上征求意见" => Other, None, false;
    "其他" => Other, None, true;
}

/// The guidelines' own wordings of a form, read as the form's name in the list.
pub const FORM_ALIASES: &[(&str, &str)] = &[
    ("村（社区）党群联席会议", "党群联席会议"),
    ("社区党群联席会议", "党群联席会议"),
    ("村党群联席会议", "党群联席会议"),
    ("驻村（社区）单位共建联席会", "共建联席会"),
    ("驻村单位共建联席会", "共建联席会"),
    ("驻社区单位共建联席会", "共建联席会"),
    ("社区（驻村）警务室开放日", "警务室开放日"),
    ("社区警务室开放日", "警务室开放日"),
    ("驻村警务室开放日", "警务室开放日"),
    ("网上协商", "线上协商"),
    ("在线协商", "线上协商"),
    ("网上收集意见", "网上征求意见"),
];

/// The form named `name`, if it is one of the list.
pub fn form(name: &str) -> Option<&'static Form> {
    FORM_TABLE.iter().find(|f| f.name == name)
}

pub const OUTCOMES: &[&str] = &["通过", "未通过", "达成一致", "存在分歧", "提交上级"];
pub const RESULT_FORMS: &[&str] = &[
    "会议决议",
    "协商意见",
    "居民公约",
    "村规民约",
    "住户守则",
    "商户守则",
];

macro_rules! fields {
    ($($variant:ident => $zh:literal, $en:literal, $kind:expr;)*) => {
        /// A ledger field (one column of the ledger, one key of the minutes' front matter).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Field { $($variant),* }

        /// Every ledger field, in the order of the contract.
        pub const ALL: &[Field] = &[$(Field::$variant),*];

        impl Field {
            /// The Chinese column name.
            pub fn zh(self) -> &'static str {
                match self { $(Field::$variant => $zh),* }
            }
            /// The English column name.
            pub fn en(self) -> &'static str {
                match self { $(Field::$variant => $en),* }
            }
            pub fn kind(self) -> Kind {
                match self { $(Field::$variant => $kind),* }
            }
        }
    };
}

fields! {
    Code => "编号", "code", Kind::Text;
    Level => "层级", "level", Kind::Choice(LEVELS);
    Street => "街道", "street", Kind::Text;
    Community => "社区", "community", Kind::Text;
    Form => "协商形式", "form", Kind::Choice(FORMS);
    Topic => "议题", "topic", Kind::Text;
    Background => "议题背景", "background", Kind::Text;
    Category => "议题类别", "category", Kind::Text;
    Major => "重大事项", "major", Kind::YesNo;
    Technical => "专业性议题", "technical", Kind::YesNo;
    Scope => "协商范围", "scope", Kind::Text;
    MultiParty => "涉及多方", "multi_party", Kind::YesNo;
    PreviousCode => "前次会议编号", "previous_code", Kind::Text;
    ConsultationCommittee => "议事协商委员会", "consultation_committee", Kind::List;
    Convener => "召集人", "convener", Kind::Text;
    ConvenerFiled => "召集人报备", "convener_filed", Kind::YesNo;
    OpinionsOn => "意见收集日期", "opinions_collected_on", Kind::Date;
    TopicSetOn => "议题确定日期", "topic_set_on", Kind::Date;
    PlanOn => "方案制定日期", "plan_on", Kind::Date;
    NoticeOn => "信息公开日期", "notice_on", Kind::Date;
    NoticeChannels => "公开渠道", "notice_channels", Kind::List;
    InvitedOn => "邀请发出日期", "invited_on", Kind::Date;
    InviteChannels => "通知方式", "invite_channels", Kind::List;
    ObserverOpenOn => "旁听预约开放日期", "observer_open_on", Kind::Date;
    ObserverSeats => "旁听席位", "observer_seats", Kind::Count;
    HeldOn => "会议日期", "held_on", Kind::Date;
    StartsAt => "开始时间", "starts_at", Kind::Time;
    EndsAt => "结束时间", "ends_at", Kind::Time;
    Venue => "会议地点", "venue", Kind::Text;
    Host => "主持人", "host", Kind::Text;
    Recorder => "记录人", "recorder", Kind::Text;
    Due => "应到人数", "due", Kind::Count;
    Present => "实到人数", "present", Kind::Count;
    CommitteePresent => "两委成员人数", "committee_present", Kind::Count;
    CommitteeSeats => "两委成员席位", "committee_seats", Kind::Count;
    VotesFor => "赞成", "votes_for", Kind::Count;
    VotesAgainst => "反对", "votes_against", Kind::Count;
    Abstain => "弃权", "abstain", Kind::Count;
    Outcome => "协商结果", "outcome", Kind::Choice(OUTCOMES);
    Signed => "签名确认", "signed", Kind::YesNo;
    Notarised => "公证见证", "notarised", Kind::YesNo;
    ResultForm => "结果形式", "result_form", Kind::Choice(RESULT_FORMS);
    ResultPublishedOn => "结果公示日期", "result_published_on", Kind::Date;
    ResultChannels => "公示渠道", "result_channels", Kind::List;
    ResponsibleLeader => "责任领导", "responsible_leader", Kind::Text;
    ResponsibleDept => "责任部门", "responsible_dept", Kind::Text;
    DueBy => "完成时限", "due_by", Kind::Date;
    Requirements => "工作要求", "requirements", Kind::Text;
    FeedbackBy => "反馈时限", "feedback_by", Kind::Date;
    Implementation => "落实情况", "implementation", Kind::Text;
    FeedbackOn => "反馈日期", "feedback_on", Kind::Date;
    ImplementationForm => "实施形式", "implementation_form", Kind::Text;
    EntrustedBy => "委托单位", "entrusted_by", Kind::Text;
    ReportedOn => "结果报告日期", "reported_on", Kind::Date;
    EntrustedFeedbackOn => "委托单位反馈日期", "entrusted_feedback_on", Kind::Date;
    EvaluatedOn => "评议日期", "evaluated_on", Kind::Date;
    PartyProposedOn => "党组织提议日期", "party_proposed_on", Kind::Date;
    CommitteesDiscussedOn => "两委商议日期", "committees_discussed_on", Kind::Date;
    MembersReviewedOn => "党员大会审议日期", "members_reviewed_on", Kind::Date;
    ResolvedOn => "决议日期", "resolved_on", Kind::Date;
    ResolutionPublishedOn => "决议公开日期", "resolution_published_on", Kind::Date;
    ImplementationPublishedOn => "实施结果公开日期", "implementation_published_on", Kind::Date;
    DecidedOn => "项目决定日期", "decided_on", Kind::Date;
    StatusAnnouncedOn => "情况公告日期", "status_announced_on", Kind::Date;
    Archived => "归档", "archived", Kind::YesNo;
    SupervisionContact => "监督电话", "supervision_contact", Kind::Text;
    ObserverBooking => "旁听预约方式", "observer_booking", Kind::Text;
    ContactPerson => "联系人", "contact_person", Kind::Text;
    ContactPhone => "联系电话", "contact_phone", Kind::Text;
    PublicationDays => "公示期", "publication_days", Kind::Count;
    Note => "备注", "note", Kind::Text;
}

/// A column of a participants list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PersonField {
    Code,
    Name,
    Role,
    Committee,
    Attended,
    Signed,
}

pub const PERSON_FIELDS: &[(PersonField, &str, &str)] = &[
    (PersonField::Code, "编号", "code"),
    (PersonField::Name, "姓名", "name"),
    (PersonField::Role, "身份", "role"),
    (PersonField::Committee, "两委", "committee"),
    (PersonField::Attended, "签到", "attended"),
    (PersonField::Signed, "签名", "signed"),
];

/// Folds a header cell for matching: no surrounding blanks, no BOM, English in lower case with
/// `_` for blanks and hyphens, full-width letters and digits made ASCII.
pub fn fold_name(name: &str) -> String {
    normalize_width(name.trim().trim_start_matches('\u{feff}'))
        .trim()
        .to_lowercase()
        .replace([' ', '-'], "_")
}

/// What a column name stands for in a ledger and in a participants list.
type Column = (Option<Field>, Option<PersonField>);

/// Every ledger column name and every participants list column name, each as [`fold_name`]
/// leaves it, with what it stands for. Why a map: each of a batch's thousands of tables has its
/// header looked up, column by column, more than once.
static NAMES: LazyLock<HashMap<&'static str, Column>> = LazyLock::new(|| {
    let mut names: HashMap<&'static str, Column> = HashMap::new();
    for f in ALL {
        for name in [f.zh(), f.en()] {
            names.entry(name).or_default().0.get_or_insert(*f);
        }
    }
    for (f, zh, en) in PERSON_FIELDS {
        for name in [*zh, *en] {
            names.entry(name).or_default().1.get_or_insert(*f);
        }
    }
    names
});

/// What a column name stands for. A name written as the catalogue writes it is its own folding,
/// and is found without folding it.
fn column(name: &str) -> Column {
    match NAMES.get(name) {
        Some(found) => *found,
        None => NAMES
            .get(fold_name(name).as_str())
            .copied()
            .unwrap_or_default(),
    }
}

/// The ledger field a column name stands for.
pub fn ledger_field(name: &str) -> Option<Field> {
    column(name).0
}

/// The participants field a column name stands for.
pub fn person_field(name: &str) -> Option<PersonField> {
    column(name).1
}

/// The known name closest to an unknown one, when it is close enough to be a typo.
pub fn closest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    nearest(&fold_name(unknown), known)
}

/// Every accepted ledger column name, Chinese then English.
pub fn ledger_names() -> impl Iterator<Item = &'static str> {
    ALL.iter().map(|f| f.zh()).chain(ALL.iter().map(|f| f.en()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_its_own_folding() {
        for name in ledger_names().chain(PERSON_FIELDS.iter().flat_map(|(_, zh, en)| [*zh, *en])) {
            assert_eq!(fold_name(name), name);
        }
    }

    #[test]
    fn names_match_in_both_languages() {
        assert_eq!(ledger_field("信息公开日期"), Some(Field::NoticeOn));
        assert_eq!(ledger_field(" Notice On "), Some(Field::NoticeOn));
        assert_eq!(ledger_field("\u{feff}编号"), Some(Field::Code));
        assert_eq!(ledger_field("信息公开日其"), None);
        assert_eq!(ledger_field("姓名"), None);
        assert_eq!(person_field(" Name"), Some(PersonField::Name));
        assert_eq!(person_field("编号"), Some(PersonField::Code));
        assert_eq!(person_field("议题"), None);
    }

    #[test]
    fn typos_find_their_column() {
        assert_eq!(
            closest("信息公开日其", ledger_names()),
            Some("信息公开日期")
        );
        assert_eq!(closest("held_onn", ledger_names()), Some("held_on"));
        assert_eq!(closest("联络方式", ledger_names()), None);
        assert_eq!(
            nearest("LH-JH-2026-01", ["LH-JH-2026-011", "LH-CT-2026-001"]),
            Some("LH-JH-2026-011")
        );
    }
}
