//! A linear pre-scan of every document before roxmltree reads it, refusing the shapes that
//! would make the read (or the recursive stages after it) super-linear or unbounded.
//!
//! roxmltree expands internal-subset entities without a budget at the top level (a 100 KB
//! entity referenced 10,000 times is a gigabyte of text), looks entities up linearly, checks
//! duplicate attributes pairwise and copies the namespaces in scope into each element that
//! declares one. The loader, planner and emitter recurse once per level of nesting. Schemas
//! and WSDL documents never need much of any of these, so each is capped (see [`Limits`]);
//! a document over a cap is refused with an error at the place where the cap was passed.
//!
//! The scan is lexical, not a validating parse: on malformed input it stops quietly and
//! leaves the error to roxmltree.

use std::collections::HashMap;

/// The caps applied to every schema and WSDL document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Deepest element nesting.
    pub(crate) depth: usize,
    /// Most attributes (namespace declarations included) on one element.
    pub(crate) attributes: usize,
    /// Most namespace declarations in one document.
    pub(crate) namespaces: usize,
    /// Most general entities declared in the internal subset.
    pub(crate) entities: usize,
    /// Most text all entity references of a document may expand to, in bytes.
    pub(crate) expansion: usize,
}

/// The loader's caps: far above what real schemas use (the EWS schemas nest 12 deep, put
/// at most 12 attributes on an element and declare no entities).
pub(crate) const LIMITS: Limits = Limits {
    depth: 256,
    attributes: 256,
    namespaces: 4096,
    entities: 256,
    expansion: 4 << 20,
};

/// A cap passed: where (byte offset) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refused {
    /// Byte offset in the document.
    pub(crate) offset: usize,
    /// What was refused.
    pub(crate) message: String,
}

/// Checks `text` against `limits`.
pub(crate) fn check(text: &str, limits: &Limits) -> Result<(), Refused> {
    Scanner {
        b: text.as_bytes(),
        i: 0,
        limits,
        depth: 0,
        namespaces: 0,
        entities: HashMap::new(),
        expanded: 0,
    }
    .run()
}

struct Scanner<'a, 'l> {
    b: &'a [u8],
    i: usize,
    limits: &'l Limits,
    depth: usize,
    namespaces: usize,
    /// Declared general entities: name → expanded size (None while being computed).
    entities: HashMap<&'a [u8], usize>,
    expanded: usize,
}

fn refused(offset: usize, message: String) -> Result<(), Refused> {
    Err(Refused { offset, message })
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let rest = hay.get(from..)?;
    if needle.len() == 1 {
        return rest.iter().position(|&c| c == needle[0]).map(|p| p + from);
    }
    rest.windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

impl<'a> Scanner<'a, '_> {
    fn run(mut self) -> Result<(), Refused> {
        while self.i < self.b.len() {
            let Some(lt) = find(self.b, self.i, b"<") else {
                return self.text(self.i, self.b.len());
            };
            self.text(self.i, lt)?;
            self.i = lt;
            let rest = &self.b[lt..];
            let end = if rest.starts_with(b"<!--") {
                find(self.b, lt + 4, b"-->").map(|e| e + 3)
            } else if rest.starts_with(b"<![CDATA[") {
                find(self.b, lt + 9, b"]]>").map(|e| e + 3)
            } else if rest.starts_with(b"<?") {
                find(self.b, lt + 2, b"?>").map(|e| e + 2)
            } else if rest.starts_with(b"<!DOCTYPE") {
                self.doctype(lt + 9)?
            } else if rest.starts_with(b"</") {
                self.depth = self.depth.saturating_sub(1);
                find(self.b, lt + 2, b">").map(|e| e + 1)
            } else {
                self.start_tag(lt)?
            };
            match end {
                Some(e) => self.i = e,
                None => return Ok(()),
            }
        }
        Ok(())
    }

    /// A start tag at `lt`; returns the offset after it.
    fn start_tag(&mut self, lt: usize) -> Result<Option<usize>, Refused> {
        let mut i = lt + 1;
        while i < self.b.len() && !is_space(self.b[i]) && !matches!(self.b[i], b'>' | b'/') {
            i += 1;
        }
        let mut attributes = 0usize;
        loop {
            while i < self.b.len() && is_space(self.b[i]) {
                i += 1;
            }
            match self.b.get(i) {
                None => return Ok(None),
                Some(b'>') => {
                    self.open(lt)?;
                    return Ok(Some(i + 1));
                }
                Some(b'/') => return Ok(find(self.b, i, b">").map(|e| e + 1)),
                Some(_) => {}
            }
            let name_start = i;
            while i < self.b.len() && !is_space(self.b[i]) && !matches!(self.b[i], b'=' | b'>') {
                i += 1;
            }
            let name = &self.b[name_start..i];
            attributes += 1;
            if attributes > self.limits.attributes {
                refused(
                    name_start,
                    format!(
                        "more than {} attributes on one element (the loader's limit)",
                        self.limits.attributes
                    ),
                )?;
            }
            if name == b"xmlns" || name.starts_with(b"xmlns:") {
                self.namespaces += 1;
                if self.namespaces > self.limits.namespaces {
                    refused(
                        name_start,
                        format!(
                            "more than {} namespace declarations in one document (the loader's limit)",
                            self.limits.namespaces
                        ),
                    )?;
                }
            }
            let Some(q) = self.b[i..]
                .iter()
                .position(|&c| c == b'"' || c == b'\'')
                .map(|p| p + i)
            else {
                return Ok(None);
            };
            let Some(close) = find(self.b, q + 1, &[self.b[q]]) else {
                return Ok(None);
            };
            self.text(q + 1, close)?;
            i = close + 1;
        }
    }

    fn open(&mut self, at: usize) -> Result<(), Refused> {
        self.depth += 1;
        if self.depth > self.limits.depth {
            refused(
                at,
                format!(
                    "elements nested more than {} deep (the loader's limit)",
                    self.limits.depth
                ),
            )?;
        }
        Ok(())
    }

    /// Text (or an attribute value) from `from` to `to`: counts what its entity references
    /// expand to.
    fn text(&mut self, from: usize, to: usize) -> Result<(), Refused> {
        if self.entities.is_empty() {
            return Ok(());
        }
        let mut i = from;
        while let Some(amp) = find(&self.b[..to], i, b"&") {
            let Some(semi) = find(&self.b[..to], amp + 1, b";") else {
                return Ok(());
            };
            let name = &self.b[amp + 1..semi];
            if let Some(&size) = self.entities.get(name) {
                self.expanded = self.expanded.saturating_add(size);
                if self.expanded > self.limits.expansion {
                    refused(
                        amp,
                        format!(
                            "entity references expand to more than {} bytes (the loader's limit)",
                            self.limits.expansion
                        ),
                    )?;
                }
            }
            i = semi + 1;
        }
        Ok(())
    }

    /// The DOCTYPE declaration after `<!DOCTYPE` at `i`: records the internal subset's
    /// general entities with their expanded sizes. Returns the offset after the declaration.
    fn doctype(&mut self, mut i: usize) -> Result<Option<usize>, Refused> {
        // Up to the internal subset or the end of the declaration (skipping quoted ids).
        loop {
            match self.b.get(i) {
                None => return Ok(None),
                Some(b'>') => return Ok(Some(i + 1)),
                Some(b'[') => break,
                Some(&q @ (b'"' | b'\'')) => match find(self.b, i + 1, &[q]) {
                    Some(e) => i = e + 1,
                    None => return Ok(None),
                },
                Some(_) => i += 1,
            }
        }
        i += 1;
        // Declared values, in order; sizes are computed after the subset is read.
        let mut declared: Vec<(&'a [u8], &'a [u8], usize)> = Vec::new();
        loop {
            while i < self.b.len() && is_space(self.b[i]) {
                i += 1;
            }
            let rest = &self.b[i.min(self.b.len())..];
            if rest.is_empty() {
                return Ok(None);
            }
            if rest[0] == b']' {
                i += 1;
                break;
            }
            if rest.starts_with(b"<!--") {
                match find(self.b, i + 4, b"-->") {
                    Some(e) => i = e + 3,
                    None => return Ok(None),
                }
                continue;
            }
            if rest.starts_with(b"<?") {
                match find(self.b, i + 2, b"?>") {
                    Some(e) => i = e + 2,
                    None => return Ok(None),
                }
                continue;
            }
            if rest.starts_with(b"<!ENTITY") {
                let at = i;
                let mut j = i + 8;
                while j < self.b.len() && is_space(self.b[j]) {
                    j += 1;
                }
                let parameter = self.b.get(j) == Some(&b'%');
                if parameter {
                    j += 1;
                    while j < self.b.len() && is_space(self.b[j]) {
                        j += 1;
                    }
                }
                let name_start = j;
                while j < self.b.len() && !is_space(self.b[j]) && self.b[j] != b'>' {
                    j += 1;
                }
                let name = &self.b[name_start..j];
                while j < self.b.len() && is_space(self.b[j]) {
                    j += 1;
                }
                let mut value: &[u8] = &[];
                if let Some(&q @ (b'"' | b'\'')) = self.b.get(j) {
                    let Some(e) = find(self.b, j + 1, &[q]) else {
                        return Ok(None);
                    };
                    value = &self.b[j + 1..e];
                    j = e + 1;
                }
                let Some(end) = self.decl_end(j) else {
                    return Ok(None);
                };
                if !parameter {
                    if declared.len() >= self.limits.entities {
                        refused(
                            at,
                            format!(
                                "more than {} entities declared (the loader's limit)",
                                self.limits.entities
                            ),
                        )?;
                    }
                    declared.push((name, value, at));
                }
                i = end;
                continue;
            }
            if rest[0] == b'<' {
                match self.decl_end(i) {
                    Some(e) => i = e,
                    None => return Ok(None),
                }
                continue;
            }
            // A parameter-entity reference or anything else: one byte at a time.
            i += 1;
        }
        self.sizes(&declared)?;
        Ok(find(self.b, i, b">").map(|e| e + 1))
    }

    /// The offset after the `>` closing a markup declaration, skipping quoted strings.
    fn decl_end(&self, mut i: usize) -> Option<usize> {
        loop {
            match *self.b.get(i)? {
                b'>' => return Some(i + 1),
                q @ (b'"' | b'\'') => i = find(self.b, i + 1, &[q])? + 1,
                _ => i += 1,
            }
        }
    }

    /// Expanded sizes of the declared entities (the first declaration of a name wins, as in
    /// XML). A reference to an entity declared later, or a loop, counts as the value's own
    /// text; roxmltree refuses loops and unknown references itself.
    fn sizes(&mut self, declared: &[(&'a [u8], &'a [u8], usize)]) -> Result<(), Refused> {
        for &(name, value, at) in declared {
            if self.entities.contains_key(name) {
                continue;
            }
            let mut size = value.len();
            let mut i = 0;
            while let Some(amp) = find(value, i, b"&") {
                let Some(semi) = find(value, amp + 1, b";") else {
                    break;
                };
                if let Some(&inner) = self.entities.get(&value[amp + 1..semi]) {
                    size = size.saturating_add(inner);
                }
                i = semi + 1;
            }
            if size > self.limits.expansion {
                refused(
                    at,
                    format!(
                        "an entity expands to more than {} bytes (the loader's limit)",
                        self.limits.expansion
                    ),
                )?;
            }
            self.entities.insert(name, size);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Limits {
        Limits {
            depth: 3,
            attributes: 3,
            namespaces: 2,
            entities: 2,
            expansion: 100,
        }
    }

    fn offset(text: &str) -> Option<usize> {
        check(text, &small()).err().map(|r| r.offset)
    }

    #[test]
    fn accepts_documents_under_the_caps() {
        let t = r#"<?xml version="1.0"?><!-- <a><a><a><a> --><a x="1" y='&lt;'><b><c/></b><![CDATA[<d><d><d>]]></a>"#;
        assert_eq!(offset(t), None);
    }

    #[test]
    fn refuses_depth_attributes_and_namespaces_where_passed() {
        assert_eq!(offset("<a><b><c><d>"), Some(9));
        assert_eq!(offset("<a p='1' q=\"2\" r='3' s='4'/>"), Some(21));
        assert_eq!(
            offset("<a xmlns='u'><b xmlns:p='v' xmlns:q='w'/></a>"),
            Some(28)
        );
    }

    #[test]
    fn counts_entity_expansion_including_nested_entities() {
        let ten = "0123456789";
        let doc =
            format!("<!DOCTYPE a [<!ENTITY e '{ten}'><!ENTITY f '&e;&e;&e;'>]><a>&f;&f;&f;</a>");
        // f = 30 + 9 bytes; three references are 117 bytes, over 100.
        let third = doc.rfind("&f;").unwrap();
        assert_eq!(offset(&doc), Some(third));
        let ok = format!("<!DOCTYPE a [<!ENTITY e '{ten}'>]><a k='&e;'>&e;&e;</a>");
        assert_eq!(offset(&ok), None);
    }

    #[test]
    fn caps_declarations_and_ignores_parameter_entities() {
        let doc =
            "<!DOCTYPE a [<!ENTITY % p 'x'><!ENTITY a 'x'><!ENTITY b 'y'><!ENTITY c 'z'>]><a/>";
        assert_eq!(offset(doc), doc.find("<!ENTITY c"));
        let ok = "<!DOCTYPE a [<!ENTITY % p 'x'><!ENTITY % q 'x'><!ENTITY % r 'x'>%p;]><a/>";
        assert_eq!(offset(ok), None);
    }

    #[test]
    fn stops_quietly_on_malformed_input() {
        for t in [
            "<",
            "<a",
            "<a x=",
            "<a x='1",
            "<!DOCTYPE",
            "<!DOCTYPE a [<!ENTITY",
            "<!--",
            "&",
        ] {
            assert_eq!(offset(t), None, "{t}");
        }
    }
}
