//! Attribute `default` and `fixed` values: the effective value of an absent attribute
//! ([`or_default`]) and the check of a `fixed` value on read ([`XmlReader::check_fixed`]).
//! An absent attribute stays `None` in the value and is never written: the schema value is
//! only what a reader sees through [`or_default`].
//!
//! Element `default` and `fixed` values apply to an element that is present and empty (no
//! text, no child): it reads as the schema's value ([`XmlReader::read_or`],
//! [`XmlReader::push_or`]), and a `fixed` one is compared with what a present element holds,
//! as values of its type ([`XmlReader::read_fixed`], [`XmlReader::push_fixed`]).
//!
//! A present value other than the fixed one is an error when reading strictly and kept as read
//! otherwise: the EWS schemas fix `RequestServerVersion/@Version` to the schema's release
//! (`Exchange2016`) while real clients send older versions, which a server must accept.

use std::borrow::Cow;

use super::error::{DecodeError, DecodeErrorKind, EncodeError};
use super::reader::XmlReader;
use super::writer::XmlWriter;
use super::FromXml;
use crate::value::{SimpleValue, ValueError};

/// The attribute's value, or the schema's `default` (or `fixed`) value parsed from `lexical`
/// when it is absent. An error only when the schema's own value does not fit the type.
pub fn or_default<'v, T: SimpleValue + Clone>(
    value: &'v Option<T>,
    lexical: &str,
) -> Result<Cow<'v, T>, ValueError> {
    match value {
        Some(v) => Ok(Cow::Borrowed(v)),
        None => T::parse_text(lexical).map(Cow::Owned),
    }
}

/// True if `value` is the schema's `fixed` value (compared as values, or as text when the
/// fixed value does not parse).
fn is_fixed<T: SimpleValue + PartialEq>(value: &T, fixed: &str) -> bool {
    match T::parse_text(fixed) {
        Ok(f) => f == *value,
        Err(_) => {
            let mut s = String::new();
            value.write_text(&mut s);
            s == fixed
        }
    }
}

impl XmlReader<'_> {
    /// Checks an attribute with a schema `fixed` value just read: absent is fine; another
    /// value is an [`InvalidValue`](DecodeErrorKind::InvalidValue) error at `…/@local` when
    /// reading strictly ([`ReadOptions::strict`](super::ReadOptions::strict)), else kept.
    pub fn check_fixed<T: SimpleValue + PartialEq>(
        &self,
        value: Option<&T>,
        fixed: &str,
        local: &str,
    ) -> Result<(), DecodeError> {
        match value {
            Some(v) if self.strict && !is_fixed(v, fixed) => {
                let mut found = String::new();
                v.write_text(&mut found);
                let err = ValueError::new(format!("the fixed value {fixed:?}"), &found);
                let at = self.frames.last().map_or(0, |f| f.start);
                Err(self.error_at(
                    DecodeErrorKind::InvalidValue(err),
                    format!("{}/@{local}", self.path()),
                    at,
                ))
            }
            _ => Ok(()),
        }
    }
}

impl<'a> XmlReader<'a> {
    /// Like [`read`](Self::read) for an element with a schema `default` (or `fixed`) value:
    /// present and empty, it reads as `value`.
    pub fn read_or<T: FromXml>(
        &mut self,
        slot: &mut Option<T>,
        value: &'static str,
    ) -> Result<(), DecodeError> {
        if slot.is_some() {
            return self.unknown();
        }
        *slot = Some(self.read_defaulted(value)?);
        Ok(())
    }

    /// Like [`read_push`](Self::read_push) for a repeated element with a schema `default`
    /// (or `fixed`) value.
    pub fn push_or<T: FromXml>(
        &mut self,
        list: &mut Vec<T>,
        value: &'static str,
    ) -> Result<(), DecodeError> {
        list.push(self.read_defaulted(value)?);
        Ok(())
    }

    /// Like [`read_or`](Self::read_or) for an element with a schema `fixed` value: a present
    /// value that is not the fixed one (compared as values of the type: `1.50` is `1.5`) is an
    /// error when reading strictly, kept otherwise.
    pub fn read_fixed<T: SimpleValue + PartialEq>(
        &mut self,
        slot: &mut Option<T>,
        fixed: &'static str,
    ) -> Result<(), DecodeError> {
        if slot.is_some() {
            return self.unknown();
        }
        *slot = Some(self.read_checked(fixed)?);
        Ok(())
    }

    /// [`read_fixed`](Self::read_fixed) for a repeated element.
    pub fn push_fixed<T: SimpleValue + PartialEq>(
        &mut self,
        list: &mut Vec<T>,
        fixed: &'static str,
    ) -> Result<(), DecodeError> {
        list.push(self.read_checked(fixed)?);
        Ok(())
    }

    fn read_defaulted<T: FromXml>(&mut self, value: &'static str) -> Result<T, DecodeError> {
        let saved = self.empty_default.replace((self.frames.len(), value));
        let read = self.read_child();
        self.empty_default = saved;
        read
    }

    fn read_checked<T: SimpleValue + PartialEq>(
        &mut self,
        fixed: &'static str,
    ) -> Result<T, DecodeError> {
        let child = self.frames.last().copied();
        let value: T = self.read_defaulted(fixed)?;
        if !self.strict {
            return Ok(value);
        }
        match T::parse_in(fixed, self) {
            Ok(f) if f != value => {
                let mut found = String::new();
                value.write_text(&mut found);
                let err = ValueError::new(format!("the fixed value {fixed:?}"), &found);
                let (local, at) = child.map_or(("", 0), |f| (f.local, f.start));
                Err(self.error_at(
                    DecodeErrorKind::InvalidValue(err),
                    format!("{}/{local}", self.path()),
                    at,
                ))
            }
            _ => Ok(value),
        }
    }

    /// Makes the current element, when empty, read as `value` (its schema `default` or
    /// `fixed` value): a document root's wrapper calls it before reading its content.
    pub fn empty_is(&mut self, value: &'static str) {
        self.empty_default = Some((self.frames.len(), value));
    }

    /// Checks the value just read from the current element against its schema `fixed` value
    /// (as values of the type): another value is an error when reading strictly.
    pub fn check_fixed_value<T: SimpleValue + PartialEq>(
        &self,
        value: &T,
        fixed: &str,
    ) -> Result<(), DecodeError> {
        match T::parse_in(fixed, self) {
            Ok(f) if self.strict && f != *value => {
                let mut found = String::new();
                value.write_text(&mut found);
                let err = ValueError::new(format!("the fixed value {fixed:?}"), &found);
                Err(self.error(DecodeErrorKind::InvalidValue(err)))
            }
            _ => Ok(()),
        }
    }

    /// The schema value an empty current element reads as, if one applies.
    pub(crate) fn empty_value(&self) -> Option<&'static str> {
        match self.empty_default {
            Some((depth, value)) if depth == self.frames.len() => Some(value),
            _ => None,
        }
    }
}

/// The namespace bindings in force where a schema declares a `fixed` value whose text holds
/// QNames: `(prefix, uri)` pairs for the prefixes it uses, and `("", uri)` for the schema's
/// default namespace (what an unprefixed QName in it means). Generated code passes them as a
/// `const` slice to [`XmlWriter::child_fixed_in`] and [`XmlWriter::text_fixed_in`].
#[derive(Debug, Clone, Copy)]
pub struct SchemaBindings(pub &'static [(&'static str, &'static str)]);

impl crate::value::NamespaceScope for SchemaBindings {
    fn namespace_of(&self, prefix: &str) -> Option<&str> {
        match self.0.iter().find(|(p, _)| *p == prefix) {
            Some((_, uri)) => Some(uri),
            None => crate::value::NoScope.namespace_of(prefix),
        }
    }
}

/// The same bindings as a document written by [`XmlWriter`] sees them: the prefixes, and no
/// default namespace (the writer never declares one).
struct WrittenBindings(&'static [(&'static str, &'static str)]);

impl crate::value::NamespaceScope for WrittenBindings {
    fn namespace_of(&self, prefix: &str) -> Option<&str> {
        match self.0.iter().find(|(p, _)| *p == prefix && !p.is_empty()) {
            Some((_, uri)) => Some(uri),
            None => crate::value::NoScope.namespace_of(prefix),
        }
    }
}

/// True when `value` is the schema's `fixed` value and `fixed`, written with the schema's
/// prefixes declared on its element, reads back as that value (an unprefixed QName in it
/// means no namespace in the output, the schema's default namespace in the schema).
fn is_fixed_in<T: SimpleValue + PartialEq>(
    value: &T,
    fixed: &str,
    bindings: &'static [(&'static str, &'static str)],
) -> bool {
    T::parse_in(fixed, &SchemaBindings(bindings)).is_ok_and(|f| f == *value)
        && T::parse_in(fixed, &WrittenBindings(bindings)).is_ok_and(|f| f == *value)
}

impl XmlWriter {
    /// Whether the prefixes of `bindings` can be declared on the element about to be (or
    /// just) started with the schema's URIs: a prefix this writer uses must be bound to the
    /// same URI.
    fn can_bind(&self, bindings: &[(&str, &str)]) -> bool {
        bindings.iter().all(|&(p, uri)| {
            p.is_empty()
                || (p == "xml") == (uri == super::XML_NS)
                    && p != "xmlns"
                    && self.prefix_uri(p).is_none_or(|u| u == uri)
        })
    }

    /// Declares the prefixes of `bindings` on the open start tag where they are not in scope
    /// (after [`can_bind`](Self::can_bind)).
    fn bind(&mut self, bindings: &[(&str, &str)]) -> Result<(), EncodeError> {
        for &(p, uri) in bindings {
            if !p.is_empty() && p != "xml" {
                self.declare_prefix(p, uri)?;
            }
        }
        Ok(())
    }

    /// [`child_fixed`](Self::child_fixed) for a `fixed` value holding QNames: when `value` is
    /// the fixed value (its QNames resolved with the schema's `bindings`), the element is
    /// written with the schema's text and the schema's prefixes declared on it (`a:b` with
    /// `xmlns:a`), as validators comparing lexical forms (xmllint, for unions and lists)
    /// expect; else as the value's own text.
    pub fn child_fixed_in<T: SimpleValue + PartialEq>(
        &mut self,
        ns: &str,
        local: &str,
        value: &T,
        fixed: &str,
        bindings: &'static [(&'static str, &'static str)],
    ) -> Result<(), EncodeError> {
        if !(is_fixed_in(value, fixed, bindings) && self.can_bind(bindings)) {
            return self.child(ns, local, value);
        }
        self.start(ns, local)?;
        self.bind(bindings)?;
        self.text_str(fixed)?;
        self.end()
    }

    /// [`text_fixed`](Self::text_fixed) for a `fixed` value holding QNames (see
    /// [`child_fixed_in`](Self::child_fixed_in)); the start tag must still be open for the
    /// prefixes to be declared, else the value's own text is written.
    pub fn text_fixed_in<T: SimpleValue + PartialEq>(
        &mut self,
        value: &T,
        fixed: &str,
        bindings: &'static [(&'static str, &'static str)],
    ) -> Result<(), EncodeError> {
        if self.tag_open && is_fixed_in(value, fixed, bindings) && self.can_bind(bindings) {
            self.bind(bindings)?;
            self.text_str(fixed)
        } else {
            self.text(value)
        }
    }

    /// [`child_fixed_in`](Self::child_fixed_in) for an optional child.
    pub fn child_opt_fixed_in<T: SimpleValue + PartialEq>(
        &mut self,
        ns: &str,
        local: &str,
        value: &Option<T>,
        fixed: &str,
        bindings: &'static [(&'static str, &'static str)],
    ) -> Result<(), EncodeError> {
        value
            .iter()
            .try_for_each(|v| self.child_fixed_in(ns, local, v, fixed, bindings))
    }

    /// [`child_fixed_in`](Self::child_fixed_in) for a repeated child.
    pub fn children_fixed_in<T: SimpleValue + PartialEq>(
        &mut self,
        ns: &str,
        local: &str,
        values: &[T],
        fixed: &str,
        bindings: &'static [(&'static str, &'static str)],
    ) -> Result<(), EncodeError> {
        values
            .iter()
            .try_for_each(|v| self.child_fixed_in(ns, local, v, fixed, bindings))
    }
}

impl XmlWriter {
    /// A child element with a schema `fixed` value: written as the schema writes the fixed
    /// value when it is that value (so a validator comparing lexical forms accepts it), else as
    /// the value's own text.
    pub fn child_fixed<T: SimpleValue + PartialEq>(
        &mut self,
        ns: &str,
        local: &str,
        value: &T,
        fixed: &str,
    ) -> Result<(), EncodeError> {
        match T::parse_text(fixed) {
            Ok(f) if f == *value => {
                self.start(ns, local)?;
                self.text_str(fixed)?;
                self.end()
            }
            _ => self.child(ns, local, value),
        }
    }

    /// Text content with a schema `fixed` value (see [`child_fixed`](Self::child_fixed)).
    pub fn text_fixed<T: SimpleValue + PartialEq>(
        &mut self,
        value: &T,
        fixed: &str,
    ) -> Result<(), EncodeError> {
        match T::parse_text(fixed) {
            Ok(f) if f == *value => self.text_str(fixed),
            _ => self.text(value),
        }
    }

    /// [`child_fixed`](Self::child_fixed) for an optional child.
    pub fn child_opt_fixed<T: SimpleValue + PartialEq>(
        &mut self,
        ns: &str,
        local: &str,
        value: &Option<T>,
        fixed: &str,
    ) -> Result<(), EncodeError> {
        value
            .iter()
            .try_for_each(|v| self.child_fixed(ns, local, v, fixed))
    }

    /// [`child_fixed`](Self::child_fixed) for a repeated child.
    pub fn children_fixed<T: SimpleValue + PartialEq>(
        &mut self,
        ns: &str,
        local: &str,
        values: &[T],
        fixed: &str,
    ) -> Result<(), EncodeError> {
        values
            .iter()
            .try_for_each(|v| self.child_fixed(ns, local, v, fixed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{ReadOptions, WriteOptions};
    use crate::types::QName;

    fn written(options: &WriteOptions, value: &QName, fixed: &str, root: bool) -> String {
        const B: &[(&str, &str)] = &[("a", "urn:a"), ("", "urn:default")];
        let mut w = XmlWriter::new(options);
        w.start("urn:e", "r").unwrap();
        if root {
            w.text_fixed_in(value, fixed, B).unwrap();
        } else {
            w.child_fixed_in("urn:e", "c", value, fixed, B).unwrap();
        }
        w.end().unwrap();
        String::from_utf8(w.finish()).unwrap()
    }

    #[test]
    fn fixed_qnames_are_written_as_the_schema_writes_them() {
        let gold = QName::new(Some("x"), "gold")
            .unwrap()
            .with_namespace("urn:a");
        let none = WriteOptions::default();
        for root in [true, false] {
            let out = written(&none, &gold, "a:gold", root);
            assert!(out.contains(r#"xmlns:a="urn:a">a:gold</"#), "{out}");
            // Not the fixed value: the value's own text, with the writer's prefix.
            let silver = QName::new(Some("x"), "silver")
                .unwrap()
                .with_namespace("urn:a");
            let out = written(&none, &silver, "a:gold", root);
            assert!(
                !out.contains("xmlns:a=") && out.contains(":silver<"),
                "{out}"
            );
            // The writer binds `a` elsewhere: the value's own text.
            let taken = WriteOptions::default().prefix("a", "urn:other");
            let out = written(&taken, &gold, "a:gold", root);
            assert!(!out.contains(">a:gold<"), "{out}");
            // The writer binds `a` to the same namespace: the schema's text.
            let same = WriteOptions::default().prefix("a", "urn:a");
            let out = written(&same, &gold, "a:gold", root);
            assert!(out.contains(">a:gold<"), "{out}");
            // An unprefixed QName means the schema's default namespace there, no namespace in
            // the output: written with the writer's prefix instead.
            let d = QName::new(None, "d").unwrap().with_namespace("urn:default");
            let out = written(&none, &d, "d", root);
            assert!(!out.contains(">d<"), "{out}");
        }
    }

    #[test]
    fn defaults_and_fixed_values() {
        assert_eq!(*or_default::<i32>(&None, "1").unwrap(), 1);
        assert_eq!(*or_default(&Some(5i32), "1").unwrap(), 5);
        assert!(or_default::<i32>(&None, "x").is_err());
        let lenient = XmlReader::new(b"<r/>", &ReadOptions::default());
        assert!(lenient.check_fixed(Some(&2i32), "1", "k").is_ok());
        let strict = ReadOptions {
            strict: true,
            ..ReadOptions::default()
        };
        let mut r = XmlReader::new(b"<r k=\"a\"/>", &strict);
        r.root().unwrap();
        assert!(r
            .check_fixed(Some(&"item".to_string()), "item", "k")
            .is_ok());
        assert!(r.check_fixed::<String>(None, "item", "k").is_ok());
        assert!(r.check_fixed(Some(&1i32), " 1 ", "k").is_ok());
        let e = r
            .check_fixed(Some(&"a".to_string()), "item", "k")
            .unwrap_err();
        assert_eq!(e.path(), "/r/@k");
    }
}
