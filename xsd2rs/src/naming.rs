//! Rust names for XML names: the one place where identifiers are made.
//!
//! Rules (stable; the generated API depends on them):
//!
//! - Types and enum variants are `UpperCamelCase`, fields are `snake_case`.
//! - Words: any character that is not a letter or digit separates words; a lowercase letter
//!   or digit followed by an uppercase letter starts a word (`fooBar`); in a run of capitals
//!   the last one starts the next word (`HTTPServer` → `http_server` / `HttpServer`), except
//!   an `s` closing the run, which is a plural (`getSubscriptionIDs` →
//!   `get_subscription_ids`, `URLsFor` → `urls_for`).
//! - Identifiers are ASCII, whatever the XML name (any legal XML name maps, never a panic,
//!   and no lint about uncommon or confusable code points fires): a non-ASCII character is
//!   decomposed (NFKD) and keeps its ASCII letters and digits (`é` → `e`, `ﬁ` → `fi`,
//!   `½` → `1 2`); a letter or digit with no ASCII decomposition becomes a word of its own,
//!   `u` and its code point in hex (`名` → `u540d`); combining marks are dropped. Names that
//!   map alike are told apart by the scope rules below.
//! - A name that starts with a digit gets a prefix: `T` for types, `V` for variants, `_` for
//!   fields. A name left empty (e.g. the enumeration value `"+"`) becomes `Value` / `value`.
//! - Keywords: fields use raw identifiers (`r#type`); `self`, `super`, `crate`, `Self` and `_`
//!   cannot be raw and get a trailing `_` (`self_`); the type name `Self` becomes `Self_`.
//! - Collisions inside one scope (a module, a struct's fields, an enum's variants) are resolved
//!   by a [`Scope`]: the first claimant keeps the name, later ones get `2`, `3`, ... appended.
//!   Claims are made in a fixed order (see `plan`), so the result is deterministic:
//!   schema-named types first in (namespace, local name) order, then anonymous types of
//!   elements (named after their path), then derived names (choice enums, element roots).
//!   So a derived `X` + suffix never takes the name of a schema type `XSuffix`, and an
//!   anonymous type's name does not depend on the other content of its schema.
//! - One name in several namespaces (a schema type or a global element's anonymous type):
//!   each of them is prefixed with its namespace's short name ([`ns_prefix`]: the prefix the
//!   schemas declare for it unless it says nothing (`tns`, `ns1`), else a word of its URI), e.g. `tt:NetworkCapabilities` and
//!   `tds:NetworkCapabilities` → `TtNetworkCapabilities`, `TdsNetworkCapabilities`. The
//!   choice depends only on the colliding types, not on claim order or on unrelated types.
//! - Names of the Rust prelude (`Option`, `Vec`, `Box`, `String`, `From`, `Send`, ...) and of
//!   the derive macros generated code uses are reserved in module scopes, so a schema type
//!   `String` becomes `String2`; generated code names runtime traits by absolute path.
//!
//! The XML name and namespace are always kept next to the Rust name for the codec.

use std::collections::{BTreeSet, HashMap};

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

/// Names of the Rust prelude (2021) and derive macros: reserved in module scopes, so that
/// no generated type shadows what generated or user code names unqualified.
pub const PRELUDE: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Vec",
    "Box",
    "String",
    "ToString",
    "ToOwned",
    "Result",
    "Ok",
    "Err",
    "Default",
    "Clone",
    "Debug",
    "Hash",
    "PartialEq",
    "PartialOrd",
    "Eq",
    "Ord",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "AsRef",
    "AsMut",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "Iterator",
    "IntoIterator",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "Extend",
    "FromIterator",
    "Self_",
];

/// One character as identifier material.
enum Piece {
    /// An ASCII letter or digit.
    Char(char),
    /// A word of its own (`u540d`).
    Word(String),
    /// Nothing (a combining mark).
    Skip,
    /// A word separator.
    Sep,
}

fn is_combining(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// The ASCII pieces of one character.
fn pieces(c: char, out: &mut Vec<Piece>) {
    if c.is_ascii_alphanumeric() {
        out.push(Piece::Char(c));
        return;
    }
    if c.is_ascii() {
        out.push(Piece::Sep);
        return;
    }
    // Letters without a decomposition that Latin writers transliterate.
    let latin = match c {
        'ß' => "ss",
        'æ' => "ae",
        'Æ' => "Ae",
        'œ' => "oe",
        'Œ' => "Oe",
        'ø' => "o",
        'Ø' => "O",
        'đ' | 'ð' => "d",
        'Đ' | 'Ð' => "D",
        'ł' => "l",
        'Ł' => "L",
        'þ' => "th",
        'Þ' => "Th",
        'ı' => "i",
        _ => "",
    };
    if !latin.is_empty() {
        out.extend(latin.chars().map(Piece::Char));
        return;
    }
    let nfkd = icu_normalizer::DecomposingNormalizerBorrowed::new_nfkd();
    let mut buf = String::new();
    buf.push(c);
    let decomposed = nfkd.normalize(&buf);
    let simple = decomposed
        .chars()
        .all(|d| d.is_ascii() || is_combining(d) || !d.is_alphanumeric());
    if simple && decomposed.chars().any(|d| d.is_ascii_alphanumeric()) {
        for d in decomposed.chars() {
            if d.is_ascii_alphanumeric() {
                out.push(Piece::Char(d));
            } else if !is_combining(d) {
                out.push(Piece::Sep);
            }
        }
    } else if is_combining(c) {
        out.push(Piece::Skip);
    } else if c.is_alphanumeric() {
        out.push(Piece::Word(format!("u{:04x}", c as u32)));
    } else {
        out.push(Piece::Sep);
    }
}

/// Splits an XML name into ASCII words (case kept), as the module docs describe.
pub fn words(xml: &str) -> Vec<String> {
    let mut ps = Vec::new();
    for c in xml.chars() {
        pieces(c, &mut ps);
    }
    let mut out = Vec::new();
    let mut run: Vec<char> = Vec::new();
    for p in ps {
        match p {
            Piece::Char(c) => run.push(c),
            Piece::Skip => {}
            Piece::Sep => split_run(&mut run, &mut out),
            Piece::Word(w) => {
                split_run(&mut run, &mut out);
                out.push(w);
            }
        }
    }
    split_run(&mut run, &mut out);
    out
}

/// Splits a run of ASCII letters and digits at case changes (heck's rules plus plurals).
fn split_run(run: &mut Vec<char>, out: &mut Vec<String>) {
    #[derive(PartialEq, Clone, Copy)]
    enum Mode {
        Boundary,
        Lower,
        Upper,
    }
    let cs = std::mem::take(run);
    let mut init = 0;
    let mut mode = Mode::Boundary;
    for i in 0..cs.len() {
        let c = cs[i];
        let Some(&next) = cs.get(i + 1) else {
            break;
        };
        let next_mode = if c.is_ascii_lowercase() {
            Mode::Lower
        } else if c.is_ascii_uppercase() {
            Mode::Upper
        } else {
            mode
        };
        if next_mode == Mode::Lower && next.is_ascii_uppercase() {
            out.push(cs[init..=i].iter().collect());
            init = i + 1;
            mode = Mode::Boundary;
        } else if mode == Mode::Upper && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
            // `IDs`, `URLs`: an `s` closing a run of capitals is a plural, not a word.
            let plural = next == 's' && cs.get(i + 2).is_none_or(|a| !a.is_ascii_lowercase());
            if plural {
                mode = Mode::Lower;
            } else {
                out.push(cs[init..i].iter().collect());
                init = i;
                mode = Mode::Lower;
            }
        } else {
            mode = next_mode;
        }
    }
    if init < cs.len() {
        out.push(cs[init..].iter().collect());
    }
}

/// `UpperCamelCase` of words.
fn camel_words(ws: &[String]) -> String {
    let mut s = String::new();
    for w in ws {
        let mut cs = w.chars();
        if let Some(f) = cs.next() {
            s.push(f.to_ascii_uppercase());
            s.extend(cs.map(|c| c.to_ascii_lowercase()));
        }
    }
    s
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
    let mut s = camel_words(&words(xml));
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
    let mut s = words(xml)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    if s.is_empty() {
        return "value".to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    escape_keyword(s)
}

/// The short `UpperCamelCase` name of a namespace, used to tell apart types of one name in
/// several namespaces: the prefix the schemas declare for it (`tt` → `Tt`), else the last
/// word of its URI that is not a version or a generic word (`urn:example:orders:v2` →
/// `Orders`), else `Ns`. Depends only on the namespace and its declared prefix.
pub fn ns_prefix(uri: &str, declared: Option<&str>) -> String {
    // Prefixes that say nothing about the namespace (`tns`, `ns1`, `q1`) are passed over.
    let meaningful = |d: &&str| {
        let letters = d.trim_end_matches(|c: char| c.is_ascii_digit());
        let numbered = letters.len() <= 2 && letters.len() < d.len();
        let generic = ["tns", "ns"].iter().any(|g| d.eq_ignore_ascii_case(g));
        let alphabetic = d.starts_with(|c: char| c.is_ascii_alphabetic());
        alphabetic && !numbered && !generic
    };
    if let Some(p) = declared.filter(meaningful).map(type_name) {
        return p;
    }
    const GENERIC: &[&str] = &[
        "http", "https", "urn", "www", "schema", "schemas", "xsd", "xml", "ns", "wsdl", "org",
        "com", "net", "types", "type",
    ];
    let word = uri
        .split(|c: char| !c.is_ascii_alphanumeric())
        .rev()
        .filter(|w| !w.is_empty())
        .find(|w| {
            let lw = w.to_ascii_lowercase();
            w.starts_with(|c: char| c.is_ascii_alphabetic())
                && !GENERIC.contains(&lw.as_str())
                && !(lw.starts_with(['v', 'r']) && lw[1..].chars().all(|c| c.is_ascii_digit()))
        });
    match word {
        Some(w) => type_name(w),
        None => "Ns".to_string(),
    }
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
    /// Per base name, the number to try next when numbering it (`claim`): names are never
    /// released, so every smaller number is still taken and claiming n names that collide
    /// stays linear instead of rescanning `2, 3, ...` each time.
    next: HashMap<String, u32>,
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
        let mut n = self.next.get(b).copied().unwrap_or(2);
        loop {
            // A numbered name is never a keyword, so the raw prefix is dropped.
            let candidate = format!("{b}{n}");
            n = n.saturating_add(1);
            if !self.is_taken(&candidate) {
                self.reserve(&candidate);
                self.next.insert(b.to_string(), n);
                return candidate;
            }
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
    fn acronyms_split_as_written() {
        assert_eq!(field_name("getSubscriptionIDs"), "get_subscription_ids");
        assert_eq!(type_name("getSubscriptionIDs"), "GetSubscriptionIds");
        assert_eq!(field_name("HTTPServer"), "http_server");
        assert_eq!(type_name("HTTPServer"), "HttpServer");
        assert_eq!(field_name("URLsFor"), "urls_for");
        assert_eq!(field_name("SaveAs"), "save_as");
        assert_eq!(field_name("HTTPSender"), "http_sender");
        assert_eq!(field_name("EWSUrl"), "ews_url");
        assert_eq!(field_name("ItemIDsList"), "item_ids_list");
        assert_eq!(type_name("a1B"), "A1B");
        assert_eq!(field_name("IPv4Address"), "i_pv4_address");
    }

    #[test]
    fn any_xml_name_makes_an_ascii_identifier() {
        assert_eq!(type_name("½"), "T12");
        assert_eq!(field_name("½"), "_1_2");
        assert_eq!(type_name("ำ62"), "U0e3362");
        assert_eq!(field_name("Größe"), "grosse");
        assert_eq!(type_name("Ærø"), "Aero");
        assert_eq!(type_name("café"), "Cafe");
        assert_eq!(field_name("名前"), "u540d_u524d");
        assert_eq!(type_name("ﬁle"), "File");
        assert_eq!(variant_name("·"), "Value");
        for name in [
            "½",
            "ำ62",
            "a\u{300}",
            "_",
            "-",
            "\u{10FFFF}x",
            "ǅx",
            "Ⅻ",
            "x·y",
        ] {
            for id in [type_name(name), variant_name(name), field_name(name)] {
                let bare = id.strip_prefix("r#").unwrap_or(&id);
                assert!(
                    bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                    "{id}"
                );
                assert!(!bare.starts_with(|c: char| c.is_ascii_digit()), "{id}");
                assert!(syn::parse_str::<syn::Ident>(&id).is_ok(), "{id}");
            }
        }
    }

    #[test]
    fn namespace_prefixes() {
        assert_eq!(
            ns_prefix("http://www.onvif.org/ver10/schema", Some("tt")),
            "Tt"
        );
        assert_eq!(ns_prefix("urn:example:orders:v2", None), "Orders");
        assert_eq!(ns_prefix("http://example.com/2006/types", None), "Example");
        assert_eq!(ns_prefix("", None), "Ns");
        assert_eq!(ns_prefix("urn:example:orders:v2", Some("tns")), "Orders");
        assert_eq!(ns_prefix("urn:example:orders:v2", Some("ns1")), "Orders");
        assert_eq!(ns_prefix("urn:example:orders:v2", Some("tds")), "Tds");
    }

    #[test]
    fn numbering_skips_names_taken_since_and_stays_linear() {
        let mut s = Scope::new();
        assert_eq!(s.claim("Value"), "Value");
        assert_eq!(s.claim("Value"), "Value2");
        s.reserve("Value3");
        assert_eq!(s.claim("Value"), "Value4");
        assert_eq!(s.claim("Value3"), "Value32");
        // 100,000 collisions: each claim resumes where the last one stopped.
        for _ in 0..100_000 {
            s.claim("Value");
        }
        assert_eq!(s.claim("Value"), "Value100006");
        assert_eq!(s.claim("r#type"), "r#type");
        assert_eq!(s.claim("r#type"), "type2");
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
