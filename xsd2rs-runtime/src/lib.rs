//! Runtime shared by code generated with xsd2rs.
//!
//! Generated code reaches everything here through absolute paths (`::xsd2rs_runtime::...`).

#![warn(missing_docs)]

pub mod codec;
pub mod facets;
pub mod server;
pub mod soap;
pub mod transport;
pub mod types;
pub mod value;

pub use value::{NamespaceScope, NoScope, PrefixScope, SimpleValue, ValueError};
