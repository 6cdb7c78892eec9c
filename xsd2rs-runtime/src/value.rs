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

    /// Parses the lexical form read where `scope`'s namespace declarations are in force: what
    /// the codec calls. QName-valued types (and lists, unions and restrictions of them)
    /// resolve their prefixes with it; the default ignores it and calls
    /// [`parse_text`](Self::parse_text).
    fn parse_in(text: &str, scope: &dyn NamespaceScope) -> Result<Self, ValueError> {
        let _ = scope;
        Self::parse_text(text)
    }

    /// Writes the lexical form where `scope` decides the prefixes: what the codec calls.
    /// QName-valued types ask it for a declared prefix of their namespace; the default ignores
    /// it and calls [`write_text`](Self::write_text).
    fn write_in(&self, out: &mut String, scope: &mut dyn PrefixScope) {
        let _ = scope;
        self.write_text(out)
    }
}

/// [`SimpleValue::parse_text`] of a generated enumeration: the listed value whose lexical
/// form is `text` with leading and trailing XML whitespace removed, else `other(text)` (the
/// enumeration's variant keeping an unlisted value as sent).
pub fn parse_listed<T: Clone>(
    text: &str,
    values: &[(&str, T)],
    other: impl FnOnce(String) -> T,
) -> Result<T, ValueError> {
    let t = crate::types::whitespace::trim(text);
    Ok(values
        .iter()
        .find(|(s, _)| *s == t)
        .map_or_else(|| other(text.to_owned()), |(_, v)| v.clone()))
}

/// [`SimpleValue::write_text`] of a generated enumeration's listed value: its lexical form
/// from `values` (nothing for a value not in the table).
pub fn write_listed<T: PartialEq>(value: &T, values: &[(&str, T)], out: &mut String) {
    out.push_str(
        values
            .iter()
            .find(|(_, v)| v == value)
            .map_or("", |(s, _)| s),
    );
}

/// The namespace declarations in force where a value is read (the codec's reader).
pub trait NamespaceScope {
    /// The URI bound to `prefix`; `""` asks for the default namespace, which is `Some("")`
    /// when none is declared. `None` for an undeclared prefix.
    fn namespace_of(&self, prefix: &str) -> Option<&str>;
}

/// Where a value is written (the codec's writer): hands out declared prefixes.
pub trait PrefixScope {
    /// The prefix to write for a name in `namespace`, declared on the element being written
    /// when none is in scope; `None` for no namespace (an unprefixed name).
    fn prefix_for(&mut self, namespace: &str) -> Option<String>;
}

/// No declarations beyond the built-in `xml` prefix: reading resolves only unprefixed names
/// (to no namespace); writing writes names in a namespace with their kept prefix.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoScope;

impl NamespaceScope for NoScope {
    fn namespace_of(&self, prefix: &str) -> Option<&str> {
        match prefix {
            "" => Some(""),
            "xml" => Some("http://www.w3.org/XML/1998/namespace"),
            _ => None,
        }
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
