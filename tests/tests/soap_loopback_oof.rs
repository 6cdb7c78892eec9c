//! The generated MS-OXWOOF client (`generated::oof::ExchangeServiceClient`) against the
//! generated dispatcher (`generated::oof::exchange_service_dispatcher`) over real loopback
//! HTTP: both operations with the ServerVersionInfo header, faults, ResponseClass="Error" as
//! data, routing without SOAPAction, undeclared and mandatory headers, unknown operations,
//! non-SOAP / slow / malformed / truncated replies, and the blocking path.

mod loopback;

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use generated::oof::{
    exchange_service_dispatcher, EmailAddress, ExchangeService, ExchangeServiceClient,
    ExternalAudience, GetUserOofSettingsInputHeaders, GetUserOofSettingsOutputHeaders,
    GetUserOofSettingsRequest, GetUserOofSettingsResponse, OofState, ReplyBody, ResponseClassType,
    ResponseCodeType, ResponseMessageType, ServerVersionInfo, SetUserOofSettingsInputHeaders,
    SetUserOofSettingsOutputHeaders, SetUserOofSettingsRequest, SetUserOofSettingsResponse,
    UserOofSettings,
};
use loopback::*;
use xsd2rs_runtime::soap::{decode_envelope, decode_fault, Envelope, Fault, Limits, SoapError};
use xsd2rs_runtime::transport::{BlockingRuntime, TransportError};

const GET_ACTION: &str =
    "http://schemas.microsoft.com/exchange/services/2006/messages/GetUserOofSettings";

/// An in-memory OOF store. `fault@…` → a Server fault with an EWS ErrorCode; `unknown@…` on
/// Get → ResponseClass="Error"; a Scheduled Set without a duration → ResponseClass="Error".
#[derive(Default)]
struct Store {
    settings: Mutex<HashMap<String, UserOofSettings>>,
}

/// The response header struct of both operations: `ServerVersionInfo`.
fn out_headers<H: Default + ServerVersionSlot>() -> H {
    let mut h = H::default();
    *h.slot() = info();
    h
}

/// Where a response header struct keeps `ServerVersionInfo`.
trait ServerVersionSlot {
    fn slot(&mut self) -> &mut Option<ServerVersionInfo>;
}

impl ServerVersionSlot for GetUserOofSettingsOutputHeaders {
    fn slot(&mut self) -> &mut Option<ServerVersionInfo> {
        &mut self.server_version
    }
}

impl ServerVersionSlot for SetUserOofSettingsOutputHeaders {
    fn slot(&mut self) -> &mut Option<ServerVersionInfo> {
        &mut self.server_version
    }
}

fn info() -> Option<ServerVersionInfo> {
    Some(ServerVersionInfo {
        major_version: Some(15),
        minor_version: Some(1),
        version: Some("V2017_07_11".into()),
        ..Default::default()
    })
}

fn message(class: ResponseClassType, code: ResponseCodeType) -> ResponseMessageType {
    ResponseMessageType {
        xsi: Default::default(),
        response_class: class,
        message_text: None,
        response_code: Some(code),
        descriptive_link_key: None,
        message_xml: None,
    }
}

fn fault_for(address: &str) -> Option<Fault> {
    address.starts_with("fault@").then(|| {
        Fault::server("mailbox store unavailable").with_error_code("ErrorMailboxStoreUnavailable")
    })
}

impl ExchangeService for Store {
    async fn get_user_oof_settings(
        &self,
        request: Envelope<GetUserOofSettingsRequest, GetUserOofSettingsInputHeaders>,
    ) -> Result<Envelope<GetUserOofSettingsResponse, GetUserOofSettingsOutputHeaders>, Fault> {
        let address = request.body.mailbox.address;
        if let Some(f) = fault_for(&address) {
            return Err(f);
        }
        let stored = self
            .settings
            .lock()
            .map_err(|_| Fault::server("poisoned"))?
            .get(&address)
            .cloned();
        let body = match stored {
            Some(s) => GetUserOofSettingsResponse {
                xsi: Default::default(),
                response_message: message(ResponseClassType::Success, ResponseCodeType::NoError),
                allow_external_oof: Some(s.external_audience.clone()),
                oof_settings: Some(s),
            },
            None => GetUserOofSettingsResponse {
                xsi: Default::default(),
                response_message: ResponseMessageType {
                    message_text: Some("No OOF settings for this mailbox.".into()),
                    ..message(
                        ResponseClassType::Error,
                        ResponseCodeType::ErrorUnableToGetUserOofSettings,
                    )
                },
                oof_settings: None,
                allow_external_oof: None,
            },
        };
        Ok(Envelope::with_headers(body, out_headers()))
    }

    async fn set_user_oof_settings(
        &self,
        request: Envelope<SetUserOofSettingsRequest, SetUserOofSettingsInputHeaders>,
    ) -> Result<Envelope<SetUserOofSettingsResponse, SetUserOofSettingsOutputHeaders>, Fault> {
        let SetUserOofSettingsRequest {
            mailbox,
            user_oof_settings,
            ..
        } = request.body;
        if let Some(f) = fault_for(&mailbox.address) {
            return Err(f);
        }
        let code = if user_oof_settings.oof_state == OofState::Scheduled
            && user_oof_settings.duration.is_none()
        {
            message(
                ResponseClassType::Error,
                ResponseCodeType::ErrorInvalidScheduledOofDuration,
            )
        } else {
            self.settings
                .lock()
                .map_err(|_| Fault::server("poisoned"))?
                .insert(mailbox.address, user_oof_settings);
            message(ResponseClassType::Success, ResponseCodeType::NoError)
        };
        let body = SetUserOofSettingsResponse {
            xsi: Default::default(),
            response_message: Some(code),
        };
        Ok(Envelope::with_headers(body, out_headers()))
    }
}

fn mailbox(address: &str) -> EmailAddress {
    EmailAddress {
        address: address.into(),
        ..Default::default()
    }
}

fn get(address: &str) -> GetUserOofSettingsRequest {
    GetUserOofSettingsRequest {
        xsi: Default::default(),
        mailbox: mailbox(address),
    }
}

fn set(address: &str, state: OofState, text: &str) -> SetUserOofSettingsRequest {
    SetUserOofSettingsRequest {
        xsi: Default::default(),
        mailbox: mailbox(address),
        user_oof_settings: UserOofSettings {
            xsi: Default::default(),
            oof_state: state,
            external_audience: ExternalAudience::Known,
            duration: None,
            internal_reply: Some(ReplyBody {
                message: Some(text.into()),
                ..Default::default()
            }),
            external_reply: None,
        },
    }
}

fn client(url: &str) -> ExchangeServiceClient {
    ExchangeServiceClient::new(soap_client(url, Duration::from_secs(10)))
}

#[tokio::test]
async fn set_then_get_with_server_version_header() {
    bounded(async {
        let server = Server::start(exchange_service_dispatcher(Store::default())).await;
        let c = client(&server.url);
        let reply = c
            .set_user_oof_settings(
                &set("a@example.com", OofState::Enabled, "Away"),
                &Default::default(),
            )
            .await
            .expect("set succeeds");
        let rm = reply.body.response_message.expect("response message");
        assert_eq!(rm.response_class, ResponseClassType::Success);
        assert_eq!(
            reply.headers.server_version,
            info(),
            "ServerVersionInfo header typed"
        );
        let reply = c
            .get_user_oof_settings(&get("a@example.com"), &Default::default())
            .await
            .expect("get succeeds");
        assert_eq!(
            reply.body.response_message.response_class,
            ResponseClassType::Success
        );
        let s = reply.body.oof_settings.expect("settings stored by Set");
        assert_eq!(s.oof_state, OofState::Enabled);
        assert_eq!(
            s.internal_reply.and_then(|r| r.message).as_deref(),
            Some("Away")
        );
        assert_eq!(reply.body.allow_external_oof, Some(ExternalAudience::Known));
        assert_eq!(
            reply.headers.server_version.and_then(|h| h.major_version),
            Some(15)
        );
        server.stop().await;
    })
    .await;
}

#[tokio::test]
async fn response_class_error_is_data() {
    bounded(async {
        let server = Server::start(exchange_service_dispatcher(Store::default())).await;
        let c = client(&server.url);
        let reply = c
            .get_user_oof_settings(&get("nobody@example.com"), &Default::default())
            .await
            .expect("an Error response class is data, not an error");
        assert_eq!(
            reply.body.response_message.response_class,
            ResponseClassType::Error
        );
        assert_eq!(
            reply.body.response_message.response_code,
            Some(ResponseCodeType::ErrorUnableToGetUserOofSettings)
        );
        let reply = c
            .set_user_oof_settings(
                &set("a@example.com", OofState::Scheduled, "x"),
                &Default::default(),
            )
            .await
            .expect("data");
        assert_eq!(
            reply.body.response_message.and_then(|m| m.response_code),
            Some(ResponseCodeType::ErrorInvalidScheduledOofDuration)
        );
        server.stop().await;
    })
    .await;
}

#[tokio::test]
async fn service_fault_reaches_the_client_with_its_error_code() {
    bounded(async {
        let server = Server::start(exchange_service_dispatcher(Store::default())).await;
        let c = client(&server.url);
        let err = c
            .get_user_oof_settings(&get("fault@example.com"), &Default::default())
            .await
            .expect_err("a fault");
        let SoapError::Fault(f) = &err else {
            panic!("expected SoapError::Fault, got {err:?}");
        };
        assert!(f.code.is_server(), "{:?}", f.code);
        assert_eq!(f.string, "mailbox store unavailable");
        assert_eq!(
            f.ews.error_code.as_deref(),
            Some("ErrorMailboxStoreUnavailable")
        );
        let err = c
            .set_user_oof_settings(
                &set("fault@example.com", OofState::Disabled, ""),
                &Default::default(),
            )
            .await
            .expect_err("a fault");
        assert!(err.fault().is_some_and(|f| f.code.is_server()), "{err:?}");
        server.stop().await;
    })
    .await;
}

const GET_BODY: &str = "<m:GetUserOofSettingsRequest><t:Mailbox><t:Address>a@example.com</t:Address></t:Mailbox></m:GetUserOofSettingsRequest>";

fn decode_get(reply: &RawReply) -> GetUserOofSettingsResponse {
    assert_eq!(
        reply.status,
        200,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    assert!(reply.content_type.starts_with("text/xml"), "{reply:?}");
    let (_, env) = decode_envelope::<GetUserOofSettingsResponse, Option<ServerVersionInfo>>(
        &reply.body,
        Some(V11),
        &Limits::default(),
    )
    .expect("a GetUserOofSettingsResponse envelope");
    assert_eq!(env.headers, info());
    env.body
}

fn fault_of(reply: &RawReply) -> Fault {
    assert_eq!(
        reply.status,
        500,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    decode_fault(&reply.body, &Limits::default())
        .expect("a well-formed envelope")
        .map(|(_, f)| f)
        .expect("a fault envelope")
}

#[tokio::test]
async fn missing_or_empty_soap_action_routes_by_body_root() {
    bounded(async {
        let server = Server::start(exchange_service_dispatcher(Store::default())).await;
        let env = envelope11("", GET_BODY);
        for action in [None, Some(""), Some(GET_ACTION)] {
            let body = decode_get(&post(&server.url, action, &env).await);
            // No settings stored: the store answers with ResponseClass="Error" (data).
            assert_eq!(
                body.response_message.response_class,
                ResponseClassType::Error,
                "{action:?}"
            );
        }
        server.stop().await;
    })
    .await;
}

#[tokio::test]
async fn undeclared_headers_are_ignored_unless_must_understand() {
    bounded(async {
        let server = Server::start(exchange_service_dispatcher(Store::default())).await;
        // Real clients send blocks the OOF WSDL does not declare.
        let optional = r#"<t:RequestServerVersion Version="Exchange2013"/><t:TimeZoneContext><t:TimeZoneDefinition Id="UTC"/></t:TimeZoneContext>"#;
        decode_get(&post(&server.url, Some(GET_ACTION), &envelope11(optional, GET_BODY)).await);
        let mandatory = r#"<t:ExchangeImpersonation s:mustUnderstand="1"><t:ConnectingSID><t:PrimarySmtpAddress>b@example.com</t:PrimarySmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>"#;
        let f = fault_of(&post(&server.url, Some(GET_ACTION), &envelope11(mandatory, GET_BODY)).await);
        assert!(f.code.is_must_understand(), "{:?}", f.code);
        assert!(f.string.contains("ExchangeImpersonation"), "{}", f.string);
        server.stop().await;
    })
    .await;
}

#[tokio::test]
async fn unknown_operation_and_undecodable_body_are_client_faults() {
    bounded(async {
        let server = Server::start(exchange_service_dispatcher(Store::default())).await;
        let unknown = envelope11("", "<m:GetUserAvailabilityRequest/>");
        let f = fault_of(&post(&server.url, Some("urn:nothing"), &unknown).await);
        assert!(f.code.is_client(), "{:?}", f.code);
        assert!(
            f.string.contains("GetUserAvailabilityRequest"),
            "{}",
            f.string
        );
        // The right root without its required Mailbox.
        let bad = envelope11("", "<m:GetUserOofSettingsRequest/>");
        let f = fault_of(&post(&server.url, Some(GET_ACTION), &bad).await);
        assert!(f.code.is_client(), "{:?}", f.code);
        assert!(f.string.contains("GetUserOofSettings"), "{}", f.string);
        server.stop().await;
    })
    .await;
}

async fn call_raw(reply: Vec<u8>, delay: Duration, timeout: Duration) -> SoapError {
    let server = RawServer::start(reply, delay).await;
    let c = ExchangeServiceClient::new(soap_client(&server.url, timeout));
    let err = c
        .get_user_oof_settings(&get("a@example.com"), &Default::default())
        .await
        .expect_err("the reply is not a usable answer");
    server.stop().await;
    err
}

#[tokio::test]
async fn broken_replies_give_the_right_errors() {
    bounded(async {
        let long = Duration::from_secs(10);
        // An HTML login page.
        let page = http_reply(
            "401 Unauthorized",
            "text/html",
            "<html><body>Sign in</body></html>",
        );
        let err = call_raw(page, Duration::ZERO, long).await;
        assert!(
            matches!(&err, SoapError::Http { status: 401, snippet, .. } if snippet.contains("Sign in")),
            "{err:?}"
        );
        // A server that answers too late.
        let ok = http_reply("200 OK", "text/xml", "<x/>");
        let err = call_raw(ok, Duration::from_secs(5), Duration::from_millis(500)).await;
        assert!(err.is_timeout(), "{err:?}");
        assert!(
            matches!(err, SoapError::Transport(TransportError::Timeout(_))),
            "{err:?}"
        );
        // Malformed XML.
        let bad = http_reply(
            "200 OK",
            "text/xml; charset=utf-8",
            r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:X></s:Body></s:Envelope>"#,
        );
        let err = call_raw(bad, Duration::ZERO, long).await;
        assert!(matches!(err, SoapError::Decode(_)), "{err:?}");
        // A complete HTTP reply whose envelope is cut short.
        let cut = http_reply(
            "200 OK",
            "text/xml; charset=utf-8",
            r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:GetUserOofSettingsResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"><m:Resp"#,
        );
        let err = call_raw(cut, Duration::ZERO, long).await;
        assert!(matches!(err, SoapError::Decode(_)), "{err:?}");
        // The connection closes before the announced Content-Length.
        let mut short = b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n".to_vec();
        short.extend_from_slice(br#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>"#);
        let err = call_raw(short, Duration::ZERO, long).await;
        assert!(
            matches!(err, SoapError::Transport(TransportError::Io(_))),
            "{err:?}"
        );
        // Nothing listens any more.
        let gone = {
            let l = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            l.local_addr().expect("addr")
        };
        let c = ExchangeServiceClient::new(soap_client(&format!("http://{gone}/ews"), long));
        let err = c
            .get_user_oof_settings(&get("a@example.com"), &Default::default())
            .await
            .expect_err("refused");
        assert!(
            matches!(err, SoapError::Transport(TransportError::Connect { .. })),
            "{err:?}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocking_client_path() {
    bounded(async {
        let server = Server::start(exchange_service_dispatcher(Store::default())).await;
        let url = server.url.clone();
        let (tx, rx) = tokio::sync::oneshot::channel();
        // Blocking code runs outside any async runtime: a plain thread.
        std::thread::spawn(move || {
            let outcome = (|| -> Result<(ResponseClassType, Option<OofState>), String> {
                let rt = BlockingRuntime::new().map_err(|e| e.to_string())?;
                let c = client(&url);
                rt.call(c.set_user_oof_settings(
                    &set("b@example.com", OofState::Disabled, "hi"),
                    &Default::default(),
                ))
                .map_err(|e| e.to_string())?;
                let reply = rt
                    .call(c.get_user_oof_settings(&get("b@example.com"), &Default::default()))
                    .map_err(|e| e.to_string())?;
                Ok((
                    reply.body.response_message.response_class,
                    reply.body.oof_settings.map(|s| s.oof_state),
                ))
            })();
            let _ = tx.send(outcome);
        });
        let outcome = rx.await.expect("the blocking thread answers");
        assert_eq!(
            outcome,
            Ok((ResponseClassType::Success, Some(OofState::Disabled)))
        );
        server.stop().await;
    })
    .await;
}
