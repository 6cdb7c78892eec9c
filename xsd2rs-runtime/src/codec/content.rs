//! Element content kept beyond a fixed content model: [`AnyContent`] (an element of
//! `xs:anyType`, or of an `xsi:type` the schema does not know, kept whole) and [`Mixed`]
//! (text and child elements of `mixed="true"` content, in document order).

use quick_xml::events::Event;

use super::error::{DecodeError, DecodeErrorKind};
use super::escape;
use super::raw::AnyElement;
use super::reader::XmlReader;
use super::writer::XmlWriter;
use super::{EncodeError, FromXml, ToXml};

/// The whole element a field holds, kept raw: its attributes (`xsi:type` included), text and
/// children, byte for byte. Used for elements of type `xs:anyType` and for the fallback variant
/// of an `xsi:type` enum. Unlike a bare [`AnyElement`] (which writes its own element, for
/// `xs:any`), it is written *as* the element the parent starts, so the element is not doubled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnyContent(pub AnyElement);

impl FromXml for AnyContent {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        AnyElement::from_xml(r).map(AnyContent)
    }
}

impl ToXml for AnyContent {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.raw_as_current(self.0.xml())
    }
}

/// One piece of mixed content: text, or a child element (usually a generated choice enum).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Mixed<T> {
    /// Character data between elements (references resolved, line ends normalized).
    Text(String),
    /// A child element.
    Element(T),
}

impl<T: ToXml> ToXml for Mixed<T> {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        match self {
            Mixed::Text(t) => w.text_str(t),
            Mixed::Element(v) => v.to_xml(w),
        }
    }
}

fn push_text<T>(content: &mut Vec<Mixed<T>>, text: &str) {
    if text.is_empty() {
        return;
    }
    match content.last_mut() {
        Some(Mixed::Text(t)) => t.push_str(text),
        _ => content.push(Mixed::Text(text.to_owned())),
    }
}

impl XmlReader<'_> {
    /// Like [`next_child`](Self::next_child) for `mixed="true"` content: text before the next
    /// child (whitespace included, it is content here) is appended to `content` as
    /// [`Mixed::Text`]. Children are then read with [`push_mixed`](Self::push_mixed).
    pub fn next_mixed<T>(
        &mut self,
        content: &mut Vec<Mixed<T>>,
    ) -> Result<Option<(&str, &str)>, DecodeError> {
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
                Event::Text(t) => push_text(content, &self.text_piece(t.into_inner())?),
                Event::CData(t) => push_text(content, &self.text_piece(t.into_inner())?),
                Event::GeneralRef(r) => {
                    let c = escape::resolve_reference(&r).map_err(|k| self.error(k))?;
                    push_text(content, c.encode_utf8(&mut [0; 4]));
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

    /// Reads the announced child of mixed content as a `variant` of the element enum,
    /// appending it in document order.
    pub fn push_mixed<T: FromXml, E>(
        &mut self,
        content: &mut Vec<Mixed<E>>,
        variant: impl FnOnce(T) -> E,
    ) -> Result<(), DecodeError> {
        content.push(Mixed::Element(variant(self.read_child()?)));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::WriteOptions;

    #[test]
    fn qname_attribute_declares_the_value_prefix_once() {
        let mut w = XmlWriter::new(&WriteOptions::default().prefix("t", "urn:t"));
        w.start("urn:t", "R").unwrap();
        w.start("urn:t", "A").unwrap();
        w.xsi_type("urn:t", "X").unwrap();
        w.end().unwrap();
        w.start("urn:t", "B").unwrap();
        w.xsi_type("urn:o", "Y").unwrap();
        w.end().unwrap();
        w.start("", "C").unwrap();
        w.xsi_type("", "Z").unwrap();
        w.end().unwrap();
        let out = String::from_utf8(w.finish()).unwrap();
        assert_eq!(
            out,
            "<t:R xmlns:t=\"urn:t\"><t:A xsi:type=\"t:X\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/>\
             <t:B xmlns:ns1=\"urn:o\" xsi:type=\"ns1:Y\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/>\
             <C xsi:type=\"Z\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/></t:R>"
        );
    }

    #[test]
    fn raw_content_replaces_the_started_element() {
        let raw =
            AnyContent(AnyElement::parse(r#"<p:X xmlns:p="urn:p" a="1"><p:Y/>t</p:X>"#).unwrap());
        let mut w = XmlWriter::new(&WriteOptions::default().prefix("p", "urn:p"));
        w.start("", "Root").unwrap();
        w.child("urn:p", "X", &raw).unwrap();
        w.child("urn:p", "X", &raw).unwrap();
        w.start("", "Z").unwrap();
        w.attr_str("", "b", "2").unwrap();
        assert!(raw.to_xml(&mut w).is_err(), "after an attribute");
        let out = String::from_utf8(w.finish()).unwrap();
        assert_eq!(
            out,
            r#"<Root xmlns:p="urn:p"><p:X xmlns:p="urn:p" a="1"><p:Y/>t</p:X><p:X xmlns:p="urn:p" a="1"><p:Y/>t</p:X><Z b="2"/></Root>"#
        );
    }

    #[test]
    fn mixed_text_is_collected_between_children() {
        let xml = b"<r>a &amp; b<x/><![CDATA[c]]><x/></r>";
        let mut r = XmlReader::new(xml, &crate::codec::ReadOptions::default());
        r.root().unwrap();
        let mut content: Vec<Mixed<String>> = Vec::new();
        r.child_pending = false;
        while let Some(_child) = r.next_mixed(&mut content).unwrap() {
            r.push_mixed(&mut content, |s: String| s).unwrap();
        }
        assert_eq!(
            content,
            [
                Mixed::Text("a & b".into()),
                Mixed::Element(String::new()),
                Mixed::Text("c".into()),
                Mixed::Element(String::new()),
            ]
        );
    }
}
