//! A second, shallow pass over an envelope for what the SOAP layer does not report: header
//! blocks it skipped (not declared for the message), `mustUnderstand` / `actor` attributes
//! on the blocks it decoded (typed header blocks do not keep them), and the position of the
//! body's root.
//! (What a fault envelope holds beyond the fault's fields, `decode_fault` reports itself in
//! `Fault::unknown`.)

use std::marker::PhantomData;

use xsd2rs_runtime::codec::{
    DecodeError, DecodeErrorKind, FromXml, Unknown, UnknownKind, XmlReader,
};
use xsd2rs_runtime::soap::{HeaderSet, Limits, SoapVersion};

/// A header block the SOAP layer skips for this message.
pub struct SkippedHeader {
    /// Its name and position, like an unknown element in `/Envelope/Header`.
    pub block: Unknown,
    /// Addressed to another actor (`soap:actor`), so not for us whatever its name.
    pub other_actor: bool,
}

/// A SOAP processing attribute (`soap:mustUnderstand`, `soap:actor`) on a header block the
/// message declares: the block is decoded, but typed header blocks do not keep these
/// attributes, so the re-encoded envelope lacks them.
pub struct DroppedHeaderAttribute {
    /// The attribute (namespace, local name, the block's path, the block's start position).
    pub attribute: Unknown,
    /// Its value as sent.
    pub value: String,
}

/// What the shallow pass found.
pub struct Scan {
    /// Header blocks `H` did not claim, or addressed to another actor.
    pub skipped_headers: Vec<SkippedHeader>,
    /// `mustUnderstand` / `actor` attributes on the blocks `H` claimed (not written back).
    pub dropped_header_attributes: Vec<DroppedHeaderAttribute>,
    /// Where the body's root element starts (or the `Body` itself when it is empty): a
    /// placeholder error carrying the path and position.
    body_root: Option<DecodeError>,
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
    let mut r = XmlReader::new(bytes, &limits.read_options());
    r.root()?;
    let envelope = r.read_child::<EnvelopeScan<H>>()?;
    r.finish()?;
    Ok(Scan {
        skipped_headers: envelope.skipped_headers,
        dropped_header_attributes: envelope.dropped_header_attributes,
        body_root: envelope.body_root,
    })
}

/// The `Envelope` content: headers offered to `H`, the body's first child located.
struct EnvelopeScan<H> {
    _headers: PhantomData<H>,
    skipped_headers: Vec<SkippedHeader>,
    dropped_header_attributes: Vec<DroppedHeaderAttribute>,
    body_root: Option<DecodeError>,
}

impl<H: HeaderSet> FromXml for EnvelopeScan<H> {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let env = r.name().0.to_owned();
        let mut body_root = None;
        let mut skipped_headers = Vec::new();
        let mut dropped_header_attributes = Vec::new();
        while let Some((ns, local)) = r.next_child()? {
            match (ns == env, local) {
                (true, "Header") => {
                    let header = r.read_child::<HeaderScan<H>>()?;
                    skipped_headers = header.skipped;
                    dropped_header_attributes = header.dropped;
                }
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
            dropped_header_attributes,
            body_root,
        })
    }
}

/// The `Header` content: blocks `H` claims are decoded (as the SOAP layer does), the others
/// are listed, like unknown elements, with the position of their start tag.
struct HeaderScan<H> {
    _headers: PhantomData<H>,
    skipped: Vec<SkippedHeader>,
    dropped: Vec<DroppedHeaderAttribute>,
}

impl<H: HeaderSet> FromXml for HeaderScan<H> {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let env = r.name().0.to_owned();
        let version = SoapVersion::from_envelope_ns(&env).unwrap_or_default();
        let mut claimed = H::default();
        let mut skipped = Vec::new();
        let mut dropped = Vec::new();
        while let Some((ns, local)) = r.next_child()? {
            let (ns, local) = (ns.to_owned(), local.to_owned());
            let at = r.error(DecodeErrorKind::Other(String::new()));
            let must: Option<String> = r.attr(&env, "mustUnderstand")?;
            let actor: Option<String> = r.attr(&env, version.actor_attribute())?;
            let other_actor = !version.targets_us(actor.as_deref());
            if !other_actor && claimed.read_header(&ns, &local, r)? {
                let attributes = [("mustUnderstand", must), (version.actor_attribute(), actor)];
                for (name, value) in attributes {
                    let Some(value) = value else { continue };
                    let attribute = Unknown {
                        kind: UnknownKind::Attribute,
                        path: at.path().to_owned(),
                        ns: env.clone(),
                        name: name.to_owned(),
                        line: at.line(),
                        column: at.column(),
                    };
                    dropped.push(DroppedHeaderAttribute { attribute, value });
                }
                continue;
            }
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
            dropped,
        })
    }
}

/// The `Body` content: where its first child starts (a placeholder error carrying the
/// position; [`Scan::error_at_body_root`] replaces its kind). Its content is skipped.
struct BodyScan(Option<DecodeError>);

impl FromXml for BodyScan {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut first = None;
        while r.next_child()?.is_some() {
            if first.is_none() {
                first = Some(r.error(DecodeErrorKind::Other(String::new())));
            }
            r.skip()?;
        }
        Ok(BodyScan(first))
    }
}
