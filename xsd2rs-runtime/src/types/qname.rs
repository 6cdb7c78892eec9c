//! `xs:QName` (and `xs:NOTATION`): a prefixed name as written, resolvable to a namespace.

use std::fmt;

use super::names::NcName;
use super::whitespace::collapse;
use crate::{NamespaceScope, PrefixScope, SimpleValue, ValueError};

/// `xs:QName`: `prefix:local` or `local` as written, plus the namespace once resolved.
///
/// The codec reads it with [`SimpleValue::parse_in`]: the prefix (or, unprefixed, the default
/// namespace) is resolved against the declarations in scope where it stands, and an undeclared
/// prefix is an error. It writes it with [`SimpleValue::write_in`]: a resolved name gets a
/// prefix declared for its namespace where it is written (unprefixed for no namespace), so the
/// output never carries an undeclared prefix and means the same. [`parse_text`](SimpleValue::parse_text)
/// alone keeps the prefix unresolved ([`QName::namespace`] is `None`) and such a name is written
/// as kept. Two resolved names are equal when their namespace and local name are (the
/// prefix is only spelling); otherwise all three parts are compared.
#[derive(Debug, Clone)]
pub struct QName {
    prefix: Option<String>,
    local: String,
    namespace: Option<String>,
}

impl QName {
    /// Builds an unresolved QName; both parts must be NCNames.
    pub fn new(prefix: Option<&str>, local: &str) -> Result<Self, ValueError> {
        let shown = match prefix {
            Some(p) => format!("{p}:{local}"),
            None => local.to_owned(),
        };
        let ok = NcName::is_valid(local) && prefix.is_none_or(NcName::is_valid);
        if !ok {
            return Err(ValueError::new("xs:QName", &shown));
        }
        Ok(QName {
            prefix: prefix.map(str::to_owned),
            local: local.to_owned(),
            namespace: None,
        })
    }

    /// The same name with its namespace set (`""` for no namespace).
    pub fn with_namespace(mut self, namespace: impl Into<String>) -> Self {
        self.namespace = Some(namespace.into());
        self
    }

    /// The prefix as written, if any.
    pub fn prefix(&self) -> Option<&str> {
        self.prefix.as_deref()
    }

    /// The local part.
    pub fn local_name(&self) -> &str {
        &self.local
    }

    /// The namespace URI once resolved (`Some("")` for no namespace), else `None`.
    pub fn namespace(&self) -> Option<&str> {
        self.namespace.as_deref()
    }

    /// Resolves the prefix with `lookup`, which maps a prefix (`""` for the default
    /// namespace) to its URI. An unprefixed name without a default namespace gets no
    /// namespace (`""`); an undeclared prefix is an error.
    pub fn resolve<F, S>(&self, lookup: F) -> Result<QName, ValueError>
    where
        F: FnOnce(&str) -> Option<S>,
        S: Into<String>,
    {
        let ns = match &self.prefix {
            Some(p) => lookup(p).map(Into::into).ok_or_else(|| {
                ValueError::new("a QName with a declared prefix", &self.to_string())
            })?,
            None => lookup("").map(Into::into).unwrap_or_default(),
        };
        Ok(self.clone().with_namespace(ns))
    }
}

impl QName {
    /// What equality, order and hashing compare: the namespace and local name of a resolved
    /// name, the prefix too of an unresolved one.
    fn key(&self) -> (Option<&str>, &str, Option<&str>) {
        let prefix = match self.namespace {
            Some(_) => None,
            None => self.prefix.as_deref(),
        };
        (self.namespace.as_deref(), &self.local, prefix)
    }
}

impl PartialEq for QName {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for QName {}

impl PartialOrd for QName {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for QName {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl std::hash::Hash for QName {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key().hash(state)
    }
}

impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.prefix {
            Some(p) => write!(f, "{p}:{}", self.local),
            None => f.write_str(&self.local),
        }
    }
}

impl std::str::FromStr for QName {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        QName::parse_text(s)
    }
}

impl SimpleValue for QName {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        let t = collapse(text);
        let (prefix, local) = match t.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, &*t),
        };
        QName::new(prefix, local).map_err(|e| ValueError::new(e.expected, text))
    }

    fn write_text(&self, out: &mut String) {
        if let Some(p) = &self.prefix {
            out.push_str(p);
            out.push(':');
        }
        out.push_str(&self.local);
    }

    fn parse_in(text: &str, scope: &dyn NamespaceScope) -> Result<Self, ValueError> {
        QName::parse_text(text)?.resolve(|p| scope.namespace_of(p).map(str::to_owned))
    }

    fn write_in(&self, out: &mut String, scope: &mut dyn PrefixScope) {
        let Some(ns) = &self.namespace else {
            return self.write_text(out);
        };
        if let Some(p) = scope.prefix_for(ns) {
            out.push_str(&p);
            out.push(':');
        }
        out.push_str(&self.local);
    }
}
