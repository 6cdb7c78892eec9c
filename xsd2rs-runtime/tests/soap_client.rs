//! The `Transport` trait is pluggable: an in-process transport that hands envelopes straight to
//! a `Dispatcher` (no HTTP) carries the same calls, faults and errors.

#[path = "soap_support.rs"]
mod support;

use std::sync::{Arc, Mutex};

use support::*;
use xsd2rs_runtime::server::{Dispatcher, IncomingRequest};
use xsd2rs_runtime::soap::{Client, SoapError};
use xsd2rs_runtime::transport::{BoxFuture, SoapRequest, SoapResponse, Transport, TransportError};

/// Delivers requests to a dispatcher in process and remembers what it sent.
#[derive(Debug)]
struct InProcess {
    dispatcher: Arc<Dispatcher<TestService>>,
    sent: Mutex<Vec<SoapRequest>>,
}

impl Transport for InProcess {
    fn send(&self, request: SoapRequest) -> BoxFuture<'_, Result<SoapResponse, TransportError>> {
        Box::pin(async move {
            if let Ok(mut sent) = self.sent.lock() {
                sent.push(request.clone());
            }
            let reply = self
                .dispatcher
                .dispatch(IncomingRequest {
                    action: Some(request.action),
                    content_type: Some(request.content_type),
                    headers: Vec::new(),
                    body: request.body,
                })
                .await;
            Ok(SoapResponse {
                status: reply.status,
                content_type: Some(reply.content_type),
                body: reply.body,
            })
        })
    }
}

/// Always fails like an unreachable server would.
#[derive(Debug)]
struct Unreachable;

impl Transport for Unreachable {
    fn send(&self, _request: SoapRequest) -> BoxFuture<'_, Result<SoapResponse, TransportError>> {
        Box::pin(async {
            Err(TransportError::Connect {
                endpoint: "ntlm://nowhere".into(),
                message: "refused".into(),
            })
        })
    }
}

#[tokio::test]
async fn custom_transports_plug_into_generated_clients() {
    let transport = Arc::new(InProcess {
        dispatcher: Arc::new(exchange_service_dispatcher(TestService)),
        sent: Mutex::new(Vec::new()),
    });
    let client = ExchangeServiceClient::new(Client::from_arc(transport.clone()));
    let reply = client
        .get_user_oof_settings(
            &request_for("a@example.com"),
            &Some(RequestServerVersion {
                version: "V1".into(),
            }),
        )
        .await
        .expect("call");
    assert_eq!(reply.body.oof_state.as_deref(), Some("Enabled"));
    assert_eq!(reply.headers.and_then(|h| h.version).as_deref(), Some("V1"));
    let err = client
        .get_user_oof_settings(&request_for("fault@example.com"), &None)
        .await
        .expect_err("fault");
    assert!(err.fault().is_some_and(|f| f.code.is_server()), "{err:?}");

    let sent = transport.sent.lock().expect("lock").clone();
    let first = sent.first().expect("a request was sent");
    assert_eq!(first.operation, "GetUserOofSettings");
    assert_eq!(first.content_type, "text/xml; charset=utf-8");
    let body = String::from_utf8(first.body.clone()).expect("utf-8");
    assert!(
        body.contains("<soap:Header><t:RequestServerVersion Version=\"V1\"/></soap:Header>"),
        "{body}"
    );

    let offline = ExchangeServiceClient::new(Client::new(Unreachable));
    let err = offline
        .get_user_oof_settings(&request_for("a@b"), &None)
        .await
        .expect_err("unreachable");
    assert!(
        matches!(err, SoapError::Transport(TransportError::Connect { .. })),
        "{err:?}"
    );
}
