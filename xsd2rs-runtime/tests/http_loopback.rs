//! The HTTP transport against the axum adapter over real loopback HTTP (127.0.0.1, port 0):
//! success, faults, non-SOAP replies, timeouts, truncated / oversize / hostile replies,
//! mustUnderstand, routing, credentials and their redaction.

#[path = "loopback_server.rs"]
mod loopback_server;
#[path = "soap_support.rs"]
mod support;

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use loopback_server::Server;
use support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::task::JoinHandle;
use xsd2rs_runtime::codec::DecodeErrorKind;
use xsd2rs_runtime::server::{BoxFuture, Handler, IncomingRequest, OutgoingResponse};
use xsd2rs_runtime::soap::{Client, FaultCode, Limits, SoapError, SoapVersion, SOAP11_ENV_NS};
use xsd2rs_runtime::transport::{HttpTransport, SoapRequest, Transport, TransportError};

const LIMIT: Duration = Duration::from_secs(20);
const ACTION: &str =
    "http://schemas.microsoft.com/exchange/services/2006/messages/GetUserOofSettings";

/// A byte-level handler from a closure.
struct FnHandler<F>(F);

impl<F> Handler for FnHandler<F>
where
    F: Fn(IncomingRequest) -> OutgoingResponse + Send + Sync + 'static,
{
    fn handle(&self, request: IncomingRequest) -> BoxFuture<'_, OutgoingResponse> {
        let reply = (self.0)(request);
        Box::pin(async move { reply })
    }
}

fn fixed(
    status: u16,
    content_type: &str,
    body: &str,
) -> FnHandler<impl Fn(IncomingRequest) -> OutgoingResponse> {
    let (content_type, body) = (content_type.to_owned(), body.as_bytes().to_vec());
    FnHandler(move |_| OutgoingResponse {
        status,
        content_type: content_type.clone(),
        body: body.clone(),
    })
}

fn client_for(url: &str) -> ExchangeServiceClient {
    let transport = HttpTransport::builder(url)
        .timeout(Duration::from_secs(10))
        .build()
        .expect("transport");
    ExchangeServiceClient::new(Client::new(transport))
}

async fn bounded<F: Future>(f: F) -> F::Output {
    tokio::time::timeout(LIMIT, f)
        .await
        .expect("test exceeded its time bound")
}

fn raw_request(action: &str, body: &str) -> SoapRequest {
    SoapRequest {
        operation: "raw".into(),
        action: action.into(),
        content_type: "text/xml; charset=utf-8".into(),
        body: body.as_bytes().to_vec(),
        max_response_bytes: 1 << 20,
    }
}

fn envelope(header: &str, body: &str) -> String {
    format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="{M}" xmlns:t="{T}"><s:Header>{header}</s:Header><s:Body>{body}</s:Body></s:Envelope>"#
    )
}

const GET_BODY: &str = "<m:GetUserOofSettingsRequest><t:Mailbox><t:Address>a@example.com</t:Address></t:Mailbox></m:GetUserOofSettingsRequest>";

#[tokio::test]
async fn success_with_typed_headers_both_ways() {
    bounded(async {
        let server = Server::start(exchange_service_dispatcher(TestService)).await;
        let client = client_for(&server.url);
        let headers = Some(RequestServerVersion {
            version: "Exchange2013".into(),
        });
        let reply = client
            .get_user_oof_settings(&request_for("a@example.com"), &headers)
            .await
            .expect("call succeeds");
        assert_eq!(reply.body.oof_state.as_deref(), Some("Enabled"));
        assert_eq!(reply.body.response_message.response_class, "Success");
        let info = reply.headers.expect("ServerVersionInfo header");
        assert_eq!(info.major_version, Some(15));
        assert_eq!(
            info.version.as_deref(),
            Some("Exchange2013"),
            "request header reached the service"
        );
        // ResponseClass="Error" is data, not an error.
        let reply = client
            .get_user_oof_settings(&request_for("error@example.com"), &None)
            .await
            .expect("data");
        assert_eq!(reply.body.response_message.response_class, "Error");
        assert_eq!(
            reply.body.response_message.response_code.as_deref(),
            Some("ErrorMailRecipientNotFound")
        );
        server.stop().await;
    })
    .await;
}

#[tokio::test]
async fn soap12_binding_round_trips() {
    bounded(async {
        let dispatcher = exchange_service_dispatcher(TestService).with_version(SoapVersion::Soap12);
        let seen = Arc::new(Mutex::new(None::<String>));
        let seen_in = Arc::clone(&seen);
        let dispatcher = Arc::new(dispatcher);
        let handler = AsyncFnHandler(move |req: IncomingRequest| {
            *seen_in.lock().expect("lock") = req.content_type.clone();
            let d = Arc::clone(&dispatcher);
            async move { d.dispatch(req).await }
        });
        let server = Server::start(handler).await;
        let mut client = client_for(&server.url);
        client.client = client.client.clone().with_version(SoapVersion::Soap12);
        let reply = client
            .get_user_oof_settings(&request_for("a@example.com"), &None)
            .await
            .expect("1.2 call");
        assert_eq!(reply.body.oof_state.as_deref(), Some("Enabled"));
        let ct = seen.lock().expect("lock").clone().unwrap_or_default();
        assert!(
            ct.starts_with("application/soap+xml") && ct.contains(ACTION),
            "{ct}"
        );
        // A service fault travels as a SOAP 1.2 fault with 1.2 codes (Receiver).
        let err = client
            .get_user_oof_settings(&request_for("fault@example.com"), &None)
            .await
            .expect_err("fault");
        let f = err.fault().expect("a fault");
        assert_eq!(f.code, FaultCode::server(SoapVersion::Soap12));
        server.stop().await;
    })
    .await;
}

/// A byte-level handler from an async closure.
struct AsyncFnHandler<F>(F);

impl<F, Fut> Handler for AsyncFnHandler<F>
where
    F: Fn(IncomingRequest) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = OutgoingResponse> + Send + 'static,
{
    fn handle(&self, request: IncomingRequest) -> BoxFuture<'_, OutgoingResponse> {
        Box::pin((self.0)(request))
    }
}

#[tokio::test]
async fn fault_is_http_500_and_decodes_as_fault() {
    bounded(async {
        let server = Server::start(exchange_service_dispatcher(TestService)).await;
        let client = client_for(&server.url);
        let err = client
            .get_user_oof_settings(&request_for("fault@example.com"), &None)
            .await
            .expect_err("fault");
        let f = err
            .fault()
            .unwrap_or_else(|| panic!("expected a fault, got {err:?}"));
        assert!(f.code.is_server());
        assert_eq!(f.string, "mailbox store unavailable");
        assert_eq!(
            f.ews.error_code.as_deref(),
            Some("ErrorMailboxStoreUnavailable")
        );
        // On the wire: HTTP 500, text/xml.
        let transport = HttpTransport::new(&server.url).expect("transport");
        let raw = transport
            .send(raw_request(
                ACTION,
                &envelope("", &GET_BODY.replace("a@example.com", "fault@example.com")),
            ))
            .await
            .expect("reply");
        assert_eq!(raw.status, 500);
        assert!(
            raw.content_type
                .as_deref()
                .is_some_and(|c| c.starts_with("text/xml")),
            "{:?}",
            raw.content_type
        );
        // A panicking service is a Server fault, not a dropped connection.
        let err = client
            .get_user_oof_settings(&request_for("panic@example.com"), &None)
            .await
            .expect_err("fault");
        assert!(err.fault().is_some_and(|f| f.code.is_server()), "{err:?}");
        server.stop().await;
    })
    .await;
}

#[tokio::test]
async fn html_401_page_and_empty_body_are_http_errors_with_status_and_snippet() {
    bounded(async {
        let page = "<!DOCTYPE html>\n<html><head><title>401 - Unauthorized</title></head><body>Access is denied.</body></html>";
        let server = Server::start(fixed(401, "text/html", page)).await;
        let err = client_for(&server.url).get_user_oof_settings(&request_for("a@b"), &None).await.expect_err("401");
        match &err {
            SoapError::Http { status: 401, content_type, snippet } => {
                assert_eq!(content_type.as_deref(), Some("text/html"));
                assert!(snippet.contains("401 - Unauthorized"), "{snippet}");
            }
            other => panic!("expected Http 401, got {other:?}"),
        }
        assert!(err.to_string().contains("HTTP 401"), "{err}");
        server.stop().await;

        // Redirects are reported, not followed (the raw server answers one connection only).
        let moved = "HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        let (url, task) = raw_server(moved.as_bytes().to_vec()).await;
        let err = client_for(&url).get_user_oof_settings(&request_for("a@b"), &None).await.expect_err("302");
        assert_eq!(err.http_status(), Some(302), "{err:?}");
        let _ = task.await;

        for status in [200, 503] {
            let server = Server::start(fixed(status, "text/xml", "")).await;
            let err = client_for(&server.url).get_user_oof_settings(&request_for("a@b"), &None).await.expect_err("empty");
            assert_eq!(err.http_status(), Some(status), "{err:?}");
            assert!(err.to_string().contains("empty body"), "{err}");
            server.stop().await;
        }
    })
    .await;
}

#[tokio::test]
async fn client_timeout_fires_before_a_slow_server_answers() {
    bounded(async {
        let server = Server::start(exchange_service_dispatcher(TestService)).await;
        let transport = HttpTransport::builder(&server.url)
            .timeout(Duration::from_millis(300))
            .build()
            .expect("transport");
        let client = ExchangeServiceClient::new(Client::new(transport));
        let started = std::time::Instant::now();
        let err = client
            .get_user_oof_settings(&request_for("slow@example.com"), &None)
            .await
            .expect_err("timeout");
        assert!(err.is_timeout(), "{err:?}");
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
        server.stop().await;
    })
    .await;
}

/// A raw TCP server answering one connection with `reply` and closing it.
async fn raw_server(reply: Vec<u8>) -> (String, JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let task = tokio::spawn(async move {
        if let Ok((mut socket, _)) = listener.accept().await {
            let mut buf = vec![0u8; 64 * 1024];
            let mut seen = Vec::new();
            // Read the request head and body (small), then answer.
            while let Ok(Ok(n)) =
                tokio::time::timeout(Duration::from_secs(5), socket.read(&mut buf)).await
            {
                if n == 0 {
                    break;
                }
                seen.extend_from_slice(buf.get(..n).unwrap_or_default());
                if seen.ends_with(b"</s:Envelope>") || seen.ends_with(b"</soap:Envelope>") {
                    break;
                }
            }
            let _ = socket.write_all(&reply).await;
            let _ = socket.shutdown().await;
        }
    });
    (format!("http://{addr}/EWS/Exchange.asmx"), task)
}

#[tokio::test]
async fn truncated_replies_are_clean_errors() {
    bounded(async {
        let full = envelope("", "<m:GetUserOofSettingsResponse><m:ResponseMessage ResponseClass=\"Success\"/></m:GetUserOofSettingsResponse>");
        let half = full.get(..full.len() / 2).unwrap_or_default().to_owned();
        // Connection closed before Content-Length bytes arrived: a transport error.
        let head = format!("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", full.len());
        let (url, task) = raw_server([head.as_bytes(), half.as_bytes()].concat()).await;
        let err = client_for(&url).get_user_oof_settings(&request_for("a@b"), &None).await.expect_err("truncated");
        assert!(matches!(err, SoapError::Transport(TransportError::Io(_))), "{err:?}");
        let _ = task.await;
        // A complete HTTP reply carrying half a document: a decode error.
        let server = Server::start(fixed(200, "text/xml; charset=utf-8", &half)).await;
        let err = client_for(&server.url).get_user_oof_settings(&request_for("a@b"), &None).await.expect_err("half");
        assert!(matches!(&err, SoapError::Decode(d) if *d.kind() == DecodeErrorKind::UnexpectedEof), "{err:?}");
        server.stop().await;
    })
    .await;
}

#[tokio::test]
async fn oversize_replies_are_refused_while_reading() {
    bounded(async {
        let filler = "x".repeat(256 * 1024);
        let big = envelope("", &format!("<m:GetUserOofSettingsResponse><m:ResponseMessage ResponseClass=\"Success\"><m:MessageText>{filler}</m:MessageText></m:ResponseMessage></m:GetUserOofSettingsResponse>"));
        let small = Limits::default().max_message_bytes(64 * 1024);
        // With Content-Length.
        let server = Server::start(fixed(200, "text/xml", &big)).await;
        let mut client = client_for(&server.url);
        client.client = client.client.clone().with_limits(small);
        let err = client.get_user_oof_settings(&request_for("a@b"), &None).await.expect_err("too large");
        assert!(matches!(err, SoapError::Transport(TransportError::TooLarge { limit: 65536 })), "{err:?}");
        server.stop().await;
        // Without Content-Length (body delimited by the connection close): counted as it streams.
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nConnection: close\r\n\r\n";
        let (url, task) = raw_server([head.as_bytes(), big.as_bytes()].concat()).await;
        let mut client = client_for(&url);
        client.client = client.client.clone().with_limits(small);
        let err = client.get_user_oof_settings(&request_for("a@b"), &None).await.expect_err("too large");
        assert!(matches!(err, SoapError::Transport(TransportError::TooLarge { .. })), "{err:?}");
        task.abort();
        // The same reply within the default limit decodes.
        let server = Server::start(fixed(200, "text/xml", &big)).await;
        let reply = client_for(&server.url).get_user_oof_settings(&request_for("a@b"), &None).await.expect("fits");
        assert_eq!(reply.body.response_message.message_text.map(|t| t.len()), Some(filler.len()));
        server.stop().await;
    })
    .await;
}

#[tokio::test]
async fn doctype_and_deep_replies_are_refused() {
    bounded(async {
        let evil = format!(
            "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>{}",
            envelope("", "<m:GetUserOofSettingsResponse><m:ResponseMessage ResponseClass=\"Success\"><m:MessageText>&lol2;</m:MessageText></m:ResponseMessage></m:GetUserOofSettingsResponse>")
        );
        let server = Server::start(fixed(200, "text/xml", &evil)).await;
        let err = client_for(&server.url).get_user_oof_settings(&request_for("a@b"), &None).await.expect_err("doctype");
        assert!(matches!(&err, SoapError::Decode(d) if *d.kind() == DecodeErrorKind::Doctype), "{err:?}");
        server.stop().await;

        let deep = envelope("", &format!("<m:GetUserOofSettingsResponse>{}{}</m:GetUserOofSettingsResponse>", "<x>".repeat(10_000), "</x>".repeat(10_000)));
        let server = Server::start(fixed(200, "text/xml", &deep)).await;
        let err = client_for(&server.url).get_user_oof_settings(&request_for("a@b"), &None).await.expect_err("deep");
        assert!(matches!(&err, SoapError::Decode(d) if matches!(d.kind(), DecodeErrorKind::TooDeep(_))), "{err:?}");
        server.stop().await;
    })
    .await;
}

#[tokio::test]
async fn server_honours_must_understand_and_ignores_undeclared_headers() {
    bounded(async {
        let server = Server::start(exchange_service_dispatcher(TestService)).await;
        let transport = HttpTransport::new(&server.url).expect("transport");
        let unknown_mu = r#"<x:Security xmlns:x="urn:sec" s:mustUnderstand="1">secret</x:Security>"#;
        let reply = transport.send(raw_request(ACTION, &envelope(unknown_mu, GET_BODY))).await.expect("reply");
        assert_eq!(reply.status, 500);
        let err = Client::new(HttpTransport::new(&server.url).expect("t"))
            .interpret::<GetUserOofSettingsResponse, ()>(reply)
            .expect_err("fault");
        let f = err.fault().expect("fault");
        assert_eq!(f.code, FaultCode::new(SOAP11_ENV_NS, "MustUnderstand"));
        assert!(f.string.contains("{urn:sec}Security"), "{}", f.string);
        // Undeclared blocks real clients send, without mustUnderstand (or with "0"): ignored.
        let ignored = r#"<t:TimeZoneContext><t:TimeZoneDefinition Id="UTC"/></t:TimeZoneContext><t:ExchangeImpersonation s:mustUnderstand="0"><t:ConnectingSID/></t:ExchangeImpersonation><t:RequestServerVersion Version="Exchange2010" s:mustUnderstand="1"/>"#;
        let reply = transport.send(raw_request(ACTION, &envelope(ignored, GET_BODY))).await.expect("reply");
        assert_eq!(reply.status, 200, "{}", String::from_utf8_lossy(&reply.body));
        server.stop().await;

        // Client side: a reply with an unknown mandatory header block.
        let reply = envelope(
            r#"<x:Session xmlns:x="urn:sess" s:mustUnderstand="true"/>"#,
            "<m:GetUserOofSettingsResponse><m:ResponseMessage ResponseClass=\"Success\"/></m:GetUserOofSettingsResponse>",
        );
        let server = Server::start(fixed(200, "text/xml", &reply)).await;
        let err = client_for(&server.url).get_user_oof_settings(&request_for("a@b"), &None).await.expect_err("mU");
        assert!(matches!(&err, SoapError::MustUnderstand { local, .. } if local == "Session"), "{err:?}");
        server.stop().await;
    })
    .await;
}

#[tokio::test]
async fn routing_without_action_and_client_faults_for_bad_requests() {
    bounded(async {
        let server = Server::start(exchange_service_dispatcher(TestService)).await;
        let transport = HttpTransport::new(&server.url).expect("transport");
        // Empty SOAPAction: routed by the body's root element.
        let reply = transport
            .send(raw_request("", &envelope("", GET_BODY)))
            .await
            .expect("reply");
        assert_eq!(
            reply.status,
            200,
            "{}",
            String::from_utf8_lossy(&reply.body)
        );
        // A wrong action still routes by body root.
        let reply = transport
            .send(raw_request("urn:nonsense", &envelope("", GET_BODY)))
            .await
            .expect("reply");
        assert_eq!(reply.status, 200);
        let client = Client::new(HttpTransport::new(&server.url).expect("t"));
        let fault_of = |reply| -> xsd2rs_runtime::soap::Fault {
            match client.interpret::<GetUserOofSettingsResponse, ()>(reply) {
                Err(SoapError::Fault(f)) => f,
                other => panic!("expected a fault, got {other:?}"),
            }
        };
        // Unknown operation: a Client fault naming the element.
        let reply = transport
            .send(raw_request("", &envelope("", "<m:DeleteEverything/>")))
            .await
            .expect("reply");
        assert_eq!(reply.status, 500);
        let f = fault_of(reply);
        assert!(
            f.code.is_client() && f.string.contains("DeleteEverything"),
            "{f:?}"
        );
        // Undecodable body for a known operation: a Client fault naming the problem.
        let bad = "<m:GetUserOofSettingsRequest><t:Nothing/></m:GetUserOofSettingsRequest>";
        let f = fault_of(
            transport
                .send(raw_request(ACTION, &envelope("", bad)))
                .await
                .expect("reply"),
        );
        assert!(f.code.is_client() && f.string.contains("Mailbox"), "{f:?}");
        // Not XML at all.
        let f = fault_of(
            transport
                .send(raw_request("", "hello"))
                .await
                .expect("reply"),
        );
        assert!(f.code.is_client(), "{f:?}");
        // A SOAP 1.2 envelope at a SOAP 1.1 endpoint, with or without an action: VersionMismatch.
        let v12 =
            envelope("", GET_BODY).replace(SOAP11_ENV_NS, xsd2rs_runtime::soap::SOAP12_ENV_NS);
        for action in ["", ACTION] {
            let f = fault_of(
                transport
                    .send(raw_request(action, &v12))
                    .await
                    .expect("reply"),
            );
            assert_eq!(
                f.code,
                FaultCode::new(SOAP11_ENV_NS, "VersionMismatch"),
                "{f:?}"
            );
        }
        // DOCTYPE in a request.
        let evil = format!("<!DOCTYPE x [<!ENTITY a \"b\">]>{}", envelope("", GET_BODY));
        let f = fault_of(
            transport
                .send(raw_request(ACTION, &evil))
                .await
                .expect("reply"),
        );
        assert!(f.code.is_client() && f.string.contains("DOCTYPE"), "{f:?}");
        server.stop().await;
    })
    .await;
}

#[tokio::test]
async fn credentials_and_extra_headers_reach_the_server() {
    bounded(async {
        let seen: Arc<Mutex<Vec<IncomingRequest>>> = Arc::default();
        let seen_in = Arc::clone(&seen);
        let dispatcher = Arc::new(exchange_service_dispatcher(TestService));
        let server = Server::start(AsyncFnHandler(move |req: IncomingRequest| {
            seen_in.lock().expect("lock").push(req.clone());
            let d = Arc::clone(&dispatcher);
            async move { d.dispatch(req).await }
        }))
        .await;
        let basic = HttpTransport::builder(&server.url)
            .basic_auth("alice@example.com", "s3cr3t:pw")
            .header("X-AnchorMailbox", "alice@example.com")
            .build()
            .expect("transport");
        let bearer = HttpTransport::builder(&server.url)
            .bearer_token("tok.en-123")
            .build()
            .expect("transport");
        for transport in [basic, bearer] {
            let client = ExchangeServiceClient::new(Client::new(transport));
            client
                .get_user_oof_settings(&request_for("a@example.com"), &None)
                .await
                .expect("call");
        }
        let seen = seen.lock().expect("lock").clone();
        assert_eq!(seen.len(), 2);
        let first = seen.first().expect("first");
        // base64("alice@example.com:s3cr3t:pw")
        assert_eq!(
            first.header("authorization"),
            Some("Basic YWxpY2VAZXhhbXBsZS5jb206czNjcjN0OnB3")
        );
        assert_eq!(first.header("x-anchormailbox"), Some("alice@example.com"));
        assert_eq!(
            first.header("soapaction"),
            Some(format!("\"{ACTION}\"").as_str())
        );
        assert_eq!(first.action.as_deref(), Some(ACTION));
        assert_eq!(
            first.content_type.as_deref(),
            Some("text/xml; charset=utf-8")
        );
        let second = seen.get(1).expect("second");
        assert_eq!(second.header("authorization"), Some("Bearer tok.en-123"));
        assert_eq!(second.header("x-anchormailbox"), None);
        server.stop().await;
    })
    .await;
}

#[test]
fn credentials_never_appear_in_debug_or_errors() {
    let transport = HttpTransport::builder("https://mail.example.com/EWS/Exchange.asmx")
        .basic_auth("alice", "hunter2-password")
        .header("X-AnchorMailbox", "alice@example.com")
        .build()
        .expect("transport");
    let shown = format!("{transport:?} {:?}", Client::new(transport.clone()));
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(
        shown.contains("alice") && shown.contains("<redacted>"),
        "{shown}"
    );
    let bearer = HttpTransport::builder("https://mail.example.com/")
        .bearer_token("eyJsecret-token")
        .build()
        .expect("t");
    assert!(!format!("{bearer:?}").contains("eyJsecret"), "{bearer:?}");
    // User info in the URL is refused (it would leak into logs), without echoing it.
    let err = HttpTransport::new("https://bob:pa55word@mail.example.com/EWS").expect_err("refused");
    assert!(!err.to_string().contains("pa55word"), "{err}");
}
