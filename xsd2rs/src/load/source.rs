//! Where documents come from: the file system or an in-memory map of embedded files.
//!
//! The loader only ever reads through a [`Source`]; it never touches the network.

use std::collections::BTreeMap;

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
    fn memory_source_reads_normalised_paths() {
        let src = MemorySource::new().with("schemas/a.xsd", "<x/>");
        assert_eq!(src.read("schemas/./b/../a.xsd").as_deref(), Ok("<x/>"));
        assert!(src.read("schemas/b.xsd").is_err());
    }
}
