//! The `xsi:*` attributes of an element ([`Xsi`]): `xsi:type`, `xsi:nil`,
//! `xsi:schemaLocation`, `xsi:noNamespaceSchemaLocation`, kept so that a decoded document
//! re-encodes with all of them.
//!
//! Every generated struct has one `xsi` field, read with `r.xsi()?` (after its content) and
//! written with `w.xsi(&self.xsi)?` (before its attributes). It holds the element's own `xsi:*`
//! attributes and those of its children that have no struct of their own to keep them
//! (elements of a simple type, nil elements), by the child's position among the element's
//! children and its name. A root wrapper newtype has one too. Everything else happens here:
//! the reader sets the attributes aside when an element's attributes are settled, and hands
//! a child's unclaimed ones to its parent when the child ends; the writer writes an element's
//! kept attributes when its start tag closes, after what the value itself wrote (`xsi:type` of
//! a derived variant, `xsi:nil` of a `Nillable::Nil`), which wins.

use super::attrs::{AnyAttributes, Namespaces};
use super::error::{DecodeError, DecodeErrorKind, EncodeError, EncodeErrorKind};
use super::escape;
use super::reader::XmlReader;
use super::writer::XmlWriter;
use super::XSI_NS;

/// The `xsi:*` attributes of an element and of its simple-typed (or nil) children, as read.
/// Empty (and one pointer wide) for the usual element without any.
///
/// Children are identified by their position among the element's children as written (every
/// child element counts, from 0) and their name: a kept attribute is written back only on the
/// child at that position with that name, so after reordering or inserting children of a
/// decoded value, clear the kept child attributes ([`Xsi::clear_children`]) or fix them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Xsi(Option<Box<XsiData>>);

/// What an [`Xsi`] holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct XsiData {
    /// The element's own `xsi:*` attributes, in document order.
    pub attrs: Vec<XsiAttr>,
    /// Those of children that keep none themselves, in document order.
    pub children: Vec<XsiChild>,
    /// The element's other attributes when its value cannot hold them (a nil element's).
    pub attributes: AnyAttributes,
}

/// One `xsi:*` attribute.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct XsiAttr {
    /// The local name in the XSI namespace (`type`, `nil`, `schemaLocation`,
    /// `noNamespaceSchemaLocation`).
    pub name: String,
    /// The value as read (references resolved, whitespace normalized as in any attribute);
    /// for a resolved `xsi:type`, the type's local name.
    pub value: String,
    /// For `xsi:type`: the type's namespace URI, resolved where it was read (`""`: none), so it
    /// is written back with a prefix declared for it. `None` for the other attributes (and an
    /// `xsi:type` whose prefix was not bound, kept as written by a lenient read).
    pub type_ns: Option<String>,
}

/// The `xsi:*` attributes of one child element.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct XsiChild {
    /// Position among the parent's child elements (0-based).
    pub position: u32,
    /// The child's namespace URI (`""`: none).
    pub ns: String,
    /// The child's local name.
    pub local: String,
    /// Its `xsi:*` attributes, in document order.
    pub attrs: Vec<XsiAttr>,
    /// Its other attributes when its value cannot hold them (a nil element's).
    pub attributes: AnyAttributes,
}

impl Xsi {
    /// True when nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.0
            .as_ref()
            .is_none_or(|d| d.attrs.is_empty() && d.children.is_empty() && d.attributes.is_empty())
    }

    /// What is kept, if anything.
    pub fn data(&self) -> Option<&XsiData> {
        self.0.as_deref()
    }

    /// What is kept, for changes.
    pub fn data_mut(&mut self) -> &mut XsiData {
        self.0.get_or_insert_with(Box::default)
    }

    /// The element's own attribute `xsi:{name}` as written (for `type`, the local name).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.data()?
            .attrs
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.value.as_str())
    }

    /// Sets (or replaces) the element's own attribute `xsi:{name}` (not for `type`: see
    /// [`set_type`](Self::set_type)).
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        self.put(XsiAttr {
            name: name.to_owned(),
            value: value.into(),
            type_ns: None,
        });
    }

    /// Sets `xsi:type` to the type `{ns}local`.
    pub fn set_type(&mut self, ns: &str, local: &str) {
        self.put(XsiAttr {
            name: "type".to_owned(),
            value: local.to_owned(),
            type_ns: Some(ns.to_owned()),
        });
    }

    /// The element's own `xsi:type` as (namespace URI, local name), when it was resolved.
    pub fn type_name(&self) -> Option<(&str, &str)> {
        let a = self.data()?.attrs.iter().find(|a| a.name == "type")?;
        Some((a.type_ns.as_deref()?, a.value.as_str()))
    }

    /// Removes the element's own attribute `xsi:{name}`.
    pub fn remove(&mut self, name: &str) {
        if let Some(d) = self.0.as_mut() {
            d.attrs.retain(|a| a.name != name);
        }
    }

    /// Forgets the kept attributes of children.
    pub fn clear_children(&mut self) {
        if let Some(d) = self.0.as_mut() {
            d.children.clear();
        }
    }

    fn put(&mut self, attr: XsiAttr) {
        let attrs = &mut self.data_mut().attrs;
        match attrs.iter_mut().find(|a| a.name == attr.name) {
            Some(a) => *a = attr,
            None => attrs.push(attr),
        }
    }
}

/// The attributes set aside for the element at `depth` (1 = root): its own, and its children's.
#[derive(Debug)]
pub(crate) struct Pending {
    depth: usize,
    data: XsiData,
}

impl XmlReader<'_> {
    /// The `xsi:*` attributes of the current element and of its children that kept none
    /// themselves. Call once, after the element's content was read (a generated struct calls it
    /// while building itself).
    pub fn xsi(&mut self) -> Result<Xsi, DecodeError> {
        self.settle_attrs()?;
        let depth = self.frames.len();
        match self.xsi_pending.last() {
            Some(p) if p.depth == depth => {}
            _ => return Ok(Xsi::default()),
        }
        Ok(Xsi(self.xsi_pending.pop().map(|p| Box::new(p.data))))
    }

    /// Sets aside the attribute `xsi:{local}` (raw value `raw`) of the current element.
    pub(crate) fn stash_xsi(&mut self, local: &str, raw: &[u8]) -> Result<(), DecodeError> {
        let value = self
            .str_of(raw)
            .and_then(escape::attr_value)
            .map_err(|k| self.error(k))?;
        let mut attr = XsiAttr {
            name: local.to_owned(),
            value: value.into_owned(),
            type_ns: None,
        };
        if local == "type" {
            let text = attr
                .value
                .trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'));
            let (prefix, name) = text.split_once(':').unwrap_or(("", text));
            match self.lookup_namespace(prefix) {
                Some(ns) => {
                    attr.type_ns = Some(ns.to_owned());
                    attr.value = name.to_owned();
                }
                None if self.strict => {
                    return Err(self.error(DecodeErrorKind::UnboundPrefix(prefix.to_owned())))
                }
                None => {}
            }
        }
        let depth = self.frames.len();
        self.pending_at(depth, |d| d.attrs.push(attr));
        Ok(())
    }

    /// Adds to the pending entry of the element at `depth`, created if needed (stale deeper
    /// entries, left by elements nobody claimed them from, are dropped).
    fn pending_at(&mut self, depth: usize, add: impl FnOnce(&mut XsiData)) {
        while self.xsi_pending.last().is_some_and(|p| p.depth > depth) {
            self.xsi_pending.pop();
        }
        match self.xsi_pending.last_mut() {
            Some(p) if p.depth == depth => add(&mut p.data),
            _ => {
                let mut data = XsiData::default();
                add(&mut data);
                self.xsi_pending.push(Pending { depth, data });
            }
        }
    }

    /// Keeps the current element's attributes that are not read by name (nor `xsi:*`) with
    /// its `xsi:*` ones: a nil element's, which its value (`Nillable::Nil`) cannot hold.
    pub(crate) fn keep_nil_attrs(&mut self) -> Result<(), DecodeError> {
        let attrs = self.any_attrs(Namespaces::Any)?;
        if !attrs.is_empty() {
            let depth = self.frames.len();
            self.pending_at(depth, |d| d.attributes.0.extend(attrs.0));
        }
        Ok(())
    }

    /// When a child read by `read_child` ends: counts it among its parent's children and hands
    /// its unclaimed `xsi:*` attributes to the parent.
    pub(crate) fn xsi_child_ended(&mut self) {
        let depth = self.frames.len();
        let Some(parent) = depth.checked_sub(2).and_then(|i| self.frames.get_mut(i)) else {
            return;
        };
        let position = parent.children;
        parent.children = parent.children.saturating_add(1);
        if self.xsi_pending.last().is_none_or(|p| p.depth != depth) {
            return;
        }
        let Some(own) = self.xsi_pending.pop().map(|p| p.data) else {
            return;
        };
        if own.attrs.is_empty() && own.attributes.is_empty() {
            return;
        }
        let (ns, local) = self.name();
        let child = XsiChild {
            position,
            ns: ns.to_owned(),
            local: local.to_owned(),
            attrs: own.attrs,
            attributes: own.attributes,
        };
        self.pending_at(depth - 1, |d| d.children.push(child));
    }

    /// Drops what is pending for the element being popped (and deeper).
    #[inline]
    pub(crate) fn xsi_drop_from(&mut self, depth: usize) {
        while self.xsi_pending.last().is_some_and(|p| p.depth >= depth) {
            self.xsi_pending.pop();
        }
    }
}

/// The written side: kept attributes wait until the start tag closes.
#[derive(Debug, Default)]
pub(crate) struct WriterXsi {
    /// Attributes to add to the open start tag when it closes.
    pub(crate) pending: Vec<XsiAttr>,
    /// Other kept attributes (a nil element's) to add to it.
    pub(crate) pending_other: AnyAttributes,
    /// Kept child attributes of open elements: (depth of the parent, records).
    pub(crate) children: Vec<(usize, Vec<XsiChild>)>,
}

impl WriterXsi {
    /// The lexical form of a kept `xsi:nil` saying true, pending for the open tag.
    pub(crate) fn kept_nil(&self) -> Option<&str> {
        self.pending
            .iter()
            .find(|a| a.name == "nil" && is_true(&a.value))
            .map(|a| a.value.as_str())
    }
}

fn is_true(value: &str) -> bool {
    matches!(
        value.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n')),
        "true" | "1"
    )
}

impl XmlWriter {
    /// Writes the kept `xsi:*` attributes of the element whose start tag is open (when the tag
    /// closes, unless the value already wrote the attribute: `xsi:type` of a derived variant,
    /// `xsi:nil` of a nil value; a kept `xsi:nil="true"` is only written by a nil value), and
    /// keeps those of its children for them.
    pub fn xsi(&mut self, xsi: &Xsi) -> Result<(), EncodeError> {
        let Some(d) = xsi.data() else {
            return Ok(());
        };
        if !d.attrs.is_empty() || !d.attributes.is_empty() {
            if !self.tag_open {
                return Err(self.misuse("xsi attributes after content"));
            }
            self.xsi.pending.extend(d.attrs.iter().cloned());
            (self.xsi.pending_other.0).extend(d.attributes.0.iter().cloned());
        }
        if !d.children.is_empty() {
            let depth = self.stack.len();
            self.xsi.children.push((depth, d.children.clone()));
        }
        Ok(())
    }

    /// A child `{ns}local` at `position` of the element at `parent_depth` was started: its kept
    /// attributes become pending.
    pub(crate) fn xsi_started(
        &mut self,
        parent_depth: usize,
        position: u32,
        ns: &str,
        local: &str,
    ) {
        let state = &mut self.xsi;
        let Some((depth, records)) = state.children.last() else {
            return;
        };
        if *depth != parent_depth {
            return;
        }
        if let Some(c) = records
            .iter()
            .find(|c| c.position == position && c.local == local && c.ns == ns)
        {
            let attrs = c.attrs.clone();
            state.pending = attrs;
            state.pending_other = c.attributes.clone();
        }
    }

    /// Writes the pending kept attributes on the open start tag.
    pub(crate) fn flush_xsi(&mut self) -> Result<(), EncodeError> {
        if self.xsi.pending.is_empty() && self.xsi.pending_other.is_empty() {
            return Ok(());
        }
        let other = std::mem::take(&mut self.xsi.pending_other);
        for a in &other.0 {
            if !self.has_attr(&a.ns, &a.local) {
                self.attr_str(&a.ns, &a.local, &a.value)?;
            }
        }
        let pending = std::mem::take(&mut self.xsi.pending);
        for a in &pending {
            if (a.name == "nil" && is_true(&a.value)) || self.has_attr(XSI_NS, &a.name) {
                continue;
            }
            match (&a.type_ns, a.name.as_str()) {
                (Some(ns), "type") => self.attr_qname(XSI_NS, "type", ns, &a.value)?,
                _ => self.attr_str(XSI_NS, &a.name, &a.value)?,
            }
        }
        Ok(())
    }

    /// Forgets the kept child attributes of the element at `depth` (it ends).
    pub(crate) fn xsi_ended(&mut self, depth: usize) {
        let state = &mut self.xsi;
        state.pending.clear();
        state.pending_other.0.clear();
        while state.children.last().is_some_and(|(d, _)| *d >= depth) {
            state.children.pop();
        }
    }

    fn misuse(&self, what: &'static str) -> EncodeError {
        EncodeError {
            kind: EncodeErrorKind::Misuse(what),
            path: self.path(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{ReadOptions, WriteOptions};

    const XSI: &str = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";

    /// Reads `<r>` holding `<a>` text children the way a generated struct does.
    fn read(xml: &str, strict: bool) -> Result<(Xsi, Vec<String>), DecodeError> {
        let options = ReadOptions {
            strict,
            ..ReadOptions::default()
        };
        let mut r = XmlReader::new(xml.as_bytes(), &options);
        r.root()?;
        r.child_pending = false;
        let mut items: Vec<String> = Vec::new();
        while r.next_child()?.is_some() {
            r.read_push(&mut items)?;
        }
        Ok((r.xsi()?, items))
    }

    #[test]
    fn own_and_child_attributes_are_kept_by_position() {
        let xml = format!(
            "<r {XSI} xmlns:p=\"urn:p\" xsi:schemaLocation=\"urn:p p.xsd\"><a>1</a>\
             <a xsi:type=\"p:T\" xsi:nil=\"false\">2</a></r>"
        );
        let (xsi, items) = read(&xml, true).unwrap();
        assert_eq!(items, ["1", "2"]);
        assert_eq!(xsi.get("schemaLocation"), Some("urn:p p.xsd"));
        let kids = &xsi.data().unwrap().children;
        assert_eq!((kids.len(), kids[0].position), (1, 1));
        assert_eq!(kids[0].attrs[0].type_ns.as_deref(), Some("urn:p"));

        let mut w = XmlWriter::new(&WriteOptions::default());
        w.start("", "r").unwrap();
        w.xsi(&xsi).unwrap();
        w.children("", "a", &items).unwrap();
        w.end().unwrap();
        let out = String::from_utf8(w.finish()).unwrap();
        assert_eq!(
            out,
            "<r xsi:schemaLocation=\"urn:p p.xsd\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
             <a>1</a><a xmlns:ns1=\"urn:p\" xsi:type=\"ns1:T\" xsi:nil=\"false\">2</a></r>"
        );
    }

    #[test]
    fn an_unbound_type_prefix_is_kept_when_lenient() {
        let xml = format!("<r {XSI} xsi:type=\"q:T\"/>");
        assert!(read(&xml, true).is_err());
        let (xsi, _) = read(&xml, false).unwrap();
        assert_eq!((xsi.get("type"), xsi.type_name()), (Some("q:T"), None));
    }

    #[test]
    fn the_value_wins_over_kept_attributes() {
        let mut xsi = Xsi::default();
        xsi.set_type("urn:a", "Kept");
        xsi.set("nil", "true");
        assert!(!xsi.is_empty());
        let mut w = XmlWriter::new(&WriteOptions::default());
        w.start("", "r").unwrap();
        w.xsi_type("urn:b", "Written").unwrap();
        w.xsi(&xsi).unwrap();
        w.text_str("x").unwrap();
        w.end().unwrap();
        let out = String::from_utf8(w.finish()).unwrap();
        assert!(
            out.contains("ns1:Written") && !out.contains("Kept"),
            "{out}"
        );
        assert!(
            !out.contains("nil"),
            "a kept nil=true is only written by a nil value: {out}"
        );
        xsi.remove("type");
        xsi.remove("nil");
        assert!(xsi.is_empty());
    }
}
