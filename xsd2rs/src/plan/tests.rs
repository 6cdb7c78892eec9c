//! Planner tests on small in-memory schemas: naming collisions, keywords, boxing,
//! `Default`, reachability.

use super::{plan, FieldKind, ItemKind, Occurs, Plan, PlanOptions, Ty};
use crate::load::{Loader, MemorySource};

fn plan_of(schema_body: &str) -> Plan {
    let text = format!(
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t"
             targetNamespace="urn:t" elementFormDefault="qualified">{schema_body}</xs:schema>"#
    );
    let loaded = Loader::new()
        .source(MemorySource::new().with("s.xsd", text))
        .input("s.xsd")
        .load()
        .unwrap_or_else(|d| panic!("{d}"));
    plan(&loaded.model, &PlanOptions::default())
}

fn names(p: &Plan) -> Vec<&str> {
    p.items.iter().map(|i| i.name.as_str()).collect()
}

fn item<'p>(p: &'p Plan, name: &str) -> &'p super::Item {
    p.items
        .iter()
        .find(|i| i.name == name)
        .unwrap_or_else(|| panic!("no item {name} in {:?}", names(p)))
}

#[test]
fn element_and_type_with_one_name() {
    let p = plan_of(
        r#"<xs:complexType name="RequestServerVersion"><xs:sequence/></xs:complexType>
           <xs:element name="RequestServerVersion">
             <xs:complexType><xs:attribute name="Version" type="xs:string"/></xs:complexType>
           </xs:element>"#,
    );
    assert_eq!(
        names(&p),
        ["RequestServerVersion", "RequestServerVersionElement"]
    );
}

#[test]
fn case_only_difference_and_derived_suffix_clash() {
    let p = plan_of(
        r#"<xs:complexType name="fooType"><xs:sequence/></xs:complexType>
           <xs:complexType name="FooType"><xs:sequence/></xs:complexType>
           <xs:complexType name="ShapeChoice"><xs:sequence/></xs:complexType>
           <xs:complexType name="Shape">
             <xs:choice><xs:element name="A" type="xs:int"/><xs:element name="B" type="xs:int"/></xs:choice>
           </xs:complexType>"#,
    );
    // Schema names are claimed first (in QName order); derived names are numbered.
    assert_eq!(
        names(&p),
        [
            "FooType",
            "FooType2",
            "Shape",
            "ShapeChoice",
            "ShapeChoice2"
        ]
    );
    let ItemKind::Choice(c) = &item(&p, "ShapeChoice2").kind else {
        panic!("ShapeChoice2 is the choice enum");
    };
    assert_eq!(c.variants.len(), 2);
}

#[test]
fn keywords_and_digits_in_fields_and_variants() {
    let p = plan_of(
        r#"<xs:complexType name="K"><xs:sequence>
             <xs:element name="type" type="xs:string"/>
             <xs:element name="self" type="xs:string"/>
             <xs:element name="_2nd" type="xs:string"/>
           </xs:sequence></xs:complexType>
           <xs:simpleType name="E"><xs:restriction base="xs:string">
             <xs:enumeration value="1"/><xs:enumeration value="Other"/><xs:enumeration value="a b"/>
           </xs:restriction></xs:simpleType>"#,
    );
    let ItemKind::Struct(s) = &item(&p, "K").kind else {
        panic!()
    };
    let fields: Vec<&str> = s.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(fields, ["r#type", "self_", "_2nd"]);
    let ItemKind::Enumeration(e) = &item(&p, "E").kind else {
        panic!()
    };
    let vs: Vec<&str> = e.values.iter().map(|v| v.0.as_str()).collect();
    assert_eq!(vs, ["V1", "Other", "AB"]);
    assert_eq!(e.fallback, "OtherValue");
}

#[test]
fn recursion_is_boxed_only_on_the_cycle() {
    let p = plan_of(
        r#"<xs:complexType name="Node"><xs:sequence>
             <xs:element name="Next" type="tns:Node" minOccurs="0"/>
             <xs:element name="Children" type="tns:Node" maxOccurs="unbounded"/>
             <xs:element name="Leaf" type="tns:Leaf"/>
           </xs:sequence></xs:complexType>
           <xs:complexType name="Leaf"><xs:sequence/></xs:complexType>"#,
    );
    let ItemKind::Struct(s) = &item(&p, "Node").kind else {
        panic!()
    };
    let boxed: Vec<(&str, bool)> = s
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.boxed))
        .collect();
    assert_eq!(
        boxed,
        [("next", true), ("children", false), ("leaf", false)]
    );
}

#[test]
fn default_only_when_every_field_allows_it() {
    let p = plan_of(
        r#"<xs:simpleType name="E"><xs:restriction base="xs:string">
             <xs:enumeration value="a"/></xs:restriction></xs:simpleType>
           <xs:complexType name="Optional"><xs:sequence>
             <xs:element name="X" type="tns:E" minOccurs="0"/>
             <xs:element name="S" type="xs:string"/>
           </xs:sequence></xs:complexType>
           <xs:complexType name="Required"><xs:sequence>
             <xs:element name="X" type="tns:E"/>
           </xs:sequence></xs:complexType>"#,
    );
    assert!(item(&p, "Optional").default);
    assert!(!item(&p, "Required").default);
    assert!(!item(&p, "E").default);
}

#[test]
fn repeated_choice_is_a_vec_of_an_enum() {
    let p = plan_of(
        r#"<xs:complexType name="R"><xs:choice maxOccurs="unbounded">
             <xs:element name="A" type="xs:int"/><xs:element name="B" type="xs:string"/>
           </xs:choice></xs:complexType>"#,
    );
    let ItemKind::Struct(s) = &item(&p, "R").kind else {
        panic!()
    };
    assert_eq!(s.fields.len(), 1);
    assert_eq!(s.fields[0].kind, FieldKind::Group);
    assert_eq!(s.fields[0].occurs, Occurs::Many);
    assert!(matches!(s.fields[0].ty, Ty::Item(_)));
}

#[test]
fn only_what_operations_reach() {
    let wsdl = r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
        xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
        xmlns:tns="urn:t" targetNamespace="urn:t">
      <wsdl:types><xs:schema targetNamespace="urn:t" elementFormDefault="qualified">
        <xs:complexType name="Used"><xs:sequence><xs:element name="X" type="xs:int"/></xs:sequence></xs:complexType>
        <xs:complexType name="Unused"><xs:sequence/></xs:complexType>
        <xs:element name="Req" type="tns:Used"/>
      </xs:schema></wsdl:types>
      <wsdl:message name="In"><wsdl:part name="p" element="tns:Req"/></wsdl:message>
      <wsdl:portType name="P"><wsdl:operation name="Op"><wsdl:input message="tns:In"/></wsdl:operation></wsdl:portType>
    </wsdl:definitions>"#;
    let loaded = Loader::new()
        .source(MemorySource::new().with("s.wsdl", wsdl))
        .input("s.wsdl")
        .load()
        .unwrap_or_else(|d| panic!("{d}"));
    let reached = plan(&loaded.model, &PlanOptions::default());
    assert_eq!(names(&reached), ["Used"]);
    assert_eq!(reached.roots.len(), 1);
    let all = plan(
        &loaded.model,
        &PlanOptions {
            all_globals: true,
            ..PlanOptions::default()
        },
    );
    assert_eq!(names(&all), ["Unused", "Used"]);
}

/// The attribute fields of the struct `name`, by XML local name.
fn attribute_fields(p: &Plan, name: &str) -> Vec<String> {
    let ItemKind::Struct(s) = &item(p, name).kind else {
        panic!("{name} is a struct")
    };
    s.fields
        .iter()
        .filter_map(|f| match &f.kind {
            FieldKind::Attribute(q) => Some(q.local.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn prohibited_attribute_removes_only_directly_in_a_restriction() {
    let p = plan_of(
        r#"<xs:complexType name="Base">
             <xs:attribute name="a" type="xs:string"/><xs:attribute name="b" type="xs:string"/>
           </xs:complexType>
           <xs:attributeGroup name="G"><xs:attribute name="a" use="prohibited"/></xs:attributeGroup>
           <xs:complexType name="ViaGroup"><xs:complexContent><xs:restriction base="tns:Base">
             <xs:attributeGroup ref="tns:G"/>
           </xs:restriction></xs:complexContent></xs:complexType>
           <xs:complexType name="Direct"><xs:complexContent><xs:restriction base="tns:Base">
             <xs:attribute name="a" use="prohibited"/>
           </xs:restriction></xs:complexContent></xs:complexType>
           <xs:complexType name="Extended"><xs:complexContent><xs:extension base="tns:Base">
             <xs:attribute name="b" use="prohibited"/>
           </xs:extension></xs:complexContent></xs:complexType>
           <xs:complexType name="Plain"><xs:attribute name="c" use="prohibited"/></xs:complexType>
           <xs:element name="V" type="tns:ViaGroup"/><xs:element name="D" type="tns:Direct"/>
           <xs:element name="E" type="tns:Extended"/><xs:element name="P" type="tns:Plain"/>"#,
    );
    // XSD 1.0: a prohibition inside an attribute group or outside a restriction is pointless.
    assert_eq!(attribute_fields(&p, "ViaGroup"), ["a", "b"]);
    assert_eq!(attribute_fields(&p, "Direct"), ["b"]);
    assert_eq!(attribute_fields(&p, "Extended"), ["a", "b"]);
    assert!(attribute_fields(&p, "Plain").is_empty());
}

#[test]
fn names_are_collapsed_ncnames() {
    // `name` is an xs:NCName and QName-valued attributes are xs:QNames: both collapse their
    // whitespace, so surrounding spaces are no part of the name.
    let p = plan_of(
        r#"<xs:element name=" Padded " type="xs:string"/>
           <xs:complexType name="T ">
             <xs:sequence><xs:element ref=" tns:Padded"/></xs:sequence>
             <xs:attribute name="	a
" type="xs:string"/>
           </xs:complexType>
           <xs:element name="R" type=" tns:T "/>"#,
    );
    assert_eq!(attribute_fields(&p, "T"), ["a"]);
    let ItemKind::Struct(s) = &item(&p, "T").kind else {
        panic!("T is a struct")
    };
    assert!(
        s.fields
            .iter()
            .any(|f| matches!(&f.kind, FieldKind::Element(q) if q.local == "Padded")),
        "{:?}",
        s.fields
    );
}
