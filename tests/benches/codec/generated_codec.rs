//! The contender: the generated types of `generated::{mtrk, oof}` on the `xsd2rs_runtime` codec,
//! through the runtime's SOAP layer (`xsd2rs_runtime::soap`): the body's root element and the
//! `t:ServerVersionInfo` header block are decoded into the generated types, and encoded back
//! with the `soap`, `m` and `t` prefixes declared once on the envelope.

use xsd2rs_runtime::codec::XmlRoot;
use xsd2rs_runtime::soap::{self, Envelope, Limits, SoapError, SoapVersion};

use tests::bench_docs::{M_NS, T_NS};

/// A decoded SOAP envelope: the body's root `B` and one optional header block `H`.
pub type Message<B, H> = Envelope<B, Option<H>>;

/// Decodes a SOAP 1.1 envelope whose body root is `B`, with an optional header block `H`.
pub fn decode<B: XmlRoot, H: XmlRoot>(xml: &[u8]) -> Result<Message<B, H>, SoapError> {
    soap::decode_envelope(xml, Some(SoapVersion::Soap11), &Limits::default()).map(|(_, env)| env)
}

/// Encodes the envelope back.
pub fn encode<B: XmlRoot, H: XmlRoot>(message: &Message<B, H>) -> Result<Vec<u8>, SoapError> {
    soap::encode_envelope(
        SoapVersion::Soap11,
        &message.body,
        &message.headers,
        &[("m", M_NS), ("t", T_NS)],
    )
    .map_err(SoapError::from)
}
