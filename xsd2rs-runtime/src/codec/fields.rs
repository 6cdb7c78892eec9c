//! The calls generated `FromXml` impls make: attributes, the child loop, slots, text.

use std::borrow::Cow;

use quick_xml::events::Event;

use super::error::{DecodeError, DecodeErrorKind, UnknownKind};
use super::escape;
use super::reader::{Attr, XmlReader, NO_NS};
use super::{FromXml, XSI_NS};
use crate::value::SimpleValue;

impl<'a> XmlReader<'a> {
    // ----- attributes -----------------------------------------------------------------------

    /// The attribute `{ns}local` of the current element, parsed; `None` when absent.
    /// `ns` is `""` for unqualified attributes. Call before reading any child.
    pub fn attr<T: SimpleValue>(
        &mut self,
        ns: &str,
        local: &str,
    ) -> Result<Option<T>, DecodeError> {
        if !self.attrs_pending {
            return Err(self.error(DecodeErrorKind::Other(format!(
                "attribute `{local}` read after the element's content"
            ))));
        }
        let Some(i) = self.find_attr(ns, local) else {
            return Ok(None);
        };
        self.attr_cursor = i + 1;
        let Some(a) = self.attrs.get_mut(i) else {
            return Ok(None);
        };
        a.used = true;
        let raw = a.value;
        let parsed = self
            .str_of(raw)
            .and_then(escape::attr_value)
            .and_then(|text| T::parse_in(&text, self).map_err(DecodeErrorKind::InvalidValue));
        parsed.map(Some).map_err(|k| self.attr_error(k, local))
    }

    /// The index of the current element's attribute `{ns}local`: the search starts at the
    /// cursor (after the attribute found last) and wraps around.
    fn find_attr(&self, ns: &str, local: &str) -> Option<usize> {
        let matches = |a: &Attr<'_>| {
            a.local == local
                && if a.ns == NO_NS {
                    ns.is_empty()
                } else {
                    self.ns_str(a.ns) == ns
                }
        };
        let cursor = self.attr_cursor.min(self.attrs.len());
        let (before, after) = self.attrs.split_at(cursor);
        after
            .iter()
            .position(matches)
            .map(|i| cursor + i)
            .or_else(|| before.iter().position(matches))
    }

    /// A required attribute: absent is [`DecodeErrorKind::MissingAttribute`].
    pub fn req_attr<T: SimpleValue>(&mut self, ns: &str, local: &str) -> Result<T, DecodeError> {
        match self.attr(ns, local)? {
            Some(v) => Ok(v),
            None => Err(self.error(DecodeErrorKind::MissingAttribute(local.to_owned()))),
        }
    }

    fn attr_error(&self, kind: DecodeErrorKind, local: &str) -> DecodeError {
        let at = self.frames.last().map_or(0, |f| f.start);
        self.error_at(kind, format!("{}/@{local}", self.path()), at)
    }

    /// An `xsi:*` attribute of the current element, parsed, without claiming it (it stays
    /// among the element's kept [`Xsi`](super::Xsi) attributes).
    fn xsi_attr<T: SimpleValue>(&mut self, local: &str) -> Result<Option<T>, DecodeError> {
        let i = self.find_attr(XSI_NS, local);
        let used = i.and_then(|i| self.attrs.get(i)).is_some_and(|a| a.used);
        let value = self.attr::<T>(XSI_NS, local)?;
        if let Some(a) = i.and_then(|i| self.attrs.get_mut(i)) {
            a.used = used;
        }
        Ok(value)
    }

    /// Whether the current element carries `xsi:nil="true"` (or `"1"`).
    pub fn is_nil(&mut self) -> Result<bool, DecodeError> {
        Ok(self.xsi_attr::<NilFlag>("nil")?.is_some_and(|f| f.0))
    }

    /// The current element's `xsi:type`, resolved to (namespace URI, local name) in its scope;
    /// `None` when absent. Call with the other attributes, before any child.
    pub fn xsi_type(&mut self) -> Result<Option<(String, String)>, DecodeError> {
        let Some(name) = self.xsi_attr::<TypeName>("type")? else {
            return Ok(None);
        };
        let (prefix, local) = name.0.split_once(':').unwrap_or(("", &name.0));
        match self.lookup_namespace(prefix) {
            Some(ns) => Ok(Some((ns.to_owned(), local.to_owned()))),
            None => Err(self.error(DecodeErrorKind::UnboundPrefix(prefix.to_owned()))),
        }
    }

    /// [`xsi_type`](Self::xsi_type) for a `{Type}OrDerived` enum whose declared type is
    /// `{ns}local` (`""`, `""` when abstract): an `xsi:type` naming another type is claimed (the
    /// variant it selects writes it back), one naming the declared type is left for the
    /// struct's kept attributes.
    pub fn xsi_variant(
        &mut self,
        ns: &str,
        local: &str,
    ) -> Result<Option<(String, String)>, DecodeError> {
        let t = self.xsi_type()?;
        if t.as_ref()
            .is_some_and(|(n, l)| (n.as_str(), l.as_str()) != (ns, local))
        {
            for a in self.attrs.iter_mut() {
                if a.local == "type" && a.ns != super::reader::NO_NS {
                    let is_xsi = self.ns.get(a.ns as usize).is_some_and(|b| b.uri == XSI_NS);
                    if is_xsi {
                        a.used = true;
                    }
                }
            }
        }
        Ok(t)
    }

    /// Checks the current element's attributes once: those nobody read are recorded (or are an
    /// error when strict). `xsi:*` attributes are never unknown.
    #[inline]
    pub(crate) fn settle_attrs(&mut self) -> Result<(), DecodeError> {
        if !self.attrs_pending {
            return Ok(());
        }
        self.attrs_pending = false;
        if self.attrs.is_empty() {
            return Ok(());
        }
        self.settle_attrs_slow()
    }

    #[cold]
    fn settle_attrs_slow(&mut self) -> Result<(), DecodeError> {
        for i in 0..self.attrs.len() {
            let Some(a) = self.attrs.get(i).copied() else {
                break;
            };
            if self.ns_str(a.ns) == XSI_NS {
                if !a.used {
                    self.stash_xsi(a.local, a.value)?;
                }
                continue;
            }
            if a.used {
                continue;
            }
            let ns = self.ns_str(a.ns).to_owned();
            let start = self.frames.last().map_or(0, |f| f.start);
            self.record(
                UnknownKind::Attribute,
                self.frames.len(),
                &ns,
                a.local,
                start,
            )?;
        }
        Ok(())
    }

    // ----- children -------------------------------------------------------------------------

    /// Advances to the next child element of the current element and returns its
    /// (namespace URI, local name), or `None` at the current element's end. Whitespace, comments
    /// and processing instructions are skipped; other text is recorded as unknown.
    /// Every `Some` must be consumed by one call: `read*`, `push_as`, `unknown` or `skip`.
    pub fn next_child(&mut self) -> Result<Option<(&str, &str)>, DecodeError> {
        if self.child_pending {
            self.unknown()?;
        }
        self.settle_attrs()?;
        if self.top_ended() {
            return Ok(None);
        }
        loop {
            match self.next_event()? {
                Event::Start(e) => {
                    self.push_start(e.name().as_ref().len(), false)?;
                    break;
                }
                Event::Empty(e) => {
                    self.push_start(e.name().as_ref().len(), true)?;
                    break;
                }
                Event::End(e) => {
                    self.close_top(e.name().as_ref())?;
                    return Ok(None);
                }
                Event::Text(t) => self.stray_text(&t)?,
                Event::CData(t) => self.stray_text(&t)?,
                Event::GeneralRef(r) => {
                    let c = escape::resolve_reference(&r).map_err(|k| self.error(k))?;
                    self.stray_text(c.encode_utf8(&mut [0; 4]).as_bytes())?;
                }
                Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
                Event::Decl(_) => return Err(self.misplaced_decl()),
                Event::Eof => return Err(self.error(DecodeErrorKind::UnexpectedEof)),
            }
        }
        self.attrs_pending = true;
        self.child_pending = true;
        Ok(Some(self.name()))
    }

    /// Decodes the announced child as a `T` (its content; the name was matched by the caller).
    pub fn read_child<T: FromXml>(&mut self) -> Result<T, DecodeError> {
        if !self.child_pending {
            return Err(self.error(DecodeErrorKind::Other("no child element to read".into())));
        }
        self.child_pending = false;
        let value = T::from_xml(self)?;
        self.end_child()?;
        Ok(value)
    }

    /// Finishes the current element after its `from_xml`: content left unread is skipped.
    fn end_child(&mut self) -> Result<(), DecodeError> {
        if self.child_pending {
            self.unknown()?;
        }
        self.settle_attrs()?;
        if !self.top_ended() {
            self.skip_to_end()?;
        }
        self.xsi_child_ended();
        self.pop_frame();
        Ok(())
    }

    /// Reads a single child into its slot. A second occurrence is unknown content.
    pub fn read<T: FromXml>(&mut self, slot: &mut Option<T>) -> Result<(), DecodeError> {
        if slot.is_some() {
            return self.unknown();
        }
        *slot = Some(self.read_child()?);
        Ok(())
    }

    /// Reads a repeated child, appending it.
    pub fn read_push<T: FromXml>(&mut self, list: &mut Vec<T>) -> Result<(), DecodeError> {
        list.push(self.read_child()?);
        Ok(())
    }

    /// Reads a choice member into the choice slot with its variant constructor
    /// (`r.read_as(&mut choice, Choice::A)`). A second choice is unknown content.
    pub fn read_as<T: FromXml, E>(
        &mut self,
        slot: &mut Option<E>,
        variant: impl FnOnce(T) -> E,
    ) -> Result<(), DecodeError> {
        if slot.is_some() {
            return self.unknown();
        }
        *slot = Some(variant(self.read_child()?));
        Ok(())
    }

    /// Reads a member of a repeated choice, appending it in document order.
    pub fn push_as<T: FromXml, E>(
        &mut self,
        list: &mut Vec<E>,
        variant: impl FnOnce(T) -> E,
    ) -> Result<(), DecodeError> {
        list.push(variant(self.read_child()?));
        Ok(())
    }

    /// Skips the announced child with its subtree and records it as unknown (an error when strict).
    pub fn unknown(&mut self) -> Result<(), DecodeError> {
        if !self.child_pending {
            return Ok(());
        }
        let depth = self.frames.len().saturating_sub(1);
        let (ns, name) = self.name();
        let (ns, name) = (ns.to_owned(), name.to_owned());
        let start = self.frames.last().map_or(0, |f| f.start);
        if self.strict {
            let kind = DecodeErrorKind::UnexpectedElement { ns, name };
            return Err(self.error_at(kind, self.path(), start));
        }
        self.record(UnknownKind::Element, depth, &ns, &name, start)?;
        self.skip()
    }

    /// Skips the announced child with its subtree without recording it.
    pub fn skip(&mut self) -> Result<(), DecodeError> {
        if !self.child_pending {
            return Ok(());
        }
        self.child_pending = false;
        self.attrs_pending = false;
        self.skip_to_end()?;
        self.pop_frame();
        Ok(())
    }

    /// A required child's slot: `None` is [`DecodeErrorKind::MissingElement`] naming it.
    pub fn required<T>(&self, slot: Option<T>, name: &str) -> Result<T, DecodeError> {
        slot.ok_or_else(|| self.error(DecodeErrorKind::MissingElement(name.to_owned())))
    }

    // ----- text -----------------------------------------------------------------------------

    /// The text content of the current element parsed as `T` (simple types, simpleContent).
    /// Child elements inside are recorded as unknown and skipped.
    pub fn text<T: SimpleValue>(&mut self) -> Result<T, DecodeError> {
        if self.child_pending {
            self.unknown()?;
        }
        self.settle_attrs()?;
        if self.top_ended() {
            return self.parse_empty();
        }
        // Fast path: one text node, then the end tag (no copy when nothing is escaped).
        let (first, next) = match self.next_event()? {
            Event::End(e) => {
                self.close_top(e.name().as_ref())?;
                return self.parse_empty();
            }
            Event::Text(t) => {
                let piece = self.text_piece(t.into_inner())?;
                match self.next_event()? {
                    Event::End(e) => {
                        self.close_top(e.name().as_ref())?;
                        return self.parse_value(&piece);
                    }
                    other => (Some(piece), other),
                }
            }
            other => (None, other),
        };
        let mut buf = std::mem::take(&mut self.scratch);
        buf.clear();
        if let Some(piece) = first {
            buf.push_str(&piece);
        }
        let result = self.collect_text(&mut buf, next).and_then(|()| {
            if buf.is_empty() {
                self.parse_empty()
            } else {
                self.parse_value(&buf)
            }
        });
        self.scratch = buf;
        result
    }

    /// The value of an empty element: the schema's `default`/`fixed` value when one applies.
    fn parse_empty<T: SimpleValue>(&self) -> Result<T, DecodeError> {
        self.parse_value(self.empty_value().unwrap_or(""))
    }

    fn parse_value<T: SimpleValue>(&self, text: &str) -> Result<T, DecodeError> {
        T::parse_in(text, self).map_err(|e| self.error(DecodeErrorKind::InvalidValue(e)))
    }

    /// Character data as text, line ends normalized.
    #[inline]
    pub(crate) fn text_piece(&self, raw: Cow<'a, [u8]>) -> Result<Cow<'a, str>, DecodeError> {
        match raw {
            Cow::Borrowed(b) => self
                .str_of(b)
                .map(escape::text_eol)
                .map_err(|k| self.error(k)),
            Cow::Owned(b) => String::from_utf8(b)
                .map(|s| Cow::Owned(escape::text_eol(&s).into_owned()))
                .map_err(|_| self.error(DecodeErrorKind::Utf8)),
        }
    }

    /// Appends text, starting with the already read `event`, up to the current element's end.
    fn collect_text(&mut self, buf: &mut String, mut event: Event<'a>) -> Result<(), DecodeError> {
        loop {
            match event {
                Event::Text(t) => buf.push_str(&self.text_piece(t.into_inner())?),
                Event::CData(t) => buf.push_str(&self.text_piece(t.into_inner())?),
                Event::GeneralRef(r) => {
                    buf.push(escape::resolve_reference(&r).map_err(|k| self.error(k))?);
                }
                Event::End(e) => return self.close_top(e.name().as_ref()),
                Event::Start(e) => {
                    self.push_start(e.name().as_ref().len(), false)?;
                    self.child_pending = true;
                    self.unknown()?;
                }
                Event::Empty(e) => {
                    self.push_start(e.name().as_ref().len(), true)?;
                    self.child_pending = true;
                    self.unknown()?;
                }
                Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
                Event::Decl(_) => return Err(self.misplaced_decl()),
                Event::Eof => return Err(self.error(DecodeErrorKind::UnexpectedEof)),
            }
            event = self.next_event()?;
        }
    }
}

/// `xsi:nil` value (`true`/`1`/`false`/`0`, surrounding whitespace allowed).
struct NilFlag(bool);

impl SimpleValue for NilFlag {
    fn parse_text(text: &str) -> Result<Self, crate::value::ValueError> {
        match text.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n')) {
            "true" | "1" => Ok(NilFlag(true)),
            "false" | "0" => Ok(NilFlag(false)),
            other => Err(crate::value::ValueError::new("xs:boolean", other)),
        }
    }

    fn write_text(&self, out: &mut String) {
        out.push_str(if self.0 { "true" } else { "false" });
    }
}

/// A whitespace-collapsed token (the lexical form of an `xsi:type` QName).
struct TypeName(String);

impl SimpleValue for TypeName {
    fn parse_text(text: &str) -> Result<Self, crate::value::ValueError> {
        Ok(TypeName(
            text.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
                .to_owned(),
        ))
    }

    fn write_text(&self, out: &mut String) {
        out.push_str(&self.0);
    }
}
