//! `Facets::check` on the built-in types: lengths, ranges, digits, enumerations, patterns.

use xsd2rs_runtime::facets::{parse_checked, write_lexical, FacetValue, Facets, WhiteSpace};
use xsd2rs_runtime::types::{
    Base64Binary, DateTime, Decimal, Duration, GMonth, Integer, List, Token,
};
use xsd2rs_runtime::{SimpleValue, ValueError};

fn parse<T: SimpleValue>(s: &str) -> T {
    T::parse_text(s).unwrap()
}

/// What generated code for a restricted string looks like.
#[derive(Debug, Clone, PartialEq)]
struct NonEmpty(String);

impl NonEmpty {
    const FACETS: Facets = Facets {
        min_length: Some(1),
        max_length: Some(4),
        ..Facets::NONE
    };
}

impl SimpleValue for NonEmpty {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        parse_checked(&Self::FACETS, text).map(NonEmpty)
    }
    fn write_text(&self, out: &mut String) {
        out.push_str(&self.0);
    }
    fn check(&self) -> Result<(), ValueError> {
        Self::FACETS.check(&self.0)
    }
}

#[test]
fn generated_style_newtype() {
    assert!(NonEmpty::parse_text("abcd").is_ok());
    let e = NonEmpty::parse_text("").unwrap_err();
    assert_eq!(e, ValueError::new("minLength 1", ""));
    let e = NonEmpty("abcde".into()).check().unwrap_err();
    assert_eq!(e.expected, "maxLength 4");
    assert_eq!(e.found, "abcde");
}

#[test]
fn string_length_counts_characters() {
    let f = Facets {
        length: Some(3),
        ..Facets::NONE
    };
    assert!(f.check(&"äöü".to_owned()).is_ok());
    assert!(f.check(&"abcd".to_owned()).is_err());
    assert!(f.check(&parse::<Token>(" a  b ")).is_ok());
}

#[test]
fn binary_length_counts_octets_and_list_length_counts_items() {
    let f = Facets {
        max_length: Some(2),
        ..Facets::NONE
    };
    assert!(f.check(&Base64Binary(vec![1, 2])).is_ok());
    assert!(f.check(&Base64Binary(vec![1, 2, 3])).is_err());
    assert!(f.check(&parse::<List<i32>>("1 2")).is_ok());
    assert_eq!(
        f.check(&parse::<List<i32>>("1 2 3")).unwrap_err().expected,
        "maxLength 2"
    );
}

#[test]
fn ranges_on_integers_are_exact() {
    let f = Facets {
        min_inclusive: Some("1"),
        max_exclusive: Some("100"),
        ..Facets::NONE
    };
    assert!(f.check(&1i32).is_ok());
    assert!(f.check(&99u8).is_ok());
    assert_eq!(f.check(&0i64).unwrap_err().expected, "minInclusive 1");
    assert_eq!(f.check(&100u16).unwrap_err().expected, "maxExclusive 100");
    let big = Facets {
        max_inclusive: Some("99999999999999999999999999"),
        ..Facets::NONE
    };
    assert!(big
        .check(&parse::<Integer>("99999999999999999999999999"))
        .is_ok());
    assert!(big
        .check(&parse::<Integer>("100000000000000000000000000"))
        .is_err());
}

#[test]
fn ranges_on_decimals_and_floats() {
    let f = Facets {
        min_exclusive: Some("0.1"),
        max_inclusive: Some("2.50"),
        ..Facets::NONE
    };
    assert!(f.check(&parse::<Decimal>("0.10000000000000000001")).is_ok());
    assert!(f.check(&parse::<Decimal>("0.1")).is_err());
    assert!(f.check(&parse::<Decimal>("2.5")).is_ok());
    assert!(f.check(&parse::<Decimal>("2.500000001")).is_err());
    let g = Facets {
        min_inclusive: Some("-INF"),
        max_inclusive: Some("1e3"),
        ..Facets::NONE
    };
    assert!(g.check(&1000.0f64).is_ok());
    assert!(g.check(&1000.5f64).is_err());
    assert!(g.check(&f64::NAN).is_err(), "NaN is not within any range");
}

#[test]
fn ranges_on_dates_and_durations() {
    let f = Facets {
        min_inclusive: Some("2009-01-01T00:00:00Z"),
        ..Facets::NONE
    };
    assert!(f.check(&parse::<DateTime>("2009-01-01T00:00:00Z")).is_ok());
    assert!(f.check(&parse::<DateTime>("2008-12-31T23:59:59Z")).is_err());
    // Unzoned within 14 hours of the bound: indeterminate, so not valid.
    assert!(f.check(&parse::<DateTime>("2009-01-01T05:00:00")).is_err());
    assert!(f.check(&parse::<DateTime>("2009-01-02T05:00:00")).is_ok());
    let d = Facets {
        max_inclusive: Some("PT1H"),
        ..Facets::NONE
    };
    assert!(d.check(&parse::<Duration>("PT60M")).is_ok());
    assert!(d.check(&parse::<Duration>("PT61M")).is_err());
}

#[test]
fn digits() {
    let f = Facets {
        total_digits: Some(5),
        fraction_digits: Some(2),
        ..Facets::NONE
    };
    assert!(f.check(&parse::<Decimal>("123.45")).is_ok());
    assert!(f.check(&parse::<Decimal>("0123.4500")).is_ok());
    assert_eq!(
        f.check(&parse::<Decimal>("1234.56")).unwrap_err().expected,
        "totalDigits 5"
    );
    assert_eq!(
        f.check(&parse::<Decimal>("1.234")).unwrap_err().expected,
        "fractionDigits 2"
    );
    assert!(f.check(&99999i32).is_ok());
    assert!(f.check(&-100000i64).is_err());
    assert!(f.check(&parse::<Integer>("-99999")).is_ok());
}

#[test]
fn enumeration_compares_values() {
    let f = Facets {
        enumeration: &["1", "2", "3.0"],
        ..Facets::NONE
    };
    assert!(f.check(&parse::<Decimal>("3")).is_ok());
    assert!(f.check(&parse::<Decimal>("2.00")).is_ok());
    assert_eq!(
        f.check(&parse::<Decimal>("4")).unwrap_err().expected,
        "enumeration 1|2|3.0"
    );
}

#[test]
fn patterns_match_the_whole_lexical_form() {
    let f = Facets {
        patterns: &["[0-9]{3}"],
        ..Facets::NONE
    };
    assert!(f.check(&"123".to_owned()).is_ok());
    assert!(f.check(&"1234".to_owned()).is_err());
    assert!(f.check(&"x123".to_owned()).is_err());
    // Every entry must hold (one entry per derivation step).
    let both = Facets {
        patterns: &["[a-z]+", ".{2}"],
        ..Facets::NONE
    };
    assert!(both.check(&"ab".to_owned()).is_ok());
    assert!(both.check(&"abc".to_owned()).is_err());
    assert!(both.check(&"a1".to_owned()).is_err());
    // Patterns see the kept lexical form of a decimal.
    let dec = Facets {
        patterns: &["\\d+\\.\\d{2}"],
        ..Facets::NONE
    };
    assert!(dec.check(&parse::<Decimal>("1.50")).is_ok());
}

/// A value whose written form fails a pattern is written in another lexical form of the same
/// value that matches it: floats in scientific notation (XML Schema 1.0's canonical `1.0E-2`
/// first), gMonth in the original 1.0 form `--MM--`.
#[test]
fn patterns_pick_another_form_of_the_same_value() {
    fn written<T: FacetValue>(f: &Facets, v: &T) -> String {
        let mut out = String::new();
        write_lexical(f, v, &mut out);
        out
    }
    let sci = Facets {
        patterns: &["...[Ee]..", "1\\.0[Ee]-2"],
        ..Facets::NONE
    };
    for v in [parse::<f32>("1E-2"), parse::<f32>("0.01")] {
        assert!(sci.check(&v).is_ok());
        assert_eq!(written(&sci, &v), "1.0E-2");
    }
    assert_eq!(written(&sci, &0.01f64), "1.0E-2");
    let lower = Facets {
        patterns: &["\\d+e-?\\d+"],
        ..Facets::NONE
    };
    assert_eq!(written(&lower, &3000.0f64), "3e3");
    assert_eq!(
        written(&lower, &1500.0f64),
        "1500.0",
        "no form matches: the default"
    );
    assert_eq!(written(&lower, &0.0f64), "0e0");
    // The default form when it matches; an error when no form does.
    let plain = Facets {
        patterns: &["\\d+\\.\\d+"],
        ..Facets::NONE
    };
    assert_eq!(written(&plain, &0.25f32), "0.25");
    let none = Facets {
        patterns: &["x"],
        ..Facets::NONE
    };
    assert!(none.check(&0.25f32).is_err());
    assert!(none.check(&f64::NAN).is_err());
    assert_eq!(written(&none, &0.25f32), "0.25");
    // f32 values are written in their shortest 32-bit form.
    assert_eq!(
        written(&Facets::NONE, &parse::<f32>("1267.43233E12")),
        "1267432400000000.0"
    );
    let old_month = Facets {
        patterns: &["--\\d\\d--.*"],
        ..Facets::NONE
    };
    let m = parse::<GMonth>("--03---05:00");
    assert_eq!(m.to_string(), "--03-05:00");
    assert!(old_month.check(&m).is_ok());
    assert_eq!(written(&old_month, &m), "--03---05:00");
    assert_eq!(written(&Facets::NONE, &m), "--03-05:00");
}

#[test]
fn broken_pattern_and_bound_are_clean_errors() {
    let f = Facets {
        patterns: &["[a-"],
        ..Facets::NONE
    };
    let e = f.check(&"a".to_owned()).unwrap_err();
    assert!(e.expected.starts_with("pattern [a- ("), "{e}");
    let g = Facets {
        min_inclusive: Some("abc"),
        ..Facets::NONE
    };
    let e = g.check(&5i32).unwrap_err();
    assert!(e.expected.contains("not a valid value"), "{e}");
    let h = Facets {
        min_inclusive: Some("a"),
        ..Facets::NONE
    };
    assert!(
        h.check(&"b".to_owned()).is_err(),
        "range facets do not apply to strings"
    );
    let l = Facets {
        min_length: Some(1),
        ..Facets::NONE
    };
    assert!(l
        .check(&5i32)
        .unwrap_err()
        .expected
        .contains("not applicable"));
}

#[test]
fn whitespace_facet_normalises_before_parsing() {
    let f = Facets {
        white_space: Some(WhiteSpace::Collapse),
        max_length: Some(3),
        ..Facets::NONE
    };
    let v: String = parse_checked(&f, "  a  b ").unwrap();
    assert_eq!(v, "a b");
    assert!(parse_checked::<String>(&f, " a  bc ").is_err());
    assert_eq!(Facets::default(), Facets::NONE);
}

#[test]
fn length_facets_on_long_strings() {
    let facets = |min: Option<u64>, max: Option<u64>, length: Option<u64>| Facets {
        min_length: min,
        max_length: max,
        length,
        ..Facets::NONE
    };
    // One million two-byte characters.
    let long = "é".repeat(1_000_000);
    assert!(facets(Some(1), None, None).check(&long).is_ok());
    assert!(facets(Some(1_000_000), Some(1_000_000), None)
        .check(&long)
        .is_ok());
    assert!(facets(None, None, Some(1_000_000)).check(&long).is_ok());
    let e = facets(Some(1), Some(4), None).check(&long).unwrap_err();
    assert_eq!(e, ValueError::new("maxLength 4", &long));
    let e = facets(None, None, Some(999_999)).check(&long).unwrap_err();
    assert_eq!(e.expected, "length 999999");
    let e = facets(Some(1_000_001), None, None)
        .check(&long)
        .unwrap_err();
    assert_eq!(e.expected, "minLength 1000001");
    // Around the cap with multi-byte characters (8 characters, 24 bytes).
    let euros = "€".repeat(8);
    assert!(facets(None, Some(8), None).check(&euros).is_ok());
    assert!(facets(None, None, Some(8)).check(&euros).is_ok());
    assert_eq!(
        facets(None, Some(5), None)
            .check(&euros)
            .unwrap_err()
            .expected,
        "maxLength 5"
    );
    assert_eq!(
        facets(None, Some(7), None)
            .check(&euros)
            .unwrap_err()
            .expected,
        "maxLength 7"
    );
    assert_eq!(
        facets(Some(9), None, None)
            .check(&euros)
            .unwrap_err()
            .expected,
        "minLength 9"
    );
    // parse_checked on a long NonEmptyString-style restriction.
    let parsed: String = parse_checked(&facets(Some(1), None, None), &long).unwrap();
    assert_eq!(parsed.len(), long.len());
    assert_eq!(
        parse_checked::<String>(&facets(Some(1), None, None), "").unwrap_err(),
        ValueError::new("minLength 1", "")
    );
}

/// A value whose length costs a scan: records the cap the length facets ask for.
#[derive(Debug, Clone, PartialEq)]
struct Measured(u64, std::cell::Cell<Option<u64>>);

impl SimpleValue for Measured {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        Err(ValueError::new("not parsed in this test", text))
    }
    fn write_text(&self, out: &mut String) {
        out.push_str(&self.0.to_string());
    }
}

impl xsd2rs_runtime::facets::FacetValue for Measured {
    fn facet_length(&self) -> Option<u64> {
        Some(self.0)
    }
    fn facet_length_capped(&self, cap: u64) -> Option<u64> {
        self.1.set(Some(cap));
        Some(self.0.min(cap))
    }
}

#[test]
fn length_facets_count_only_to_one_past_the_largest_limit() {
    let v = Measured(1_000, Default::default());
    let f = Facets {
        min_length: Some(1),
        max_length: Some(10),
        ..Facets::NONE
    };
    assert_eq!(
        f.check(&v).unwrap_err(),
        ValueError::new("maxLength 10", "1000")
    );
    assert_eq!(v.1.get(), Some(11));
    let f = Facets {
        min_length: Some(1),
        ..Facets::NONE
    };
    assert!(f.check(&v).is_ok());
    assert_eq!(v.1.get(), Some(2));
    let v = Measured(0, Default::default());
    assert!(Facets::NONE.check(&v).is_ok());
    assert_eq!(v.1.get(), None, "no length facet, no count");
}
