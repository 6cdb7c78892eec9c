//! An MS-OXWSMTRK (Message Tracking) server over a small fixed set of tracked messages, built
//! on the generated `generated::mtrk` service trait and dispatcher.
//!
//! ```text
//! cargo run -p generated --example mtrk-server -- --listen 127.0.0.1:8081
//! ```
//!
//! Prints `listening on http://ADDR/EWS/Exchange.asmx` (the bound address, so port 0 works) and
//! serves until Ctrl-C or SIGTERM. The messages are in `data.rs`; the search criteria and the
//! report rules (MS-OXWSMTRK §3.1.4) in `tracking.rs`. Every response carries a
//! `ServerVersionInfo` header. Set `RUST_LOG=debug` for request traces.

mod data;
#[path = "../common/serve.rs"]
mod serve;
mod tracking;

use std::net::SocketAddr;

use clap::Parser;
use generated::mtrk::{
    exchange_service_dispatcher, ExchangeService, FindMessageTrackingReportInputHeaders,
    FindMessageTrackingReportOutputHeaders, FindMessageTrackingReportRequestType,
    FindMessageTrackingReportResponseMessageType, GetMessageTrackingReportInputHeaders,
    GetMessageTrackingReportOutputHeaders, GetMessageTrackingReportRequestType,
    GetMessageTrackingReportResponseMessageType, ServerVersionInfo,
};
use xsd2rs_runtime::soap::{Envelope, Fault};

/// Command line.
#[derive(Debug, Parser)]
#[command(about = "MS-OXWSMTRK Message Tracking example server (fixed data)")]
struct Args {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8081")]
    listen: SocketAddr,
}

/// The `ServerVersionInfo` header block of every response.
fn server_version() -> ServerVersionInfo {
    ServerVersionInfo {
        xsi: Default::default(),
        major_version: Some(15),
        minor_version: Some(1),
        major_build_number: Some(2507),
        minor_build_number: Some(6),
        version: Some("V2017_07_11".to_owned()),
    }
}

/// The service: the generated trait over `tracking`.
#[derive(Debug, Default)]
struct TrackingService;

impl ExchangeService for TrackingService {
    async fn find_message_tracking_report(
        &self,
        request: Envelope<
            FindMessageTrackingReportRequestType,
            FindMessageTrackingReportInputHeaders,
        >,
    ) -> Result<
        Envelope<
            FindMessageTrackingReportResponseMessageType,
            FindMessageTrackingReportOutputHeaders,
        >,
        Fault,
    > {
        let headers = FindMessageTrackingReportOutputHeaders {
            server_version: Some(server_version()),
            ..Default::default()
        };
        Ok(Envelope::with_headers(
            tracking::find(&request.body),
            headers,
        ))
    }

    async fn get_message_tracking_report(
        &self,
        request: Envelope<
            GetMessageTrackingReportRequestType,
            GetMessageTrackingReportInputHeaders,
        >,
    ) -> Result<
        Envelope<
            GetMessageTrackingReportResponseMessageType,
            GetMessageTrackingReportOutputHeaders,
        >,
        Fault,
    > {
        let headers = GetMessageTrackingReportOutputHeaders {
            server_version: Some(server_version()),
            ..Default::default()
        };
        Ok(Envelope::with_headers(
            tracking::get(&request.body),
            headers,
        ))
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    serve::serve_until_signal(args.listen, exchange_service_dispatcher(TrackingService)).await
}
