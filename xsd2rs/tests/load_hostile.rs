//! Hostile schemas: entity expansion, huge attribute and namespace counts, deep nesting,
//! names that are not XML names, and many unresolved long references are refused or reported
//! with bounded work, each at its file:line:column. (Their timing is measured by the
//! `scaling` benchmark, not here.)

use xsd2rs::diag::Diagnostics;
use xsd2rs::load::{Loaded, Loader, MemorySource};

const XS: &str = r#"xmlns:xs="http://www.w3.org/2001/XMLSchema""#;

fn load(text: &str) -> Result<Loaded, Diagnostics> {
    Loader::new()
        .source(MemorySource::new().with("a.xsd", text))
        .input("a.xsd")
        .load()
}

fn errors(text: &str) -> Vec<String> {
    match load(text) {
        Ok(_) => panic!("expected the load to fail"),
        Err(d) => d.errors().map(|e| e.to_string()).collect(),
    }
}

#[test]
fn an_entity_expanding_past_the_budget_is_refused_at_the_reference() {
    // A 100 KB entity referenced 10,000 times: a gigabyte if expanded.
    let big = "x".repeat(100_000);
    let refs = "&big;".repeat(10_000);
    let text = format!(
        "<!DOCTYPE xs:schema [<!ENTITY big \"{big}\">]>\n<xs:schema {XS}>\n<xs:annotation><xs:documentation>{refs}</xs:documentation></xs:annotation>\n</xs:schema>"
    );
    let errs = errors(&text);
    assert_eq!(errs.len(), 1, "{errs:?}");
    // The 42nd reference passes 4 MiB; it is on line 3.
    let col = 1 + "<xs:annotation><xs:documentation>".len() + 41 * "&big;".len();
    assert!(
        errs[0].starts_with(&format!(
            "a.xsd:3:{col}: error: document refused: entity references expand to more than"
        )),
        "{errs:?}"
    );
}

#[test]
fn small_entities_still_load() {
    let text = format!(
        "<!DOCTYPE xs:schema [<!ENTITY ns \"urn:e\">]>\n<xs:schema {XS} targetNamespace=\"&ns;\">\n<xs:element name=\"a\" type=\"xs:string\"/>\n</xs:schema>"
    );
    let loaded = load(&text).expect("loads");
    assert_eq!(loaded.model.elements.len(), 1);
    assert!(loaded.model.elements.keys().all(|q| q.ns == "urn:e"));
}

#[test]
fn attribute_namespace_and_depth_caps_are_located_errors() {
    let attrs: String = (0..300).map(|i| format!(" a{i}=\"1\"")).collect();
    let errs = errors(&format!(
        "<xs:schema {XS}>\n<xs:element{attrs}/>\n</xs:schema>"
    ));
    assert_eq!(errs.len(), 1, "{errs:?}");
    // The 257th attribute: after `<xs:element`, 10 attributes of 7 bytes, 90 of 8, 156 of 9
    // and a space.
    let col = 1 + "<xs:element".len() + 10 * 7 + 90 * 8 + 156 * 9 + 1;
    assert!(errs[0].starts_with(&format!("a.xsd:2:{col}:")), "{errs:?}");
    assert!(
        errs[0].contains("more than 256 attributes on one element"),
        "{errs:?}"
    );

    let decls: String = (0..5000)
        .map(|i| format!("<x xmlns:p{i}=\"urn:{i}\"/>"))
        .collect();
    let errs = errors(&format!("<xs:schema {XS}>\n<xs:annotation><xs:appinfo>{decls}</xs:appinfo></xs:annotation></xs:schema>"));
    assert!(errs[0].starts_with("a.xsd:2:"), "{errs:?}");
    assert!(
        errs[0].contains("more than 4096 namespace declarations"),
        "{errs:?}"
    );

    let open = "<xs:annotation>".repeat(300);
    let errs = errors(&format!("<xs:schema {XS}>\n{open}"));
    let col = 1 + 255 * "<xs:annotation>".len();
    assert_eq!(
        errs,
        vec![format!("a.xsd:2:{col}: error: document refused: elements nested more than 256 deep (the loader's limit)")]
    );
}

#[test]
fn deeply_nested_anonymous_types_up_to_the_cap_load() {
    // 60 levels of element/complexType/sequence: 180 elements deep, under the document cap of
    // 256 and the builder's nesting limit.
    let mut body = String::from("<xs:element name=\"leaf\" type=\"xs:string\"/>");
    for i in 0..60 {
        body = format!(
            "<xs:element name=\"e{i}\"><xs:complexType><xs:sequence>{body}</xs:sequence></xs:complexType></xs:element>"
        );
    }
    let text = format!("<xs:schema {XS}>{body}</xs:schema>");
    let loaded = load(&text).expect("loads");
    assert_eq!(loaded.model.elements.len(), 1);
    // And it generates (each level is a struct with one field).
    // Field by field: robust to options added later.
    #[allow(clippy::field_reassign_with_default)]
    let opts = {
        let mut o = xsd2rs::plan::PlanOptions::default();
        o.all_globals = true;
        o
    };
    let code = xsd2rs::builder::render(&loaded.model, &opts, None).expect("generates");
    assert!(code.contains("pub leaf: String"), "{code}");
}

#[test]
fn names_that_are_not_xml_names_are_refused_at_the_attribute() {
    let text = format!(
        "<xs:schema {XS}>\n  <xs:element name=\"a b\" type=\"xs:string\"/>\n  <xs:complexType name=\"x&lt;y\"/>\n  <xs:attribute name=\"ok-name.1\" type=\"xs:int\"/>\n</xs:schema>"
    );
    let errs = errors(&text);
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(
        errs[0].starts_with("a.xsd:2:15: error: `a b` is not a legal XML name"),
        "{errs:?}"
    );
    assert!(
        errs[1].starts_with("a.xsd:3:19: error: `x<y` is not a legal XML name"),
        "{errs:?}"
    );
}

#[test]
fn many_unresolved_long_references_are_all_reported_with_bounded_suggestions() {
    let mut body = String::new();
    for i in 0..2000 {
        body.push_str(&format!(
            "<xs:complexType name=\"{}T{i:04}\"/>\n",
            "N".repeat(96)
        ));
    }
    for i in 0..1000 {
        body.push_str(&format!(
            "<xs:element name=\"e{i}\" type=\"{}U{i:04}\"/>\n",
            "N".repeat(96)
        ));
    }
    let errs = errors(&format!("<xs:schema {XS}>\n{body}</xs:schema>"));
    assert_eq!(errs.len(), 1000);
    assert!(errs.iter().all(|e| e.contains("unresolved type reference")));
    // The first ones get a suggestion; the budget ends them, never the reports.
    assert!(errs[0].contains("did you mean"), "{}", errs[0]);
}

#[test]
fn invalid_patterns_are_located_schema_errors() {
    let text = format!(
        "<xs:schema {XS}>\n<xs:simpleType name=\"p\"><xs:restriction base=\"xs:string\">\n  <xs:pattern value=\"(\"/>\n  <xs:pattern value=\"[a-z]+\"/>\n</xs:restriction></xs:simpleType>\n</xs:schema>"
    );
    let errs = errors(&text);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].starts_with("a.xsd:3:15: error: xs:pattern refused: invalid XML Schema pattern"),
        "{errs:?}"
    );
}

fn extension_chain(types: usize) -> String {
    let mut b = format!(
        "<xs:schema {XS} xmlns:t=\"urn:t\" targetNamespace=\"urn:t\">\n<xs:complexType name=\"T0\"><xs:sequence><xs:element name=\"F0\" type=\"xs:string\"/></xs:sequence></xs:complexType>\n"
    );
    for i in 1..types {
        b.push_str(&format!(
            "<xs:complexType name=\"T{i}\"><xs:complexContent><xs:extension base=\"t:T{}\"><xs:sequence><xs:element name=\"F{i}\" type=\"xs:string\"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>\n",
            i - 1
        ));
    }
    b.push_str("</xs:schema>\n");
    b
}

#[test]
fn derivation_chains_up_to_the_limit_generate_every_inherited_field() {
    use xsd2rs::load::MAX_DERIVATION_DEPTH;
    // T0 .. T64: the last type is derived 64 levels deep and has all 65 fields.
    let loaded = load(&extension_chain(MAX_DERIVATION_DEPTH + 1)).expect("loads");
    #[allow(clippy::field_reassign_with_default)] // PlanOptions is non-exhaustive
    let opts = {
        let mut o = xsd2rs::plan::PlanOptions::default();
        o.all_globals = true;
        o
    };
    let code = xsd2rs::builder::render(&loaded.model, &opts, None).expect("generates");
    let last = code
        .find(&format!("pub struct T{MAX_DERIVATION_DEPTH} {{"))
        .expect("the deepest type");
    let body = &code[last..last + code[last..].find("\n}").expect("its end")];
    assert!(body.contains("pub f0: String"), "{body}");
    assert!(
        body.contains(&format!("pub f{MAX_DERIVATION_DEPTH}: String")),
        "{body}"
    );
}

#[test]
fn a_derivation_chain_past_the_limit_is_one_located_error() {
    // 2,000 types: one error, at the first type past the limit (line 66: T65), not 1,935.
    let errs = errors(&extension_chain(2_000));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].starts_with(
            "a.xsd:67:1: error: type `T65` is derived through 65 levels of base, item or member types; at most 64 are supported"
        ),
        "{errs:?}"
    );
}

#[test]
fn a_derivation_chain_of_list_and_restriction_types_counts_too() {
    // Simple types: 70 restrictions in a row.
    let mut b = format!(
        "<xs:schema {XS} xmlns:t=\"urn:t\" targetNamespace=\"urn:t\">\n<xs:simpleType name=\"S0\"><xs:restriction base=\"xs:string\"/></xs:simpleType>\n"
    );
    for i in 1..70 {
        b.push_str(&format!(
            "<xs:simpleType name=\"S{i}\"><xs:restriction base=\"t:S{}\"/></xs:simpleType>\n",
            i - 1
        ));
    }
    b.push_str("</xs:schema>\n");
    let errs = errors(&b);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].contains("type `S65` is derived through 65 levels"),
        "{errs:?}"
    );
}
