//! A second, shallow pass over an envelope for what the SOAP layer does not report: header
//! blocks it skipped (not declared for the message) and the position of the body's root.
//! (What a fault envelope holds beyond the fault's fields, `decode_fault` reports itself in
//! `Fault::unknown`.)

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
    r.finish()?;
    Ok(Scan {
        skipped_headers: envelope.skipped_headers,
        body_root: envelope.body_root,
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
