//! A schema document given for the `xml` namespace: read when local, for what it adds; the
//! built-in `xml:lang`, `xml:space`, `xml:base` and `xml:id` keep their meaning.

use std::path::PathBuf;

use xsd2rs::load::Loader;
use xsd2rs::model::{Builtin, QName, TypeRef, XML_NS};

/// Writes the documents of one case into a fresh directory; returns the main schema's path.
fn write_case(name: &str, xml_location: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xsd2rs-xmlns-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let main = format!(
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xml="{XML_NS}"
           targetNamespace="urn:t" xmlns:t="urn:t">
  <xs:import namespace="{XML_NS}" schemaLocation="{xml_location}"/>
  <xs:complexType name="T">
    <xs:attribute ref="xml:blah"/>
    <xs:attribute ref="xml:lang"/>
  </xs:complexType>
  <xs:element name="e" type="t:T"/>
</xs:schema>"#
    );
    let xml = format!(
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{XML_NS}">
  <xs:attribute name="lang" type="xs:string"/>
  <xs:attribute name="blah" type="xs:int"/>
</xs:schema>"#
    );
    std::fs::write(dir.join("main.xsd"), main).expect("write main");
    std::fs::write(dir.join("xml.xsd"), xml).expect("write xml");
    dir.join("main.xsd")
}

#[test]
fn a_local_document_for_the_xml_namespace_adds_its_declarations() {
    let path = write_case("local", "xml.xsd");
    let loaded = Loader::new()
        .input(path.to_string_lossy().as_ref())
        .load()
        .unwrap_or_else(|d| panic!("{d}"));
    let attrs = &loaded.model.attributes;
    let blah = attrs
        .get(&QName::new(XML_NS, "blah"))
        .expect("xml:blah read");
    assert!(
        matches!(blah.type_ref, TypeRef::Builtin(Builtin::Int)),
        "{blah:?}"
    );
    // The built-in xml:lang wins over the document's redeclaration (xs:string): it stays the
    // language-or-empty type, not a plain string.
    let lang = attrs.get(&QName::new(XML_NS, "lang")).expect("xml:lang");
    assert!(matches!(lang.type_ref, TypeRef::Defined(_)), "{lang:?}");
}

#[test]
fn an_unreadable_document_for_the_xml_namespace_leaves_the_built_ins() {
    let path = write_case("missing", "absent.xsd");
    let text = match Loader::new().input(path.to_string_lossy().as_ref()).load() {
        Ok(_) => panic!("loaded, but xml:blah is declared nowhere"),
        Err(e) => e.to_string(),
    };
    assert!(text.contains("xml:blah"), "{text}");
    assert!(!text.contains("xml:lang"), "{text}");
}
