//! One-call decoding of a binding's messages: the generated `{Binding}Input` and
//! `{Binding}Output` enums (one variant per operation, an [`Envelope`] of its body and header
//! blocks) implement [`SoapMessages`]; [`decode_message`] reads whichever message an envelope
//! holds, by its body root.

use crate::codec::{DecodeError, DecodeErrorKind, EncodeError, XmlRoot};

use super::envelope::{decode_envelope, decode_fault, encode_envelope, outline, Envelope};
use super::error::SoapError;
use super::headers::HeaderSet;
use super::limits::Limits;
use super::version::SoapVersion;

/// The messages of one binding direction (a generated `{Binding}Input` / `{Binding}Output`).
/// Generated code only lists its variants; the matching is here.
pub trait SoapMessages: Sized {
    /// Offers every variant to `m`, one `m.body(Self::Variant)` call per operation: to
    /// [`MessageMatch`] when decoding, to any other [`MessageVisitor`] to list the messages
    /// (a tool's table, [`message_roots`]).
    fn offer<V: MessageVisitor<Self>>(m: &mut V);

    /// Encodes the message as an envelope of `version` (`prefixes` as for
    /// [`encode_envelope`]).
    fn encode(
        &self,
        version: SoapVersion,
        prefixes: &[(&str, &str)],
    ) -> Result<Vec<u8>, EncodeError>;
}

/// The envelope being decoded, offered to each variant of a [`SoapMessages`] in turn.
pub struct MessageMatch<'a, M> {
    root: (&'a str, &'a str),
    bytes: &'a [u8],
    expected: Option<SoapVersion>,
    limits: &'a Limits,
    result: Option<Result<(SoapVersion, M), SoapError>>,
}

/// Sees every message of a [`SoapMessages`] with its body and header types: what
/// [`SoapMessages::offer`] calls once per variant.
pub trait MessageVisitor<M> {
    /// The variant `wrap` holds an envelope of body `B` (a document root) and header blocks `H`.
    fn body<B: XmlRoot, H: HeaderSet>(&mut self, wrap: fn(Envelope<B, H>) -> M);
}

/// The body root elements (`(namespace, local name)`) of every message of `M`, in variant
/// order.
pub fn message_roots<M: SoapMessages>() -> Vec<(&'static str, &'static str)> {
    struct Roots(Vec<(&'static str, &'static str)>);
    impl<M> MessageVisitor<M> for Roots {
        fn body<B: XmlRoot, H: HeaderSet>(&mut self, _wrap: fn(Envelope<B, H>) -> M) {
            self.0.push((B::NS, B::NAME));
        }
    }
    let mut roots = Roots(Vec::new());
    M::offer(&mut roots);
    roots.0
}

impl<M> MessageVisitor<M> for MessageMatch<'_, M> {
    /// Decodes the envelope with body `B` and header blocks `H` (wrapped by `wrap`, the
    /// variant) when the body root is `B`'s element and no earlier variant took it.
    fn body<B: XmlRoot, H: HeaderSet>(&mut self, wrap: fn(Envelope<B, H>) -> M) {
        if self.result.is_none() && self.root == (B::NS, B::NAME) {
            self.result = Some(
                decode_envelope::<B, H>(self.bytes, self.expected, self.limits)
                    .map(|(v, e)| (v, wrap(e))),
            );
        }
    }
}

/// Decodes an envelope holding any message of `M`, chosen by its body root element. A fault
/// is [`SoapError::Fault`]; a body root that is no message of `M` is a decode error naming it.
/// `expected`: refuse another SOAP version (`None` accepts both).
pub fn decode_message<M: SoapMessages>(
    bytes: &[u8],
    expected: Option<SoapVersion>,
    limits: &Limits,
) -> Result<(SoapVersion, M), SoapError> {
    let o = outline(bytes, expected, limits)?;
    if o.is_fault {
        if let Some((_, f)) = decode_fault(bytes, limits)? {
            return Err(SoapError::Fault(f));
        }
    }
    let Some((ns, local)) = o.body_root else {
        return Err(SoapError::Decode(DecodeError::new(
            DecodeErrorKind::Other("the Body holds no element".into()),
            "/Envelope/Body".into(),
            1,
            1,
        )));
    };
    let mut m = MessageMatch {
        root: (&ns, &local),
        bytes,
        expected,
        limits,
        result: None,
    };
    M::offer(&mut m);
    match m.result {
        Some(r) => r,
        None => Err(SoapError::Decode(DecodeError::new(
            DecodeErrorKind::UnknownRoot {
                found_ns: ns.clone(),
                found: local.clone(),
            },
            "/Envelope/Body".into(),
            1,
            1,
        ))),
    }
}

/// Encodes one message envelope: the arms of a generated [`SoapMessages::encode`].
pub fn encode_message<B: XmlRoot, H: HeaderSet>(
    version: SoapVersion,
    message: &Envelope<B, H>,
    prefixes: &[(&str, &str)],
) -> Result<Vec<u8>, EncodeError> {
    encode_envelope(version, &message.body, &message.headers, prefixes)
}
