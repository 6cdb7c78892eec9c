//! Built-in numeric types: booleans, bounded and unbounded integers, decimals, floats.

use xsd2rs_runtime::types::{
    Decimal, Integer, NegativeInteger, NonNegativeInteger, NonPositiveInteger, PositiveInteger,
};
use xsd2rs_runtime::SimpleValue;

fn text<T: SimpleValue>(v: &T) -> String {
    let mut s = String::new();
    v.write_text(&mut s);
    s
}

#[test]
fn boolean_accepts_words_and_digits_writes_words() {
    for (t, v) in [
        ("true", true),
        ("1", true),
        ("false", false),
        ("0", false),
        ("  true\n", true),
    ] {
        assert_eq!(bool::parse_text(t), Ok(v), "{t:?}");
    }
    for bad in ["TRUE", "yes", "", "01", "t"] {
        assert!(bool::parse_text(bad).is_err(), "{bad:?}");
    }
    assert_eq!(text(&true), "true");
    assert_eq!(text(&false), "false");
}

#[test]
fn bounded_integers_check_ranges_exactly() {
    assert_eq!(i8::parse_text("-128"), Ok(-128));
    assert!(i8::parse_text("128").is_err());
    assert!(i8::parse_text("-129").is_err());
    assert_eq!(u8::parse_text("255"), Ok(255));
    assert!(u8::parse_text("256").is_err());
    assert_eq!(i32::parse_text(" +0042 "), Ok(42));
    assert_eq!(i64::parse_text("-9223372036854775808"), Ok(i64::MIN));
    assert!(i64::parse_text("9223372036854775808").is_err());
    assert_eq!(u64::parse_text("18446744073709551615"), Ok(u64::MAX));
    assert!(u64::parse_text("18446744073709551616").is_err());
    assert!(u64::parse_text("99999999999999999999999999999999999999999999").is_err());
    let e = i32::parse_text("2147483648").unwrap_err();
    assert!(e.expected.starts_with("xs:int"), "{e}");
}

#[test]
fn bounded_integers_reject_malformed_text() {
    for bad in [
        "", "-", "+", "1.0", "1e3", "0x10", "1 2", "١٢", "--1", "+-1", "1_000",
    ] {
        assert!(i32::parse_text(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn unsigned_accepts_negative_zero_only() {
    assert_eq!(u32::parse_text("-0"), Ok(0));
    assert_eq!(u32::parse_text("-000"), Ok(0));
    assert!(u32::parse_text("-1").is_err());
    assert_eq!(i16::parse_text("-0"), Ok(0));
    assert_eq!(text(&-5i16), "-5");
}

#[test]
fn integer_is_unbounded_and_canonical() {
    let big = "123456789012345678901234567890123456789012345678901234567890";
    let v = Integer::parse_text(&format!(" -000{big}\n")).unwrap();
    assert_eq!(v.to_string(), format!("-{big}"));
    assert!(v.is_negative());
    assert_eq!(v.to_i64(), None);
    assert_eq!(v.to_i128(), None);
    assert_eq!(Integer::parse_text("-0").unwrap(), Integer::zero());
    assert_eq!(Integer::parse_text("+007").unwrap().to_string(), "7");
    assert_eq!(Integer::parse_text("42").unwrap().to_u64(), Some(42));
    assert_eq!(Integer::parse_text("-42").unwrap().to_u64(), None);
    assert_eq!(Integer::from(i128::MIN).to_i128(), Some(i128::MIN));
    assert_eq!(Integer::from(u128::MAX).to_u128(), Some(u128::MAX));
    assert_eq!(Integer::from(i64::MIN).to_i64(), Some(i64::MIN));
    assert_eq!(Integer::from(-1i8).to_u32(), None);
    assert!(Integer::parse_text("1.5").is_err());
    assert!(Integer::parse_text("").is_err());
}

#[test]
fn integer_orders_numerically() {
    let p = |s: &str| Integer::parse_text(s).unwrap();
    assert!(p("-100") < p("-99"));
    assert!(p("-1") < p("0"));
    assert!(p("9") < p("10"));
    assert!(p("99999999999999999999") < p("100000000000000000000"));
    assert_eq!(p("0010"), p("10"));
}

#[test]
fn sign_restricted_integers() {
    assert!(NonNegativeInteger::parse_text("0").is_ok());
    assert!(NonNegativeInteger::parse_text("-0").is_ok());
    assert!(NonNegativeInteger::parse_text("-1").is_err());
    assert!(PositiveInteger::parse_text("0").is_err());
    assert!(PositiveInteger::parse_text("1").is_ok());
    assert!(NonPositiveInteger::parse_text("1").is_err());
    assert!(NonPositiveInteger::parse_text("0").is_ok());
    assert!(NegativeInteger::parse_text("-0").is_err());
    assert!(NegativeInteger::parse_text("-99999999999999999999999").is_ok());
    let e = PositiveInteger::parse_text(" 0 ").unwrap_err();
    assert_eq!(e.expected, "xs:positiveInteger");
    assert_eq!(e.found, " 0 ");
    assert_eq!(NonNegativeInteger::from_u64(5).to_u64(), Some(5));
    assert!(PositiveInteger::try_from(0i64).is_err());
    assert_eq!(NonNegativeInteger::default().to_string(), "0");
}

#[test]
fn decimal_is_exact_and_keeps_its_lexical_form() {
    let d = Decimal::parse_text(" 1.50 ").unwrap();
    assert_eq!(text(&d), "1.50");
    assert_eq!(d, Decimal::parse_text("1.5").unwrap());
    assert_eq!(d.canonical(), "1.5");
    let tiny = Decimal::parse_text("0.000000000000000000000000000001").unwrap();
    assert!(tiny > Decimal::parse_text("0").unwrap());
    assert_eq!(
        Decimal::parse_text("-0.0").unwrap(),
        Decimal::parse_text("0").unwrap()
    );
    assert_eq!(Decimal::parse_text("-0.0").unwrap().canonical(), "0.0");
    assert_eq!(Decimal::parse_text("+.5").unwrap().canonical(), "0.5");
    assert_eq!(Decimal::parse_text("5.").unwrap().canonical(), "5.0");
    assert_eq!(
        Decimal::parse_text("-0012.3400").unwrap().canonical(),
        "-12.34"
    );
    // 0.1 + 0.2 style values are not rounded through f64.
    let precise = "12345678901234567890.12345678901234567890";
    assert_eq!(Decimal::parse_text(precise).unwrap().to_string(), precise);
    for bad in ["", ".", "-", "1e5", "INF", "1,5", "1.2.3", "0x1", "- 1"] {
        assert!(Decimal::parse_text(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn decimal_orders_and_measures_digits() {
    let p = |s: &str| Decimal::parse_text(s).unwrap();
    assert!(p("-1.5") < p("-1.49"));
    assert!(p("0.5") < p("0.51"));
    assert!(p("0.5") > p("0.49"));
    assert!(p("10") > p("9.999"));
    assert!(p("-10") < p("-9.999"));
    assert_eq!(p("123.4500").total_digits(), 5);
    assert_eq!(p("123.4500").fraction_digits(), 2);
    assert_eq!(p("0.0012").total_digits(), 2);
    assert_eq!(p("0.0012").fraction_digits(), 4);
    assert_eq!(p("100").total_digits(), 3);
    assert_eq!(p("12.50").to_integer(), None);
    assert_eq!(p("12.00").to_integer(), Some(Integer::from(12)));
    assert_eq!(p("-12.9").trunc(), Integer::from(-12));
    assert_eq!(Decimal::from(-3i64).to_string(), "-3");
    assert!((p("2.5").to_f64() - 2.5).abs() < f64::EPSILON);
}

#[test]
fn floats_use_xsd_spellings() {
    assert_eq!(f64::parse_text("INF"), Ok(f64::INFINITY));
    assert_eq!(f64::parse_text("-INF"), Ok(f64::NEG_INFINITY));
    assert!(f64::parse_text("NaN").unwrap().is_nan());
    assert_eq!(f64::parse_text(" 1.5E3 "), Ok(1500.0));
    assert_eq!(f64::parse_text("-.5e-1"), Ok(-0.05));
    assert_eq!(f32::parse_text("3"), Ok(3.0));
    for bad in [
        "inf", "infinity", "nan", "Infinity", "1e", "e5", "", ".", "1.5f", "0x1p3",
    ] {
        assert!(f64::parse_text(bad).is_err(), "{bad:?}");
    }
    assert_eq!(text(&f64::INFINITY), "INF");
    assert_eq!(text(&f64::NEG_INFINITY), "-INF");
    assert_eq!(text(&f64::NAN), "NaN");
    assert_eq!(text(&1.5f64), "1.5");
    assert_eq!(text(&-0.0f64), "-0.0");
    // Large and tiny values are written with an exponent and read back exactly.
    for v in [1e300f64, 1.2345e-300, 0.1, 123456789.125] {
        let t = text(&v);
        assert_eq!(f64::parse_text(&t), Ok(v), "{t}");
    }
    assert!(text(&1e300f64).contains('e'));
}
