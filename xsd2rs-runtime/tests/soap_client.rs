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

#[test]
fn replies_are_classified_by_content_not_only_by_status() {
    let client = Client::new(Unreachable);
    let ok = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:GetUserOofSettingsResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"><m:ResponseMessage ResponseClass="Success"/></m:GetUserOofSettingsResponse></s:Body></s:Envelope>"#;
    let fault = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>boom</faultstring></s:Fault></s:Body></s:Envelope>"#;
    let interpret = |status: u16, ct: Option<&str>, body: &str| {
        client.interpret::<GetUserOofSettingsResponse, ()>(SoapResponse {
            status,
            content_type: ct.map(str::to_owned),
            body: body.as_bytes().to_vec(),
        })
    };
    assert!(interpret(200, Some("text/xml; charset=utf-8"), ok).is_ok());
    assert!(
        interpret(200, None, ok).is_ok(),
        "no content type: read the body"
    );
    assert!(
        interpret(200, Some("text/html"), ok).is_ok(),
        "mislabelled envelope is still read"
    );
    for (status, ct) in [
        (500, Some("text/xml")),
        (200, Some("text/xml")),
        (500, Some("text/html")),
    ] {
        let err = interpret(status, ct, fault).expect_err("fault");
        assert!(
            err.fault()
                .is_some_and(|f| f.code.is_server() && f.string == "boom"),
            "{err:?}"
        );
    }
    // A success body under an error status is not trusted as a response.
    assert_eq!(
        interpret(503, Some("text/xml"), ok)
            .expect_err("503")
            .http_status(),
        Some(503)
    );
    assert_eq!(
        interpret(502, Some("text/xml"), "<error/>")
            .expect_err("502")
            .http_status(),
        Some(502)
    );
    assert_eq!(
        interpret(200, Some("text/plain"), "hello")
            .expect_err("plain")
            .http_status(),
        Some(200)
    );
    assert_eq!(
        interpret(404, Some("text/html"), "<html/>")
            .expect_err("404")
            .http_status(),
        Some(404)
    );
    // XML that is not a valid envelope under a SOAP status is a decode error, not HTTP.
    assert!(matches!(
        interpret(200, Some("text/xml"), "<nope/>"),
        Err(SoapError::Decode(_))
    ));
}
