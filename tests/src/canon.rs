//! Canonical comparison of XML documents for round-trip tests.
//!
//! [`canonicalize`] turns a document into one line per element, attribute and text run, in
//! document order, indented by depth:
//!
//! ```text
//! {urn:a}Root
//!   @{}id = "1"
//!   {urn:a}Child
//!     "text"
//! ```
//!
//! What does not count: namespace prefixes (names are written `{uri}local`), where and how
//! namespaces are declared, attribute order (attributes are sorted by expanded name),
//! whitespace-only text between elements (dropped where the parent has element children),
//! comments and processing instructions, `<a></a>` vs `<a/>`, CDATA vs escaped text, and the
//! prefix used in an `xsi:type` value (resolved to `{uri}local`).
//!
//! What counts: element and attribute expanded names, attribute values, text (exactly, including
//! whitespace inside text-only elements), and the document order of elements and text.

use std::fmt::Write;

/// The XML Schema instance namespace (for `xsi:type`).
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// Canonicalises `xml` (see the module docs); fails when it is not well-formed.
pub fn canonicalize(xml: &str) -> Result<String, roxmltree::Error> {
    let doc = roxmltree::Document::parse(xml)?;
    let mut out = String::new();
    element(&mut out, doc.root_element(), 0);
    Ok(out)
}

fn expanded(ns: Option<&str>, local: &str) -> String {
    format!("{{{}}}{}", ns.unwrap_or(""), local)
}

/// An `xsi:type` value with its prefix resolved in the scope of `node`.
fn resolve_qname(node: roxmltree::Node<'_, '_>, value: &str) -> String {
    let (prefix, local) = match value.trim().split_once(':') {
        Some((p, l)) => (Some(p), l),
        None => (None, value.trim()),
    };
    match node.lookup_namespace_uri(prefix) {
        Some(ns) => expanded(Some(ns), local),
        None if prefix.is_none() => expanded(None, local),
        // Unresolvable prefix: keep it visible so the difference shows.
        None => format!("{{?{}}}{}", prefix.unwrap_or(""), local),
    }
}

fn element(out: &mut String, node: roxmltree::Node<'_, '_>, depth: usize) {
    let indent = "  ".repeat(depth);
    let tag = node.tag_name();
    let _ = writeln!(out, "{indent}{}", expanded(tag.namespace(), tag.name()));
    let mut attrs: Vec<(String, String)> = node
        .attributes()
        .map(|a| {
            let value = if a.namespace() == Some(XSI) && a.name() == "type" {
                resolve_qname(node, a.value())
            } else {
                a.value().to_owned()
            };
            (expanded(a.namespace(), a.name()), value)
        })
        .collect();
    attrs.sort();
    for (name, value) in attrs {
        let _ = writeln!(out, "{indent}  @{name} = {value:?}");
    }
    let has_element_children = node.children().any(|c| c.is_element());
    let mut text = String::new();
    let flush = |out: &mut String, text: &mut String| {
        let insignificant = has_element_children && text.chars().all(char::is_whitespace);
        if !text.is_empty() && !insignificant {
            let _ = writeln!(out, "{indent}  {text:?}");
        }
        text.clear();
    };
    for child in node.children() {
        if child.is_text() {
            text.push_str(child.text().unwrap_or(""));
        } else if child.is_element() {
            flush(out, &mut text);
            element(out, child, depth + 1);
        }
    }
    flush(out, &mut text);
}

/// Asserts that two documents are equal canonically; panics with a line diff of the
/// canonical forms otherwise (or when either is not well-formed).
#[track_caller]
pub fn assert_xml_eq(expected: &str, actual: &str) {
    let exp =
        canonicalize(expected).unwrap_or_else(|e| panic!("expected XML is not well-formed: {e}"));
    let act = canonicalize(actual).unwrap_or_else(|e| panic!("actual XML is not well-formed: {e}"));
    if exp != act {
        let diff = similar::TextDiff::from_lines(&exp, &act);
        let mut report = String::new();
        for change in diff.iter_all_changes() {
            let sign = match change.tag() {
                similar::ChangeTag::Delete => '-',
                similar::ChangeTag::Insert => '+',
                similar::ChangeTag::Equal => ' ',
            };
            let _ = write!(report, "{sign} {change}");
        }
        panic!("XML documents differ (canonical forms; - expected, + actual):\n{report}");
    }
}
