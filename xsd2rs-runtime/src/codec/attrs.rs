//! Attributes kept beyond the named ones: [`AnyAttributes`] (those an `xs:anyAttribute`
//! wildcard matches, in document order) and the namespace constraint of a wildcard
//! ([`Namespaces`]).

use super::error::{DecodeError, DecodeErrorKind};
use super::escape;
use super::reader::XmlReader;
use super::writer::XmlWriter;
use super::{EncodeError, XSI_NS};

/// The namespace constraint of a wildcard (`xs:any` / `xs:anyAttribute` `namespace`), resolved
/// against the schema's target namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Namespaces {
    /// `##any`: every namespace, and no namespace.
    Any,
    /// `##other`: any namespace except this one (the target namespace); never no namespace.
    Other(&'static str),
    /// An explicit list of namespace URIs (`""` stands for `##local`, no namespace).
    List(&'static [&'static str]),
}

impl Namespaces {
    /// Whether a name in namespace `ns` (`""` for none) is allowed.
    pub fn allows(&self, ns: &str) -> bool {
        match self {
            Namespaces::Any => true,
            Namespaces::Other(tns) => !ns.is_empty() && ns != *tns,
            Namespaces::List(list) => list.contains(&ns),
        }
    }
}

/// One attribute matched by an `xs:anyAttribute` wildcard.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct AnyAttribute {
    /// Namespace URI (`""` for an unqualified attribute).
    pub ns: String,
    /// Local name.
    pub local: String,
    /// The value (references resolved, attribute-value normalized as XML 1.0 defines).
    pub value: String,
}

/// The attributes an `xs:anyAttribute` wildcard matched on an element, in document order.
/// Written back as they were read (the prefix of a namespace may differ; the namespace does not).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct AnyAttributes(pub Vec<AnyAttribute>);

impl AnyAttributes {
    /// True when no attribute was matched.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value of the attribute `{ns}local`, if present.
    pub fn get(&self, ns: &str, local: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|a| a.ns == ns && a.local == local)
            .map(|a| a.value.as_str())
    }

    /// Adds (or replaces) the attribute `{ns}local`.
    pub fn set(&mut self, ns: &str, local: &str, value: impl Into<String>) {
        let value = value.into();
        match self.0.iter_mut().find(|a| a.ns == ns && a.local == local) {
            Some(a) => a.value = value,
            None => self.0.push(AnyAttribute {
                ns: ns.to_owned(),
                local: local.to_owned(),
                value,
            }),
        }
    }
}

impl XmlReader<'_> {
    /// The current element's attributes not read by name that the wildcard `allowed` matches,
    /// in document order (`xsi:*` attributes are never wildcard attributes). Call after the
    /// named attributes: those it does not match stay unknown (an error when strict).
    pub fn any_attrs(&mut self, allowed: Namespaces) -> Result<AnyAttributes, DecodeError> {
        if !self.attrs_pending {
            return Err(self.error(DecodeErrorKind::Other(
                "wildcard attributes read after the element's content".into(),
            )));
        }
        let mut out = Vec::new();
        for i in 0..self.attrs.len() {
            let Some(a) = self.attrs.get(i).copied() else {
                break;
            };
            let ns = self.ns_str(a.ns);
            if a.used || ns == XSI_NS || !allowed.allows(ns) {
                continue;
            }
            let value = self
                .str_of(a.value)
                .and_then(escape::attr_value)
                .map_err(|k| self.error(k))?
                .into_owned();
            out.push(AnyAttribute {
                ns: ns.to_owned(),
                local: a.local.to_owned(),
                value,
            });
            if let Some(a) = self.attrs.get_mut(i) {
                a.used = true;
            }
        }
        Ok(AnyAttributes(out))
    }
}

impl XmlWriter {
    /// Writes wildcard attributes on the open start tag, in order.
    pub fn any_attrs(&mut self, attrs: &AnyAttributes) -> Result<(), EncodeError> {
        attrs
            .0
            .iter()
            .try_for_each(|a| self.attr_str(&a.ns, &a.local, &a.value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{ReadOptions, WriteOptions};

    #[test]
    fn constraints() {
        assert!(Namespaces::Any.allows("") && Namespaces::Any.allows("urn:x"));
        let other = Namespaces::Other("urn:t");
        assert!(other.allows("urn:x") && !other.allows("urn:t") && !other.allows(""));
        let list = Namespaces::List(&["", "urn:a"]);
        assert!(list.allows("") && list.allows("urn:a") && !list.allows("urn:b"));
    }

    #[test]
    fn matched_attributes_are_kept_in_order_and_written_back() {
        let xml = br#"<r xmlns:a="urn:a" xmlns:t="urn:t" k="1" a:x="2 &amp; 3" t:y="4" z="5" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="false"/>"#;
        let mut r = XmlReader::new(xml, &ReadOptions::default());
        r.root().unwrap();
        r.child_pending = false;
        let k: Option<String> = r.attr("", "k").unwrap();
        assert_eq!(k.as_deref(), Some("1"));
        let any = r.any_attrs(Namespaces::Other("urn:t")).unwrap();
        assert_eq!(any.get("urn:a", "x"), Some("2 & 3"));
        assert_eq!(any.0.len(), 1, "{any:?}");
        let any2 = r.any_attrs(Namespaces::Any).unwrap();
        assert_eq!(
            any2.0.iter().map(|a| a.local.as_str()).collect::<Vec<_>>(),
            ["y", "z"]
        );
        let mut w = XmlWriter::new(&WriteOptions::default());
        w.start("", "r").unwrap();
        w.any_attrs(&any).unwrap();
        w.any_attrs(&any2).unwrap();
        let out = String::from_utf8(w.finish()).unwrap();
        assert_eq!(
            out,
            r#"<r ns1:x="2 &amp; 3" xmlns:ns1="urn:a" ns2:y="4" xmlns:ns2="urn:t" z="5"/>"#
        );
    }
}
