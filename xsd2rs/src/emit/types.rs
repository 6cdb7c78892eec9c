//! Rust type expressions for plan types.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Builtin;
use crate::plan::{Occurs, Plan, Ty};

/// The path of the Rust type a built-in maps to: [`crate::builtins::rust_type`], the one table.
pub fn builtin(b: Builtin) -> TokenStream {
    crate::builtins::rust_type(b)
        .parse()
        .unwrap_or_else(|_| quote!(::std::string::String))
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

/// An identifier, raw when the name starts with `r#`. Names come from [`crate::naming`]
/// (always valid); anything else is made valid rather than panicking (characters that cannot
/// stand in an identifier become `_`).
pub fn ident(name: &str) -> proc_macro2::Ident {
    let span = proc_macro2::Span::call_site();
    let valid = |s: &str| {
        !s.is_empty()
            && s != "_"
            && !s.starts_with(|c: char| c.is_ascii_digit())
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    match name.strip_prefix("r#") {
        Some(raw) if valid(raw) && !["self", "Self", "super", "crate"].contains(&raw) => {
            proc_macro2::Ident::new_raw(raw, span)
        }
        None if valid(name) => proc_macro2::Ident::new(name, span),
        _ => {
            let mut s: String = name
                .trim_start_matches("r#")
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            if !valid(&s) {
                s.insert_str(0, "x_");
            }
            proc_macro2::Ident::new(&s, span)
        }
    }
}
