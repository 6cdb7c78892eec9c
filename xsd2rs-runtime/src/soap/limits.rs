//! Bounds on what the SOAP layer accepts from the other side.

/// Limits applied to every message read (replies on a client, requests on a server).
///
/// The defaults are sane for EWS: the largest message-tracking reports are a few MB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted message, in bytes (default 32 MiB).
    pub max_message_bytes: usize,
    /// Deepest accepted element nesting, the envelope included (default 256).
    pub max_depth: usize,
}

impl Limits {
    /// Default [`max_message_bytes`](Self::max_message_bytes).
    pub const DEFAULT_MAX_MESSAGE_BYTES: usize = 32 * 1024 * 1024;
    /// Default [`max_depth`](Self::max_depth).
    pub const DEFAULT_MAX_DEPTH: usize = 256;

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
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_message_bytes: Self::DEFAULT_MAX_MESSAGE_BYTES,
            max_depth: Self::DEFAULT_MAX_DEPTH,
        }
    }
}
