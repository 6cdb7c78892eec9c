//! String-like, binary, QName, anyURI and list types.

use xsd2rs_runtime::types::{
    AnyUri, Base64Binary, HexBinary, IdRefs, Language, List, Name, NcName, NmToken,
    NormalizedString, QName, Token,
};
use xsd2rs_runtime::SimpleValue;

fn text<T: SimpleValue>(v: &T) -> String {
    let mut s = String::new();
    v.write_text(&mut s);
    s
}

#[test]
fn string_is_verbatim() {
    let s = String::parse_text("  a\n b  ").unwrap();
    assert_eq!(s, "  a\n b  ");
    assert_eq!(text(&s), s);
}

#[test]
fn normalized_string_and_token_normalise() {
    assert_eq!(NormalizedString::parse_text("a\tb\r\nc").unwrap(), "a b  c");
    assert_eq!(Token::parse_text("  a \t\n b  c ").unwrap(), "a b c");
    assert_eq!(Token::from("x  y".to_owned()).as_str(), "x y");
    assert_eq!(Token::default().as_str(), "");
}

#[test]
fn checked_names() {
    assert_eq!(Language::parse_text(" en-US ").unwrap(), "en-US");
    assert!(Language::parse_text("de-CH-1901").is_ok());
    for bad in ["", "toolonglang", "en_US", "en-", "1en", "en-toolongsubtag"] {
        assert!(Language::parse_text(bad).is_err(), "{bad:?}");
    }
    assert!(Name::parse_text("t:Item").is_ok());
    assert!(Name::parse_text("1abc").is_err());
    assert!(NcName::parse_text("Item_1.a-b").is_ok());
    assert!(NcName::parse_text("t:Item").is_err());
    assert!(NcName::parse_text("").is_err());
    assert!(NcName::parse_text("Élan").is_ok());
    assert!(NmToken::parse_text("123-x").is_ok());
    assert!(NmToken::parse_text("a b").is_err());
    let e = NcName::try_from("a b").unwrap_err();
    assert_eq!(e.expected, "xs:NCName");
}

#[test]
fn any_uri_collapses_only() {
    let u = AnyUri::parse_text(" https://example.com/a b ").unwrap();
    assert_eq!(u.as_str(), "https://example.com/a b");
    assert_eq!(AnyUri::from("urn:x").to_string(), "urn:x");
}

#[test]
fn base64_is_tolerant_of_whitespace() {
    let b = Base64Binary::parse_text(" SGVs\nbG8g\r\n d29y bGQ= ").unwrap();
    assert_eq!(b.as_bytes(), b"Hello world");
    assert_eq!(text(&b), "SGVsbG8gd29ybGQ=");
    assert_eq!(Base64Binary::parse_text("").unwrap().as_bytes(), b"");
    for bad in ["SGVsbG8", "SGVs*G8=", "====", "S"] {
        assert!(Base64Binary::parse_text(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn hex_reads_either_case_writes_upper() {
    let h = HexBinary::parse_text(" 0fA1 ").unwrap();
    assert_eq!(h.as_bytes(), &[0x0f, 0xa1]);
    assert_eq!(text(&h), "0FA1");
    for bad in ["0", "0g", "0 f", "é1"] {
        assert!(HexBinary::parse_text(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn qname_keeps_prefix_and_resolves() {
    let q = QName::parse_text(" t:ItemType ").unwrap();
    assert_eq!(q.prefix(), Some("t"));
    assert_eq!(q.local_name(), "ItemType");
    assert_eq!(q.namespace(), None);
    assert_eq!(text(&q), "t:ItemType");
    let r = q
        .resolve(|p| {
            (p == "t").then_some("http://schemas.microsoft.com/exchange/services/2006/types")
        })
        .unwrap();
    assert_eq!(
        r.namespace(),
        Some("http://schemas.microsoft.com/exchange/services/2006/types")
    );
    assert!(q.resolve(|_| None::<&str>).is_err());
    let bare = QName::parse_text("Item").unwrap();
    assert_eq!(
        bare.resolve(|_| None::<String>).unwrap().namespace(),
        Some("")
    );
    for bad in ["", "a:b:c", ":a", "a:", "1a", "a b"] {
        assert!(QName::parse_text(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn lists_split_on_whitespace() {
    let l: List<i32> = List::parse_text("  1 2\n\t3 ").unwrap();
    assert_eq!(l.0, vec![1, 2, 3]);
    assert_eq!(text(&l), "1 2 3");
    assert!(List::<i32>::parse_text("1 x").is_err());
    assert!(List::<i32>::parse_text("").unwrap().is_empty());
    let ids: IdRefs = "a b".parse().unwrap();
    assert_eq!(ids.len(), 2);
    assert_eq!(ids.to_string(), "a b");
}
