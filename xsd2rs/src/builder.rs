//! Generating Rust from a build script (prost-build style), and the shared "model → file"
//! step used by the CLI and the tests.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     xsd2rs::builder::Config::new()
//!         .input("../../schemas/MS-OXWOOF.wsdl")
//!         .module_name("oof")
//!         .compile()?;
//!     Ok(())
//! }
//! ```
//! and in the crate: `include!(concat!(env!("OUT_DIR"), "/oof.rs"));` inside a module.
//!
//! `compile` prints `cargo:rerun-if-changed=PATH` for every file the loader read (the inputs,
//! their includes and imports). **Cargo caveat:** once a build script prints any
//! `rerun-if-changed` line, Cargo no longer reruns it when *other* files of the package change
//! (it stops the default "any file in the package" scan). Print your own
//! `cargo:rerun-if-changed` lines for anything else the build script reads.
//! Errors are printed as `cargo:warning=` lines (one per diagnostic) and returned.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics};
use crate::format::{FormatError, Formatter};
use crate::load::{load_protocol, DiskSource, Loader, Protocol, Resolver};
use crate::model::Model;
use crate::plan::{plan, PlanOptions};

/// Errors of generation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The inputs did not load (every diagnostic is in the value).
    #[error("{0}")]
    Load(Diagnostics),
    /// The generated tokens did not format (a generator bug).
    #[error(transparent)]
    Format(#[from] FormatError),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// `OUT_DIR` is not set and no output directory was given.
    #[error("OUT_DIR is not set (not running in a build script?); call .out_dir(..)")]
    NoOutDir,
}

/// Generates one formatted module from a model: `@generated` header naming the model's
/// files, an optional module doc (`//!`, omit it for files used with `include!`), the items.
pub fn render(
    model: &Model,
    opts: &PlanOptions,
    module_doc: Option<&str>,
) -> Result<String, Error> {
    render_with_warnings(model, opts, module_doc).map(|(text, _)| text)
}

/// [`render`], also returning the warnings of generation (SOAP operations left out: rpc or
/// encoded bindings, one-way operations, ...; see [`crate::plan::operations`]).
pub fn render_with_warnings(
    model: &Model,
    opts: &PlanOptions,
    module_doc: Option<&str>,
) -> Result<(String, Vec<Diagnostic>), Error> {
    let restricted;
    let model = if opts.only.is_empty() {
        model
    } else {
        restricted = crate::plan::restrict(model, opts)
            .map_err(|items| Error::Load(Diagnostics { items }))?;
        &restricted
    };
    let p = plan(model, opts);
    let (services, warnings) = crate::plan::services(model, &p);
    // Formatted piece by piece (see `Formatter`): memory stays proportional to the schema
    // and the text, not to the tokens and syntax tree of the whole file.
    // The types are formatted on every core (`Formatter::push_pieces`: same bytes whatever the
    // number of threads).
    let mut f = Formatter::new();
    f.push_pieces(crate::emit::piece_count(&p), |range, f| {
        crate::emit::emit_range(&p, range, |t| f.push(t))
    })?;
    f.push(crate::emit::emit_services(&services))?;
    f.push(crate::emit::emit_documents(&p, &services))?;
    let inputs: Vec<String> = model.files.iter().map(|f| f.path.to_string()).collect();
    Ok((f.finish(&inputs, module_doc), warnings))
}

/// The files of the committed `generated/` crate for the embedded project schemas:
/// `(path relative to the workspace root, contents)`, one module per protocol.
pub fn project_files() -> Result<Vec<(PathBuf, String)>, Error> {
    let mut out = Vec::new();
    for &proto in Protocol::ALL {
        let loaded = load_protocol(proto).map_err(Error::Load)?;
        let doc = format!(
            "{} bindings generated from the project's `schemas/`.\n\nRegenerate with `cargo run -p xsd2rs -- generate`.",
            proto.spec()
        );
        let text = render(&loaded.model, &PlanOptions::default(), Some(&doc))?;
        let path = Path::new("generated/src").join(format!("{}.rs", proto.module_name()));
        out.push((path, text));
    }
    Ok(out)
}

/// Writes `contents` to `path` only if the bytes differ; returns whether it wrote.
pub fn write_if_changed(path: &Path, contents: &str) -> Result<bool, Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    if std::fs::read(path).ok().as_deref() == Some(contents.as_bytes()) {
        return Ok(false);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    std::fs::write(path, contents).map_err(io)?;
    Ok(true)
}

/// Build-script configuration: inputs and options, then [`Config::compile`].
#[derive(Debug, Clone, Default)]
pub struct Config {
    inputs: Vec<PathBuf>,
    catalogs: Vec<PathBuf>,
    resolver: Resolver,
    module_name: Option<String>,
    out_dir: Option<PathBuf>,
    options: PlanOptions,
    emit_rerun: bool,
}

impl Config {
    /// A configuration with no inputs, writing `xsd2rs.rs` to `OUT_DIR`.
    pub fn new() -> Self {
        Config {
            emit_rerun: true,
            ..Config::default()
        }
    }

    /// Adds a WSDL or XSD input.
    pub fn input(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.inputs.push(path.as_ref().to_path_buf());
        self
    }

    /// The output file name without `.rs` (default `xsd2rs`).
    pub fn module_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.module_name = Some(name.into());
        self
    }

    /// Where to write (default: the `OUT_DIR` Cargo gives build scripts).
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Generate every global type and element, not only what WSDL operations reach.
    pub fn all_globals(&mut self, yes: bool) -> &mut Self {
        self.options.all_globals = yes;
        self
    }

    /// Generate only what these reach: WSDL operation names (with their bindings), global
    /// element or type names (`Name`, `prefix:Name`, `{namespace}Name`); see
    /// [`PlanOptions::only`].
    pub fn only<S: Into<String>>(&mut self, names: impl IntoIterator<Item = S>) -> &mut Self {
        self.options.only.extend(names.into_iter().map(Into::into));
        self
    }

    /// Resolve remote locations through an OASIS XML catalog file (read when compiling).
    pub fn catalog(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.catalogs.push(path.as_ref().to_path_buf());
        self
    }

    /// Map a remote location (or a prefix ending in `/`) to a local file or directory.
    pub fn map(&mut self, url: impl Into<String>, path: impl AsRef<Path>) -> &mut Self {
        self.resolver
            .map(url, path.as_ref().to_string_lossy().into_owned());
        self
    }

    /// Print `cargo:rerun-if-changed` lines (default on; see the module docs for the caveat).
    pub fn emit_rerun_if_changed(&mut self, yes: bool) -> &mut Self {
        self.emit_rerun = yes;
        self
    }

    /// Loads the inputs, generates, and writes `OUT_DIR/<module_name>.rs` (only if changed).
    /// Returns the path written.
    pub fn compile(&self) -> Result<PathBuf, Error> {
        let result = self.compile_inner();
        if let Err(e) = &result {
            if let Error::Load(d) = e {
                for item in &d.items {
                    println!("cargo:warning={}", item.to_string().replace('\n', " "));
                }
            } else {
                println!("cargo:warning=xsd2rs: {}", e.to_string().replace('\n', " "));
            }
        }
        result
    }

    fn compile_inner(&self) -> Result<PathBuf, Error> {
        if self.emit_rerun {
            for i in &self.inputs {
                println!("cargo:rerun-if-changed={}", i.display());
            }
        }
        let mut resolver = self.resolver.clone();
        for c in &self.catalogs {
            if self.emit_rerun {
                println!("cargo:rerun-if-changed={}", c.display());
            }
            resolver
                .catalog(&DiskSource, &c.to_string_lossy())
                .map_err(|e| {
                    Error::Load(Diagnostics {
                        items: vec![Diagnostic::error(None, format!("catalog {e}"))],
                    })
                })?;
        }
        let loaded = Loader::new()
            .inputs(&self.inputs)
            .resolver(resolver)
            .load()
            .map_err(Error::Load)?;
        if self.emit_rerun {
            for f in &loaded.model.files {
                println!("cargo:rerun-if-changed={}", f.path);
            }
        }
        for w in &loaded.warnings {
            println!("cargo:warning={}", w.to_string().replace('\n', " "));
        }
        let (text, warnings) = render_with_warnings(&loaded.model, &self.options, None)?;
        for w in &warnings {
            println!("cargo:warning={}", w.to_string().replace('\n', " "));
        }
        let dir = match &self.out_dir {
            Some(d) => d.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NoOutDir)?,
        };
        let name = self.module_name.as_deref().unwrap_or("xsd2rs");
        let path = dir.join(format!("{name}.rs"));
        write_if_changed(&path, &text)?;
        Ok(path)
    }
}
