//! Validation of XML instances against the project's `schemas/` with an independent validator
//! (`xmllint --schema` from libxml2), fully offline.
//!
//! A [`SchemaSet`] is built from entry documents (WSDL or XSD) in a private temporary folder:
//! every `schemas/*.xsd` is copied there, the inline schemas of each WSDL are written out as
//! their own files (named after the `schemaLocation` their sibling schemas import them by,
//! e.g. MS-OXWOOF's `types.xsd`, with the WSDL's in-scope namespace declarations added),
//! and three files of our own are added: `xml.xsd` (the `xml:` attributes, so imports of the
//! xml namespace without a location resolve without a download), `soap11-envelope.xsd` (SOAP 1.1
//! Envelope/Header/Body/Fault, with Header and Body children validated strictly against the set)
//! and `wrapper.xsd`, which imports every namespace once. A namespace defined by several files
//! (included from different places) gets a hub schema including all of them, because libxml2
//! loads only the first import of a namespace.
//!
//! `xmllint` must be installed (`apt-get install -y libxml2-utils`). When it is missing,
//! [`validator_or_skip`], [`assert_valid`] and [`assert_invalid`] fail the test with that
//! instruction, unless the environment sets `XSD2RS_SKIP_VALIDATOR=1`, in which case they print
//! a notice and return (`false` / nothing): tests start with
//! `if !validator_or_skip() { return; }`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::workspace_root;

const XS: &str = "http://www.w3.org/2001/XMLSchema";
const WSDL: &str = "http://schemas.xmlsoap.org/wsdl/";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";

/// Why a schema set could not be built or an instance did not validate.
#[derive(Debug)]
pub enum ValidateError {
    /// Reading or writing a file failed.
    Io(PathBuf, std::io::Error),
    /// A schema or WSDL file is not well-formed.
    Parse(PathBuf, String),
    /// `xmllint` could not be run.
    ValidatorMissing(String),
    /// The instance is not valid (or not well-formed); the validator's report.
    Invalid(String),
    /// The schema set itself did not compile; the validator's report.
    Schema(String),
}

impl std::fmt::Display for ValidateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ValidateError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            ValidateError::Parse(p, e) => write!(f, "{}: not well-formed: {e}", p.display()),
            ValidateError::ValidatorMissing(e) => write!(
                f,
                "xmllint is not available ({e}); install it with `apt-get install -y libxml2-utils`, \
                 or set XSD2RS_SKIP_VALIDATOR=1 to skip schema validation"
            ),
            ValidateError::Invalid(report) => write!(f, "not valid against the schemas:\n{report}"),
            ValidateError::Schema(report) => write!(f, "the schema set does not compile:\n{report}"),
        }
    }
}

impl std::error::Error for ValidateError {}

/// A compiled-on-demand set of schemas in a private temporary folder (removed on drop).
#[derive(Debug)]
pub struct SchemaSet {
    dir: PathBuf,
    wrapper: PathBuf,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn io<T>(path: &Path, r: std::io::Result<T>) -> Result<T, ValidateError> {
    r.map_err(|e| ValidateError::Io(path.to_path_buf(), e))
}

fn read(path: &Path) -> Result<String, ValidateError> {
    io(path, std::fs::read_to_string(path))
}

fn write(path: &Path, text: &str) -> Result<(), ValidateError> {
    io(path, std::fs::write(path, text))
}

fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// Our own schema for the `xml:` attributes (nothing is downloaded).
const XML_XSD: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
  targetNamespace="http://www.w3.org/XML/1998/namespace" xml:lang="en">
  <xs:attribute name="lang">
    <xs:simpleType>
      <xs:union memberTypes="xs:language">
        <xs:simpleType>
          <xs:restriction base="xs:string"><xs:enumeration value=""/></xs:restriction>
        </xs:simpleType>
      </xs:union>
    </xs:simpleType>
  </xs:attribute>
  <xs:attribute name="space">
    <xs:simpleType>
      <xs:restriction base="xs:NCName">
        <xs:enumeration value="default"/>
        <xs:enumeration value="preserve"/>
      </xs:restriction>
    </xs:simpleType>
  </xs:attribute>
  <xs:attribute name="base" type="xs:anyURI"/>
  <xs:attribute name="id" type="xs:ID"/>
  <xs:attributeGroup name="specialAttrs">
    <xs:attribute ref="xml:base"/>
    <xs:attribute ref="xml:lang"/>
    <xs:attribute ref="xml:space"/>
    <xs:attribute ref="xml:id"/>
  </xs:attributeGroup>
</xs:schema>
"#;

/// Our own SOAP 1.1 envelope schema: Header and Body children must be declared in the set.
const SOAP11_XSD: &str = r###"<?xml version="1.0" encoding="utf-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
  targetNamespace="http://schemas.xmlsoap.org/soap/envelope/"
  elementFormDefault="unqualified" attributeFormDefault="unqualified">
  <xs:element name="Envelope">
    <xs:complexType>
      <xs:sequence>
        <xs:element ref="soap:Header" minOccurs="0"/>
        <xs:element ref="soap:Body"/>
      </xs:sequence>
      <xs:anyAttribute namespace="##other" processContents="lax"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="Header">
    <xs:complexType>
      <xs:sequence>
        <xs:any namespace="##other" processContents="strict" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence>
      <xs:anyAttribute namespace="##other" processContents="lax"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="Body">
    <xs:complexType>
      <xs:sequence>
        <xs:any namespace="##any" processContents="strict" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence>
      <xs:anyAttribute namespace="##other" processContents="lax"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="Fault">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="faultcode" type="xs:QName"/>
        <xs:element name="faultstring" type="xs:string"/>
        <xs:element name="faultactor" type="xs:anyURI" minOccurs="0"/>
        <xs:element name="detail" minOccurs="0">
          <xs:complexType mixed="true">
            <xs:sequence>
              <xs:any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence>
            <xs:anyAttribute namespace="##any" processContents="lax"/>
          </xs:complexType>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
  <xs:attribute name="mustUnderstand">
    <xs:simpleType>
      <xs:restriction base="xs:boolean">
        <xs:pattern value="0|1"/>
      </xs:restriction>
    </xs:simpleType>
  </xs:attribute>
  <xs:attribute name="actor" type="xs:anyURI"/>
  <xs:attribute name="encodingStyle">
    <xs:simpleType>
      <xs:list itemType="xs:anyURI"/>
    </xs:simpleType>
  </xs:attribute>
</xs:schema>
"###;

/// One inline schema of a WSDL, as text ready to be written out.
struct Inline {
    tns: String,
    text: String,
    /// `(namespace, schemaLocation)` of its imports.
    imports: Vec<(String, String)>,
}

/// Extracts the inline `xs:schema` elements of a WSDL, each with the namespace declarations
/// in scope added to its start tag.
fn inline_schemas(path: &Path, wsdl: &str) -> Result<Vec<Inline>, ValidateError> {
    let doc = roxmltree::Document::parse(wsdl)
        .map_err(|e| ValidateError::Parse(path.to_path_buf(), e.to_string()))?;
    let mut out = Vec::new();
    let types = doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((WSDL, "types")));
    for schema in types
        .flat_map(|t| t.children())
        .filter(|n| n.has_tag_name((XS, "schema")))
    {
        let range = schema.range();
        let raw = wsdl.get(range.clone()).unwrap_or("");
        // Declarations already on the element, and all in scope.
        let own: BTreeSet<Option<&str>> = raw
            .split('>')
            .next()
            .map(|start| {
                schema
                    .namespaces()
                    .filter(|ns| {
                        let attr = match ns.name() {
                            Some(p) => format!("xmlns:{p}="),
                            None => "xmlns=".to_owned(),
                        };
                        start.contains(&attr)
                    })
                    .map(|ns| ns.name())
                    .collect()
            })
            .unwrap_or_default();
        let mut decls = String::new();
        for ns in schema.namespaces() {
            if own.contains(&ns.name()) || ns.uri() == XML_NS {
                continue;
            }
            match ns.name() {
                Some(p) => decls.push_str(&format!(" xmlns:{p}=\"{}\"", escape_attr(ns.uri()))),
                None => decls.push_str(&format!(" xmlns=\"{}\"", escape_attr(ns.uri()))),
            }
        }
        // Insert after the element's qualified name.
        let name_len = raw
            .char_indices()
            .skip(1)
            .find(|(_, c)| c.is_whitespace() || *c == '>' || *c == '/')
            .map_or(raw.len(), |(i, _)| i);
        let text = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{}{}{}\n",
            raw.get(..name_len).unwrap_or(""),
            decls,
            raw.get(name_len..).unwrap_or("")
        );
        let imports = schema
            .children()
            .filter(|n| n.has_tag_name((XS, "import")))
            .filter_map(|n| {
                Some((
                    n.attribute("namespace")?.to_owned(),
                    n.attribute("schemaLocation")?.to_owned(),
                ))
            })
            .collect();
        out.push(Inline {
            tns: schema.attribute("targetNamespace").unwrap_or("").to_owned(),
            text,
            imports,
        });
    }
    Ok(out)
}

/// What a schema document declares and references.
struct SchemaRefs {
    tns: String,
    /// `schemaLocation`s of includes, imports and redefines.
    locations: Vec<String>,
    /// Namespaces it imports.
    imports: Vec<String>,
}

/// The target namespace and references of a schema document.
fn schema_refs(path: &Path) -> Result<SchemaRefs, ValidateError> {
    let text = read(path)?;
    let doc = roxmltree::Document::parse(&text)
        .map_err(|e| ValidateError::Parse(path.to_path_buf(), e.to_string()))?;
    let root = doc.root_element();
    let refs = root
        .children()
        .filter(|n| n.is_element() && n.tag_name().namespace() == Some(XS));
    let locations = refs
        .clone()
        .filter(|n| matches!(n.tag_name().name(), "include" | "import" | "redefine"))
        .filter_map(|n| n.attribute("schemaLocation").map(str::to_owned))
        .collect();
    let imports = refs
        .filter(|n| n.tag_name().name() == "import")
        .map(|n| n.attribute("namespace").unwrap_or("").to_owned())
        .collect();
    Ok(SchemaRefs {
        tns: root.attribute("targetNamespace").unwrap_or("").to_owned(),
        locations,
        imports,
    })
}

/// Namespaces ordered so that each comes after the namespaces it imports (cycles broken in
/// name order): libxml2 loads only the first import of a namespace, so the complete hub of
/// a namespace must be imported before any schema that imports it partially.
fn import_order(deps: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    fn visit(
        ns: &str,
        deps: &BTreeMap<String, BTreeSet<String>>,
        seen: &mut BTreeSet<String>,
        out: &mut Vec<String>,
    ) {
        if !seen.insert(ns.to_owned()) {
            return;
        }
        for d in deps.get(ns).into_iter().flatten() {
            visit(d, deps, seen, out);
        }
        if deps.contains_key(ns) {
            out.push(ns.to_owned());
        }
    }
    let (mut seen, mut out) = (BTreeSet::new(), Vec::new());
    for ns in deps.keys() {
        visit(ns, deps, &mut seen, &mut out);
    }
    out
}

impl SchemaSet {
    /// The Out of Office schemas (`schemas/MS-OXWOOF.wsdl`).
    pub fn oof() -> Result<SchemaSet, ValidateError> {
        SchemaSet::from_entries(&[workspace_root().join("schemas/MS-OXWOOF.wsdl")])
    }

    /// The Message Tracking schemas (`schemas/MS-OXWSMTRK.wsdl` and the files it includes).
    pub fn mtrk() -> Result<SchemaSet, ValidateError> {
        SchemaSet::from_entries(&[workspace_root().join("schemas/MS-OXWSMTRK.wsdl")])
    }

    /// A set from entry documents (`.wsdl` or `.xsd`); the `.xsd` files beside each entry are
    /// made available for includes and imports.
    pub fn from_entries(entries: &[PathBuf]) -> Result<SchemaSet, ValidateError> {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("xsd2rs-validate-{}-{n}", std::process::id()));
        io(&dir, std::fs::create_dir_all(&dir))?;
        let set = SchemaSet {
            wrapper: dir.join("wrapper.xsd"),
            dir,
        };
        set.populate(entries)?;
        Ok(set)
    }

    fn populate(&self, entries: &[PathBuf]) -> Result<(), ValidateError> {
        let mut roots: Vec<String> = Vec::new();
        for entry in entries {
            if let Some(parent) = entry.parent() {
                for f in io(parent, std::fs::read_dir(parent))? {
                    let p = io(parent, f)?.path();
                    if p.extension().is_some_and(|e| e == "xsd") {
                        if let Some(name) = p.file_name() {
                            io(&p, std::fs::copy(&p, self.dir.join(name)))?;
                        }
                    }
                }
            }
            let stem = entry
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("entry")
                .to_owned();
            if entry.extension().is_some_and(|e| e == "wsdl") {
                let inl = inline_schemas(entry, &read(entry)?)?;
                // Name an inline schema after a sibling's import of its namespace, if any.
                let wanted: BTreeMap<&str, &str> = inl
                    .iter()
                    .flat_map(|s| s.imports.iter())
                    .map(|(ns, loc)| (ns.as_str(), loc.as_str()))
                    .collect();
                for (i, s) in inl.iter().enumerate() {
                    let name = match wanted.get(s.tns.as_str()) {
                        Some(loc) if !self.dir.join(loc).exists() => (*loc).to_owned(),
                        _ => format!("{stem}-inline-{i}.xsd"),
                    };
                    write(&self.dir.join(&name), &s.text)?;
                    roots.push(name);
                }
            } else if let Some(name) = entry.file_name().and_then(|s| s.to_str()) {
                roots.push(name.to_owned());
            }
        }
        write(&self.dir.join("xml.xsd"), XML_XSD)?;
        write(&self.dir.join("soap11-envelope.xsd"), SOAP11_XSD)?;
        // Every file reachable from the roots, by target namespace.
        let mut by_ns: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut seen = BTreeSet::new();
        let mut queue = roots;
        while let Some(name) = queue.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            let refs = schema_refs(&self.dir.join(&name))?;
            deps.entry(refs.tns.clone())
                .or_default()
                .extend(refs.imports);
            by_ns.entry(refs.tns).or_default().push(name);
            queue.extend(
                refs.locations
                    .into_iter()
                    .filter(|l| self.dir.join(l).exists()),
            );
        }
        by_ns.remove(XML_NS);
        deps.remove(XML_NS);
        let mut wrapper = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n",
        );
        let mut import = |ns: &str, loc: &str| {
            wrapper.push_str(&format!(
                "  <xs:import namespace=\"{}\" schemaLocation=\"{}\"/>\n",
                escape_attr(ns),
                escape_attr(loc)
            ));
        };
        import(XML_NS, "xml.xsd");
        import(SOAP11, "soap11-envelope.xsd");
        for (i, ns) in import_order(&deps).iter().enumerate() {
            let Some(files) = by_ns.get(ns) else { continue };
            let loc = match files.as_slice() {
                [one] => one.clone(),
                many => {
                    let hub = format!("hub-{i}.xsd");
                    let mut text = format!(
                        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<xs:schema xmlns:xs=\"{XS}\" targetNamespace=\"{}\">\n",
                        escape_attr(ns)
                    );
                    for f in many {
                        text.push_str(&format!(
                            "  <xs:include schemaLocation=\"{}\"/>\n",
                            escape_attr(f)
                        ));
                    }
                    text.push_str("</xs:schema>\n");
                    write(&self.dir.join(&hub), &text)?;
                    hub
                }
            };
            import(ns, &loc);
        }
        wrapper.push_str("</xs:schema>\n");
        write(&self.wrapper, &wrapper)
    }

    /// The folder holding the set's files (for inspection when a test fails).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Validates a whole document (a SOAP 1.1 envelope or any element the set declares).
    pub fn validate(&self, xml: &str) -> Result<(), ValidateError> {
        let mut child = Command::new("xmllint")
            .args(["--noout", "--nonet", "--schema"])
            .arg(&self.wrapper)
            .arg("-")
            .current_dir(&self.dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| ValidateError::ValidatorMissing(e.to_string()))?;
        if let Some(mut stdin) = child.stdin.take() {
            io(&self.dir, stdin.write_all(xml.as_bytes()))?;
        }
        let out = io(&self.dir, child.wait_with_output())?;
        let report = String::from_utf8_lossy(&out.stderr).into_owned();
        // xmllint exits with 3 for an invalid document, 1 for a malformed one, 5 when the
        // schemas do not compile.
        match out.status.code() {
            Some(0) => Ok(()),
            Some(1 | 3) => Err(ValidateError::Invalid(report)),
            _ => Err(ValidateError::Schema(report)),
        }
    }
}

impl Drop for SchemaSet {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// True when `xmllint` can be run.
pub fn validator_available() -> bool {
    Command::new("xmllint")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Whether schema validation can run: `true` when `xmllint` is installed; `false` (with a
/// notice) when it is missing and `XSD2RS_SKIP_VALIDATOR=1`; panics with the install
/// instruction when it is missing otherwise. Tests call it first and return when `false`.
pub fn validator_or_skip() -> bool {
    if validator_available() {
        return true;
    }
    if std::env::var("XSD2RS_SKIP_VALIDATOR").is_ok_and(|v| v == "1") {
        eprintln!("notice: xmllint is not installed and XSD2RS_SKIP_VALIDATOR=1: skipping schema validation");
        return false;
    }
    panic!(
        "{}",
        ValidateError::ValidatorMissing("not found on PATH".to_owned())
    );
}

/// Asserts that `xml` is valid against `set` (see the module docs for a missing validator).
#[track_caller]
pub fn assert_valid(set: &SchemaSet, xml: &str) {
    if !validator_or_skip() {
        return;
    }
    if let Err(e) = set.validate(xml) {
        panic!("{e}\n--- document ---\n{xml}");
    }
}

/// Asserts that `xml` is NOT valid against `set` and returns the validator's report.
#[track_caller]
pub fn assert_invalid(set: &SchemaSet, xml: &str) -> String {
    if !validator_or_skip() {
        return String::new();
    }
    match set.validate(xml) {
        Ok(()) => panic!("document unexpectedly valid:\n{xml}"),
        Err(ValidateError::Invalid(report)) => report,
        Err(e) => panic!("{e}"),
    }
}
