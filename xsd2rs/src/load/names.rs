//! Names declared by schemas and WSDL documents must be legal XML names (NCNames): a
//! `name="a b"` or `name="x<y"` could never appear in a message, and would reach the
//! generated code as an element name no writer may produce.

use roxmltree::Document;

use super::collect::FileRec;
use super::xml::{is_xs, Positions, WSDL_NS};
use crate::diag::Diagnostic;

/// True for an XML 1.0 (fifth edition) `NameStartChar` other than `:`.
fn is_name_start(c: char) -> bool {
    matches!(c,
        'A'..='Z' | '_' | 'a'..='z'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// True for an XML 1.0 `NameChar` other than `:`.
fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || matches!(c,
            '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// True if `s` is an NCName (a non-empty XML name without a colon).
pub(crate) fn is_ncname(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(is_name_start) && chars.all(is_name_char)
}

/// An error for every `name` attribute of an XML Schema or WSDL element that is not an
/// NCName, at the attribute.
pub(crate) fn check(files: &[FileRec], docs: &[Option<Document>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (f, doc) in files.iter().zip(docs) {
        let Some(doc) = doc else { continue };
        let pos = Positions {
            file: &f.display,
            text: &f.text,
            lines: &f.lines,
        };
        for node in doc.descendants() {
            if !(is_xs(node) || node.is_element() && node.tag_name().namespace() == Some(WSDL_NS)) {
                continue;
            }
            let Some(name) = node.attribute("name").map(str::trim) else {
                continue;
            };
            if !is_ncname(name) {
                out.push(Diagnostic::error(
                    Some(pos.attr(node, "name")),
                    format!(
                        "`{}` is not a legal XML name (an NCName: a letter or `_`, then letters, digits, `-`, `.`, `_`; no spaces, no `:`)",
                        name.escape_debug()
                    ),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::is_ncname;

    #[test]
    fn ncnames() {
        for ok in ["a", "_x", "A-b.c_9", "ÉTAT", "xำ62", "a\u{B7}b"] {
            assert!(is_ncname(ok), "{ok}");
        }
        for bad in [
            "", "a b", "x<y", "p:q", "1a", "-a", ".a", "a\u{0}", "a&b", "\u{FFFE}", "½x",
        ] {
            assert!(!is_ncname(bad), "{bad:?}");
        }
    }
}
