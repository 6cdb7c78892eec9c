//! Small helpers over roxmltree: positions, namespaces, documentation text.

use std::sync::Arc;

use roxmltree::Node;

use crate::model::{Location, XS_NS};

/// The WSDL 1.1 namespace.
pub(crate) const WSDL_NS: &str = "http://schemas.xmlsoap.org/wsdl/";
/// The WSDL SOAP 1.1 binding namespace.
pub(crate) const SOAP11_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
/// The WSDL SOAP 1.2 binding namespace.
pub(crate) const SOAP12_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap12/";

/// The namespace bindings a value's QNames may use where `node` declares it (a `fixed`
/// value): `(prefix, uri)` for each declared prefix of a whitespace-separated token `p:local`,
/// then `("", default namespace)` (empty: none), in first-use order. Empty when no token is
/// prefixed with a declared prefix: such a value needs no binding to be written as the schema
/// writes it.
pub(crate) fn value_bindings(node: Node, value: Option<&str>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for token in value.unwrap_or_default().split_ascii_whitespace() {
        let Some((prefix, local)) = token.split_once(':') else {
            continue;
        };
        if prefix.is_empty() || local.is_empty() || out.iter().any(|(p, _)| p == prefix) {
            continue;
        }
        if let Some(uri) = node.lookup_namespace_uri(Some(prefix)) {
            out.push((prefix.to_owned(), uri.to_owned()));
        }
    }
    if !out.is_empty() {
        let default = node.lookup_namespace_uri(None).unwrap_or_default();
        out.push((String::new(), default.to_owned()));
    }
    out
}

/// Byte offsets of line starts, and character counts at every [`CHAR_BLOCK`] bytes, for cheap
/// offset → line:column conversion: a column costs at most one block of counting, however long
/// its line (a schema written on one line has every definition on it).
#[derive(Debug, Clone, Default)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
    /// `chars[k]`: the characters in the first `k * CHAR_BLOCK` bytes.
    chars: Vec<usize>,
}

/// The byte distance between two character-count checkpoints of a [`LineIndex`].
const CHAR_BLOCK: usize = 1024;

/// Whether `b` starts a character (is not a UTF-8 continuation byte).
fn starts_char(b: &u8) -> bool {
    (*b as i8) >= -0x40
}

impl LineIndex {
    /// Indexes `text`.
    pub(crate) fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text));
        let mut chars = vec![0];
        let mut n = 0;
        for block in text.as_bytes().chunks(CHAR_BLOCK) {
            n += block.iter().filter(|b| starts_char(b)).count();
            chars.push(n);
        }
        LineIndex { starts, chars }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub(crate) fn pos(&self, text: &str, offset: usize) -> (u32, u32) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let col = self
            .chars_before(text, offset)
            .saturating_sub(self.chars_before(text, start));
        (clamp(line), clamp(col + 1))
    }

    /// The characters in `text[..offset]` (offset clamped to the text).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let offset = offset.min(text.len());
        let block = offset / CHAR_BLOCK;
        let counted = self.chars.get(block).copied().unwrap_or(0);
        let rest = text
            .as_bytes()
            .get(block * CHAR_BLOCK..offset)
            .unwrap_or(&[]);
        counted + rest.iter().filter(|b| starts_char(b)).count()
    }
}

fn clamp(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i + 1)
}

/// A file's name and text with its line index: turns offsets into [`Location`]s.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Positions<'a> {
    /// The file as shown to the user.
    pub(crate) file: &'a Arc<str>,
    /// The text.
    pub(crate) text: &'a str,
    /// Its line index.
    pub(crate) lines: &'a LineIndex,
}

impl Positions<'_> {
    /// The location of a byte offset.
    pub(crate) fn at(&self, offset: usize) -> Location {
        let (line, column) = self.lines.pos(self.text, offset);
        Location {
            file: self.file.clone(),
            line,
            column,
        }
    }

    /// The location of an element's start tag.
    pub(crate) fn node(&self, node: Node) -> Location {
        self.at(node.range().start)
    }

    /// The location of an attribute of `node` (of the element if it has no such attribute).
    pub(crate) fn attr(&self, node: Node, name: &str) -> Location {
        match node.attribute_node(name) {
            Some(a) => self.at(a.range().start),
            None => self.node(node),
        }
    }
}

/// True if `node` is the element `{ns}local`.
pub(crate) fn is(node: Node, ns: &str, local: &str) -> bool {
    node.is_element() && node.tag_name().name() == local && node.tag_name().namespace() == Some(ns)
}

/// True if `node` is an element in the XML Schema namespace.
pub(crate) fn is_xs(node: Node) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(XS_NS)
}

/// The element children of a node, skipping `xs:annotation`.
pub(crate) fn content_children<'a, 'i>(node: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children()
        .filter(|c| c.is_element() && !is(*c, XS_NS, "annotation"))
}

/// The text of the `xs:annotation/xs:documentation` children, whitespace-normalised.
pub(crate) fn xs_doc(node: Node) -> Option<String> {
    let mut out = Vec::new();
    for ann in node.children().filter(|c| is(*c, XS_NS, "annotation")) {
        for d in ann.children().filter(|c| is(*c, XS_NS, "documentation")) {
            let t = normalized_text(d);
            if !t.is_empty() {
                out.push(t);
            }
        }
    }
    (!out.is_empty()).then(|| out.join(" "))
}

/// The text of the `wsdl:documentation` child, whitespace-normalised.
pub(crate) fn wsdl_doc(node: Node) -> Option<String> {
    let mut out = Vec::new();
    for d in node.children().filter(|c| is(*c, WSDL_NS, "documentation")) {
        let t = normalized_text(d);
        if !t.is_empty() {
            out.push(t);
        }
    }
    (!out.is_empty()).then(|| out.join(" "))
}

/// All descendant text of a node with runs of whitespace collapsed to one space.
pub(crate) fn normalized_text(node: Node) -> String {
    let mut s = String::new();
    for t in node.descendants().filter(|n| n.is_text()) {
        if let Some(text) = t.text() {
            s.push_str(text);
            s.push(' ');
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A short display name of an element for messages (`xs:foo`, `wsdl:bar`, `{ns}baz`).
pub(crate) fn display_tag(node: Node) -> String {
    let tag = node.tag_name();
    match tag.namespace() {
        Some(XS_NS) => format!("xs:{}", tag.name()),
        Some(WSDL_NS) => format!("wsdl:{}", tag.name()),
        Some(SOAP11_NS) | Some(SOAP12_NS) => format!("soap:{}", tag.name()),
        Some(ns) => format!("{{{ns}}}{}", tag.name()),
        None => tag.name().to_string(),
    }
}

/// Why a document could not be read.
#[derive(Debug)]
pub(crate) enum ParseError {
    /// Not well-formed XML.
    Xml(roxmltree::Error),
    /// Over one of the loader's caps (see [`super::prescan`]).
    Refused(super::prescan::Refused),
}

impl ParseError {
    /// The location of the problem in `pos`'s file.
    pub(crate) fn location(&self, pos: &Positions) -> Location {
        match self {
            ParseError::Xml(e) => Location {
                file: pos.file.clone(),
                line: e.pos().row,
                column: e.pos().col,
            },
            ParseError::Refused(r) => pos.at(r.offset),
        }
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParseError::Xml(e) => write!(f, "malformed XML: {e}"),
            ParseError::Refused(r) => write!(f, "document refused: {}", r.message),
        }
    }
}

/// Reads a document: first the linear pre-scan against the loader's caps (nesting depth,
/// attributes, namespace declarations, entity declarations and expansion), then roxmltree
/// with DTDs allowed (some schemas carry one).
pub(crate) fn parse(text: &str) -> Result<roxmltree::Document<'_>, ParseError> {
    super::prescan::check(text, &super::prescan::LIMITS).map_err(ParseError::Refused)?;
    roxmltree::Document::parse_with_options(
        text,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..roxmltree::ParsingOptions::default()
        },
    )
    .map_err(ParseError::Xml)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_gives_one_based_positions() {
        let text = "ab\ncdé\nf";
        let idx = LineIndex::new(text);
        assert_eq!(idx.pos(text, 0), (1, 1));
        assert_eq!(idx.pos(text, 3), (2, 1));
        assert_eq!(idx.pos(text, 7), (2, 4));
        assert_eq!(idx.pos(text, 8), (3, 1));
        assert_eq!(idx.pos(text, 999), (3, 2));
    }

    #[test]
    fn columns_of_a_long_line_count_characters_across_blocks() {
        let text = format!("x\n{}", "é".repeat(3 * CHAR_BLOCK));
        let idx = LineIndex::new(&text);
        for chars in [0, 1, 511, 512, 513, 1500, 3 * CHAR_BLOCK] {
            let offset = 2 + 2 * chars;
            assert_eq!(idx.pos(&text, offset), (2, clamp(chars + 1)), "{chars}");
        }
    }
}
