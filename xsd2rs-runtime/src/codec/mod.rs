//! The XML codec generated types implement: [`FromXml`] / [`ToXml`] over a streaming,
//! namespace-aware [`XmlReader`] / [`XmlWriter`].
//!
//! Generated code stays small: it declares slots and matches child names; every rule (namespace
//! matching by URI, leniency, error paths, escaping, prefixes, facet checks) lives here.
//! The contract is summarized in `xsd2rs-runtime/CODEC.md`; every shape the generator emits
//! (choices, substitution groups, enumerations, `xs:any`, nillable, simpleContent, roots) is
//! written out in `xsd2rs-runtime/tests/codec_shapes.rs`.
//!
//! What a generated complex type looks like:
//!
//! ```
//! use xsd2rs_runtime::codec::{
//!     decode_document, encode_document, DecodeError, EncodeError, FromXml, ToXml, WriteOptions,
//!     XmlReader, XmlRoot, XmlWriter,
//! };
//! # use xsd2rs_runtime::{SimpleValue, ValueError};
//! # #[derive(Debug, Clone, PartialEq)] pub struct Text(String);
//! # impl SimpleValue for Text {
//! #     fn parse_text(t: &str) -> Result<Self, ValueError> { Ok(Text(t.to_owned())) }
//! #     fn write_text(&self, out: &mut String) { out.push_str(&self.0) }
//! # }
//! const T: &str = "urn:example:types";
//!
//! /// Generated from complex type `{urn:example:types}Note`.
//! #[derive(Debug, Clone, PartialEq)]
//! pub struct Note {
//!     pub lang: Option<Text>,
//!     pub subject: Text,
//!     pub body: Option<Text>,
//!     pub tags: Vec<Text>,
//! }
//!
//! impl FromXml for Note {
//!     fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
//!         let lang = r.attr("", "lang")?;
//!         let (mut subject, mut body, mut tags) = (None, None, Vec::new());
//!         while let Some(name) = r.next_child()? {
//!             match name {
//!                 (T, "Subject") => r.read(&mut subject)?,
//!                 (T, "Body") => r.read(&mut body)?,
//!                 (T, "Tag") => r.read_push(&mut tags)?,
//!                 _ => r.unknown()?,
//!             }
//!         }
//!         Ok(Note { lang, subject: r.required(subject, "Subject")?, body, tags })
//!     }
//! }
//!
//! impl ToXml for Note {
//!     fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
//!         w.attr_opt("", "lang", &self.lang)?;
//!         w.child(T, "Subject", &self.subject)?;
//!         w.child_opt(T, "Body", &self.body)?;
//!         w.children(T, "Tag", &self.tags)
//!     }
//! }
//!
//! impl XmlRoot for Note {
//!     const NS: &'static str = T;
//!     const NAME: &'static str = "Note";
//! }
//!
//! let xml = br#"<t:Note xmlns:t="urn:example:types" lang="en" extra="1">
//!     <t:Subject>Hi &amp; bye</t:Subject><t:Tag>a</t:Tag><t:Tag>b</t:Tag><t:New/></t:Note>"#;
//! let decoded = decode_document::<Note>(xml)?;
//! assert_eq!(decoded.value.subject, Text("Hi & bye".into()));
//! assert_eq!(decoded.unknown.len(), 2); // the `extra` attribute and the `New` element
//! let out = encode_document(&decoded.value, &WriteOptions::default().prefix("t", T))?;
//! assert_eq!(
//!     String::from_utf8(out).unwrap(),
//!     r#"<t:Note xmlns:t="urn:example:types" lang="en"><t:Subject>Hi &amp; bye</t:Subject><t:Tag>a</t:Tag><t:Tag>b</t:Tag></t:Note>"#
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod attrs;
mod content;
mod document;
mod error;
mod escape;
mod fields;
mod fixed;
mod order;
mod particles;
mod raw;
mod reader;
mod tag;
mod writer;
mod xsi;

pub use attrs::{AnyAttribute, AnyAttributes, Namespaces};
pub use content::{AnyContent, Mixed};
pub use document::{decode_any, decode_any_with, encode_any, write_root, RootMatch, XmlDocument};
pub use error::{DecodeError, DecodeErrorKind, EncodeError, EncodeErrorKind, Unknown, UnknownKind};
pub use fixed::{or_default, SchemaBindings};
pub use order::Order;
pub use particles::{Cursor, Particle};
pub use raw::AnyElement;
pub use reader::{ReadOptions, XmlReader, MAX_UNKNOWN_RECORDS};
pub use writer::{WriteOptions, XmlWriter};
pub use xsi::{Xsi, XsiAttr, XsiChild, XsiData};

use crate::value::SimpleValue;

/// The `xml` namespace (bound to the `xml` prefix everywhere).
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// The XML Schema instance namespace (`xsi:nil`, `xsi:type`).
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// Decodes the content of the element the reader is positioned on: its attributes, then its
/// children or text. The element's name was matched by the caller.
///
/// Implemented by generated complex types; every [`SimpleValue`] gets it for free (its text).
pub trait FromXml: Sized {
    /// Reads attributes first (`r.attr`), then children (`r.next_child` loop) or text (`r.text`).
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError>;
}

/// Encodes a value: for a type, the attributes then content of an element whose start tag the
/// caller wrote; for a choice / substitution-group enum or an [`AnyElement`], its own element(s).
///
/// Every [`SimpleValue`] gets it for free (checked, then written as text).
pub trait ToXml {
    /// Writes attributes first (`w.attr`), then children (`w.child`…) or text (`w.text`).
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError>;
}

/// A global element that can be a document root (or a SOAP body / header block).
pub trait XmlRoot: FromXml + ToXml {
    /// Namespace URI of the element.
    const NS: &'static str;
    /// Local name of the element.
    const NAME: &'static str;
}

impl<T: SimpleValue> FromXml for T {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        r.text()
    }
}

impl<T: SimpleValue> ToXml for T {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.text(self)
    }
}

/// The value of a `nillable="true"` element: explicitly nil (`xsi:nil="true"`) or a value.
/// Absence is a separate matter (`Option<Nillable<T>>` when the element is also optional).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Nillable<T> {
    /// `xsi:nil="true"`: present, without a value.
    Nil,
    /// A value.
    Value(T),
}

impl<T> Nillable<T> {
    /// The value, if not nil.
    pub fn value(&self) -> Option<&T> {
        match self {
            Nillable::Nil => None,
            Nillable::Value(v) => Some(v),
        }
    }
}

impl<T: FromXml> FromXml for Nillable<T> {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        if r.is_nil()? {
            // Its attributes have no place in `Nil`: kept with its `xsi:*` ones.
            r.keep_nil_attrs()?;
            Ok(Nillable::Nil)
        } else {
            T::from_xml(r).map(Nillable::Value)
        }
    }
}

impl<T: ToXml> ToXml for Nillable<T> {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        match self {
            Nillable::Nil => w.nil(),
            Nillable::Value(v) => v.to_xml(w),
        }
    }
}

/// A decoded document and the unknown content a lenient read skipped.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<T> {
    /// The value.
    pub value: T,
    /// Elements, attributes and text the schema does not know (empty when strict).
    pub unknown: Vec<Unknown>,
}

/// Decodes a document whose root element is `T` (lenient: see [`ReadOptions`]).
pub fn decode_document<T: XmlRoot>(xml: &[u8]) -> Result<Decoded<T>, DecodeError> {
    decode_document_with(xml, &ReadOptions::default())
}

/// Decodes a document whose root element is `T`. Another root is
/// [`DecodeErrorKind::UnexpectedRoot`] naming it.
pub fn decode_document_with<T: XmlRoot>(
    xml: &[u8],
    options: &ReadOptions,
) -> Result<Decoded<T>, DecodeError> {
    let mut r = XmlReader::new(xml, options);
    let (ns, name) = r.root()?;
    if (ns, name) != (T::NS, T::NAME) {
        let kind = DecodeErrorKind::UnexpectedRoot {
            ns: T::NS.into(),
            name: T::NAME.into(),
            found_ns: ns.into(),
            found: name.into(),
        };
        return Err(r.error(kind));
    }
    let value = r.read_child::<T>()?;
    let unknown = r.finish()?;
    Ok(Decoded { value, unknown })
}

/// Encodes `value` as a document with root element `T::NAME`.
pub fn encode_document<T: XmlRoot>(
    value: &T,
    options: &WriteOptions,
) -> Result<Vec<u8>, EncodeError> {
    let mut w = XmlWriter::new(options);
    w.child(T::NS, T::NAME, value)?;
    Ok(w.finish())
}
