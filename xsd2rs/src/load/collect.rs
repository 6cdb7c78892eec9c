//! Stage 1: find and read every document reachable from the inputs.
//!
//! Follows `wsdl:import`, inline `xs:schema`s, `xs:include`, `xs:redefine` and `xs:import`,
//! reading each document once (by canonical path) and recording every *schema instance*:
//! one `xs:schema` element read with one effective target namespace (a chameleon include
//! is an instance of the included document in the includer's namespace).
//!
//! Imports resolve by namespace before location: the xml namespace is built in, a
//! namespace that an inline schema of a loaded WSDL defines needs no file, and a location
//! that cannot be read (or is remote: nothing is fetched) is fine when some other document
//! provides the namespace by the end of the load, and otherwise a warning (recorded in
//! [`Collected::unavailable`], so that an unresolved reference into the namespace says which
//! import would have provided it).

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Arc;

use roxmltree::NodeId;

use super::source::{is_remote, join, Resolver, Source};
use super::xml::{self, is, LineIndex, Positions, WSDL_NS};
use crate::diag::Diagnostic;
use crate::model::{Location, SourceFile, SourceKind, XML_NS, XS_NS};

/// One document read.
#[derive(Debug)]
pub(crate) struct FileRec {
    /// The path as shown to the user.
    pub(crate) display: Arc<str>,
    /// The text.
    pub(crate) text: String,
    /// Line index of the text.
    pub(crate) lines: LineIndex,
    /// WSDL or schema (None if it could not be parsed).
    pub(crate) kind: Option<SourceKind>,
}

/// One `xs:schema` element read with one effective target namespace.
#[derive(Debug, Clone)]
pub(crate) struct Inst {
    /// Index into the file list.
    pub(crate) file: usize,
    /// The `xs:schema` element.
    pub(crate) schema: NodeId,
    /// Effective target namespace (the includer's for a chameleon include).
    pub(crate) tns: String,
    /// True when the document has no targetNamespace but was included into one.
    pub(crate) chameleon: bool,
}

/// What stage 1 found.
#[derive(Debug, Default)]
pub(crate) struct Collected {
    /// Every document read, in load order.
    pub(crate) files: Vec<FileRec>,
    /// Every schema instance, in load order.
    pub(crate) insts: Vec<Inst>,
    /// Files that are WSDL documents, in load order.
    pub(crate) wsdls: Vec<usize>,
    /// Problems found.
    pub(crate) diags: Vec<Diagnostic>,
    /// Includes and imports that provided nothing (unreadable, remote, no location): only a
    /// warning, unless a reference into their namespace stays unresolved (its error names them).
    pub(crate) unavailable: Vec<Unavailable>,
}

/// An include or import that could not be read.
#[derive(Debug, Clone)]
pub(crate) struct Unavailable {
    /// The namespace it would have provided.
    pub(crate) ns: String,
    /// Where it stands.
    pub(crate) at: Location,
    /// What it is and why it provided nothing, e.g. "the xs:import of `b.xsd` (cannot read it: …)".
    pub(crate) what: String,
}

impl Collected {
    /// The files as the model records them.
    pub(crate) fn source_files(&self) -> Vec<SourceFile> {
        self.files
            .iter()
            .filter_map(|f| {
                f.kind.map(|kind| SourceFile {
                    path: f.display.clone(),
                    kind,
                })
            })
            .collect()
    }
}

/// Work still to do.
enum Work {
    /// Process a whole document (WSDL or schema root).
    Doc { file: usize },
    /// Process one schema element (an inline schema, or an included/imported document).
    Schema {
        file: usize,
        node: NodeId,
        /// The includer's namespace (include/redefine), `None` for import/top level.
        include_into: Option<String>,
        /// Where the include stands (for a namespace mismatch).
        at: Option<Location>,
    },
}

/// An import that a file did not satisfy; checked once everything is loaded.
struct Deferred {
    ns: String,
    at: Location,
    reason: DeferReason,
}

enum DeferReason {
    NoLocation,
    Remote(String),
    Missing(String, String),
}

/// Reads all documents reachable from `inputs`.
pub(crate) fn collect(source: &dyn Source, resolver: &Resolver, inputs: &[String]) -> Collected {
    let mut c = Collector {
        source,
        resolver,
        out: Collected::default(),
        by_canonical: HashMap::new(),
        seen_insts: HashSet::new(),
        inline_ns: HashSet::new(),
        loaded_ns: HashSet::new(),
        deferred: Vec::new(),
        queue: VecDeque::new(),
        done_docs: HashSet::new(),
    };
    for input in inputs {
        if let Some(file) = c.open(input, None) {
            c.queue.push_back(Work::Doc { file });
        }
    }
    while let Some(work) = c.queue.pop_front() {
        c.run(work);
    }
    c.finish();
    c.out
}

struct Collector<'s> {
    source: &'s dyn Source,
    resolver: &'s Resolver,
    out: Collected,
    by_canonical: HashMap<String, Option<usize>>,
    seen_insts: HashSet<(usize, NodeId, String)>,
    inline_ns: HashSet<String>,
    loaded_ns: HashSet<String>,
    deferred: Vec<Deferred>,
    queue: VecDeque<Work>,
    done_docs: HashSet<usize>,
}

/// A reference to something found in a document, collected while it is parsed and
/// acted on after (so the document's text is not borrowed while the collector changes).
enum Found {
    Include {
        location: Option<String>,
        at: Location,
        redefine: bool,
    },
    Import {
        ns: String,
        location: Option<String>,
        at: Location,
    },
    WsdlImport {
        location: Option<String>,
        at: Location,
    },
    InlineSchema {
        node: NodeId,
        tns: String,
        has_content: bool,
    },
}

impl Collector<'_> {
    /// Reads and parses a document once; `None` if it cannot be used (errors recorded).
    fn open(&mut self, path: &str, at: Option<Location>) -> Option<usize> {
        let canonical = self.source.canonical(path);
        if let Some(known) = self.by_canonical.get(&canonical) {
            return *known;
        }
        let text = match self.source.read(path) {
            Ok(t) => t,
            Err(e) => {
                self.out
                    .diags
                    .push(Diagnostic::error(at, format!("cannot read `{path}`: {e}")));
                self.by_canonical.insert(canonical, None);
                return None;
            }
        };
        let display: Arc<str> = Arc::from(path);
        let lines = LineIndex::new(&text);
        let kind = match xml::parse(&text) {
            Ok(doc) => {
                let root = doc.root_element();
                if is(root, WSDL_NS, "definitions") {
                    Some(SourceKind::Wsdl)
                } else if is(root, XS_NS, "schema") {
                    Some(SourceKind::Schema)
                } else {
                    let pos = Positions {
                        file: &display,
                        text: &text,
                        lines: &lines,
                    };
                    self.out.diags.push(Diagnostic::error(
                        Some(pos.node(root)),
                        format!(
                            "`{}` is neither a WSDL 1.1 document (wsdl:definitions) nor an XML Schema (xs:schema)",
                            xml::display_tag(root)
                        ),
                    ));
                    None
                }
            }
            Err(e) => {
                let pos = Positions {
                    file: &display,
                    text: &text,
                    lines: &lines,
                };
                self.out
                    .diags
                    .push(Diagnostic::error(Some(e.location(&pos)), e.to_string()));
                None
            }
        };
        let idx = self.out.files.len();
        self.out.files.push(FileRec {
            display,
            text,
            lines,
            kind,
        });
        let usable = kind.is_some();
        self.by_canonical.insert(canonical, usable.then_some(idx));
        usable.then_some(idx)
    }

    fn run(&mut self, work: Work) {
        match work {
            Work::Doc { file } => {
                // Each document is processed once (wsdl:imports may form cycles).
                if !self.done_docs.insert(file) {
                    return;
                }
                let Some(kind) = self.out.files.get(file).and_then(|f| f.kind) else {
                    return;
                };
                match kind {
                    SourceKind::Wsdl => self.wsdl(file),
                    SourceKind::Schema => {
                        let root = self.root_id(file);
                        if let Some(node) = root {
                            self.schema(file, node, None, None);
                        }
                    }
                }
            }
            Work::Schema {
                file,
                node,
                include_into,
                at,
            } => self.schema(file, node, include_into, at),
        }
    }

    fn root_id(&self, file: usize) -> Option<NodeId> {
        let f = self.out.files.get(file)?;
        let doc = xml::parse(&f.text).ok()?;
        let id = doc.root_element().id();
        Some(id)
    }

    /// Scans a WSDL document: inline schemas and wsdl:imports.
    fn wsdl(&mut self, file: usize) {
        self.out.wsdls.push(file);
        let mut found = Vec::new();
        {
            let Some(f) = self.out.files.get(file) else {
                return;
            };
            let Ok(doc) = xml::parse(&f.text) else {
                return;
            };
            let pos = Positions {
                file: &f.display,
                text: &f.text,
                lines: &f.lines,
            };
            let root = doc.root_element();
            for child in root.children().filter(|c| c.is_element()) {
                if is(child, WSDL_NS, "import") {
                    found.push(Found::WsdlImport {
                        location: child.attribute("location").map(str::to_string),
                        at: pos.node(child),
                    });
                } else if is(child, WSDL_NS, "types") {
                    for s in child.children().filter(|c| is(*c, XS_NS, "schema")) {
                        // An inline schema that only imports (a placeholder) does not
                        // stand in for its namespace's documents.
                        let has_content = s.children().any(|c| {
                            c.is_element() && !is(c, XS_NS, "import") && !is(c, XS_NS, "annotation")
                        });
                        found.push(Found::InlineSchema {
                            node: s.id(),
                            tns: s.attribute("targetNamespace").unwrap_or("").to_string(),
                            has_content,
                        });
                    }
                }
            }
        }
        // All inline namespaces are known before any inline schema's imports are followed.
        for f in &found {
            if let Found::InlineSchema {
                tns,
                has_content: true,
                ..
            } = f
            {
                self.inline_ns.insert(tns.clone());
            }
        }
        for f in found {
            match f {
                Found::InlineSchema { node, .. } => self.queue.push_back(Work::Schema {
                    file,
                    node,
                    include_into: None,
                    at: None,
                }),
                Found::WsdlImport { location, at } => {
                    self.follow_wsdl_import(file, location, at);
                }
                Found::Include { .. } | Found::Import { .. } => {}
            }
        }
    }

    fn follow_wsdl_import(&mut self, file: usize, location: Option<String>, at: Location) {
        let Some(location) = location else {
            self.out.diags.push(Diagnostic::error(
                Some(at),
                "wsdl:import without a `location`",
            ));
            return;
        };
        let location = self.mapped(&location);
        if is_remote(&location) {
            self.out.diags.push(Diagnostic::error(
                Some(at),
                format!(
                    "wsdl:import of remote location `{location}`: nothing is fetched from the network; {}",
                    fix_hint(&location)
                ),
            ));
            return;
        }
        let path = self.path_from(file, &location);
        if let Some(target) = self.open(&path, Some(at)) {
            self.queue.push_back(Work::Doc { file: target });
        }
    }

    /// The local file a remote location maps to (`--map`, catalogs), else the location.
    fn mapped(&self, location: &str) -> String {
        if is_remote(location) {
            if let Some(p) = self.resolver.resolve(location) {
                return p;
            }
        }
        location.to_string()
    }

    fn path_from(&self, file: usize, location: &str) -> String {
        let base = self
            .out
            .files
            .get(file)
            .map(|f| f.display.to_string())
            .unwrap_or_default();
        join(&base, location)
    }

    /// Registers one schema instance and follows its includes and imports.
    fn schema(
        &mut self,
        file: usize,
        node: NodeId,
        include_into: Option<String>,
        at: Option<Location>,
    ) {
        let mut found = Vec::new();
        let tns;
        let chameleon;
        {
            let Some(f) = self.out.files.get(file) else {
                return;
            };
            let Ok(doc) = xml::parse(&f.text) else {
                return;
            };
            let Some(schema) = doc.get_node(node) else {
                return;
            };
            let pos = Positions {
                file: &f.display,
                text: &f.text,
                lines: &f.lines,
            };
            let own = schema.attribute("targetNamespace");
            match (&include_into, own) {
                (Some(into), Some(own)) if own != into => {
                    self.out.diags.push(Diagnostic::error(
                        at.clone().or_else(|| Some(pos.node(schema))),
                        format!(
                            "included schema `{}` has targetNamespace `{own}`, but the including schema's is `{into}`",
                            f.display
                        ),
                    ));
                    return;
                }
                _ => {}
            }
            chameleon = own.is_none() && include_into.as_deref().is_some_and(|s| !s.is_empty());
            tns = own.map(str::to_string).or(include_into).unwrap_or_default();
            if !self.seen_insts.insert((file, node, tns.clone())) {
                return;
            }
            for child in schema.children().filter(|c| c.is_element()) {
                if is(child, XS_NS, "include") || is(child, XS_NS, "redefine") {
                    found.push(Found::Include {
                        location: child.attribute("schemaLocation").map(str::to_string),
                        at: pos.node(child),
                        redefine: is(child, XS_NS, "redefine"),
                    });
                } else if is(child, XS_NS, "import") {
                    found.push(Found::Import {
                        ns: child.attribute("namespace").unwrap_or("").to_string(),
                        location: child.attribute("schemaLocation").map(str::to_string),
                        at: pos.node(child),
                    });
                }
            }
        }
        self.out.insts.push(Inst {
            file,
            schema: node,
            tns: tns.clone(),
            chameleon,
        });
        self.loaded_ns.insert(tns.clone());
        for f in found {
            match f {
                Found::Include {
                    location,
                    at,
                    redefine,
                } => self.follow_include(file, &tns, location, at, redefine),
                Found::Import { ns, location, at } => self.follow_import(file, ns, location, at),
                Found::WsdlImport { .. } | Found::InlineSchema { .. } => {}
            }
        }
    }

    fn follow_include(
        &mut self,
        file: usize,
        tns: &str,
        location: Option<String>,
        at: Location,
        redefine: bool,
    ) {
        let what = if redefine {
            "xs:redefine"
        } else {
            "xs:include"
        };
        let Some(location) = location.filter(|l| !l.trim().is_empty()) else {
            self.out.diags.push(Diagnostic::warning(
                Some(at.clone()),
                format!("{what} without a `schemaLocation` is ignored"),
            ));
            self.unavailable(tns, at, format!("the {what} without a schemaLocation"));
            return;
        };
        let location = self.mapped(&location);
        if is_remote(&location) {
            self.out.diags.push(Diagnostic::warning(
                Some(at.clone()),
                format!(
                    "{what} of remote location `{location}` is ignored: nothing is fetched from the network; {}",
                    fix_hint(&location)
                ),
            ));
            self.unavailable(
                tns,
                at,
                format!("the {what} of remote location `{location}` (nothing is fetched; download it and include the local copy)"),
            );
            return;
        }
        let path = self.path_from(file, &location);
        let canonical = self.source.canonical(&path);
        if !self.by_canonical.contains_key(&canonical) {
            if let Err(e) = self.source.read(&path) {
                self.out.diags.push(Diagnostic::warning(
                    Some(at.clone()),
                    format!("cannot read `{path}` ({e}); the {what} is ignored"),
                ));
                self.unavailable(tns, at, format!("the {what} of `{path}` ({e})"));
                return;
            }
        }
        let Some(target) = self.open(&path, Some(at.clone())) else {
            return;
        };
        if self.out.files.get(target).and_then(|f| f.kind) != Some(SourceKind::Schema) {
            self.out.diags.push(Diagnostic::error(
                Some(at),
                format!("{what} of `{location}`, which is not an XML Schema document"),
            ));
            return;
        }
        if let Some(node) = self.root_id(target) {
            self.queue.push_back(Work::Schema {
                file: target,
                node,
                include_into: Some(tns.to_string()),
                at: Some(at),
            });
        }
    }

    fn follow_import(&mut self, file: usize, ns: String, location: Option<String>, at: Location) {
        // A namespace defined by an inline schema of a loaded WSDL is resolved by namespace,
        // whatever the location says. The xml namespace is built in (`xml:lang`, `xml:space`,
        // `xml:base`, `xml:id`): a schema document given for it is read only when it is local
        // and readable, for what it adds (the built-in declarations win).
        if self.inline_ns.contains(&ns)
            || (ns == XML_NS && !self.local_schema_for_xml(file, location.as_deref()))
        {
            return;
        }
        // An unmapped (or absent) location may still be mapped by namespace in a catalog.
        let original = location.clone();
        let location = location
            .filter(|l| !l.trim().is_empty())
            .map(|l| self.mapped(&l))
            .filter(|l| !is_remote(l))
            .or_else(|| self.resolver.resolve(&ns))
            .or(original);
        let Some(location) = location.filter(|l| !l.trim().is_empty()) else {
            self.deferred.push(Deferred {
                ns,
                at,
                reason: DeferReason::NoLocation,
            });
            return;
        };
        if is_remote(&location) {
            self.deferred.push(Deferred {
                ns,
                at,
                reason: DeferReason::Remote(location),
            });
            return;
        }
        let path = self.path_from(file, &location);
        let canonical = self.source.canonical(&path);
        if !self.by_canonical.contains_key(&canonical) {
            if let Err(e) = self.source.read(&path) {
                self.deferred.push(Deferred {
                    ns,
                    at,
                    reason: DeferReason::Missing(path, e),
                });
                return;
            }
        }
        let Some(target) = self.open(&path, Some(at.clone())) else {
            return;
        };
        if self.out.files.get(target).and_then(|f| f.kind) != Some(SourceKind::Schema) {
            self.out.diags.push(Diagnostic::error(
                Some(at),
                format!("xs:import of `{location}`, which is not an XML Schema document"),
            ));
            return;
        }
        if let Some(node) = self.root_id(target) {
            self.queue.push_back(Work::Schema {
                file: target,
                node,
                include_into: None,
                at: Some(at),
            });
        }
    }

    /// Whether an import of the xml namespace names a local schema document that can be read.
    fn local_schema_for_xml(&self, file: usize, location: Option<&str>) -> bool {
        let Some(location) = location.filter(|l| !l.trim().is_empty()) else {
            return false;
        };
        let location = self.mapped(location);
        if is_remote(&location) {
            return false;
        }
        let path = self.path_from(file, &location);
        self.by_canonical
            .contains_key(&self.source.canonical(&path))
            || self.source.read(&path).is_ok()
    }

    /// Records an include or import that provided nothing.
    fn unavailable(&mut self, ns: &str, at: Location, what: String) {
        self.out.unavailable.push(Unavailable {
            ns: ns.to_owned(),
            at,
            what,
        });
    }

    /// Checks the imports no file satisfied against the namespaces finally loaded. One whose
    /// namespace nothing else provides is a warning: an error only arises if something refers
    /// into that namespace (the unresolved reference names the import).
    fn finish(&mut self) {
        for d in std::mem::take(&mut self.deferred) {
            let loaded = self.loaded_ns.contains(&d.ns);
            let diag = match (d.reason, loaded) {
                (DeferReason::NoLocation, true) | (DeferReason::Remote(_), true) => None,
                (DeferReason::Missing(path, e), true) => Some(Diagnostic::warning(
                    Some(d.at),
                    format!(
                        "cannot read `{path}` ({e}); namespace `{}` is already provided by other loaded documents",
                        d.ns
                    ),
                )),
                (DeferReason::NoLocation, false) => {
                    self.unavailable(
                        &d.ns,
                        d.at.clone(),
                        format!("the xs:import of namespace `{}` without a schemaLocation", d.ns),
                    );
                    Some(Diagnostic::warning(
                        Some(d.at),
                        format!(
                            "xs:import of namespace `{}` has no schemaLocation and no loaded document defines that namespace",
                            d.ns
                        ),
                    ))
                }
                (DeferReason::Remote(loc), false) => {
                    self.unavailable(
                        &d.ns,
                        d.at.clone(),
                        format!("the xs:import of `{loc}` (a remote location: nothing is fetched; download it and pass the local copy as an input)"),
                    );
                    Some(Diagnostic::warning(
                        Some(d.at),
                        format!(
                            "xs:import of namespace `{}` from remote location `{loc}` is ignored: nothing is fetched from the network; {}",
                            d.ns,
                            fix_hint(&loc)
                        ),
                    ))
                }
                (DeferReason::Missing(path, e), false) => {
                    self.unavailable(
                        &d.ns,
                        d.at.clone(),
                        format!("the xs:import of `{path}` ({e})"),
                    );
                    Some(Diagnostic::warning(
                        Some(d.at),
                        format!("cannot read `{path}` ({e}) imported for namespace `{}`", d.ns),
                    ))
                }
            };
            self.out.diags.extend(diag);
        }
    }
}

/// The mapping that would make a remote location load.
fn fix_hint(location: &str) -> String {
    format!(
        "map it to a local copy with `--map {location}=PATH` (builder: `.map(..)`) or a catalog entry `<uri name=\"{location}\" uri=\"PATH\"/>` (`--catalog FILE`)"
    )
}
