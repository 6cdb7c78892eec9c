//! Reading `suite.xml` and the Sun / Microsoft / Boeing test sets, XSD 1.0 view.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

const TS_NS: &str = "http://www.w3.org/XML/2004/xml-schema-test-suite/";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";

/// The three contributions this runner measures, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Contributor {
    /// `sunMeta/`
    Sun,
    /// `msMeta/`
    Microsoft,
    /// `boeingMeta/`
    Boeing,
}

impl Contributor {
    /// All, in report order.
    pub const ALL: [Contributor; 3] = [
        Contributor::Sun,
        Contributor::Microsoft,
        Contributor::Boeing,
    ];

    /// The name used in the CSV and the summary.
    pub fn name(self) -> &'static str {
        match self {
            Contributor::Sun => "Sun",
            Contributor::Microsoft => "Microsoft",
            Contributor::Boeing => "Boeing",
        }
    }

    fn from_href(href: &str) -> Option<Contributor> {
        if href.starts_with("sunMeta/") {
            Some(Contributor::Sun)
        } else if href.starts_with("msMeta/") {
            Some(Contributor::Microsoft)
        } else if href.starts_with("boeingMeta/") {
            Some(Contributor::Boeing)
        } else {
            None
        }
    }
}

/// One test group whose schema the suite expects valid in XSD 1.0.
#[derive(Debug, Clone)]
pub struct Group {
    /// Which contribution.
    pub contributor: Contributor,
    /// The test set's `name`.
    pub set: String,
    /// The group's `name`.
    pub name: String,
    /// Index of the group in its contribution (document order over its test sets), for
    /// the deterministic CI subset.
    pub ordinal: usize,
    /// The schema documents (absolute paths), in the order the test lists them.
    pub schemas: Vec<PathBuf>,
    /// `current status` of the schema test is `queried` or `disputed-*`: counted apart.
    pub contested: bool,
    /// Instances the suite expects valid in XSD 1.0.
    pub instances: Vec<Instance>,
}

/// One instance expected valid.
#[derive(Debug, Clone)]
pub struct Instance {
    /// The instance test's `name`.
    pub name: String,
    /// The document (absolute path).
    pub path: PathBuf,
    /// `current status` is `queried` or `disputed-*`.
    pub contested: bool,
}

impl Group {
    /// The identifier used in the CSV and the known-failures list.
    pub fn id(&self) -> String {
        format!("{}/{}", self.set, self.name)
    }
}

/// Whether a `version` attribute (a list of tokens) admits XSD 1.0: absent, or naming
/// `1.0`, or naming neither `1.0` nor `1.1` (e.g. only a Unicode version).
fn applies_to_10(node: roxmltree::Node<'_, '_>) -> bool {
    match node.attribute("version") {
        None => true,
        Some(v) => {
            let tokens: Vec<&str> = v.split_whitespace().collect();
            tokens.contains(&"1.0") || !tokens.contains(&"1.1")
        }
    }
}

/// The expected validity of a test in XSD 1.0: the first `expected` element that applies.
fn expected_valid(test: roxmltree::Node<'_, '_>) -> Option<bool> {
    test.children()
        .filter(|c| c.has_tag_name((TS_NS, "expected")) && applies_to_10(*c))
        .find_map(|c| c.attribute("validity"))
        .map(|v| v == "valid")
}

fn contested(test: roxmltree::Node<'_, '_>) -> bool {
    test.children()
        .find(|c| c.has_tag_name((TS_NS, "current")))
        .and_then(|c| c.attribute("status"))
        .is_some_and(|s| s == "queried" || s.starts_with("disputed"))
}

fn href<'a>(node: roxmltree::Node<'a, '_>) -> Option<&'a str> {
    node.attribute((XLINK_NS, "href"))
}

/// Reads `root/suite.xml` and every Sun, Microsoft and Boeing test set it lists; returns
/// the groups whose schema test applies to XSD 1.0 and is expected valid.
pub fn read(root: &Path) -> Result<Vec<Group>> {
    let suite_path = root.join("suite.xml");
    let text = std::fs::read_to_string(&suite_path)
        .with_context(|| format!("reading {}", suite_path.display()))?;
    let doc = roxmltree::Document::parse(&text)
        .with_context(|| format!("parsing {}", suite_path.display()))?;
    let mut groups = Vec::new();
    let mut ordinals = [0usize; 3];
    for r in doc
        .descendants()
        .filter(|n| n.has_tag_name((TS_NS, "testSetRef")))
    {
        let Some(h) = href(r) else { continue };
        let Some(contributor) = Contributor::from_href(h) else {
            continue;
        };
        let path = root.join(h);
        let ordinal = &mut ordinals[contributor as usize];
        read_set(&path, contributor, ordinal, &mut groups)?;
    }
    if groups.is_empty() {
        bail!(
            "{} lists no Sun, Microsoft or Boeing groups",
            suite_path.display()
        );
    }
    Ok(groups)
}

fn read_set(
    path: &Path,
    contributor: Contributor,
    ordinal: &mut usize,
    out: &mut Vec<Group>,
) -> Result<()> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let doc =
        roxmltree::Document::parse(&text).with_context(|| format!("parsing {}", path.display()))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let set_el = doc.root_element();
    let set = set_el.attribute("name").unwrap_or("?").to_owned();
    for g in set_el
        .children()
        .filter(|n| n.has_tag_name((TS_NS, "testGroup")))
    {
        if !applies_to_10(g) {
            continue;
        }
        let name = g.attribute("name").unwrap_or("?").to_owned();
        // At most one schema test applies to 1.0 (some groups carry a 1.0 and a 1.1 one).
        let Some(schema_test) = g
            .children()
            .find(|c| c.has_tag_name((TS_NS, "schemaTest")) && applies_to_10(*c))
        else {
            continue; // no schema of its own: instances rely on location hints; not measured
        };
        if expected_valid(schema_test) != Some(true) {
            continue;
        }
        let schemas: Vec<PathBuf> = schema_test
            .children()
            .filter(|c| c.has_tag_name((TS_NS, "schemaDocument")))
            .filter_map(href)
            .map(|h| normalize(&dir.join(h)))
            .collect();
        if schemas.is_empty() {
            continue;
        }
        let instances = g
            .children()
            .filter(|c| c.has_tag_name((TS_NS, "instanceTest")) && applies_to_10(*c))
            .filter(|t| expected_valid(*t) == Some(true))
            .filter_map(|t| {
                let doc = t
                    .children()
                    .find(|c| c.has_tag_name((TS_NS, "instanceDocument")))?;
                Some(Instance {
                    name: t.attribute("name").unwrap_or("?").to_owned(),
                    path: normalize(&dir.join(href(doc)?)),
                    contested: contested(t),
                })
            })
            .collect();
        out.push(Group {
            contributor,
            set: set.clone(),
            name,
            ordinal: *ordinal,
            schemas,
            contested: contested(schema_test),
            instances,
        });
        *ordinal += 1;
    }
    Ok(())
}

/// `a/b/../c` → `a/c` without touching the file system.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(xml: &str) -> bool {
        let doc = roxmltree::Document::parse(xml).unwrap();
        applies_to_10(doc.root_element())
    }

    #[test]
    fn version_tokens_select_the_10_view() {
        assert!(first("<a/>"));
        assert!(first("<a version='1.0'/>"));
        assert!(!first("<a version='1.1'/>"));
        assert!(first("<a version='1.0 1.1'/>"));
        assert!(first("<a version='Unicode_4.0.0'/>"));
    }

    #[test]
    fn paths_are_normalized_lexically() {
        assert_eq!(
            normalize(Path::new("/x/msMeta/../msData/a.xsd")),
            PathBuf::from("/x/msData/a.xsd")
        );
    }
}
