//! Rust type expressions for plan types.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::Builtin;
use crate::plan::{Occurs, Plan, Ty};

/// The path of the Rust type a built-in maps to.
pub fn builtin(b: Builtin) -> TokenStream {
    use Builtin::*;
    let rt = |name: &str| {
        let id = format_ident!("{}", name);
        quote!(::xsd2rs_runtime::types::#id)
    };
    match b {
        AnyType | AnySimpleType | String => quote!(String),
        NormalizedString => rt("NormalizedString"),
        Token => rt("Token"),
        Language => rt("Language"),
        Name => rt("Name"),
        NcName | Id | IdRef | Entity => rt("NcName"),
        IdRefs => rt("IdRefs"),
        Entities => rt("Entities"),
        NmToken => rt("NmToken"),
        NmTokens => rt("NmTokens"),
        Boolean => quote!(bool),
        Decimal => rt("Decimal"),
        Integer => rt("Integer"),
        NonPositiveInteger => rt("NonPositiveInteger"),
        NegativeInteger => rt("NegativeInteger"),
        NonNegativeInteger => rt("NonNegativeInteger"),
        PositiveInteger => rt("PositiveInteger"),
        Long => quote!(i64),
        Int => quote!(i32),
        Short => quote!(i16),
        Byte => quote!(i8),
        UnsignedLong => quote!(u64),
        UnsignedInt => quote!(u32),
        UnsignedShort => quote!(u16),
        UnsignedByte => quote!(u8),
        Float => quote!(f32),
        Double => quote!(f64),
        Duration => rt("Duration"),
        DateTime => rt("DateTime"),
        Time => rt("Time"),
        Date => rt("Date"),
        GYearMonth => rt("GYearMonth"),
        GYear => rt("GYear"),
        GMonthDay => rt("GMonthDay"),
        GDay => rt("GDay"),
        GMonth => rt("GMonth"),
        HexBinary => rt("HexBinary"),
        Base64Binary => rt("Base64Binary"),
        AnyUri => rt("AnyUri"),
        QName | Notation => rt("QName"),
    }
}

/// The Rust type of one value.
pub fn ty(plan: &Plan, t: &Ty) -> TokenStream {
    match t {
        Ty::Builtin(b) => builtin(*b),
        Ty::Item(id) => {
            let name = plan.item(*id).map(|i| i.name.as_str()).unwrap_or("Unknown");
            let id = ident(name);
            quote!(#id)
        }
        Ty::Raw => quote!(::xsd2rs_runtime::codec::AnyElement),
    }
}

/// One value, wrapped for nil and box.
pub fn value(plan: &Plan, t: &Ty, nillable: bool, boxed: bool) -> TokenStream {
    let mut v = ty(plan, t);
    if nillable {
        v = quote!(::xsd2rs_runtime::codec::Nillable<#v>);
    }
    if boxed {
        v = quote!(Box<#v>);
    }
    v
}

/// A field type with its occurrence wrapper.
pub fn field(plan: &Plan, t: &Ty, nillable: bool, boxed: bool, occurs: Occurs) -> TokenStream {
    let v = value(plan, t, nillable, boxed);
    match occurs {
        Occurs::One => v,
        Occurs::Optional => quote!(Option<#v>),
        Occurs::Many => quote!(Vec<#v>),
    }
}

/// An identifier, raw when the name starts with `r#`.
pub fn ident(name: &str) -> proc_macro2::Ident {
    match name.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => proc_macro2::Ident::new(name, proc_macro2::Span::call_site()),
    }
}
