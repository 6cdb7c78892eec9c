//! [`FacetValue`]: what the constraining facets measure on a value, per type.

use std::borrow::Cow;
use std::cmp::Ordering;

use super::WhiteSpace;
use crate::types::{
    AnyUri, Base64Binary, Date, DateTime, Decimal, Duration, GDay, GMonth, GMonthDay, GYear,
    GYearMonth, HexBinary, Integer, Language, List, Name, NcName, NegativeInteger, NmToken,
    NonNegativeInteger, NonPositiveInteger, NormalizedString, PositiveInteger, QName, Time, Token,
};
use crate::SimpleValue;

/// A simple value that facets can be checked on.
///
/// The defaults say "not applicable": a facet whose measure is `None` fails with a message
/// saying so (a schema would not declare it on such a type).
pub trait FacetValue: SimpleValue + PartialEq {
    /// Whether the length facets constrain this type. XML Schema says they do not constrain
    /// `xs:QName` and `xs:NOTATION` (1.0 second edition errata, 1.1): a schema may declare
    /// them there, and every value satisfies them.
    const LENGTH_CONSTRAINS: bool = true;

    /// The type's own `whiteSpace` (collapse for every built-in but string and
    /// normalizedString): how the text read is normalised before patterns see it.
    const WHITE_SPACE: WhiteSpace = WhiteSpace::Collapse;

    /// The length the length facets measure: characters for strings, octets for binary
    /// types, items for lists.
    fn facet_length(&self) -> Option<u64> {
        None
    }

    /// [`facet_length`](Self::facet_length) capped at `cap`: `Some(min(length, cap))`. The
    /// length facets only need to know whether the length reaches one past their largest
    /// limit, so types whose length costs a scan (characters of a string) stop counting there.
    fn facet_length_capped(&self, cap: u64) -> Option<u64> {
        self.facet_length().map(|len| len.min(cap))
    }

    /// Order against a bound of the same type for the range facets; `None` when the values
    /// are incomparable or the type is unordered.
    fn facet_cmp(&self, _other: &Self) -> Option<Ordering> {
        None
    }

    /// `(totalDigits, fractionDigits)` measures for decimal-derived types.
    fn facet_digits(&self) -> Option<(u32, u32)> {
        None
    }

    /// The lexical form the `pattern` facet matches (the kept or canonical form).
    fn facet_lexical(&self) -> Cow<'_, str> {
        let mut s = String::new();
        self.write_text(&mut s);
        Cow::Owned(s)
    }

    /// Other lexical forms of the same value a type that does not keep what was read can
    /// write instead of [`facet_lexical`](Self::facet_lexical) when only they match the
    /// patterns (`1` for a boolean read as `1` under pattern `1|0`; `1.0E-2` for a float
    /// under pattern `...E..`), in order of preference. Only asked for when the form written
    /// fails a pattern.
    fn facet_alternatives(&self) -> Vec<Cow<'static, str>> {
        Vec::new()
    }
}

fn char_len(s: &str) -> Option<u64> {
    u64::try_from(s.chars().count()).ok()
}

/// `min(characters of s, cap)`, reading at most `cap` characters.
fn char_len_capped(s: &str, cap: u64) -> Option<u64> {
    // UTF-8 spends at most four bytes per character: a string of 4·cap bytes or more has at
    // least cap characters, whatever they are.
    let bytes = u64::try_from(s.len()).ok()?;
    if bytes / 4 >= cap {
        return Some(cap);
    }
    let take = usize::try_from(cap).unwrap_or(usize::MAX);
    u64::try_from(s.chars().take(take).count()).ok()
}

impl FacetValue for String {
    const WHITE_SPACE: WhiteSpace = WhiteSpace::Preserve;
    fn facet_length(&self) -> Option<u64> {
        char_len(self)
    }
    fn facet_length_capped(&self, cap: u64) -> Option<u64> {
        char_len_capped(self, cap)
    }
    fn facet_lexical(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

macro_rules! string_like {
    ($($t:ty),*) => {$(
        impl FacetValue for $t {
            fn facet_length(&self) -> Option<u64> {
                char_len(self.as_str())
            }
            fn facet_length_capped(&self, cap: u64) -> Option<u64> {
                char_len_capped(self.as_str(), cap)
            }
            fn facet_lexical(&self) -> Cow<'_, str> {
                Cow::Borrowed(self.as_str())
            }
        }
    )*};
}
impl FacetValue for NormalizedString {
    const WHITE_SPACE: WhiteSpace = WhiteSpace::Replace;
    fn facet_length(&self) -> Option<u64> {
        char_len(self.as_str())
    }
    fn facet_length_capped(&self, cap: u64) -> Option<u64> {
        char_len_capped(self.as_str(), cap)
    }
    fn facet_lexical(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }
}

string_like!(Token, Language, Name, NcName, NmToken, AnyUri);

impl FacetValue for bool {
    fn facet_alternatives(&self) -> Vec<Cow<'static, str>> {
        vec![Cow::Borrowed(if *self { "1" } else { "0" })]
    }
}

impl FacetValue for QName {
    const LENGTH_CONSTRAINS: bool = false;
}

/// Digits of an integer magnitude (1 for zero).
fn int_digits(digits_len: usize) -> Option<(u32, u32)> {
    Some((u32::try_from(digits_len.max(1)).ok()?, 0))
}

macro_rules! prim_int {
    ($($t:ty),*) => {$(
        impl FacetValue for $t {
            fn facet_cmp(&self, other: &Self) -> Option<Ordering> {
                Some(self.cmp(other))
            }
            fn facet_digits(&self) -> Option<(u32, u32)> {
                int_digits(self.unsigned_abs().checked_ilog10().map_or(1, |l| l as usize + 1))
            }
        }
    )*};
}
prim_int!(i8, i16, i32, i64);

macro_rules! prim_uint {
    ($($t:ty),*) => {$(
        impl FacetValue for $t {
            fn facet_cmp(&self, other: &Self) -> Option<Ordering> {
                Some(self.cmp(other))
            }
            fn facet_digits(&self) -> Option<(u32, u32)> {
                int_digits(self.checked_ilog10().map_or(1, |l| l as usize + 1))
            }
        }
    )*};
}
prim_uint!(u8, u16, u32, u64);

macro_rules! big_int {
    ($($t:ty),*) => {$(
        impl FacetValue for $t {
            fn facet_cmp(&self, other: &Self) -> Option<Ordering> {
                Some(self.cmp(other))
            }
            fn facet_digits(&self) -> Option<(u32, u32)> {
                int_digits(self.digits().len())
            }
        }
    )*};
}
big_int!(
    Integer,
    NonNegativeInteger,
    PositiveInteger,
    NonPositiveInteger,
    NegativeInteger
);

impl FacetValue for Decimal {
    fn facet_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
    fn facet_digits(&self) -> Option<(u32, u32)> {
        Some((self.total_digits(), self.fraction_digits()))
    }
    fn facet_lexical(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }
}

/// The scientific forms of a finite float whose shortest round-tripping form in Rust's
/// `{:E}` notation is `sci` (`1E-2`, `1.2674324E15`): XML Schema 1.0's canonical form (a
/// mantissa with one digit before the point and at least one after it, `E`, the exponent:
/// `1.0E-2`), the same with `e`, then the shortest mantissa with `E` and `e` (`1E-2`). A
/// pattern facet written for one of these notations (`...E..`, `\d\.\d+[Ee]-?\d+`) accepts a
/// value read in it although the canonical form written by default (`0.01`) has no exponent.
fn float_alternatives(sci: &str) -> Vec<Cow<'static, str>> {
    let Some((mantissa, exp)) = sci.split_once('E') else {
        return Vec::new();
    };
    let canonical = if mantissa.contains('.') {
        mantissa.to_owned()
    } else {
        format!("{mantissa}.0")
    };
    let mut forms: Vec<Cow<'static, str>> = Vec::with_capacity(4);
    for m in [canonical.as_str(), mantissa] {
        for e in ['E', 'e'] {
            let form = format!("{m}{e}{exp}");
            if !forms.iter().any(|f| *f == form) {
                forms.push(Cow::Owned(form));
            }
        }
    }
    forms
}

macro_rules! float {
    ($($t:ty),*) => {$(
        impl FacetValue for $t {
            fn facet_cmp(&self, other: &Self) -> Option<Ordering> {
                self.partial_cmp(other)
            }
            fn facet_alternatives(&self) -> Vec<Cow<'static, str>> {
                if !self.is_finite() {
                    return Vec::new();
                }
                float_alternatives(&format!("{:E}", self))
            }
        }
    )*};
}
float!(f32, f64);

macro_rules! temporal {
    ($($t:ty),*) => {$(
        impl FacetValue for $t {
            fn facet_cmp(&self, other: &Self) -> Option<Ordering> {
                self.partial_cmp_value(other)
            }
            fn facet_lexical(&self) -> Cow<'_, str> {
                Cow::Borrowed(self.as_str())
            }
        }
    )*};
}
temporal!(DateTime, Date, Time, Duration, GYear, GYearMonth, GMonthDay, GDay);

impl FacetValue for GMonth {
    fn facet_cmp(&self, other: &Self) -> Option<Ordering> {
        self.partial_cmp_value(other)
    }
    fn facet_lexical(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }
    /// The original XML Schema 1.0 form `--MM--`, for a pattern written for it.
    fn facet_alternatives(&self) -> Vec<Cow<'static, str>> {
        vec![Cow::Owned(self.old_form())]
    }
}

macro_rules! bytes {
    ($($t:ty),*) => {$(
        impl FacetValue for $t {
            fn facet_length(&self) -> Option<u64> {
                u64::try_from(self.0.len()).ok()
            }
        }
    )*};
}
bytes!(Base64Binary, HexBinary);

impl<T: SimpleValue + PartialEq> FacetValue for List<T> {
    fn facet_length(&self) -> Option<u64> {
        u64::try_from(self.0.len()).ok()
    }
}
