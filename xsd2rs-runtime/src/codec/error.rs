//! Decode and encode errors, and the record of unknown content met while reading leniently.

use std::fmt;

use crate::value::ValueError;

/// What went wrong while decoding (see [`DecodeError`] for where).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The input is not well-formed XML.
    #[error("malformed XML: {0}")]
    Syntax(String),
    /// The input is not valid UTF-8.
    #[error("invalid UTF-8")]
    Utf8,
    /// A document type declaration: refused, so no entity is ever defined or expanded.
    #[error("DOCTYPE is not allowed")]
    Doctype,
    /// An entity reference other than the five predefined ones.
    #[error("unknown entity reference &{0};")]
    UnknownEntity(String),
    /// An end tag that does not close the open element.
    #[error("end tag </{found}> does not match start tag <{expected}>")]
    MismatchedEnd {
        /// The qualified name of the open element.
        expected: String,
        /// The qualified name found in the end tag.
        found: String,
    },
    /// The input ended inside the document.
    #[error("unexpected end of input")]
    UnexpectedEof,
    /// A namespace prefix without a declaration in scope.
    #[error("namespace prefix `{0}` is not declared")]
    UnboundPrefix(String),
    /// Elements nested deeper than [`ReadOptions::max_depth`](super::ReadOptions::max_depth).
    #[error("elements nested deeper than {0} levels")]
    TooDeep(usize),
    /// An element with more attributes (namespace declarations included) than
    /// [`ReadOptions::max_attributes`](super::ReadOptions::max_attributes).
    #[error("more than {0} attributes on one element")]
    TooManyAttributes(usize),
    /// More namespace declarations in scope than
    /// [`ReadOptions::max_namespaces`](super::ReadOptions::max_namespaces).
    #[error("more than {0} namespace declarations in scope")]
    TooManyNamespaces(usize),
    /// A character XML 1.0 does not allow, written literally (a C0 control other than tab,
    /// line feed and carriage return, U+FFFE, U+FFFF).
    #[error("character U+{0:04X} is not allowed in XML 1.0")]
    ForbiddenChar(u32),
    /// A required child element is absent.
    #[error("missing required element `{0}`")]
    MissingElement(String),
    /// A required attribute is absent.
    #[error("missing required attribute `{0}`")]
    MissingAttribute(String),
    /// A value that does not fit its simple type or violates a facet.
    #[error("invalid value: {0}")]
    InvalidValue(ValueError),
    /// An element the type does not declare (strict reading only, or at the document root).
    #[error("unexpected element {{{ns}}}{name}")]
    UnexpectedElement {
        /// Its namespace URI (empty for none).
        ns: String,
        /// Its local name.
        name: String,
    },
    /// An attribute the type does not declare (strict reading only).
    #[error("unexpected attribute {{{ns}}}{name}")]
    UnexpectedAttribute {
        /// Its namespace URI (empty for none).
        ns: String,
        /// Its local name.
        name: String,
    },
    /// Character data where only elements are allowed (strict reading only).
    #[error("unexpected text {0:?}")]
    UnexpectedText(String),
    /// A document whose root element is not the one asked for.
    #[error("unexpected root element {{{found_ns}}}{found}, expected {{{ns}}}{name}")]
    UnexpectedRoot {
        /// Expected namespace URI.
        ns: String,
        /// Expected local name.
        name: String,
        /// Namespace URI found.
        found_ns: String,
        /// Local name found.
        found: String,
    },
    /// A document whose root element is none of the roots of the module's `Document` enum.
    #[error("root element {{{found_ns}}}{found} is not a document root this module knows")]
    UnknownRoot {
        /// Namespace URI found.
        found_ns: String,
        /// Local name found.
        found: String,
    },
    /// Any other problem, described (used by layers built on the codec, e.g. SOAP).
    #[error("{0}")]
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct DecodeErrorInner {
    kind: DecodeErrorKind,
    path: String,
    line: u32,
    column: u32,
}

/// A decode failure: what, at which element path, at which line and column.
///
/// Boxed so that `Result<T, DecodeError>` stays small on the hot path.
#[derive(Clone, PartialEq, Eq)]
pub struct DecodeError(Box<DecodeErrorInner>);

impl DecodeError {
    /// Builds an error (the reader fills in path and position; see `XmlReader::error`).
    pub fn new(kind: DecodeErrorKind, path: String, line: u32, column: u32) -> Self {
        DecodeError(Box::new(DecodeErrorInner {
            kind,
            path,
            line,
            column,
        }))
    }

    /// What went wrong.
    pub fn kind(&self) -> &DecodeErrorKind {
        &self.0.kind
    }

    /// The element path, e.g. `/Envelope/Body/GetUserOofSettingsResponse/OofSettings/OofState`
    /// (local names; an attribute ends in `/@Name`).
    pub fn path(&self) -> &str {
        &self.0.path
    }

    /// 1-based line of the position the error refers to.
    pub fn line(&self) -> u32 {
        self.0.line
    }

    /// 1-based column (in bytes) of the position the error refers to.
    pub fn column(&self) -> u32 {
        self.0.column
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.0.path.is_empty() {
            "/"
        } else {
            &self.0.path
        };
        write!(
            f,
            "{} at {} (line {}, column {})",
            self.0.kind, path, self.0.line, self.0.column
        )
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for DecodeError {}

/// What went wrong while encoding (see [`EncodeError`] for where).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeErrorKind {
    /// A value fails its facets (`SimpleValue::check`).
    #[error("invalid value: {0}")]
    InvalidValue(ValueError),
    /// A character XML 1.0 cannot carry (e.g. U+0000 or another C0 control).
    #[error("character U+{0:04X} cannot be written in XML 1.0")]
    InvalidChar(u32),
    /// The writer was driven out of order (an attribute after content, an end without a start).
    #[error("writer misuse: {0}")]
    Misuse(&'static str),
    /// An element or attribute name that is not an NCName (or one XML reserves: an unqualified
    /// attribute `xmlns`, a name in the `xmlns` namespace).
    #[error("`{0}` is not a valid element or attribute name")]
    InvalidName(String),
    /// A prefix that cannot be declared as asked ([`WriteOptions::prefix`](super::WriteOptions::prefix)).
    #[error("prefix `{prefix}` for namespace `{ns}`: {reason}")]
    InvalidPrefix {
        /// The prefix.
        prefix: String,
        /// The namespace it was to be bound to.
        ns: String,
        /// Why it cannot be.
        reason: &'static str,
    },
    /// A QName-valued text that cannot be written so that it reads back the same (an
    /// unqualified SOAP fault code `xml:x` would read as one in the `xml` namespace).
    #[error("`{0}` cannot be written as a qualified name that reads back the same")]
    InvalidQName(String),
    /// The same attribute written twice on one element.
    #[error("attribute `{0}` written twice")]
    DuplicateAttribute(String),
    /// Raw XML (an [`AnyElement`](super::AnyElement)'s) that is not one well-formed element.
    #[error("raw XML is not one well-formed element: {0}")]
    MalformedRaw(String),
}

/// An encode failure with the element path it happened at.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind} at {path}")]
pub struct EncodeError {
    /// What went wrong.
    pub kind: EncodeErrorKind,
    /// The element path (local names; an attribute ends in `/@Name`).
    pub path: String,
}

impl EncodeError {
    /// What went wrong.
    pub fn kind(&self) -> &EncodeErrorKind {
        &self.kind
    }

    /// The element path.
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// What kind of content was unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnknownKind {
    /// A child element the type does not declare (skipped with its subtree).
    Element,
    /// An attribute the type does not declare.
    Attribute,
    /// Non-whitespace text where only elements are expected, or a child element inside simple
    /// content.
    Text,
}

/// Content a lenient read skipped: a newer server added something the schema does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    /// Element, attribute or text.
    pub kind: UnknownKind,
    /// Path of the element that contains it.
    pub path: String,
    /// Namespace URI of the element or attribute (empty for none, and for text).
    pub ns: String,
    /// Local name of the element or attribute; for text, the text (truncated).
    pub name: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

impl fmt::Display for Unknown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            UnknownKind::Element => "element",
            UnknownKind::Attribute => "attribute",
            UnknownKind::Text => "text",
        };
        write!(
            f,
            "unknown {what} {{{}}}{} in {} (line {}, column {})",
            self.ns, self.name, self.path, self.line, self.column
        )
    }
}
