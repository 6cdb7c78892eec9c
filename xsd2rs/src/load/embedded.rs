//! The project's own schemas (`schemas/`), embedded in the library.

use super::source::MemorySource;
use super::{Loaded, Loader};
use crate::diag::Diagnostics;

/// The embedded documents: (path, text). Paths are relative to the workspace root.
const FILES: &[(&str, &str)] = &[
    (
        "schemas/MS-OXWSMTRK.wsdl",
        include_str!("../../../schemas/MS-OXWSMTRK.wsdl"),
    ),
    (
        "schemas/MS-OXWSMTRK-messages.xsd",
        include_str!("../../../schemas/MS-OXWSMTRK-messages.xsd"),
    ),
    (
        "schemas/MS-OXWSMTRK-types.xsd",
        include_str!("../../../schemas/MS-OXWSMTRK-types.xsd"),
    ),
    (
        "schemas/MS-OXWSCDATA-messages.xsd",
        include_str!("../../../schemas/MS-OXWSCDATA-messages.xsd"),
    ),
    (
        "schemas/MS-OXWSCDATA-types.xsd",
        include_str!("../../../schemas/MS-OXWSCDATA-types.xsd"),
    ),
    (
        "schemas/MS-OXWOOF.wsdl",
        include_str!("../../../schemas/MS-OXWOOF.wsdl"),
    ),
];

/// One of the protocols whose schemas ship embedded. Each is an independent file set
/// (they define some of the same types, so they are loaded into separate models).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Protocol {
    /// MS-OXWSMTRK: Message Tracking (with the MS-OXWSCDATA common types).
    Mtrk,
    /// MS-OXWOOF: Out of Office.
    Oof,
}

impl Protocol {
    /// Every embedded protocol, in a fixed order.
    pub const ALL: &'static [Protocol] = &[Protocol::Mtrk, Protocol::Oof];

    /// Short lower-case name, used as the Rust module name (`mtrk`, `oof`).
    pub fn module_name(self) -> &'static str {
        match self {
            Protocol::Mtrk => "mtrk",
            Protocol::Oof => "oof",
        }
    }

    /// The specification that defines it (`MS-OXWSMTRK`, `MS-OXWOOF`).
    pub fn spec(self) -> &'static str {
        match self {
            Protocol::Mtrk => "MS-OXWSMTRK",
            Protocol::Oof => "MS-OXWOOF",
        }
    }

    /// The embedded entry document (its path relative to the workspace root).
    pub fn entry(self) -> &'static str {
        match self {
            Protocol::Mtrk => "schemas/MS-OXWSMTRK.wsdl",
            Protocol::Oof => "schemas/MS-OXWOOF.wsdl",
        }
    }
}

/// The embedded documents as a [`MemorySource`] (paths like `schemas/MS-OXWOOF.wsdl`).
pub fn embedded_source() -> MemorySource {
    let mut src = MemorySource::new();
    for (path, text) in FILES {
        src.insert(path, *text);
    }
    src
}

/// Loads one embedded protocol.
pub fn load_protocol(protocol: Protocol) -> Result<Loaded, Diagnostics> {
    Loader::new()
        .source(embedded_source())
        .input(protocol.entry())
        .load()
}

/// A protocol and its loaded model.
#[derive(Debug, Clone)]
pub struct ProtocolModel {
    /// Which protocol.
    pub protocol: Protocol,
    /// Its model and warnings.
    pub loaded: Loaded,
}

/// Loads every embedded protocol (the project's default input), each into its own model.
/// Fails with the diagnostics of all protocols if any has an error.
pub fn load_default() -> Result<Vec<ProtocolModel>, Diagnostics> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for &protocol in Protocol::ALL {
        match load_protocol(protocol) {
            Ok(loaded) => out.push(ProtocolModel { protocol, loaded }),
            Err(d) => errors.extend(d.items),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Diagnostics { items: errors })
    }
}
