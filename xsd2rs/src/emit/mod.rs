//! Plan → token streams (`quote`). Generated code reaches the runtime only through absolute
//! paths (`::xsd2rs_runtime::...`) and is mostly declarations plus short calls into the codec:
//! the logic lives in the runtime, which keeps the output near 60 lines per schema type (more
//! for long enumerations).

mod constructors;
mod doc;
mod documents;
mod enums;
mod simple;
mod soap;
mod structs;
mod types;

pub use doc::sanitize as sanitize_doc;
/// Emits the one-call decoding enums (`Document`, `{Service}Input`, `{Service}Output`).
pub use documents::emit as emit_documents;
/// Emits the client structs, service traits and dispatcher functions of planned SOAP bindings.
pub use soap::emit as emit_services;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::plan::{ItemKind, Plan, Ty};

/// What every emitter needs: the plan and the namespace constants.
pub(crate) struct Ctx<'p> {
    plan: &'p Plan,
    ns: BTreeMap<&'p str, proc_macro2::Ident>,
}

impl Ctx<'_> {
    /// The expression for a namespace URI: its constant, or `""` for no namespace.
    fn ns(&self, uri: &str) -> TokenStream {
        match self.ns.get(uri) {
            Some(id) => quote!(#id),
            None => quote!(#uri),
        }
    }
}

/// Emits the items of a plan (no header; see [`crate::format`]).
pub fn emit(plan: &Plan) -> TokenStream {
    let mut out = TokenStream::new();
    let _ = emit_each(plan, |t| {
        out.extend(t);
        Ok::<(), std::convert::Infallible>(())
    });
    out
}

/// [`emit`] in pieces: `sink` receives the namespace constants, then each item (with its
/// constructors), then each root's impls, in the order [`emit`] concatenates them. A caller
/// that formats each piece as it comes ([`crate::format::Formatter`]) never holds the tokens
/// of the whole file; the first error of `sink` stops the emission.
pub fn emit_each<E>(plan: &Plan, sink: impl FnMut(TokenStream) -> Result<(), E>) -> Result<(), E> {
    emit_range(plan, 0..piece_count(plan), sink)
}

/// How many pieces [`emit_each`] gives `sink`: one for the namespace constants, one per
/// item, one per root (a root without impls gives none).
pub fn piece_count(plan: &Plan) -> usize {
    1 + plan.items.len() + plan.roots.len()
}

/// The pieces of [`emit_each`] whose numbers are in `range`, in order: emitting the ranges
/// of a partition of `0..piece_count(plan)` one after the other gives what [`emit_each`]
/// gives, so ranges can be emitted (and formatted) on separate threads.
pub fn emit_range<E>(
    plan: &Plan,
    range: std::ops::Range<usize>,
    mut sink: impl FnMut(TokenStream) -> Result<(), E>,
) -> Result<(), E> {
    let cx = Ctx {
        plan,
        ns: plan
            .namespaces
            .iter()
            .map(|(c, uri)| (uri.as_str(), types::ident(c)))
            .collect(),
    };
    let items = plan.items.len();
    for i in range {
        if i == 0 {
            let consts = plan.namespaces.iter().map(|(c, uri)| {
                let id = types::ident(c);
                let d = format!(" Namespace `{uri}`.");
                quote!(#[doc = #d] pub const #id: &str = #uri;)
            });
            sink(quote!(#(#consts)*))?;
        } else if let Some(item) = plan.items.get(i - 1) {
            sink(emit_item(&cx, item))?;
        } else if let Some(r) = plan.roots.get(i - 1 - items) {
            if let Some(t) = root(&cx, r) {
                sink(t)?;
            }
        }
    }
    Ok(())
}

/// One item and its constructors.
fn emit_item(cx: &Ctx, item: &crate::plan::Item) -> TokenStream {
    let tokens = match &item.kind {
        ItemKind::Struct(s) => structs::emit(cx, item, s),
        ItemKind::Choice(c) | ItemKind::Substitution(c) => enums::choice(cx, item, c),
        ItemKind::Polymorphic(c) => enums::polymorphic(cx, item, c),
        ItemKind::Enumeration(e) if simple::uses_namespaces(cx.plan, &e.base) => {
            simple::qname_enumeration(item, e)
        }
        ItemKind::Enumeration(e) => enums::enumeration(item, e),
        ItemKind::Newtype(n) => simple::newtype(cx, item, n),
        ItemKind::List(l) => simple::list(cx, item, l),
        ItemKind::Union(u) => enums::union(cx, item, u),
    };
    let c = constructors::item(cx, item);
    quote!(#tokens #c)
}

/// Whether values of `ty` are simple (`SimpleValue`: text only).
pub(crate) fn simple_ty(cx: &Ctx, ty: &Ty) -> bool {
    match ty {
        Ty::Builtin(b) => *b != crate::model::Builtin::AnyType,
        Ty::Item(id) => matches!(
            cx.plan.item(*id).map(|i| &i.kind),
            Some(
                ItemKind::Enumeration(_)
                    | ItemKind::Newtype(_)
                    | ItemKind::List(_)
                    | ItemKind::Union(_)
            )
        ),
        Ty::Raw => false,
    }
}

/// `XmlRoot` for a global element: on its struct, or on a wrapper newtype.
fn root(cx: &Ctx, r: &crate::plan::Root) -> Option<TokenStream> {
    if let Ty::Item(id) = &r.ty {
        if matches!(
            cx.plan.item(*id).map(|i| &i.kind),
            Some(ItemKind::Choice(_)) | Some(ItemKind::Substitution(_))
        ) {
            return None;
        }
    }
    let ns = cx.ns(&r.xml.ns);
    let local = &r.xml.local;
    let root_impl = |name: &proc_macro2::Ident| {
        quote! {
            impl ::xsd2rs_runtime::codec::XmlRoot for #name {
                const NS: &'static str = #ns;
                const NAME: &'static str = #local;
            }
        }
    };
    match &r.wrapper {
        None => {
            let name = types::ident(
                &cx.plan
                    .item(match &r.ty {
                        Ty::Item(id) => *id,
                        _ => return None,
                    })?
                    .name,
            );
            Some(root_impl(&name))
        }
        Some(w) => {
            let name = types::ident(w);
            let inner = types::value(cx.plan, &r.ty, r.nillable, false);
            let d = format!(" The document element `{local}`.");
            let imp = root_impl(&name);
            let from = constructors::wrapper(cx, r);
            let empty = r
                .default
                .as_ref()
                .or(r.fixed.as_ref())
                .map(|v| quote!(r.empty_is(#v);));
            // A fixed value of a plain simple type is checked, and written as the schema does.
            let fixed = r
                .fixed
                .as_ref()
                .filter(|_| !r.nillable && simple_ty(cx, &r.ty));
            let check = fixed.map(|v| quote!(r.check_fixed_value(&v, #v)?;));
            let write = match fixed {
                Some(v) if !r.fixed_ns.is_empty() => {
                    let b = bindings(&r.fixed_ns);
                    quote!(w.text_fixed_in(&self.0, #v, #b))
                }
                Some(v) => quote!(w.text_fixed(&self.0, #v)),
                None => quote!(self.0.to_xml(w)),
            };
            Some(quote! {
                #[doc = #d]
                #[derive(Debug, Clone, PartialEq)]
                pub struct #name(
                    pub #inner,
                    /// The element's `xsi:*` attributes, as read (those the value does not keep).
                    pub ::xsd2rs_runtime::codec::Xsi,
                );

                impl ::xsd2rs_runtime::codec::FromXml for #name {
                    fn from_xml(r: &mut ::xsd2rs_runtime::codec::XmlReader<'_>)
                        -> Result<Self, ::xsd2rs_runtime::codec::DecodeError> {
                        #empty
                        let v = ::xsd2rs_runtime::codec::FromXml::from_xml(r)?;
                        #check
                        Ok(Self(v, r.xsi()?))
                    }
                }

                impl ::xsd2rs_runtime::codec::ToXml for #name {
                    fn to_xml(&self, w: &mut ::xsd2rs_runtime::codec::XmlWriter)
                        -> Result<(), ::xsd2rs_runtime::codec::EncodeError> {
                        w.xsi(&self.1)?;
                        #write
                    }
                }

                #imp
                #from
            })
        }
    }
}

/// A `fixed` value's namespace bindings as a `&[(prefix, uri)]` literal.
fn bindings(pairs: &[(String, String)]) -> TokenStream {
    let items = pairs.iter().map(|(p, u)| quote!((#p, #u)));
    quote!(&[#(#items),*])
}
