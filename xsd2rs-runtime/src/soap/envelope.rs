//! Envelope decoding and encoding: `Envelope/Header/*` and `Envelope/Body/*`.

use crate::codec::{
    AnyElement, DecodeError, DecodeErrorKind, EncodeError, FromXml, Unknown, WriteOptions,
    XmlReader, XmlRoot, XmlWriter,
};

use super::error::SoapError;
use super::fault::Fault;
use super::fault_xml::{read_fault, write_fault};
use super::headers::{HeaderBlock, HeaderSet};
use super::limits::Limits;
use super::version::SoapVersion;

/// A SOAP message: typed header blocks and body, plus what a lenient read skipped.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Envelope<B, H = ()> {
    /// The header blocks (`()` when the message declares none).
    pub headers: H,
    /// The body's root element.
    pub body: B,
    /// Unknown content skipped while decoding (empty for messages built in code).
    pub unknown: Vec<Unknown>,
}

impl<B, H: Default> Envelope<B, H> {
    /// An envelope with `body` and default (empty) headers.
    pub fn new(body: B) -> Self {
        Envelope {
            headers: H::default(),
            body,
            unknown: Vec::new(),
        }
    }
}

impl<B, H> Envelope<B, H> {
    /// An envelope with `body` and `headers`.
    pub fn with_headers(body: B, headers: H) -> Self {
        Envelope {
            headers,
            body,
            unknown: Vec::new(),
        }
    }
}

/// What an envelope looks like without decoding its content: for routing by body root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    /// The SOAP version of the envelope namespace.
    pub version: SoapVersion,
    /// (namespace URI, local name) of the body's root element; `None` for an empty body.
    pub body_root: Option<(String, String)>,
    /// Whether the body holds a fault.
    pub is_fault: bool,
}

/// Reads the envelope's version and body root name, skipping all content (`expected`: refuse
/// another SOAP version with [`SoapError::VersionMismatch`]).
pub fn outline(
    bytes: &[u8],
    expected: Option<SoapVersion>,
    limits: &Limits,
) -> Result<Outline, SoapError> {
    let raw = decode_raw::<OutlineBody, ()>(bytes, expected, limits)?;
    let (body_root, is_fault) = match raw.body {
        Some(BodyContent::Body(OutlineBody(ns, local))) => (Some((ns, local)), false),
        Some(BodyContent::Fault(_)) => (None, true),
        None => (None, false),
    };
    Ok(Outline {
        version: raw.version,
        body_root,
        is_fault,
    })
}

/// Decodes a message whose body is a `B` (or a fault, returned as [`SoapError::Fault`] with
/// what the read skipped in its [`unknown`](super::FaultData::unknown)).
///
/// `expected`: the binding's version; an envelope of another version is refused. Header
/// blocks `H` does not know are ignored unless `mustUnderstand` (then
/// [`SoapError::MustUnderstand`]). DOCTYPE, oversize, over-deep, non-UTF-8 and truncated
/// input are errors, never panics.
pub fn decode_envelope<B: XmlRoot, H: HeaderSet>(
    bytes: &[u8],
    expected: Option<SoapVersion>,
    limits: &Limits,
) -> Result<(SoapVersion, Envelope<B, H>), SoapError> {
    decode_envelope_with(bytes, expected, limits, &[])
}

/// Like [`decode_envelope`], with the names (`(namespace, local name)`) of undeclared header
/// blocks the caller understands: such a block marked `mustUnderstand` is kept in the header
/// set's extra blocks instead of failing the message (a WS-Security verifier declares
/// `wsse:Security` this way).
pub fn decode_envelope_with<B: XmlRoot, H: HeaderSet>(
    bytes: &[u8],
    expected: Option<SoapVersion>,
    limits: &Limits,
    understood: &[(&str, &str)],
) -> Result<(SoapVersion, Envelope<B, H>), SoapError> {
    let raw = decode_raw::<TypedBody<B>, H>(bytes, expected, limits)?;
    if let Some(BodyContent::Fault(mut f)) = raw.body {
        // Re-read for the fault's header blocks, all kept raw.
        if let Ok(Some((_, full))) = decode_fault(bytes, limits) {
            return Err(SoapError::Fault(full));
        }
        f.unknown = raw.unknown;
        return Err(SoapError::Fault(f));
    }
    let not_understood = raw
        .not_understood
        .into_iter()
        .find(|(ns, local)| !understood.iter().any(|(n, l)| n == ns && l == local));
    if let Some((ns, local)) = not_understood {
        return Err(SoapError::MustUnderstand { ns, local });
    }
    match raw.body {
        Some(BodyContent::Body(TypedBody(body))) => Ok((
            raw.version,
            Envelope {
                headers: raw.headers,
                body,
                unknown: raw.unknown,
            },
        )),
        _ => Err(SoapError::Decode(DecodeError::new(
            DecodeErrorKind::MissingElement(B::NAME.to_owned()),
            "/Envelope/Body".to_owned(),
            1,
            1,
        ))),
    }
}

/// Decodes a fault envelope (for tools that re-encode faults); `Ok(None)` when the body holds
/// something else. What the lenient read skipped is in the fault's
/// [`unknown`](super::FaultData::unknown).
pub fn decode_fault(
    bytes: &[u8],
    limits: &Limits,
) -> Result<Option<(SoapVersion, Fault)>, SoapError> {
    let raw = decode_raw::<OutlineBody, Vec<HeaderBlock>>(bytes, None, limits)?;
    match raw.body {
        Some(BodyContent::Fault(mut f)) => {
            f.unknown = raw.unknown;
            f.headers = raw.headers;
            Ok(Some((raw.version, f)))
        }
        _ => Ok(None),
    }
}

/// Encodes a message: `Envelope`, `Header` (only when `headers` is not empty), `Body`.
///
/// `prefixes` are (prefix, namespace) pairs declared once on the envelope (e.g. `("m", M)`);
/// the envelope namespace is always `soap` (1.1) or `env` (1.2).
pub fn encode_envelope<B: XmlRoot, H: HeaderSet>(
    version: SoapVersion,
    body: &B,
    headers: &H,
    prefixes: &[(&str, &str)],
) -> Result<Vec<u8>, EncodeError> {
    encode_envelope_with(version, body, headers, &[], prefixes)
}

/// Like [`encode_envelope`], with more header blocks written after `headers` (a client's
/// own blocks, a WS-Security token).
pub fn encode_envelope_with<B: XmlRoot, H: HeaderSet>(
    version: SoapVersion,
    body: &B,
    headers: &H,
    extra: &[HeaderBlock],
    prefixes: &[(&str, &str)],
) -> Result<Vec<u8>, EncodeError> {
    let mut w = XmlWriter::new(&write_options(version, prefixes));
    let env = version.envelope_ns();
    w.start(env, "Envelope")?;
    if !headers.is_empty() || !extra.is_empty() {
        w.start(env, "Header")?;
        headers.write_headers(&mut w, version)?;
        for block in extra {
            block.write(&mut w, version)?;
        }
        w.end()?;
    }
    w.start(env, "Body")?;
    w.child(B::NS, B::NAME, body)?;
    w.end()?;
    w.end()?;
    Ok(w.finish())
}

/// Encodes a fault envelope in `version` (standard codes are translated between versions).
///
/// A text holding a character XML forbids is an error, as for any message (a server then sends
/// the fault with such characters written as `\u{..}` escapes).
pub fn encode_fault(version: SoapVersion, fault: &Fault) -> Result<Vec<u8>, EncodeError> {
    let codes = super::fault_xml::code_prefixes(version, fault).map_err(|code| EncodeError {
        kind: crate::codec::EncodeErrorKind::InvalidQName(code),
        path: match version {
            SoapVersion::Soap11 => "/Envelope/Body/Fault/faultcode",
            SoapVersion::Soap12 => "/Envelope/Body/Fault/Code",
        }
        .to_owned(),
    })?;
    let mut options = WriteOptions::default().prefix(&codes.envelope, version.envelope_ns());
    for (prefix, ns) in &codes.prefixes {
        options = options.prefix(prefix, ns);
    }
    let mut w = XmlWriter::new(&options);
    let env = version.envelope_ns();
    w.start(env, "Envelope")?;
    if !fault.headers.is_empty() {
        w.start(env, "Header")?;
        for block in &fault.headers {
            block.write(&mut w, version)?;
        }
        w.end()?;
    }
    w.start(env, "Body")?;
    write_fault(&mut w, version, fault, &codes.names)?;
    w.end()?;
    w.end()?;
    Ok(w.finish())
}

/// The envelope prefix used when writing.
pub(crate) fn envelope_prefix(version: SoapVersion) -> &'static str {
    match version {
        SoapVersion::Soap11 => "soap",
        SoapVersion::Soap12 => "env",
    }
}

fn write_options(version: SoapVersion, prefixes: &[(&str, &str)]) -> WriteOptions {
    let mut options =
        WriteOptions::default().prefix(envelope_prefix(version), version.envelope_ns());
    for (prefix, ns) in prefixes {
        if *ns != version.envelope_ns() {
            options = options.prefix(prefix, ns);
        }
    }
    options
}

// ----- decoding machinery -----------------------------------------------------------------------

/// What the body's root decodes into.
trait BodyPart: Sized {
    /// The element name reported when the body is empty (`None`: an empty body is fine).
    const REQUIRED: Option<&'static str>;

    /// Reads the announced body root `{ns}local`.
    fn read(ns: &str, local: &str, r: &mut XmlReader<'_>) -> Result<Self, DecodeError>;
}

struct TypedBody<B>(B);

impl<B: XmlRoot> BodyPart for TypedBody<B> {
    const REQUIRED: Option<&'static str> = Some(B::NAME);

    fn read(ns: &str, local: &str, r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        if ns == B::NS && local == B::NAME {
            r.read_child::<B>().map(TypedBody)
        } else {
            Err(r.error(DecodeErrorKind::UnexpectedRoot {
                ns: B::NS.to_owned(),
                name: B::NAME.to_owned(),
                found_ns: ns.to_owned(),
                found: local.to_owned(),
            }))
        }
    }
}

struct OutlineBody(String, String);

impl BodyPart for OutlineBody {
    const REQUIRED: Option<&'static str> = None;

    fn read(ns: &str, local: &str, r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let found = OutlineBody(ns.to_owned(), local.to_owned());
        r.skip()?;
        Ok(found)
    }
}

enum BodyContent<B> {
    Body(B),
    Fault(Fault),
}

struct RawEnvelope<B, H> {
    version: SoapVersion,
    headers: H,
    body: Option<BodyContent<B>>,
    not_understood: Vec<(String, String)>,
    unknown: Vec<Unknown>,
}

/// The `Envelope` element's content, as a `FromXml` so the codec reader drives it.
struct EnvelopeContent<B, H> {
    headers: H,
    body: Option<BodyContent<B>>,
    not_understood: Vec<(String, String)>,
}

fn decode_raw<B: BodyPart, H: HeaderSet>(
    bytes: &[u8],
    expected: Option<SoapVersion>,
    limits: &Limits,
) -> Result<RawEnvelope<B, H>, SoapError> {
    if bytes.len() > limits.max_message_bytes {
        return Err(SoapError::TooLarge {
            size: bytes.len(),
            limit: limits.max_message_bytes,
        });
    }
    let mut r = XmlReader::new(bytes, &limits.read_options());
    let (ns, local) = r.root()?;
    if local != "Envelope" {
        let (found_ns, found) = (ns.to_owned(), local.to_owned());
        let want = expected.unwrap_or_default();
        return Err(SoapError::Decode(r.error(
            DecodeErrorKind::UnexpectedRoot {
                ns: want.envelope_ns().to_owned(),
                name: "Envelope".to_owned(),
                found_ns,
                found,
            },
        )));
    }
    let version = SoapVersion::from_envelope_ns(ns);
    let version = match (version, expected) {
        (Some(v), None) => v,
        (Some(v), Some(want)) if v == want => v,
        (_, want) => {
            return Err(SoapError::VersionMismatch {
                expected: want.unwrap_or_default(),
                found_ns: ns.to_owned(),
            })
        }
    };
    let content = r.read_child::<EnvelopeContent<B, H>>()?;
    let unknown = r.finish()?;
    Ok(RawEnvelope {
        version,
        headers: content.headers,
        body: content.body,
        not_understood: content.not_understood,
        unknown,
    })
}

impl<B: BodyPart, H: HeaderSet> FromXml for EnvelopeContent<B, H> {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let version = SoapVersion::from_envelope_ns(r.name().0).unwrap_or_default();
        let env = version.envelope_ns();
        let mut out = EnvelopeContent {
            headers: H::default(),
            body: None,
            not_understood: Vec::new(),
        };
        let mut seen_body = false;
        while let Some((ns, local)) = r.next_child()? {
            match (ns == env, local) {
                (true, "Header") if !seen_body => {
                    let header = r.read_child::<HeaderContent<H>>()?;
                    out.headers = header.headers;
                    out.not_understood = header.not_understood;
                }
                (true, "Body") if !seen_body => {
                    seen_body = true;
                    out.body = r.read_child::<BodyElement<B>>()?.0;
                }
                _ => r.unknown()?,
            }
        }
        if !seen_body {
            return Err(r.error(DecodeErrorKind::MissingElement("Body".to_owned())));
        }
        Ok(out)
    }
}

/// The `Header` element's content.
struct HeaderContent<H> {
    headers: H,
    not_understood: Vec<(String, String)>,
}

impl<H: HeaderSet> FromXml for HeaderContent<H> {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let version = SoapVersion::from_envelope_ns(r.name().0).unwrap_or_default();
        let env = version.envelope_ns();
        let mut out = HeaderContent {
            headers: H::default(),
            not_understood: Vec::new(),
        };
        while let Some((ns, local)) = r.next_child()? {
            let (ns, local) = (ns.to_owned(), local.to_owned());
            let must: Option<String> = r.attr(env, "mustUnderstand")?;
            let actor: Option<String> = r.attr(env, version.actor_attribute())?;
            if out.headers.read_header(&ns, &local, r)? {
                continue;
            }
            let must = must.as_deref().is_some_and(|m| version.is_true(m));
            if must && version.targets_us(actor.as_deref()) {
                out.not_understood.push((ns.clone(), local.clone()));
            }
            // Kept raw when the set has room for undeclared blocks (and traced); otherwise
            // skipped and reported as unknown.
            match out.headers.extra_mut() {
                Some(extra) => {
                    tracing::debug!(ns = %ns, local = %local, "undeclared SOAP header block kept raw");
                    let element = r.read_child::<AnyElement>()?;
                    extra.push(HeaderBlock::received(element, must, actor));
                }
                None => r.unknown()?,
            }
        }
        Ok(out)
    }
}

/// The `Body` element's content: its first child (later siblings are recorded as unknown).
struct BodyElement<B>(Option<BodyContent<B>>);

impl<B: BodyPart> FromXml for BodyElement<B> {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let env = r.name().0.to_owned();
        let mut content = None;
        while let Some((ns, local)) = r.next_child()? {
            if content.is_some() {
                r.unknown()?;
            } else if ns == env && local == "Fault" {
                content = Some(BodyContent::Fault(read_fault(r)?));
            } else {
                let (ns, local) = (ns.to_owned(), local.to_owned());
                content = Some(BodyContent::Body(B::read(&ns, &local, r)?));
            }
        }
        if let (None, Some(name)) = (&content, B::REQUIRED) {
            return Err(r.error(DecodeErrorKind::MissingElement(name.to_owned())));
        }
        Ok(BodyElement(content))
    }
}
