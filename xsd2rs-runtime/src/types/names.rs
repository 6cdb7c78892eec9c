//! String-like built-ins with whitespace normalisation and lexical checks: normalizedString,
//! token, language, Name, NCName (also ID, IDREF, ENTITY), NMTOKEN, anyURI.
//!
//! Each is a newtype over `String` whose invariant (normalised, lexically valid) holds by
//! construction: the checked ones are built with `new`/`TryFrom`/`FromStr`, the unchecked ones
//! (normalizedString, token, anyURI) with `From`, which normalises.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use super::whitespace::{collapse, replace};
use crate::{SimpleValue, ValueError};

/// Ranges of XML 1.0 (5th ed.) `NameStartChar`.
pub(crate) const NAME_START_RANGES: &[(char, char)] = &[
    (':', ':'),
    ('A', 'Z'),
    ('_', '_'),
    ('a', 'z'),
    ('\u{C0}', '\u{D6}'),
    ('\u{D8}', '\u{F6}'),
    ('\u{F8}', '\u{2FF}'),
    ('\u{370}', '\u{37D}'),
    ('\u{37F}', '\u{1FFF}'),
    ('\u{200C}', '\u{200D}'),
    ('\u{2070}', '\u{218F}'),
    ('\u{2C00}', '\u{2FEF}'),
    ('\u{3001}', '\u{D7FF}'),
    ('\u{F900}', '\u{FDCF}'),
    ('\u{FDF0}', '\u{FFFD}'),
    ('\u{10000}', '\u{EFFFF}'),
];

/// Ranges that `NameChar` adds to `NameStartChar`.
pub(crate) const NAME_CHAR_EXTRA: &[(char, char)] = &[
    ('-', '-'),
    ('.', '.'),
    ('0', '9'),
    ('\u{B7}', '\u{B7}'),
    ('\u{300}', '\u{36F}'),
    ('\u{203F}', '\u{2040}'),
];

fn in_ranges(c: char, ranges: &[(char, char)]) -> bool {
    ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi)
}

/// XML `NameStartChar`.
pub(crate) fn is_name_start_char(c: char) -> bool {
    in_ranges(c, NAME_START_RANGES)
}

/// XML `NameChar`.
pub(crate) fn is_name_char(c: char) -> bool {
    is_name_start_char(c) || in_ranges(c, NAME_CHAR_EXTRA)
}

fn is_name(s: &str) -> bool {
    let mut it = s.chars();
    matches!(it.next(), Some(c) if is_name_start_char(c)) && it.all(is_name_char)
}

/// ASCII byte classes for names: [`START`] may begin an NCName, [`CHAR`] may follow.
const NAME_BYTE: [u8; 128] = name_byte_table();
/// The byte may begin an NCName (`A`–`Z`, `a`–`z`, `_`).
const START: u8 = 1;
/// The byte may follow inside an NCName (a start byte, a digit, `-`, `.`).
const CHAR: u8 = 2;

const fn name_byte_table() -> [u8; 128] {
    let mut table = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        table[i] = if b.is_ascii_alphabetic() || b == b'_' {
            START | CHAR
        } else if b.is_ascii_digit() || b == b'-' || b == b'.' {
            CHAR
        } else {
            0
        };
        i += 1;
    }
    table
}

/// Whether `bytes` is an NCName (an XML name without `:`), in one pass over ASCII names (a
/// table lookup per byte); a name with other characters is checked by [`is_ncname`].
pub(crate) fn is_ncname_bytes(bytes: &[u8]) -> bool {
    let Some((&first, rest)) = bytes.split_first() else {
        return false;
    };
    let class = |b: u8| NAME_BYTE.get(usize::from(b)).copied();
    let ascii = match class(first) {
        Some(c) => {
            c & START != 0
                && rest
                    .iter()
                    .all(|&b| class(b).is_some_and(|c| c & CHAR != 0))
        }
        None => false,
    };
    ascii || (!bytes.is_ascii() && std::str::from_utf8(bytes).is_ok_and(is_ncname_chars))
}

/// Whether `s` is an NCName (an XML name without `:`): one table pass for ASCII names.
pub(crate) fn is_ncname(s: &str) -> bool {
    is_ncname_bytes(s.as_bytes())
}

/// [`is_ncname`] character by character (names with non-ASCII characters).
fn is_ncname_chars(s: &str) -> bool {
    !s.contains(':') && is_name(s)
}

fn is_nmtoken(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_name_char)
}

fn is_language(s: &str) -> bool {
    let mut parts = s.split('-');
    let first_ok = matches!(parts.next(), Some(p) if (1..=8).contains(&p.len())
        && p.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Shared impls of a string newtype.
macro_rules! string_newtype_common {
    ($t:ident) => {
        impl $t {
            /// The value as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The value as an owned `String`.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl Deref for $t {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $t {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $t {
            type Err = ValueError;
            fn from_str(s: &str) -> Result<Self, ValueError> {
                <$t as SimpleValue>::parse_text(s)
            }
        }

        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl From<$t> for String {
            fn from(v: $t) -> String {
                v.0
            }
        }
    };
}

/// A string newtype without a lexical check: normalises in `From`.
macro_rules! normalised_string {
    ($(#[$doc:meta])* $t:ident, $norm:path) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $t(String);

        impl $t {
            /// Builds the value, normalising its whitespace.
            pub fn new(s: impl AsRef<str>) -> Self {
                $t($norm(s.as_ref()).into_owned())
            }
        }

        impl From<&str> for $t {
            fn from(s: &str) -> Self {
                $t::new(s)
            }
        }

        impl From<String> for $t {
            fn from(s: String) -> Self {
                let unchanged =
                    matches!($norm(&s), std::borrow::Cow::Borrowed(b) if b.len() == s.len());
                if unchanged {
                    $t(s)
                } else {
                    $t::new(&s)
                }
            }
        }

        impl SimpleValue for $t {
            fn parse_text(text: &str) -> Result<Self, ValueError> {
                Ok($t::new(text))
            }
            fn write_text(&self, out: &mut String) {
                out.push_str(&self.0);
            }
        }

        string_newtype_common!($t);
    };
}

/// A string newtype with a lexical check after whitespace collapsing.
macro_rules! checked_string {
    ($(#[$doc:meta])* $t:ident, $xsd:literal, $check:path) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $t(String);

        impl $t {
            /// Builds the value: collapses whitespace, then checks the lexical form.
            pub fn new(s: impl AsRef<str>) -> Result<Self, ValueError> {
                let raw = s.as_ref();
                let c = collapse(raw);
                if $check(&c) {
                    Ok($t(c.into_owned()))
                } else {
                    Err(ValueError::new($xsd, raw))
                }
            }
        }

        impl TryFrom<&str> for $t {
            type Error = ValueError;
            fn try_from(s: &str) -> Result<Self, ValueError> {
                $t::new(s)
            }
        }

        impl TryFrom<String> for $t {
            type Error = ValueError;
            fn try_from(s: String) -> Result<Self, ValueError> {
                $t::new(s)
            }
        }

        impl SimpleValue for $t {
            fn parse_text(text: &str) -> Result<Self, ValueError> {
                $t::new(text)
            }
            fn write_text(&self, out: &mut String) {
                out.push_str(&self.0);
            }
        }

        string_newtype_common!($t);
    };
}

normalised_string!(
    /// `xs:normalizedString`: a string in which tab, CR and LF were replaced by spaces.
    NormalizedString,
    replace
);
normalised_string!(
    /// `xs:token`: a string with whitespace collapsed (no leading, trailing or double spaces).
    Token,
    collapse
);
normalised_string!(
    /// `xs:anyURI`: whitespace collapsed; the URI syntax is not checked (XML Schema 1.0 is
    /// deliberately lenient here, and servers send relative and unusual URIs).
    AnyUri,
    collapse
);
checked_string!(
    /// `xs:language`: a language tag such as `en`, `en-US`, `de-CH-1901`.
    Language,
    "xs:language",
    is_language
);
checked_string!(
    /// `xs:Name`: an XML name (may contain `:`).
    Name,
    "xs:Name",
    is_name
);
checked_string!(
    /// `xs:NCName` (and `xs:ID`, `xs:IDREF`, `xs:ENTITY`): an XML name without `:`.
    NcName,
    "xs:NCName",
    is_ncname
);
checked_string!(
    /// `xs:NMTOKEN`: one or more XML name characters.
    NmToken,
    "xs:NMTOKEN",
    is_nmtoken
);

impl NcName {
    /// True when `s` is a valid NCName (no whitespace normalisation).
    pub fn is_valid(s: &str) -> bool {
        is_ncname(s)
    }
}
