//! Planned SOAP services → a client struct, a service trait and a dispatcher function per
//! binding, shaped as `xsd2rs-runtime/SOAP.md` describes. Emitted after the types, so the
//! module reads "types, then clients and services".

use proc_macro2::TokenStream;
use quote::quote;

use std::collections::HashSet;

use crate::model::SoapVersion;
use crate::plan::{Headers, Op, Service};

use super::doc::{attrs, code, sanitize};
use super::types::ident;

/// Emits every service.
pub fn emit(services: &[Service]) -> TokenStream {
    let mut emitted = HashSet::new();
    let mut items = Vec::new();
    for s in services {
        for o in &s.operations {
            for (h, dir) in [
                (&o.input_headers, "request"),
                (&o.output_headers, "response"),
            ] {
                if emitted.insert(h.name.clone()) {
                    items.push(header_struct(h, &o.name, dir));
                }
            }
        }
        items.push(service(s));
    }
    quote!(#(#items)*)
}

/// The named header struct of one operation and direction, and its `HeaderSet` impl.
fn header_struct(h: &Headers, op: &str, dir: &str) -> TokenStream {
    let name = ident(&h.name);
    let doc = attrs(&format!(
        "The header blocks of the {dir} of operation {}: the declared ones, typed, and any \
         others in `extra`. `Default` is \"no header block\".",
        code(op)
    ));
    let fields = h.fields.iter().map(|f| {
        let (field, ty) = (ident(&f.field), ident(&f.ty));
        let doc = attrs(&format!(
            "Header part {}: element {}.",
            code(&f.part),
            code(&format!("{{{}}}{}", f.element.ns, f.element.local))
        ));
        quote! {
            #doc
            pub #field: Option<#ty>,
        }
    });
    let names: Vec<_> = h
        .fields
        .iter()
        .map(|f| ident(&f.field))
        .chain([ident("extra")])
        .collect();
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct #name {
            #(#fields)*
            /// Header blocks the binding does not declare: sent after the declared ones; on
            /// receipt, every other block of the message, raw (also reported in `unknown`).
            pub extra: Vec<::xsd2rs_runtime::soap::HeaderBlock>,
        }

        impl ::xsd2rs_runtime::soap::HeaderSet for #name {
            fn slots(&self) -> Vec<&dyn ::xsd2rs_runtime::soap::HeaderSlot> {
                vec![#(&self.#names),*]
            }

            fn slots_mut(&mut self) -> Vec<&mut dyn ::xsd2rs_runtime::soap::HeaderSlot> {
                vec![#(&mut self.#names),*]
            }
        }
    }
}

fn service(s: &Service) -> TokenStream {
    let client = ident(&s.client);
    let trait_name = ident(&s.service);
    let dispatcher = ident(&s.dispatcher);
    let generic = ident(if s.service == "S" { "Svc" } else { "S" });
    let version = match s.version {
        SoapVersion::Soap11 => quote!(::xsd2rs_runtime::soap::SoapVersion::Soap11),
        SoapVersion::Soap12 => quote!(::xsd2rs_runtime::soap::SoapVersion::Soap12),
    };
    let version_text = match s.version {
        SoapVersion::Soap11 => "SOAP 1.1",
        SoapVersion::Soap12 => "SOAP 1.2",
    };
    let prefixes = s.prefixes.iter().map(|(p, c)| {
        let c = ident(c);
        quote!(.with_prefix(#p, #c))
    });
    let prefixes2 = prefixes.clone();
    let binding = code(&s.binding.local);
    let binding_doc = s
        .doc
        .as_deref()
        .map(sanitize)
        .filter(|d| !d.is_empty())
        .map(|d| format!("\n\n{d}"))
        .unwrap_or_default();
    let example = s.operations.first().map(example).unwrap_or_default();
    let client_doc = attrs(&format!(
        "Client for binding {binding} ({version_text}): one async method per operation, with \
         typed body and header blocks in and out.{binding_doc}\n\n\
         Async code awaits the methods; blocking code runs them on \
         `xsd2rs_runtime::transport::BlockingRuntime` (feature `http-client`):\n\n\
         ```ignore\n\
         let transport = xsd2rs_runtime::transport::HttpTransport::builder(url).build()?;\n\
         let client = {}::new(xsd2rs_runtime::soap::Client::new(transport));\n\
         {example}\
         ```",
        s.client
    ));
    let trait_doc = attrs(&format!(
        "Service for binding {binding} ({version_text}): one method per operation. Implement it \
         with `async fn`s and serve it with [`{}`].{binding_doc}",
        s.dispatcher
    ));
    let dispatcher_doc = attrs(&format!(
        "The dispatcher of binding {binding} ({version_text}) over `service`: routes a request by \
         its SOAP action, or by its body root when the action is absent, empty or unknown. Serve \
         it with `xsd2rs_runtime::server::http::serve` (feature `http-server`) or any \
         `xsd2rs_runtime::server::Handler` host."
    ));
    let methods = s.operations.iter().map(client_method);
    let trait_methods = s.operations.iter().map(trait_method);
    let registrations = s.operations.iter().map(|o| {
        let (name, action, method) = (&o.name, &o.action, ident(&o.method));
        quote! {
            .operation(::xsd2rs_runtime::server::Operation::new(
                #name,
                #action,
                |s: ::std::sync::Arc<#generic>, request| async move { s.#method(request).await },
            ))
        }
    });
    quote! {
        #client_doc
        #[derive(Debug, Clone)]
        pub struct #client {
            /// The SOAP client (transport, limits, version and prefixes).
            pub client: ::xsd2rs_runtime::soap::Client,
        }

        impl #client {
            /// Wraps a SOAP client, setting the binding's SOAP version and the module's namespace prefixes.
            pub fn new(client: ::xsd2rs_runtime::soap::Client) -> Self {
                Self { client: client.with_version(#version) #(#prefixes)* }
            }

            #(#methods)*
        }

        #trait_doc
        #[allow(clippy::type_complexity)]
        pub trait #trait_name: ::core::marker::Send + ::core::marker::Sync + 'static {
            #(#trait_methods)*
        }

        #dispatcher_doc
        pub fn #dispatcher<#generic: #trait_name>(service: #generic) -> ::xsd2rs_runtime::server::Dispatcher<#generic> {
            ::xsd2rs_runtime::server::Dispatcher::new(service)
                .with_version(#version)
                #(#prefixes2)*
                #(#registrations)*
        }
    }
}

/// The example lines of the client doc for the first operation.
fn example(o: &Op) -> String {
    let headers = "Default::default()";
    format!(
        "// async code\n\
         let reply = client.{m}(&request, &{headers}).await?;\n\
         // blocking code (not inside an async runtime)\n\
         let rt = xsd2rs_runtime::transport::BlockingRuntime::new()?;\n\
         let reply = rt.call(client.{m}(&request, &{headers}))?;\n",
        m = o.method.trim_start_matches("r#")
    )
}

/// The docs of an operation: its documentation, then a line naming it and its action.
fn op_doc(o: &Op) -> String {
    let mut d = o
        .doc
        .as_deref()
        .map(sanitize)
        .filter(|d| !d.is_empty())
        .map(|d| format!("{d}\n\n"))
        .unwrap_or_default();
    d.push_str(&format!("Operation {}, ", code(&o.name)));
    if o.rpc {
        d.push_str(&format!(
            "rpc/literal (bodies: the wrapper elements [`{}`] and [`{}`]), ",
            o.input, o.output
        ));
    }
    if o.action.is_empty() {
        d.push_str("no SOAP action (routed by the body root).");
    } else {
        d.push_str(&format!("SOAP action {}.", code(&o.action)));
    }
    if !o.faults.is_empty() {
        let names: Vec<String> = o.faults.iter().map(|f| code(f)).collect();
        d.push_str(&format!(" Declared faults: {}.", names.join(", ")));
    }
    d
}

/// `Envelope<Body, Headers>` of a message (also the variants of the message enums).
pub(super) fn envelope(body: &str, headers: &Headers) -> TokenStream {
    let body = ident(body);
    let h = ident(&headers.name);
    quote!(::xsd2rs_runtime::soap::Envelope<#body, #h>)
}

fn client_method(o: &Op) -> TokenStream {
    let doc = attrs(&op_doc(o));
    let method = ident(&o.method);
    let (name, action) = (&o.name, &o.action);
    let req = ident(&o.input);
    let req_h = ident(&o.input_headers.name);
    let resp = envelope(&o.output, &o.output_headers);
    quote! {
        #doc
        pub async fn #method(&self, request: &#req, headers: &#req_h)
            -> Result<#resp, ::xsd2rs_runtime::soap::SoapError> {
            self.client.call(#name, #action, request, headers).await
        }
    }
}

fn trait_method(o: &Op) -> TokenStream {
    let doc = attrs(&format!(
        "{}\n\nNot implemented by default: answers a `Server`/`Receiver` fault.",
        op_doc(o)
    ));
    let method = ident(&o.method);
    let name = &o.name;
    let req = envelope(&o.input, &o.input_headers);
    let resp = envelope(&o.output, &o.output_headers);
    quote! {
        #doc
        fn #method(&self, request: #req)
            -> impl ::core::future::Future<Output = Result<#resp, ::xsd2rs_runtime::soap::Fault>> + ::core::marker::Send {
            ::xsd2rs_runtime::soap::not_implemented(#name, request)
        }
    }
}
