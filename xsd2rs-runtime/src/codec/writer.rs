//! The streaming writer generated `ToXml` impls drive: escaping, stable prefixes, checked values.

use std::collections::{HashMap, HashSet};

use super::error::{EncodeError, EncodeErrorKind};
use super::escape;
use super::reader::{ReadOptions, XmlReader};
use super::{ToXml, XML_NS, XSI_NS};
use crate::types::is_ncname;
use crate::value::SimpleValue;

/// The namespace of namespace declarations; nothing may be written in it.
const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";

/// Namespace keys of unqualified and `xml:` attributes (see `XmlWriter::tag_attrs`).
const NO_ENTRY: usize = usize::MAX;
const XML_ENTRY: usize = usize::MAX - 1;

/// Up to this many namespace entries, a linear search is faster than hashing.
const SCAN_ENTRIES: usize = 8;

/// Options for writing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteOptions {
    prefixes: Vec<(String, String)>,
    xml_declaration: bool,
}

impl WriteOptions {
    /// Registers a preferred prefix for a namespace; all are declared once on the root element.
    ///
    /// The prefix must be an NCName other than `xml` and `xmlns`, bound once, and the namespace
    /// neither empty nor the `xml` / `xmlns` namespace: otherwise writing the root element
    /// fails with [`EncodeErrorKind::InvalidPrefix`] (the `xml` prefix with its own namespace
    /// is accepted and ignored: it is always bound).
    pub fn prefix(mut self, prefix: &str, uri: &str) -> Self {
        self.prefixes.push((prefix.to_owned(), uri.to_owned()));
        self
    }

    /// Starts documents with `<?xml version="1.0" encoding="utf-8"?>` (default: no).
    pub fn xml_declaration(mut self, yes: bool) -> Self {
        self.xml_declaration = yes;
        self
    }
}

#[derive(Debug)]
struct NsEntry {
    uri: String,
    prefix: String,
    in_scope: bool,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Open {
    /// Offset in `out` of the qualified name (after `<`).
    qname_start: usize,
    qname_len: usize,
    /// Offset of the local name.
    local_start: usize,
    /// Offset in `out` just after the start tag's name and declarations (no attribute yet).
    after_start: usize,
    /// The element was written whole by [`XmlWriter::raw_as_current`]: no end tag.
    raw: bool,
    /// Child elements written so far (their positions, for kept `xsi:*` attributes).
    children: u32,
}

/// Streaming XML writer into a `Vec<u8>`. Generated code receives it in
/// [`ToXml::to_xml`].
#[derive(Debug)]
pub struct XmlWriter {
    out: Vec<u8>,
    /// A problem with the [`WriteOptions`] prefixes, reported when the root is started.
    bad_prefix: Option<EncodeErrorKind>,
    /// Attributes written on the open start tag, for the duplicate check: (namespace entry,
    /// [`NO_ENTRY`] for none, [`XML_ENTRY`] for `xml`; offset and length of the local name in
    /// `out`).
    tag_attrs: Vec<(usize, usize, usize)>,
    nss: Vec<NsEntry>,
    /// The first entry of each namespace and every prefix of `nss`, for lookups in constant
    /// time once there are more than [`SCAN_ENTRIES`] (a value may hold attributes or QNames in
    /// thousands of namespaces; a linear search per element would make writing quadratic).
    by_uri: HashMap<String, usize>,
    prefixes: HashSet<String>,
    /// Declarations in force: (entry, depth of the element declaring it).
    declared: Vec<(usize, usize)>,
    pub(crate) stack: Vec<Open>,
    /// A start tag is open (attributes may still be added).
    pub(crate) tag_open: bool,
    root_written: bool,
    preferred: usize,
    scratch: String,
    generated: u32,
    /// Kept `xsi:*` attributes waiting for their start tag (see `xsi.rs`).
    pub(crate) xsi: super::xsi::WriterXsi,
}

impl XmlWriter {
    /// A writer with the given options (an XML declaration is written now if asked for).
    pub fn new(options: &WriteOptions) -> Self {
        let mut out = Vec::with_capacity(4096);
        if options.xml_declaration {
            out.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        }
        let mut nss: Vec<NsEntry> = Vec::with_capacity(options.prefixes.len());
        let mut by_uri = HashMap::new();
        let mut prefixes = HashSet::new();
        let mut bad_prefix = None;
        for (p, u) in &options.prefixes {
            if p == "xml" && u == XML_NS {
                continue;
            }
            let twice = !prefixes.insert(p.clone());
            let reason =
                prefix_problem(p, u).or_else(|| twice.then_some("the prefix is bound twice"));
            by_uri.entry(u.clone()).or_insert(nss.len());
            if let (Some(reason), None) = (reason, &bad_prefix) {
                bad_prefix = Some(EncodeErrorKind::InvalidPrefix {
                    prefix: p.clone(),
                    ns: u.clone(),
                    reason,
                });
            }
            nss.push(NsEntry {
                uri: u.clone(),
                prefix: p.clone(),
                in_scope: false,
            });
        }
        XmlWriter {
            out,
            bad_prefix,
            preferred: nss.len(),
            nss,
            by_uri,
            prefixes,
            declared: Vec::new(),
            stack: Vec::with_capacity(32),
            tag_open: false,
            root_written: false,
            scratch: String::new(),
            generated: 0,
            tag_attrs: Vec::new(),
            xsi: Default::default(),
        }
    }

    /// The element path being written (`/A/B`).
    pub fn path(&self) -> String {
        let mut path = String::new();
        for o in &self.stack {
            path.push('/');
            let local = self
                .out
                .get(o.local_start..o.qname_start + o.qname_len)
                .unwrap_or_default();
            path.push_str(&String::from_utf8_lossy(local));
        }
        path
    }

    fn error(&self, kind: EncodeErrorKind) -> EncodeError {
        EncodeError {
            kind,
            path: self.path(),
        }
    }

    fn attr_error(&self, kind: EncodeErrorKind, local: &str) -> EncodeError {
        EncodeError {
            kind,
            path: format!("{}/@{local}", self.path()),
        }
    }

    /// Closes the open start tag (after its kept `xsi:*` attributes).
    fn close_tag(&mut self) -> Result<(), EncodeError> {
        if self.tag_open {
            self.flush_xsi()?;
            self.out.push(b'>');
            self.tag_open = false;
        }
        Ok(())
    }

    /// Whether the attribute `{ns}local` was written on the open start tag.
    pub(crate) fn has_attr(&self, ns: &str, local: &str) -> bool {
        let key = match ns {
            "" => NO_ENTRY,
            XML_NS => XML_ENTRY,
            _ => match self.nss.iter().position(|e| e.uri == ns) {
                Some(i) => i,
                None => return false,
            },
        };
        self.tag_attrs
            .iter()
            .any(|&(k, at, len)| k == key && self.out.get(at..at + len) == Some(local.as_bytes()))
    }

    /// Index of the namespace entry for `uri`, created with a generated prefix if new.
    fn entry(&mut self, uri: &str) -> usize {
        let found = if self.nss.len() <= SCAN_ENTRIES {
            self.nss.iter().position(|e| e.uri == uri)
        } else {
            self.by_uri.get(uri).copied()
        };
        if let Some(i) = found {
            return i;
        }
        let prefix = if uri == XSI_NS && !self.prefixes.contains("xsi") {
            "xsi".to_owned()
        } else {
            loop {
                self.generated += 1;
                let p = format!("ns{}", self.generated);
                if !self.prefixes.contains(&p) {
                    break p;
                }
            }
        };
        let i = self.nss.len();
        self.prefixes.insert(prefix.clone());
        self.by_uri.entry(uri.to_owned()).or_insert(i);
        self.nss.push(NsEntry {
            uri: uri.to_owned(),
            prefix,
            in_scope: false,
        });
        i
    }

    /// Writes `prefix:` for `uri`, declaring it on the open tag if it is not in scope.
    /// Returns the declaration to add after the name (entry index), if any.
    fn write_prefix(&mut self, uri: &str) -> Option<usize> {
        if uri == XML_NS {
            self.out.extend_from_slice(b"xml:");
            return None;
        }
        let i = self.entry(uri);
        let e = self.nss.get(i)?;
        self.out.extend_from_slice(e.prefix.as_bytes());
        self.out.push(b':');
        (!e.in_scope).then_some(i)
    }

    fn declare(&mut self, i: usize) -> Result<(), EncodeError> {
        let depth = self.stack.len();
        if let Some(e) = self.nss.get_mut(i) {
            e.in_scope = true;
            self.out.extend_from_slice(b" xmlns:");
            self.out.extend_from_slice(e.prefix.as_bytes());
            self.out.extend_from_slice(b"=\"");
            let escaped = escape::escape_attr(&mut self.out, &e.uri);
            self.out.push(b'"');
            self.declared.push((i, depth));
            escaped.map_err(|k| self.error(k))?;
        }
        Ok(())
    }

    /// The URI this writer binds `prefix` to (its own or a [`WriteOptions`] prefix), if any.
    pub(crate) fn prefix_uri(&self, prefix: &str) -> Option<&str> {
        if !self.prefixes.contains(prefix) {
            return None;
        }
        self.nss
            .iter()
            .find(|e| e.prefix == prefix)
            .map(|e| e.uri.as_str())
    }

    /// Declares `prefix` for `uri` on the open start tag unless it is in scope: the writer's
    /// own entry when it has one for this prefix (which must be bound to `uri`:
    /// [`prefix_uri`](Self::prefix_uri)), else a declaration of the element alone, which must
    /// then hold only text (a schema's prefix for a `fixed` value written as the schema does).
    pub(crate) fn declare_prefix(&mut self, prefix: &str, uri: &str) -> Result<(), EncodeError> {
        if !self.tag_open {
            return Err(self.error(EncodeErrorKind::Misuse("declaration after content")));
        }
        if let Some(i) = self.nss.iter().position(|e| e.prefix == prefix) {
            return match self.nss.get(i) {
                Some(e) if e.uri != uri => {
                    Err(self.error(EncodeErrorKind::Misuse("prefix bound to another namespace")))
                }
                Some(e) if !e.in_scope => self.declare(i),
                _ => Ok(()),
            };
        }
        if !is_ncname(prefix) {
            return Err(self.error(EncodeErrorKind::InvalidName(prefix.to_owned())));
        }
        self.out.extend_from_slice(b" xmlns:");
        self.out.extend_from_slice(prefix.as_bytes());
        self.out.extend_from_slice(b"=\"");
        let escaped = escape::escape_attr(&mut self.out, uri);
        self.out.push(b'"');
        escaped.map_err(|k| self.error(k))
    }

    // ----- elements -------------------------------------------------------------------------

    /// Writes a start tag `{ns}local` (`ns` empty: no namespace). Attributes may follow.
    ///
    /// `local` must be an NCName and `ns` not the `xmlns` namespace
    /// ([`EncodeErrorKind::InvalidName`]).
    pub fn start(&mut self, ns: &str, local: &str) -> Result<(), EncodeError> {
        if self.stack.is_empty() && self.root_written {
            return Err(self.error(EncodeErrorKind::Misuse("a second root element")));
        }
        if let Some(kind) = self.bad_prefix.take() {
            // reported on the root element, which would declare it
            return Err(EncodeError {
                kind,
                path: format!("/{local}"),
            });
        }
        if !is_ncname(local) || ns == XMLNS_NS {
            let path = format!("{}/{local}", self.path());
            return Err(EncodeError {
                kind: EncodeErrorKind::InvalidName(local.to_owned()),
                path,
            });
        }
        self.close_tag()?;
        self.tag_attrs.clear();
        let parent_depth = self.stack.len();
        let position = match self.stack.last_mut() {
            Some(parent) => {
                parent.children = parent.children.saturating_add(1);
                parent.children - 1
            }
            None => 0,
        };
        self.out.push(b'<');
        let qname_start = self.out.len();
        let pending = if ns.is_empty() {
            None
        } else {
            self.write_prefix(ns)
        };
        let local_start = self.out.len();
        self.out.extend_from_slice(local.as_bytes());
        let qname_len = self.out.len() - qname_start;
        self.stack.push(Open {
            qname_start,
            qname_len,
            local_start,
            after_start: 0,
            raw: false,
            children: 0,
        });
        self.tag_open = true;
        if !self.xsi.children.is_empty() {
            self.xsi_started(parent_depth, position, ns, local);
        }
        if !self.root_written {
            self.root_written = true;
            for i in 0..self.preferred {
                self.declare(i)?;
            }
        }
        if let Some(i) = pending {
            if self.nss.get(i).is_some_and(|e| !e.in_scope) {
                self.declare(i)?;
            }
        }
        let after = self.out.len();
        if let Some(open) = self.stack.last_mut() {
            open.after_start = after;
        }
        Ok(())
    }

    /// Replaces the element just started (before any attribute or content was written) by
    /// `xml`, one self-contained element (an [`AnyElement`](super::AnyElement)'s): how an
    /// element whose content was kept raw (an unknown `xsi:type`, `xs:anyType`) is written
    /// back. The following [`end`](Self::end) writes nothing.
    pub fn raw_as_current(&mut self, xml: &str) -> Result<(), EncodeError> {
        check_raw(xml).map_err(|k| self.error(k))?;
        let depth = self.stack.len();
        let ok = self.tag_open
            && self
                .stack
                .last()
                .is_some_and(|o| o.after_start == self.out.len());
        let Some(open) = self.stack.last_mut().filter(|_| ok) else {
            return Err(self.error(EncodeErrorKind::Misuse(
                "raw_as_current() after attributes or content",
            )));
        };
        // Forget the tag and the declarations it made; `xml` declares what it uses.
        self.out.truncate(open.qname_start.saturating_sub(1));
        let name_len = xml
            .bytes()
            .skip(1)
            .take_while(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>'))
            .count();
        let colon = xml.bytes().skip(1).take(name_len).position(|b| b == b':');
        open.qname_start = self.out.len() + 1;
        open.qname_len = name_len;
        open.local_start = open.qname_start + colon.map_or(0, |c| c + 1);
        open.raw = true;
        self.tag_open = false;
        self.xsi.pending.clear();
        self.xsi.pending_other.0.clear();
        while let Some(&(i, d)) = self.declared.last() {
            if d < depth {
                break;
            }
            if let Some(e) = self.nss.get_mut(i) {
                e.in_scope = false;
            }
            self.declared.pop();
        }
        self.out.extend_from_slice(xml.as_bytes());
        Ok(())
    }

    /// Ends the innermost open element (`/>` when it has no content).
    pub fn end(&mut self) -> Result<(), EncodeError> {
        let Some(open) = self.stack.last().copied() else {
            return Err(self.error(EncodeErrorKind::Misuse("end() without start()")));
        };
        if open.raw {
            // written whole by `raw_as_current`
        } else if self.tag_open {
            self.flush_xsi()?;
            self.out.extend_from_slice(b"/>");
            self.tag_open = false;
        } else {
            self.out.extend_from_slice(b"</");
            self.out
                .extend_from_within(open.qname_start..open.qname_start + open.qname_len);
            self.out.push(b'>');
        }
        let depth = self.stack.len();
        while let Some(&(i, d)) = self.declared.last() {
            if d < depth {
                break;
            }
            if let Some(e) = self.nss.get_mut(i) {
                e.in_scope = false;
            }
            self.declared.pop();
        }
        if !self.xsi.children.is_empty()
            || !self.xsi.pending.is_empty()
            || !self.xsi.pending_other.is_empty()
        {
            self.xsi_ended(depth);
        }
        self.stack.pop();
        Ok(())
    }

    /// Writes an attribute on the open start tag (`ns` empty: unqualified). The value is
    /// `check()`ed first.
    pub fn attr<T: SimpleValue>(
        &mut self,
        ns: &str,
        local: &str,
        value: &T,
    ) -> Result<(), EncodeError> {
        value
            .check()
            .map_err(|e| self.attr_error(EncodeErrorKind::InvalidValue(e), local))?;
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        value.write_in(&mut text, self);
        let result = self.attr_str(ns, local, &text);
        self.scratch = text;
        result
    }

    /// An optional attribute: written only when `Some`.
    pub fn attr_opt<T: SimpleValue>(
        &mut self,
        ns: &str,
        local: &str,
        value: &Option<T>,
    ) -> Result<(), EncodeError> {
        match value {
            Some(v) => self.attr(ns, local, v),
            None => Ok(()),
        }
    }

    /// Writes an attribute whose value is already text.
    ///
    /// `local` must be an NCName (and not `xmlns` when unqualified), `ns` not the `xmlns`
    /// namespace ([`EncodeErrorKind::InvalidName`]); an attribute already written on the tag
    /// is [`EncodeErrorKind::DuplicateAttribute`].
    pub fn attr_str(&mut self, ns: &str, local: &str, value: &str) -> Result<(), EncodeError> {
        if !self.tag_open {
            return Err(self.attr_error(EncodeErrorKind::Misuse("attribute after content"), local));
        }
        if !is_ncname(local) || ns == XMLNS_NS || (ns.is_empty() && local == "xmlns") {
            return Err(self.attr_error(EncodeErrorKind::InvalidName(local.to_owned()), local));
        }
        let key = match ns {
            "" => NO_ENTRY,
            XML_NS => XML_ENTRY,
            _ => self.entry(ns),
        };
        let out = &self.out;
        let same = |&(k, at, len): &(usize, usize, usize)| {
            k == key && out.get(at..at + len) == Some(local.as_bytes())
        };
        if self.tag_attrs.iter().any(same) {
            return Err(
                self.attr_error(EncodeErrorKind::DuplicateAttribute(local.to_owned()), local)
            );
        }
        self.out.push(b' ');
        let pending = if ns.is_empty() {
            None
        } else {
            self.write_prefix(ns)
        };
        self.tag_attrs.push((key, self.out.len(), local.len()));
        self.out.extend_from_slice(local.as_bytes());
        self.out.extend_from_slice(b"=\"");
        escape::escape_attr(&mut self.out, value).map_err(|k| self.attr_error(k, local))?;
        self.out.push(b'"');
        match pending {
            Some(i) => self.declare(i),
            None => Ok(()),
        }
    }

    /// Writes a QName-valued attribute (`{ns}local` = `{value_ns}value_local`), declaring a
    /// prefix for `value_ns` on the open start tag when none is in scope (`value_ns` empty: an
    /// unprefixed name, which means no namespace since the writer never declares a default one).
    pub fn attr_qname(
        &mut self,
        ns: &str,
        local: &str,
        value_ns: &str,
        value_local: &str,
    ) -> Result<(), EncodeError> {
        if !self.tag_open {
            return Err(self.attr_error(EncodeErrorKind::Misuse("attribute after content"), local));
        }
        if !is_ncname(value_local) || value_ns == XMLNS_NS {
            return Err(
                self.attr_error(EncodeErrorKind::InvalidName(value_local.to_owned()), local)
            );
        }
        let text = if value_ns.is_empty() {
            value_local.to_owned()
        } else if value_ns == XML_NS {
            format!("xml:{value_local}")
        } else {
            let i = self.entry(value_ns);
            if self.nss.get(i).is_some_and(|e| !e.in_scope) {
                self.declare(i)?;
            }
            let prefix = self.nss.get(i).map_or("", |e| e.prefix.as_str());
            format!("{prefix}:{value_local}")
        };
        self.attr_str(ns, local, &text)
    }

    /// Writes `xsi:type="p:local"` on the open start tag (the type `{ns}local`), declaring
    /// `xsi` and the type's prefix where needed.
    pub fn xsi_type(&mut self, ns: &str, local: &str) -> Result<(), EncodeError> {
        self.attr_qname(XSI_NS, "type", ns, local)
    }

    /// Writes `xsi:nil="true"` on the open start tag (as the element's kept `xsi:nil` wrote
    /// it, `1` for instance, when it kept one saying true).
    pub fn nil(&mut self) -> Result<(), EncodeError> {
        let kept = self.xsi.kept_nil().map(str::to_owned);
        self.attr_str(XSI_NS, "nil", kept.as_deref().unwrap_or("true"))
    }

    /// Writes a simple value as the text content of the open element (`check()`ed first).
    pub fn text<T: SimpleValue>(&mut self, value: &T) -> Result<(), EncodeError> {
        value
            .check()
            .map_err(|e| self.error(EncodeErrorKind::InvalidValue(e)))?;
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        value.write_in(&mut text, self);
        let result = self.text_str(&text);
        self.scratch = text;
        result
    }

    /// Writes text content (escaped).
    pub fn text_str(&mut self, text: &str) -> Result<(), EncodeError> {
        if self.stack.is_empty() {
            return Err(self.error(EncodeErrorKind::Misuse("text outside the root element")));
        }
        self.close_tag()?;
        escape::escape_text(&mut self.out, text).map_err(|k| self.error(k))
    }

    /// Writes already serialized, self-contained XML (an [`AnyElement`](super::AnyElement)'s).
    ///
    /// It is checked first: one well-formed element declaring every prefix it uses, with no
    /// character XML forbids ([`EncodeErrorKind::MalformedRaw`] otherwise).
    pub fn raw(&mut self, xml: &str) -> Result<(), EncodeError> {
        if self.stack.is_empty() && self.root_written {
            return Err(self.error(EncodeErrorKind::Misuse("a second root element")));
        }
        check_raw(xml).map_err(|k| self.error(k))?;
        self.root_written = true;
        self.close_tag()?;
        if let Some(parent) = self.stack.last_mut() {
            parent.children = parent.children.saturating_add(1);
        }
        self.out.extend_from_slice(xml.as_bytes());
        Ok(())
    }

    // ----- fields ---------------------------------------------------------------------------

    /// Writes a child element `{ns}local` whose attributes and content are `value`'s.
    pub fn child<T: ToXml + ?Sized>(
        &mut self,
        ns: &str,
        local: &str,
        value: &T,
    ) -> Result<(), EncodeError> {
        self.start(ns, local)?;
        value.to_xml(self)?;
        self.end()
    }

    /// An optional child: written only when `Some`.
    pub fn child_opt<T: ToXml>(
        &mut self,
        ns: &str,
        local: &str,
        value: &Option<T>,
    ) -> Result<(), EncodeError> {
        match value {
            Some(v) => self.child(ns, local, v),
            None => Ok(()),
        }
    }

    /// A repeated child: one element per item, in order.
    pub fn children<T: ToXml>(
        &mut self,
        ns: &str,
        local: &str,
        values: &[T],
    ) -> Result<(), EncodeError> {
        values.iter().try_for_each(|v| self.child(ns, local, v))
    }

    /// Content that writes its own element(s): a choice or substitution-group enum, an
    /// [`AnyElement`](super::AnyElement).
    pub fn content<T: ToXml + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        value.to_xml(self)
    }

    /// Optional content (see [`content`](Self::content)).
    pub fn content_opt<T: ToXml>(&mut self, value: &Option<T>) -> Result<(), EncodeError> {
        value.iter().try_for_each(|v| v.to_xml(self))
    }

    /// Repeated content in order (see [`content`](Self::content)).
    pub fn contents<T: ToXml>(&mut self, values: &[T]) -> Result<(), EncodeError> {
        values.iter().try_for_each(|v| v.to_xml(self))
    }

    /// The document written; elements still open are closed first.
    pub fn finish(mut self) -> Vec<u8> {
        while self.end().is_ok() {}
        self.out
    }
}

/// Why `prefix` cannot be bound to `uri`, if it cannot.
fn prefix_problem(prefix: &str, uri: &str) -> Option<&'static str> {
    if !is_ncname(prefix) {
        Some("the prefix is not an NCName")
    } else if prefix.eq_ignore_ascii_case("xml") || prefix.eq_ignore_ascii_case("xmlns") {
        Some("the prefixes `xml` and `xmlns` are reserved")
    } else if uri.is_empty() {
        Some("a prefix cannot be bound to no namespace")
    } else if uri == XML_NS || uri == XMLNS_NS {
        Some("the `xml` and `xmlns` namespaces cannot be bound to another prefix")
    } else {
        None
    }
}

/// Checks raw XML before it is written: one well-formed element, every prefix declared, no
/// character XML forbids.
fn check_raw(xml: &str) -> Result<(), EncodeErrorKind> {
    let options = ReadOptions {
        max_unknown_records: 0,
        ..ReadOptions::default()
    };
    let mut r = XmlReader::new(xml.as_bytes(), &options);
    let checked = r
        .root()
        .map(|_| ())
        .and_then(|()| r.read_child::<Checked>().map(|_| ()))
        .and_then(|()| r.finish().map(|_| ()));
    checked.map_err(|e| EncodeErrorKind::MalformedRaw(e.to_string()))
}

/// Raw XML read element by element with every attribute value resolved, so a reference to a
/// character XML forbids (`&#1;`) is refused there too (skipping an element does not look at
/// its attribute values).
struct Checked;

impl super::FromXml for Checked {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, super::DecodeError> {
        r.any_attrs(super::Namespaces::Any)?;
        while r.next_child()?.is_some() {
            r.read_child::<Checked>()?;
        }
        Ok(Checked)
    }
}

/// QName-valued content gets a prefix declared on the start tag being written (still open for
/// attributes and simple content) when its namespace has none in scope.
impl crate::PrefixScope for XmlWriter {
    fn prefix_for(&mut self, namespace: &str) -> Option<String> {
        if namespace.is_empty() {
            return None;
        }
        if namespace == XML_NS {
            return Some("xml".to_owned());
        }
        let i = self.entry(namespace);
        if self.tag_open && self.nss.get(i).is_some_and(|e| !e.in_scope) {
            // Only a bad namespace URI fails here; the attribute or text write reports it.
            let _ = self.declare(i);
        }
        self.nss.get(i).map(|e| e.prefix.clone())
    }
}
