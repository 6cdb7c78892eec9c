//! Newtypes over restricted simple types, and lists.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, types, Ctx};
use crate::model::{Builtin, Facets, WhiteSpace};
use crate::plan::{Enumeration, Item, ItemKind, List, Newtype, Plan, Ty};

/// Whether values of `ty` hold QNames, which are read and written in the scope of their
/// element: such simple types forward `parse_in` / `write_in` (the defaults ignore the scope).
pub(crate) fn uses_namespaces(plan: &Plan, ty: &Ty) -> bool {
    fn go(plan: &Plan, ty: &Ty, depth: usize) -> bool {
        if depth > 64 {
            return false;
        }
        match ty {
            Ty::Builtin(b) => matches!(b, Builtin::QName | Builtin::Notation),
            Ty::Item(id) => match plan.item(*id).map(|i| &i.kind) {
                Some(ItemKind::Newtype(n)) => go(plan, &n.inner, depth + 1),
                Some(ItemKind::List(l)) => go(plan, &l.item, depth + 1),
                Some(ItemKind::Enumeration(e)) => go(plan, &e.base, depth + 1),
                Some(ItemKind::Union(u)) => u.members.iter().any(|(_, t)| go(plan, t, depth + 1)),
                _ => false,
            },
            Ty::Raw => false,
        }
    }
    go(plan, ty, 0)
}

/// Whether the values of `ty` are QName or NOTATION values (the type or a restriction of it,
/// through newtypes and enumerations; not a list or union of them). Length facets do not
/// constrain such values (XSD 1.0 second edition errata, XSD 1.1).
fn qname_valued(plan: &Plan, ty: &Ty) -> bool {
    let mut ty = ty.clone();
    for _ in 0..64 {
        ty = match &ty {
            Ty::Builtin(b) => return matches!(b, Builtin::QName | Builtin::Notation),
            Ty::Item(id) => match plan.item(*id).map(|i| &i.kind) {
                Some(ItemKind::Newtype(n)) => n.inner.clone(),
                Some(ItemKind::Enumeration(e)) => e.base.clone(),
                _ => return false,
            },
            Ty::Raw => return false,
        };
    }
    false
}

/// `parse_in` / `write_in` of a newtype whose inner value holds QNames; `parse` is the body
/// of `parse_in` (with `text` and `scope` in scope).
fn scoped(parse: TokenStream) -> TokenStream {
    quote! {
        fn parse_in(text: &str, scope: &dyn ::xsd2rs_runtime::NamespaceScope)
            -> Result<Self, ::xsd2rs_runtime::ValueError> {
            #parse
        }

        fn write_in(&self, out: &mut String, scope: &mut dyn ::xsd2rs_runtime::PrefixScope) {
            self.0.write_in(out, scope)
        }
    }
}

/// Follows a chain of newtypes down to a type that implements `FacetValue`, merging facets
/// (derived steps override bounds; patterns of every step must hold). `None` when the chain
/// ends in a generated enum or union, whose values facets cannot measure.
pub(super) fn flatten(cx: &Ctx, n: &Newtype) -> (Ty, Option<Facets>) {
    let mut steps = vec![&n.facets];
    let mut inner = n.inner.clone();
    let mut guard = 0;
    while let Ty::Item(id) = &inner {
        guard += 1;
        match cx.plan.item(*id).map(|i| &i.kind) {
            Some(ItemKind::Newtype(b)) if guard < 64 => {
                steps.push(&b.facets);
                inner = b.inner.clone();
            }
            Some(ItemKind::List(l)) if l.facets == Facets::default() => break,
            _ => return (n.inner.clone(), None),
        }
    }
    let mut merged = Facets::default();
    let mut patterns = Vec::new();
    for f in steps.iter().rev() {
        macro_rules! over {
            ($($f:ident),*) => { $( if f.$f.is_some() { merged.$f = f.$f.clone(); } )* };
        }
        over!(
            length,
            min_length,
            max_length,
            min_inclusive,
            max_inclusive,
            min_exclusive,
            max_exclusive,
            total_digits,
            fraction_digits,
            white_space
        );
        if !f.patterns.is_empty() {
            let alts: Vec<String> = f.patterns.iter().map(|p| format!("({p})")).collect();
            patterns.push(if alts.len() == 1 {
                f.patterns[0].clone()
            } else {
                alts.join("|")
            });
        }
    }
    merged.patterns = patterns;
    (inner, Some(merged))
}

/// The facets of a restriction of an enumeration or union that measure the lexical form
/// (length, minLength, maxLength, pattern). Range and digit facets on such a type are not
/// checked: the value of a union member has no single order; an enumeration restriction's
/// `xs:enumeration` facets are its own listed values (an `Enumeration` item, not a newtype).
fn lexical(f: &Facets) -> Facets {
    let mut patterns = Vec::new();
    if !f.patterns.is_empty() {
        let alts: Vec<String> = f.patterns.iter().map(|p| format!("({p})")).collect();
        patterns.push(if alts.len() == 1 {
            f.patterns[0].clone()
        } else {
            alts.join("|")
        });
    }
    Facets {
        length: f.length,
        min_length: f.min_length,
        max_length: f.max_length,
        patterns,
        ..Facets::default()
    }
}

/// [`lexical`] of a newtype over an enumeration or union, without the length facets when its
/// values are QNames or NOTATIONs (which they do not constrain).
fn lexical_of(cx: &Ctx, n: &Newtype) -> Facets {
    let mut f = lexical(&n.facets);
    if qname_valued(cx.plan, &n.inner) {
        f.length = None;
        f.min_length = None;
        f.max_length = None;
    }
    f
}

/// `::xsd2rs_runtime::facets::Facets { .., ..NONE }`.
fn facets_expr(f: &Facets) -> TokenStream {
    let mut parts = Vec::new();
    let num = |name: &str, v: Option<u64>| {
        v.map(|v| {
            let id = quote::format_ident!("{}", name);
            quote!(#id: Some(#v),)
        })
    };
    parts.extend(num("length", f.length));
    parts.extend(num("min_length", f.min_length));
    parts.extend(num("max_length", f.max_length));
    if !f.patterns.is_empty() {
        let ps = &f.patterns;
        parts.push(quote!(patterns: &[#(#ps),*],));
    }
    for (name, v) in [
        ("min_inclusive", &f.min_inclusive),
        ("max_inclusive", &f.max_inclusive),
        ("min_exclusive", &f.min_exclusive),
        ("max_exclusive", &f.max_exclusive),
    ] {
        if let Some(v) = v {
            let id = quote::format_ident!("{}", name);
            parts.push(quote!(#id: Some(#v),));
        }
    }
    if let Some(d) = f.total_digits {
        parts.push(quote!(total_digits: Some(#d),));
    }
    if let Some(d) = f.fraction_digits {
        parts.push(quote!(fraction_digits: Some(#d),));
    }
    if let Some(ws) = f.white_space {
        let v = match ws {
            WhiteSpace::Preserve => quote!(Preserve),
            WhiteSpace::Replace => quote!(Replace),
            WhiteSpace::Collapse => quote!(Collapse),
        };
        parts.push(quote!(white_space: Some(::xsd2rs_runtime::facets::WhiteSpace::#v),));
    }
    quote!(::xsd2rs_runtime::facets::Facets { #(#parts)* ..::xsd2rs_runtime::facets::Facets::NONE })
}

/// A newtype over a restricted simple type; facets checked when reading and writing.
pub fn newtype(cx: &Ctx, item: &Item, n: &Newtype) -> TokenStream {
    let name = types::ident(&item.name);
    let docs = doc::attrs(&item.doc);
    let (inner, facets) = flatten(cx, n);
    let inner_ty = types::ty(cx.plan, &inner);
    let derive = if item.default {
        quote!(#[derive(Debug, Clone, PartialEq, Default)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq)])
    };
    // Patterns over a type that may not keep its lexical form: write a form they accept.
    let mut write = quote!(self.0.write_text(out));
    let qnames = uses_namespaces(cx.plan, &n.inner);
    let (consts, parse, check, parse_in) = match facets {
        Some(f) if f != Facets::default() => {
            let fx = facets_expr(&f);
            if !f.patterns.is_empty() {
                write = quote!(::xsd2rs_runtime::facets::write_lexical(
                    &Self::FACETS,
                    &self.0,
                    out
                ));
            }
            (
                quote! {
                    impl #name {
                        /// The facets of this restriction.
                        pub const FACETS: ::xsd2rs_runtime::facets::Facets = #fx;
                    }
                },
                quote!(::xsd2rs_runtime::facets::parse_checked(&Self::FACETS, text).map(Self)),
                quote! {
                    fn check(&self) -> Result<(), ::xsd2rs_runtime::ValueError> {
                        Self::FACETS.check(&self.0)?;
                        self.0.check()
                    }
                },
                quote!(
                    ::xsd2rs_runtime::facets::parse_checked_in(&Self::FACETS, text, scope)
                        .map(Self)
                ),
            )
        }
        None if lexical_of(cx, n) != Facets::default() => {
            // Over an enumeration or union: the lexical facets hold on the text as read, and
            // on the written form.
            let fx = facets_expr(&lexical_of(cx, n));
            (
                quote! {
                    impl #name {
                        /// The lexical facets of this restriction (checked on the written form).
                        pub const FACETS: ::xsd2rs_runtime::facets::Facets = #fx;
                    }
                },
                quote! {
                    ::xsd2rs_runtime::facets::check_lexical(&Self::FACETS, text)?;
                    let v = Self(::xsd2rs_runtime::SimpleValue::parse_text(text)?);
                    v.0.check().map(|()| v)
                },
                quote! {
                    fn check(&self) -> Result<(), ::xsd2rs_runtime::ValueError> {
                        let mut s = String::new();
                        self.0.write_text(&mut s);
                        Self::FACETS.check(&s)?;
                        self.0.check()
                    }
                },
                quote! {
                    ::xsd2rs_runtime::facets::check_lexical(&Self::FACETS, text)?;
                    let v = Self(::xsd2rs_runtime::SimpleValue::parse_in(text, scope)?);
                    v.0.check().map(|()| v)
                },
            )
        }
        _ => (
            quote!(),
            quote!(::xsd2rs_runtime::SimpleValue::parse_text(text).map(Self)),
            quote! {
                fn check(&self) -> Result<(), ::xsd2rs_runtime::ValueError> {
                    self.0.check()
                }
            },
            quote!(::xsd2rs_runtime::SimpleValue::parse_in(text, scope).map(Self)),
        ),
    };
    let scoped_methods = if qnames { scoped(parse_in) } else { quote!() };
    quote! {
        #docs
        #derive
        pub struct #name(pub #inner_ty);

        #consts

        impl ::xsd2rs_runtime::SimpleValue for #name {
            fn parse_text(text: &str) -> Result<Self, ::xsd2rs_runtime::ValueError> {
                #parse
            }

            fn write_text(&self, out: &mut String) {
                #write
            }

            #check

            #scoped_methods
        }
    }
}

/// A list: an alias of the runtime `List<T>`, or a newtype when the list has facets.
pub fn list(cx: &Ctx, item: &Item, l: &List) -> TokenStream {
    let name = types::ident(&item.name);
    let docs = doc::attrs(&item.doc);
    let it = types::ty(cx.plan, &l.item);
    if l.facets == Facets::default() {
        return quote! {
            #docs
            pub type #name = ::xsd2rs_runtime::types::List<#it>;
        };
    }
    let fx = facets_expr(&l.facets);
    let scoped_methods = if uses_namespaces(cx.plan, &l.item) {
        scoped(quote!(::xsd2rs_runtime::facets::parse_checked_in(
            &Self::FACETS,
            text,
            scope
        )
        .map(Self)))
    } else {
        quote!()
    };
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct #name(pub ::xsd2rs_runtime::types::List<#it>);

        impl #name {
            /// The facets of this list type.
            pub const FACETS: ::xsd2rs_runtime::facets::Facets = #fx;
        }

        impl ::xsd2rs_runtime::SimpleValue for #name {
            fn parse_text(text: &str) -> Result<Self, ::xsd2rs_runtime::ValueError> {
                ::xsd2rs_runtime::facets::parse_checked(&Self::FACETS, text).map(Self)
            }

            fn write_text(&self, out: &mut String) {
                self.0.write_text(out)
            }

            fn check(&self) -> Result<(), ::xsd2rs_runtime::ValueError> {
                Self::FACETS.check(&self.0)?;
                self.0.check()
            }

            #scoped_methods
        }
    }
}

/// An enumeration of QNames: values compared by namespace and local name (`{ns}local` in the
/// plan), read in the scope of their element and written with a declared prefix; the
/// fallback keeps an unlisted name resolved.
pub fn qname_enumeration(item: &Item, e: &Enumeration) -> TokenStream {
    let name = types::ident(&item.name);
    let docs = doc::attrs(&item.doc);
    let fb = types::ident(&e.fallback);
    let variants = e.values.iter().map(|(v, _, d)| {
        let vn = types::ident(v);
        let vdoc = d.as_deref().map(doc::attrs);
        quote!(#vdoc #vn,)
    });
    let table = e.values.iter().map(|(v, lex, _)| {
        let vn = types::ident(v);
        let (ns, local) = match lex.strip_prefix('{').and_then(|r| r.split_once('}')) {
            Some((ns, local)) => (ns.to_string(), local.to_string()),
            None => (String::new(), lex.clone()),
        };
        quote!((#ns, #local, Self::#vn),)
    });
    let qn = quote!(::xsd2rs_runtime::types::QName);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[allow(clippy::enum_variant_names, missing_docs)]
        pub enum #name {
            #(#variants)*
            /// A name the schema does not list (kept as read).
            #fb(#qn),
        }

        impl #name {
            /// The listed values: (namespace, local name, value).
            pub const VALUES: &'static [(&'static str, &'static str, Self)] = &[#(#table)*];

            fn from_name(q: #qn) -> Self {
                Self::VALUES
                    .iter()
                    .find(|(ns, l, _)| q.namespace() == Some(*ns) && q.local_name() == *l)
                    .map_or_else(|| Self::#fb(q), |(_, _, v)| v.clone())
            }

            /// The (namespace, local name) of a listed value.
            pub fn name(&self) -> Option<(&'static str, &'static str)> {
                Self::VALUES.iter().find(|(_, _, x)| x == self).map(|(ns, l, _)| (*ns, *l))
            }
        }

        impl ::xsd2rs_runtime::SimpleValue for #name {
            fn parse_text(text: &str) -> Result<Self, ::xsd2rs_runtime::ValueError> {
                Self::parse_in(text, &::xsd2rs_runtime::NoScope)
            }

            /// Without a scope a listed name is written `{namespace}local`.
            fn write_text(&self, out: &mut String) {
                match (self, self.name()) {
                    (Self::#fb(q), _) => q.write_text(out),
                    (_, Some((ns, l))) if !ns.is_empty() => out.push_str(&format!("{{{ns}}}{l}")),
                    (_, Some((_, l))) => out.push_str(l),
                    (_, None) => {}
                }
            }

            fn parse_in(text: &str, scope: &dyn ::xsd2rs_runtime::NamespaceScope)
                -> Result<Self, ::xsd2rs_runtime::ValueError> {
                <#qn as ::xsd2rs_runtime::SimpleValue>::parse_in(text, scope).map(Self::from_name)
            }

            fn write_in(&self, out: &mut String, scope: &mut dyn ::xsd2rs_runtime::PrefixScope) {
                match (self, self.name()) {
                    (Self::#fb(q), _) => q.write_in(out, scope),
                    (_, Some((ns, l))) => {
                        if let Some(p) = scope.prefix_for(ns) {
                            out.push_str(&p);
                            out.push(':');
                        }
                        out.push_str(l);
                    }
                    (_, None) => {}
                }
            }
        }
    }
}
