//! Finding the meetings that take up an earlier one's topic: those naming its code in
//! 「前次会议编号」, or those of the same street on the same topic held after it.

use crate::fields::Field;
use crate::model::Meeting;

/// Whether `later` continues `earlier`.
pub fn continues(later: &Meeting, earlier: &Meeting) -> bool {
    if later.code == earlier.code {
        return false;
    }
    if later
        .text(Field::PreviousCode)
        .is_some_and(|c| c.trim() == earlier.code)
    {
        return true;
    }
    let (Some(a), Some(b)) = (later.date(Field::HeldOn), earlier.date(Field::HeldOn)) else {
        return false;
    };
    let same_topic = match (later.text(Field::Topic), earlier.text(Field::Topic)) {
        (Some(x), Some(y)) => fold(x) == fold(y),
        _ => false,
    };
    let same_place = later.street() == earlier.street()
        && (later.community().is_none() || later.community() == earlier.community());
    a > b && same_topic && same_place
}

/// A topic without blanks and punctuation, so that small differences in writing still match.
fn fold(topic: &str) -> String {
    topic
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

/// The meetings of the batch that continue `m`.
pub fn of<'a>(meetings: &'a [Meeting], m: &'a Meeting) -> impl Iterator<Item = &'a Meeting> {
    meetings.iter().filter(move |later| continues(later, m))
}
