//! An MS-OXWOOF (Out of Office) server over an in-memory store, built on the generated
//! `generated::oof` service trait and dispatcher.
//!
//! ```text
//! cargo run -p generated --example oof-server -- --listen 127.0.0.1:8080
//! ```
//!
//! Prints `listening on http://ADDR/EWS/Exchange.asmx` (the bound address, so port 0 works) and
//! serves until Ctrl-C or SIGTERM. GetUserOofSettings and SetUserOofSettings answer per mailbox;
//! every response carries a `ServerVersionInfo` header. Behaviour (defaults, errors): `store.rs`.
//! Set `RUST_LOG=debug` for request traces.

#[path = "../common/serve.rs"]
mod serve;
mod store;

use std::net::SocketAddr;

use clap::Parser;
use generated::oof::{
    exchange_service_dispatcher, ExchangeService, GetUserOofSettingsRequest,
    GetUserOofSettingsResponse, ServerVersionInfo, SetUserOofSettingsRequest,
    SetUserOofSettingsResponse,
};
use xsd2rs_runtime::soap::{Envelope, Fault};

use store::{server_version, OofStore};

/// Command line.
#[derive(Debug, Parser)]
#[command(about = "MS-OXWOOF Out of Office example server (in-memory)")]
struct Args {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
}

/// The service: the generated trait over the store.
#[derive(Debug, Default)]
struct OofService {
    store: OofStore,
}

impl ExchangeService for OofService {
    async fn get_user_oof_settings(
        &self,
        request: Envelope<GetUserOofSettingsRequest, ()>,
    ) -> Result<Envelope<GetUserOofSettingsResponse, Option<ServerVersionInfo>>, Fault> {
        let body = self.store.get(&request.body.mailbox)?;
        Ok(Envelope::with_headers(body, Some(server_version())))
    }

    async fn set_user_oof_settings(
        &self,
        request: Envelope<SetUserOofSettingsRequest, ()>,
    ) -> Result<Envelope<SetUserOofSettingsResponse, Option<ServerVersionInfo>>, Fault> {
        let body = self
            .store
            .set(&request.body.mailbox, &request.body.user_oof_settings)?;
        Ok(Envelope::with_headers(body, Some(server_version())))
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
