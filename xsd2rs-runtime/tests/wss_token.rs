//! WS-Security UsernameToken: the digest against a vector computed independently (Python's
//! hashlib), the block our client writes, and every refusal of the verifier at chosen times
//! (wrong password or digest, unknown user, stale or future `Created`, expired `Timestamp`,
//! replayed nonce, bounded nonce cache, PasswordText policy), SOAP 1.1 and 1.2 fault codes, and
//! the password never shown.

use std::time::{Duration, SystemTime};

use xsd2rs_runtime::soap::wss::{
    failed_authentication, password_digest, UsernameToken, UsernameTokenVerifier, PASSWORD_DIGEST,
    WSSE_NS, WSU_NS,
};
use xsd2rs_runtime::soap::{HeaderBlock, HeaderSource, SoapVersion};

/// 2026-12-02T08:00:00Z.
fn t0() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_796_198_400)
}

fn verifier() -> UsernameTokenVerifier {
    UsernameTokenVerifier::new(|user| (user == "alice").then(|| "Pa55 wörd&<".to_owned()))
}

fn nonce(n: u8) -> [u8; 16] {
    let mut out = [0u8; 16];
    for (i, b) in out.iter_mut().enumerate() {
        *b = n.wrapping_add(i as u8);
    }
    out
}

fn block(token: &UsernameToken, n: u8, created: SystemTime) -> Vec<HeaderBlock> {
    vec![token.block(&nonce(n), created).expect("block")]
}

fn is_failed_authentication(result: Result<String, xsd2rs_runtime::soap::Fault>) -> bool {
    match result {
        Err(f) => std::iter::once(&f.code)
            .chain(&f.subcodes)
            .any(|c| c.ns == WSSE_NS && c.local == "FailedAuthentication"),
        Ok(user) => panic!("accepted as {user}"),
    }
}

#[test]
fn digest_matches_an_independent_computation() {
    // python3 -c "import hashlib,base64; n=bytes(range(16));
    //   print(base64.b64encode(hashlib.sha1(n+b'2026-12-02T08:00:00.000Z'+'Pa55 wörd&<'.encode()).digest()))"
    assert_eq!(
        password_digest(&nonce(0), "2026-12-02T08:00:00.000Z", "Pa55 wörd&<"),
        "WBSmv81rXsvXJoEmLy6XuDnNLNA="
    );
    // The profile's own example (UsernameToken Profile 1.1 §3.1, `weYI3nXd8LjMNVksCKFV8t3rgHh3Rw==`)
    // gives no password and is not a SHA-1 length, so it cannot serve as a vector.
}

#[test]
fn the_client_block_carries_username_digest_nonce_and_created() {
    let token = UsernameToken::digest("alice", "Pa55 wörd&<").with_timestamp(300);
    let b = token.block(&nonce(0), t0()).expect("block");
    assert!(b.is(WSSE_NS, "Security") && b.is_must_understand());
    let xml = b.element_raw().xml().to_owned();
    assert!(
        xml.contains("<wsse:Username>alice</wsse:Username>"),
        "{xml}"
    );
    assert!(
        xml.contains(&format!("Type=\"{PASSWORD_DIGEST}\"")),
        "{xml}"
    );
    assert!(
        xml.contains(">WBSmv81rXsvXJoEmLy6XuDnNLNA=</wsse:Password>")
            && xml.contains(">AAECAwQFBgcICQoLDA0ODw==</wsse:Nonce>")
            && xml.contains(
                "<wsu:Created>2026-12-02T08:00:00.000Z</wsu:Created></wsse:UsernameToken>"
            )
            && xml.contains("<wsu:Expires>2026-12-02T08:05:00.000Z</wsu:Expires>")
            && xml.contains(WSU_NS),
        "{xml}"
    );
    // Per call: a fresh random nonce each time.
    let a = token.header_blocks(SoapVersion::Soap12).expect("blocks");
    let c = token.header_blocks(SoapVersion::Soap12).expect("blocks");
    assert_ne!(nonce_of(&a), nonce_of(&c));
    assert_eq!(nonce_of(&a).len(), 24, "16 bytes in Base64");
    // Text passwords are escaped; characters XML cannot carry are an error that does not
    // quote the password.
    let text = UsernameToken::text("bob", "a<b&c").without_nonce();
    let xml = text
        .block(&[], t0())
        .expect("block")
        .element_raw()
        .xml()
        .to_owned();
    assert!(
        xml.contains(">a&lt;b&amp;c</wsse:Password>") && !xml.contains("Nonce"),
        "{xml}"
    );
    let err = UsernameToken::text("bob", "bad\u{1}secret")
        .block(&nonce(0), t0())
        .expect_err("control character");
    assert!(!format!("{err} {err:?}").contains("secret"), "{err:?}");
    // Debug never shows the password.
    let shown = format!("{token:?} {:?}", verifier());
    assert!(!shown.contains("Pa55"), "{shown}");
}

fn nonce_of(blocks: &[HeaderBlock]) -> String {
    let xml = blocks.first().expect("one block").element_raw().xml();
    let start = xml.find("Base64Binary\">").expect("nonce") + "Base64Binary\">".len();
    let end = xml[start..].find('<').expect("end") + start;
    xml[start..end].to_owned()
}

#[test]
fn the_verifier_accepts_a_good_token_once() {
    let v = verifier();
    let token = UsernameToken::digest("alice", "Pa55 wörd&<");
    let now = t0() + Duration::from_secs(10);
    assert_eq!(
        v.verify_at(&block(&token, 1, t0()), SoapVersion::Soap12, now)
            .ok()
            .as_deref(),
        Some("alice")
    );
    // The same nonce again: a replay, refused, also from a clone (shared cache).
    assert!(is_failed_authentication(v.clone().verify_at(
        &block(&token, 1, t0()),
        SoapVersion::Soap12,
        now
    )));
    // Another nonce: fine.
    assert!(v
        .verify_at(&block(&token, 2, t0()), SoapVersion::Soap12, now)
        .is_ok());
}

#[test]
fn the_verifier_refuses_wrong_stale_future_and_unknown() {
    let v = verifier();
    let now = t0();
    let s12 = SoapVersion::Soap12;
    let wrong = UsernameToken::digest("alice", "Pa55 word&<");
    assert!(is_failed_authentication(v.verify_at(
        &block(&wrong, 1, now),
        s12,
        now
    )));
    let stranger = UsernameToken::digest("mallory", "Pa55 wörd&<");
    assert!(is_failed_authentication(v.verify_at(
        &block(&stranger, 2, now),
        s12,
        now
    )));
    let good = UsernameToken::digest("alice", "Pa55 wörd&<");
    // Stale: 301 s old with the default 5-minute window; 299 s is fine.
    let old = now - Duration::from_secs(301);
    assert!(is_failed_authentication(v.verify_at(
        &block(&good, 3, old),
        s12,
        now
    )));
    let ok = now - Duration::from_secs(299);
    assert!(v.verify_at(&block(&good, 4, ok), s12, now).is_ok());
    // From the future: 61 s is beyond the default skew, 59 s is within.
    let ahead = now + Duration::from_secs(61);
    assert!(is_failed_authentication(v.verify_at(
        &block(&good, 5, ahead),
        s12,
        now
    )));
    let near = now + Duration::from_secs(59);
    assert!(v.verify_at(&block(&good, 6, near), s12, now).is_ok());
    // No Security block at all, or an unreadable one.
    assert!(is_failed_authentication(v.verify_at(&[], s12, now)));
    let junk = HeaderBlock::raw(&format!(
        "<wsse:Security xmlns:wsse=\"{WSSE_NS}\"><wsse:UsernameToken/></wsse:Security>"
    ))
    .expect("raw");
    assert!(is_failed_authentication(v.verify_at(&[junk], s12, now)));
    // A Security block addressed to another actor is not ours.
    let other = good
        .block(&nonce(7), now)
        .expect("block")
        .actor("urn:example:gateway");
    assert!(is_failed_authentication(v.verify_at(&[other], s12, now)));
    // An expired wsu:Timestamp.
    let stamped = UsernameToken::digest("alice", "Pa55 wörd&<").with_timestamp(30);
    let created = now - Duration::from_secs(31);
    assert!(is_failed_authentication(v.verify_at(
        &block(&stamped, 8, created),
        s12,
        now
    )));
    assert!(v.verify_at(&block(&stamped, 9, now), s12, now).is_ok());
}

#[test]
fn digest_without_nonce_and_password_text_policy() {
    let now = t0();
    let s11 = SoapVersion::Soap11;
    let text = UsernameToken::text("alice", "Pa55 wörd&<");
    // PasswordText is refused unless allowed.
    assert!(verifier()
        .verify_at(&block(&text, 1, now), s11, now)
        .is_err());
    let lenient = verifier().allow_password_text(true);
    assert_eq!(
        lenient
            .verify_at(&block(&text, 1, now), s11, now)
            .ok()
            .as_deref(),
        Some("alice")
    );
    // ... still once per nonce, and without a nonce it is accepted (nothing to replay-check).
    assert!(lenient.verify_at(&block(&text, 1, now), s11, now).is_err());
    let bare = text.clone().without_nonce();
    assert!(lenient.verify_at(&block(&bare, 0, now), s11, now).is_ok());
    let wrong = UsernameToken::text("alice", "nope").without_nonce();
    assert!(lenient.verify_at(&block(&wrong, 0, now), s11, now).is_err());
    // A digest needs a Nonce and Created: a hand-made one without them is refused.
    let raw = HeaderBlock::raw(&format!(
        "<wsse:Security xmlns:wsse=\"{WSSE_NS}\"><wsse:UsernameToken><wsse:Username>alice</wsse:Username>\
         <wsse:Password Type=\"{PASSWORD_DIGEST}\">{}</wsse:Password></wsse:UsernameToken></wsse:Security>",
        password_digest(b"", "", "Pa55 wörd&<")
    ))
    .expect("raw");
    assert!(verifier().verify_at(&[raw], s11, now).is_err());
}

#[test]
fn the_nonce_cache_is_bounded_and_forgets_after_the_window() {
    let v = verifier().max_nonces(2);
    let token = UsernameToken::digest("alice", "Pa55 wörd&<");
    let s12 = SoapVersion::Soap12;
    let now = t0();
    assert!(v.verify_at(&block(&token, 1, now), s12, now).is_ok());
    assert!(v.verify_at(&block(&token, 2, now), s12, now).is_ok());
    // Full: refused (fails closed) rather than forgetting a nonce still in its window.
    assert!(is_failed_authentication(v.verify_at(
        &block(&token, 3, now),
        s12,
        now
    )));
    // Once the window has passed the old entries go, and new tokens are accepted.
    let later = now + Duration::from_secs(301);
    assert!(v.verify_at(&block(&token, 3, later), s12, later).is_ok());
    assert!(v.verify_at(&block(&token, 4, later), s12, later).is_ok());
    // A replayed nonce from an expired window is refused as stale anyway.
    assert!(v.verify_at(&block(&token, 1, now), s12, later).is_err());
}

#[test]
fn failed_authentication_in_both_soap_versions() {
    let f11 = failed_authentication(SoapVersion::Soap11);
    assert_eq!(
        (f11.code.ns.as_str(), f11.code.local.as_str()),
        (WSSE_NS, "FailedAuthentication")
    );
    assert!(f11.subcodes.is_empty());
    let f12 = failed_authentication(SoapVersion::Soap12);
    assert!(f12.code.is_client(), "{f12:?}");
    assert_eq!(f12.subcodes.len(), 1);
    assert_eq!(
        f12.string,
        "The security token could not be authenticated or authorized"
    );
}
