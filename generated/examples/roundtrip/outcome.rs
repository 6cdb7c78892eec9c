//! What processing one file gives: the re-encoded envelope and warnings, or a failure.

use std::fmt;

use xsd2rs_runtime::codec::{DecodeError, Unknown};
use xsd2rs_runtime::soap::SoapError;

use crate::scan::{DroppedHeaderAttribute, SkippedHeader};

/// A successful round trip.
pub struct Output {
    /// The re-encoded envelope.
    pub xml: Vec<u8>,
    /// Content skipped while reading, in document order.
    pub warnings: Vec<Warning>,
}

/// Something the bindings did not know and the re-encoded envelope therefore lacks.
pub enum Warning {
    /// A header block the WSDL does not declare for this message (without `mustUnderstand`),
    /// or one addressed to another actor.
    Header(SkippedHeader),
    /// `soap:mustUnderstand` or `soap:actor` on a declared header block: the block is
    /// decoded and written back, without the attribute.
    HeaderAttribute(DroppedHeaderAttribute),
    /// An element, attribute or text the generated types do not declare.
    Content(Unknown),
}

impl Warning {
    /// Where the skipped or dropped item starts (line, column), to list warnings in
    /// document order.
    pub fn position(&self) -> (u32, u32) {
        let u = match self {
            Warning::Header(h) => &h.block,
            Warning::HeaderAttribute(a) => &a.attribute,
            Warning::Content(u) => u,
        };
        (u.line, u.column)
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::Header(SkippedHeader {
                block: u,
                other_actor,
            }) => write!(
                f,
                "skipped header block {{{}}}{} in {} (line {}, column {}): {}",
                u.ns,
                u.name,
                u.path,
                u.line,
                u.column,
                if *other_actor {
                    "addressed to another actor"
                } else {
                    "not declared for this message"
                }
            ),
            Warning::HeaderAttribute(DroppedHeaderAttribute {
                attribute: a,
                value,
            }) => write!(
                f,
                "header block attribute {{{}}}{}=\"{}\" on {} (line {}, column {}) is not \
                 written back: the re-encoded block has no mustUnderstand/actor",
                a.ns, a.name, value, a.path, a.line, a.column
            ),
            Warning::Content(u) => write!(f, "skipped {u}"),
        }
    }
}

/// Why a file could not be round-tripped.
pub enum Failure {
    /// The file could not be read.
    Io(std::io::Error),
    /// The envelope is not XML, not SOAP, or its content does not decode (path, line:column).
    Decode(DecodeError),
    /// Any other SOAP-level failure: another SOAP version, an unknown header block with
    /// `mustUnderstand`, a message over the size limit, or a decoded value that cannot be
    /// written back (it violates its facets; the error names the path).
    Soap(SoapError),
}

impl From<SoapError> for Failure {
    fn from(e: SoapError) -> Self {
        match e {
            SoapError::Decode(e) => Failure::Decode(e),
            other => Failure::Soap(other),
        }
    }
}

impl From<DecodeError> for Failure {
    fn from(e: DecodeError) -> Self {
        Failure::Decode(e)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Io(e) => write!(f, "cannot read: {e}"),
            Failure::Decode(e) => write!(f, "cannot decode: {e}"),
            Failure::Soap(SoapError::Encode(e)) => write!(f, "cannot re-encode: {e}"),
            Failure::Soap(e) => write!(f, "{e}"),
        }
    }
}
