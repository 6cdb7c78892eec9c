//! The bounded integer built-ins as Rust primitives: byte/short/int/long → `i8`..`i64`,
//! unsignedByte..unsignedLong → `u8`..`u64`. Out-of-range values are errors, never wrapped.

use super::whitespace::trim;
use crate::{SimpleValue, ValueError};

/// Splits an `xs:integer` lexical form (already trimmed) into sign and significant digits.
///
/// Returns `(negative, digits)` where `digits` has no leading zeros and is empty for zero.
/// `-0` yields `(true, "")`; callers decide whether a negative zero is allowed.
pub(crate) fn split_integer(s: &str) -> Option<(bool, &str)> {
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((neg, digits.trim_start_matches('0')))
}

/// The magnitude of significant decimal digits as `u128`, `None` when it does not fit.
pub(crate) fn magnitude(digits: &str) -> Option<u128> {
    digits.bytes().try_fold(0u128, |acc, b| {
        acc.checked_mul(10)?.checked_add(u128::from(b - b'0'))
    })
}

/// Parses a bounded integer: sign, digits, then an exact range check.
fn parse_bounded(text: &str, xsd: &str, min: i128, max: i128) -> Result<i128, ValueError> {
    let err = || ValueError::new(format!("{xsd} ({min}..={max})"), text);
    let (neg, digits) = split_integer(trim(text)).ok_or_else(err)?;
    let mag = magnitude(digits).ok_or_else(err)?;
    let mag = i128::try_from(mag).map_err(|_| err())?;
    let v = if neg { -mag } else { mag };
    if v < min || v > max {
        return Err(err());
    }
    Ok(v)
}

macro_rules! int_value {
    ($($t:ty => $xsd:literal),* $(,)?) => {$(
        impl SimpleValue for $t {
            fn parse_text(text: &str) -> Result<Self, ValueError> {
                let v = parse_bounded(text, $xsd, i128::from(<$t>::MIN), i128::from(<$t>::MAX))?;
                <$t>::try_from(v).map_err(|_| ValueError::new($xsd, text))
            }

            fn write_text(&self, out: &mut String) {
                use std::fmt::Write;
                let _ = write!(out, "{}", self);
            }
        }
    )*};
}

int_value!(
    i8 => "xs:byte",
    i16 => "xs:short",
    i32 => "xs:int",
    i64 => "xs:long",
    u8 => "xs:unsignedByte",
    u16 => "xs:unsignedShort",
    u32 => "xs:unsignedInt",
    u64 => "xs:unsignedLong",
);
