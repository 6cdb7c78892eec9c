//! Tracing of SOAP calls made from blocking code, in a test binary of its own: `tracing`'s
//! per-callsite interest cache is shared by every thread of a process, so a scoped subscriber
//! only sees every event reliably when no other test runs concurrently.

#[path = "loopback_server.rs"]
mod loopback_server;
#[path = "soap_support.rs"]
mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use loopback_server::Server;
use support::*;
use xsd2rs_runtime::soap::{Client, SoapError};
use xsd2rs_runtime::transport::{AccessToken, HttpTransport};

/// Captures everything `tracing` writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Blocking use (a `BlockingRuntime` on a plain thread) and tracing at TRACE level: the call is
/// traced with operation, endpoint, status and duration, bodies included, credentials never.
#[test]
fn blocking_calls_are_traced_without_credentials() {
    let server_rt = tokio::runtime::Runtime::new().expect("server runtime");
    let server = server_rt.block_on(Server::start(exchange_service_dispatcher(TestService)));
    let captured = Captured::default();
    let sink = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || sink.clone())
        .finish();
    let rt = xsd2rs_runtime::transport::BlockingRuntime::new().expect("blocking runtime");
    let transport = HttpTransport::builder(&server.url)
        .basic_auth("alice", "hunter2-password")
        .bearer_token("ignored-because-overridden")
        .basic_auth("alice", "hunter2-password")
        .timeout(Duration::from_secs(10))
        .build()
        .expect("transport");
    let client = ExchangeServiceClient::new(Client::new(transport));
    let with_source = HttpTransport::builder(&server.url)
        .token_source(|_why| async {
            Ok(AccessToken::new(
                "eyJsecret.token-value",
                Duration::from_secs(30),
            ))
        })
        .build()
        .expect("transport");
    let with_source = ExchangeServiceClient::new(Client::new(with_source));
    let reply = tracing::subscriber::with_default(subscriber, || {
        // Twice: the 30 s token is within the refresh margin, so the second call asks again.
        for _ in 0..2 {
            rt.block_on(with_source.get_user_oof_settings(&request_for("a@example.com"), &None))
                .expect("runs")
                .expect("call with a token source");
        }
        rt.block_on(client.get_user_oof_settings(&request_for("a@example.com"), &None))
            .expect("runs")
    })
    .expect("call");
    assert_eq!(reply.body.oof_state.as_deref(), Some("Enabled"));
    let log = String::from_utf8(captured.0.lock().expect("lock").clone()).expect("utf-8");
    assert!(
        log.contains("GetUserOofSettings") && log.contains(&server.url),
        "{log}"
    );
    assert!(
        log.contains("status=200") && log.contains("duration_ms="),
        "{log}"
    );
    assert!(log.contains("a@example.com"), "bodies at TRACE: {log}");
    assert!(
        !log.contains("hunter2") && !log.contains("YWxpY2U6aHVudGVyMi1wYXNzd29yZA"),
        "{log}"
    );
    assert!(
        log.contains("bearer token obtained") && log.contains("reason=Expired"),
        "{log}"
    );
    assert!(!log.contains("eyJsecret"), "{log}");
    // block_on inside an async context is an error, not a panic.
    let inside = server_rt.block_on(async { rt.block_on(async { 1 }).map_err(|e| e.to_string()) });
    assert!(inside.is_err());
    let inside = server_rt.block_on(async { rt.call(async { Ok::<_, SoapError>(1) }) });
    assert!(matches!(inside, Err(SoapError::Blocking(_))), "{inside:?}");
    // Outside an async context, `call` flattens the call's own result.
    let reply = rt
        .call(client.get_user_oof_settings(&request_for("error@example.com"), &None))
        .expect("call");
    assert_eq!(reply.body.response_message.response_class, "Error");
    server_rt.block_on(server.stop());
}
