//! Enums: choices and substitution groups (elements), enumerations and unions (values).

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, types, Ctx};
use crate::plan::{Choice, Enumeration, Item, ItemKind, Ty, Union};

fn header(item: &Item) -> (proc_macro2::Ident, TokenStream) {
    (types::ident(&item.name), doc::attrs(&item.doc))
}

/// A choice or substitution-group enum: one variant per element, written by `ToXml`.
pub fn choice(cx: &Ctx, item: &Item, c: &Choice) -> TokenStream {
    let (name, docs) = header(item);
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    for v in &c.variants {
        let vn = types::ident(&v.name);
        let vty = types::value(cx.plan, &v.ty, v.nillable, v.boxed);
        let vdoc = doc::attrs(&match (&v.doc, &v.xml) {
            (Some(d), _) => d.clone(),
            (None, Some(q)) => format!("The `{}` element.", q.local),
            (None, None) => "An element kept raw.".into(),
        });
        variants.push(quote!(#vdoc #vn(#vty),));
        arms.push(match &v.xml {
            Some(q) => {
                let ns = cx.ns(&q.ns);
                let n = &q.local;
                let v = if v.boxed { quote!(&**v) } else { quote!(v) };
                quote!(Self::#vn(v) => w.child(#ns, #n, #v),)
            }
            None if v.boxed => quote!(Self::#vn(v) => w.content(&**v),),
            None => quote!(Self::#vn(v) => w.content(v),),
        });
    }
    if let Some(fb) = &c.fallback {
        let vn = types::ident(fb);
        variants.push(quote! {
            /// A member element the schema does not list, kept raw.
            #vn(::xsd2rs_runtime::codec::AnyElement),
        });
        arms.push(quote!(Self::#vn(v) => w.content(v),));
    }
    // An enum without variants (an empty `xs:choice`) has no value to match on.
    let (matched, w) = if arms.is_empty() {
        (quote!(*self), quote!(_w))
    } else {
        (quote!(self), quote!(w))
    };
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant, clippy::enum_variant_names)]
        pub enum #name { #(#variants)* }

        impl ::xsd2rs_runtime::codec::ToXml for #name {
            fn to_xml(&self, #w: &mut ::xsd2rs_runtime::codec::XmlWriter)
                -> Result<(), ::xsd2rs_runtime::codec::EncodeError> {
                match #matched { #(#arms)* }
            }
        }
    }
}

/// An `xsi:type` enum: the declared type and its derived types, read by `xsi:type` and written
/// with it (never for the declared type itself), plus a fallback keeping other elements whole.
pub fn polymorphic(cx: &Ctx, item: &Item, c: &Choice) -> TokenStream {
    let (name, docs) = header(item);
    let codec = quote!(::xsd2rs_runtime::codec);
    let mut variants = Vec::new();
    let mut reads = Vec::new();
    let mut writes = Vec::new();
    for v in &c.variants {
        let Some(q) = &v.xml else { continue };
        let vn = types::ident(&v.name);
        let inner = types::ty(cx.plan, &v.ty);
        let vty = types::value(cx.plan, &v.ty, false, v.boxed);
        let d = format!(" The type `{}`.", q.local);
        variants.push(quote!(#[doc = #d] #vn(#vty),));
        let ns = cx.ns(&q.ns);
        let n = &q.local;
        let mut read = quote!(<#inner as #codec::FromXml>::from_xml(r)?);
        if v.boxed {
            read = quote!(Box::new(#read));
        }
        // The declared type (the item's `xml`; absent when abstract) also reads without xsi:type.
        let declared = item.xml.as_ref() == Some(q);
        let pat = if declared {
            quote!(None | Some((#ns, #n)))
        } else {
            quote!(Some((#ns, #n)))
        };
        reads.push(quote!(#pat => Self::#vn(#read),));
        let val = if v.boxed { quote!(&**v) } else { quote!(v) };
        writes.push(if declared {
            quote!(Self::#vn(v) => #codec::ToXml::to_xml(#val, w),)
        } else {
            quote!(Self::#vn(v) => {
                w.xsi_type(#ns, #n)?;
                #codec::ToXml::to_xml(#val, w)
            })
        });
    }
    let fb = types::ident(c.fallback.as_deref().unwrap_or("Other"));
    // An xsi:type naming another type than the declared one is the variant's to keep.
    let (dns, dn) = match &item.xml {
        Some(q) => (cx.ns(&q.ns), q.local.clone()),
        None => (quote!(""), String::new()),
    };
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
            /// An element of a type the schema set does not derive here, kept whole.
            #fb(#codec::AnyContent),
        }

        impl #codec::FromXml for #name {
            fn from_xml(r: &mut #codec::XmlReader<'_>) -> Result<Self, #codec::DecodeError> {
                let t = r.xsi_variant(#dns, #dn)?;
                Ok(match t.as_ref().map(|(ns, n)| (ns.as_str(), n.as_str())) {
                    #(#reads)*
                    _ => Self::#fb(#codec::FromXml::from_xml(r)?),
                })
            }
        }

        impl #codec::ToXml for #name {
            fn to_xml(&self, w: &mut #codec::XmlWriter) -> Result<(), #codec::EncodeError> {
                match self {
                    #(#writes)*
                    Self::#fb(v) => #codec::ToXml::to_xml(v, w),
                }
            }
        }
    }
}

/// An enumeration with a fallback variant keeping unlisted values.
pub fn enumeration(item: &Item, e: &Enumeration) -> TokenStream {
    let (name, docs) = header(item);
    let fb = types::ident(&e.fallback);
    let variants = e.values.iter().map(|(v, _, d)| {
        let vn = types::ident(v);
        let vdoc = d.as_deref().map(doc::attrs);
        quote!(#vdoc #vn,)
    });
    let table = e.values.iter().map(|(v, lex, _)| {
        let vn = types::ident(v);
        quote!((#lex, Self::#vn),)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[allow(clippy::enum_variant_names, missing_docs)]
        pub enum #name {
            #(#variants)*
            /// A value the schema does not list (kept as sent).
            #fb(String),
        }

        impl #name {
            /// The listed values and their lexical forms.
            pub const VALUES: &'static [(&'static str, Self)] = &[#(#table)*];
        }

        impl ::xsd2rs_runtime::SimpleValue for #name {
            fn parse_text(text: &str) -> Result<Self, ::xsd2rs_runtime::ValueError> {
                ::xsd2rs_runtime::value::parse_listed(text, Self::VALUES, Self::#fb)
            }

            fn write_text(&self, out: &mut String) {
                match self {
                    Self::#fb(s) => out.push_str(s),
                    v => ::xsd2rs_runtime::value::write_listed(v, Self::VALUES, out),
                }
            }
        }
    }
}

/// A union: members tried in order, then the fallback keeping the text.
pub fn union(cx: &Ctx, item: &Item, u: &Union) -> TokenStream {
    let (name, docs) = header(item);
    let fb = types::ident(&u.fallback);
    let variants = u.members.iter().map(|(v, t)| {
        let vn = types::ident(v);
        let vty = types::ty(cx.plan, t);
        let d = format!(" A value of the member type `{v}`.");
        quote!(#[doc = #d] #vn(#vty),)
    });
    let tries = u.members.iter().map(|(v, t)| {
        let vn = types::ident(v);
        // An enumeration member accepts any text (its fallback): only its listed values count.
        let listed = match t {
            Ty::Item(id) => match cx.plan.item(*id) {
                Some(Item {
                    name,
                    kind: ItemKind::Enumeration(e),
                    ..
                }) => Some((types::ident(name), types::ident(&e.fallback))),
                _ => None,
            },
            _ => None,
        };
        match listed {
            Some((en, fb)) => quote! {
                match ::xsd2rs_runtime::SimpleValue::parse_text(text) {
                    Ok(#en::#fb(_)) | Err(_) => {}
                    Ok(v) => return Ok(Self::#vn(v)),
                }
            },
            None => quote! {
                if let Ok(v) = ::xsd2rs_runtime::SimpleValue::parse_text(text) {
                    return Ok(Self::#vn(v));
                }
            },
        }
    });
    let scoped = if u
        .members
        .iter()
        .any(|(_, t)| super::simple::uses_namespaces(cx.plan, t))
    {
        union_scoped(cx, u)
    } else {
        quote!()
    };
    let writes = u.members.iter().map(|(v, _)| {
        let vn = types::ident(v);
        quote!(Self::#vn(v) => v.write_text(out),)
    });
    let checks = u.members.iter().map(|(v, _)| {
        let vn = types::ident(v);
        quote!(Self::#vn(v) => v.check(),)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
            /// Text no member type accepts (kept as sent).
            #fb(String),
        }

        impl ::xsd2rs_runtime::SimpleValue for #name {
            fn parse_text(text: &str) -> Result<Self, ::xsd2rs_runtime::ValueError> {
                #(#tries)*
                Ok(Self::#fb(text.to_owned()))
            }

            fn write_text(&self, out: &mut String) {
                match self {
                    #(#writes)*
                    Self::#fb(s) => out.push_str(s),
                }
            }

            fn check(&self) -> Result<(), ::xsd2rs_runtime::ValueError> {
                match self {
                    #(#checks)*
                    Self::#fb(_) => Ok(()),
                }
            }

            #scoped
        }
    }
}

/// `parse_in` / `write_in` of a union with a QName-valued member: members tried in order in
/// the scope of the element.
fn union_scoped(cx: &Ctx, u: &Union) -> TokenStream {
    let fb = types::ident(&u.fallback);
    let tries = u.members.iter().map(|(v, t)| {
        let vn = types::ident(v);
        let listed = match t {
            Ty::Item(id) => match cx.plan.item(*id) {
                Some(Item {
                    name,
                    kind: ItemKind::Enumeration(e),
                    ..
                }) => Some((types::ident(name), types::ident(&e.fallback))),
                _ => None,
            },
            _ => None,
        };
        match listed {
            Some((en, fb)) => quote! {
                match ::xsd2rs_runtime::SimpleValue::parse_in(text, scope) {
                    Ok(#en::#fb(_)) | Err(_) => {}
                    Ok(v) => return Ok(Self::#vn(v)),
                }
            },
            None => quote! {
                if let Ok(v) = ::xsd2rs_runtime::SimpleValue::parse_in(text, scope) {
                    return Ok(Self::#vn(v));
                }
            },
        }
    });
    let writes = u.members.iter().map(|(v, _)| {
        let vn = types::ident(v);
        quote!(Self::#vn(v) => v.write_in(out, scope),)
    });
    quote! {
        fn parse_in(text: &str, scope: &dyn ::xsd2rs_runtime::NamespaceScope)
            -> Result<Self, ::xsd2rs_runtime::ValueError> {
            #(#tries)*
            Ok(Self::#fb(text.to_owned()))
        }

        fn write_in(&self, out: &mut String, scope: &mut dyn ::xsd2rs_runtime::PrefixScope) {
            match self {
                #(#writes)*
                Self::#fb(s) => out.push_str(s),
            }
        }
    }
}
