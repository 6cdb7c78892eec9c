//! Rust names for XML names: the one place where identifiers are made.
//!
//! Rules (stable; the generated API depends on them):
//!
//! - Types and enum variants are `UpperCamelCase`, fields are `snake_case` (via `heck`).
//!   Characters that cannot stand in an identifier separate words.
//! - A name that starts with a digit gets a prefix: `T` for types, `V` for variants, `_` for
//!   fields. A name left empty (e.g. the enumeration value `"+"`) becomes `Value` / `value`.
//! - Keywords: fields use raw identifiers (`r#type`); `self`, `super`, `crate`, `Self` and `_`
//!   cannot be raw and get a trailing `_` (`self_`); the type name `Self` becomes `Self_`.
//! - Collisions inside one scope (a module, a struct's fields, an enum's variants) are resolved
//!   by a [`Scope`]: the first claimant keeps the name, later ones get `2`, `3`, ... appended.
//!   Claims are made in a fixed order (see `plan`), so the result is deterministic:
//!   schema-named types first in (namespace, local name) order, then derived names (anonymous
//!   types, choice enums, element roots). So a derived `X` + suffix never takes the name of a
//!   schema type `XSuffix`, names differing only in case get numbered, and one local name in
//!   two namespaces keeps the bare name for the first namespace (sorted by URI) and a numbered
//!   name for the others.
//! - Names of the Rust prelude used by generated code (`Option`, `Vec`, `Box`, `String`, ...)
//!   are reserved in module scopes, so a schema type `String` becomes `String2`.
//!
//! The XML name and namespace are always kept next to the Rust name for the codec.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (strict and reserved, 2021 edition).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "gen", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield", "union",
];

/// Keywords that cannot be written as raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Prelude and std names generated code refers to unqualified; reserved in module scopes.
pub const PRELUDE: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Vec",
    "Box",
    "String",
    "Result",
    "Ok",
    "Err",
    "Default",
    "Clone",
    "Debug",
    "PartialEq",
    "Copy",
    "Eq",
    "Self_",
];

/// Splits `s` into words heck understands: any non-alphanumeric character separates words.
fn words(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect()
}

/// `UpperCamelCase` type name for an XML local name (not yet collision-checked).
pub fn type_name(xml: &str) -> String {
    camel(xml, "T")
}

/// `UpperCamelCase` enum variant name for an XML name or enumeration value.
pub fn variant_name(xml: &str) -> String {
    camel(xml, "V")
}

fn camel(xml: &str, digit_prefix: &str) -> String {
    let mut s = words(xml).to_upper_camel_case();
    s.retain(|c| c.is_alphanumeric() || c == '_');
    if s.is_empty() {
        return "Value".to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert_str(0, digit_prefix);
    }
    if s == "Self" {
        s.push('_');
    }
    s
}

/// `snake_case` field name for an XML local name, keywords escaped (`r#type`, `self_`).
pub fn field_name(xml: &str) -> String {
    let mut s = words(xml).to_snake_case();
    s.retain(|c| c.is_alphanumeric() || c == '_');
    if s.is_empty() {
        return "value".to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    escape_keyword(s)
}

/// Escapes a keyword: raw identifier where possible, trailing `_` otherwise.
pub fn escape_keyword(s: String) -> String {
    if NOT_RAW.contains(&s.as_str()) {
        format!("{s}_")
    } else if KEYWORDS.contains(&s.as_str()) {
        format!("r#{s}")
    } else {
        s
    }
}

/// A namespace of Rust identifiers in which every claimed name is unique.
///
/// Uniqueness is checked case-sensitively on the identifier with any `r#` removed.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// An empty scope.
    pub fn new() -> Self {
        Scope::default()
    }

    /// A module scope with the prelude names reserved.
    pub fn module() -> Self {
        let mut s = Scope::new();
        for p in PRELUDE {
            s.taken.insert((*p).to_string());
        }
        s
    }

    /// Marks `name` as used without checking.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(bare(name).to_string());
    }

    /// True if `name` is already used.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(bare(name))
    }

    /// Claims `wanted`, or `wanted2`, `wanted3`, ... if taken; returns the name claimed.
    pub fn claim(&mut self, wanted: &str) -> String {
        if !self.is_taken(wanted) {
            self.reserve(wanted);
            return wanted.to_string();
        }
        let b = bare(wanted);
        let mut n = 2u32;
        loop {
            // A numbered name is never a keyword, so the raw prefix is dropped.
            let candidate = format!("{b}{n}");
            if !self.is_taken(&candidate) {
                self.reserve(&candidate);
                return candidate;
            }
            n += 1;
        }
    }

    /// Claims the first free name among `candidates`, falling back to numbering the first.
    pub fn claim_any(&mut self, candidates: &[&str]) -> String {
        for c in candidates {
            if !self.is_taken(c) {
                self.reserve(c);
                return (*c).to_string();
            }
        }
        self.claim(candidates.first().copied().unwrap_or("Value"))
    }
}

fn bare(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        assert_eq!(type_name("ResponseCodeType"), "ResponseCodeType");
        assert_eq!(type_name("emailAddress"), "EmailAddress");
        assert_eq!(type_name("my-type.name"), "MyTypeName");
        assert_eq!(type_name("1stType"), "T1stType");
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(variant_name("+"), "Value");
        assert_eq!(variant_name("2007"), "V2007");
        assert_eq!(variant_name("Exchange2007_SP1"), "Exchange2007Sp1");
        assert_eq!(field_name("MessageXml"), "message_xml");
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("Self"), "self_");
        assert_eq!(field_name("super"), "super_");
        assert_eq!(field_name("3d"), "_3d");
        assert_eq!(field_name("lang"), "lang");
    }

    #[test]
    fn collisions_are_numbered_in_claim_order() {
        let mut s = Scope::module();
        assert_eq!(s.claim("FooType"), "FooType");
        assert_eq!(s.claim(&type_name("fooType")), "FooType2");
        assert_eq!(s.claim("String"), "String2");
        assert_eq!(s.claim("FooType"), "FooType3");
        let mut f = Scope::new();
        assert_eq!(f.claim("r#type"), "r#type");
        assert_eq!(f.claim("r#type"), "type2");
        assert_eq!(f.claim_any(&["Other", "OtherValue"]), "Other");
        assert_eq!(f.claim_any(&["Other", "OtherValue"]), "OtherValue");
        assert_eq!(f.claim_any(&["Other", "OtherValue"]), "Other2");
    }
}
