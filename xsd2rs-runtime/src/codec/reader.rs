//! The streaming, namespace-aware reader generated `FromXml` impls drive.
//!
//! Built on `quick_xml::Reader<&[u8]>` (tokenizing only) with its own prefix → URI scope stack and
//! element stack, both borrowing the input: no per-element allocation. The element methods
//! generated code calls (`attr`, `next_child`, `read`, …) are in `fields.rs`.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;

use quick_xml::events::Event;

use super::error::{DecodeError, DecodeErrorKind, Unknown, UnknownKind};
use super::escape;
use super::tag::{self, RawAttr};
use super::{XML_NS, XSI_NS};

/// Options for reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Unknown elements, attributes and stray text are errors instead of being skipped and
    /// recorded in [`Decoded::unknown`](super::Decoded::unknown).
    pub strict: bool,
    /// Maximum element nesting (default 256); deeper input is an error, never a stack overflow.
    pub max_depth: usize,
    /// Maximum attributes on one element, namespace declarations included (default 1024);
    /// more is [`DecodeErrorKind::TooManyAttributes`].
    pub max_attributes: usize,
    /// Maximum namespace declarations in scope at once: on an element and its ancestors
    /// (default 1024); more is [`DecodeErrorKind::TooManyNamespaces`].
    pub max_namespaces: usize,
    /// At most this many unknown items are recorded (default [`MAX_UNKNOWN_RECORDS`]); later
    /// ones are still skipped, but not recorded, so the record cannot outgrow the message.
    pub max_unknown_records: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            strict: false,
            max_depth: 256,
            max_attributes: 1024,
            max_namespaces: 1024,
            max_unknown_records: MAX_UNKNOWN_RECORDS,
        }
    }
}

/// Default [`ReadOptions::max_unknown_records`]: at most this many unknown items are recorded
/// per document (the rest are still skipped).
pub const MAX_UNKNOWN_RECORDS: usize = 1024;

/// Longest path kept in an [`Unknown`] record; longer ones keep their end, after `…`.
const MAX_RECORDED_PATH: usize = 512;

fn shorten(path: String) -> String {
    if path.len() <= MAX_RECORDED_PATH {
        return path;
    }
    // keep whole steps: cut at the first `/` past the limit
    let from = path.len() - MAX_RECORDED_PATH;
    let cut = path
        .as_bytes()
        .iter()
        .skip(from)
        .position(|&b| b == b'/')
        .map_or(from, |i| from + i);
    format!("…{}", path.get(cut..).unwrap_or_default())
}

/// Namespace index meaning "no namespace".
pub(crate) const NO_NS: u32 = u32::MAX;

#[derive(Debug)]
pub(crate) struct Binding<'a> {
    pub(crate) prefix: &'a [u8],
    pub(crate) uri: Cow<'a, str>,
    /// Index of the binding of the same prefix this one shadows ([`NO_BINDING`]: none).
    shadows: u32,
}

/// No binding (see [`Binding::shadows`]).
const NO_BINDING: u32 = u32::MAX;

/// Up to this many bindings, prefixes are looked up by a backward scan; beyond, by the index.
const SCAN_BINDINGS: usize = 16;

/// Up to this many attributes, duplicates are found pairwise; beyond, by sorting.
const PAIRWISE_ATTRS: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FrameState {
    /// Start tag read, content not yet consumed.
    Open,
    /// End tag consumed (or the element was empty).
    Ended,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame<'a> {
    pub(crate) qname: &'a [u8],
    pub(crate) local: &'a str,
    pub(crate) ns: u32,
    /// Length of the binding stack before this element's declarations.
    pub(crate) ns_mark: usize,
    /// Byte offset of `<`.
    pub(crate) start: usize,
    /// Byte offset just after the start tag's `>`.
    pub(crate) tag_end: usize,
    pub(crate) state: FrameState,
    /// Child elements read so far (by `read_child`): the position of the next one.
    pub(crate) children: u32,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Attr<'a> {
    pub(crate) qname: &'a [u8],
    pub(crate) local: &'a str,
    pub(crate) ns: u32,
    pub(crate) value: &'a [u8],
    pub(crate) used: bool,
}

/// Streaming reader over an in-memory document. Generated code receives it in
/// [`FromXml::from_xml`](super::FromXml::from_xml).
pub struct XmlReader<'a> {
    pub(crate) input: &'a [u8],
    /// The longest valid UTF-8 prefix of `input` (all of it for valid input): names, text and
    /// attribute values are sliced from it, so UTF-8 is checked once per document.
    text: &'a str,
    /// Offset of the first invalid UTF-8 byte, if any.
    bad_utf8: Option<usize>,
    xml: quick_xml::Reader<&'a [u8]>,
    pub(crate) strict: bool,
    max_depth: usize,
    max_attributes: usize,
    max_namespaces: usize,
    max_unknown: usize,
    /// Offset of the first character XML forbids (a C0 control, U+FFFE, U+FFFF), if any.
    bad_char: Option<(usize, u32)>,
    pub(crate) ns: Vec<Binding<'a>>,
    /// The latest binding of each prefix (kept for every binding; used when there are many).
    ns_index: HashMap<&'a [u8], u32>,
    pub(crate) frames: Vec<Frame<'a>>,
    /// Attributes (without `xmlns`) of the most recently started element.
    pub(crate) attrs: Vec<Attr<'a>>,
    /// Where the next attribute lookup starts: generated code asks for attributes in declaration
    /// order, which is usually document order, so a lookup that starts after the last one found
    /// takes one comparison instead of a scan.
    pub(crate) attr_cursor: usize,
    raw_attrs: Vec<RawAttr<'a>>,
    /// `attrs` belong to the top frame and were not yet checked for unknown ones.
    pub(crate) attrs_pending: bool,
    /// `next_child` announced the top frame and nobody consumed it yet.
    pub(crate) child_pending: bool,
    /// While capturing raw XML: prefixes used in the subtree.
    pub(crate) collect: Option<Vec<&'a [u8]>>,
    pub(crate) unknown: Vec<Unknown>,
    /// The schema `default`/`fixed` value of the element being read at this depth, applied
    /// when it is empty (see `fixed.rs`).
    pub(crate) empty_default: Option<(usize, &'static str)>,
    /// `xsi:*` attributes set aside for open elements (see `xsi.rs`).
    pub(crate) xsi_pending: Vec<super::xsi::Pending>,
    pub(crate) scratch: String,
    event_start: usize,
    /// Cache for lazy line/column computation: (offset, line, offset of line start, column
    /// of offset counted in characters from 0), so positions computed in document order cost
    /// the distance between them, never a rescan from the start of the line or document.
    line_cache: Cell<(usize, u32, usize, usize)>,
}

impl<'a> XmlReader<'a> {
    /// A reader positioned before the document's root element.
    pub fn new(input: &'a [u8], options: &ReadOptions) -> Self {
        // Offsets are kept relative to the text after a UTF-8 byte order mark.
        let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
        let (text, bad_utf8) = match std::str::from_utf8(input) {
            Ok(text) => (text, None),
            Err(e) => {
                let valid = e.valid_up_to();
                let text = input.get(..valid).and_then(|v| std::str::from_utf8(v).ok());
                (text.unwrap_or_default(), Some(valid))
            }
        };
        let checked = input
            .get(..bad_utf8.unwrap_or(input.len()))
            .unwrap_or_default();
        let bad_char = forbidden_char(checked);
        let mut xml = quick_xml::Reader::from_reader(input);
        let config = xml.config_mut();
        config.check_end_names = false; // checked here, without copying names
        config.expand_empty_elements = false;
        config.trim_text(false);
        XmlReader {
            input,
            text,
            bad_utf8,
            xml,
            strict: options.strict,
            max_depth: options.max_depth,
            max_attributes: options.max_attributes,
            max_namespaces: options.max_namespaces,
            max_unknown: options.max_unknown_records,
            bad_char,
            ns: vec![Binding {
                prefix: b"xml",
                uri: Cow::Borrowed(XML_NS),
                shadows: NO_BINDING,
            }],
            ns_index: HashMap::from([(&b"xml"[..], 0)]),
            frames: Vec::with_capacity(12),
            attrs: Vec::new(),
            attr_cursor: 0,
            raw_attrs: Vec::new(),
            attrs_pending: false,
            child_pending: false,
            collect: None,
            unknown: Vec::new(),
            empty_default: None,
            xsi_pending: Vec::new(),
            scratch: String::new(),
            event_start: 0,
            line_cache: Cell::new((0, 1, 0, 0)),
        }
    }

    // ----- positions, paths, errors ---------------------------------------------------------

    /// 1-based (line, column) of a byte offset, computed lazily (columns count characters).
    ///
    /// Incremental: from the last position computed when `offset` is after it (or before it on
    /// the same line), else from the start. Positions are asked for in document order, so a
    /// document costs one pass however many positions are recorded.
    pub(crate) fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.input.len());
        let chars = |from: usize, to: usize| {
            self.input
                .get(from..to)
                .unwrap_or_default()
                .iter()
                .filter(|&&b| (b & 0xC0) != 0x80)
                .count()
        };
        let (mut at, mut line, mut line_start, mut col) = self.line_cache.get();
        if offset < at {
            if offset >= line_start {
                // same line, earlier: step back
                let col = col.saturating_sub(chars(offset, at));
                self.line_cache.set((offset, line, line_start, col));
                return (line, u32::try_from(col + 1).unwrap_or(u32::MAX));
            }
            (at, line, line_start, col) = (0, 1, 0, 0);
        }
        let chunk = self.input.get(at..offset).unwrap_or_default();
        let mut new_line = None;
        for nl in memchr::memchr_iter(b'\n', chunk) {
            line = line.saturating_add(1);
            new_line = Some(at + nl + 1);
        }
        col = match new_line {
            Some(start) => {
                line_start = start;
                chars(start, offset)
            }
            None => col + chars(at, offset),
        };
        self.line_cache.set((offset, line, line_start, col));
        (line, u32::try_from(col + 1).unwrap_or(u32::MAX))
    }

    /// The path of the first `depth` open elements (`/A/B`).
    pub(crate) fn path_to(&self, depth: usize) -> String {
        let mut path = String::new();
        for f in self.frames.iter().take(depth) {
            path.push('/');
            path.push_str(f.local);
        }
        path
    }

    /// The path of the element being read, e.g. `/Envelope/Body/GetUserOofSettingsResponse`.
    pub fn path(&self) -> String {
        self.path_to(self.frames.len())
    }

    /// Nesting depth of the element being read (the root is 1).
    pub fn depth(&self) -> usize {
        self.frames.len()
    }

    /// An error at the current element (its path and the position of its start tag).
    pub fn error(&self, kind: DecodeErrorKind) -> DecodeError {
        let at = self.frames.last().map_or(self.event_start, |f| f.start);
        self.error_at(kind, self.path(), at)
    }

    pub(crate) fn error_at(
        &self,
        kind: DecodeErrorKind,
        path: String,
        offset: usize,
    ) -> DecodeError {
        let (line, column) = self.line_col(offset);
        DecodeError::new(kind, path, line, column)
    }

    /// An error at the event being read.
    fn error_here(&self, kind: DecodeErrorKind) -> DecodeError {
        self.error_at(kind, self.path(), self.event_start)
    }

    fn quick_error(&self, e: quick_xml::Error) -> DecodeError {
        let at = usize::try_from(self.xml.error_position()).unwrap_or(usize::MAX);
        let kind = match e {
            quick_xml::Error::Encoding(_) => DecodeErrorKind::Utf8,
            quick_xml::Error::Syntax(quick_xml::errors::SyntaxError::InvalidBangMarkup) => {
                DecodeErrorKind::Syntax("invalid `<!` markup".into())
            }
            quick_xml::Error::Syntax(_) => DecodeErrorKind::UnexpectedEof,
            other => DecodeErrorKind::Syntax(other.to_string()),
        };
        self.error_at(kind, self.path(), at)
    }

    /// Records unknown content, or fails when reading strictly.
    pub(crate) fn record(
        &mut self,
        kind: UnknownKind,
        depth: usize,
        ns: &str,
        name: &str,
        offset: usize,
    ) -> Result<(), DecodeError> {
        if !self.strict && self.unknown.len() >= self.max_unknown {
            return Ok(());
        }
        let path = self.path_to(depth);
        if self.strict {
            let err = match kind {
                UnknownKind::Element => DecodeErrorKind::UnexpectedElement {
                    ns: ns.into(),
                    name: name.into(),
                },
                UnknownKind::Attribute => DecodeErrorKind::UnexpectedAttribute {
                    ns: ns.into(),
                    name: name.into(),
                },
                UnknownKind::Text => DecodeErrorKind::UnexpectedText(name.into()),
            };
            return Err(self.error_at(err, path, offset));
        }
        let (line, column) = self.line_col(offset);
        self.unknown.push(Unknown {
            kind,
            path: shorten(path),
            ns: ns.into(),
            name: name.into(),
            line,
            column,
        });
        Ok(())
    }

    // ----- namespaces -----------------------------------------------------------------------

    /// The namespace URI of an index from the binding stack (`""` for [`NO_NS`]).
    #[inline]
    pub(crate) fn ns_str(&self, idx: u32) -> &str {
        if idx == NO_NS {
            return "";
        }
        self.ns.get(idx as usize).map_or("", |b| &b.uri)
    }

    /// Index of the binding of `prefix` among the first `limit` bindings.
    ///
    /// Constant time however many declarations are in scope: a short stack is scanned, a long
    /// one goes through the prefix index and the chain of shadowed bindings (at most one per
    /// open element).
    pub(crate) fn lookup(&self, prefix: &[u8], limit: usize) -> Option<usize> {
        if self.ns.len() <= SCAN_BINDINGS {
            return self
                .ns
                .get(..limit)?
                .iter()
                .rposition(|b| b.prefix == prefix);
        }
        let mut i = *self.ns_index.get(prefix)?;
        while i as usize >= limit {
            i = self.ns.get(i as usize)?.shadows;
            if i == NO_BINDING {
                return None;
            }
        }
        Some(i as usize)
    }

    fn resolve_element(&self, prefix: &[u8]) -> Result<u32, DecodeErrorKind> {
        match self.lookup(prefix, self.ns.len()) {
            Some(i) if self.ns.get(i).is_some_and(|b| !b.uri.is_empty()) => Ok(i as u32),
            Some(_) => Ok(NO_NS),
            None if prefix.is_empty() => Ok(NO_NS),
            None => Err(DecodeErrorKind::UnboundPrefix(
                String::from_utf8_lossy(prefix).into_owned(),
            )),
        }
    }

    // ----- events ---------------------------------------------------------------------------

    /// Reads the next event; a DOCTYPE is refused here, before anything could use it.
    #[inline]
    pub(crate) fn next_event(&mut self) -> Result<Event<'a>, DecodeError> {
        self.event_start = usize::try_from(self.xml.buffer_position()).unwrap_or(usize::MAX);
        match self.xml.read_event() {
            Ok(Event::DocType(_)) => Err(self.error_here(DecodeErrorKind::Doctype)),
            // XML forbids `]]>` in character data (quick-xml does not check; kept raw XML
            // would be written back as read).
            Ok(Event::Text(t)) if t.contains(&b'>') && t.windows(3).any(|w| w == b"]]>") => {
                Err(self.error_here(DecodeErrorKind::Syntax("`]]>` in character data".into())))
            }
            Ok(ev) => Ok(ev),
            Err(e) => Err(self.quick_error(e)),
        }
    }

    /// Byte offset just after the last event.
    #[inline]
    pub(crate) fn position(&self) -> usize {
        usize::try_from(self.xml.buffer_position()).unwrap_or(usize::MAX)
    }

    /// The input bytes `s` (a subslice of the input) as text; `Utf8` if they are not valid.
    #[inline]
    pub(crate) fn str_of(&self, s: &[u8]) -> Result<&'a str, DecodeErrorKind> {
        let start = (s.as_ptr() as usize).wrapping_sub(self.input.as_ptr() as usize);
        match start
            .checked_add(s.len())
            .and_then(|end| self.text.get(start..end))
        {
            Some(text) => Ok(text),
            None => Err(DecodeErrorKind::Utf8),
        }
    }

    /// Handles a start (or empty-element) tag just read: declarations, name resolution, frame.
    pub(crate) fn push_start(&mut self, name_len: usize, empty: bool) -> Result<(), DecodeError> {
        if self.frames.len() >= self.max_depth {
            return Err(self.error_here(DecodeErrorKind::TooDeep(self.max_depth)));
        }
        let start = self.event_start;
        let tag_end = self.position();
        let close = if empty { 2 } else { 1 };
        let body = tag_end
            .checked_sub(close)
            .and_then(|end| self.input.get(start + 1..end))
            .filter(|_| self.input.get(start) == Some(&b'<'))
            .ok_or_else(|| {
                self.error_here(DecodeErrorKind::Syntax("malformed start tag".into()))
            })?;
        let (qname, rest) = body.split_at_checked(name_len).ok_or_else(|| {
            self.error_here(DecodeErrorKind::Syntax("malformed start tag".into()))
        })?;
        let ns_mark = self.ns.len();
        let result = if rest.is_empty() {
            // the common case: no attributes, no declarations
            self.attrs.clear();
            self.push_frame(qname, ns_mark, start, tag_end, empty)
        } else {
            let mut raw = std::mem::take(&mut self.raw_attrs);
            raw.clear();
            let result = self.start_tag(qname, rest, &mut raw, ns_mark, start, tag_end, empty);
            self.raw_attrs = raw;
            result
        };
        result.map_err(|k| self.error_here(k))
    }

    /// Resolves the element name and pushes its frame (declarations already pushed).
    #[inline]
    fn push_frame(
        &mut self,
        qname: &'a [u8],
        ns_mark: usize,
        start: usize,
        tag_end: usize,
        empty: bool,
    ) -> Result<(), DecodeErrorKind> {
        let (prefix, local) = tag::split_qname(qname)?;
        let ns = self.resolve_element(prefix)?;
        let local = self.str_of(local)?;
        if let Some(c) = self.collect.as_mut() {
            c.push(prefix);
        }
        let state = if empty {
            FrameState::Ended
        } else {
            FrameState::Open
        };
        self.frames.push(Frame {
            qname,
            local,
            ns,
            ns_mark,
            start,
            tag_end,
            state,
            children: 0,
        });
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn start_tag(
        &mut self,
        qname: &'a [u8],
        rest: &'a [u8],
        raw: &mut Vec<RawAttr<'a>>,
        ns_mark: usize,
        start: usize,
        tag_end: usize,
        empty: bool,
    ) -> Result<(), DecodeErrorKind> {
        self.attrs.clear();
        self.attr_cursor = 0;
        if !rest.is_empty() {
            tag::parse_attrs(rest, raw, self.max_attributes)?;
        }
        if raw.len() > self.max_attributes {
            return Err(DecodeErrorKind::TooManyAttributes(self.max_attributes));
        }
        duplicates(raw, |a| a.qname).map_err(|a| {
            DecodeErrorKind::Syntax(format!(
                "duplicate attribute `{}`",
                String::from_utf8_lossy(a.qname)
            ))
        })?;
        for a in raw.iter() {
            if a.qname == b"xmlns" {
                self.declare(b"", a.value)?;
            } else if let Some(prefix) = a.qname.strip_prefix(b"xmlns:") {
                if prefix == b"xmlns" || tag::split_qname(prefix).map(|(p, _)| p.len()) != Ok(0) {
                    return Err(DecodeErrorKind::Syntax(
                        "invalid namespace declaration".into(),
                    ));
                }
                self.declare(prefix, a.value)?;
            }
        }
        let mut qualified = false;
        for a in raw.iter() {
            if a.qname == b"xmlns" || a.qname.starts_with(b"xmlns:") {
                continue;
            }
            let (prefix, alocal) = tag::split_qname(a.qname)?;
            let ans = if prefix.is_empty() {
                NO_NS
            } else {
                qualified = true;
                self.resolve_element(prefix)?
            };
            let alocal = self.str_of(alocal)?;
            if ans != NO_NS
                && self.ns_str(ans) == XSI_NS
                && alocal == "type"
                && self.collect.is_some()
            {
                let value_prefix = a
                    .value
                    .split(|&b| b == b':')
                    .next()
                    .filter(|p| p.len() < a.value.len());
                if let (Some(c), Some(p)) = (self.collect.as_mut(), value_prefix) {
                    c.push(p.trim_ascii());
                }
            }
            if let (Some(c), false) = (self.collect.as_mut(), prefix.is_empty()) {
                c.push(prefix);
            }
            self.attrs.push(Attr {
                qname: a.qname,
                local: alocal,
                ns: ans,
                value: a.value,
                used: false,
            });
        }
        if qualified {
            // Two prefixes bound to one URI name the same attribute: compare expanded names.
            let ns = &self.ns;
            let uri = |i: u32| ns.get(i as usize).map_or("", |b| &*b.uri);
            let named: Vec<(&str, &str)> = self
                .attrs
                .iter()
                .filter(|a| a.ns != NO_NS)
                .map(|a| (uri(a.ns), a.local))
                .collect();
            if let Err((_, local)) = duplicates(&named, |n| *n) {
                return Err(DecodeErrorKind::Syntax(format!(
                    "duplicate attribute `{local}`"
                )));
            }
        }
        self.push_frame(qname, ns_mark, start, tag_end, empty)
    }

    fn declare(&mut self, prefix: &'a [u8], raw: &'a [u8]) -> Result<(), DecodeErrorKind> {
        let uri = escape::attr_value(self.str_of(raw)?)?;
        let bad = |m: &str| Err(DecodeErrorKind::Syntax(m.to_owned()));
        match (prefix, &*uri) {
            (b"xml", XML_NS) => {}
            (b"xml", _) => return bad("the xml prefix cannot be rebound"),
            (_, XML_NS) => return bad("the xml namespace cannot be bound to another prefix"),
            (p, "") if !p.is_empty() => return bad("a prefix cannot be undeclared in XML 1.0"),
            _ => {}
        }
        // the built-in `xml` binding is not counted
        if self.ns.len() > self.max_namespaces {
            return Err(DecodeErrorKind::TooManyNamespaces(self.max_namespaces));
        }
        let index = u32::try_from(self.ns.len())
            .ok()
            .filter(|&i| i != NO_BINDING)
            .ok_or(DecodeErrorKind::TooManyNamespaces(self.max_namespaces))?;
        let shadows = self.ns_index.insert(prefix, index).unwrap_or(NO_BINDING);
        self.ns.push(Binding {
            prefix,
            uri,
            shadows,
        });
        Ok(())
    }

    /// Drops the bindings from `mark` on, restoring the ones they shadowed.
    fn unbind_to(&mut self, mark: usize) {
        while self.ns.len() > mark {
            let Some(b) = self.ns.pop() else { break };
            if b.shadows == NO_BINDING {
                self.ns_index.remove(b.prefix);
            } else {
                self.ns_index.insert(b.prefix, b.shadows);
            }
        }
    }

    /// Handles an end tag: it must close the top frame, which becomes `Ended`.
    #[inline]
    pub(crate) fn close_top(&mut self, name: &[u8]) -> Result<(), DecodeError> {
        match self.frames.last_mut() {
            Some(f) if f.qname == name && f.state == FrameState::Open => {
                f.state = FrameState::Ended;
                Ok(())
            }
            Some(f) => {
                let kind = DecodeErrorKind::MismatchedEnd {
                    expected: String::from_utf8_lossy(f.qname).into_owned(),
                    found: String::from_utf8_lossy(name).into_owned(),
                };
                Err(self.error_here(kind))
            }
            None => Err(self.error_here(DecodeErrorKind::Syntax(format!(
                "end tag </{}> without start tag",
                String::from_utf8_lossy(name)
            )))),
        }
    }

    /// Pops the top frame and its namespace declarations.
    #[inline]
    pub(crate) fn pop_frame(&mut self) {
        if !self.xsi_pending.is_empty() {
            self.xsi_drop_from(self.frames.len());
        }
        if let Some(f) = self.frames.pop() {
            if self.ns.len() > f.ns_mark {
                self.unbind_to(f.ns_mark);
            }
        }
    }

    /// Whether the top frame's content is fully consumed.
    #[inline]
    pub(crate) fn top_ended(&self) -> bool {
        self.frames
            .last()
            .is_none_or(|f| f.state == FrameState::Ended)
    }

    /// Reads to the end of the top frame, checking well-formedness of everything skipped.
    /// Iterative: nesting costs heap frames (bounded by `max_depth`), never stack.
    pub(crate) fn skip_to_end(&mut self) -> Result<(), DecodeError> {
        let base = self.frames.len();
        if base == 0 {
            return Ok(());
        }
        loop {
            if self.top_ended() {
                if self.frames.len() <= base {
                    return Ok(());
                }
                self.pop_frame();
                continue;
            }
            match self.next_event()? {
                Event::Start(e) => self.push_start(e.name().as_ref().len(), false)?,
                Event::Empty(e) => self.push_start(e.name().as_ref().len(), true)?,
                Event::End(e) => self.close_top(e.name().as_ref())?,
                Event::GeneralRef(r) => {
                    escape::resolve_reference(&r).map_err(|k| self.error_here(k))?;
                }
                Event::Eof => return Err(self.error_here(DecodeErrorKind::UnexpectedEof)),
                Event::Decl(_) => return Err(self.misplaced_decl()),
                _ => {}
            }
        }
    }

    pub(crate) fn misplaced_decl(&self) -> DecodeError {
        self.error_here(DecodeErrorKind::Syntax(
            "XML declaration not at the start of the document".into(),
        ))
    }

    /// Handles text in element-only content: whitespace is ignored, anything else recorded.
    pub(crate) fn stray_text(&mut self, text: &[u8]) -> Result<(), DecodeError> {
        if text
            .iter()
            .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
        {
            return Ok(());
        }
        let shown: String = String::from_utf8_lossy(text).chars().take(40).collect();
        let at = self.event_start;
        self.record(UnknownKind::Text, self.frames.len(), "", &shown, at)
    }

    // ----- document level -------------------------------------------------------------------

    /// Reads the prolog and the root element's start tag; returns the root's (namespace, local
    /// name). Then read it with [`read_child`](Self::read_child) and end with
    /// [`finish`](Self::finish).
    pub fn root(&mut self) -> Result<(&str, &str), DecodeError> {
        if !self.frames.is_empty() || self.child_pending {
            return Err(self.error(DecodeErrorKind::Other("root() called twice".into())));
        }
        if let Some(at) = self.bad_utf8 {
            // Not well-formed: refused before anything is read, at the offending byte.
            return Err(self.error_at(DecodeErrorKind::Utf8, String::new(), at));
        }
        if let Some((at, c)) = self.bad_char {
            return Err(self.error_at(DecodeErrorKind::ForbiddenChar(c), String::new(), at));
        }
        let mut first = true;
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
                Event::Decl(_) if first => {}
                Event::Decl(_) => return Err(self.misplaced_decl()),
                Event::Text(t) if t.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n')) => {}
                Event::Comment(_) | Event::PI(_) => {}
                Event::Eof => return Err(self.error_here(DecodeErrorKind::UnexpectedEof)),
                _ => {
                    return Err(self.error_here(DecodeErrorKind::Syntax(
                        "content before the root element".into(),
                    )))
                }
            }
            first = false;
        }
        self.attrs_pending = true;
        self.child_pending = true;
        Ok(self.name())
    }

    /// After the root element was read: checks that only comments, processing instructions and
    /// whitespace follow, and returns what was skipped as unknown.
    pub fn finish(mut self) -> Result<Vec<Unknown>, DecodeError> {
        if !self.frames.is_empty() {
            return Err(self.error(DecodeErrorKind::Other(
                "finish() before the root element was read".into(),
            )));
        }
        loop {
            match self.next_event()? {
                Event::Eof => return Ok(self.unknown),
                Event::Text(t) if t.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n')) => {}
                Event::Comment(_) | Event::PI(_) => {}
                _ => {
                    return Err(self.error_here(DecodeErrorKind::Syntax(
                        "content after the root element".into(),
                    )))
                }
            }
        }
    }

    /// (namespace URI, local name) of the element being read (the last one announced).
    #[inline]
    pub fn name(&self) -> (&str, &str) {
        match self.frames.last() {
            Some(f) => (self.ns_str(f.ns), f.local),
            None => ("", ""),
        }
    }

    /// The namespace URI bound to `prefix` (`""` for the default namespace) in the scope of the
    /// element being read, for QName-valued content (`xsi:type`, SOAP `faultcode`). Valid until
    /// that element's `from_xml` returns, also after its text was read. An unbound non-empty
    /// prefix is `None`; the default namespace, when not declared, is `Some("")`.
    pub fn lookup_namespace(&self, prefix: &str) -> Option<&str> {
        match self.lookup(prefix.as_bytes(), self.ns.len()) {
            Some(i) => self.ns.get(i).map(|b| &*b.uri),
            None if prefix.is_empty() => Some(""),
            None => None,
        }
    }

    /// Unknown content recorded so far.
    pub fn unknown_so_far(&self) -> &[Unknown] {
        &self.unknown
    }
}

/// Finds the first character XML 1.0 forbids in `text`: a C0 control other than tab, line
/// feed and carriage return, or U+FFFE / U+FFFF. Returns (offset, code point).
///
/// One pass over the input, 32 bytes at a time: a block is looked at byte by byte only when it
/// holds a control byte or `0xEF` (the first byte of U+FFFE / U+FFFF, also of U+F000–U+FFFD).
pub(crate) fn forbidden_char(text: &[u8]) -> Option<(usize, u32)> {
    const BLOCK: usize = 32;
    let suspect = |b: u8| (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') || b == 0xEF;
    for (n, block) in text.chunks(BLOCK).enumerate() {
        if !block.iter().fold(false, |acc, &b| acc | suspect(b)) {
            continue;
        }
        for (i, &b) in block.iter().enumerate() {
            let at = n * BLOCK + i;
            if b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r' {
                return Some((at, u32::from(b)));
            }
            if b == 0xEF {
                if let Some([0xBF, last @ (0xBE | 0xBF)]) = text.get(at + 1..at + 3) {
                    return Some((at, 0xFF00 | (u32::from(*last) + 0x40)));
                }
            }
        }
    }
    None
}

/// Finds a duplicate among `items` by `key`: pairwise for a few, by sorting for many (so a tag
/// with thousands of attributes costs n log n, not n²). Returns the first duplicate found.
fn duplicates<T: Copy, K: Ord>(items: &[T], key: impl Fn(&T) -> K) -> Result<(), T> {
    if items.len() <= PAIRWISE_ATTRS {
        for (i, a) in items.iter().enumerate() {
            if items.iter().skip(i + 1).any(|b| key(a) == key(b)) {
                return Err(*a);
            }
        }
        return Ok(());
    }
    let mut sorted: Vec<&T> = items.iter().collect();
    sorted.sort_unstable_by_key(|a| key(a));
    match sorted.windows(2).find(|w| key(w[0]) == key(w[1])) {
        Some(w) => Err(*w[0]),
        None => Ok(()),
    }
}

/// QName-valued content resolves its prefixes in the scope of the element being read.
impl crate::NamespaceScope for XmlReader<'_> {
    fn namespace_of(&self, prefix: &str) -> Option<&str> {
        self.lookup_namespace(prefix)
    }
}
