//! `xs:integer` as the unbounded [`Integer`], and its sign-restricted derivations.

use std::cmp::Ordering;
use std::fmt;
use std::ops::Deref;

use super::primitive_int::{magnitude, split_integer};
use super::whitespace::trim;
use crate::{SimpleValue, ValueError};

/// `xs:integer`: an integer of any size, kept as its canonical decimal digits.
///
/// Parsing accepts a sign and leading zeros (`+007`, `-0`); the value is stored canonically
/// (`7`, `0`), so equal numbers compare equal. Checked accessors convert to machine integers.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Integer {
    /// Canonical form: optional `-`, then digits without leading zeros (`0` for zero).
    repr: String,
}

impl Integer {
    /// Zero.
    pub fn zero() -> Self {
        Integer {
            repr: "0".to_owned(),
        }
    }

    fn from_parts(negative: bool, digits: &str) -> Self {
        if digits.is_empty() {
            return Integer::zero();
        }
        let mut repr = String::with_capacity(digits.len() + 1);
        if negative {
            repr.push('-');
        }
        repr.push_str(digits);
        Integer { repr }
    }

    /// The canonical decimal form (`-123`, `0`).
    pub fn as_str(&self) -> &str {
        &self.repr
    }

    /// True for values below zero.
    pub fn is_negative(&self) -> bool {
        self.repr.starts_with('-')
    }

    /// True for zero.
    pub fn is_zero(&self) -> bool {
        self.repr == "0"
    }

    /// True for values above zero.
    pub fn is_positive(&self) -> bool {
        !self.is_negative() && !self.is_zero()
    }

    /// `-1`, `0` or `1`.
    pub fn signum(&self) -> i8 {
        if self.is_negative() {
            -1
        } else if self.is_zero() {
            0
        } else {
            1
        }
    }

    /// The decimal digits of the magnitude (no sign, no leading zeros; `0` for zero).
    pub fn digits(&self) -> &str {
        self.repr.trim_start_matches('-')
    }

    /// The value as `i128`, if it fits.
    pub fn to_i128(&self) -> Option<i128> {
        let mag = magnitude(self.digits())?;
        if self.is_negative() {
            // i128::MIN has a magnitude one larger than i128::MAX.
            0i128.checked_sub_unsigned(mag)
        } else {
            i128::try_from(mag).ok()
        }
    }

    /// The value as `u128`, if it fits (negative values do not).
    pub fn to_u128(&self) -> Option<u128> {
        if self.is_negative() {
            return None;
        }
        magnitude(self.digits())
    }

    /// The value as `i64`, if it fits.
    pub fn to_i64(&self) -> Option<i64> {
        self.to_i128().and_then(|v| i64::try_from(v).ok())
    }

    /// The value as `u64`, if it fits.
    pub fn to_u64(&self) -> Option<u64> {
        self.to_u128().and_then(|v| u64::try_from(v).ok())
    }

    /// The value as `i32`, if it fits.
    pub fn to_i32(&self) -> Option<i32> {
        self.to_i128().and_then(|v| i32::try_from(v).ok())
    }

    /// The value as `u32`, if it fits.
    pub fn to_u32(&self) -> Option<u32> {
        self.to_u128().and_then(|v| u32::try_from(v).ok())
    }

    /// Parses after trimming; `expected` names the type in the error.
    fn parse_as(text: &str, expected: &str) -> Result<Self, ValueError> {
        let (neg, digits) =
            split_integer(trim(text)).ok_or_else(|| ValueError::new(expected, text))?;
        Ok(Integer::from_parts(neg, digits))
    }
}

impl Default for Integer {
    fn default() -> Self {
        Integer::zero()
    }
}

impl fmt::Debug for Integer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Integer({})", self.repr)
    }
}

impl fmt::Display for Integer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.repr)
    }
}

impl std::str::FromStr for Integer {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        Integer::parse_text(s)
    }
}

impl Ord for Integer {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.is_negative(), other.is_negative()) {
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            (neg, _) => {
                let (a, b) = (self.digits(), other.digits());
                let mag = a.len().cmp(&b.len()).then_with(|| a.cmp(b));
                if neg {
                    mag.reverse()
                } else {
                    mag
                }
            }
        }
    }
}

impl PartialOrd for Integer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl SimpleValue for Integer {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        Integer::parse_as(text, "xs:integer")
    }

    fn write_text(&self, out: &mut String) {
        out.push_str(&self.repr);
    }
}

macro_rules! integer_from_prim {
    ($($t:ty),*) => {$(
        impl From<$t> for Integer {
            fn from(v: $t) -> Self {
                Integer { repr: v.to_string() }
            }
        }
    )*};
}
integer_from_prim!(i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize);

/// A sign-restricted derivation of `xs:integer`: a checked newtype over [`Integer`].
macro_rules! restricted_integer {
    ($(#[$doc:meta])* $t:ident, $xsd:literal, $ok:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $t(Integer);

        impl $t {
            /// Wraps an integer, checking the sign restriction.
            pub fn new(v: Integer) -> Result<Self, ValueError> {
                let ok: fn(&Integer) -> bool = $ok;
                if ok(&v) {
                    Ok($t(v))
                } else {
                    Err(ValueError::new($xsd, v.as_str()))
                }
            }

            /// The underlying integer.
            pub fn get(&self) -> &Integer {
                &self.0
            }

            /// Unwraps the underlying integer.
            pub fn into_inner(self) -> Integer {
                self.0
            }
        }

        impl Deref for $t {
            type Target = Integer;
            fn deref(&self) -> &Integer {
                &self.0
            }
        }

        impl From<$t> for Integer {
            fn from(v: $t) -> Integer {
                v.0
            }
        }

        impl TryFrom<Integer> for $t {
            type Error = ValueError;
            fn try_from(v: Integer) -> Result<Self, ValueError> {
                $t::new(v)
            }
        }

        impl TryFrom<i64> for $t {
            type Error = ValueError;
            fn try_from(v: i64) -> Result<Self, ValueError> {
                $t::new(Integer::from(v))
            }
        }

        impl TryFrom<u64> for $t {
            type Error = ValueError;
            fn try_from(v: u64) -> Result<Self, ValueError> {
                $t::new(Integer::from(v))
            }
        }

        impl SimpleValue for $t {
            fn parse_text(text: &str) -> Result<Self, ValueError> {
                let v = Integer::parse_as(text, $xsd)?;
                $t::new(v).map_err(|e| ValueError::new(e.expected, text))
            }

            fn write_text(&self, out: &mut String) {
                out.push_str(self.0.as_str());
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0.as_str())
            }
        }

        impl std::str::FromStr for $t {
            type Err = ValueError;
            fn from_str(s: &str) -> Result<Self, ValueError> {
                $t::parse_text(s)
            }
        }
    };
}

restricted_integer!(
    /// `xs:nonNegativeInteger`: an unbounded integer ≥ 0.
    NonNegativeInteger,
    "xs:nonNegativeInteger",
    |v| !v.is_negative()
);
restricted_integer!(
    /// `xs:positiveInteger`: an unbounded integer ≥ 1.
    PositiveInteger,
    "xs:positiveInteger",
    |v| v.is_positive()
);
restricted_integer!(
    /// `xs:nonPositiveInteger`: an unbounded integer ≤ 0.
    NonPositiveInteger,
    "xs:nonPositiveInteger",
    |v| !v.is_positive()
);
restricted_integer!(
    /// `xs:negativeInteger`: an unbounded integer ≤ -1.
    NegativeInteger,
    "xs:negativeInteger",
    |v| v.is_negative()
);

// Not derived: the macro serves positive/negative types too, whose zero would be invalid.
#[allow(clippy::derivable_impls)]
impl Default for NonNegativeInteger {
    fn default() -> Self {
        NonNegativeInteger(Integer::zero())
    }
}

#[allow(clippy::derivable_impls)]
impl Default for NonPositiveInteger {
    fn default() -> Self {
        NonPositiveInteger(Integer::zero())
    }
}

impl From<u32> for NonNegativeInteger {
    fn from(v: u32) -> Self {
        NonNegativeInteger(Integer::from(v))
    }
}

impl NonNegativeInteger {
    /// Builds the value from a `u64` (always in range).
    pub fn from_u64(v: u64) -> Self {
        NonNegativeInteger(Integer::from(v))
    }
}
