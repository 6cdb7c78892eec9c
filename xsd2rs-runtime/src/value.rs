//! Simple values: the lexical ⇄ typed mapping of XML Schema simple types.
//!
//! Every built-in XSD type the generator maps to, and every generated simple type
//! (enumerations, restrictions, lists, unions), implements [`SimpleValue`]. The codec uses it
//! for attribute values and for the text of simple-content elements.

use std::fmt;

/// A value with an XML lexical form (an XML Schema simple type).
pub trait SimpleValue: Sized {
    /// Parses the lexical form (whitespace handling of the type is applied by the impl).
    fn parse_text(text: &str) -> Result<Self, ValueError>;

    /// Appends the canonical (or preserved original) lexical form to `out`, unescaped.
    fn write_text(&self, out: &mut String);

    /// Checks facets that must hold before the value is written (strict writing).
    /// Types without facets keep the default, which accepts everything.
    fn check(&self) -> Result<(), ValueError> {
        Ok(())
    }
}

/// A lexical value that does not fit its type or violates a facet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    /// What was expected, e.g. `xs:dateTime` or `minLength 1`.
    pub expected: String,
    /// The offending text (truncated to a readable length).
    pub found: String,
}

impl ValueError {
    /// Builds an error, truncating `found` to 80 characters.
    pub fn new(expected: impl Into<String>, found: &str) -> Self {
        let mut f: String = found.chars().take(80).collect();
        if f.len() < found.len() {
            f.push('…');
        }
        ValueError {
            expected: expected.into(),
            found: f,
        }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {}, found {:?}", self.expected, self.found)
    }
}

impl std::error::Error for ValueError {}
