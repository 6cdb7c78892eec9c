//! The `xsd2rs` command line: `dump`, `generate`, `check`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod dump;

/// Generate Rust bindings from WSDL 1.1 and XML Schema.
#[derive(Parser)]
#[command(name = "xsd2rs", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the resolved model (types, elements, messages, operations).
    ///
    /// With no inputs, dumps the project's own schemas (MS-OXWSMTRK and MS-OXWOOF).
    Dump {
        /// WSDL or XSD files to load.
        inputs: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Dump { inputs } => dump::run(&inputs),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
