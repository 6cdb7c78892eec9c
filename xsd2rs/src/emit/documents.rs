//! One-call decoding: per module a `Document` enum over its document roots, per binding
//! `{Service}Input` / `{Service}Output` enums over its operations' messages. Generated code
//! lists variants; the runtime (`codec::XmlDocument`, `soap::SoapMessages`) does the matching.

use proc_macro2::TokenStream;
use quote::quote;

use crate::naming::Scope;
use crate::plan::{ItemKind, Plan, Root, Service, Ty};

use super::soap::envelope;
use super::types::ident;

/// The Rust type implementing `XmlRoot` for a root (as [`super::emit`] writes it), if any.
fn root_type<'p>(plan: &'p Plan, r: &'p Root) -> Option<&'p str> {
    let item = match &r.ty {
        Ty::Item(id) => plan.item(*id),
        _ => None,
    };
    if item.is_some_and(|i| matches!(i.kind, ItemKind::Choice(_) | ItemKind::Substitution(_))) {
        return None;
    }
    match &r.wrapper {
        Some(w) => Some(w),
        None => item.map(|i| i.name.as_str()),
    }
}

/// A module scope holding every name the module already uses.
fn module_scope(plan: &Plan, services: &[Service]) -> Scope {
    let mut scope = Scope::module();
    for item in &plan.items {
        scope.reserve(&item.name);
    }
    for w in plan.roots.iter().filter_map(|r| r.wrapper.as_ref()) {
        scope.reserve(w);
    }
    for (c, _) in &plan.namespaces {
        scope.reserve(c);
    }
    for s in services {
        for n in [&s.client, &s.service, &s.dispatcher] {
            scope.reserve(n);
        }
    }
    scope
}

/// Emits the `Document` enum and the message enums of every service.
pub fn emit(plan: &Plan, services: &[Service]) -> TokenStream {
    let mut scope = module_scope(plan, services);
    let mut out = TokenStream::new();
    let roots: Vec<(&Root, &str)> = plan
        .roots
        .iter()
        .filter_map(|r| root_type(plan, r).map(|t| (r, t)))
        .collect();
    if !roots.is_empty() {
        let name = ident(&scope.claim_any(&["Document", "XmlDocument"]));
        // One variant per root element, named after the element.
        let mut variants = Scope::new();
        let ids: Vec<_> = roots
            .iter()
            .map(|(r, _)| ident(&variants.claim(&crate::naming::type_name(&r.xml.local))))
            .collect();
        let tys: Vec<_> = roots.iter().map(|(_, t)| ident(t)).collect();
        out.extend(quote! {
            /// Any document of this module, decoded by its root element in one call:
            /// `xsd2rs_runtime::codec::decode_any::<Self>(xml)`; written back with
            /// `xsd2rs_runtime::codec::encode_any`.
            #[derive(Debug, Clone, PartialEq)]
            #[allow(clippy::large_enum_variant, missing_docs)]
            pub enum #name {
                #(#ids(#tys),)*
            }

            impl ::xsd2rs_runtime::codec::XmlDocument for #name {
                fn offer(m: &mut ::xsd2rs_runtime::codec::RootMatch<'_, '_, Self>) {
                    #(m.root(Self::#ids);)*
                }

                fn write(&self, w: &mut ::xsd2rs_runtime::codec::XmlWriter)
                    -> Result<(), ::xsd2rs_runtime::codec::EncodeError> {
                    match self {
                        #(Self::#ids(v) => ::xsd2rs_runtime::codec::write_root(w, v),)*
                    }
                }
            }
        });
    }
    for s in services {
        out.extend(messages(&mut scope, s, true));
        out.extend(messages(&mut scope, s, false));
    }
    out
}

/// The enum of a service's requests (`input`) or responses.
fn messages(scope: &mut Scope, s: &Service, input: bool) -> TokenStream {
    let suffix = if input { "Input" } else { "Output" };
    let name = ident(&scope.claim_any(&[
        &format!("{}{suffix}", s.service),
        &format!("{}{suffix}Message", s.service),
    ]));
    let mut variants = Scope::new();
    let mut ids = Vec::new();
    let mut tys = Vec::new();
    for o in &s.operations {
        ids.push(ident(&variants.claim(&crate::naming::type_name(&o.name))));
        tys.push(if input {
            envelope(&o.input, &o.input_headers)
        } else {
            envelope(&o.output, &o.output_headers)
        });
    }
    let what = if input { "request" } else { "response" };
    let doc = format!(
        " A {what} of service [`{}`], decoded by its body root in one call: \
         `xsd2rs_runtime::soap::decode_message::<Self>(bytes, None, &limits)` (a fault is \
         `SoapError::Fault`).",
        s.service
    );
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant, clippy::type_complexity, missing_docs)]
        pub enum #name {
            #(#ids(#tys),)*
        }

        impl ::xsd2rs_runtime::soap::SoapMessages for #name {
            fn offer<V: ::xsd2rs_runtime::soap::MessageVisitor<Self>>(m: &mut V) {
                #(m.body(Self::#ids);)*
            }

            fn encode(&self, version: ::xsd2rs_runtime::soap::SoapVersion, prefixes: &[(&str, &str)])
                -> Result<Vec<u8>, ::xsd2rs_runtime::codec::EncodeError> {
                match self {
                    #(Self::#ids(e) => ::xsd2rs_runtime::soap::encode_message(version, e, prefixes),)*
                }
            }
        }
    }
}
