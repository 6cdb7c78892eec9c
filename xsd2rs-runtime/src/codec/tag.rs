//! Splitting a start tag's attribute list into (qualified name, raw value) pairs, borrowing the input.

use super::error::DecodeErrorKind;

/// One attribute as written: qualified name and raw (still escaped) value.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawAttr<'a> {
    pub(crate) qname: &'a [u8],
    pub(crate) value: &'a [u8],
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Parses `rest` (what follows the element name inside `<...>`, without the closing `>` or `/>`)
/// into `out`. Rejects malformed syntax, `<` in values and more than `max` attributes
/// (duplicate names are the caller's check: it sees all of them at once).
pub(crate) fn parse_attrs<'a>(
    mut rest: &'a [u8],
    out: &mut Vec<RawAttr<'a>>,
    max: usize,
) -> Result<(), DecodeErrorKind> {
    let syntax = |m: &str| DecodeErrorKind::Syntax(m.to_owned());
    loop {
        let trimmed = trim_start(rest);
        if trimmed.is_empty() {
            return Ok(());
        }
        if trimmed.len() == rest.len() {
            return Err(syntax("attributes must be separated by whitespace"));
        }
        rest = trimmed;
        let name_end = rest
            .iter()
            .position(|&b| b == b'=' || is_space(b))
            .ok_or_else(|| syntax("attribute without value"))?;
        let (qname, after) = rest.split_at(name_end);
        if qname.is_empty() {
            return Err(syntax("attribute without name"));
        }
        let after = trim_start(after);
        let after = after
            .strip_prefix(b"=")
            .ok_or_else(|| syntax("attribute without `=`"))?;
        let after = trim_start(after);
        let (&quote, body) = after
            .split_first()
            .ok_or_else(|| syntax("attribute without value"))?;
        if quote != b'"' && quote != b'\'' {
            return Err(syntax("attribute value must be quoted"));
        }
        let end =
            memchr::memchr(quote, body).ok_or_else(|| syntax("unterminated attribute value"))?;
        let (value, tail) = body.split_at(end);
        if memchr::memchr(b'<', value).is_some() {
            return Err(syntax("`<` in attribute value"));
        }
        if out.len() >= max {
            return Err(DecodeErrorKind::TooManyAttributes(max));
        }
        out.push(RawAttr { qname, value });
        rest = tail.get(1..).unwrap_or_default();
    }
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|&&b| is_space(b)).count();
    s.get(n..).unwrap_or_default()
}

/// Splits `p:local` into (`p`, `local`); no colon gives an empty prefix.
pub(crate) fn split_qname(qname: &[u8]) -> Result<(&[u8], &[u8]), DecodeErrorKind> {
    // one pass: names are short, a plain loop beats SIMD searches here
    let mut colon = None;
    for (i, &b) in qname.iter().enumerate() {
        if b == b':' {
            if colon.is_some() {
                return Err(bad_name(qname));
            }
            colon = Some(i);
        }
    }
    let (prefix, local) = match colon {
        None => (&[][..], qname),
        Some(i) => {
            let (prefix, rest) = qname.split_at(i);
            (prefix, rest.get(1..).unwrap_or_default())
        }
    };
    // Both parts must be NCNames (`$x`, `1a` or `a b` would be written back as they came).
    let ncname = crate::types::is_ncname_bytes;
    if (colon.is_some() && !ncname(prefix)) || !ncname(local) {
        return Err(bad_name(qname));
    }
    Ok((prefix, local))
}

fn bad_name(qname: &[u8]) -> DecodeErrorKind {
    DecodeErrorKind::Syntax(format!(
        "invalid qualified name `{}`",
        String::from_utf8_lossy(qname)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Vec<(String, String)>, DecodeErrorKind> {
        let mut v = Vec::new();
        parse_attrs(s.as_bytes(), &mut v, 3)?;
        Ok(v.iter()
            .map(|a| {
                (
                    String::from_utf8_lossy(a.qname).into_owned(),
                    String::from_utf8_lossy(a.value).into_owned(),
                )
            })
            .collect())
    }

    #[test]
    fn attribute_lists() {
        assert_eq!(parse("").unwrap(), vec![]);
        assert_eq!(
            parse(" a=\"1\"  b = '2>' \n").unwrap(),
            vec![("a".into(), "1".into()), ("b".into(), "2>".into())]
        );
        assert!(parse(" a=\"1\"b=\"2\"").is_err());
        assert!(parse(" a").is_err());
        assert!(parse(" a=1").is_err());
        assert!(parse(" a=\"1").is_err());
        assert!(parse(" a=\"<\"").is_err());
        assert_eq!(
            parse(" a='1' b='2' c='3' d='4'"),
            Err(DecodeErrorKind::TooManyAttributes(3))
        );
        assert!(parse(" ='1'").is_err());
    }

    #[test]
    fn qualified_names() {
        assert_eq!(split_qname(b"a").unwrap(), (&b""[..], &b"a"[..]));
        assert_eq!(split_qname(b"p:a").unwrap(), (&b"p"[..], &b"a"[..]));
        assert!(split_qname(b":a").is_err());
        assert!(split_qname(b"p:").is_err());
        assert!(split_qname(b"p:a:b").is_err());
        assert!(split_qname(b"").is_err());
        for bad in [
            &b"$xmlns"[..],
            b"1a",
            b"a b",
            b"p:$a",
            b"$p:a",
            b"-a",
            b"\xff",
        ] {
            assert!(split_qname(bad).is_err(), "{bad:?}");
        }
        assert!(split_qname("p:\u{e9}t\u{e9}".as_bytes()).is_ok());
    }
}
