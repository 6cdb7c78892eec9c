//! Bounds on what the SOAP layer accepts from the other side.

use crate::codec::{ReadOptions, MAX_UNKNOWN_RECORDS};

/// Limits applied to every message read (replies on a client, requests on a server).
///
/// The defaults are sane for EWS: the largest message-tracking reports are a few MB, elements
/// carry a handful of attributes and messages a handful of namespace declarations. Exceeding a
/// limit is an error ([`SoapError::TooLarge`](super::SoapError::TooLarge) or a decode error
/// naming the limit; a Client fault on a server), except for the unknown-content record, which
/// just stops growing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted message, in bytes (default 32 MiB).
    pub max_message_bytes: usize,
    /// Deepest accepted element nesting, the envelope included (default 256).
    pub max_depth: usize,
    /// Most attributes on one element, namespace declarations included (default 1024).
    pub max_attributes: usize,
    /// Most namespace declarations in scope at once (default 1024).
    pub max_namespaces: usize,
    /// Most unknown items recorded per message (default 1024); later ones are skipped
    /// without a record.
    pub max_unknown_records: usize,
}

impl Limits {
    /// Default [`max_message_bytes`](Self::max_message_bytes).
    pub const DEFAULT_MAX_MESSAGE_BYTES: usize = 32 * 1024 * 1024;
    /// Default [`max_depth`](Self::max_depth).
    pub const DEFAULT_MAX_DEPTH: usize = 256;
    /// Default [`max_attributes`](Self::max_attributes).
    pub const DEFAULT_MAX_ATTRIBUTES: usize = 1024;
    /// Default [`max_namespaces`](Self::max_namespaces).
    pub const DEFAULT_MAX_NAMESPACES: usize = 1024;
    /// Default [`max_unknown_records`](Self::max_unknown_records).
    pub const DEFAULT_MAX_UNKNOWN_RECORDS: usize = MAX_UNKNOWN_RECORDS;

    /// Sets the largest accepted message.
    pub fn max_message_bytes(mut self, bytes: usize) -> Self {
        self.max_message_bytes = bytes;
        self
    }

    /// Sets the deepest accepted nesting.
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }

    /// Sets the most attributes accepted on one element.
    pub fn max_attributes(mut self, attributes: usize) -> Self {
        self.max_attributes = attributes;
        self
    }

    /// Sets the most namespace declarations accepted in scope at once.
    pub fn max_namespaces(mut self, namespaces: usize) -> Self {
        self.max_namespaces = namespaces;
        self
    }

    /// Sets the most unknown items recorded per message.
    pub fn max_unknown_records(mut self, records: usize) -> Self {
        self.max_unknown_records = records;
        self
    }

    /// The codec's lenient [`ReadOptions`] for these limits.
    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            strict: false,
            max_depth: self.max_depth,
            max_attributes: self.max_attributes,
            max_namespaces: self.max_namespaces,
            max_unknown_records: self.max_unknown_records,
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_message_bytes: Self::DEFAULT_MAX_MESSAGE_BYTES,
            max_depth: Self::DEFAULT_MAX_DEPTH,
            max_attributes: Self::DEFAULT_MAX_ATTRIBUTES,
            max_namespaces: Self::DEFAULT_MAX_NAMESPACES,
            max_unknown_records: Self::DEFAULT_MAX_UNKNOWN_RECORDS,
        }
    }
}
