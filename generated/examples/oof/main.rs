//! `oof`: read or change a mailbox's Out of Office settings on an Exchange server (MS-OXWOOF),
//! through the generated `generated::oof::ExchangeServiceClient`.
//!
//! ```text
//! cargo run -p generated --example oof -- --url https://mail.example.com/EWS/Exchange.asmx \
//!     --user alice@example.com --password '…' get alice@example.com
//! cargo run -p generated --example oof -- --url URL --token TOKEN set alice@example.com \
//!     --state Scheduled --internal "Back Monday" --external "Out of office" \
//!     --audience Known --start 2024-07-01T00:00:00Z --end 2024-07-08T00:00:00Z
//! cargo run -p generated --example oof -- --url URL --token TOKEN \
//!     --impersonate bob@example.com --server-version Exchange2010_SP1 get bob@example.com
//! ```
//!
//! `--impersonate` and `--server-version` add the `ExchangeImpersonation` and
//! `RequestServerVersion` header blocks (`../common/ews_headers.rs`), which the MS-OXWOOF WSDL
//! does not declare, to every request as extra header blocks.
//!
//! Prints the settings readably. A SOAP fault, a transport failure or a response with
//! `ResponseClass="Error"` ends with a message on stderr and exit status 1; a
//! `ResponseClass="Warning"` is printed on stderr and the command succeeds.
//! Set `RUST_LOG=xsd2rs_runtime=debug` to trace the calls (credentials are never logged).

mod args;
#[path = "../common/ews_headers.rs"]
mod ews_headers;
mod show;

use std::process::ExitCode;
use std::time::Duration as StdDuration;

use anyhow::{bail, Context};
use clap::Parser;
use generated::oof::{
    Duration, EmailAddress, ExchangeServiceClient, GetUserOofSettingsRequest, ReplyBody,
    ResponseClassType, SetUserOofSettingsRequest, UserOofSettings,
};
use xsd2rs_runtime::soap::{Client, HeaderBlock};
use xsd2rs_runtime::transport::HttpTransport;
use xsd2rs_runtime::types::DateTime;
use xsd2rs_runtime::SimpleValue;

use args::{Args, Command, SetArgs};

fn mailbox(address: &str) -> EmailAddress {
    EmailAddress {
        xsi: Default::default(),
        name: None,
        address: address.to_owned(),
        routing_type: None,
    }
}

fn reply(text: Option<&String>) -> Option<ReplyBody> {
    text.map(|t| ReplyBody {
        xsi: Default::default(),
        lang: None,
        message: Some(t.clone()),
    })
}

fn time(flag: &str, text: &str) -> anyhow::Result<DateTime> {
    DateTime::parse_text(text).with_context(|| {
        format!("{flag} {text:?} is not an xs:dateTime (e.g. 2024-07-01T00:00:00Z)")
    })
}

fn settings(set: &SetArgs) -> anyhow::Result<UserOofSettings> {
    let duration = match (&set.start, &set.end) {
        (Some(start), Some(end)) => Some(Duration {
            xsi: Default::default(),
            start_time: time("--start", start)?,
            end_time: time("--end", end)?,
        }),
        _ => None,
    };
    Ok(UserOofSettings {
        xsi: Default::default(),
        oof_state: set.state.to_generated(),
        external_audience: set.audience.to_generated(),
        duration,
        internal_reply: reply(set.internal.as_ref()),
        external_reply: reply(set.external.as_ref()),
    })
}

fn client(args: &Args) -> anyhow::Result<ExchangeServiceClient> {
    let mut builder =
        HttpTransport::builder(args.url.clone()).timeout(StdDuration::from_secs_f64(args.timeout));
    if let (Some(user), Some(password)) = (&args.user, &args.password) {
        builder = builder.basic_auth(user.clone(), password.clone());
    }
    if let Some(token) = &args.token {
        builder = builder.bearer_token(token.clone());
    }
    if let Some(anchor) = &args.anchor_mailbox {
        builder = builder.header("X-AnchorMailbox", anchor.clone());
    }
    let transport = builder
        .build()
        .context("cannot set up the HTTP transport")?;
    let mut client = Client::new(transport);
    if let Some(address) = &args.impersonate {
        let block = HeaderBlock::new(&ews_headers::ExchangeImpersonation::smtp(address))
            .context("cannot encode the ExchangeImpersonation header")?;
        client = client.with_header(block);
    }
    if let Some(version) = &args.server_version {
        let block = HeaderBlock::new(&ews_headers::RequestServerVersion {
            version: version.clone(),
        })
        .context("cannot encode the RequestServerVersion header")?;
        client = client.with_header(block);
    }
    Ok(ExchangeServiceClient::new(client))
}

async fn run(args: Args) -> anyhow::Result<()> {
    let ews = client(&args)?;
    match &args.command {
        Command::Get { mailbox: address } => {
            let request = GetUserOofSettingsRequest {
                xsi: Default::default(),
                mailbox: mailbox(address),
            };
            let reply = ews
                .get_user_oof_settings(&request, &Default::default())
                .await
                .context("GetUserOofSettings failed")?;
            show::check(&reply.body.response_message)?;
            print!(
                "{}",
                show::settings(address, &reply.body, reply.headers.server_version.as_ref())
            );
        }
        Command::Set(set) => {
            if set.state == args::State::Scheduled && (set.start.is_none() || set.end.is_none()) {
                bail!("--state Scheduled needs --start and --end");
            }
            let request = SetUserOofSettingsRequest {
                xsi: Default::default(),
                mailbox: mailbox(&set.mailbox),
                user_oof_settings: settings(set)?,
            };
            let reply = ews
                .set_user_oof_settings(&request, &Default::default())
                .await
                .context("SetUserOofSettings failed")?;
            match &reply.body.response_message {
                Some(message) => show::check(message)?,
                None => eprintln!("warning: the server sent no ResponseMessage"),
            }
            let class = reply
                .body
                .response_message
                .as_ref()
                .map(|m| m.response_class.clone());
            if class != Some(ResponseClassType::Error) {
                println!("Out of Office settings of {} updated.", set.mailbox);
            }
        }
    }
    Ok(())
}

/// The error and its causes on one line, skipping a cause its parent already spells out.
fn message(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if !out.contains(&text) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&text);
        }
    }
    out
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", message(&e));
            ExitCode::FAILURE
        }
    }
}
