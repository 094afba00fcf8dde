//! Finding the meetings that take up an earlier one's topic: those naming its code in
//! 「前次会议编号」, or those of the same street (and community, for a community's meeting) on the
//! same topic held after it. Indexed once per batch, so a city's batch is not searched once per
//! disputed meeting.

use std::collections::HashMap;

use crate::fields::Field;
use crate::model::Meeting;

pub struct Index<'a> {
    by_previous: HashMap<&'a str, Vec<&'a Meeting>>,
    /// By street and folded topic; the community is compared when looking up.
    by_topic: HashMap<(Option<&'a str>, String), Vec<&'a Meeting>>,
}

impl<'a> Index<'a> {
    pub fn new(meetings: &'a [Meeting]) -> Index<'a> {
        let mut by_previous: HashMap<&str, Vec<&Meeting>> = HashMap::new();
        let mut by_topic: HashMap<(Option<&str>, String), Vec<&Meeting>> = HashMap::new();
        for m in meetings {
            if let Some(previous) = m.text(Field::PreviousCode) {
                by_previous.entry(previous.trim()).or_default().push(m);
            }
            if let Some(topic) = m.text(Field::Topic) {
                by_topic
                    .entry((m.street(), fold(topic)))
                    .or_default()
                    .push(m);
            }
        }
        Index {
            by_previous,
            by_topic,
        }
    }

    /// The meetings of the batch that continue `m`.
    pub fn of(&self, m: &'a Meeting) -> impl Iterator<Item = &'a Meeting> + '_ {
        let named = self
            .by_previous
            .get(m.code.as_str())
            .into_iter()
            .flatten()
            .copied()
            .filter(move |later| later.code != m.code);
        let held = m.date(Field::HeldOn);
        let same_topic = m
            .text(Field::Topic)
            .and_then(|t| self.by_topic.get(&(m.street(), fold(t))))
            .into_iter()
            .flatten()
            .copied()
            .filter(move |later| {
                later.code != m.code
                    && (later.community().is_none() || later.community() == m.community())
                    && matches!((later.date(Field::HeldOn), held), (Some(a), Some(b)) if a > b)
            });
        named.chain(same_topic)
    }
}

/// A topic without blanks and punctuation, so that small differences in writing still match.
fn fold(topic: &str) -> String {
    topic
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}
