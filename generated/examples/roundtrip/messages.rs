//! The table of messages the tool knows, read off the generated message enums
//! (`{Service}Input` / `{Service}Output` of both bindings): body root QName → decode +
//! re-encode function, with the operation's named header struct.

use generated::{mtrk, oof};
use xsd2rs_runtime::codec::{DecodeError, DecodeErrorKind, XmlRoot};
use xsd2rs_runtime::soap::{
    decode_envelope, encode_envelope, Envelope, HeaderSet, Limits, MessageVisitor, SoapError,
    SoapMessages, SoapVersion,
};

use crate::outcome::{Failure, Output, Warning};
use crate::scan::scan;

/// Decodes an envelope of `version` into the message's types and re-encodes it.
pub type RoundTrip = fn(&[u8], SoapVersion, &Limits) -> Result<Output, Failure>;

/// One message of one protocol.
pub struct Message {
    /// The protocol (for `--help`).
    pub protocol: &'static str,
    /// Namespace URI of the body's root element.
    pub ns: &'static str,
    /// Local name of the body's root element.
    pub name: &'static str,
    /// The header struct decoded with it (for `--help`).
    pub headers: &'static str,
    /// Decode and re-encode.
    pub round_trip: RoundTrip,
}

/// Collects one [`Message`] per variant of the message enums it is offered to.
struct Table {
    protocol: &'static str,
    messages: Vec<Message>,
}

impl<M> MessageVisitor<M> for Table {
    fn body<B: XmlRoot, H: HeaderSet>(&mut self, _variant: fn(Envelope<B, H>) -> M) {
        let headers = std::any::type_name::<H>();
        self.messages.push(Message {
            protocol: self.protocol,
            ns: B::NS,
            name: B::NAME,
            headers: headers.rsplit("::").next().unwrap_or(headers),
            round_trip: round_trip::<B, H>,
        });
    }
}

/// Every message the tool understands: the requests and responses of both bindings, as their
/// generated enums list them (undeclared header blocks are kept raw in `extra`).
pub fn table() -> Vec<Message> {
    let mut t = Table {
        protocol: "MS-OXWSMTRK",
        messages: Vec::new(),
    };
    mtrk::ExchangeServiceInput::offer(&mut t);
    mtrk::ExchangeServiceOutput::offer(&mut t);
    t.protocol = "MS-OXWOOF";
    oof::ExchangeServiceInput::offer(&mut t);
    oof::ExchangeServiceOutput::offer(&mut t);
    t.messages
}

/// The prefixes written on the envelope (both protocols use the EWS messages and types
/// namespaces).
pub const PREFIXES: &[(&str, &str)] = &[("m", mtrk::NS_M), ("t", mtrk::NS_T)];

/// Decodes body `B` and header blocks `H`, then encodes them again.
fn round_trip<B: XmlRoot, H: HeaderSet>(
    bytes: &[u8],
    version: SoapVersion,
    limits: &Limits,
) -> Result<Output, Failure> {
    let (version, envelope) = match decode_envelope::<B, H>(bytes, Some(version), limits) {
        Ok(decoded) => decoded,
        Err(SoapError::MustUnderstand { ns, local }) => {
            return Err(must_understand::<H>(bytes, limits, &ns, &local))
        }
        Err(e) => return Err(e.into()),
    };
    let scanned = scan::<H>(bytes, limits)?;
    // Undeclared blocks are kept raw in the header struct's `extra` (and written back): not
    // skipped.
    let keeps_extra = H::default().extra_mut().is_some();
    let skipped = scanned
        .skipped_headers
        .into_iter()
        .filter(|_| !keeps_extra)
        .map(Warning::Header);
    let mut warnings: Vec<Warning> = skipped
        .chain((scanned.dropped_header_attributes.into_iter()).map(Warning::HeaderAttribute))
        .collect();
    warnings.sort_by_key(Warning::position);
    warnings.extend(envelope.unknown.into_iter().map(Warning::Content));
    let xml = encode_envelope(version, &envelope.body, &envelope.headers, PREFIXES)
        .map_err(SoapError::Encode)?;
    Ok(Output { xml, warnings })
}

/// A mandatory header block this message does not declare, as an error at the block.
fn must_understand<H: HeaderSet>(bytes: &[u8], limits: &Limits, ns: &str, local: &str) -> Failure {
    let message = format!(
        "header block {{{ns}}}{local} has mustUnderstand=\"1\" but this message does not \
         declare it, so a receiver must refuse the message"
    );
    let skipped = scan::<H>(bytes, limits).map(|s| s.skipped_headers);
    let found = skipped
        .iter()
        .flatten()
        .map(|h| &h.block)
        .find(|b| b.ns == ns && b.name == local);
    let (path, line, column) = match found {
        Some(b) => (format!("{}/{}", b.path, b.name), b.line, b.column),
        None => ("/Envelope/Header".to_owned(), 1, 1),
    };
    Failure::Decode(DecodeError::new(
        DecodeErrorKind::Other(message),
        path,
        line,
        column,
    ))
}
