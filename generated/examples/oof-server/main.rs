//! An MS-OXWOOF (Out of Office) server over an in-memory store, built on the generated
//! `generated::oof` service trait and dispatcher.
//!
//! ```text
//! cargo run -p generated --example oof-server -- --listen 127.0.0.1:8080
//! ```
//!
//! Prints `listening on http://ADDR/EWS/Exchange.asmx` (the bound address, so port 0 works) and
//! serves until Ctrl-C or SIGTERM. GetUserOofSettings and SetUserOofSettings answer per mailbox;
//! every response and fault carries a `ServerVersionInfo` header. Behaviour (defaults, errors):
//! `store.rs`. Set `RUST_LOG=debug` for request traces.
//!
//! Header blocks the WSDL does not declare arrive in the request's `headers.extra` and are
//! recorded (logged at INFO, kept in memory) and honoured (`../common/ews_headers.rs`):
//! - `ExchangeImpersonation` selects the mailbox: the call acts as that mailbox's owner, so the
//!   request's `Mailbox` must name it (any other is a Client fault `ErrorImpersonateUserDenied`);
//!   one naming no SMTP address is `ErrorImpersonationFailed`.
//! - `RequestServerVersion` must be an `ExchangeVersionType` value (else a Client fault
//!   `ErrorInvalidServerVersion`); the reply's `ServerVersionInfo` then says that version.

#[path = "../common/ews_headers.rs"]
mod ews_headers;
#[path = "../common/serve.rs"]
mod serve;
mod store;

use std::net::SocketAddr;
use std::sync::Mutex;

use clap::Parser;
use generated::oof::{
    exchange_service_dispatcher, EmailAddress, ExchangeService, GetUserOofSettingsInputHeaders,
    GetUserOofSettingsOutputHeaders, GetUserOofSettingsRequest, GetUserOofSettingsResponse,
    SetUserOofSettingsInputHeaders, SetUserOofSettingsOutputHeaders, SetUserOofSettingsRequest,
    SetUserOofSettingsResponse,
};
use xsd2rs_runtime::soap::{Envelope, Fault, HeaderBlock};

use ews_headers::{ExchangeImpersonation, RequestServerVersion, EXCHANGE_VERSIONS};
use store::{mailbox_key, server_version, OofStore};

/// Command line.
#[derive(Debug, Parser)]
#[command(about = "MS-OXWOOF Out of Office example server (in-memory)")]
struct Args {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
}

/// What a request's extra header blocks said, as recorded by the service.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Recorded {
    /// The operation.
    pub operation: &'static str,
    /// The SMTP address of `ExchangeImpersonation`, if sent.
    pub impersonated: Option<String>,
    /// The `Version` of `RequestServerVersion`, if sent.
    pub server_version: Option<String>,
    /// The names (`{ns}local`) of the other extra blocks.
    pub others: Vec<String>,
}

/// The service: the generated trait over the store.
#[derive(Debug, Default)]
struct OofService {
    store: OofStore,
    /// Every request's extra header blocks, in arrival order.
    recorded: Mutex<Vec<Recorded>>,
}

impl OofService {
    /// Reads, checks and records the extra header blocks of a request.
    fn headers(&self, operation: &'static str, extra: &[HeaderBlock]) -> Result<Recorded, Fault> {
        let mut seen = Recorded {
            operation,
            ..Recorded::default()
        };
        for block in extra {
            if let Some(decoded) = block.decode::<ExchangeImpersonation>() {
                let imp = decoded.map_err(|e| {
                    client_fault(
                        "ErrorImpersonationFailed",
                        &format!("ExchangeImpersonation: {e}"),
                    )
                })?;
                let address = imp.smtp_address().ok_or_else(|| {
                    client_fault(
                        "ErrorImpersonationFailed",
                        "ExchangeImpersonation must name a PrimarySmtpAddress or SmtpAddress",
                    )
                })?;
                seen.impersonated = Some(address.to_owned());
            } else if let Some(decoded) = block.decode::<RequestServerVersion>() {
                let version = decoded
                    .map_err(|e| client_fault("ErrorInvalidServerVersion", &e.to_string()))?
                    .version;
                if !EXCHANGE_VERSIONS.contains(&version.as_str()) {
                    return Err(client_fault(
                        "ErrorInvalidServerVersion",
                        &format!("RequestServerVersion {version:?} is not an Exchange version"),
                    ));
                }
                seen.server_version = Some(version);
            } else {
                seen.others
                    .push(format!("{{{}}}{}", block.ns(), block.local()));
            }
        }
        tracing::info!(
            operation,
            impersonated = seen.impersonated.as_deref(),
            server_version = seen.server_version.as_deref(),
            others = ?seen.others,
            "request header blocks"
        );
        if let Ok(mut log) = self.recorded.lock() {
            log.push(seen.clone());
        }
        Ok(seen)
    }
}

/// A Client fault with an EWS `ErrorCode`, carrying the `ServerVersionInfo` block as EWS does.
fn client_fault(code: &str, why: &str) -> Fault {
    with_version_header(Fault::client(why).with_error_code(code), None)
}

/// Adds the `ServerVersionInfo` header block to a fault.
fn with_version_header(fault: Fault, requested: Option<&str>) -> Fault {
    match HeaderBlock::new(&server_version(requested)) {
        Ok(block) => fault.with_header(block),
        Err(_) => fault,
    }
}

/// The mailbox a request acts on: its own `Mailbox`, which must be the impersonated one
/// when the request impersonates.
fn acting_mailbox(mailbox: &EmailAddress, seen: &Recorded) -> Result<(), Fault> {
    let Some(impersonated) = &seen.impersonated else {
        return Ok(());
    };
    let asked = mailbox_key(mailbox)?;
    if asked == impersonated.trim().to_ascii_lowercase() {
        Ok(())
    } else {
        Err(client_fault(
            "ErrorImpersonateUserDenied",
            &format!(
                "impersonating {impersonated} gives no access to the mailbox {}",
                mailbox.address
            ),
        ))
    }
}

impl ExchangeService for OofService {
    async fn get_user_oof_settings(
        &self,
        request: Envelope<GetUserOofSettingsRequest, GetUserOofSettingsInputHeaders>,
    ) -> Result<Envelope<GetUserOofSettingsResponse, GetUserOofSettingsOutputHeaders>, Fault> {
        let seen = self.headers("GetUserOofSettings", &request.headers.extra)?;
        let version = seen.server_version.as_deref();
        acting_mailbox(&request.body.mailbox, &seen)?;
        let body = self
            .store
            .get(&request.body.mailbox)
            .map_err(|f| with_version_header(f, version))?;
        let headers = GetUserOofSettingsOutputHeaders {
            server_version: Some(server_version(version)),
            ..Default::default()
        };
        Ok(Envelope::with_headers(body, headers))
    }

    async fn set_user_oof_settings(
        &self,
        request: Envelope<SetUserOofSettingsRequest, SetUserOofSettingsInputHeaders>,
    ) -> Result<Envelope<SetUserOofSettingsResponse, SetUserOofSettingsOutputHeaders>, Fault> {
        let seen = self.headers("SetUserOofSettings", &request.headers.extra)?;
        let version = seen.server_version.as_deref();
        acting_mailbox(&request.body.mailbox, &seen)?;
        let body = self
            .store
            .set(&request.body.mailbox, &request.body.user_oof_settings)
            .map_err(|f| with_version_header(f, version))?;
        let headers = SetUserOofSettingsOutputHeaders {
            server_version: Some(server_version(version)),
            ..Default::default()
        };
        Ok(Envelope::with_headers(body, headers))
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    serve::serve_until_signal(
        args.listen,
        exchange_service_dispatcher(OofService::default()),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use generated::oof::OofState;

    fn block<T: xsd2rs_runtime::codec::XmlRoot>(value: &T) -> HeaderBlock {
        HeaderBlock::new(value).expect("encodes")
    }

    fn get(address: &str) -> GetUserOofSettingsRequest {
        GetUserOofSettingsRequest::new(EmailAddress::new(address))
    }

    fn run<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime")
            .block_on(f)
    }

    #[test]
    fn impersonation_and_version_are_recorded_and_honoured() {
        let service = OofService::default();
        let headers = GetUserOofSettingsInputHeaders {
            extra: vec![
                block(&ExchangeImpersonation::smtp("Bob@Example.com")),
                block(&RequestServerVersion {
                    version: "Exchange2010_SP1".to_owned(),
                }),
            ],
        };
        let reply = run(service.get_user_oof_settings(Envelope::with_headers(
            get("bob@example.com"),
            headers.clone(),
        )))
        .expect("allowed");
        let info = reply.headers.server_version.expect("ServerVersionInfo");
        assert_eq!(info.version.as_deref(), Some("Exchange2010_SP1"));
        assert_eq!(
            reply.body.oof_settings.map(|s| s.oof_state),
            Some(OofState::Disabled)
        );
        // Impersonating Bob gives no access to Alice's mailbox.
        let fault = run(service
            .get_user_oof_settings(Envelope::with_headers(get("alice@example.com"), headers)))
        .expect_err("denied");
        assert_eq!(
            fault.ews.error_code.as_deref(),
            Some("ErrorImpersonateUserDenied")
        );
        assert_eq!(fault.headers.len(), 1, "ServerVersionInfo on the fault");
        let recorded = service.recorded.lock().expect("lock").clone();
        assert_eq!(recorded.len(), 2);
        assert_eq!(recorded[0].impersonated.as_deref(), Some("Bob@Example.com"));
        assert_eq!(
            recorded[0].server_version.as_deref(),
            Some("Exchange2010_SP1")
        );
    }

    #[test]
    fn an_unknown_server_version_is_a_client_fault() {
        let service = OofService::default();
        let headers = GetUserOofSettingsInputHeaders {
            extra: vec![block(&RequestServerVersion {
                version: "Exchange1999".to_owned(),
            })],
        };
        let fault =
            run(service
                .get_user_oof_settings(Envelope::with_headers(get("bob@example.com"), headers)))
            .expect_err("refused");
        assert!(fault.code.is_client());
        assert_eq!(
            fault.ews.error_code.as_deref(),
            Some("ErrorInvalidServerVersion")
        );
    }
}
