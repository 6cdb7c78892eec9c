//! `xs:QName` (and `xs:NOTATION`): a prefixed name as written, resolvable to a namespace.

use std::fmt;

use super::names::NcName;
use super::whitespace::collapse;
use crate::{SimpleValue, ValueError};

/// `xs:QName`: `prefix:local` or `local` as written, plus the namespace once resolved.
///
/// A [`SimpleValue`] has no namespace context, so parsing keeps the prefix and leaves
/// [`QName::namespace`] empty; [`QName::resolve`] fills it from a caller-supplied prefix
/// lookup (the codec knows the in-scope declarations). Writing emits `prefix:local` as kept:
/// whoever writes it must make sure the prefix is declared. Equality compares all three parts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
}
