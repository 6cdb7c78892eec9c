//! The EWS bindings generated from the full EWS WSDL (`../shared/reference`) with `--only` for
//! the MS-OXWOOF and MS-OXWSMTRK operations (`tests/src/ews_subset.rs`, kept equal to the
//! generator's output here): every request, response and fault of the fixtures decodes with
//! one call through the binding's message enums (no table written by hand), re-encodes, and
//! says the same; a module document decodes by its root with one call too.
//!
//! Regenerate the committed module with `XSD2RS_BLESS=1 cargo test -p tests --test ews_subset`.

use tests::canon::assert_xml_eq;
use tests::ews_subset::{self as ews, Document, ExchangeServiceInput, ExchangeServiceOutput};
use xsd2rs::builder::render;
use xsd2rs::load::Loader;
use xsd2rs::plan::PlanOptions;
use xsd2rs_runtime::codec::{decode_any, encode_any, WriteOptions};
use xsd2rs_runtime::soap::{decode_message, Limits, SoapError, SoapMessages};

/// The operations the committed module is generated for.
const ONLY: &[&str] = &[
    "GetUserOofSettings",
    "SetUserOofSettings",
    "FindMessageTrackingReport",
    "GetMessageTrackingReport",
];

const WSDL: &str = "../../shared/reference/ews/php-ews-o365-2016/services.wsdl";

/// Renders the EWS module for `only` and compares it with the committed `file` (rewritten
/// with `XSD2RS_BLESS=1`); returns the rendered text.
fn check_committed(loaded: &xsd2rs::load::Loaded, only: &[&str], file: &str) -> String {
    let opts = PlanOptions {
        only: only.iter().map(|s| s.to_string()).collect(),
        ..PlanOptions::default()
    };
    let doc = format!(
        "The EWS bindings for {} only (`xsd2rs generate services.wsdl --only {}`).",
        only.join(", "),
        only.join(",")
    );
    let text = render(&loaded.model, &opts, Some(&doc)).expect("renders");
    let path = tests::workspace_root().join(file);
    if std::env::var_os("XSD2RS_BLESS").is_some() {
        std::fs::write(&path, &text).expect("writes");
    }
    let committed = std::fs::read_to_string(&path).expect("committed module");
    assert!(
        committed == text,
        "{file} is stale (rerun with XSD2RS_BLESS=1)"
    );
    text
}

#[test]
fn committed_module_is_the_generators_output() {
    if tests::shared_reference().is_none() {
        return;
    }
    let loaded = Loader::new()
        .input(WSDL)
        .load()
        .unwrap_or_else(|d| panic!("{d}"));
    let text = check_committed(&loaded, ONLY, "tests/src/ews_subset.rs");
    // The README's GetFolder example compiles against this one (feature `readme`).
    check_committed(&loaded, &["GetFolder"], "tests/src/ews_get_folder.rs");
    // Against the whole module: the part `--only` keeps.
    let full = render(&loaded.model, &PlanOptions::default(), None).expect("renders");
    let (part, whole) = (text.lines().count(), full.lines().count());
    eprintln!("--only {}: {part} lines of {whole}", ONLY.join(","));
    assert!(part * 10 < whole, "{part} of {whole} lines");
}

fn fixture(path: &str) -> String {
    let p = tests::workspace_root()
        .join("tests/fixtures/envelopes")
        .join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The expected re-encoding: `NAME.expected.xml` beside the fixture when it exists (the
/// fixture holds content the schema does not know), else the fixture itself.
fn expected(path: &str) -> String {
    let e = path.replace(".xml", ".expected.xml");
    let p = tests::workspace_root()
        .join("tests/fixtures/envelopes")
        .join(&e);
    std::fs::read_to_string(p).unwrap_or_else(|_| fixture(path))
}

const PREFIXES: &[(&str, &str)] = &[("m", ews::NS_M), ("t", ews::NS_T)];

/// Decodes with one call, re-encodes, compares canonically; returns the message.
fn round_trip<M: SoapMessages>(path: &str) -> M {
    let xml = fixture(path);
    let (version, message) = decode_message::<M>(xml.as_bytes(), None, &Limits::default())
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    let out = message.encode(version, PREFIXES).expect("encodes");
    assert_xml_eq(&expected(path), &String::from_utf8(out).expect("utf-8"));
    message
}

#[test]
fn requests_decode_with_one_call() {
    use ExchangeServiceInput as I;
    let m = round_trip::<I>("oof/4.1-get-user-oof-settings-request.xml");
    assert!(matches!(&m, I::GetUserOofSettings(e) if e.body.mailbox.address == "user@example.com"));
    let m = round_trip::<I>("oof/4.3-set-user-oof-settings-request.xml");
    assert!(matches!(m, I::SetUserOofSettings(_)));
    let m = round_trip::<I>("mtrk/find-message-tracking-report-request.xml");
    assert!(matches!(m, I::FindMessageTrackingReport(_)));
    let m = round_trip::<I>("mtrk/get-message-tracking-report-request.xml");
    assert!(matches!(m, I::GetMessageTrackingReport(_)));
}

#[test]
fn responses_decode_with_one_call() {
    use ExchangeServiceOutput as O;
    let m = round_trip::<O>("oof/4.2-get-user-oof-settings-response.xml");
    assert!(matches!(m, O::GetUserOofSettings(_)));
    let m = round_trip::<O>("oof/4.4-set-user-oof-settings-response.xml");
    assert!(matches!(m, O::SetUserOofSettings(_)));
    let m = round_trip::<O>("oof/4.5-set-user-oof-settings-failure-root-corrected.xml");
    assert!(matches!(m, O::SetUserOofSettings(_)));
    let m = round_trip::<O>("mtrk/find-message-tracking-report-response.xml");
    assert!(matches!(m, O::FindMessageTrackingReport(_)));
    let m = round_trip::<O>("mtrk/get-message-tracking-report-response.xml");
    assert!(matches!(m, O::GetMessageTrackingReport(_)));
}

#[test]
fn faults_and_strangers_are_errors_naming_them() {
    let xml = fixture("fault/ews-server-busy.xml");
    match decode_message::<ExchangeServiceOutput>(xml.as_bytes(), None, &Limits::default()) {
        Err(SoapError::Fault(f)) => assert!(!f.string.is_empty(), "{f:?}"),
        other => panic!("expected a fault, got {other:?}"),
    }
    // A response is no request of this binding.
    let xml = fixture("oof/4.2-get-user-oof-settings-response.xml");
    let err = decode_message::<ExchangeServiceInput>(xml.as_bytes(), None, &Limits::default())
        .expect_err("a response is not a request");
    assert!(
        err.to_string().contains("GetUserOofSettingsResponse"),
        "{err}"
    );
    // §4.5 as published has a root the schema does not define.
    let xml = fixture("oof/4.5-set-user-oof-settings-failure-as-published.xml");
    let err = decode_message::<ExchangeServiceOutput>(xml.as_bytes(), None, &Limits::default())
        .expect_err("unknown root");
    assert!(
        err.to_string().contains("SetUserOutOfSettingsResponse"),
        "{err}"
    );
}

#[test]
fn documents_decode_by_their_root_with_one_call() {
    let xml = r#"<m:GetUserOofSettingsRequest xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"
        xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">
        <t:Mailbox><t:Address>a@example.com</t:Address></t:Mailbox></m:GetUserOofSettingsRequest>"#;
    let d = decode_any::<Document>(xml.as_bytes()).expect("decodes");
    assert!(d.unknown.is_empty());
    assert!(
        matches!(&d.value, Document::GetUserOofSettingsRequest(r) if r.mailbox.address == "a@example.com")
    );
    let out = encode_any(&d.value, &WriteOptions::default()).expect("encodes");
    assert_xml_eq(xml, &String::from_utf8(out).expect("utf-8"));
    let err = decode_any::<Document>(b"<x:Other xmlns:x='urn:x'/>").expect_err("unknown root");
    assert!(err.to_string().contains("{urn:x}Other"), "{err}");
}
