//! Loads WSDL 1.1 and XML Schema 1.0 files into the resolved [`Model`].
//!
//! ```no_run
//! use xsd2rs::load::Loader;
//!
//! let loaded = Loader::new().input("services.wsdl").load()?;
//! println!("{} types", loaded.model.types.len());
//! for w in &loaded.warnings {
//!     eprintln!("{w}");
//! }
//! # Ok::<(), xsd2rs::diag::Diagnostics>(())
//! ```
//!
//! Stages: collect every reachable document (includes, imports, redefines,
//! inline schemas, `wsdl:import`; each read once, nothing fetched from the network) →
//! index the global components (duplicates reported) → build the model (every reference
//! resolved, unresolved ones reported with a suggestion) → derived facts (substitution
//! groups, prefixes). All problems of a run are reported together.
//!
//! ## Import resolution
//!
//! * The xml namespace (`xml:lang`, `xml:space`, `xml:base`, `xml:id`) is built in.
//! * A namespace that an inline schema of a loaded WSDL defines (one with content, not a
//!   mere placeholder) is resolved by namespace: the import's `schemaLocation` is not read
//!   (MS-OXWOOF's messages schema imports `types.xsd`, meaning the inline types schema).
//! * Otherwise a local `schemaLocation` is read, even when the namespace is already
//!   loaded: several imports of one namespace from different files are all merged.
//! * A remote location is looked up in the [`Resolver`] (`--map URL=PATH`, OASIS XML
//!   catalogs with `--catalog FILE`; an import without a usable location also by its
//!   namespace) and read from the local file it maps to.
//! * A location that is remote and unmapped (nothing is ever fetched), missing, or absent is fine when
//!   another document provides the namespace by the end of the load (a warning for a
//!   missing file); otherwise it is a warning, and a reference into that namespace that stays
//!   unresolved is an error naming the import that would have provided it. The same holds
//!   for an `xs:include` or `xs:redefine` that cannot be read.
//! * A chain of redefinitions (A redefines B, which redefines C) resolves level by level:
//!   each level's self-reference means the definition it redefines.
//! * A model group may recur through a local element's type (a recursive type); only a
//!   group that contains itself directly is a reference cycle.
//! * An occurrence bound too large for 64 bits is saturated with a warning (`maxOccurs`
//!   becomes unbounded).
//! * Every document is read once, by canonical path (cycles and diamonds of includes
//!   are harmless); a schema without `targetNamespace` included into one takes the
//!   includer's namespace (chameleon include).
//!
//! The project's own schemas are embedded in the library: [`load_protocol`] and
//! [`load_default`] load them without touching the file system.

mod build;
mod collect;
mod embedded;
mod globals;
mod index;
mod names;
mod particles;
mod post;
mod prescan;
mod rpc;
mod source;
mod suggest;
mod types;
mod wsdl;
mod xml;

use std::path::Path;

pub use embedded::{embedded_source, load_default, load_protocol, Protocol, ProtocolModel};
pub use post::MAX_DERIVATION_DEPTH;
pub use source::{DiskSource, MemorySource, Resolver, Source};

pub(crate) use suggest::{closest_within, PER_DIAGNOSTIC};

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::model::{Model, SourceKind};

/// A successful load: the model and any warnings.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The resolved model.
    pub model: Model,
    /// Warnings (the load had no errors).
    pub warnings: Vec<Diagnostic>,
}

/// Builder for a load: inputs, where to read them from, then [`Loader::load`].
pub struct Loader {
    inputs: Vec<String>,
    source: Box<dyn Source>,
    resolver: Resolver,
}

impl Default for Loader {
    fn default() -> Self {
        Loader::new()
    }
}

impl std::fmt::Debug for Loader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loader")
            .field("inputs", &self.inputs)
            .finish()
    }
}

impl Loader {
    /// A loader reading from the file system, with no inputs yet.
    pub fn new() -> Self {
        Loader {
            inputs: Vec::new(),
            source: Box::new(DiskSource),
            resolver: Resolver::new(),
        }
    }

    /// Adds an input document (WSDL or XSD).
    pub fn input(mut self, path: impl AsRef<Path>) -> Self {
        self.inputs
            .push(path.as_ref().to_string_lossy().into_owned());
        self
    }

    /// Adds several input documents.
    pub fn inputs<P: AsRef<Path>>(mut self, paths: impl IntoIterator<Item = P>) -> Self {
        for p in paths {
            self = self.input(p);
        }
        self
    }

    /// Reads documents from `source` instead of the file system.
    pub fn source(mut self, source: impl Source + 'static) -> Self {
        self.source = Box::new(source);
        self
    }

    /// Resolves remote locations (`schemaLocation`, `wsdl:import/@location`, an import's
    /// namespace) to local files through `resolver` (`--map`, `--catalog`).
    pub fn resolver(mut self, resolver: Resolver) -> Self {
        self.resolver = resolver;
        self
    }

    /// Loads everything reachable from the inputs into one model.
    ///
    /// Fails with every error found (and the warnings) when any error was found.
    pub fn load(&self) -> Result<Loaded, Diagnostics> {
        if self.inputs.is_empty() {
            return Err(Diagnostics {
                items: vec![Diagnostic::error(None, "no input documents given")],
            });
        }
        let collected = collect::collect(self.source.as_ref(), &self.resolver, &self.inputs);
        let mut diags = collected.diags.clone();
        let docs: Vec<Option<roxmltree::Document>> = collected
            .files
            .iter()
            .map(|f| f.kind.and_then(|_| xml::parse(&f.text).ok()))
            .collect();
        diags.extend(names::check(&collected.files, &docs));
        let idx = index::build(&collected.files, &docs, &collected.insts, &mut diags);
        let mut builder = build::Builder::new(&collected.files, &docs, &collected.insts, &idx);
        builder.unavailable = collected.unavailable.clone();
        builder.populate();
        let wsdl_files: Vec<usize> = collected
            .wsdls
            .iter()
            .copied()
            .filter(|f| collected.files.get(*f).and_then(|r| r.kind) == Some(SourceKind::Wsdl))
            .collect();
        builder.wsdls(&wsdl_files);
        let (mut model, more) = builder.finish();
        diags.extend(more);
        diags.extend(rpc::rpc_wrappers(&mut model));
        diags.extend(post::derivation_cycles(&model));
        diags.extend(post::derivation_depths(&model));
        post::simple_content_values(&mut model);
        post::qname_enumerations(&mut model);
        diags.extend(post::derivation_kinds(&model));
        post::substitution_groups(&mut model);
        post::prefixes(&mut model, &collected, &docs);
        model.files = collected.source_files();
        finish(model, diags)
    }
}

/// Sorts and dedupes diagnostics and decides between success and failure.
fn finish(model: Model, mut diags: Vec<Diagnostic>) -> Result<Loaded, Diagnostics> {
    diags.sort_by(|a, b| a.location.cmp(&b.location));
    diags.dedup();
    if diags.iter().any(|d| d.severity == Severity::Error) {
        Err(Diagnostics { items: diags })
    } else {
        Ok(Loaded {
            model,
            warnings: diags,
        })
    }
}
