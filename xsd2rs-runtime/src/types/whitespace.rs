//! XML Schema whitespace normalisation (`xs:whiteSpace` preserve / replace / collapse).

use std::borrow::Cow;

/// True for the four XML whitespace characters (space, tab, CR, LF).
pub fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Trims XML whitespace at both ends.
pub fn trim(s: &str) -> &str {
    s.trim_matches(is_xml_space)
}

/// `whiteSpace="replace"`: every tab, CR and LF becomes a space.
pub fn replace(s: &str) -> Cow<'_, str> {
    if s.contains(['\t', '\n', '\r']) {
        Cow::Owned(s.replace(['\t', '\n', '\r'], " "))
    } else {
        Cow::Borrowed(s)
    }
}

/// `whiteSpace="collapse"`: replace, then squeeze runs of spaces to one and trim both ends.
pub fn collapse(s: &str) -> Cow<'_, str> {
    let t = trim(s);
    let needs_work = t.contains(['\t', '\n', '\r']) || t.contains("  ");
    if !needs_work {
        return Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    let mut pending_space = false;
    for c in t.chars() {
        if is_xml_space(c) {
            pending_space = true;
        } else {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_squeezes_and_trims() {
        assert_eq!(collapse("  a \t\n b  c "), "a b c");
        assert_eq!(collapse("abc"), "abc");
        assert_eq!(collapse(" \n "), "");
        assert_eq!(replace("a\tb\r\nc"), "a b  c");
    }
}
