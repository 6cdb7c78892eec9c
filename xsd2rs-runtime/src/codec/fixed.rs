//! Attribute `default` and `fixed` values: the effective value of an absent attribute
//! ([`or_default`]) and the check of a `fixed` value on read ([`XmlReader::check_fixed`]).
//! An absent attribute stays `None` in the value and is never written: the schema value is
//! only what a reader sees through [`or_default`].
//!
//! A present value other than the fixed one is an error when reading strictly and kept as read
//! otherwise: the EWS schemas fix `RequestServerVersion/@Version` to the schema's release
//! (`Exchange2016`) while real clients send older versions, which a server must accept.

use std::borrow::Cow;

use super::error::{DecodeError, DecodeErrorKind};
use super::reader::XmlReader;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::ReadOptions;

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
