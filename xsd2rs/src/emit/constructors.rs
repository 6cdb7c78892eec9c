//! Constructors: `new(required fields…)` for every struct with required fields (optional
//! fields empty), and `From` for newtypes, root wrappers and single-field structs. `Default`
//! is derived where every field can be empty (see `plan`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::plan::{Field, FieldKind, Item, ItemKind, Occurs, Root, Struct};

use super::{simple, types, Ctx};

/// The constructors of one item (empty when it has none).
pub(super) fn item(cx: &Ctx, item: &Item) -> TokenStream {
    match &item.kind {
        ItemKind::Struct(s) => structure(cx, item, s),
        ItemKind::Newtype(n) => {
            let (inner, _) = simple::flatten(cx, n);
            let inner = types::ty(cx.plan, &inner);
            from(&item.name, inner, quote!(Self(value)))
        }
        _ => TokenStream::new(),
    }
}

/// `From` for a root wrapper newtype.
pub(super) fn wrapper(cx: &Ctx, r: &Root) -> TokenStream {
    match &r.wrapper {
        Some(w) => from(
            w,
            types::value(cx.plan, &r.ty, r.nillable, false),
            quote!(Self(value, Default::default())),
        ),
        None => TokenStream::new(),
    }
}

fn from(name: &str, inner: TokenStream, body: TokenStream) -> TokenStream {
    from_as(name, &quote!(value), inner, body)
}

/// `From<inner>` with the argument named `arg`.
fn from_as(name: &str, arg: &TokenStream, inner: TokenStream, body: TokenStream) -> TokenStream {
    let name = types::ident(name);
    quote! {
        impl From<#inner> for #name {
            fn from(#arg: #inner) -> Self {
                #body
            }
        }
    }
}

/// The field's Rust type, as `structs` declares it.
fn field_ty(cx: &Ctx, s: &Struct, f: &Field) -> TokenStream {
    match f.kind {
        FieldKind::AnyAttribute(_) => quote!(::xsd2rs_runtime::codec::AnyAttributes),
        FieldKind::Group if s.mixed => {
            let item = types::ty(cx.plan, &f.ty);
            quote!(Vec<::xsd2rs_runtime::codec::Mixed<#item>>)
        }
        _ => types::field(cx.plan, &f.ty, f.nillable, f.boxed, f.occurs),
    }
}

fn structure(cx: &Ctx, item: &Item, s: &Struct) -> TokenStream {
    let mut out = TokenStream::new();
    let xsi = types::ident(&s.xsi);
    // The `xs:all` order field, empty: schema order.
    let order = s.order.as_ref().map(|o| {
        let o = types::ident(o);
        quote!(#o: Default::default(),)
    });
    let required: Vec<&Field> = s
        .fields
        .iter()
        .filter(|f| f.occurs == Occurs::One)
        .collect();
    let plain = |f: &&Field| {
        let special =
            matches!(f.kind, FieldKind::AnyAttribute(_)) || (s.mixed && f.kind == FieldKind::Group);
        !special
    };
    if !required.is_empty() && required.iter().all(plain) {
        let name = types::ident(&item.name);
        let params = required.iter().map(|f| {
            let id = types::ident(&f.name);
            let ty = types::value(cx.plan, &f.ty, f.nillable, false);
            quote!(#id: impl Into<#ty>)
        });
        // With `Default` derived, the empty fields come from it.
        let inits = s.fields.iter().filter_map(|f| {
            let id = types::ident(&f.name);
            match f.occurs {
                Occurs::One if f.boxed => Some(quote!(#id: Box::new(#id.into()))),
                Occurs::One => Some(quote!(#id: #id.into())),
                _ if item.default => None,
                Occurs::Optional => Some(quote!(#id: None)),
                Occurs::Many => Some(quote!(#id: Default::default())),
            }
        });
        let rest = if item.default {
            quote!(..Default::default())
        } else {
            quote!(#order #xsi: Default::default())
        };
        let doc = if required.len() == s.fields.len() {
            format!(" A new [`{}`] from its fields.", item.name)
        } else {
            format!(
                " A new [`{}`] from its required fields; the optional ones are empty.",
                item.name
            )
        };
        let allow = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        out.extend(quote! {
            impl #name {
                #[doc = #doc]
                #allow
                pub fn new(#(#params),*) -> Self {
                    Self { #(#inits,)* #rest }
                }
            }
        });
    }
    if let [f] = s.fields.as_slice() {
        let id = types::ident(&f.name);
        let arg = quote!(#id);
        out.extend(from_as(
            &item.name,
            &arg,
            field_ty(cx, s, f),
            quote!(Self { #id, #order #xsi: Default::default() }),
        ));
    }
    out
}
