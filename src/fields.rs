//! The names the input contract accepts (FORMAT.md), in Chinese and English, and what kind of
//! value each field holds.

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

pub const LEVELS: &[&str] = &["街道", "社区", "村"];
pub const FORMS: &[&str] = &[
    "居民会议",
    "居民代表会议",
    "村民会议",
    "村民代表会议",
    "居民议事会",
    "村民议事会",
    "民主协商会",
    "座谈会",
    "协调会",
    "专题议事会",
    "民主听证会",
    "公开征求意见",
    "书记茶话会",
    "民情恳谈会",
    "专家参事会",
    "专家听证会",
    "线上协商",
    "其他",
];
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

/// The ledger field a column name stands for.
pub fn ledger_field(name: &str) -> Option<Field> {
    let folded = fold_name(name);
    ALL.iter()
        .copied()
        .find(|f| f.zh() == folded || f.en() == folded)
}

/// The participants field a column name stands for.
pub fn person_field(name: &str) -> Option<PersonField> {
    let folded = fold_name(name);
    PERSON_FIELDS
        .iter()
        .find(|(_, zh, en)| *zh == folded || *en == folded)
        .map(|(f, _, _)| *f)
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
    fn names_match_in_both_languages() {
        assert_eq!(ledger_field("信息公开日期"), Some(Field::NoticeOn));
        assert_eq!(ledger_field(" Notice On "), Some(Field::NoticeOn));
        assert_eq!(ledger_field("\u{feff}编号"), Some(Field::Code));
        assert_eq!(ledger_field("信息公开日其"), None);
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
