//! `xs:list`: whitespace-separated items of a simple type.

use std::ops::{Deref, DerefMut};

use super::whitespace::is_xml_space;
use crate::{NamespaceScope, PrefixScope, SimpleValue, ValueError};

/// An `xs:list` value: items separated by whitespace, written separated by one space.
///
/// Each item is parsed with `T`'s parser; [`SimpleValue::check`] checks every item.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct List<T>(pub Vec<T>);

impl<T> Default for List<T> {
    fn default() -> Self {
        List(Vec::new())
    }
}

impl<T> Deref for List<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

impl<T> DerefMut for List<T> {
    fn deref_mut(&mut self) -> &mut Vec<T> {
        &mut self.0
    }
}

impl<T> From<Vec<T>> for List<T> {
    fn from(v: Vec<T>) -> Self {
        List(v)
    }
}

impl<T> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        List(iter.into_iter().collect())
    }
}

impl<T> IntoIterator for List<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T: SimpleValue> SimpleValue for List<T> {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        text.split(is_xml_space)
            .filter(|s| !s.is_empty())
            .map(T::parse_text)
            .collect::<Result<Vec<T>, ValueError>>()
            .map(List)
    }

    fn write_text(&self, out: &mut String) {
        for (i, item) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            item.write_text(out);
        }
    }

    fn parse_in(text: &str, scope: &dyn NamespaceScope) -> Result<Self, ValueError> {
        text.split(is_xml_space)
            .filter(|s| !s.is_empty())
            .map(|s| T::parse_in(s, scope))
            .collect::<Result<Vec<T>, ValueError>>()
            .map(List)
    }

    fn write_in(&self, out: &mut String, scope: &mut dyn PrefixScope) {
        for (i, item) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            item.write_in(out, scope);
        }
    }

    fn check(&self) -> Result<(), ValueError> {
        self.0.iter().try_for_each(T::check)
    }
}

impl<T: SimpleValue> std::fmt::Display for List<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = String::new();
        self.write_text(&mut s);
        f.write_str(&s)
    }
}

impl<T: SimpleValue> std::str::FromStr for List<T> {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        List::parse_text(s)
    }
}
