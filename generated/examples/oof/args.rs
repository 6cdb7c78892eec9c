//! The command line of `oof`.

use clap::{Parser, Subcommand, ValueEnum};
use generated::oof::{ExternalAudience, OofState};

/// Command line.
#[derive(Debug, Parser)]
#[command(about = "Get or set a mailbox's Out of Office settings over EWS (MS-OXWOOF)")]
pub struct Args {
    /// The EWS endpoint, e.g. https://mail.example.com/EWS/Exchange.asmx.
    #[arg(long)]
    pub url: String,
    /// User name for HTTP Basic authentication.
    #[arg(long, requires = "password", conflicts_with = "token")]
    pub user: Option<String>,
    /// Password for HTTP Basic authentication.
    #[arg(long, requires = "user")]
    pub password: Option<String>,
    /// OAuth2 bearer token.
    #[arg(long)]
    pub token: Option<String>,
    /// Value of the X-AnchorMailbox header (routes the request to the mailbox's server).
    #[arg(long, value_name = "ADDRESS")]
    pub anchor_mailbox: Option<String>,
    /// Act as the owner of this mailbox (an `ExchangeImpersonation` header block naming its
    /// primary SMTP address; the account used needs the ApplicationImpersonation role).
    #[arg(long, value_name = "SMTP")]
    pub impersonate: Option<String>,
    /// The EWS schema version to request (a `RequestServerVersion` header block).
    #[arg(long, value_name = "VERSION", value_parser = clap::builder::PossibleValuesParser::new(crate::ews_headers::EXCHANGE_VERSIONS))]
    pub server_version: Option<String>,
    /// Whole-call timeout in seconds.
    #[arg(long, default_value_t = 30.0, value_parser = positive_seconds)]
    pub timeout: f64,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

fn positive_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s.is_finite() && s > 0.0 && s < 1e9 => Ok(s),
        _ => Err(format!("{text:?} is not a positive number of seconds")),
    }
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a mailbox's Out of Office settings.
    Get {
        /// The mailbox's SMTP address.
        mailbox: String,
    },
    /// Replace a mailbox's Out of Office settings.
    Set(SetArgs),
}

/// Arguments of `set`.
#[derive(Debug, clap::Args)]
pub struct SetArgs {
    /// The mailbox's SMTP address.
    pub mailbox: String,
    /// The OOF state (Scheduled uses --start and --end).
    #[arg(long, value_enum, ignore_case = true)]
    pub state: State,
    /// The reply sent to senders inside the organization.
    #[arg(long, value_name = "TEXT")]
    pub internal: Option<String>,
    /// The reply sent to external senders.
    #[arg(long, value_name = "TEXT")]
    pub external: Option<String>,
    /// Which external senders get the external reply.
    #[arg(long, value_enum, ignore_case = true, default_value_t = Audience::All)]
    pub audience: Audience,
    /// Start of the scheduled period (xs:dateTime, UTC, e.g. 2024-07-01T00:00:00Z).
    #[arg(long, requires = "end")]
    pub start: Option<String>,
    /// End of the scheduled period (xs:dateTime, after --start).
    #[arg(long, requires = "start")]
    pub end: Option<String>,
}

/// `--state` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "PascalCase")]
pub enum State {
    /// No automatic replies.
    Disabled,
    /// Automatic replies until disabled.
    Enabled,
    /// Automatic replies between --start and --end.
    Scheduled,
}

impl State {
    /// The schema value.
    pub fn to_generated(self) -> OofState {
        match self {
            State::Disabled => OofState::Disabled,
            State::Enabled => OofState::Enabled,
            State::Scheduled => OofState::Scheduled,
        }
    }
}

/// `--audience` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "PascalCase")]
pub enum Audience {
    /// No external replies.
    None,
    /// External senders in the mailbox's contacts.
    Known,
    /// All external senders.
    All,
}

impl Audience {
    /// The schema value.
    pub fn to_generated(self) -> ExternalAudience {
        match self {
            Audience::None => ExternalAudience::None,
            Audience::Known => ExternalAudience::Known,
            Audience::All => ExternalAudience::All,
        }
    }
}
