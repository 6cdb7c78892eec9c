//! `xsd2rs dump`: print the resolved model.

use std::path::PathBuf;

use anyhow::bail;
use xsd2rs::diag::Diagnostic;
use xsd2rs::dump::{dump, Counts};
use xsd2rs::load::{load_default, Loaded, Loader};

/// Loads the inputs (or, with none, the embedded default schemas) and prints the model.
/// Warnings and errors go to stderr; any error makes the command fail.
pub fn run(inputs: &[PathBuf]) -> anyhow::Result<()> {
    if inputs.is_empty() {
        let protocols = match load_default() {
            Ok(p) => p,
            Err(d) => {
                eprintln!("{d}");
                bail!("the embedded schemas did not load");
            }
        };
        for p in protocols {
            println!("== {} ({}) ==", p.protocol.spec(), p.protocol.module_name());
            print(&p.loaded);
        }
        return Ok(());
    }
    match Loader::new().inputs(inputs).load() {
        Ok(loaded) => {
            print(&loaded);
            Ok(())
        }
        Err(d) => {
            eprintln!("{d}");
            bail!("loading failed")
        }
    }
}

fn print(loaded: &Loaded) {
    warn(&loaded.warnings);
    print!("{}", dump(&loaded.model));
    let c = Counts::of(&loaded.model);
    eprintln!(
        "{} types, {} elements, {} operations",
        c.types, c.elements, c.operations
    );
}

fn warn(warnings: &[Diagnostic]) {
    for w in warnings {
        eprintln!("{w}");
    }
}
