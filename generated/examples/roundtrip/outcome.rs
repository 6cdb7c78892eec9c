//! What processing one file gives: the re-encoded envelope and warnings, or a failure.

use std::fmt;

use xsd2rs_runtime::codec::{DecodeError, Unknown};
use xsd2rs_runtime::soap::SoapError;

/// A successful round trip.
pub struct Output {
    /// The re-encoded envelope.
    pub xml: Vec<u8>,
    /// Content skipped while reading (unknown elements, attributes, undeclared header blocks).
    pub warnings: Vec<Unknown>,
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
