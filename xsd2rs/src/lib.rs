//! xsd2rs: generate Rust bindings from WSDL 1.1 and XML Schema.
//!
//! The pipeline has named stages, each public and testable on its own:
//!
//! 1. [`load`]: files (WSDL, XSD; includes, imports, inline schemas) → [`model::Model`],
//!    the resolved, language-neutral model with source locations. Problems come back as
//!    [`diag::Diagnostics`], all of them at once.
//! 2. [`dump`]: a readable text dump of the model (`xsd2rs dump`).
//! 3. [`plan`]: model → Rust plan (items, names from [`naming`], wrappers, boxing, docs); the
//!    XSD → Rust mapping is documented there.
//!    [`plan::operations`] plans the SOAP side: per WSDL binding (SOAP 1.1 or 1.2,
//!    document/literal), a client stub, a service trait and a dispatcher function, one method
//!    per operation; what cannot be generated (rpc, encoded, one-way) is left out with a warning.
//! 4. [`emit`]: plan → token streams (`quote`) calling `::xsd2rs_runtime` through absolute paths;
//!    the types first, then each binding's client (`FooClient`), service trait (`Foo`) and
//!    `foo_dispatcher(service)`, shaped as `xsd2rs-runtime/SOAP.md` describes.
//! 5. [`format`](mod@format): tokens → formatted source (`prettyplease`) with the `@generated` header.
//! 6. [`builder`]: the whole chain for `xsd2rs generate` and for build scripts
//!    ([`builder::Config`], prost-build style).

#![warn(missing_docs)]

pub mod builder;
pub mod builtins;
pub mod diag;
pub mod dump;
pub mod emit;
pub mod format;
pub mod load;
pub mod model;
pub mod naming;
pub mod plan;
