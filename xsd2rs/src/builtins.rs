//! How XML Schema built-in types map to Rust: the type paths generated code uses and the
//! traits each type has (so the generator knows what it may derive).
//!
//! | XSD | Rust | Copy | Eq + Hash | Default |
//! |---|---|---|---|---|
//! | anyType | `::xsd2rs_runtime::codec::AnyContent` (the whole element kept verbatim: attributes, text, children) | | ✓ (Eq only) | |
//! | anySimpleType, string | `String` (a prelude name every generated module reserves) | | ✓ | ✓ |
//! | normalizedString | `::xsd2rs_runtime::types::NormalizedString` | | ✓ | ✓ |
//! | token | `::xsd2rs_runtime::types::Token` | | ✓ | ✓ |
//! | language | `::xsd2rs_runtime::types::Language` | | ✓ | |
//! | Name | `::xsd2rs_runtime::types::Name` | | ✓ | |
//! | NCName, ID, IDREF, ENTITY | `::xsd2rs_runtime::types::NcName` | | ✓ | |
//! | NMTOKEN | `::xsd2rs_runtime::types::NmToken` | | ✓ | |
//! | IDREFS, ENTITIES | `::xsd2rs_runtime::types::List<::xsd2rs_runtime::types::NcName>` | | ✓ | ✓ |
//! | NMTOKENS | `::xsd2rs_runtime::types::List<::xsd2rs_runtime::types::NmToken>` | | ✓ | ✓ |
//! | boolean | `bool` (reads `true`/`false`/`1`/`0`) | ✓ | ✓ | ✓ |
//! | decimal | `::xsd2rs_runtime::types::Decimal` (exact, lexical kept) | | ✓ | ✓ |
//! | integer | `::xsd2rs_runtime::types::Integer` (unbounded) | | ✓ | ✓ |
//! | nonNegativeInteger | `::xsd2rs_runtime::types::NonNegativeInteger` | | ✓ | ✓ |
//! | positiveInteger | `::xsd2rs_runtime::types::PositiveInteger` | | ✓ | |
//! | nonPositiveInteger | `::xsd2rs_runtime::types::NonPositiveInteger` | | ✓ | ✓ |
//! | negativeInteger | `::xsd2rs_runtime::types::NegativeInteger` | | ✓ | |
//! | long, int, short, byte | `i64`, `i32`, `i16`, `i8` | ✓ | ✓ | ✓ |
//! | unsignedLong, unsignedInt, unsignedShort, unsignedByte | `u64`, `u32`, `u16`, `u8` | ✓ | ✓ | ✓ |
//! | float, double | `f32`, `f64` (`INF`, `-INF`, `NaN`) | ✓ | | ✓ |
//! | duration | `::xsd2rs_runtime::types::Duration` | | ✓ | |
//! | dateTime | `::xsd2rs_runtime::types::DateTime` (lexical and zone presence kept) | | ✓ | |
//! | time | `::xsd2rs_runtime::types::Time` | | ✓ | |
//! | date | `::xsd2rs_runtime::types::Date` | | ✓ | |
//! | gYearMonth, gYear, gMonthDay, gDay, gMonth | `::xsd2rs_runtime::types::{GYearMonth, GYear, GMonthDay, GDay, GMonth}` | | ✓ | |
//! | hexBinary | `::xsd2rs_runtime::types::HexBinary` | | ✓ | ✓ |
//! | base64Binary | `::xsd2rs_runtime::types::Base64Binary` | | ✓ | ✓ |
//! | anyURI | `::xsd2rs_runtime::types::AnyUri` | | ✓ | ✓ |
//! | QName, NOTATION | `::xsd2rs_runtime::types::QName` | | ✓ | |
//!
//! Every type except `AnyContent` implements `SimpleValue` and `FacetValue`, `Debug`, `Clone`,
//! `PartialEq`, `Display` and `FromStr`. `Default` is marked only where the default value is a
//! valid value of the XSD type (zero, empty string, empty list), never for dates or
//! checked names.

use crate::model::Builtin;

/// What the generator needs to know about the Rust type of one built-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltinInfo {
    /// The absolute path of the Rust type (`::xsd2rs_runtime::types::DateTime`, `i32`).
    pub rust_type: &'static str,
    /// The type is `Copy`.
    pub copy: bool,
    /// The type implements `Eq` (all such types except `AnyContent` also implement `Hash`).
    pub eq: bool,
    /// The type implements `Hash`.
    pub hash: bool,
    /// The type implements `Default` with a value valid for the XSD type.
    pub default: bool,
}

const RT: &str = "::xsd2rs_runtime::types::";

/// The type facts of a built-in.
pub fn info(b: Builtin) -> BuiltinInfo {
    use Builtin::*;
    let (rust_type, copy, eq, default) = match b {
        AnyType => ("::xsd2rs_runtime::codec::AnyContent", false, true, false),
        AnySimpleType | String => ("String", false, true, true),
        NormalizedString => (
            "::xsd2rs_runtime::types::NormalizedString",
            false,
            true,
            true,
        ),
        Token => ("::xsd2rs_runtime::types::Token", false, true, true),
        Language => ("::xsd2rs_runtime::types::Language", false, true, false),
        Name => ("::xsd2rs_runtime::types::Name", false, true, false),
        NcName | Id | IdRef | Entity => ("::xsd2rs_runtime::types::NcName", false, true, false),
        NmToken => ("::xsd2rs_runtime::types::NmToken", false, true, false),
        IdRefs | Entities => (
            "::xsd2rs_runtime::types::List<::xsd2rs_runtime::types::NcName>",
            false,
            true,
            true,
        ),
        NmTokens => (
            "::xsd2rs_runtime::types::List<::xsd2rs_runtime::types::NmToken>",
            false,
            true,
            true,
        ),
        Boolean => ("bool", true, true, true),
        Decimal => ("::xsd2rs_runtime::types::Decimal", false, true, true),
        Integer => ("::xsd2rs_runtime::types::Integer", false, true, true),
        NonNegativeInteger => (
            "::xsd2rs_runtime::types::NonNegativeInteger",
            false,
            true,
            true,
        ),
        PositiveInteger => (
            "::xsd2rs_runtime::types::PositiveInteger",
            false,
            true,
            false,
        ),
        NonPositiveInteger => (
            "::xsd2rs_runtime::types::NonPositiveInteger",
            false,
            true,
            true,
        ),
        NegativeInteger => (
            "::xsd2rs_runtime::types::NegativeInteger",
            false,
            true,
            false,
        ),
        Long => ("i64", true, true, true),
        Int => ("i32", true, true, true),
        Short => ("i16", true, true, true),
        Byte => ("i8", true, true, true),
        UnsignedLong => ("u64", true, true, true),
        UnsignedInt => ("u32", true, true, true),
        UnsignedShort => ("u16", true, true, true),
        UnsignedByte => ("u8", true, true, true),
        Float => ("f32", true, false, true),
        Double => ("f64", true, false, true),
        Duration => ("::xsd2rs_runtime::types::Duration", false, true, false),
        DateTime => ("::xsd2rs_runtime::types::DateTime", false, true, false),
        Time => ("::xsd2rs_runtime::types::Time", false, true, false),
        Date => ("::xsd2rs_runtime::types::Date", false, true, false),
        GYearMonth => ("::xsd2rs_runtime::types::GYearMonth", false, true, false),
        GYear => ("::xsd2rs_runtime::types::GYear", false, true, false),
        GMonthDay => ("::xsd2rs_runtime::types::GMonthDay", false, true, false),
        GDay => ("::xsd2rs_runtime::types::GDay", false, true, false),
        GMonth => ("::xsd2rs_runtime::types::GMonth", false, true, false),
        HexBinary => ("::xsd2rs_runtime::types::HexBinary", false, true, true),
        Base64Binary => ("::xsd2rs_runtime::types::Base64Binary", false, true, true),
        AnyUri => ("::xsd2rs_runtime::types::AnyUri", false, true, true),
        QName | Notation => ("::xsd2rs_runtime::types::QName", false, true, false),
    };
    let hash = eq && b != AnyType;
    BuiltinInfo {
        rust_type,
        copy,
        eq,
        hash,
        default,
    }
}

/// The absolute path of the Rust type a built-in maps to.
pub fn rust_type(b: Builtin) -> &'static str {
    info(b).rust_type
}

/// True when the Rust type is `Copy`.
pub fn is_copy(b: Builtin) -> bool {
    info(b).copy
}

/// True when the Rust type implements `Eq`.
pub fn is_eq(b: Builtin) -> bool {
    info(b).eq
}

/// True when the Rust type implements `Default` with a valid value.
pub fn has_default(b: Builtin) -> bool {
    info(b).default
}

/// True when the type lives in `xsd2rs_runtime::types` (as opposed to `std`, a primitive or
/// the codec).
pub fn is_runtime_type(b: Builtin) -> bool {
    rust_type(b).starts_with(RT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_has_a_path() {
        for b in Builtin::ALL {
            let i = info(*b);
            assert!(!i.rust_type.is_empty(), "{b:?}");
            assert!(i.hash <= i.eq, "{b:?}: Hash without Eq");
            assert!(
                syn::parse_str::<syn::Type>(i.rust_type).is_ok(),
                "{b:?}: {}",
                i.rust_type
            );
        }
    }

    #[test]
    fn lossless_choices() {
        assert_eq!(
            rust_type(Builtin::Integer),
            "::xsd2rs_runtime::types::Integer"
        );
        assert_eq!(
            rust_type(Builtin::NonNegativeInteger),
            "::xsd2rs_runtime::types::NonNegativeInteger"
        );
        assert_eq!(
            rust_type(Builtin::Decimal),
            "::xsd2rs_runtime::types::Decimal"
        );
        assert_eq!(rust_type(Builtin::Int), "i32");
        assert!(is_copy(Builtin::Boolean) && !is_copy(Builtin::DateTime));
        assert!(!is_eq(Builtin::Double));
        assert!(!has_default(Builtin::DateTime) && has_default(Builtin::Decimal));
        assert!(is_runtime_type(Builtin::Token) && !is_runtime_type(Builtin::String));
    }
}
