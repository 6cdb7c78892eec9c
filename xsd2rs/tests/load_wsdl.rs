//! WSDL 1.1 beyond the two protocols: wsdl:import, several inline schemas importing
//! each other by namespace, element and type parts, faults, rpc style, SOAP 1.1 and
//! 1.2 bindings, services with addresses, documentation.

use xsd2rs::dump::dump;
use xsd2rs::load::{Loaded, Loader};
use xsd2rs::model::*;

const NS: &str = "urn:xsd2rs:test:wsdl";

fn load() -> Loaded {
    Loader::new()
        .input("tests/fixtures/wsdl/service.wsdl")
        .load()
        .unwrap_or_else(|d| panic!("{d}"))
}

#[test]
fn wsdl_fixture_dump_snapshot() {
    insta::assert_snapshot!("wsdl_service", dump(&load().model));
}

#[test]
fn imported_definitions_and_inline_schemas() {
    let m = load().model;
    assert_eq!(m.files.len(), 2);
    assert!(m.files.iter().all(|f| f.kind == SourceKind::Wsdl));
    assert_eq!(m.wsdl.len(), 2);
    let abs = &m.wsdl[1];
    assert_eq!(abs.name.as_deref(), Some("Calculator"));
    assert_eq!(abs.doc.as_deref(), Some("A calculator service."));
    let pt = &abs.port_types[&QName::new(NS, "CalculatorPort")];
    let add = &pt.operations[0];
    assert_eq!(add.doc.as_deref(), Some("Adds two numbers."));
    assert_eq!(add.faults[0].name.as_deref(), Some("Overflow"));
    assert_eq!(
        pt.operations[1].input.as_ref().unwrap().name.as_deref(),
        Some("NegateRequest")
    );
    // The first inline schema reaches the second by namespace alone.
    assert!(m
        .type_names
        .contains_key(&QName::new("urn:xsd2rs:test:wsdl:common", "ResultType")));
    let negate_out = &abs.messages[&QName::new(NS, "NegateOut")];
    assert!(matches!(
        negate_out.parts[0].content,
        PartContent::Type(TypeRef::Defined(_))
    ));
}

#[test]
fn soap_11_and_12_bindings() {
    let m = load().model;
    let svc = &m.wsdl[0];
    let b11 = &svc.bindings[&QName::new(NS, "Soap11")];
    let soap = b11.soap.as_ref().unwrap();
    assert_eq!(
        (soap.version, soap.style),
        (SoapVersion::Soap11, SoapStyle::Document)
    );
    assert_eq!(
        soap.transport.as_deref(),
        Some("http://schemas.xmlsoap.org/soap/http")
    );
    let add = &b11.operations[0];
    assert_eq!(add.soap_action.as_deref(), Some("urn:xsd2rs:test:wsdl/Add"));
    let input = add.input.as_ref().unwrap();
    assert_eq!(
        input.body.as_ref().unwrap().parts,
        Some(vec!["request".to_string()])
    );
    assert_eq!(input.headers[0].part, "Trace");
    assert_eq!(input.headers[0].message, QName::new(NS, "AddIn"));
    assert_eq!(
        add.output.as_ref().unwrap().body.as_ref().unwrap().parts,
        None
    );
    assert_eq!(add.faults[0].name, "Overflow");
    let negate = &b11.operations[1];
    assert_eq!(
        negate.style,
        SoapStyle::Rpc,
        "operation style overrides the binding's"
    );
    assert_eq!(
        negate
            .input
            .as_ref()
            .unwrap()
            .body
            .as_ref()
            .unwrap()
            .namespace
            .as_deref(),
        Some("urn:xsd2rs:test:wsdl:rpc")
    );
    let b12 = &svc.bindings[&QName::new(NS, "Soap12")];
    let soap = b12.soap.as_ref().unwrap();
    assert_eq!(
        (soap.version, soap.style),
        (SoapVersion::Soap12, SoapStyle::Rpc)
    );
    assert_eq!(
        b12.operations[0].style,
        SoapStyle::Rpc,
        "the binding's style is the default"
    );
    let s = &svc.services[&QName::new(NS, "Calculator")];
    let addrs: Vec<(&str, Option<&str>)> = s
        .ports
        .iter()
        .map(|p| (p.name.as_str(), p.address.as_deref()))
        .collect();
    assert_eq!(
        addrs,
        [
            ("Port11", Some("https://calc.example.invalid/soap11")),
            ("Port12", Some("https://calc.example.invalid/soap12")),
        ]
    );
    assert_eq!(s.doc.as_deref(), Some("Both bindings."));
}
