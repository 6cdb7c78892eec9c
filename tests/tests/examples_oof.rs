//! The `oof` client example against the `oof-server` example, both as built programs over real
//! loopback HTTP: get, set, get again sees the change, invalid settings and faults exit non-zero
//! with the server's message; plus the server's replies read in-process through the generated
//! client (ServerVersionInfo header, §4.5-shaped error, fault detail).

#[path = "examples_common.rs"]
mod common;

use common::{example_exe, run, Server};
use generated::oof::{
    Duration, EmailAddress, ExchangeServiceClient, ExternalAudience, GetUserOofSettingsRequest,
    OofState, ResponseClassType, ResponseCodeType, SetUserOofSettingsRequest, UserOofSettings,
};
use xsd2rs_runtime::soap::{Client, SoapError};
use xsd2rs_runtime::transport::{BlockingRuntime, HttpTransport};
use xsd2rs_runtime::types::DateTime;
use xsd2rs_runtime::SimpleValue;

fn oof(server: &Server, args: &[&str]) -> common::Run {
    let mut all = vec!["--url", server.url.as_str(), "--timeout", "20"];
    all.extend_from_slice(args);
    run(&example_exe("oof"), &all)
}

/// The value printed after `label:` on its line.
fn field<'a>(out: &'a str, label: &str) -> Option<&'a str> {
    out.lines()
        .find_map(|l| l.strip_prefix(label)?.strip_prefix(':'))
        .map(str::trim)
}

#[test]
fn get_set_get_sees_the_change() {
    let server = Server::start("oof-server");
    let before = oof(&server, &["get", "alice@example.com"]);
    let out = before.ok();
    assert_eq!(field(out, "State"), Some("Disabled"), "{out}");
    assert_eq!(field(out, "External audience"), Some("All"));
    assert!(
        field(out, "Server version").is_some_and(|v| v.starts_with("8.1")),
        "{out}"
    );

    let set = oof(
        &server,
        &[
            "set",
            "alice@example.com",
            "--state",
            "Scheduled",
            "--internal",
            "Back on Monday",
            "--external",
            "I am away",
            "--audience",
            "Known",
            "--start",
            "2024-07-01T00:00:00Z",
            "--end",
            "2024-07-08T00:00:00Z",
        ],
    );
    assert!(set.ok().contains("updated"), "{set:#?}");

    // Addresses compare case-insensitively.
    let after = oof(&server, &["get", "Alice@Example.com"]);
    let out = after.ok();
    assert_eq!(field(out, "State"), Some("Scheduled"), "{out}");
    assert_eq!(field(out, "External audience"), Some("Known"));
    assert_eq!(
        field(out, "Scheduled"),
        Some("2024-07-01T00:00:00Z to 2024-07-08T00:00:00Z")
    );
    assert_eq!(field(out, "Internal reply"), Some("Back on Monday"));
    assert_eq!(field(out, "External reply"), Some("I am away"));

    // Another mailbox is untouched.
    let other = oof(&server, &["get", "bob@example.com"]);
    assert_eq!(field(other.ok(), "State"), Some("Disabled"));

    // Enabled without a period, then disabled.
    let enabled = oof(
        &server,
        &[
            "set",
            "alice@example.com",
            "--state",
            "Enabled",
            "--internal",
            "Out",
        ],
    );
    enabled.ok();
    let out = oof(&server, &["get", "alice@example.com"]);
    assert_eq!(field(out.ok(), "State"), Some("Enabled"));
    assert_eq!(field(out.ok(), "External reply"), Some("(none)"));
}

#[test]
fn a_scheduled_period_ending_before_it_starts_is_an_error_exit() {
    let server = Server::start("oof-server");
    for (start, end) in [
        ("2024-07-08T00:00:00Z", "2024-07-01T00:00:00Z"),
        ("2024-07-01T00:00:00Z", "2024-07-01T00:00:00Z"),
    ] {
        let r = oof(
            &server,
            &[
                "set",
                "carol@example.com",
                "--state",
                "Scheduled",
                "--internal",
                "x",
                "--external",
                "y",
                "--start",
                start,
                "--end",
                end,
            ],
        );
        let err = r.failed();
        assert!(err.contains("ErrorInvalidScheduledOofDuration"), "{err}");
        assert!(err.contains("not valid"), "{err}");
        assert!(!r.stdout.contains("updated"));
    }
    // The refused settings were not stored.
    let out = oof(&server, &["get", "carol@example.com"]);
    assert_eq!(field(out.ok(), "State"), Some("Disabled"));
}

#[test]
fn faults_bad_arguments_and_unreachable_servers_exit_non_zero() {
    let server = Server::start("oof-server");
    // Not an SMTP address: a SOAP Client fault with the MS-OXWOOF §2.2.4 ErrorCode.
    let r = oof(&server, &["get", "not-an-address"]);
    let err = r.failed();
    assert!(err.contains("SOAP fault"), "{err}");
    assert!(err.contains("ErrorInvalidOofParameter"), "{err}");

    // Scheduled without a period is refused before any call; a bad time too.
    let r = oof(&server, &["set", "a@example.com", "--state", "Scheduled"]);
    assert!(r.failed().contains("--start"), "{r:#?}");
    let r = oof(
        &server,
        &[
            "set",
            "a@example.com",
            "--state",
            "Scheduled",
            "--start",
            "tomorrow",
            "--end",
            "2024-07-01T00:00:00Z",
        ],
    );
    assert!(r.failed().contains("xs:dateTime"), "{r:#?}");

    // Nothing listens on the port of a stopped server.
    let url = server.url.clone();
    drop(server);
    let r = run(
        &example_exe("oof"),
        &["--url", &url, "--timeout", "5", "get", "a@example.com"],
    );
    assert!(r.failed().contains("transport"), "{r:#?}");
}

#[test]
fn credentials_and_anchor_header_are_accepted_and_never_printed() {
    let server = Server::start("oof-server");
    let r = oof(
        &server,
        &[
            "--user",
            "alice@example.com",
            "--password",
            "s3cret-Pa55",
            "--anchor-mailbox",
            "alice@example.com",
            "get",
            "nobody",
        ],
    );
    let err = r.failed();
    assert!(!err.contains("s3cret-Pa55") && !r.stdout.contains("s3cret-Pa55"));
    let r = oof(
        &server,
        &["--token", "tok-123456", "get", "alice@example.com"],
    );
    r.ok();
    // --user without --password, and --user with --token, are usage errors.
    let r = oof(&server, &["--user", "a", "get", "a@example.com"]);
    assert_eq!(r.status.code(), Some(2), "{r:#?}");
    let r = oof(
        &server,
        &[
            "--user",
            "a",
            "--password",
            "b",
            "--token",
            "t",
            "get",
            "a@example.com",
        ],
    );
    assert_eq!(r.status.code(), Some(2), "{r:#?}");
}

fn dt(s: &str) -> DateTime {
    DateTime::parse_text(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

#[test]
fn the_generated_client_reads_headers_errors_and_faults_from_the_server() {
    let server = Server::start("oof-server");
    let transport = HttpTransport::builder(server.url.clone())
        .timeout(std::time::Duration::from_secs(20))
        .build()
        .expect("transport");
    let ews = ExchangeServiceClient::new(Client::new(transport));
    let rt = BlockingRuntime::new().expect("runtime");
    let mailbox = EmailAddress {
        xsi: Default::default(),
        name: None,
        address: "dave@example.com".to_owned(),
        routing_type: Some("SMTP".to_owned()),
    };

    let bad = SetUserOofSettingsRequest {
        xsi: Default::default(),
        mailbox: mailbox.clone(),
        user_oof_settings: UserOofSettings {
            xsi: Default::default(),
            oof_state: OofState::Scheduled,
            external_audience: ExternalAudience::None,
            duration: Some(Duration {
                xsi: Default::default(),
                start_time: dt("2024-01-02T00:00:00"),
                end_time: dt("2024-01-01T23:00:00+00:00"),
            }),
            internal_reply: None,
            external_reply: None,
        },
    };
    let reply = rt
        .call(ews.set_user_oof_settings(&bad, &Default::default()))
        .expect("an Error response is data, not a failure");
    let version = reply
        .headers
        .server_version
        .expect("ServerVersionInfo header");
    assert_eq!(version.major_version, Some(8));
    let message = reply.body.response_message.expect("ResponseMessage");
    assert_eq!(message.response_class, ResponseClassType::Error);
    assert_eq!(
        message.response_code,
        Some(ResponseCodeType::ErrorInvalidScheduledOofDuration)
    );
    assert_eq!(message.descriptive_link_key, Some(0));
    let xml = message.message_xml.expect("MessageXml");
    assert!(xml.any.iter().any(|e| e.local() == "ExceptionCode"
        && e.ns() == "http://schemas.microsoft.com/exchange/services/2006/errors"));

    let mut good = bad.clone();
    good.user_oof_settings.duration = Some(Duration {
        xsi: Default::default(),
        start_time: dt("2024-01-01T00:00:00Z"),
        end_time: dt("2024-01-02T00:00:00Z"),
    });
    let reply = rt
        .call(ews.set_user_oof_settings(&good, &Default::default()))
        .expect("set");
    assert!(reply.headers.server_version.is_some());
    assert_eq!(
        reply.body.response_message.map(|m| m.response_class),
        Some(ResponseClassType::Success)
    );
    let got = rt
        .call(ews.get_user_oof_settings(
            &GetUserOofSettingsRequest {
                xsi: Default::default(),
                mailbox,
            },
            &Default::default(),
        ))
        .expect("get");
    assert!(got.headers.server_version.is_some());
    assert_eq!(
        got.body.response_message.response_code,
        Some(ResponseCodeType::NoError)
    );
    assert_eq!(got.body.oof_settings, Some(good.user_oof_settings));

    let fault = rt
        .call(ews.get_user_oof_settings(
            &GetUserOofSettingsRequest {
                xsi: Default::default(),
                mailbox: EmailAddress {
                    xsi: Default::default(),
                    name: None,
                    address: "x500:/o=Org/cn=alice".to_owned(),
                    routing_type: Some("EX".to_owned()),
                },
            },
            &Default::default(),
        ))
        .expect_err("a fault");
    let SoapError::Fault(fault) = fault else {
        panic!("expected a fault, got {fault:?}");
    };
    assert!(fault.code.is_client());
    assert_eq!(
        fault.ews.error_code.as_deref(),
        Some("ErrorInvalidOofParameter")
    );
}

/// A one-shot raw HTTP server on 127.0.0.1: captures the first request, answers it with
/// `reply` (or never, when `None`), with every socket operation bounded.
fn raw_server(reply: Option<&'static str>) -> (String, std::thread::JoinHandle<String>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!(
        "http://{}/EWS/Exchange.asmx",
        listener.local_addr().expect("addr")
    );
    let handle = std::thread::spawn(move || {
        listener.set_nonblocking(true).expect("nonblocking");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let mut stream = loop {
            match listener.accept() {
                Ok((s, _)) => break s,
                Err(_) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(10))
                }
                Err(e) => panic!("no request arrived: {e}"),
            }
        };
        stream.set_nonblocking(false).expect("blocking");
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .expect("timeout");
        let mut request = Vec::new();
        let mut buf = [0u8; 4096];
        // Read until the end of the body the request announces (or the timeout).
        while let Ok(n) = stream.read(&mut buf) {
            if n == 0 {
                break;
            }
            request.extend_from_slice(buf.get(..n).unwrap_or_default());
            let text = String::from_utf8_lossy(&request);
            if let Some((head, body)) = text.split_once("\r\n\r\n") {
                let len = head
                    .lines()
                    .find_map(|l| {
                        let (k, v) = l.split_once(':')?;
                        k.eq_ignore_ascii_case("content-length")
                            .then(|| v.trim().parse::<usize>().ok())?
                    })
                    .unwrap_or(0);
                if body.len() >= len {
                    break;
                }
            }
        }
        match reply {
            Some(reply) => {
                let _ = stream.write_all(reply.as_bytes());
            }
            // Hold the connection open without answering, longer than the client's timeout.
            None => std::thread::sleep(std::time::Duration::from_secs(4)),
        }
        String::from_utf8_lossy(&request).into_owned()
    });
    (url, handle)
}

#[test]
fn credentials_and_anchor_mailbox_are_sent_and_a_non_soap_reply_is_reported() {
    // Built before any raw server starts its bounded wait.
    let oof = example_exe("oof");
    let (url, server) = raw_server(Some(
        "HTTP/1.1 401 Unauthorized\r\nContent-Type: text/html\r\nContent-Length: 27\r\n\
         Connection: close\r\n\r\n<html>401 Unauthorized</html>",
    ));
    let r = run(
        &oof,
        &[
            "--url",
            &url,
            "--user",
            "alice@example.com",
            "--password",
            "s3cret-Pa55",
            "--anchor-mailbox",
            "alice@example.com",
            "--timeout",
            "20",
            "get",
            "alice@example.com",
        ],
    );
    let err = r.failed();
    assert!(err.contains("HTTP 401"), "{err}");
    assert!(!err.contains("s3cret-Pa55"));
    let request = server.join().expect("raw server");
    let lower = request.to_ascii_lowercase();
    assert!(
        lower.contains("x-anchormailbox: alice@example.com"),
        "{request}"
    );
    assert!(lower.contains("authorization: basic "), "{request}");
    assert!(
        lower.contains("soapaction: \"http://schemas.microsoft.com/exchange/services/2006/messages/getuseroofsettings\""),
        "{request}"
    );
    assert!(
        request.contains("<t:Address>alice@example.com</t:Address>"),
        "{request}"
    );

    let (url, server) = raw_server(Some(
        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    ));
    let r = run(
        &oof,
        &[
            "--url",
            &url,
            "--token",
            "tok-abc",
            "get",
            "bob@example.com",
        ],
    );
    r.failed();
    let request = server.join().expect("raw server");
    assert!(
        request
            .to_ascii_lowercase()
            .contains("authorization: bearer tok-abc"),
        "{request}"
    );
}

#[test]
fn a_server_that_never_answers_hits_the_timeout() {
    let oof = example_exe("oof");
    let (url, server) = raw_server(None);
    let started = std::time::Instant::now();
    let r = run(
        &oof,
        &["--url", &url, "--timeout", "1", "get", "alice@example.com"],
    );
    let err = r.failed();
    assert!(
        err.to_ascii_lowercase().contains("timed out") || err.contains("timeout"),
        "{err}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    let _ = server.join();
}

#[test]
fn impersonation_sets_another_mailboxs_oof_and_the_server_applies_it_there() {
    let server = Server::start("oof-server");
    // The oof client, acting as Bob through ExchangeImpersonation, with a RequestServerVersion.
    let set = oof(
        &server,
        &[
            "--impersonate",
            "bob@example.com",
            "--server-version",
            "Exchange2010_SP1",
            "set",
            "bob@example.com",
            "--state",
            "Enabled",
            "--internal",
            "Bob is away",
        ],
    );
    assert!(set.ok().contains("updated"), "{set:#?}");
    // The server applied it to Bob's mailbox, and nobody else's.
    let bob = oof(&server, &["get", "bob@example.com"]);
    assert_eq!(field(bob.ok(), "State"), Some("Enabled"), "{bob:#?}");
    assert_eq!(field(bob.ok(), "Internal reply"), Some("Bob is away"));
    let alice = oof(&server, &["get", "alice@example.com"]);
    assert_eq!(field(alice.ok(), "State"), Some("Disabled"));
    // RequestServerVersion is honoured: the reply's ServerVersionInfo names it.
    let versioned = oof(
        &server,
        &["--server-version", "Exchange2013", "get", "bob@example.com"],
    );
    assert!(
        field(versioned.ok(), "Server version").is_some_and(|v| v.ends_with("Exchange2013")),
        "{versioned:#?}"
    );
    // Impersonating Bob gives no access to Alice's mailbox: an error exit with the fault.
    let denied = oof(
        &server,
        &[
            "--impersonate",
            "bob@example.com",
            "set",
            "alice@example.com",
            "--state",
            "Enabled",
        ],
    );
    assert!(
        denied.failed().contains("ErrorImpersonateUserDenied"),
        "{denied:#?}"
    );
    assert_eq!(
        field(oof(&server, &["get", "alice@example.com"]).ok(), "State"),
        Some("Disabled")
    );
}

#[test]
fn the_generated_client_sends_extra_header_blocks_per_call() {
    use xsd2rs_runtime::soap::HeaderBlock;
    let server = Server::start("oof-server");
    let rt = BlockingRuntime::new().expect("runtime");
    let transport = HttpTransport::builder(server.url.clone())
        .build()
        .expect("transport");
    let ews = ExchangeServiceClient::new(Client::new(transport));
    let t = "http://schemas.microsoft.com/exchange/services/2006/types";
    let impersonate = |who: &str| {
        HeaderBlock::raw(&format!(
            "<t:ExchangeImpersonation xmlns:t=\"{t}\"><t:ConnectingSID>\
             <t:PrimarySmtpAddress>{who}</t:PrimarySmtpAddress></t:ConnectingSID>\
             </t:ExchangeImpersonation>"
        ))
        .expect("raw block")
    };
    let mailbox = EmailAddress::new;
    let request = SetUserOofSettingsRequest::new(
        mailbox("erin@example.com"),
        UserOofSettings::new(OofState::Enabled, ExternalAudience::All),
    );
    let headers = generated::oof::SetUserOofSettingsInputHeaders {
        extra: vec![impersonate("erin@example.com")],
    };
    let reply = rt
        .call(ews.set_user_oof_settings(&request, &headers))
        .expect("set as Erin");
    assert_eq!(
        reply.body.response_message.map(|m| m.response_class),
        Some(ResponseClassType::Success)
    );
    let got = rt
        .call(ews.get_user_oof_settings(
            &GetUserOofSettingsRequest::new(mailbox("erin@example.com")),
            &Default::default(),
        ))
        .expect("get");
    assert_eq!(
        got.body.oof_settings.map(|s| s.oof_state),
        Some(OofState::Enabled)
    );
    // A fault carries the server's ServerVersionInfo header block, typed on demand.
    let headers = generated::oof::SetUserOofSettingsInputHeaders {
        extra: vec![impersonate("frank@example.com")],
    };
    let err = rt
        .call(ews.set_user_oof_settings(&request, &headers))
        .expect_err("denied");
    let fault = err.fault().expect("a fault");
    assert_eq!(
        fault.ews.error_code.as_deref(),
        Some("ErrorImpersonateUserDenied")
    );
    let info = fault
        .header::<generated::oof::ServerVersionInfo>()
        .expect("ServerVersionInfo on the fault")
        .expect("decodes");
    assert_eq!(info.major_version, Some(8));
}
