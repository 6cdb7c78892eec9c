//! Character escaping for writing, entity resolution and attribute-value normalization for reading.

use std::borrow::Cow;

use super::error::{DecodeErrorKind, EncodeErrorKind};

/// Resolves the body of a reference (`amp`, `#60`, `#x3C`) to its character.
///
/// Only the five predefined entities and character references exist: no DOCTYPE is ever
/// accepted, so any other name is [`DecodeErrorKind::UnknownEntity`].
pub(crate) fn resolve_reference(name: &[u8]) -> Result<char, DecodeErrorKind> {
    match name {
        b"lt" => Ok('<'),
        b"gt" => Ok('>'),
        b"amp" => Ok('&'),
        b"apos" => Ok('\''),
        b"quot" => Ok('"'),
        [b'#', b'x', hex @ ..] => char_ref(hex, 16, name),
        [b'#', dec @ ..] => char_ref(dec, 10, name),
        _ => Err(DecodeErrorKind::UnknownEntity(
            String::from_utf8_lossy(name).into_owned(),
        )),
    }
}

fn char_ref(digits: &[u8], radix: u32, whole: &[u8]) -> Result<char, DecodeErrorKind> {
    let bad = || {
        DecodeErrorKind::Syntax(format!(
            "invalid character reference &{};",
            String::from_utf8_lossy(whole)
        ))
    };
    if digits.is_empty() || digits.len() > 8 {
        return Err(bad());
    }
    let mut value: u32 = 0;
    for &d in digits {
        let v = (d as char).to_digit(radix).ok_or_else(bad)?;
        value = value * radix + v;
    }
    match char::from_u32(value) {
        Some(c) if is_xml_char(c) => Ok(c),
        _ => Err(bad()),
    }
}

/// Whether `c` is a character XML 1.0 allows.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Normalizes XML 1.0 line ends in text (`\r\n` and `\r` become `\n`); borrows when there are none.
pub(crate) fn text_eol(text: &str) -> Cow<'_, str> {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Decodes a raw attribute value: references resolved, `\t`, `\n`, `\r` (and `\r\n`) normalized to
/// a space as XML requires. Borrows when nothing needs changing.
pub(crate) fn attr_value(text: &str) -> Result<Cow<'_, str>, DecodeErrorKind> {
    let bytes = text.as_bytes();
    if memchr::memchr3(b'&', b'\n', b'\r', bytes).is_none()
        && memchr::memchr(b'\t', bytes).is_none()
    {
        return Ok(Cow::Borrowed(text));
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(['&', '\t', '\n', '\r']) {
        let (head, tail) = rest.split_at(i);
        out.push_str(head);
        let mut chars = tail.chars();
        match chars.next() {
            Some('&') => {
                let body = &tail[1..];
                let end = body.find(';').ok_or_else(|| {
                    DecodeErrorKind::Syntax("unterminated reference in attribute value".into())
                })?;
                out.push(resolve_reference(&body.as_bytes()[..end])?);
                rest = &body[end + 1..];
            }
            Some('\r') => {
                out.push(' ');
                rest = tail[1..].strip_prefix('\n').unwrap_or(&tail[1..]);
            }
            _ => {
                out.push(' ');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Ok(Cow::Owned(out))
}

/// How a byte is written in text or in an attribute value.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Plain,
    Escape(&'static [u8]),
    Invalid,
    /// 0xEF starts U+FFFE / U+FFFF, which XML excludes.
    Check,
}

const fn table(attr: bool) -> [Class; 256] {
    let mut t = [Class::Plain; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = Class::Invalid;
        b += 1;
    }
    t[b'\t' as usize] = if attr {
        Class::Escape(b"&#9;")
    } else {
        Class::Plain
    };
    t[b'\n' as usize] = if attr {
        Class::Escape(b"&#10;")
    } else {
        Class::Plain
    };
    t[b'\r' as usize] = Class::Escape(b"&#13;");
    t[b'<' as usize] = Class::Escape(b"&lt;");
    t[b'>' as usize] = Class::Escape(b"&gt;");
    t[b'&' as usize] = Class::Escape(b"&amp;");
    t[0xEF] = Class::Check;
    if attr {
        t[b'"' as usize] = Class::Escape(b"&quot;");
    }
    t
}

static TEXT: [Class; 256] = table(false);
static ATTR: [Class; 256] = table(true);

/// Appends `s` escaped for element content (`<`, `&`, `>`, `\r`).
pub(crate) fn escape_text(out: &mut Vec<u8>, s: &str) -> Result<(), EncodeErrorKind> {
    escape(out, s, &TEXT)
}

/// Appends `s` escaped for a double-quoted attribute value (also `"`, `\t`, `\n`, `\r` as
/// character references so they survive attribute-value normalization).
pub(crate) fn escape_attr(out: &mut Vec<u8>, s: &str) -> Result<(), EncodeErrorKind> {
    escape(out, s, &ATTR)
}

fn escape(out: &mut Vec<u8>, s: &str, table: &[Class; 256]) -> Result<(), EncodeErrorKind> {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        match table[b as usize] {
            Class::Plain => {}
            Class::Escape(rep) => {
                out.extend_from_slice(&bytes[start..i]);
                out.extend_from_slice(rep);
                start = i + 1;
            }
            Class::Invalid => return Err(EncodeErrorKind::InvalidChar(u32::from(b))),
            Class::Check => {
                if let Some([0xBF, last @ (0xBE | 0xBF)]) = bytes.get(i + 1..i + 3) {
                    return Err(EncodeErrorKind::InvalidChar(
                        0xFF00 | (u32::from(*last) + 0x40),
                    ));
                }
            }
        }
    }
    out.extend_from_slice(&bytes[start..]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_values_normalize_and_resolve() {
        assert_eq!(attr_value("a&lt;b&#x41;&#66;").unwrap(), "a<bAB");
        assert_eq!(attr_value("a\r\nb\tc\nd").unwrap(), "a b c d");
        assert!(
            matches!(attr_value("&foo;"), Err(DecodeErrorKind::UnknownEntity(n)) if n == "foo")
        );
        assert!(matches!(
            attr_value("&#0;"),
            Err(DecodeErrorKind::Syntax(_))
        ));
        assert!(matches!(
            attr_value("&amp"),
            Err(DecodeErrorKind::Syntax(_))
        ));
        assert_eq!(text_eol("a\r\nb\rc\n"), "a\nb\nc\n");
        assert!(matches!(text_eol("abc"), Cow::Borrowed("abc")));
    }

    #[test]
    fn escaping_covers_markup_and_whitespace() {
        let mut out = Vec::new();
        escape_attr(&mut out, "a<&\">\t\n\r]]>").unwrap();
        assert_eq!(out, b"a&lt;&amp;&quot;&gt;&#9;&#10;&#13;]]&gt;");
        out.clear();
        escape_text(&mut out, "x]]>\"\r\n").unwrap();
        assert_eq!(out, b"x]]&gt;\"&#13;\n");
        assert_eq!(
            escape_text(&mut out, "\u{1}"),
            Err(EncodeErrorKind::InvalidChar(1))
        );
        assert_eq!(
            escape_text(&mut out, "a\u{FFFF}"),
            Err(EncodeErrorKind::InvalidChar(0xFFFF))
        );
        assert!(escape_text(&mut out, "\u{FFFD}\u{E000}").is_ok());
    }
}
