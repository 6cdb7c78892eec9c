//! "Says the same" (issue 7 item 2), structural half: the same elements in the same order, the
//! same attributes (`xs:anyAttribute` ones and `xsi:*` included), the same text.
//!
//! What does not count (as in `tests/src/canon.rs`): namespace prefixes and declarations,
//! attribute order, whitespace-only text between elements of element content, comments and
//! processing instructions, `<a></a>` vs `<a/>`, CDATA vs escaped text.
//!
//! Values: the `xsi:` attributes are compared by their types here (`xsi:type` as a QName,
//! `xsi:nil` as a boolean, the location hints as whitespace-collapsed lists). Any other
//! attribute value or simple content that differs lexically is returned as a [`ValueDiff`]:
//! it is the same only if it is the same value of its schema type, which the oracle
//! (`oracle.py`, xmlschema's typed decode of both documents) decides.

use std::fmt::Write as _;

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// A lexical difference of a typed value, to be settled by the oracle.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueDiff {
    /// Element child indices from the root (elements only).
    pub path: Vec<usize>,
    /// The attribute (`{ns}local`), or `None` for the element's simple content.
    pub attr: Option<String>,
    /// The input's lexical form.
    pub input: String,
    /// The output's lexical form.
    pub output: String,
    /// A readable location for reports.
    pub location: String,
}

/// The outcome of the structural comparison.
#[derive(Debug, Clone, PartialEq)]
pub enum Comparison {
    /// Equal, value for value.
    Same,
    /// A difference no type can excuse: the first one.
    Different(String),
    /// Equal except these lexical differences.
    Values(Vec<ValueDiff>),
}

struct Walk {
    diffs: Vec<ValueDiff>,
}

/// Compares two documents (see the module docs).
pub fn compare(input: &str, output: &str) -> Comparison {
    let opts = || roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let a = match roxmltree::Document::parse_with_options(input, opts()) {
        Ok(d) => d,
        Err(e) => return Comparison::Different(format!("input is not well-formed: {e}")),
    };
    let b = match roxmltree::Document::parse_with_options(output, opts()) {
        Ok(d) => d,
        Err(e) => return Comparison::Different(format!("output is not well-formed: {e}")),
    };
    let mut w = Walk { diffs: Vec::new() };
    let mut path = Vec::new();
    let loc = format!("/{}", a.root_element().tag_name().name());
    match w.element(a.root_element(), b.root_element(), &mut path, &loc) {
        Err(e) => Comparison::Different(e),
        Ok(()) if w.diffs.is_empty() => Comparison::Same,
        Ok(()) => Comparison::Values(w.diffs),
    }
}

fn expanded(ns: Option<&str>, local: &str) -> String {
    format!("{{{}}}{}", ns.unwrap_or(""), local)
}

fn qname_value(node: roxmltree::Node<'_, '_>, value: &str) -> String {
    let v = value.trim();
    let (prefix, local) = match v.split_once(':') {
        Some((p, l)) => (Some(p), l),
        None => (None, v),
    };
    match node.lookup_namespace_uri(prefix) {
        Some(ns) => expanded(Some(ns), local),
        None if prefix.is_none() => expanded(None, local),
        None => format!("{{?{}}}{}", prefix.unwrap_or(""), local),
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn xsi_boolean(s: &str) -> Option<bool> {
    match s.trim() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

enum Child<'a, 'i> {
    Element(roxmltree::Node<'a, 'i>),
    Text(String),
}

/// The significant children: elements, and text runs (merged; whitespace-only runs dropped
/// when the element has element children).
fn children<'a, 'i>(node: roxmltree::Node<'a, 'i>) -> (Vec<Child<'a, 'i>>, bool) {
    let has_elements = node.children().any(|c| c.is_element());
    let mut out = Vec::new();
    let mut text = String::new();
    let flush = |out: &mut Vec<Child<'a, 'i>>, text: &mut String| {
        if !(text.is_empty() || has_elements && text.chars().all(char::is_whitespace)) {
            out.push(Child::Text(std::mem::take(text)));
        }
        text.clear();
    };
    for c in node.children() {
        if c.is_text() {
            text.push_str(c.text().unwrap_or(""));
        } else if c.is_element() {
            flush(&mut out, &mut text);
            out.push(Child::Element(c));
        }
    }
    flush(&mut out, &mut text);
    (out, has_elements)
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    format!("{out:?}")
}

impl Walk {
    fn element(
        &mut self,
        a: roxmltree::Node<'_, '_>,
        b: roxmltree::Node<'_, '_>,
        path: &mut Vec<usize>,
        loc: &str,
    ) -> Result<(), String> {
        let (na, nb) = (
            expanded(a.tag_name().namespace(), a.tag_name().name()),
            expanded(b.tag_name().namespace(), b.tag_name().name()),
        );
        if na != nb {
            return Err(format!("{loc}: element {na} written as {nb}"));
        }
        self.attributes(a, b, path, loc)?;
        let (ca, a_elems) = children(a);
        let (cb, b_elems) = children(b);
        if !a_elems && !b_elems {
            // Simple (or empty) content: one value.
            let ta: String = ca
                .iter()
                .filter_map(|c| match c {
                    Child::Text(t) => Some(t.as_str()),
                    Child::Element(_) => None,
                })
                .collect();
            let tb: String = cb
                .iter()
                .filter_map(|c| match c {
                    Child::Text(t) => Some(t.as_str()),
                    Child::Element(_) => None,
                })
                .collect();
            if ta != tb {
                self.diffs.push(ValueDiff {
                    path: path.clone(),
                    attr: None,
                    input: ta,
                    output: tb,
                    location: loc.to_owned(),
                });
            }
            return Ok(());
        }
        let mut index = 0usize;
        for (i, pair) in ca.iter().zip(cb.iter()).enumerate() {
            match pair {
                (Child::Element(x), Child::Element(y)) => {
                    let child_loc = format!("{loc}/{}[{}]", x.tag_name().name(), i + 1);
                    path.push(index);
                    self.element(*x, *y, path, &child_loc)?;
                    path.pop();
                    index += 1;
                }
                (Child::Text(x), Child::Text(y)) => {
                    if x != y {
                        return Err(format!("{loc}: text {} written as {}", short(x), short(y)));
                    }
                }
                (Child::Text(x), Child::Element(y)) => {
                    return Err(format!(
                        "{loc}: text {} dropped (element {} in its place)",
                        short(x),
                        y.tag_name().name()
                    ))
                }
                (Child::Element(x), Child::Text(y)) => {
                    return Err(format!(
                        "{loc}: element {} dropped (text {} in its place)",
                        expanded(x.tag_name().namespace(), x.tag_name().name()),
                        short(y)
                    ))
                }
            }
        }
        if ca.len() > cb.len() {
            let what = match &ca[cb.len()] {
                Child::Element(x) => format!(
                    "element {}",
                    expanded(x.tag_name().namespace(), x.tag_name().name())
                ),
                Child::Text(t) => format!("text {}", short(t)),
            };
            return Err(format!(
                "{loc}: {what} dropped ({} of {} children written)",
                cb.len(),
                ca.len()
            ));
        }
        if cb.len() > ca.len() {
            let what = match &cb[ca.len()] {
                Child::Element(x) => format!(
                    "element {}",
                    expanded(x.tag_name().namespace(), x.tag_name().name())
                ),
                Child::Text(t) => format!("text {}", short(t)),
            };
            return Err(format!("{loc}: {what} added"));
        }
        Ok(())
    }

    fn attributes(
        &mut self,
        a: roxmltree::Node<'_, '_>,
        b: roxmltree::Node<'_, '_>,
        path: &[usize],
        loc: &str,
    ) -> Result<(), String> {
        let list = |n: roxmltree::Node<'_, '_>| {
            let mut v: Vec<(String, Option<String>, String, String)> = n
                .attributes()
                .map(|at| {
                    (
                        expanded(at.namespace(), at.name()),
                        at.namespace().map(str::to_owned),
                        at.name().to_owned(),
                        at.value().to_owned(),
                    )
                })
                .collect();
            v.sort();
            v
        };
        let (la, lb) = (list(a), list(b));
        for (name, ns, local, va) in &la {
            let Some((_, _, _, vb)) = lb.iter().find(|x| &x.0 == name) else {
                return Err(format!("{loc}: attribute {name} = {} dropped", short(va)));
            };
            if va == vb {
                continue;
            }
            if ns.as_deref() == Some(XSI) {
                let same = match local.as_str() {
                    "type" => qname_value(a, va) == qname_value(b, vb),
                    "nil" => xsi_boolean(va).is_some() && xsi_boolean(va) == xsi_boolean(vb),
                    _ => collapse(va) == collapse(vb),
                };
                if !same {
                    return Err(format!(
                        "{loc}: attribute {name} = {} written as {}",
                        short(va),
                        short(vb)
                    ));
                }
                continue;
            }
            self.diffs.push(ValueDiff {
                path: path.to_vec(),
                attr: Some(name.clone()),
                input: va.clone(),
                output: vb.clone(),
                location: format!("{loc}/@{local}"),
            });
        }
        if let Some((name, _, _, vb)) = lb.iter().find(|x| !la.iter().any(|y| y.0 == x.0)) {
            return Err(format!("{loc}: attribute {name} = {} added", short(vb)));
        }
        Ok(())
    }
}

/// A one-line description of value differences, for reports.
pub fn describe(diffs: &[ValueDiff]) -> String {
    let mut s = String::new();
    if let Some(d) = diffs.first() {
        let _ = write!(
            s,
            "{}: {} written as {}",
            d.location,
            short(&d.input),
            short(&d.output)
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_order_and_insignificant_whitespace_do_not_count() {
        let a = r#"<p:r xmlns:p="urn:a" x="1" y="2">
  <p:c>t</p:c>
</p:r>"#;
        let b = r#"<r xmlns="urn:a" y="2" x="1"><c>t</c></r>"#;
        assert_eq!(compare(a, b), Comparison::Same);
    }

    #[test]
    fn dropped_attribute_and_element_are_differences() {
        let a = r#"<r a="1"><c/><d/></r>"#;
        assert!(
            matches!(compare(a, r#"<r><c/><d/></r>"#), Comparison::Different(m) if m.contains("attribute {}a"))
        );
        assert!(
            matches!(compare(a, r#"<r a="1"><c/></r>"#), Comparison::Different(m) if m.contains("element {}d dropped"))
        );
        assert!(matches!(
            compare(a, r#"<r a="1"><d/><c/></r>"#),
            Comparison::Different(_)
        ));
    }

    #[test]
    fn xsi_attributes_are_compared_by_their_types() {
        let a = r#"<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:p="urn:t" xsi:type="p:T" xsi:nil="1"/>"#;
        let b = r#"<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:q="urn:t" xsi:type="q:T" xsi:nil="true"/>"#;
        assert_eq!(compare(a, b), Comparison::Same);
        let c = r#"<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:q="urn:u" xsi:type="q:T" xsi:nil="true"/>"#;
        assert!(matches!(compare(a, c), Comparison::Different(_)));
        let d = r#"<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:a  a.xsd"/>"#;
        assert!(
            matches!(compare(d, "<r/>"), Comparison::Different(m) if m.contains("schemaLocation"))
        );
    }

    #[test]
    fn typed_values_are_left_to_the_oracle() {
        let a = r#"<r n="01"><v>1.50</v><w/></r>"#;
        let b = r#"<r n="1"><v>1.5</v><w>0</w></r>"#;
        let Comparison::Values(d) = compare(a, b) else {
            panic!("expected value differences")
        };
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].attr.as_deref(), Some("{}n"));
        assert_eq!(d[1].path, vec![0]);
        assert_eq!((d[2].path.clone(), d[2].input.as_str()), (vec![1], ""));
    }

    #[test]
    fn mixed_text_counts_exactly() {
        let a = "<r>a <b/> c</r>";
        assert!(matches!(
            compare(a, "<r>a<b/> c</r>"),
            Comparison::Different(_)
        ));
        assert_eq!(compare(a, "<r>a <b></b> c</r>"), Comparison::Same);
    }
}
