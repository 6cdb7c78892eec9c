//! Structs: declaration plus `FromXml` / `ToXml`.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc, types, Ctx};
use crate::plan::{Field, FieldKind, Item, ItemKind, Namespaces, Occurs, Struct, Ty};

/// A struct item.
pub fn emit(cx: &Ctx, item: &Item, s: &Struct) -> TokenStream {
    let name = types::ident(&item.name);
    let docs = doc::attrs(&item.doc);
    let derive = if item.default {
        quote!(#[derive(Debug, Clone, PartialEq, Default)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq)])
    };
    let fields = s.fields.iter().map(|f| {
        let fname = types::ident(&f.name);
        let mut fty = match f.kind {
            FieldKind::AnyAttribute(_) => quote!(::xsd2rs_runtime::codec::AnyAttributes),
            _ => types::field(cx.plan, &f.ty, f.nillable, f.boxed, f.occurs),
        };
        if s.mixed && f.kind == FieldKind::Group {
            let item = types::ty(cx.plan, &f.ty);
            fty = quote!(Vec<::xsd2rs_runtime::codec::Mixed<#item>>);
        }
        let fdoc = doc::attrs(&field_doc(f));
        quote!(#fdoc pub #fname: #fty,)
    });
    let decode = decode(cx, s);
    let encode = encode(cx, s);
    let accessors = defaults(cx, s);
    let accessors = (!accessors.is_empty()).then(|| quote!(impl #name { #(#accessors)* }));
    let xsi = types::ident(&s.xsi);
    let order = s.order.as_ref().map(|o| {
        let o = types::ident(o);
        quote! {
            /// The order the children were read in (`xs:all`), in which they are written back.
            pub #o: ::xsd2rs_runtime::codec::Order,
        }
    });
    quote! {
        #docs
        #derive
        pub struct #name {
            #(#fields)*
            #order
            /// `xsi:*` attributes of the element and of its simple-typed children, as read.
            pub #xsi: ::xsd2rs_runtime::codec::Xsi,
        }

        #accessors

        impl ::xsd2rs_runtime::codec::FromXml for #name {
            fn from_xml(r: &mut ::xsd2rs_runtime::codec::XmlReader<'_>)
                -> Result<Self, ::xsd2rs_runtime::codec::DecodeError> { #decode }
        }

        impl ::xsd2rs_runtime::codec::ToXml for #name {
            fn to_xml(&self, w: &mut ::xsd2rs_runtime::codec::XmlWriter)
                -> Result<(), ::xsd2rs_runtime::codec::EncodeError> { #encode }
        }
    }
}

/// `{field}_or_default()` for optional attributes with a schema `default` or `fixed` value.
fn defaults(cx: &Ctx, s: &Struct) -> Vec<TokenStream> {
    s.fields
        .iter()
        .filter(|f| matches!(f.kind, FieldKind::Attribute(_)) && f.occurs == Occurs::Optional)
        .filter_map(|f| {
            let v = f.default.as_ref().or(f.fixed.as_ref())?;
            let fname = types::ident(&f.name);
            let m = format_ident!("{}_or_default", f.name.trim_start_matches("r#"));
            let ty = types::ty(cx.plan, &f.ty);
            let d = format!(
                " `{}`, or the schema's value {} when absent (an error only if that value does not fit the type).",
                f.name.trim_start_matches("r#"),
                doc::code(v)
            );
            Some(quote! {
                #[doc = #d]
                pub fn #m(&self) -> Result<::std::borrow::Cow<'_, #ty>, ::xsd2rs_runtime::ValueError> {
                    ::xsd2rs_runtime::codec::or_default(&self.#fname, #v)
                }
            })
        })
        .collect()
}

fn field_doc(f: &Field) -> String {
    let mut d = match &f.doc {
        Some(t) => t.clone(),
        None => match &f.kind {
            FieldKind::Attribute(q) => format!("The `{}` attribute.", q.local),
            FieldKind::Element(q) => format!("The `{}` element.", q.local),
            FieldKind::Text => "The text content.".into(),
            FieldKind::Group => "The chosen elements, in document order.".into(),
            FieldKind::Any(_) => "Elements of a wildcard, kept raw.".into(),
            FieldKind::AnyAttribute(_) => {
                "Attributes matched by the `xs:anyAttribute` wildcard, in document order.".into()
            }
        },
    };
    if let Some(v) = &f.default {
        let when = match f.kind {
            FieldKind::Element(_) => "of an empty element",
            _ => "when absent",
        };
        d.push_str(&format!("\n\nSchema default {when}: {}.", doc::code(v)));
    }
    if let Some(v) = &f.fixed {
        d.push_str(&format!("\n\nSchema fixed value: {}.", doc::code(v)));
    }
    d
}

/// True for a field holding child elements (numbered from 0 in an `xs:all` order).
fn is_child(f: &Field) -> bool {
    matches!(
        f.kind,
        FieldKind::Element(_) | FieldKind::Group | FieldKind::Any(_)
    )
}

fn local(f: &Field) -> proc_macro2::Ident {
    format_ident!("f_{}", f.name.trim_start_matches("r#"))
}

/// True if the field's type is an enum whose variants are elements (choice, substitution).
fn is_enum(cx: &Ctx, f: &Field) -> bool {
    match &f.ty {
        Ty::Item(id) => matches!(
            cx.plan.item(*id).map(|i| &i.kind),
            Some(ItemKind::Choice(_)) | Some(ItemKind::Substitution(_))
        ),
        _ => false,
    }
}

fn decode(cx: &Ctx, s: &Struct) -> TokenStream {
    let mut lets = Vec::new();
    let mut arms = Vec::new();
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    let mut wildcard: Option<TokenStream> = None;
    let mut text = None;
    // Mixed content: the loop collects text into the content field.
    let mixed = s
        .fields
        .iter()
        .find(|f| s.mixed && f.kind == FieldKind::Group)
        .map(local);
    // `xs:all`: each arm records the child field it fills (numbered from 0), in `order`.
    let mut child = 0u32;
    for f in &s.fields {
        let l = local(f);
        let rcv = match s.order {
            Some(_) if is_child(f) => {
                let k = proc_macro2::Literal::u32_unsuffixed(child);
                child += 1;
                quote!(order.record(#k, r))
            }
            _ => quote!(r),
        };
        match &f.kind {
            FieldKind::Attribute(q) => {
                let ns = cx.ns(&q.ns);
                let n = &q.local;
                let (call, opt) = if f.occurs == Occurs::One {
                    (quote!(r.req_attr(#ns, #n)?), quote!(Some(&#l)))
                } else {
                    (quote!(r.attr(#ns, #n)?), quote!(#l.as_ref()))
                };
                lets.push(quote!(let #l = #call;));
                if let Some(v) = &f.fixed {
                    lets.push(quote!(r.check_fixed(#opt, #v, #n)?;));
                }
            }
            FieldKind::Text => text = Some(quote!(let #l = r.text()?;)),
            FieldKind::AnyAttribute(allowed) => {
                let allowed = namespaces(allowed);
                lets.push(quote!(let #l = r.any_attrs(#allowed)?;));
            }
            _ => {
                let init = if f.occurs == Occurs::Many {
                    quote!(Vec::new())
                } else {
                    quote!(None)
                };
                lets.push(quote!(let mut #l = #init;));
            }
        }
        let many = f.occurs == Occurs::Many;
        match &f.kind {
            FieldKind::Element(q) if !is_enum(cx, f) => {
                let call = read_element(cx, f, &rcv);
                if seen.insert((q.ns.clone(), q.local.clone())) {
                    let ns = cx.ns(&q.ns);
                    let n = &q.local;
                    arms.push(quote!((#ns, #n) => #call,));
                }
            }
            FieldKind::Element(_) | FieldKind::Group => {
                let Ty::Item(id) = &f.ty else { continue };
                let Some(item) = cx.plan.item(*id) else {
                    continue;
                };
                let (ItemKind::Choice(c) | ItemKind::Substitution(c)) = &item.kind else {
                    continue;
                };
                let en = types::ident(&item.name);
                let how = |ctor: TokenStream| {
                    if s.mixed && f.kind == FieldKind::Group {
                        quote!(#rcv.push_mixed(&mut #l, #ctor)?)
                    } else if many {
                        quote!(#rcv.push_as(&mut #l, #ctor)?)
                    } else {
                        quote!(#rcv.read_as(&mut #l, #ctor)?)
                    }
                };
                for v in &c.variants {
                    let vn = types::ident(&v.name);
                    let ctor = if v.boxed {
                        quote!(|v| #en::#vn(Box::new(v)))
                    } else {
                        quote!(#en::#vn)
                    };
                    match &v.xml {
                        Some(q) => {
                            if seen.insert((q.ns.clone(), q.local.clone())) {
                                let ns = cx.ns(&q.ns);
                                let n = &q.local;
                                let call = how(ctor);
                                arms.push(quote!((#ns, #n) => #call,));
                            }
                        }
                        None => {
                            if wildcard.is_none() {
                                wildcard = Some(how(ctor));
                            }
                        }
                    }
                }
                if let (Some(fb), None) = (&c.fallback, &wildcard) {
                    let vn = types::ident(fb);
                    wildcard = Some(how(quote!(#en::#vn)));
                }
            }
            FieldKind::Any(_) => {
                let call = if many {
                    quote!(#rcv.read_push(&mut #l)?)
                } else {
                    quote!(#rcv.read(&mut #l)?)
                };
                wildcard.get_or_insert(call);
            }
            _ => {}
        }
    }
    let inits = s.fields.iter().map(|f| {
        let fname = types::ident(&f.name);
        let l = local(f);
        let required =
            f.occurs == Occurs::One && !matches!(f.kind, FieldKind::Attribute(_) | FieldKind::Text);
        let boxed_elem = f.boxed && matches!(f.kind, FieldKind::Element(_)) && !is_enum(cx, f);
        match (required, boxed_elem) {
            (true, false) => {
                let what = required_name(cx, f);
                quote!(#fname: r.required(#l, #what)?,)
            }
            (true, true) => {
                let what = required_name(cx, f);
                quote!(#fname: Box::new(r.required(#l, #what)?),)
            }
            (false, true) if f.occurs == Occurs::Optional => quote!(#fname: #l.map(Box::new),),
            _ => quote!(#fname: #l,),
        }
    });
    let next = match &mixed {
        Some(l) => quote!(r.next_mixed(&mut #l)?),
        None => quote!(r.next_child()?),
    };
    let body = match (text, arms.is_empty(), wildcard) {
        (Some(t), _, _) => t,
        (None, true, w) => {
            let call = w.unwrap_or(quote!(r.unknown()?));
            quote! {
                while #next.is_some() {
                    #call;
                }
            }
        }
        (None, _, w) => {
            let last = w.unwrap_or(quote!(r.unknown()?));
            quote! {
                while let Some(child) = #next {
                    match child {
                        #(#arms)*
                        _ => #last,
                    }
                }
            }
        }
    };
    let body = if positional(cx, s) {
        positional_body(cx, s)
    } else {
        body
    };
    let xsi = types::ident(&s.xsi);
    let order_init = s
        .order
        .as_ref()
        .map(|_| quote!(let mut order = ::xsd2rs_runtime::codec::Order::default();));
    let order = s.order.as_deref().map(|o| match o {
        "order" => quote!(order,),
        o => {
            let o = types::ident(o);
            quote!(#o: order,)
        }
    });
    quote! {
        #(#lets)*
        #order_init
        #body
        Ok(Self { #(#inits)* #order #xsi: r.xsi()?, })
    }
}

/// The call reading an element field's child (on `r`: the reader, or the reader after the
/// field was recorded in an `xs:all` order): with the schema's `default` / `fixed` value
/// applied to an empty element, and a `fixed` value of a simple type checked.
fn read_element(cx: &Ctx, f: &Field, r: &TokenStream) -> TokenStream {
    let l = local(f);
    let many = f.occurs == Occurs::Many;
    match (&f.fixed, &f.default) {
        (Some(v), _) if fixed_checked(cx, f) => {
            if many {
                quote!(#r.push_fixed(&mut #l, #v)?)
            } else {
                quote!(#r.read_fixed(&mut #l, #v)?)
            }
        }
        (Some(v), _) | (None, Some(v)) => {
            if many {
                quote!(#r.push_or(&mut #l, #v)?)
            } else {
                quote!(#r.read_or(&mut #l, #v)?)
            }
        }
        (None, None) if many => quote!(#r.read_push(&mut #l)?),
        (None, None) => quote!(#r.read(&mut #l)?),
    }
}

/// Whether an element field's `fixed` value is checked on read and written as the schema
/// writes it: a plain (not nillable, not boxed) simple value.
fn fixed_checked(cx: &Ctx, f: &Field) -> bool {
    f.fixed.is_some() && !f.nillable && !f.boxed && super::simple_ty(cx, &f.ty)
}

/// The choice or substitution enum a field holds, if any.
fn choice_of<'p>(cx: &'p Ctx, f: &Field) -> Option<(&'p Item, &'p crate::plan::Choice)> {
    let Ty::Item(id) = &f.ty else { return None };
    let item = cx.plan.item(*id)?;
    match &item.kind {
        ItemKind::Choice(c) | ItemKind::Substitution(c) => Some((item, c)),
        _ => None,
    }
}

/// Whether children must be matched by their position in the content model, not by name
/// alone: a wildcard beside other particles, several wildcards, or one element name in
/// several fields (see `codec::Particle`).
fn positional(cx: &Ctx, s: &Struct) -> bool {
    if s.all || s.mixed || s.fields.iter().any(|f| f.kind == FieldKind::Text) {
        return false;
    }
    let mut names: BTreeSet<(&str, &str)> = BTreeSet::new();
    let (mut wild, mut particles, mut dup) = (0, 0, false);
    for f in &s.fields {
        match &f.kind {
            FieldKind::Element(q) if !is_enum(cx, f) => {
                particles += 1;
                dup |= !names.insert((&q.ns, &q.local));
            }
            FieldKind::Element(_) | FieldKind::Group => {
                for v in choice_of(cx, f).map_or(&[][..], |(_, c)| &c.variants) {
                    particles += 1;
                    match &v.xml {
                        Some(q) => dup |= !names.insert((&q.ns, &q.local)),
                        None => wild += 1,
                    }
                }
            }
            FieldKind::Any(_) => {
                particles += 1;
                wild += 1;
            }
            _ => {}
        }
    }
    dup || wild > 1 || (wild == 1 && particles > 1)
}

/// The child loop of a positional struct: a table of its particles in schema order and one
/// arm per particle index.
fn positional_body(cx: &Ctx, s: &Struct) -> TokenStream {
    let mut parts: Vec<TokenStream> = Vec::new();
    let mut arms: Vec<TokenStream> = Vec::new();
    let mut add = |part: TokenStream, call: TokenStream| {
        let i = proc_macro2::Literal::usize_unsuffixed(parts.len());
        parts.push(part);
        arms.push(quote!(#i => #call,));
    };
    for (fi, f) in s.fields.iter().enumerate() {
        let l = local(f);
        let many = f.occurs == Occurs::Many;
        let field = proc_macro2::Literal::usize_unsuffixed(fi);
        match &f.kind {
            FieldKind::Element(q) if !is_enum(cx, f) => {
                let (ns, n) = (cx.ns(&q.ns), &q.local);
                let call = read_element(cx, f, &quote!(r));
                add(quote!(P::element(#field, #many, #ns, #n)), call);
            }
            FieldKind::Element(_) | FieldKind::Group => {
                let Some((item, c)) = choice_of(cx, f) else {
                    continue;
                };
                let en = types::ident(&item.name);
                let how = |ctor: TokenStream| {
                    if many {
                        quote!(r.push_as(&mut #l, #ctor)?)
                    } else {
                        quote!(r.read_as(&mut #l, #ctor)?)
                    }
                };
                for v in &c.variants {
                    let vn = types::ident(&v.name);
                    let ctor = if v.boxed {
                        quote!(|v| #en::#vn(Box::new(v)))
                    } else {
                        quote!(#en::#vn)
                    };
                    let part = match &v.xml {
                        Some(q) => {
                            let (ns, n) = (cx.ns(&q.ns), &q.local);
                            quote!(P::element(#field, #many, #ns, #n))
                        }
                        None => {
                            let allowed =
                                namespaces(v.wildcard.as_ref().unwrap_or(&Namespaces::Any));
                            quote!(P::any(#field, #many, #allowed))
                        }
                    };
                    add(part, how(ctor));
                }
                if let Some(fb) = &c.fallback {
                    let vn = types::ident(fb);
                    add(quote!(P::fallback(#field, #many)), how(quote!(#en::#vn)));
                }
            }
            FieldKind::Any(allowed) => {
                let allowed = namespaces(allowed);
                let call = if many {
                    quote!(r.read_push(&mut #l)?)
                } else {
                    quote!(r.read(&mut #l)?)
                };
                add(quote!(P::any(#field, #many, #allowed)), call);
            }
            _ => {}
        }
    }
    quote! {
        use ::xsd2rs_runtime::codec::Particle as P;
        const MODEL: &[P] = &[#(#parts),*];
        let mut at = ::xsd2rs_runtime::codec::Cursor::default();
        while let Some(i) = r.next_particle(MODEL, &mut at)? {
            match i {
                #(#arms)*
                _ => r.unknown()?,
            }
        }
    }
}

/// A wildcard's namespace constraint as a `codec::Namespaces` value.
fn namespaces(ns: &Namespaces) -> TokenStream {
    let codec = quote!(::xsd2rs_runtime::codec::Namespaces);
    match ns {
        Namespaces::Any => quote!(#codec::Any),
        Namespaces::Other(t) => quote!(#codec::Other(#t)),
        Namespaces::List(l) => quote!(#codec::List(&[#(#l),*])),
    }
}

fn required_name(cx: &Ctx, f: &Field) -> String {
    match &f.kind {
        FieldKind::Element(q) => q.local.clone(),
        _ => match &f.ty {
            Ty::Item(id) => match cx.plan.item(*id).map(|i| &i.kind) {
                Some(ItemKind::Choice(c)) | Some(ItemKind::Substitution(c)) => c
                    .variants
                    .iter()
                    .filter_map(|v| v.xml.as_ref().map(|q| q.local.as_str()))
                    .collect::<Vec<_>>()
                    .join("|"),
                _ => f.name.clone(),
            },
            _ => f.name.clone(),
        },
    }
}

fn encode(cx: &Ctx, s: &Struct) -> TokenStream {
    let xsi = types::ident(&s.xsi);
    let Some(order) = &s.order else {
        // The last call is the body's value (no `?; Ok(())`) when it is a call.
        let mut stmts: Vec<(TokenStream, bool)> = s.fields.iter().map(|f| write(cx, f)).collect();
        stmts.insert(0, (quote!(w.xsi(&self.#xsi)), false));
        let last = match stmts.pop() {
            Some((call, false)) => call,
            Some((block, true)) => quote!(#block Ok(())),
            None => quote!(Ok(())),
        };
        let stmts = stmts.into_iter().map(statement);
        return quote! {
            #(#stmts)*
            #last
        };
    };
    // `xs:all`: attributes, then the children in the order they were read (`codec::Order`).
    let order = types::ident(order);
    let attrs = s
        .fields
        .iter()
        .filter(|f| !is_child(f))
        .map(|f| statement(write(cx, f)));
    let arms: Vec<TokenStream> = (0u32..)
        .zip(s.fields.iter().filter(|f| is_child(f)))
        .map(|(k, f)| {
            let k = proc_macro2::Literal::u32_unsuffixed(k);
            let e = match write(cx, f) {
                (call, false) => quote!(#call?),
                (block, true) => block,
            };
            quote!(#k => #e,)
        })
        .collect();
    let count = proc_macro2::Literal::usize_unsuffixed(arms.len());
    quote! {
        w.xsi(&self.#xsi)?;
        #(#attrs)*
        for i in self.#order.sequence(#count) {
            match i {
                #(#arms)*
                _ => {}
            }
        }
        Ok(())
    }
}

/// A written field as a statement: a call gets `?;`, a block stands as it is.
fn statement((e, block): (TokenStream, bool)) -> TokenStream {
    if block {
        e
    } else {
        quote!(#e?;)
    }
}

/// The expression writing one field (a call without its `?`), and whether it is a block
/// (`if let ..`, which propagates errors itself and needs no `;`).
fn write(cx: &Ctx, f: &Field) -> (TokenStream, bool) {
    let fname = types::ident(&f.name);
    let e = match &f.kind {
        FieldKind::Attribute(q) => {
            let ns = cx.ns(&q.ns);
            let n = &q.local;
            if f.occurs == Occurs::One {
                quote!(w.attr(#ns, #n, &self.#fname))
            } else {
                quote!(w.attr_opt(#ns, #n, &self.#fname))
            }
        }
        FieldKind::Text => quote!(w.text(&self.#fname)),
        FieldKind::AnyAttribute(_) => quote!(w.any_attrs(&self.#fname)),
        FieldKind::Element(q) if !is_enum(cx, f) => {
            let ns = cx.ns(&q.ns);
            let n = &q.local;
            if let Some(v) = f.fixed.as_ref().filter(|_| fixed_checked(cx, f)) {
                let e = if f.fixed_ns.is_empty() {
                    match f.occurs {
                        Occurs::One => quote!(w.child_fixed(#ns, #n, &self.#fname, #v)),
                        Occurs::Optional => quote!(w.child_opt_fixed(#ns, #n, &self.#fname, #v)),
                        Occurs::Many => quote!(w.children_fixed(#ns, #n, &self.#fname, #v)),
                    }
                } else {
                    let b = super::bindings(&f.fixed_ns);
                    match f.occurs {
                        Occurs::One => quote!(w.child_fixed_in(#ns, #n, &self.#fname, #v, #b)),
                        Occurs::Optional => {
                            quote!(w.child_opt_fixed_in(#ns, #n, &self.#fname, #v, #b))
                        }
                        Occurs::Many => {
                            quote!(w.children_fixed_in(#ns, #n, &self.#fname, #v, #b))
                        }
                    }
                };
                return (e, false);
            }
            match (f.occurs, f.boxed) {
                (Occurs::One, false) => quote!(w.child(#ns, #n, &self.#fname)),
                (Occurs::One, true) => quote!(w.child(#ns, #n, &*self.#fname)),
                (Occurs::Optional, false) => quote!(w.child_opt(#ns, #n, &self.#fname)),
                (Occurs::Optional, true) => {
                    let e = quote! {
                        if let Some(v) = &self.#fname {
                            w.child(#ns, #n, &**v)?;
                        }
                    };
                    return (e, true);
                }
                (Occurs::Many, _) => quote!(w.children(#ns, #n, &self.#fname)),
            }
        }
        _ => match f.occurs {
            Occurs::One if f.boxed => quote!(w.content(&*self.#fname)),
            Occurs::Optional if f.boxed => {
                let e = quote! {
                    if let Some(v) = &self.#fname {
                        w.content(&**v)?;
                    }
                };
                return (e, true);
            }
            Occurs::One => quote!(w.content(&self.#fname)),
            Occurs::Optional => quote!(w.content_opt(&self.#fname)),
            Occurs::Many => quote!(w.contents(&self.#fname)),
        },
    };
    (e, false)
}
