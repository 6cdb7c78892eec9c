//! Where documents come from: the file system or an in-memory map of embedded files.
//!
//! The loader only ever reads through a [`Source`]; it never touches the network.

use std::collections::{BTreeMap, BTreeSet};

/// A place documents are read from.
pub trait Source {
    /// Reads the document at `path` as text. The error is a short, human-readable reason.
    fn read(&self, path: &str) -> Result<String, String>;

    /// A key that is equal for two paths naming the same document (used to read each
    /// document once, whatever relative path reached it).
    fn canonical(&self, path: &str) -> String;
}

/// Reads documents from the file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct DiskSource;

impl Source for DiskSource {
    fn read(&self, path: &str) -> Result<String, String> {
        let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
        decode(bytes)
    }

    fn canonical(&self, path: &str) -> String {
        match std::fs::canonicalize(path) {
            Ok(p) => p.to_string_lossy().into_owned(),
            Err(_) => normalize(path),
        }
    }
}

/// Documents held in memory, by (normalised, `/`-separated) path.
#[derive(Debug, Clone, Default)]
pub struct MemorySource {
    files: BTreeMap<String, String>,
}

impl MemorySource {
    /// An empty set of documents.
    pub fn new() -> Self {
        MemorySource::default()
    }

    /// Adds (or replaces) a document.
    pub fn insert(&mut self, path: &str, text: impl Into<String>) -> &mut Self {
        self.files.insert(normalize(path), text.into());
        self
    }

    /// Builder-style [`MemorySource::insert`].
    pub fn with(mut self, path: &str, text: impl Into<String>) -> Self {
        self.insert(path, text);
        self
    }
}

impl Source for MemorySource {
    fn read(&self, path: &str) -> Result<String, String> {
        self.files
            .get(&normalize(path))
            .cloned()
            .ok_or_else(|| "no such file".to_string())
    }

    fn canonical(&self, path: &str) -> String {
        normalize(path)
    }
}

/// Where remote locations are found locally: `--map URL=PATH` entries and OASIS XML
/// Catalogs (1.1: `uri`, `system`, `rewriteURI`, `rewriteSystem`, `nextCatalog`, inside
/// `group`s too, `xml:base` honoured). Nothing is ever fetched: a remote location either maps
/// to a local file or is reported with the mapping that would fix it.
///
/// Lookup order for a location: the `--map` entries (exact, then the longest entry ending in
/// `/` that prefixes it), then each catalog in the order given: its `uri` entries (exact),
/// `rewriteURI` (longest prefix), `system` (exact), `rewriteSystem` (longest prefix), then
/// its `nextCatalog`s, depth first. The result of a relative catalog entry is relative to the
/// catalog file (or its `xml:base`); a relative `--map` path to the current directory.
#[derive(Debug, Clone, Default)]
pub struct Resolver {
    maps: Vec<(String, String)>,
    catalogs: Vec<Catalog>,
}

/// One parsed catalog file.
#[derive(Debug, Clone, Default)]
struct Catalog {
    uri: Vec<(String, String)>,
    system: Vec<(String, String)>,
    rewrite_uri: Vec<(String, String)>,
    rewrite_system: Vec<(String, String)>,
    next: Vec<Catalog>,
}

/// The namespace of OASIS XML Catalogs.
const CATALOG_NS: &str = "urn:oasis:names:tc:entity:xmlns:xml:catalog";

/// The most catalogs one resolver reads (through `nextCatalog`), against cycles.
const MAX_CATALOGS: usize = 64;

impl Resolver {
    /// A resolver with no mappings.
    pub fn new() -> Self {
        Resolver::default()
    }

    /// True when nothing is mapped.
    pub fn is_empty(&self) -> bool {
        self.maps.is_empty() && self.catalogs.is_empty()
    }

    /// Maps a location (or a prefix ending in `/`) to a local path.
    pub fn map(&mut self, url: impl Into<String>, path: impl Into<String>) -> &mut Self {
        let path = path.into();
        let path = if path.starts_with('/') || is_remote(&path) {
            path
        } else {
            match std::env::current_dir() {
                Ok(d) => format!("{}/{path}", d.to_string_lossy()),
                Err(_) => path,
            }
        };
        self.maps.push((url.into(), normalize(&path)));
        self
    }

    /// Parses `URL=PATH` (the CLI's `--map`).
    pub fn map_arg(&mut self, arg: &str) -> Result<&mut Self, String> {
        match arg.split_once('=') {
            Some((u, p)) if !u.is_empty() && !p.is_empty() => Ok(self.map(u, p)),
            _ => Err(format!("`{arg}` is not URL=PATH")),
        }
    }

    /// Reads a catalog file (and the `nextCatalog`s it names) through `source`.
    pub fn catalog(&mut self, source: &dyn Source, path: &str) -> Result<&mut Self, String> {
        let path = if path.starts_with('/') {
            path.to_string()
        } else {
            match std::env::current_dir() {
                Ok(d) if source.read(path).is_err() => format!("{}/{path}", d.to_string_lossy()),
                _ => path.to_string(),
            }
        };
        let mut seen = BTreeSet::new();
        let c = read_catalog(source, &normalize(&path), &mut seen)?;
        self.catalogs.push(c);
        Ok(self)
    }

    /// The local path for `location`, if a mapping covers it.
    pub fn resolve(&self, location: &str) -> Option<String> {
        let location = location.trim();
        if let Some((_, p)) = self.maps.iter().find(|(u, _)| u == location) {
            return Some(p.clone());
        }
        if let Some(p) = longest_prefix(&self.maps, location, true) {
            return Some(p);
        }
        self.catalogs.iter().find_map(|c| c.resolve(location))
    }
}

impl Catalog {
    fn resolve(&self, location: &str) -> Option<String> {
        let exact = |v: &[(String, String)]| {
            v.iter()
                .find(|(k, _)| k == location)
                .map(|(_, p)| p.clone())
        };
        exact(&self.uri)
            .or_else(|| longest_prefix(&self.rewrite_uri, location, false))
            .or_else(|| exact(&self.system))
            .or_else(|| longest_prefix(&self.rewrite_system, location, false))
            .or_else(|| self.next.iter().find_map(|n| n.resolve(location)))
    }
}

/// The mapping of the longest entry that prefixes `location` (entries ending in `/` only,
/// when `dirs_only`), with the rest of the location appended.
fn longest_prefix(v: &[(String, String)], location: &str, dirs_only: bool) -> Option<String> {
    v.iter()
        .filter(|(k, _)| !k.is_empty() && location.starts_with(k.as_str()))
        .filter(|(k, _)| !dirs_only || k.ends_with('/'))
        .max_by_key(|(k, _)| k.len())
        .map(|(k, p)| {
            let rest = &location[k.len()..];
            if rest.is_empty() {
                p.clone()
            } else {
                normalize(&format!("{}/{rest}", p.trim_end_matches('/')))
            }
        })
}

fn read_catalog(
    source: &dyn Source,
    path: &str,
    seen: &mut BTreeSet<String>,
) -> Result<Catalog, String> {
    // A catalog already read (a `nextCatalog` cycle) adds nothing.
    if !seen.insert(source.canonical(path)) {
        return Ok(Catalog::default());
    }
    if seen.len() > MAX_CATALOGS {
        return Err(format!("{path}: more than {MAX_CATALOGS} catalogs"));
    }
    let text = source.read(path).map_err(|e| format!("{path}: {e}"))?;
    let doc = super::xml::parse(&text).map_err(|e| format!("{path}: not a catalog: {e}"))?;
    let root = doc.root_element();
    if root.tag_name().namespace() != Some(CATALOG_NS) || root.tag_name().name() != "catalog" {
        return Err(format!(
            "{path}: not an OASIS XML catalog (root element `catalog` in `{CATALOG_NS}`)"
        ));
    }
    let mut c = Catalog::default();
    let mut next = Vec::new();
    for n in root.descendants().filter(|n| n.is_element()) {
        if n.tag_name().namespace() != Some(CATALOG_NS) {
            continue;
        }
        // Relative references resolve against the nearest xml:base, else the catalog file.
        let mut base = path.to_string();
        let bases: Vec<&str> = n
            .ancestors()
            .filter_map(|a| a.attribute((crate::model::XML_NS, "base")))
            .collect();
        for b in bases.iter().rev() {
            // A base ending in `/` names a directory: keep it as one (join takes the dirname).
            let b = if b.ends_with('/') {
                format!("{b}_")
            } else {
                b.to_string()
            };
            base = if is_remote(&b) { b } else { join(&base, &b) };
        }
        let target = |attr: &str| n.attribute(attr).map(|v| join(&base, v));
        let pair = |key: &str, val: &str| Some((n.attribute(key)?.to_string(), target(val)?));
        match n.tag_name().name() {
            "uri" => c.uri.extend(pair("name", "uri")),
            "system" => c.system.extend(pair("systemId", "uri")),
            "rewriteURI" => c
                .rewrite_uri
                .extend(pair("uriStartString", "rewritePrefix")),
            "rewriteSystem" => c
                .rewrite_system
                .extend(pair("systemIdStartString", "rewritePrefix")),
            "nextCatalog" => next.extend(target("catalog")),
            _ => {}
        }
    }
    for n in next {
        c.next.push(read_catalog(source, &n, seen)?);
    }
    Ok(c)
}

/// Turns raw bytes into text: UTF-8, with or without a byte-order mark.
fn decode(bytes: Vec<u8>) -> Result<String, String> {
    let text = String::from_utf8(bytes).map_err(|_| "file is not valid UTF-8".to_string())?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// True when a location names something on the network (or any URL scheme) rather
/// than a relative or absolute file path. Such locations are never fetched.
pub(crate) fn is_remote(location: &str) -> bool {
    match location.split_once(':') {
        // `C:\...` style drive letters are one character long.
        Some((scheme, _)) => {
            scheme.len() > 1
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.')
        }
        None => false,
    }
}

/// Resolves `location` relative to the directory of the document `base`.
pub(crate) fn join(base: &str, location: &str) -> String {
    let location = location.trim();
    if is_remote(location) {
        return location.to_string();
    }
    if location.starts_with('/') {
        return normalize(location);
    }
    match base.rfind('/') {
        Some(i) => normalize(&format!("{}/{}", &base[..i], location)),
        None => normalize(location),
    }
}

/// Lexically normalises a `/`-separated path: removes `.` segments, folds `a/..`, and
/// collapses repeated separators. Leading `..` segments of a relative path are kept.
pub(crate) fn normalize(path: &str) -> String {
    let path = path.replace('\\', "/");
    let absolute = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => match parts.last() {
                Some(&last) if last != ".." => {
                    parts.pop();
                }
                _ if absolute => {}
                _ => parts.push(".."),
            },
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else if joined.is_empty() {
        ".".to_string()
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_locations() {
        assert_eq!(join("a/b/c.wsdl", "d.xsd"), "a/b/d.xsd");
        assert_eq!(join("a/b/c.wsdl", "../d.xsd"), "a/d.xsd");
        assert_eq!(join("c.wsdl", "./d.xsd"), "d.xsd");
        assert_eq!(join("/x/c.wsdl", "/y/d.xsd"), "/y/d.xsd");
        assert_eq!(join("c.wsdl", "../../d.xsd"), "../../d.xsd");
    }

    #[test]
    fn recognises_remote_locations() {
        assert!(is_remote("http://example.com/a.xsd"));
        assert!(is_remote("https://example.com/a.xsd"));
        assert!(!is_remote("types.xsd"));
        assert!(!is_remote("C:\\types.xsd"));
        assert!(!is_remote("../types.xsd"));
    }

    #[test]
    fn catalogs_and_maps_resolve_remote_locations() {
        let src = MemorySource::new()
            .with(
                "/cat/catalog.xml",
                r#"<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
                  <uri name="http://x.org/a.xsd" uri="local/a.xsd"/>
                  <group xml:base="/other/">
                    <system systemId="http://x.org/s.xsd" uri="s.xsd"/>
                  </group>
                  <rewriteURI uriStartString="http://docs.oasis-open.org/" rewritePrefix="oasis/"/>
                  <rewriteURI uriStartString="http://docs.oasis-open.org/wsn/" rewritePrefix="/wsn/"/>
                  <rewriteSystem systemIdStartString="urn:sys:" rewritePrefix="/sys"/>
                  <nextCatalog catalog="more.xml"/>
                </catalog>"#,
            )
            .with(
                "/cat/more.xml",
                r#"<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
                  <uri name="http://y.org/b.xsd" uri="b.xsd"/>
                  <nextCatalog catalog="catalog.xml"/>
                </catalog>"#,
            );
        let mut r = Resolver::new();
        r.catalog(&src, "/cat/catalog.xml").unwrap();
        r.map("http://m.org/", "/maps")
            .map("http://m.org/one.xsd", "/one.xsd");
        assert_eq!(
            r.resolve("http://x.org/a.xsd").as_deref(),
            Some("/cat/local/a.xsd")
        );
        assert_eq!(
            r.resolve("http://x.org/s.xsd").as_deref(),
            Some("/other/s.xsd")
        );
        assert_eq!(
            r.resolve("http://docs.oasis-open.org/wsn/b-2.xsd")
                .as_deref(),
            Some("/wsn/b-2.xsd")
        );
        assert_eq!(
            r.resolve("http://docs.oasis-open.org/wsrf/r-2.xsd")
                .as_deref(),
            Some("/cat/oasis/wsrf/r-2.xsd")
        );
        assert_eq!(
            r.resolve("urn:sys:a/b.xsd").as_deref(),
            Some("/sys/a/b.xsd")
        );
        assert_eq!(
            r.resolve("http://y.org/b.xsd").as_deref(),
            Some("/cat/b.xsd")
        );
        assert_eq!(
            r.resolve("http://m.org/one.xsd").as_deref(),
            Some("/one.xsd")
        );
        assert_eq!(
            r.resolve("http://m.org/d/two.xsd").as_deref(),
            Some("/maps/d/two.xsd")
        );
        assert_eq!(r.resolve("http://z.org/none.xsd"), None);
        assert!(Resolver::new().catalog(&src, "/cat/none.xml").is_err());
        assert!(r.map_arg("novalue").is_err());
    }

    #[test]
    fn memory_source_reads_normalised_paths() {
        let src = MemorySource::new().with("schemas/a.xsd", "<x/>");
        assert_eq!(src.read("schemas/./b/../a.xsd").as_deref(), Ok("<x/>"));
        assert!(src.read("schemas/b.xsd").is_err());
    }
}
