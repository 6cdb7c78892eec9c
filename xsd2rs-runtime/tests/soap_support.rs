//! Hand-written bindings for one EWS-like operation, written exactly as generated code should
//! look (see `SOAP.md`): body and header types, a client stub, a service trait, a dispatcher.
//! Other SOAP tests include this file with `#[path = "soap_support.rs"] mod support;`.

#![allow(dead_code)]

use std::future::Future;
use std::sync::Arc;

use xsd2rs_runtime::codec::{
    DecodeError, EncodeError, FromXml, ToXml, XmlReader, XmlRoot, XmlWriter,
};
use xsd2rs_runtime::server::{Dispatcher, Operation};
use xsd2rs_runtime::soap::{Client, Envelope, Fault, SoapError, SoapVersion};

/// EWS messages namespace.
pub const M: &str = "http://schemas.microsoft.com/exchange/services/2006/messages";
/// EWS types namespace.
pub const T: &str = "http://schemas.microsoft.com/exchange/services/2006/types";

// ----- types (what the type generator emits, simplified) -----------------------------------

/// `t:Mailbox`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Mailbox {
    pub address: String,
}

impl FromXml for Mailbox {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut address = None;
        while let Some(name) = r.next_child()? {
            match name {
                (T, "Address") => r.read(&mut address)?,
                _ => r.unknown()?,
            }
        }
        Ok(Mailbox {
            address: r.required(address, "Address")?,
        })
    }
}

impl ToXml for Mailbox {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.child(T, "Address", &self.address)
    }
}

/// `m:GetUserOofSettingsRequest`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GetUserOofSettingsRequest {
    pub mailbox: Mailbox,
}

impl FromXml for GetUserOofSettingsRequest {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut mailbox = None;
        while let Some(name) = r.next_child()? {
            match name {
                (T, "Mailbox") => r.read(&mut mailbox)?,
                _ => r.unknown()?,
            }
        }
        Ok(GetUserOofSettingsRequest {
            mailbox: r.required(mailbox, "Mailbox")?,
        })
    }
}

impl ToXml for GetUserOofSettingsRequest {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.child(T, "Mailbox", &self.mailbox)
    }
}

impl XmlRoot for GetUserOofSettingsRequest {
    const NS: &'static str = M;
    const NAME: &'static str = "GetUserOofSettingsRequest";
}

/// `m:ResponseMessage`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResponseMessage {
    pub response_class: String,
    pub message_text: Option<String>,
    pub response_code: Option<String>,
}

impl FromXml for ResponseMessage {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let response_class = r.req_attr("", "ResponseClass")?;
        let (mut message_text, mut response_code) = (None, None);
        while let Some(name) = r.next_child()? {
            match name {
                (M, "MessageText") => r.read(&mut message_text)?,
                (M, "ResponseCode") => r.read(&mut response_code)?,
                _ => r.unknown()?,
            }
        }
        Ok(ResponseMessage {
            response_class,
            message_text,
            response_code,
        })
    }
}

impl ToXml for ResponseMessage {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.attr("", "ResponseClass", &self.response_class)?;
        w.child_opt(M, "MessageText", &self.message_text)?;
        w.child_opt(M, "ResponseCode", &self.response_code)
    }
}

/// `m:GetUserOofSettingsResponse`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GetUserOofSettingsResponse {
    pub response_message: ResponseMessage,
    pub oof_state: Option<String>,
}

impl FromXml for GetUserOofSettingsResponse {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let (mut response_message, mut oof_state) = (None, None);
        while let Some(name) = r.next_child()? {
            match name {
                (M, "ResponseMessage") => r.read(&mut response_message)?,
                (T, "OofState") => r.read(&mut oof_state)?,
                _ => r.unknown()?,
            }
        }
        Ok(GetUserOofSettingsResponse {
            response_message: r.required(response_message, "ResponseMessage")?,
            oof_state,
        })
    }
}

impl ToXml for GetUserOofSettingsResponse {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.child(M, "ResponseMessage", &self.response_message)?;
        w.child_opt(T, "OofState", &self.oof_state)
    }
}

impl XmlRoot for GetUserOofSettingsResponse {
    const NS: &'static str = M;
    const NAME: &'static str = "GetUserOofSettingsResponse";
}

/// `t:ServerVersionInfo` (response header block).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ServerVersionInfo {
    pub major_version: Option<i32>,
    pub version: Option<String>,
}

impl FromXml for ServerVersionInfo {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let major_version = r.attr("", "MajorVersion")?;
        let version = r.attr("", "Version")?;
        while r.next_child()?.is_some() {
            r.unknown()?;
        }
        Ok(ServerVersionInfo {
            major_version,
            version,
        })
    }
}

impl ToXml for ServerVersionInfo {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.attr_opt("", "MajorVersion", &self.major_version)?;
        w.attr_opt("", "Version", &self.version)
    }
}

impl XmlRoot for ServerVersionInfo {
    const NS: &'static str = T;
    const NAME: &'static str = "ServerVersionInfo";
}

/// `t:RequestServerVersion` (request header block).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RequestServerVersion {
    pub version: String,
}

impl FromXml for RequestServerVersion {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let version = r.req_attr("", "Version")?;
        while r.next_child()?.is_some() {
            r.unknown()?;
        }
        Ok(RequestServerVersion { version })
    }
}

impl ToXml for RequestServerVersion {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.attr("", "Version", &self.version)
    }
}

impl XmlRoot for RequestServerVersion {
    const NS: &'static str = T;
    const NAME: &'static str = "RequestServerVersion";
}

// ----- client stub (what the binding generator emits) --------------------------------------

/// Client for binding `ExchangeServiceBinding` (SOAP 1.1).
#[derive(Debug, Clone)]
pub struct ExchangeServiceClient {
    /// The SOAP client (transport, limits).
    pub client: Client,
}

impl ExchangeServiceClient {
    /// Wraps a SOAP client; sets the binding's version and the EWS prefixes.
    pub fn new(client: Client) -> Self {
        ExchangeServiceClient {
            client: client
                .with_version(SoapVersion::Soap11)
                .with_prefix("m", M)
                .with_prefix("t", T),
        }
    }

    /// Operation `GetUserOofSettings`, SOAP action
    /// `http://schemas.microsoft.com/exchange/services/2006/messages/GetUserOofSettings`.
    pub async fn get_user_oof_settings(
        &self,
        request: &GetUserOofSettingsRequest,
        headers: &Option<RequestServerVersion>,
    ) -> Result<Envelope<GetUserOofSettingsResponse, Option<ServerVersionInfo>>, SoapError> {
        self.client
            .call(
                "GetUserOofSettings",
                "http://schemas.microsoft.com/exchange/services/2006/messages/GetUserOofSettings",
                request,
                headers,
            )
            .await
    }
}

// ----- server skeleton (what the binding generator emits) ----------------------------------

/// Service for binding `ExchangeServiceBinding`: one method per operation.
pub trait ExchangeService: Send + Sync + 'static {
    /// Operation `GetUserOofSettings`.
    fn get_user_oof_settings(
        &self,
        request: Envelope<GetUserOofSettingsRequest, Option<RequestServerVersion>>,
    ) -> impl Future<
        Output = Result<Envelope<GetUserOofSettingsResponse, Option<ServerVersionInfo>>, Fault>,
    > + Send;
}

/// The dispatcher of binding `ExchangeServiceBinding` over `service`.
pub fn exchange_service_dispatcher<S: ExchangeService>(service: S) -> Dispatcher<S> {
    Dispatcher::new(service)
        .with_version(SoapVersion::Soap11)
        .with_prefix("m", M)
        .with_prefix("t", T)
        .operation(Operation::new(
            "GetUserOofSettings",
            "http://schemas.microsoft.com/exchange/services/2006/messages/GetUserOofSettings",
            |s: Arc<S>, request| async move { s.get_user_oof_settings(request).await },
        ))
}

// ----- a test service -----------------------------------------------------------------------

/// Answers by mailbox address: `error@…` → ResponseClass="Error", `fault@…` → a Server fault,
/// `panic@…` → panics, `slow@…` → sleeps 3 s, anything else → Enabled.
#[derive(Debug, Default)]
pub struct TestService;

impl ExchangeService for TestService {
    async fn get_user_oof_settings(
        &self,
        request: Envelope<GetUserOofSettingsRequest, Option<RequestServerVersion>>,
    ) -> Result<Envelope<GetUserOofSettingsResponse, Option<ServerVersionInfo>>, Fault> {
        let address = request.body.mailbox.address.as_str();
        let info = Some(ServerVersionInfo {
            major_version: Some(15),
            version: request.headers.map(|h| h.version),
        });
        let response = match address.split('@').next().unwrap_or("") {
            "error" => GetUserOofSettingsResponse {
                response_message: ResponseMessage {
                    response_class: "Error".into(),
                    message_text: Some("No mailbox with such guid.".into()),
                    response_code: Some("ErrorMailRecipientNotFound".into()),
                },
                oof_state: None,
            },
            "fault" => {
                return Err(Fault::server("mailbox store unavailable")
                    .with_error_code("ErrorMailboxStoreUnavailable"))
            }
            "panic" => panic!("the test service panics on purpose"),
            "slow" => {
                tokio::time::sleep(std::time::Duration::from_secs(3)).await;
                GetUserOofSettingsResponse::default()
            }
            _ => GetUserOofSettingsResponse {
                response_message: ResponseMessage {
                    response_class: "Success".into(),
                    response_code: Some("NoError".into()),
                    message_text: None,
                },
                oof_state: Some("Enabled".into()),
            },
        };
        Ok(Envelope::with_headers(response, info))
    }
}

/// A request for `address`.
pub fn request_for(address: &str) -> GetUserOofSettingsRequest {
    GetUserOofSettingsRequest {
        mailbox: Mailbox {
            address: address.into(),
        },
    }
}
