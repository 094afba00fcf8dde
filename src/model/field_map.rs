//! A record's or a meeting's values by field: a vector kept in field order. A row has a few dozen
//! fields, which a tree map keeps in several nodes of their own; a province holds millions of
//! rows, so the room each takes counts.

use std::ops::Index;

use crate::fields::Field;

/// Values by field, in field order, each field at most once.
#[derive(Clone, Debug)]
pub struct FieldMap<V> {
    entries: Vec<(Field, V)>,
}

impl<V> Default for FieldMap<V> {
    fn default() -> Self {
        FieldMap {
            entries: Vec::new(),
        }
    }
}

impl<V> FieldMap<V> {
    pub fn new() -> Self {
        Self::default()
    }

    fn find(&self, field: Field) -> Result<usize, usize> {
        self.entries.binary_search_by(|(f, _)| f.cmp(&field))
    }

    pub fn get(&self, field: &Field) -> Option<&V> {
        self.find(*field).ok().map(|i| &self.entries[i].1)
    }

    pub fn get_mut(&mut self, field: &Field) -> Option<&mut V> {
        self.find(*field).ok().map(|i| &mut self.entries[i].1)
    }

    pub fn contains_key(&self, field: &Field) -> bool {
        self.find(*field).is_ok()
    }

    /// Sets the field's value, returning the one it replaces.
    pub fn insert(&mut self, field: Field, value: V) -> Option<V> {
        match self.find(field) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (field, value));
                None
            }
        }
    }

    /// Sets the field's value unless it has one.
    pub fn insert_if_absent(&mut self, field: Field, value: V) {
        if let Err(i) = self.find(field) {
            self.entries.insert(i, (field, value));
        }
    }

    pub fn remove(&mut self, field: &Field) -> Option<V> {
        self.find(*field).ok().map(|i| self.entries.remove(i).1)
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&Field, &mut V) -> bool) {
        self.entries.retain_mut(|(f, v)| keep(f, v));
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Field, &V)> {
        self.entries.iter().map(|(f, v)| (f, v))
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Gives back the room left over from reading: the map is not added to after.
    pub fn shrink_to_fit(&mut self) {
        self.entries.shrink_to_fit();
    }
}

impl<V> Index<&Field> for FieldMap<V> {
    type Output = V;

    fn index(&self, field: &Field) -> &V {
        self.get(field).expect("the field is in the map")
    }
}

impl<V> IntoIterator for FieldMap<V> {
    type Item = (Field, V);
    type IntoIter = std::vec::IntoIter<(Field, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_in_field_order_each_field_once() {
        let mut map = FieldMap::new();
        assert_eq!(map.insert(Field::Topic, 1), None);
        assert_eq!(map.insert(Field::Code, 2), None);
        assert_eq!(map.insert(Field::Topic, 3), Some(1));
        map.insert_if_absent(Field::Code, 9);
        map.insert_if_absent(Field::Street, 4);
        let mut expected = vec![(Field::Topic, 3), (Field::Code, 2), (Field::Street, 4)];
        expected.sort_by_key(|(f, _)| *f);
        assert_eq!(map.clone().into_iter().collect::<Vec<_>>(), expected);
        assert_eq!(map[&Field::Code], 2);
        assert!(map.contains_key(&Field::Street));
        assert_eq!(map.remove(&Field::Street), Some(4));
        map.retain(|f, _| *f != Field::Code);
        assert_eq!(map.get(&Field::Code), None);
        assert_eq!(
            map.into_iter().map(|(f, _)| f).collect::<Vec<_>>(),
            [Field::Topic]
        );
    }
}
