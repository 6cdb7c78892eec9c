//! Rust types for the XML Schema 1.0 built-in simple types.
//!
//! Every type here implements [`SimpleValue`](crate::SimpleValue) (parse and write the lexical
//! form), [`FacetValue`](crate::facets::FacetValue) (what the constraining facets measure),
//! `Display` and `FromStr` (both in the XSD lexical space, errors as
//! [`ValueError`](crate::ValueError)). `String`, `bool`, the fixed-width integers and the floats
//! implement the traits directly.
//!
//! | XSD | Rust |
//! |---|---|
//! | string, anySimpleType | `String` (kept verbatim) |
//! | normalizedString | [`NormalizedString`] (tab/CR/LF become spaces) |
//! | token | [`Token`] (whitespace collapsed) |
//! | language | [`Language`] (collapsed, checked against `[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*`) |
//! | Name | [`Name`] (checked) |
//! | NCName, ID, IDREF, ENTITY | [`NcName`] (checked) |
//! | NMTOKEN | [`NmToken`] (checked) |
//! | IDREFS, ENTITIES / NMTOKENS | [`List<NcName>`] / [`List<NmToken>`] |
//! | boolean | `bool` (reads `true`/`false`/`1`/`0`, writes `true`/`false`) |
//! | byte, short, int, long | `i8`, `i16`, `i32`, `i64` |
//! | unsignedByte … unsignedLong | `u8`, `u16`, `u32`, `u64` |
//! | integer | [`Integer`] (unbounded, digits kept) |
//! | nonNegativeInteger, positiveInteger, nonPositiveInteger, negativeInteger | [`NonNegativeInteger`], [`PositiveInteger`], [`NonPositiveInteger`], [`NegativeInteger`] |
//! | decimal | [`Decimal`] (exact; lexical form kept) |
//! | float, double | `f32`, `f64` (`INF`, `-INF`, `NaN`) |
//! | dateTime, date, time | [`DateTime`], [`Date`], [`Time`] (lexical form and zone presence kept; chrono accessors) |
//! | duration | [`Duration`] |
//! | gYear, gYearMonth, gMonthDay, gDay, gMonth | [`GYear`], [`GYearMonth`], [`GMonthDay`], [`GDay`], [`GMonth`] |
//! | base64Binary, hexBinary | [`Base64Binary`], [`HexBinary`] (bytes) |
//! | QName, NOTATION | [`QName`] (prefix and local name as written; resolvable) |
//! | anyURI | [`AnyUri`] (whitespace collapsed, otherwise unchecked) |
//! | `xs:list` of T | [`List<T>`] |
//!
//! Whitespace: every type except `String` and [`NormalizedString`] collapses whitespace before
//! parsing (XML Schema's `whiteSpace="collapse"`), so `" 42\n"` is a valid `xs:int`.

mod binary;
mod boolean;
mod datetime;
mod decimal;
mod duration;
mod float;
mod gregorian;
mod integer;
mod list;
mod names;
mod primitive_int;
mod qname;
mod string;
mod temporal;
pub mod whitespace;

pub use binary::{Base64Binary, HexBinary};
pub use datetime::{Date, DateTime, Time};
pub use decimal::Decimal;
pub use duration::{Duration, DurationParts};
pub use gregorian::{GDay, GMonth, GMonthDay, GYear, GYearMonth};
pub use integer::{
    Integer, NegativeInteger, NonNegativeInteger, NonPositiveInteger, PositiveInteger,
};
pub use list::List;
pub use names::{AnyUri, Language, Name, NcName, NmToken, NormalizedString, Token};
pub use qname::QName;

pub(crate) use names::{is_ncname, is_ncname_bytes, NAME_CHAR_EXTRA, NAME_START_RANGES};

/// `xs:IDREFS`: a list of [`NcName`].
pub type IdRefs = List<NcName>;
/// `xs:ENTITIES`: a list of [`NcName`].
pub type Entities = List<NcName>;
/// `xs:NMTOKENS`: a list of [`NmToken`].
pub type NmTokens = List<NmToken>;

/// Implements `Display` (the lexical form written by `write_text`) and `FromStr` (by
/// `parse_text`) for a type implementing `SimpleValue`.
macro_rules! lexical_display_fromstr {
    ($($t:ty),* $(,)?) => {$(
        impl ::std::fmt::Display for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let mut s = ::std::string::String::new();
                $crate::SimpleValue::write_text(self, &mut s);
                f.write_str(&s)
            }
        }
        impl ::std::str::FromStr for $t {
            type Err = $crate::ValueError;
            fn from_str(s: &str) -> ::std::result::Result<Self, $crate::ValueError> {
                <$t as $crate::SimpleValue>::parse_text(s)
            }
        }
    )*};
}
pub(crate) use lexical_display_fromstr;
