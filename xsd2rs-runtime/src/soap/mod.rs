//! SOAP 1.1 / 1.2 over the codec: envelopes, typed header blocks, faults, hostile-input limits,
//! and the [`Client`] that generated client stubs call.
//!
//! See `xsd2rs-runtime/SOAP.md` for what generated clients and servers look like.

mod client;
mod envelope;
mod error;
mod fault;
mod fault_xml;
mod headers;
mod limits;
mod messages;
mod version;
pub mod wss;

pub use client::Client;
pub use envelope::{
    decode_envelope, decode_envelope_with, decode_fault, encode_envelope, encode_envelope_with,
    encode_fault, outline, Envelope, Outline,
};
pub use error::SoapError;
pub use fault::{not_implemented, EwsFaultDetail, Fault, FaultCode, FaultData};
pub(crate) use fault_xml::sanitized as fault_for_wire;
pub use headers::{HeaderBlock, HeaderSet, HeaderSlot, HeaderSource};
pub use limits::Limits;
pub use messages::{
    decode_message, encode_message, message_roots, MessageMatch, MessageVisitor, SoapMessages,
};
pub use version::{
    action_from_content_type, normalize_action, SoapVersion, EWS_ERRORS_NS, EWS_MESSAGES_NS,
    EWS_TYPES_NS, SOAP11_ACTOR_NEXT, SOAP11_ENV_NS, SOAP12_ENV_NS, SOAP12_ROLE_NEXT,
    SOAP12_ROLE_ULTIMATE_RECEIVER, XML_NS,
};
