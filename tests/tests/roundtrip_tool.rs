//! The `roundtrip` example of the `generated` crate (`cargo run -p generated --example roundtrip
//! -- FILE...`), run as a program on the envelopes in `tests/fixtures/envelopes/`:
//!
//! - `oof/`: the MS-OXWOOF §4 examples (spec text, PDF artefacts removed), §4.5 as published
//!   (unknown root `SetUserOutOfSettingsResponse`) and with its root corrected;
//! - `mtrk/`: hand-written MS-OXWSMTRK requests and responses, valid against `schemas/`, and one
//!   request carrying content the bindings do not know;
//! - `fault/`: SOAP faults with EWS detail;
//! - `invalid/`: files the tool must refuse.
//!
//! `NAME.expected.xml`, where present, is the output expected for `NAME.xml` (written by hand:
//! canonical booleans, dropped undeclared headers and unknown content); otherwise
//! the output must equal the input. Comparisons are canonical (`tests::canon`), except that a
//! fault's `faultcode` QName is compared by namespace URI and local name.
//!
//! The example is built once with `cargo build` (the `CARGO` running this test) and its
//! executable located from cargo's JSON messages, so the test works from a clean clone.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use tests::canon::assert_xml_eq;
use tests::validate::{assert_valid, SchemaSet};
use tests::workspace_root;

/// The example's executable, built on first use.
fn roundtrip_exe() -> &'static Path {
    static EXE: OnceLock<PathBuf> = OnceLock::new();
    EXE.get_or_init(|| {
        let out = Command::new(env!("CARGO"))
            .args(["build", "-q", "-p", "generated", "--example", "roundtrip"])
            .arg("--message-format=json")
            .current_dir(workspace_root())
            .stderr(Stdio::inherit())
            .output()
            .expect("cargo runs");
        assert!(
            out.status.success(),
            "building the roundtrip example failed"
        );
        let messages = String::from_utf8_lossy(&out.stdout);
        let exe = messages
            .lines()
            .filter(|l| l.contains(r#""reason":"compiler-artifact""#))
            .filter(|l| l.contains(r#""name":"roundtrip""#) && l.contains(r#""example""#))
            .find_map(|l| {
                let start = l.find(r#""executable":""#)? + r#""executable":""#.len();
                let end = start + l.get(start..)?.find('"')?;
                l.get(start..end).map(PathBuf::from)
            })
            .expect("cargo reports the example's executable");
        assert!(exe.is_file(), "{} is missing", exe.display());
        exe
    })
}

fn fixture(rel: &str) -> PathBuf {
    workspace_root().join("tests/fixtures/envelopes").join(rel)
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(fixture(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
}

/// Runs the tool with `args` (fixture paths are given relative to the fixture folder).
fn run(args: &[&str]) -> Output {
    let args: Vec<String> = args
        .iter()
        .map(|a| {
            if a.starts_with('-') {
                (*a).to_owned()
            } else {
                fixture(a).display().to_string()
            }
        })
        .collect();
    Command::new(roundtrip_exe())
        .args(&args)
        .output()
        .expect("the roundtrip example runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The expected output for `rel`: `NAME.expected.xml` if present, else the input itself.
fn expected(rel: &str) -> String {
    let alt = rel.replace(".xml", ".expected.xml");
    if fixture(&alt).is_file() {
        read(&alt)
    } else {
        read(rel)
    }
}

/// Runs the tool on one file that must round-trip cleanly; returns its output.
#[track_caller]
fn round_trip_ok(rel: &str) -> String {
    let out = run(&[rel]);
    assert_eq!(out.status.code(), Some(0), "{rel}: {}", stderr(&out));
    assert_eq!(stderr(&out), "", "{rel}: nothing may be skipped");
    let xml = stdout(&out);
    assert_xml_eq(&expected(rel), &xml);
    xml
}

/// Runs the tool on one file that must fail; returns its stderr.
#[track_caller]
fn round_trip_fails(rel: &str) -> String {
    let out = run(&[rel]);
    assert_eq!(out.status.code(), Some(1), "{rel} must fail");
    assert_eq!(stdout(&out), "", "{rel}: nothing may be printed");
    let err = stderr(&out);
    assert!(err.contains(&*fixture(rel).display().to_string()), "{err}");
    assert!(err.contains(": error: "), "{err}");
    err
}

#[test]
fn oof_spec_examples_round_trip_and_validate() {
    let schemas = SchemaSet::oof().expect("OOF schema set");
    for rel in [
        "oof/4.1-get-user-oof-settings-request.xml",
        "oof/4.2-get-user-oof-settings-response.xml",
        "oof/4.3-set-user-oof-settings-request.xml",
        "oof/4.4-set-user-oof-settings-response.xml",
    ] {
        let xml = round_trip_ok(rel);
        assert_valid(&schemas, &xml);
    }
}

#[test]
fn oof_4_5_as_published_fails_naming_its_unknown_root() {
    let err = round_trip_fails("oof/4.5-set-user-oof-settings-failure-as-published.xml");
    assert!(
        err.contains(
            "unknown body root element \
             {http://schemas.microsoft.com/exchange/services/2006/messages}SetUserOutOfSettingsResponse"
        ),
        "{err}"
    );
    assert!(
        err.contains("at /Envelope/Body/SetUserOutOfSettingsResponse (line 10, column 5)"),
        "{err}"
    );
}

#[test]
fn oof_4_5_with_root_corrected_keeps_the_unknown_response_code() {
    let xml = round_trip_ok("oof/4.5-set-user-oof-settings-failure-root-corrected.xml");
    assert!(
        xml.contains(">ErrorInvalidScheduledOutOfDuration<"),
        "{xml}"
    );
}

#[test]
fn mtrk_messages_round_trip_and_validate() {
    let schemas = SchemaSet::mtrk().expect("MTRK schema set");
    for rel in [
        "mtrk/find-message-tracking-report-request.xml",
        "mtrk/find-message-tracking-report-response.xml",
        "mtrk/get-message-tracking-report-request.xml",
        "mtrk/get-message-tracking-report-response.xml",
    ] {
        assert_valid(&schemas, &read(rel));
        let xml = round_trip_ok(rel);
        assert_valid(&schemas, &xml);
    }
}

#[test]
fn request_header_is_decoded_with_the_request() {
    let xml = round_trip_ok("mtrk/get-message-tracking-report-request.xml");
    assert!(
        xml.contains(r#"<t:RequestServerVersion Version="Exchange2016"/>"#),
        "{xml}"
    );
}

const UNKNOWN: &str = "mtrk/get-message-tracking-report-request-unknown-content.xml";

#[test]
fn unknown_content_is_dropped_and_listed_as_warnings() {
    let out = run(&[UNKNOWN]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Undeclared header blocks are kept (after the declared one); unknown body content is not.
    assert_xml_eq(&expected(UNKNOWN), &stdout(&out));
    let t = "http://schemas.microsoft.com/exchange/services/2006/types";
    let expected = [
        "skipped unknown attribute {}Flavor in /Envelope/Body/GetMessageTrackingReport/RecipientFilter (line 26, column 7)".to_owned(),
        format!("skipped unknown element {{{t}}}FutureField in /Envelope/Body/GetMessageTrackingReport/RecipientFilter (line 28, column 9)"),
        "skipped unknown element {urn:example:future}FutureOption in /Envelope/Body/GetMessageTrackingReport (line 33, column 7)".to_owned(),
    ];
    let prefix = format!("{}: warning: ", fixture(UNKNOWN).display());
    let lines: Vec<String> = stderr(&out).lines().map(str::to_owned).collect();
    let want: Vec<String> = expected.iter().map(|w| format!("{prefix}{w}")).collect();
    assert_eq!(lines, want);
}

const MUST_UNDERSTAND: &str = "mtrk/get-message-tracking-report-request-must-understand.xml";

#[test]
fn declared_header_block_attributes_are_warned_about_not_written_back() {
    // The block is decoded (its mustUnderstand is honoured: the message declares it), but
    // typed header blocks do not keep soap:mustUnderstand / soap:actor: the tool says so.
    let out = run(&[MUST_UNDERSTAND]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let xml = stdout(&out);
    assert_xml_eq(&read("mtrk/get-message-tracking-report-request.xml"), &xml);
    assert!(!xml.contains("mustUnderstand"), "{xml}");
    let soap = "http://schemas.xmlsoap.org/soap/envelope/";
    let expected = [
        format!(
            "header block attribute {{{soap}}}mustUnderstand=\"1\" on \
             /Envelope/Header/RequestServerVersion (line 5, column 5) is not written back: the \
             re-encoded block has no mustUnderstand/actor"
        ),
        format!(
            "header block attribute {{{soap}}}actor=\"http://schemas.xmlsoap.org/soap/actor/next\" on \
             /Envelope/Header/RequestServerVersion (line 5, column 5) is not written back: the \
             re-encoded block has no mustUnderstand/actor"
        ),
    ];
    let prefix = format!("{}: warning: ", fixture(MUST_UNDERSTAND).display());
    let lines: Vec<String> = stderr(&out).lines().map(str::to_owned).collect();
    let want: Vec<String> = expected.iter().map(|w| format!("{prefix}{w}")).collect();
    assert_eq!(lines, want);
    // --strict counts them like any other loss.
    assert_eq!(run(&["--strict", MUST_UNDERSTAND]).status.code(), Some(1));
}

#[test]
fn strict_mode_fails_on_skipped_content_but_still_prints() {
    let out = run(&["--strict", UNKNOWN]);
    assert_eq!(out.status.code(), Some(1));
    assert_xml_eq(&expected(UNKNOWN), &stdout(&out));
    assert_eq!(stderr(&out).lines().count(), 3);
    let clean = run(&["--strict", "mtrk/get-message-tracking-report-request.xml"]);
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
}

/// `xml` with every `faultcode` text replaced by its expanded name `{uri}local`.
fn resolve_faultcodes(xml: &str) -> String {
    let doc = roxmltree::Document::parse(xml).expect("well-formed");
    let mut edits: Vec<(std::ops::Range<usize>, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("faultcode"))
        .filter_map(|n| {
            let text = n.first_child().filter(|c| c.is_text())?;
            let value = text.text()?.trim();
            let (prefix, local) = value
                .split_once(':')
                .map_or((None, value), |(p, l)| (Some(p), l));
            let ns = n.lookup_namespace_uri(prefix).unwrap_or("?");
            Some((text.range(), format!("{{{ns}}}{local}")))
        })
        .collect();
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = xml.to_owned();
    for (range, with) in edits {
        out.replace_range(range, &with);
    }
    out
}

#[test]
fn faults_round_trip_with_ews_detail() {
    for rel in ["fault/ews-server-busy.xml", "fault/client-error-code.xml"] {
        let out = run(&[rel]);
        assert_eq!(out.status.code(), Some(0), "{rel}: {}", stderr(&out));
        let xml = stdout(&out);
        assert_xml_eq(
            &resolve_faultcodes(&expected(rel)),
            &resolve_faultcodes(&xml),
        );
    }
    let busy = stdout(&run(&["fault/ews-server-busy.xml"]));
    assert!(
        resolve_faultcodes(&busy).contains(
            "<faultcode>{http://schemas.microsoft.com/exchange/services/2006/types}ErrorServerBusy</faultcode>"
        ),
        "{busy}"
    );
    // The ServerVersionInfo header block of the fault is kept: nothing is skipped.
    let err = stderr(&run(&["fault/client-error-code.xml"]));
    assert_eq!(err, "", "{err}");
}

/// Real-shaped faults: header blocks on the fault, xml:lang on faultstring, unprefixed
/// standard codes, EWS detail with MessageXml (indented values included).
const REAL_FAULTS: &[&str] = &[
    "fault/ews-2010-schema-validation.xml",
    "fault/ews-2013-server-busy-padded.xml",
    "fault/unprefixed-client-code.xml",
    "fault/unprefixed-server-code.xml",
    "fault/client-error-code.xml",
    "fault/ews-server-busy.xml",
];

#[test]
fn real_shaped_faults_are_written_back_as_read() {
    for rel in REAL_FAULTS {
        let out = run(&[rel]);
        assert_eq!(out.status.code(), Some(0), "{rel}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{rel}: nothing skipped");
        assert_xml_eq(
            &resolve_faultcodes(&read(rel)),
            &resolve_faultcodes(&stdout(&out)),
        );
        // Strict mode agrees: nothing was lost.
        assert_eq!(run(&["--strict", rel]).status.code(), Some(0), "{rel}");
    }
    // Unprefixed codes stay unprefixed.
    let client = stdout(&run(&["fault/unprefixed-client-code.xml"]));
    assert!(client.contains("<faultcode>Client</faultcode>"), "{client}");
}

#[test]
fn real_shaped_faults_decode_every_field() {
    use xsd2rs_runtime::soap::{decode_fault, Limits};
    let decode = |rel: &str| {
        decode_fault(read(rel).as_bytes(), &Limits::default())
            .expect("decodes")
            .expect("a fault")
            .1
    };
    let busy = decode("fault/ews-2013-server-busy-padded.xml");
    assert_eq!(busy.ews.response_code.as_deref(), Some("ErrorServerBusy"));
    assert_eq!(busy.ews.back_off_milliseconds(), Some(297_749));
    assert_eq!(busy.lang.as_deref(), Some("en-US"));
    let info = busy
        .header::<generated::oof::ServerVersionInfo>()
        .expect("a ServerVersionInfo block")
        .expect("decodes");
    assert_eq!(info.major_version, Some(15));
    assert_eq!(info.version.as_deref(), Some("V2_23"));
    let client = decode("fault/unprefixed-client-code.xml");
    assert!(client.code.is_client(), "{:?}", client.code);
    assert_eq!(client.code.ns, "");
    assert_eq!(client.headers.len(), 1);
    assert!(client.headers[0].is_must_understand());
    assert_eq!(client.headers[0].actor_uri(), Some("urn:example:proxy"));
    let server = decode("fault/unprefixed-server-code.xml");
    assert!(server.code.is_server());
    assert_eq!(server.lang.as_deref(), Some("de-DE"));
    let validation = decode("fault/ews-2010-schema-validation.xml");
    assert_eq!(
        validation.ews.value("LinePosition"),
        Some("630"),
        "{:?}",
        validation.ews
    );
}

#[test]
fn invalid_inputs_fail_with_path_and_position() {
    let cases = [
        ("invalid/not-xml.txt", "malformed XML: content before the root element at / (line 1, column 1)"),
        (
            "invalid/oof-invalid-datetime.xml",
            "invalid value: expected xs:dateTime, found \"next Monday\" at \
             /Envelope/Body/GetUserOofSettingsResponse/OofSettings/Duration/StartTime (line 13, column 11)",
        ),
        (
            "invalid/mtrk-missing-required.xml",
            "missing required element `MessageTrackingReportId` at \
             /Envelope/Body/GetMessageTrackingReport (line 5, column 5)",
        ),
        (
            "invalid/must-understand-header.xml",
            "header block {urn:example:tx}Transaction has mustUnderstand=\"1\" but this message does \
             not declare it, so a receiver must refuse the message at /Envelope/Header/Transaction \
             (line 5, column 5)",
        ),
        ("invalid/soap12-envelope.xml", "SOAP version mismatch"),
        (
            "invalid/empty-body.xml",
            "missing required element `a message or Fault` at /Envelope/Body (line 3, column 3)",
        ),
        (
            "invalid/truncated.xml",
            "unexpected end of input at \
             /Envelope/Body/SetUserOofSettingsResponse/ResponseMessage/ResponseCode",
        ),
    ];
    for (rel, want) in cases {
        let err = round_trip_fails(rel);
        assert!(err.contains(want), "{rel}: expected {want:?} in\n{err}");
    }
}

#[test]
fn several_files_are_each_processed_and_any_failure_fails_the_run() {
    let good = [
        "oof/4.1-get-user-oof-settings-request.xml",
        "oof/4.4-set-user-oof-settings-response.xml",
    ];
    let out = run(&[good[0], "invalid/not-xml.txt", good[1]]);
    assert_eq!(out.status.code(), Some(1));
    let printed = stdout(&out);
    let envelopes: Vec<&str> = printed.lines().collect();
    assert_eq!(envelopes.len(), 2, "{printed}");
    for (rel, xml) in good.iter().zip(envelopes) {
        assert_xml_eq(&read(rel), xml);
    }
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("not-xml.txt: error: "), "{err}");

    let all_good = run(&good);
    assert_eq!(all_good.status.code(), Some(0), "{}", stderr(&all_good));
    assert_eq!(stdout(&all_good).lines().count(), 2);
}

#[test]
fn standard_input_is_read_for_a_dash() {
    let rel = "oof/4.2-get-user-oof-settings-response.xml";
    let mut child = Command::new(roundtrip_exe())
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the roundtrip example runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(read(rel).as_bytes())
        .expect("write stdin");
    let out = child
        .wait_with_output()
        .expect("the roundtrip example ends");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_xml_eq(&read(rel), &stdout(&out));
}

#[test]
fn help_and_usage_errors() {
    let help = run(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    let text = stdout(&help);
    assert!(text.contains("--strict"), "{text}");
    let m = "http://schemas.microsoft.com/exchange/services/2006/messages";
    for root in [
        "FindMessageTrackingReport",
        "FindMessageTrackingReportResponse",
        "GetMessageTrackingReport",
        "GetMessageTrackingReportResponse",
        "GetUserOofSettingsRequest",
        "GetUserOofSettingsResponse",
        "SetUserOofSettingsRequest",
        "SetUserOofSettingsResponse",
    ] {
        let line = format!("{{{m}}}{root}\n");
        assert!(text.contains(&line), "--help lacks {line}:\n{text}");
    }
    assert!(
        text.contains("{http://schemas.xmlsoap.org/soap/envelope/}Fault\n"),
        "{text}"
    );
    for args in [&[][..], &["--frobnicate", "x.xml"][..]] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("usage: roundtrip"),
            "{}",
            stderr(&out)
        );
        assert_eq!(stdout(&out), "");
    }
    let missing = run(&["no/such/file.xml"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("cannot read"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn content_a_fault_does_not_keep_is_listed_as_warnings() {
    let rel = "fault/schema-validation-unknown-content.xml";
    let out = run(&[rel]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_xml_eq(
        &resolve_faultcodes(&expected(rel)),
        &resolve_faultcodes(&stdout(&out)),
    );
    let prefix = format!("{}: warning: skipped unknown ", fixture(rel).display());
    let want = [format!(
        "{prefix}element {{urn:example:diagnostics}}Trace in /Envelope/Body/Fault (line 19, column 7)"
    )];
    let lines: Vec<String> = stderr(&out).lines().map(str::to_owned).collect();
    assert_eq!(lines, want);
}
