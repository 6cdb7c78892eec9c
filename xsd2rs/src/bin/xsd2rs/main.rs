//! The `xsd2rs` command line: `dump`, `generate`, `check`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod check;
mod dump;
mod generate;

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
    /// Generate Rust bindings.
    ///
    /// With no inputs, regenerates the committed `generated/src/` (one module per protocol)
    /// from the embedded schemas. With inputs, writes the module tree `DIR/mod.rs`.
    Generate {
        /// WSDL or XSD files to load.
        inputs: Vec<PathBuf>,
        /// Output directory (module root `DIR/mod.rs`); required with inputs.
        #[arg(short, long)]
        out: Option<PathBuf>,
        /// Generate every global type and element, not only what the operations reach.
        #[arg(long)]
        all_globals: bool,
    },
    /// Exit non-zero and print a diff when the committed `generated/src/` is stale.
    Check,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Dump { inputs } => dump::run(&inputs),
        Command::Generate {
            inputs,
            out,
            all_globals,
        } => generate::run(&inputs, out.as_deref(), all_globals),
        Command::Check => match check::run() {
            Ok(true) => Ok(()),
            Ok(false) => return ExitCode::FAILURE,
            Err(e) => Err(e),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
