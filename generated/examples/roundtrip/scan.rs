//! A second, shallow pass over an envelope for what the SOAP layer does not report: header
//! blocks it skipped (not declared for the message), the position of the body's root, and
//! what a fault envelope holds beyond what `decode_fault` keeps.

use std::marker::PhantomData;

use xsd2rs_runtime::codec::{
    DecodeError, DecodeErrorKind, FromXml, ReadOptions, Unknown, UnknownKind, XmlReader,
};
use xsd2rs_runtime::soap::{HeaderSet, Limits, SoapVersion};

/// A header block the SOAP layer skips for this message.
pub struct SkippedHeader {
    /// Its name and position, like an unknown element in `/Envelope/Header`.
    pub block: Unknown,
    /// Addressed to another actor (`soap:actor`), so not for us whatever its name.
    pub other_actor: bool,
}

/// What the shallow pass found.
pub struct Scan {
    /// Header blocks `H` did not claim, or addressed to another actor.
    pub skipped_headers: Vec<SkippedHeader>,
    /// Where the body's root element starts (or the `Body` itself when it is empty): a
    /// placeholder error carrying the path and position.
    body_root: Option<DecodeError>,
    /// Content around and inside a SOAP 1.1 fault that the fault reader does not keep (other
    /// `Envelope` children, later `Body` children, unknown `Fault` children, attributes such
    /// as `xml:lang` on `faultstring`). Only meaningful for fault envelopes:
    /// `decode_envelope` reports these itself for other messages.
    pub fault_unknown: Vec<Unknown>,
}

impl Scan {
    /// An error of `kind` at the body's root element (its path and line:column).
    pub fn error_at_body_root(&self, kind: DecodeErrorKind) -> DecodeError {
        match &self.body_root {
            Some(at) => DecodeError::new(kind, at.path().to_owned(), at.line(), at.column()),
            None => DecodeError::new(kind, "/Envelope/Body".to_owned(), 1, 1),
        }
    }
}

/// Walks `Envelope/Header/*` (offering each block to `H`, as the SOAP layer does) and locates
/// the body's root element.
pub fn scan<H: HeaderSet>(bytes: &[u8], limits: &Limits) -> Result<Scan, DecodeError> {
    let options = ReadOptions {
        strict: false,
        max_depth: limits.max_depth,
    };
    let mut r = XmlReader::new(bytes, &options);
    r.root()?;
    let envelope = r.read_child::<EnvelopeScan<H>>()?;
    let fault_unknown = r.finish()?;
    Ok(Scan {
        skipped_headers: envelope.skipped_headers,
        body_root: envelope.body_root,
        fault_unknown,
    })
}

/// The `Envelope` content: headers offered to `H`, the body's first child located.
struct EnvelopeScan<H> {
    _headers: PhantomData<H>,
    skipped_headers: Vec<SkippedHeader>,
    body_root: Option<DecodeError>,
}

impl<H: HeaderSet> FromXml for EnvelopeScan<H> {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let env = r.name().0.to_owned();
        let mut body_root = None;
        let mut skipped_headers = Vec::new();
        while let Some((ns, local)) = r.next_child()? {
            match (ns == env, local) {
                (true, "Header") => skipped_headers = r.read_child::<HeaderScan<H>>()?.skipped,
                (true, "Body") => {
                    let body = r.error(DecodeErrorKind::Other(String::new()));
                    body_root = Some(r.read_child::<BodyScan>()?.0.unwrap_or(body));
                }
                _ => r.unknown()?,
            }
        }
        Ok(EnvelopeScan {
            _headers: PhantomData,
            skipped_headers,
            body_root,
        })
    }
}

/// The `Header` content: blocks `H` claims are decoded (as the SOAP layer does), the others
/// are listed, like unknown elements, with the position of their start tag.
struct HeaderScan<H> {
    _headers: PhantomData<H>,
    skipped: Vec<SkippedHeader>,
}

impl<H: HeaderSet> FromXml for HeaderScan<H> {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let env = r.name().0.to_owned();
        let version = SoapVersion::from_envelope_ns(&env).unwrap_or_default();
        let mut claimed = H::default();
        let mut skipped = Vec::new();
        while let Some((ns, local)) = r.next_child()? {
            let (ns, local) = (ns.to_owned(), local.to_owned());
            let actor: Option<String> = r.attr(&env, version.actor_attribute())?;
            let other_actor = !version.targets_us(actor.as_deref());
            if !other_actor && claimed.read_header(&ns, &local, r)? {
                continue;
            }
            let at = r.error(DecodeErrorKind::Other(String::new()));
            let path = at.path().rsplit_once('/').map_or("", |(parent, _)| parent);
            let block = Unknown {
                kind: UnknownKind::Element,
                path: path.to_owned(),
                ns,
                name: local,
                line: at.line(),
                column: at.column(),
            };
            skipped.push(SkippedHeader { block, other_actor });
            r.skip()?;
        }
        Ok(HeaderScan {
            _headers: PhantomData,
            skipped,
        })
    }
}

/// The `Body` content: where its first child starts (a placeholder error carrying the
/// position; [`Scan::error_at_body_root`] replaces its kind); a `Fault` is walked with
/// [`FaultScan`], later children are unknown (the SOAP layer reads only the first).
struct BodyScan(Option<DecodeError>);

impl FromXml for BodyScan {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let env = r.name().0.to_owned();
        let mut first = None;
        while let Some((ns, local)) = r.next_child()? {
            if first.is_some() {
                r.unknown()?;
                continue;
            }
            let is_fault = ns == env && local == "Fault";
            first = Some(r.error(DecodeErrorKind::Other(String::new())));
            if is_fault {
                r.read_child::<FaultScan>()?;
            } else {
                r.skip()?;
            }
        }
        Ok(BodyScan(first))
    }
}

/// A SOAP 1.1 `Fault`, walked the way `xsd2rs_runtime::soap` reads it (children by local
/// name; `detail` children kept verbatim): whatever that leaves unread is recorded as unknown.
struct FaultScan;

impl FromXml for FaultScan {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        while let Some((_, local)) = r.next_child()? {
            match local {
                "faultcode" | "faultstring" | "faultactor" => r.read_child::<String>().map(drop)?,
                "detail" => r.read_child::<DetailScan>().map(drop)?,
                _ => r.unknown()?,
            }
        }
        Ok(FaultScan)
    }
}

/// The `detail` element: its children are kept whole, so only its own attributes and stray
/// text can be lost.
struct DetailScan;

impl FromXml for DetailScan {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        while r.next_child()?.is_some() {
            r.skip()?;
        }
        Ok(DetailScan)
    }
}
