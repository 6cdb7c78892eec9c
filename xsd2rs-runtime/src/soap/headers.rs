//! Header blocks: [`HeaderSet`] (the typed blocks a message declares, and where undeclared
//! blocks go) and [`HeaderBlock`] (any one block: a typed value or raw XML, with
//! `mustUnderstand` and `actor`/`role`).

use std::fmt;
use std::sync::Arc;

use crate::codec::{
    AnyElement, DecodeError, EncodeError, EncodeErrorKind, ReadOptions, WriteOptions, XmlReader,
    XmlRoot, XmlWriter,
};

use super::version::SoapVersion;

/// The header blocks of one message: the ones its binding declares (`soap:header` parts), typed,
/// and any others.
///
/// Generated code implements it on a named struct per operation and direction
/// (`GetFolderInputHeaders { impersonation: Option<…>, …, extra: Vec<HeaderBlock> }`), by
/// listing its fields in [`slots`](Self::slots) and [`slots_mut`](Self::slots_mut). The
/// runtime implements it for `()` (nothing), for `Option<T>` of any global element `T: XmlRoot`
/// (one optional block), for `Vec<HeaderBlock>` (undeclared blocks only) and for tuples of
/// header sets.
///
/// Reading: each block addressed to this node is offered to
/// [`read_header`](Self::read_header); a block nobody claims is kept raw in
/// [`extra_mut`](Self::extra_mut) (when the set has such a list) and reported in the
/// envelope's `unknown`. An unclaimed block with `mustUnderstand="1"`/`"true"` fails the
/// message with a MustUnderstand error (client) or fault (server), unless its name was
/// declared understood (`Client::understands`, `Dispatcher::understands`).
pub trait HeaderSet: Default {
    /// The slots of a set built of fields, in writing order: each declared part (an
    /// `Option<T>`), then the `extra` list. A set that returns them here gets every other
    /// method from them (generated header structs implement only this and
    /// [`slots_mut`](Self::slots_mut)); the default is no slot.
    fn slots(&self) -> Vec<&dyn HeaderSlot> {
        Vec::new()
    }

    /// The same slots as [`slots`](Self::slots), mutable.
    fn slots_mut(&mut self) -> Vec<&mut dyn HeaderSlot> {
        Vec::new()
    }

    /// Writes every present block (each one a whole element), in order.
    fn write_headers(&self, w: &mut XmlWriter, version: SoapVersion) -> Result<(), EncodeError> {
        self.slots()
            .into_iter()
            .try_for_each(|s| s.write_slot(w, version))
    }

    /// If the announced header block `{ns}local` belongs to this set, decodes it with
    /// `r.read_child()` and returns `true`; otherwise leaves it unread and returns `false`.
    fn read_header(
        &mut self,
        ns: &str,
        local: &str,
        r: &mut XmlReader<'_>,
    ) -> Result<bool, DecodeError> {
        for s in self.slots_mut() {
            if s.read_slot(ns, local, r)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Whether nothing would be written (then the envelope has no `Header` element).
    fn is_empty(&self) -> bool {
        self.slots().iter().all(|s| s.slot_is_empty())
    }

    /// Where undeclared blocks of a received message go (`None`: they are only reported).
    fn extra_mut(&mut self) -> Option<&mut Vec<HeaderBlock>> {
        self.slots_mut().into_iter().find_map(|s| s.slot_extra())
    }
}

/// One slot of a [`HeaderSet`] built of fields, as a trait object: any header set (a declared
/// part `Option<T>`, the `extra` list `Vec<HeaderBlock>`) is one.
pub trait HeaderSlot {
    /// [`HeaderSet::write_headers`].
    fn write_slot(&self, w: &mut XmlWriter, version: SoapVersion) -> Result<(), EncodeError>;
    /// [`HeaderSet::read_header`].
    fn read_slot(
        &mut self,
        ns: &str,
        local: &str,
        r: &mut XmlReader<'_>,
    ) -> Result<bool, DecodeError>;
    /// [`HeaderSet::is_empty`].
    fn slot_is_empty(&self) -> bool;
    /// [`HeaderSet::extra_mut`].
    fn slot_extra(&mut self) -> Option<&mut Vec<HeaderBlock>>;
}

impl<T: HeaderSet> HeaderSlot for T {
    fn write_slot(&self, w: &mut XmlWriter, version: SoapVersion) -> Result<(), EncodeError> {
        self.write_headers(w, version)
    }

    fn read_slot(
        &mut self,
        ns: &str,
        local: &str,
        r: &mut XmlReader<'_>,
    ) -> Result<bool, DecodeError> {
        self.read_header(ns, local, r)
    }

    fn slot_is_empty(&self) -> bool {
        self.is_empty()
    }

    fn slot_extra(&mut self) -> Option<&mut Vec<HeaderBlock>> {
        self.extra_mut()
    }
}

impl HeaderSet for () {
    fn write_headers(&self, _w: &mut XmlWriter, _version: SoapVersion) -> Result<(), EncodeError> {
        Ok(())
    }

    fn read_header(
        &mut self,
        _ns: &str,
        _local: &str,
        _r: &mut XmlReader<'_>,
    ) -> Result<bool, DecodeError> {
        Ok(false)
    }

    fn is_empty(&self) -> bool {
        true
    }
}

impl<T: XmlRoot> HeaderSet for Option<T> {
    fn write_headers(&self, w: &mut XmlWriter, _version: SoapVersion) -> Result<(), EncodeError> {
        w.child_opt(T::NS, T::NAME, self)
    }

    fn read_header(
        &mut self,
        ns: &str,
        local: &str,
        r: &mut XmlReader<'_>,
    ) -> Result<bool, DecodeError> {
        if ns == T::NS && local == T::NAME && self.is_none() {
            *self = Some(r.read_child::<T>()?);
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn is_empty(&self) -> bool {
        self.is_none()
    }
}

impl HeaderSet for Vec<HeaderBlock> {
    fn write_headers(&self, w: &mut XmlWriter, version: SoapVersion) -> Result<(), EncodeError> {
        self.iter().try_for_each(|b| b.write(w, version))
    }

    fn read_header(
        &mut self,
        _ns: &str,
        _local: &str,
        _r: &mut XmlReader<'_>,
    ) -> Result<bool, DecodeError> {
        Ok(false)
    }

    fn is_empty(&self) -> bool {
        Vec::is_empty(self)
    }

    fn extra_mut(&mut self) -> Option<&mut Vec<HeaderBlock>> {
        Some(self)
    }
}

macro_rules! tuple_header_set {
    ($($t:ident $i:tt),+) => {
        impl<$($t: HeaderSet),+> HeaderSet for ($($t,)+) {
            fn write_headers(&self, w: &mut XmlWriter, version: SoapVersion) -> Result<(), EncodeError> {
                $(self.$i.write_headers(w, version)?;)+
                Ok(())
            }

            fn read_header(&mut self, ns: &str, local: &str, r: &mut XmlReader<'_>) -> Result<bool, DecodeError> {
                $(if self.$i.read_header(ns, local, r)? { return Ok(true); })+
                Ok(false)
            }

            fn is_empty(&self) -> bool {
                true $(&& self.$i.is_empty())+
            }

            fn extra_mut(&mut self) -> Option<&mut Vec<HeaderBlock>> {
                $(if let Some(extra) = self.$i.extra_mut() { return Some(extra); })+
                None
            }
        }
    };
}

tuple_header_set!(A 0);
tuple_header_set!(A 0, B 1);
tuple_header_set!(A 0, B 1, C 2);
tuple_header_set!(A 0, B 1, C 2, D 3);
tuple_header_set!(A 0, B 1, C 2, D 3, E 4);
tuple_header_set!(A 0, B 1, C 2, D 3, E 4, F 5);

/// One SOAP header block, whatever its type: built from any typed value or from raw XML, or
/// received (then kept verbatim, `mustUnderstand` and `actor`/`role` included).
///
/// ```
/// use xsd2rs_runtime::soap::HeaderBlock;
/// let block = HeaderBlock::raw(
///     r#"<t:ExchangeImpersonation xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
///          <t:ConnectingSID><t:PrimarySmtpAddress>bob@example.com</t:PrimarySmtpAddress></t:ConnectingSID>
///        </t:ExchangeImpersonation>"#,
/// )?
/// .must_understand(true);
/// assert_eq!(block.local(), "ExchangeImpersonation");
/// # Ok::<(), xsd2rs_runtime::codec::DecodeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderBlock {
    element: AnyElement,
    must_understand: bool,
    actor: Option<String>,
    /// Received: `element` carries its SOAP attributes already; written back as is.
    received: bool,
}

impl HeaderBlock {
    /// A block from a global element value (`{T::NS}T::NAME`).
    pub fn new<T: XmlRoot>(value: &T) -> Result<Self, EncodeError> {
        HeaderBlock::element(T::NS, T::NAME, value)
    }

    /// A block named `{ns}local` whose attributes and content are `value`'s (any generated
    /// type, or any [`ToXml`](crate::codec::ToXml) of your own).
    pub fn element<T: crate::codec::ToXml + ?Sized>(
        ns: &str,
        local: &str,
        value: &T,
    ) -> Result<Self, EncodeError> {
        let mut w = XmlWriter::new(&WriteOptions::default());
        w.child(ns, local, value)?;
        let misuse = |what| EncodeError {
            kind: EncodeErrorKind::Misuse(what),
            path: local.to_owned(),
        };
        let xml = String::from_utf8(w.finish()).map_err(|_| misuse("header block is not UTF-8"))?;
        let element = AnyElement::parse(&xml)
            .map_err(|_| misuse("header block does not read back as XML"))?;
        Ok(HeaderBlock::from_element(element))
    }

    /// A block from raw XML: one well-formed element declaring every prefix it uses.
    pub fn raw(xml: &str) -> Result<Self, DecodeError> {
        AnyElement::parse(xml).map(HeaderBlock::from_element)
    }

    /// A block from an element kept raw.
    pub fn from_element(element: AnyElement) -> Self {
        HeaderBlock {
            element,
            must_understand: false,
            actor: None,
            received: false,
        }
    }

    /// Sets `mustUnderstand` (written `1` in SOAP 1.1, `true` in 1.2).
    pub fn must_understand(mut self, yes: bool) -> Self {
        self.must_understand = yes;
        self
    }

    /// Sets the `actor` (SOAP 1.1) / `role` (SOAP 1.2) the block is addressed to.
    pub fn actor(mut self, uri: impl Into<String>) -> Self {
        self.actor = Some(uri.into());
        self
    }

    /// Same as [`actor`](Self::actor): the SOAP 1.2 name.
    pub fn role(self, uri: impl Into<String>) -> Self {
        self.actor(uri)
    }

    /// Namespace URI of the block's element.
    pub fn ns(&self) -> &str {
        self.element.ns()
    }

    /// Local name of the block's element.
    pub fn local(&self) -> &str {
        self.element.local()
    }

    /// Whether the block is marked `mustUnderstand`.
    pub fn is_must_understand(&self) -> bool {
        self.must_understand
    }

    /// The `actor` / `role` the block is addressed to, if any.
    pub fn actor_uri(&self) -> Option<&str> {
        self.actor.as_deref()
    }

    /// The block's element, raw (for a received block: as it was sent).
    pub fn element_raw(&self) -> &AnyElement {
        &self.element
    }

    /// Whether the block is a `{ns}local` element.
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.ns() == ns && self.local() == local
    }

    /// Decodes the block as a `T` (`None` when it is another element).
    pub fn decode<T: XmlRoot>(&self) -> Option<Result<T, DecodeError>> {
        if !self.is(T::NS, T::NAME) {
            return None;
        }
        let mut r = XmlReader::new(self.element.xml().as_bytes(), &ReadOptions::default());
        Some(match r.root() {
            Ok(_) => r.read_child::<T>(),
            Err(e) => Err(e),
        })
    }

    /// A block as received: `element` with its SOAP attributes, written back verbatim.
    pub(crate) fn received(
        element: AnyElement,
        must_understand: bool,
        actor: Option<String>,
    ) -> Self {
        HeaderBlock {
            element,
            must_understand,
            actor,
            received: true,
        }
    }

    /// Writes the block into an envelope `Header` of `version`.
    pub fn write(&self, w: &mut XmlWriter, version: SoapVersion) -> Result<(), EncodeError> {
        if self.received || (!self.must_understand && self.actor.is_none()) {
            return w.raw(self.element.xml());
        }
        let xml = self.element.xml();
        let name_len = xml
            .bytes()
            .skip(1)
            .take_while(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>'))
            .count();
        let (head, tail) = xml.split_at(1 + name_len);
        // The envelope's namespace under a prefix of our own, declared on the block itself.
        let start_tag = tail.split('>').next().unwrap_or_default();
        let mut prefix = "soapenv".to_owned();
        let mut n = 1;
        while start_tag.contains(&format!("xmlns:{prefix}=")) {
            prefix = format!("soapenv{n}");
            n += 1;
        }
        let mut out = String::with_capacity(xml.len() + 128);
        out.push_str(head);
        out.push_str(&format!(
            " xmlns:{prefix}=\"{}\"",
            escape_attr(version.envelope_ns())
        ));
        if self.must_understand {
            let yes = match version {
                SoapVersion::Soap11 => "1",
                SoapVersion::Soap12 => "true",
            };
            out.push_str(&format!(" {prefix}:mustUnderstand=\"{yes}\""));
        }
        if let Some(actor) = &self.actor {
            out.push_str(&format!(
                " {prefix}:{}=\"{}\"",
                version.actor_attribute(),
                escape_attr(actor)
            ));
        }
        out.push_str(tail);
        w.raw(&out)
    }
}

fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// Header blocks computed afresh for every call (a WS-Security token with a new nonce and
/// timestamp, a correlation id): plugged into a client with
/// [`Client::with_header_source`](super::Client::with_header_source).
pub trait HeaderSource: Send + Sync + fmt::Debug + 'static {
    /// The blocks to add to one request of `version`.
    fn header_blocks(&self, version: SoapVersion) -> Result<Vec<HeaderBlock>, EncodeError>;
}

/// Shared header source.
pub(crate) type SharedHeaderSource = Arc<dyn HeaderSource>;
