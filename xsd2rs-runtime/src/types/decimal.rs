//! `xs:decimal` as the exact [`Decimal`]: no floating point anywhere.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use super::whitespace::trim;
use super::Integer;
use crate::{SimpleValue, ValueError};

/// `xs:decimal`: an exact decimal number of any size and precision.
///
/// The lexical form is kept as written (trimmed), so `1.50` is written back as `1.50`;
/// equality, hashing and ordering are by numeric value (`1.50 == 1.5`, `-0 == 0`).
/// [`Decimal::canonical`] gives the XML Schema canonical form.
#[derive(Clone)]
pub struct Decimal {
    text: String,
}

/// The numeric parts of a validated decimal lexical form.
struct Parts<'a> {
    negative: bool,
    /// Integer digits without leading zeros (empty for zero).
    int: &'a str,
    /// Fraction digits without trailing zeros (empty for none).
    frac: &'a str,
}

fn split_decimal(s: &str) -> Option<Parts<'_>> {
    let (negative, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, f),
        None => (body, ""),
    };
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    let negative = negative && !(int.is_empty() && frac.is_empty());
    Some(Parts {
        negative,
        int,
        frac,
    })
}

impl Decimal {
    fn parts(&self) -> Parts<'_> {
        // The text was validated on construction; fall back to zero defensively.
        split_decimal(&self.text).unwrap_or(Parts {
            negative: false,
            int: "",
            frac: "",
        })
    }

    /// The lexical form as written (trimmed).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The XML Schema 1.0 canonical form: `-1.5`, `0.0`, `100.0`.
    pub fn canonical(&self) -> String {
        let p = self.parts();
        let mut s = String::new();
        if p.negative {
            s.push('-');
        }
        s.push_str(if p.int.is_empty() { "0" } else { p.int });
        s.push('.');
        s.push_str(if p.frac.is_empty() { "0" } else { p.frac });
        s
    }

    /// True for values below zero.
    pub fn is_negative(&self) -> bool {
        self.parts().negative
    }

    /// True for zero (in any spelling).
    pub fn is_zero(&self) -> bool {
        let p = self.parts();
        p.int.is_empty() && p.frac.is_empty()
    }

    /// Number of significant digits (the `totalDigits` facet's measure); 1 for zero.
    pub fn total_digits(&self) -> u32 {
        let p = self.parts();
        let n = if p.int.is_empty() {
            p.frac.trim_start_matches('0').len()
        } else {
            p.int.len() + p.frac.len()
        };
        u32::try_from(n.max(1)).unwrap_or(u32::MAX)
    }

    /// Number of fraction digits without trailing zeros (the `fractionDigits` facet's measure).
    pub fn fraction_digits(&self) -> u32 {
        u32::try_from(self.parts().frac.len()).unwrap_or(u32::MAX)
    }

    /// The integer part (truncated towards zero).
    pub fn trunc(&self) -> Integer {
        let p = self.parts();
        let mut s = String::new();
        if p.negative {
            s.push('-');
        }
        s.push_str(if p.int.is_empty() { "0" } else { p.int });
        Integer::parse_text(&s).unwrap_or_default()
    }

    /// The value as an integer, if it has no fractional part.
    pub fn to_integer(&self) -> Option<Integer> {
        self.parts().frac.is_empty().then(|| self.trunc())
    }

    /// The nearest `f64` (lossy; for display or arithmetic where exactness does not matter).
    pub fn to_f64(&self) -> f64 {
        self.canonical().parse().unwrap_or(f64::NAN)
    }
}

impl Default for Decimal {
    fn default() -> Self {
        Decimal {
            text: "0".to_owned(),
        }
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Decimal({})", self.text)
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Decimal {}

impl Hash for Decimal {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let p = self.parts();
        p.negative.hash(state);
        p.int.hash(state);
        p.frac.hash(state);
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        let (a, b) = (self.parts(), other.parts());
        let a_zero = a.int.is_empty() && a.frac.is_empty();
        let b_zero = b.int.is_empty() && b.frac.is_empty();
        let sign = |neg: bool, zero: bool| {
            if zero {
                0
            } else if neg {
                -1
            } else {
                1
            }
        };
        let (sa, sb) = (sign(a.negative, a_zero), sign(b.negative, b_zero));
        if sa != sb {
            return sa.cmp(&sb);
        }
        // Same sign: compare magnitudes (integer digits by length then text, then fractions).
        let mag = a
            .int
            .len()
            .cmp(&b.int.len())
            .then_with(|| a.int.cmp(b.int))
            .then_with(|| a.frac.cmp(b.frac));
        if sa < 0 {
            mag.reverse()
        } else {
            mag
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl SimpleValue for Decimal {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        let t = trim(text);
        if split_decimal(t).is_none() {
            return Err(ValueError::new("xs:decimal", text));
        }
        Ok(Decimal { text: t.to_owned() })
    }

    fn write_text(&self, out: &mut String) {
        out.push_str(&self.text);
    }
}

impl From<Integer> for Decimal {
    fn from(v: Integer) -> Self {
        Decimal {
            text: v.as_str().to_owned(),
        }
    }
}

macro_rules! decimal_from_prim {
    ($($t:ty),*) => {$(
        impl From<$t> for Decimal {
            fn from(v: $t) -> Self {
                Decimal { text: v.to_string() }
            }
        }
    )*};
}
decimal_from_prim!(i8, i16, i32, i64, i128, u8, u16, u32, u64, u128);

super::lexical_display_fromstr!(Decimal);
