//! Translation of XML Schema regular expressions onto the `regex` crate.

use xsd2rs_runtime::facets::{compile_pattern, translate_pattern, PatternError};

fn matches(pattern: &str, text: &str) -> bool {
    compile_pattern(pattern)
        .unwrap_or_else(|e| panic!("{pattern}: {e}"))
        .is_match(text)
}

/// `\d` and `\p{Nd}` are Unicode 3.1's decimal digits (XML Schema 1.0 appendix F), not the
/// `regex` crate's current ones.
#[test]
fn digits_are_unicode_3_1() {
    let ethiopic_one = "\u{1369}"; // Nd in 3.1, No since 4.1
    let tamil_zero = "\u{0BE6}"; // Nd since 4.1, unassigned in 3.1
    let tamil_one = "\u{0BE7}"; // Nd in both
    let math_nine = "\u{1D7FF}"; // MATHEMATICAL MONOSPACE DIGIT NINE, Nd since 3.1
    let limbu_zero = "\u{1946}"; // Nd since 4.0
    for p in ["\\d", "\\p{Nd}", "[\\d]", "[a\\d]", "[\\d-[0]]"] {
        assert!(matches(p, ethiopic_one), "{p}");
        assert!(matches(p, tamil_one), "{p}");
        assert!(matches(p, math_nine), "{p}");
        assert!(!matches(p, tamil_zero), "{p}");
        assert!(!matches(p, limbu_zero), "{p}");
    }
    for p in ["\\D", "\\P{Nd}", "[\\D]", "[^\\d]"] {
        assert!(!matches(p, ethiopic_one), "{p}");
        assert!(!matches(p, "7"), "{p}");
        assert!(matches(p, tamil_zero), "{p}");
        assert!(matches(p, "x"), "{p}");
    }
    // A character is in one category: the 3.1 digits are not `No`; `N` holds both.
    assert!(!matches("\\p{No}", ethiopic_one));
    assert!(matches("\\P{No}", ethiopic_one));
    assert!(matches("\\p{No}", "\u{00B2}"));
    assert!(!matches("\\P{No}", "\u{00B2}"));
    assert!(matches("\\p{N}", ethiopic_one));
    assert!(matches("[\\p{No}\\p{Nd}]", ethiopic_one));
}

#[test]
fn anchored_and_caret_dollar_literal() {
    assert!(matches("abc", "abc"));
    assert!(!matches("abc", "xabc"));
    assert!(!matches("abc", "abcx"));
    assert!(matches("a|bc", "bc"));
    assert!(!matches("a|bc", "abc"), "alternation is inside the anchors");
    assert!(matches("^a$", "^a$"));
    assert!(!matches("^a$", "a"));
    assert!(matches("[^a]", "b"));
    assert!(matches("[a^]", "^"));
}

#[test]
fn dot_and_multichar_escapes() {
    assert!(matches(".", "x"));
    assert!(!matches(".", "\r"));
    assert!(!matches(".", "\n"));
    assert!(matches("\\s", "\t"));
    assert!(
        !matches("\\s", "\u{a0}"),
        "XSD \\s is only the four XML spaces"
    );
    assert!(matches("\\d+", "١٢٣"), "\\d is \\p{{Nd}}");
    assert!(matches("\\w", "é"));
    assert!(!matches("\\w", "-"));
    assert!(matches("\\W", " "));
    assert!(matches("\\i\\c*", "_ab-c.1"));
    assert!(!matches("\\i\\c*", "1ab"));
    assert!(matches("\\I", "1"));
    assert!(matches("\\C", " "));
    assert!(matches("[\\i-]+", "a-b"));
    assert!(matches("\\$\\^\\.\\?", "$^.?"));
}

#[test]
fn categories_and_blocks() {
    assert!(matches("\\p{Lu}\\p{Ll}+", "Ab"));
    assert!(!matches("\\p{Lu}", "a"));
    assert!(matches("\\P{L}", "1"));
    assert!(matches("\\p{IsBasicLatin}+", "abc~"));
    assert!(!matches("\\p{IsBasicLatin}", "é"));
    assert!(matches("\\P{IsBasicLatin}", "é"));
    assert!(matches("\\p{IsGreek}", "λ"));
    assert!(matches("[\\p{IsCyrillic}a]+", "aЖ"));
    // Every XML Schema 1.0 block is known; the surrogate ones hold no character a string has.
    for block in [
        "HighSurrogates",
        "HighPrivateUseSurrogates",
        "LowSurrogates",
    ] {
        assert!(!matches(&format!("\\p{{Is{block}}}"), "a"), "{block}");
        assert!(
            !matches(&format!("\\p{{Is{block}}}+"), "\u{10000}"),
            "{block}"
        );
        assert!(
            matches(&format!("\\P{{Is{block}}}+"), "a\u{10000}é"),
            "{block}"
        );
        assert!(matches(&format!("[a\\p{{Is{block}}}]"), "a"), "{block}");
        assert!(!matches(&format!("[^a\\P{{Is{block}}}]"), "b"), "{block}");
    }
    assert!(matches("\\p{IsPrivateUse}", "\u{E000}"));
    assert!(matches("\\p{IsSpecials}", "\u{FFFD}"));
    assert!(matches!(
        translate_pattern("\\p{IsKlingon}"),
        Err(PatternError::UnknownProperty(_))
    ));
    assert!(matches!(
        translate_pattern("\\p{Xx}"),
        Err(PatternError::UnknownProperty(_))
    ));
}

#[test]
fn class_subtraction() {
    assert!(matches("[a-z-[aeiou]]+", "bcd"));
    assert!(!matches("[a-z-[aeiou]]", "a"));
    assert!(matches("[^a-z-[0-9]]", "A"));
    assert!(
        !matches("[^a-z-[0-9]]", "5"),
        "subtracted from the negated group"
    );
    assert!(!matches("[^a-z-[0-9]]", "q"));
    assert!(matches("[a-z-[b-y-[c]]]", "c"), "nested subtraction");
    assert!(!matches("[a-z-[b-y-[c]]]", "d"));
}

#[test]
fn literal_specials_in_classes() {
    assert!(matches("[a&&b]+", "&"), "&& is not an operator in XSD");
    assert!(matches("[~~]", "~"));
    assert!(matches("[-a]", "-"));
    assert!(matches("[a-]", "-"));
    assert!(matches("[\\-\\[\\]]+", "-[]"));
}

#[test]
fn quantifiers() {
    assert!(matches("a{2}", "aa"));
    assert!(!matches("a{2}", "aaa"));
    assert!(matches("a{2,}", "aaaa"));
    assert!(matches("a{1,3}b?", "aaab"));
    assert!(matches("(ab)*", ""));
}

#[test]
fn real_schema_patterns() {
    // EWS-style patterns.
    let guid = "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}";
    assert!(matches(guid, "0123abcd-0123-4567-89ab-0123456789AB"));
    assert!(!matches(guid, "0123abcd-0123-4567-89ab-0123456789A"));
    let lang = "[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*";
    assert!(matches(lang, "en-US"));
    let tz = "(\\+|-)?\\d\\d:\\d\\d";
    assert!(matches(tz, "+05:30"));
}

#[test]
fn invalid_patterns_are_errors_not_panics() {
    for bad in [
        "(", ")", "[", "[]", "a**", "*", "\\", "\\q", "[z-a]", "a{3,1}", "a{,2}", "x{", "[a-\\d]",
        "\\p{L", "(?:a)",
    ] {
        let r = compile_pattern(bad);
        assert!(r.is_err(), "{bad:?} should not compile");
    }
    let e = translate_pattern("[a").unwrap_err();
    assert!(e.to_string().contains("character class"), "{e}");
}

#[test]
fn compiled_patterns_are_cached() {
    let a = compile_pattern("cached[0-9]").unwrap();
    let b = compile_pattern("cached[0-9]").unwrap();
    assert!(std::sync::Arc::ptr_eq(&a, &b));
}
