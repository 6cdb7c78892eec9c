//! Bearer tokens obtained on demand: [`TokenSource`] (implemented by the user, e.g. an OAuth2
//! client-credentials flow), the [`AccessToken`] it returns and [`Secret`], a string whose
//! `Debug` output is redacted.
//!
//! [`HttpTransport`](super::HttpTransport) caches the token until shortly before it expires,
//! asks the source again when it has expired or the server answered 401 (then retries the call
//! once), and lets one caller at a time ask the source, so a burst of calls fetches one token.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use super::BoxFuture;

/// A secret string (a token, a password): `Debug` shows `Secret(<redacted>)`, there is no
/// `Display`, and the text is reached only through [`expose`](Secret::expose).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps `text`.
    pub fn new(text: impl Into<String>) -> Self {
        Secret(text.into())
    }

    /// The secret text itself: only to put it on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the secret is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl From<String> for Secret {
    fn from(text: String) -> Self {
        Secret(text)
    }
}

impl From<&str> for Secret {
    fn from(text: &str) -> Self {
        Secret(text.to_owned())
    }
}

/// A bearer token and how long it stays valid from the moment the source returns it.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken {
    /// The token sent as `Authorization: Bearer TOKEN`.
    pub token: Secret,
    /// How long the token is valid (OAuth2 `expires_in`); `None`: until the server refuses it
    /// with 401.
    pub expires_in: Option<Duration>,
}

impl AccessToken {
    /// A token valid for `expires_in` (e.g. the `expires_in` seconds of an OAuth2 reply).
    pub fn new(token: impl Into<Secret>, expires_in: Duration) -> Self {
        AccessToken {
            token: token.into(),
            expires_in: Some(expires_in),
        }
    }

    /// A token without a known lifetime: used until the server answers 401.
    pub fn without_expiry(token: impl Into<Secret>) -> Self {
        AccessToken {
            token: token.into(),
            expires_in: None,
        }
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("token", &self.token)
            .field("expires_in", &self.expires_in)
            .finish()
    }
}

/// Why the transport asks its [`TokenSource`] for a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenRefresh {
    /// No token yet (the first call).
    Initial,
    /// The cached token has expired, or is about to (within the refresh margin).
    Expired,
    /// The server answered 401 to the cached token: a source with a cache of its own should
    /// bypass it.
    Rejected,
}

/// Why a [`TokenSource`] could not produce a token. Its message is shown in errors and logs:
/// it must not contain the token or other secrets.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct TokenError {
    message: String,
}

impl TokenError {
    /// An error with this message.
    pub fn new(message: impl fmt::Display) -> Self {
        TokenError {
            message: message.to_string(),
        }
    }

    /// An error rendering `error` and its sources on one line.
    pub fn from_error(error: &(dyn std::error::Error + 'static)) -> Self {
        let mut message = error.to_string();
        let mut source = error.source();
        while let Some(inner) = source {
            message.push_str(": ");
            message.push_str(&inner.to_string());
            source = inner.source();
        }
        TokenError { message }
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// Produces bearer tokens for [`HttpTransport`](super::HttpTransport) on demand.
///
/// Object-safe; any `Fn(TokenRefresh) -> impl Future<Output = Result<AccessToken, TokenError>>`
/// closure (`Send + Sync`, its future `Send + 'static`) is one:
///
/// ```
/// use std::time::Duration;
/// use xsd2rs_runtime::transport::{AccessToken, HttpTransport, TokenRefresh};
///
/// # fn demo() -> Result<(), xsd2rs_runtime::transport::TransportError> {
/// let transport = HttpTransport::builder("https://outlook.office365.com/EWS/Exchange.asmx")
///     .token_source(|_why: TokenRefresh| async {
///         // e.g. an OAuth2 client-credentials request; `expires_in` from its reply
///         Ok(AccessToken::new("eyJ0eXAi...", Duration::from_secs(3599)))
///     })
///     .build()?;
/// # Ok(()) }
/// ```
///
/// The transport asks the source when it has no valid token, one caller at a time (concurrent
/// calls wait for that one answer), bounded by the transport's timeout.
pub trait TokenSource: Send + Sync {
    /// Produces a fresh token; `why` says what made the transport ask.
    fn token(&self, why: TokenRefresh) -> BoxFuture<'_, Result<AccessToken, TokenError>>;
}

impl<F, Fut> TokenSource for F
where
    F: Fn(TokenRefresh) -> Fut + Send + Sync,
    Fut: Future<Output = Result<AccessToken, TokenError>> + Send + 'static,
{
    fn token(&self, why: TokenRefresh) -> BoxFuture<'_, Result<AccessToken, TokenError>> {
        Box::pin(self(why))
    }
}
