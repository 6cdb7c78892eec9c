//! Value parsers and pattern facets on hostile input (issue 9): checked arithmetic, bounded
//! recursion and bounded pattern size. Each test holds a finding's minimized input.

use std::cmp::Ordering;

use xsd2rs_runtime::facets::{
    check_pattern, compile_pattern, translate_pattern, Facets, PatternError, MAX_PATTERN_CHARS,
    MAX_PATTERN_NESTING,
};
use xsd2rs_runtime::types::Duration;
use xsd2rs_runtime::SimpleValue;

fn duration(s: &str) -> Duration {
    Duration::parse_text(s).unwrap()
}

#[test]
fn huge_durations_compare_without_overflow() {
    // the 20-byte finding: 446744073709551615 months used to overflow the day count
    let huge = duration("P446744073709551615M");
    assert_eq!(
        huge.partial_cmp_value(&duration("P1M")),
        Some(Ordering::Greater)
    );
    assert_eq!(huge.partial_cmp_value(&huge), Some(Ordering::Equal));
    let neg = duration("-P446744073709551615M");
    assert_eq!(neg.partial_cmp_value(&huge), Some(Ordering::Less));
    // every component at u64::MAX
    let max = "P18446744073709551615Y18446744073709551615M18446744073709551615DT18446744073709551615H18446744073709551615M18446744073709551615.999999999S";
    let max = duration(max);
    assert_eq!(max.partial_cmp_value(&huge), Some(Ordering::Greater));
    assert_eq!(max.partial_cmp_value(&max), Some(Ordering::Equal));
    let neg_max = duration(&format!("-{}", max.as_str()));
    assert_eq!(neg_max.partial_cmp_value(&max), Some(Ordering::Less));
    assert_eq!(duration("P18446744073709551615D").to_chrono(), None);
    // one past u64 is not a duration
    assert!(Duration::parse_text("P18446744073709551616Y").is_err());
}

#[test]
fn facets_on_huge_durations_do_not_overflow() {
    let facets = Facets {
        max_inclusive: Some("P1Y"),
        ..Facets::NONE
    };
    let e = facets.check(&duration("P446744073709551615M")).unwrap_err();
    assert!(e.to_string().contains("maxInclusive"), "{e}");
    assert!(facets.check(&duration("-P446744073709551615M")).is_ok());
}

/// Runs `f` on a thread with a 2 MiB stack, as the finding did.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn deeply_nested_patterns_are_refused_without_overflowing_the_stack() {
    // the finding: 30,000 nested parentheses (refused by length first), and the deepest
    // nesting within the length limit (refused by depth)
    for n in [30_000, 8_000] {
        let nested = format!("{}a{}", "(".repeat(n), ")".repeat(n));
        let e = on_small_stack(move || translate_pattern(&nested)).unwrap_err();
        assert!(matches!(e, PatternError::TooLarge(_)), "{e}");
    }
    let nested = format!("{}a{}", "(".repeat(8_000), ")".repeat(8_000));
    let e = translate_pattern(&nested).unwrap_err();
    assert!(
        matches!(&e, PatternError::TooLarge(m) if m.contains("nested")),
        "{e}"
    );
    // nested class subtractions too
    let mut class = String::from("[a");
    for _ in 0..4_000 {
        class.push_str("-[b");
    }
    class.push_str(&"]".repeat(4_001));
    let e = on_small_stack(move || translate_pattern(&class)).unwrap_err();
    assert!(matches!(e, PatternError::TooLarge(_)), "{e}");
    // the deepest accepted nesting compiles
    let deepest = format!(
        "{}a{}",
        "(".repeat(MAX_PATTERN_NESTING),
        ")".repeat(MAX_PATTERN_NESTING)
    );
    assert!(check_pattern(&deepest).is_ok());
    let deeper = format!("({deepest})");
    assert!(matches!(
        check_pattern(&deeper),
        Err(PatternError::TooLarge(_))
    ));
}

#[test]
fn pattern_size_is_bounded() {
    let long = "a".repeat(MAX_PATTERN_CHARS + 1);
    assert!(
        matches!(check_pattern(&long), Err(PatternError::TooLarge(m)) if m.contains("characters"))
    );
    assert!(check_pattern(&"a".repeat(MAX_PATTERN_CHARS)).is_ok());
    // a short pattern with a huge compiled program
    let e = check_pattern("\\c{1000}\\c{1000}\\c{1000}\\c{1000}").unwrap_err();
    assert!(matches!(e, PatternError::Regex(_)), "{e}");
    // a bad pattern is reported as such (for schema loaders: check_pattern at load)
    assert!(matches!(
        check_pattern("("),
        Err(PatternError::Syntax { .. })
    ));
    assert!(check_pattern("[A-Z]{2}\\d+").is_ok());
}

#[test]
fn a_refused_pattern_names_its_facet_when_values_are_checked() {
    const NESTED: &str = "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))";
    let facets = Facets {
        patterns: &[NESTED],
        ..Facets::NONE
    };
    let e = facets.check(&"a".to_owned()).unwrap_err();
    assert!(e.to_string().contains("pattern ((((("), "{e}");
    assert!(e.to_string().contains("too large"), "{e}");
    assert!(compile_pattern(NESTED).is_err());
}
