//! WS-Security UsernameToken (OASIS Web Services Security UsernameToken Profile 1.1), SOAP 1.1
//! and 1.2.
//!
//! - Client: [`UsernameToken`] is a [`HeaderSource`]: plugged into any client with
//!   [`Client::with_header_source`](super::Client::with_header_source), every request carries a
//!   `wsse:Security` block (`mustUnderstand`) with a fresh random `Nonce` and `Created`, the
//!   password as `#PasswordDigest` (Base64(SHA-1(nonce + created + password))) or
//!   `#PasswordText`, and optionally a `wsu:Timestamp`.
//! - Server: [`UsernameTokenVerifier`] checks such a block and refuses a wrong user, password or
//!   digest, a `Created` older than its freshness window or too far in the future, an expired
//!   `wsu:Timestamp` and a nonce already seen within the window, all with the
//!   `wsse:FailedAuthentication` fault of SOAP Message Security 1.1 §12 ([`failed_authentication`]).
//!   [`UsernameTokenVerifier::protect`] puts it in front of any [`Handler`] (a generated
//!   dispatcher); [`UsernameTokenVerifier::verify`] checks the header blocks a service method
//!   received.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use base64::Engine as _;
use chrono::{DateTime, SecondsFormat, Utc};
use sha1::{Digest as _, Sha1};

use crate::codec::{DecodeError, EncodeError, EncodeErrorKind, FromXml, ReadOptions, XmlReader};
use crate::server::{fault_response, BoxFuture, Handler, IncomingRequest, OutgoingResponse};
use crate::transport::Secret;

use super::fault::{Fault, FaultCode};
use super::headers::{HeaderBlock, HeaderSource};
use super::version::SoapVersion;

/// The WS-Security extension namespace (`wsse:`).
pub const WSSE_NS: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
/// The WS-Security utility namespace (`wsu:`: `Created`, `Timestamp`).
pub const WSU_NS: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
/// `Password/@Type` of a password sent as is.
pub const PASSWORD_TEXT: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
/// `Password/@Type` of a password digest.
pub const PASSWORD_DIGEST: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
/// `Nonce/@EncodingType` of a Base64 nonce.
pub const BASE64_BINARY: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

/// The text of the `wsse:FailedAuthentication` fault (SOAP Message Security 1.1, §12).
const FAILED_AUTHENTICATION: &str = "The security token could not be authenticated or authorized";

/// `Base64(SHA-1(nonce + created + password))`: the nonce as raw bytes (the decoded `Nonce`),
/// `created` (the `wsu:Created` text as sent) and the password as UTF-8.
pub fn password_digest(nonce: &[u8], created: &str, password: &str) -> String {
    let mut sha = Sha1::new();
    sha.update(nonce);
    sha.update(created.as_bytes());
    sha.update(password.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(sha.finalize())
}

/// A UTC time as written in `wsu:Created` (`2024-07-01T10:00:00.000Z`).
fn timestamp(t: SystemTime) -> String {
    DateTime::<Utc>::from(t).to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// How the password travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordType {
    /// `#PasswordText`: the password itself (only over TLS).
    Text,
    /// `#PasswordDigest`: Base64(SHA-1(nonce + created + password)).
    Digest,
}

fn misuse(what: &'static str) -> EncodeError {
    EncodeError {
        kind: EncodeErrorKind::Misuse(what),
        path: "/Envelope/Header/Security".to_owned(),
    }
}

/// A client's UsernameToken, added to every request of a client as a `wsse:Security` header
/// block (`mustUnderstand`) with a fresh 16-byte random nonce and the current time:
///
/// ```
/// use xsd2rs_runtime::soap::{wss::UsernameToken, Client};
/// # fn demo(transport: xsd2rs_runtime::transport::HttpTransport) {
/// let client = Client::new(transport)
///     .with_header_source(UsernameToken::digest("admin", "secret").with_timestamp(300));
/// # }
/// ```
///
/// A generated client (`DeviceClient::new(client)`) built on that `Client` sends it on every
/// call. `Debug` never shows the password.
#[derive(Clone)]
pub struct UsernameToken {
    username: String,
    password: Secret,
    kind: PasswordType,
    nonce: bool,
    timestamp: Option<Duration>,
}

impl fmt::Debug for UsernameToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UsernameToken")
            .field("username", &self.username)
            .field("password", &self.password)
            .field("kind", &self.kind)
            .field("nonce", &self.nonce)
            .field("timestamp", &self.timestamp)
            .finish()
    }
}

impl UsernameToken {
    /// A token sending `Password Type="…#PasswordDigest"` with a `Nonce` and `Created`.
    pub fn digest(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        UsernameToken {
            username: username.into(),
            password: password.into(),
            kind: PasswordType::Digest,
            nonce: true,
            timestamp: None,
        }
    }

    /// A token sending `Password Type="…#PasswordText"`, with a `Nonce` and `Created` too (so a
    /// verifier can refuse a replay) unless [`without_nonce`](Self::without_nonce).
    pub fn text(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        UsernameToken {
            kind: PasswordType::Text,
            ..UsernameToken::digest(username, password)
        }
    }

    /// Also sends a `wsu:Timestamp` with `Created` and `Expires` `seconds` later.
    pub fn with_timestamp(mut self, seconds: u64) -> Self {
        self.timestamp = Some(Duration::from_secs(seconds));
        self
    }

    /// Leaves out `Nonce` and `Created` from a `#PasswordText` token (a digest needs both, so
    /// this does nothing to a digest token).
    pub fn without_nonce(mut self) -> Self {
        self.nonce = self.kind == PasswordType::Digest;
        self
    }

    /// The `wsse:Security` block for one request with this `nonce` and `created` time (the
    /// [`HeaderSource`] implementation draws a random nonce and takes the current time).
    pub fn block(&self, nonce: &[u8], created: SystemTime) -> Result<HeaderBlock, EncodeError> {
        let created_text = timestamp(created);
        let mut xml = format!("<wsse:Security xmlns:wsse=\"{WSSE_NS}\" xmlns:wsu=\"{WSU_NS}\">");
        if let Some(ttl) = self.timestamp {
            let expires = created
                .checked_add(ttl)
                .ok_or_else(|| misuse("the Timestamp lifetime is out of range"))?;
            xml.push_str(&format!(
                "<wsu:Timestamp><wsu:Created>{created_text}</wsu:Created><wsu:Expires>{}</wsu:Expires></wsu:Timestamp>",
                timestamp(expires)
            ));
        }
        let (kind, password) = match self.kind {
            PasswordType::Text => (PASSWORD_TEXT, escape(self.password.expose())),
            PasswordType::Digest => (
                PASSWORD_DIGEST,
                password_digest(nonce, &created_text, self.password.expose()),
            ),
        };
        xml.push_str(&format!(
            "<wsse:UsernameToken><wsse:Username>{}</wsse:Username><wsse:Password Type=\"{kind}\">{password}</wsse:Password>",
            escape(&self.username),
        ));
        if self.nonce {
            xml.push_str(&format!(
                "<wsse:Nonce EncodingType=\"{BASE64_BINARY}\">{}</wsse:Nonce><wsu:Created>{created_text}</wsu:Created>",
                base64::engine::general_purpose::STANDARD.encode(nonce)
            ));
        }
        xml.push_str("</wsse:UsernameToken></wsse:Security>");
        // The error would quote the XML, password included: replaced by a fixed message.
        let block = HeaderBlock::raw(&xml)
            .map_err(|_| misuse("the user name or password holds a character XML cannot carry"))?;
        Ok(block.must_understand(true))
    }
}

impl HeaderSource for UsernameToken {
    fn header_blocks(&self, _version: SoapVersion) -> Result<Vec<HeaderBlock>, EncodeError> {
        let mut nonce = [0u8; 16];
        getrandom::fill(&mut nonce).map_err(|_| misuse("no random source for the nonce"))?;
        Ok(vec![self.block(&nonce, SystemTime::now())?])
    }
}

/// Escapes text content.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\r', "&#13;")
}

/// Looks up a user's password (`None`: no such user).
type PasswordLookup = dyn Fn(&str) -> Option<String> + Send + Sync;

/// Default bound of the nonce cache.
pub const DEFAULT_MAX_NONCES: usize = 100_000;
/// Longest nonce accepted, in bytes (after Base64 decoding).
const MAX_NONCE_BYTES: usize = 256;

/// Nonces seen within the freshness window, each until its token can no longer be fresh.
#[derive(Default)]
struct NonceCache {
    until: HashMap<Vec<u8>, SystemTime>,
    by_time: BTreeSet<(SystemTime, Vec<u8>)>,
}

impl NonceCache {
    fn prune(&mut self, now: SystemTime) {
        while let Some(first) = self.by_time.first() {
            if first.0 > now {
                break;
            }
            if let Some((_, nonce)) = self.by_time.pop_first() {
                self.until.remove(&nonce);
            }
        }
    }
}

/// A server's check of the `wsse:Security` UsernameToken of requests.
///
/// - The password of a user comes from the lookup closure (`None`: unknown user).
/// - `#PasswordDigest` tokens need `Nonce` and `Created`; `#PasswordText` tokens are refused
///   unless [`allow_password_text`](Self::allow_password_text).
/// - `Created` (of the token and of a `wsu:Timestamp`) must be at most
///   [`max_age`](Self::max_age) old (default 5 minutes) and at most
///   [`max_skew`](Self::max_skew) in the future (default 60 s); a `wsu:Timestamp` must not have
///   expired.
/// - A nonce is accepted once while its token is fresh: it is remembered until its `Created`
///   is older than the window, in a cache bounded by [`max_nonces`](Self::max_nonces) (when
///   full, further tokens are refused until entries expire: it fails closed). Only tokens that
///   passed the password check enter the cache.
///
/// Every refusal is the same `wsse:FailedAuthentication` fault (the reason is logged at DEBUG,
/// never the password). Clones share the nonce cache.
#[derive(Clone)]
pub struct UsernameTokenVerifier {
    lookup: Arc<PasswordLookup>,
    max_age: Duration,
    max_skew: Duration,
    max_nonces: usize,
    allow_text: bool,
    seen: Arc<Mutex<NonceCache>>,
}

impl fmt::Debug for UsernameTokenVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UsernameTokenVerifier")
            .field("max_age", &self.max_age)
            .field("max_skew", &self.max_skew)
            .field("max_nonces", &self.max_nonces)
            .field("allow_text", &self.allow_text)
            .finish_non_exhaustive()
    }
}

/// A refusal and its reason (for the log only).
type Refusal = &'static str;

impl UsernameTokenVerifier {
    /// A verifier taking each user's password from `lookup`.
    pub fn new(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        UsernameTokenVerifier {
            lookup: Arc::new(lookup),
            max_age: Duration::from_secs(300),
            max_skew: Duration::from_secs(60),
            max_nonces: DEFAULT_MAX_NONCES,
            allow_text: false,
            seen: Arc::new(Mutex::new(NonceCache::default())),
        }
    }

    /// How old a `Created` may be (default 5 minutes); nonces are remembered that long.
    pub fn max_age(mut self, age: Duration) -> Self {
        self.max_age = age;
        self
    }

    /// How far in the future a `Created` may be (clock skew, default 60 s).
    pub fn max_skew(mut self, skew: Duration) -> Self {
        self.max_skew = skew;
        self
    }

    /// How many nonces are remembered at most (default [`DEFAULT_MAX_NONCES`]).
    pub fn max_nonces(mut self, n: usize) -> Self {
        self.max_nonces = n;
        self
    }

    /// Accepts `#PasswordText` tokens too (default: refused).
    pub fn allow_password_text(mut self, yes: bool) -> Self {
        self.allow_text = yes;
        self
    }

    /// Checks the UsernameToken among `blocks` (the header blocks a service received, e.g. a
    /// generated `…InputHeaders::extra`) now. Returns the user name, or the
    /// `wsse:FailedAuthentication` fault to answer with in `version`. The dispatcher must
    /// declare the block understood: `.understands(wss::WSSE_NS, "Security")`.
    pub fn verify(&self, blocks: &[HeaderBlock], version: SoapVersion) -> Result<String, Fault> {
        self.verify_at(blocks, version, SystemTime::now())
    }

    /// [`verify`](Self::verify) at time `now`.
    pub fn verify_at(
        &self,
        blocks: &[HeaderBlock],
        version: SoapVersion,
        now: SystemTime,
    ) -> Result<String, Fault> {
        let outcome = blocks
            .iter()
            .find(|b| b.is(WSSE_NS, "Security") && b.actor_uri().is_none_or(is_for_us))
            .ok_or("no wsse:Security header block")
            .and_then(|block| {
                parse_security(block.element_raw().xml().as_bytes())
                    .map_err(|_| "unreadable wsse:Security")
            })
            .and_then(|security| self.check(security, now));
        outcome.map_err(|why| refuse(why, version))
    }

    /// Checks the `wsse:Security` block of a raw SOAP request (1.1 or 1.2, by its envelope
    /// namespace) now: the user name, or the fault. `Ok(None)`: not a SOAP envelope (left to
    /// the dispatcher to refuse).
    pub fn verify_request(&self, body: &[u8]) -> Result<Option<String>, (SoapVersion, Fault)> {
        self.verify_request_at(body, SystemTime::now())
    }

    /// [`verify_request`](Self::verify_request) at time `now`.
    pub fn verify_request_at(
        &self,
        body: &[u8],
        now: SystemTime,
    ) -> Result<Option<String>, (SoapVersion, Fault)> {
        let Some((version, security)) = scan_envelope(body) else {
            return Ok(None);
        };
        security
            .ok_or("no wsse:Security header block")
            .and_then(|security| self.check(security, now))
            .map(Some)
            .map_err(|why| (version, refuse(why, version)))
    }

    /// Puts this verifier in front of `handler` (e.g. a generated `…_dispatcher(service)`,
    /// which must declare `.understands(wss::WSSE_NS, "Security")`): a request whose token
    /// fails is answered with the `wsse:FailedAuthentication` fault and never reaches it.
    pub fn protect<H: Handler>(self, handler: H) -> Protected<H> {
        Protected {
            verifier: self,
            inner: handler,
        }
    }

    fn check(&self, security: Security, now: SystemTime) -> Result<String, Refusal> {
        if let Some(ts) = &security.timestamp {
            if let Some(expires) = &ts.expires {
                if parse_time(expires).ok_or("unreadable Timestamp/Expires")? <= now {
                    return Err("the Timestamp has expired");
                }
            }
            if let Some(created) = &ts.created {
                self.fresh(
                    parse_time(created).ok_or("unreadable Timestamp/Created")?,
                    now,
                )?;
            }
        }
        let token = security.token.ok_or("no wsse:UsernameToken")?;
        let kind = match token.password_type.as_deref().map(str::trim) {
            Some(t) if t.ends_with("PasswordDigest") => PasswordType::Digest,
            None => PasswordType::Text,
            Some(t) if t.ends_with("PasswordText") => PasswordType::Text,
            Some(_) => return Err("unknown password type"),
        };
        let created = match &token.created {
            Some(text) => {
                let t = parse_time(text).ok_or("unreadable Created")?;
                self.fresh(t, now)?;
                Some((text.trim(), t))
            }
            None => None,
        };
        let nonce = match &token.nonce {
            Some(text) => {
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(text.trim())
                    .map_err(|_| "the Nonce is not Base64")?;
                if bytes.is_empty() || bytes.len() > MAX_NONCE_BYTES {
                    return Err("Nonce length out of bounds");
                }
                Some(bytes)
            }
            None => None,
        };
        let expected = (self.lookup)(&token.username);
        let ok = match kind {
            PasswordType::Digest => {
                let (Some(nonce), Some((created_text, _))) = (&nonce, created) else {
                    return Err("a digest needs a Nonce and Created");
                };
                // Computed for unknown users too, so both refusals take the same time.
                let want =
                    password_digest(nonce, created_text, expected.as_deref().unwrap_or_default());
                same(want.as_bytes(), token.password.trim().as_bytes())
            }
            PasswordType::Text => {
                if !self.allow_text {
                    return Err("PasswordText is not accepted");
                }
                same(
                    expected.as_deref().unwrap_or_default().as_bytes(),
                    token.password.as_bytes(),
                )
            }
        };
        if expected.is_none() {
            return Err("unknown user");
        }
        if !ok {
            return Err("wrong password or digest");
        }
        // Replay: a nonce is accepted once while its token is fresh.
        if let (Some(nonce), Some((_, created))) = (nonce, created) {
            let until = created
                .checked_add(self.max_age)
                .ok_or("Created out of range")?;
            let mut seen = self.seen.lock().map_err(|_| "nonce cache poisoned")?;
            seen.prune(now);
            if seen.until.contains_key(&nonce) {
                return Err("the Nonce was used before");
            }
            if seen.until.len() >= self.max_nonces {
                return Err("too many nonces within the window");
            }
            seen.by_time.insert((until, nonce.clone()));
            seen.until.insert(nonce, until);
        }
        Ok(token.username)
    }

    /// `Created` within [now - max_age, now + max_skew].
    fn fresh(&self, created: SystemTime, now: SystemTime) -> Result<(), Refusal> {
        match created.duration_since(now) {
            Ok(ahead) if ahead > self.max_skew => Err("Created is in the future"),
            Ok(_) => Ok(()),
            Err(past) if past.duration() > self.max_age => Err("Created is too old"),
            Err(_) => Ok(()),
        }
    }
}

fn refuse(why: Refusal, version: SoapVersion) -> Fault {
    tracing::debug!(reason = why, "WS-Security UsernameToken refused");
    failed_authentication(version)
}

/// Whether a header block's `actor`/`role` addresses this node (the ultimate receiver).
fn is_for_us(uri: &str) -> bool {
    matches!(
        uri,
        "http://schemas.xmlsoap.org/soap/actor/next"
            | "http://www.w3.org/2003/05/soap-envelope/role/next"
            | "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver"
    )
}

/// A [`Handler`] whose requests pass a [`UsernameTokenVerifier`] first; see
/// [`UsernameTokenVerifier::protect`].
#[derive(Debug)]
pub struct Protected<H> {
    verifier: UsernameTokenVerifier,
    inner: H,
}

impl<H: Handler> Handler for Protected<H> {
    fn handle(&self, request: IncomingRequest) -> BoxFuture<'_, OutgoingResponse> {
        match self.verifier.verify_request(&request.body) {
            Ok(_) => self.inner.handle(request),
            Err((version, fault)) => {
                let reply = fault_response(version, &fault);
                Box::pin(async move { reply })
            }
        }
    }
}

/// Compares without an early exit.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// An `xs:dateTime` with a zone (a `Created` without one is refused: its instant is unknown).
fn parse_time(text: &str) -> Option<SystemTime> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|t| SystemTime::from(t.with_timezone(&Utc)))
}

/// `wsse:FailedAuthentication` ("The security token could not be authenticated or
/// authorized"): in SOAP 1.1 the fault code itself, in SOAP 1.2 a subcode of `Sender`.
pub fn failed_authentication(version: SoapVersion) -> Fault {
    let code = FaultCode::new(WSSE_NS, "FailedAuthentication");
    match version {
        SoapVersion::Soap11 => Fault::new(code, FAILED_AUTHENTICATION),
        SoapVersion::Soap12 => {
            let mut f = Fault::new(
                FaultCode::client(SoapVersion::Soap12),
                FAILED_AUTHENTICATION,
            );
            f.subcodes.push(code);
            f
        }
    }
}

// ----- reading --------------------------------------------------------------------------------

struct Security {
    token: Option<Token>,
    timestamp: Option<Timestamp>,
}

struct Token {
    username: String,
    password: String,
    password_type: Option<String>,
    nonce: Option<String>,
    created: Option<String>,
}

struct Timestamp {
    created: Option<String>,
    expires: Option<String>,
}

fn parse_security(xml: &[u8]) -> Result<Security, DecodeError> {
    let mut r = XmlReader::new(xml, &ReadOptions::default());
    r.root()?;
    let security = r.read_child::<Security>()?;
    r.finish()?;
    Ok(security)
}

/// The SOAP version of an envelope and its first `wsse:Security` header block addressed to this
/// node; `None` when `body` is not a SOAP envelope. An unreadable block counts as absent.
fn scan_envelope(body: &[u8]) -> Option<(SoapVersion, Option<Security>)> {
    let mut r = XmlReader::new(body, &ReadOptions::default());
    let version = match r.root().ok()? {
        (ns, "Envelope") if ns == SoapVersion::Soap11.envelope_ns() => SoapVersion::Soap11,
        (ns, "Envelope") if ns == SoapVersion::Soap12.envelope_ns() => SoapVersion::Soap12,
        _ => return None,
    };
    let security = r
        .read_child::<EnvelopeScan>()
        .ok()
        .and_then(|envelope| envelope.security);
    Some((version, security))
}

/// The `Envelope` element: its `Header`'s security block (the `Body` is left unread).
struct EnvelopeScan {
    security: Option<Security>,
}

impl FromXml for EnvelopeScan {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let env = match r.name().0 {
            ns if ns == SoapVersion::Soap12.envelope_ns() => SoapVersion::Soap12.envelope_ns(),
            _ => SoapVersion::Soap11.envelope_ns(),
        };
        let security = match r.next_child()? {
            Some((ns, "Header")) if ns == env => r.read_child::<HeaderScan>()?.security,
            _ => None,
        };
        // The rest (the Body) is not read: the dispatcher reads it.
        Ok(EnvelopeScan { security })
    }
}

/// The `Header` element: the first `wsse:Security` block addressed to this node.
struct HeaderScan {
    security: Option<Security>,
}

impl FromXml for HeaderScan {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut security = None;
        while let Some((ns, local)) = r.next_child()? {
            if security.is_none() && ns == WSSE_NS && local == "Security" {
                let s11: Option<String> = r.attr(SoapVersion::Soap11.envelope_ns(), "actor")?;
                let s12: Option<String> = r.attr(SoapVersion::Soap12.envelope_ns(), "role")?;
                if s11.or(s12).as_deref().is_none_or(is_for_us) {
                    security = Some(r.read_child::<Security>()?);
                    continue;
                }
            }
            r.skip()?;
        }
        Ok(HeaderScan { security })
    }
}

impl FromXml for Security {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut out = Security {
            token: None,
            timestamp: None,
        };
        while let Some((ns, local)) = r.next_child()? {
            match (ns, local) {
                (WSSE_NS, "UsernameToken") if out.token.is_none() => {
                    out.token = Some(r.read_child()?);
                }
                (WSU_NS, "Timestamp") if out.timestamp.is_none() => {
                    out.timestamp = Some(r.read_child()?);
                }
                _ => r.skip()?,
            }
        }
        Ok(out)
    }
}

impl FromXml for Token {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let (mut username, mut password) = (None, None);
        let (mut password_type, mut nonce, mut created) = (None, None, None);
        while let Some((ns, local)) = r.next_child()? {
            match (ns, local) {
                (WSSE_NS, "Username") if username.is_none() => {
                    username = Some(r.read_child::<String>()?);
                }
                (WSSE_NS, "Password") if password.is_none() => {
                    let p = r.read_child::<Password>()?;
                    password_type = p.kind;
                    password = Some(p.text);
                }
                (WSSE_NS, "Nonce") if nonce.is_none() => nonce = Some(r.read_child::<String>()?),
                (WSU_NS, "Created") if created.is_none() => {
                    created = Some(r.read_child::<String>()?);
                }
                _ => r.skip()?,
            }
        }
        Ok(Token {
            username: r.required(username, "Username")?.trim().to_owned(),
            password: password.unwrap_or_default(),
            password_type,
            nonce,
            created,
        })
    }
}

struct Password {
    kind: Option<String>,
    text: String,
}

impl FromXml for Password {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let kind = r.attr("", "Type")?;
        let text = r.text()?;
        Ok(Password { kind, text })
    }
}

impl FromXml for Timestamp {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut out = Timestamp {
            created: None,
            expires: None,
        };
        while let Some((ns, local)) = r.next_child()? {
            match (ns, local) {
                (WSU_NS, "Created") if out.created.is_none() => out.created = Some(r.read_child()?),
                (WSU_NS, "Expires") if out.expires.is_none() => out.expires = Some(r.read_child()?),
                _ => r.skip()?,
            }
        }
        Ok(out)
    }
}
