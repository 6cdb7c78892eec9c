//! [`AnyElement`]: one element kept verbatim as self-contained XML (xs:any, unknown
//! substitution-group members, SOAP fault details).

use super::error::{DecodeError, DecodeErrorKind, EncodeError};
use super::escape;
use super::reader::{FrameState, XmlReader};
use super::writer::XmlWriter;
use super::{FromXml, ReadOptions, ToXml};

/// An element kept as raw XML: its name and its serialization, with the namespace declarations
/// it uses from its context re-declared on its root, so re-emitting it anywhere gives the same
/// infoset. Text and attributes are byte-for-byte what the input had.
///
/// "Uses" means prefixes of element and attribute names and of `xsi:type` values; a prefix that
/// appears only inside other QName-valued text is not re-declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnyElement {
    ns: String,
    local: String,
    xml: String,
}

impl AnyElement {
    /// Parses a standalone element (`<p:x xmlns:p="urn:a">…</p:x>`); it must be well-formed and
    /// declare every prefix it uses.
    pub fn parse(xml: &str) -> Result<Self, DecodeError> {
        let mut r = XmlReader::new(xml.as_bytes(), &ReadOptions::default());
        r.root()?;
        let any = r.read_child::<AnyElement>()?;
        r.finish()?;
        Ok(any)
    }

    /// Namespace URI of the element (empty for none).
    pub fn ns(&self) -> &str {
        &self.ns
    }

    /// Local name of the element.
    pub fn local(&self) -> &str {
        &self.local
    }

    /// The self-contained XML of the element.
    pub fn xml(&self) -> &str {
        &self.xml
    }
}

impl FromXml for AnyElement {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        r.capture()
    }
}

impl ToXml for AnyElement {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.raw(&self.xml)
    }
}

impl XmlReader<'_> {
    /// Captures the current element (whose start tag was just read) and its subtree.
    fn capture(&mut self) -> Result<AnyElement, DecodeError> {
        let Some(root) = self.frames.last().copied() else {
            return Err(self.error(DecodeErrorKind::Other("no element to capture".into())));
        };
        self.attrs_pending = false;
        let mut used: Vec<&[u8]> = Vec::new();
        if let Some((p, _)) = root
            .qname
            .split_at_checked(memchr::memchr(b':', root.qname).unwrap_or(0))
        {
            used.push(p);
        }
        for a in &self.attrs {
            if let Some(i) = memchr::memchr(b':', a.qname) {
                used.push(a.qname.get(..i).unwrap_or_default());
            }
            if self.ns_str(a.ns) == super::XSI_NS && a.local == "type" {
                if let Some(i) = memchr::memchr(b':', a.value) {
                    used.push(a.value.get(..i).unwrap_or_default().trim_ascii());
                }
            }
        }
        let end = if root.state == FrameState::Ended {
            root.tag_end
        } else {
            self.collect = Some(used);
            let skipped = self.skip_to_end();
            used = self.collect.take().unwrap_or_default();
            skipped?;
            self.position()
        };
        let raw = self.input.get(root.start..end).ok_or_else(|| {
            self.error(DecodeErrorKind::Other("captured range out of input".into()))
        })?;
        let raw = self.str_of(raw).map_err(|k| self.error(k))?;
        let name_end = 1 + root.qname.len();
        let (head, tail) = raw
            .split_at_checked(name_end)
            .ok_or_else(|| self.error(DecodeErrorKind::Other("captured tag too short".into())))?;
        let mut xml = Vec::with_capacity(raw.len() + 64);
        xml.extend_from_slice(head.as_bytes());
        used.sort_unstable();
        used.dedup();
        for prefix in used {
            if prefix == b"xml"
                || self
                    .lookup(prefix, self.ns.len())
                    .is_some_and(|i| i >= root.ns_mark)
            {
                continue; // built in, or declared on the root itself
            }
            let Some(b) = self
                .lookup(prefix, root.ns_mark)
                .and_then(|i| self.ns.get(i))
            else {
                continue; // declared inside the subtree
            };
            if prefix.is_empty() && b.uri.is_empty() {
                continue;
            }
            xml.extend_from_slice(b" xmlns");
            if !prefix.is_empty() {
                xml.push(b':');
                xml.extend_from_slice(prefix);
            }
            xml.extend_from_slice(b"=\"");
            escape::escape_attr(&mut xml, &b.uri).map_err(|_| self.error(DecodeErrorKind::Utf8))?;
            xml.push(b'"');
        }
        xml.extend_from_slice(tail.as_bytes());
        let xml = String::from_utf8(xml).map_err(|_| self.error(DecodeErrorKind::Utf8))?;
        let (ns, local) = self.name();
        Ok(AnyElement {
            ns: ns.to_owned(),
            local: local.to_owned(),
            xml,
        })
    }
}
