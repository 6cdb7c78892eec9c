//! rpc/literal bindings (WSDL 1.1 §3.5, WS-I Basic Profile 1.1 §4.7) on the fixture WSDL
//! `tests/fixtures/soap/rpc.wsdl` (a JAX-WS-style calculator) and on small WSDLs for the
//! refused shapes: the loader builds each wrapper element as an ordinary global element with
//! one unqualified accessor per body part, the planner generates client, service trait and
//! dispatcher over them like document/literal.
//!
//! The generated module is snapshotted and must compile: the same text is committed as
//! `tests/src/rpc_fixture.rs` (compiled as part of the `tests` crate, served over loopback HTTP
//! by `tests/tests/soap_loopback_rpc.rs` and called by zeep in `tests/tests/zeep_rpc.rs`);
//! this test fails when that copy differs. Set `XSD2RS_BLESS=1` to rewrite it.

use xsd2rs::builder::render_with_warnings;
use xsd2rs::diag::{Diagnostics, Severity};
use xsd2rs::load::{Loaded, Loader, MemorySource};
use xsd2rs::model::{Content, ElementScope, Model, QName, RpcBody, Term, TypeKind, TypeRef, XS_NS};
use xsd2rs::plan::{plan, services, PlanOptions};

const FIXTURE: &str = "tests/fixtures/soap/rpc.wsdl";
const NS: &str = "urn:example:calculator";

fn model() -> Model {
    Loader::new()
        .input(FIXTURE)
        .load()
        .unwrap_or_else(|d| panic!("{FIXTURE}: {d}"))
        .model
}

/// The wrapper recorded for an operation's input or output of a binding.
fn wrapper(m: &Model, binding: &str, op: &str, output: bool) -> Option<RpcBody> {
    let b = m
        .wsdl
        .iter()
        .find_map(|d| d.bindings.get(&QName::new(NS, binding)))?;
    let op = b.operations.iter().find(|o| o.name == op)?;
    let io = if output { &op.output } else { &op.input };
    io.as_ref()?.rpc.clone()
}

/// (accessor name, namespace, type) of a wrapper element's content, in order.
fn accessors(m: &Model, q: &QName) -> Vec<(String, String, TypeRef)> {
    let e = &m.elements[q];
    let TypeRef::Defined(id) = e.type_ref else {
        panic!("{q:?}: a built-in type")
    };
    let TypeKind::Complex(ct) = &m.ty(id).kind else {
        panic!("{q:?}: simple type")
    };
    match &ct.content {
        Content::Empty => Vec::new(),
        Content::Elements(p) => {
            let Term::Group(g) = &p.term else {
                panic!("{q:?}: not a group")
            };
            g.particles
                .iter()
                .map(|p| match &p.term {
                    Term::Element(e) => {
                        assert_eq!(e.scope, ElementScope::Local);
                        assert_eq!((p.min_occurs, e.nillable), (1, false));
                        (e.name.local.clone(), e.name.ns.clone(), e.type_ref.clone())
                    }
                    other => panic!("{q:?}: {other:?}"),
                })
                .collect()
        }
        other => panic!("{q:?}: {other:?}"),
    }
}

#[test]
fn wrappers_are_global_elements_named_after_the_operation() {
    let m = model();
    let add = QName::new(NS, "add");
    assert_eq!(
        wrapper(&m, "CalculatorPortBinding", "add", false),
        Some(RpcBody::Wrapper(add.clone()))
    );
    assert_eq!(
        wrapper(&m, "CalculatorPortBinding", "add", true),
        Some(RpcBody::Wrapper(QName::new(NS, "addResponse")))
    );
    // The SOAP 1.2 binding of the same operation shares the wrappers.
    assert_eq!(
        wrapper(&m, "Calculator12Binding", "add", false),
        Some(RpcBody::Wrapper(add.clone()))
    );
    let int = TypeRef::Builtin(xsd2rs::model::Builtin::Int);
    let unqualified = |n: &str, t: &TypeRef| (n.to_owned(), String::new(), t.clone());
    assert_eq!(
        accessors(&m, &add),
        [unqualified("a", &int), unqualified("b", &int)]
    );
    assert_eq!(
        accessors(&m, &QName::new(NS, "addResponse")),
        [unqualified("return", &int)]
    );
    // Complex part types keep the schema's type; the header part is not in the body.
    let point = m.type_names[&QName::new("urn:example:calculator:types", "point")];
    assert_eq!(
        accessors(&m, &QName::new(NS, "distance")),
        [
            unqualified("from", &TypeRef::Defined(point)),
            unqualified("to", &TypeRef::Defined(point))
        ]
    );
    assert_eq!(
        accessors(&m, &QName::new(NS, "divide")),
        [unqualified("dividend", &int), unqualified("divisor", &int)]
    );
    assert!(accessors(&m, &QName::new(NS, "version")).is_empty());
    let summarize = accessors(&m, &QName::new(NS, "summarizeResponse"));
    let names: Vec<&str> = summarize.iter().map(|a| a.0.as_str()).collect();
    assert_eq!(names, ["stats", "label"]);
    assert_eq!(
        summarize[1].2,
        TypeRef::Builtin(xsd2rs::model::Builtin::String)
    );
    // The wrapper namespace gets the WSDL's prefix for it.
    assert_eq!(m.prefixes.get(NS).map(String::as_str), Some("tns"));
    assert!(m.elements.keys().all(|q| q.ns != XS_NS));
}

/// An rpc WSDL with one operation `op` whose input message holds `parts`, bound with
/// `body` as the input's soap:body attributes, plus `schema` in the types.
fn rpc_wsdl(parts: &str, body: &str, schema: &str) -> String {
    format!(
        r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"
    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t" targetNamespace="urn:t">
  <types><xs:schema targetNamespace="urn:t">{schema}</xs:schema></types>
  <message name="opIn">{parts}</message>
  <message name="opOut"><part name="r" type="xs:int"/></message>
  <portType name="P"><operation name="op"><input message="tns:opIn"/><output message="tns:opOut"/></operation></portType>
  <binding name="B" type="tns:P">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="rpc"/>
    <operation name="op">
      <soap:operation soapAction=""/>
      <input><soap:body use="literal" {body}/></input>
      <output><soap:body use="literal" namespace="urn:t"/></output>
    </operation>
  </binding>
</definitions>
"#
    )
}

fn load(wsdl: &str) -> Result<Loaded, Diagnostics> {
    Loader::new()
        .source(MemorySource::new().with("rpc.wsdl", wsdl))
        .input("rpc.wsdl")
        .load()
}

#[test]
fn an_element_part_in_an_rpc_literal_body_is_a_located_error() {
    let wsdl = rpc_wsdl(
        r#"<part name="x" type="xs:int"/>
  <part name="e" element="tns:E"/>"#,
        r#"namespace="urn:t""#,
        r#"<xs:element name="E" type="xs:string"/>"#,
    );
    let err = load(&wsdl).expect_err("an element part in an rpc/literal body is refused");
    let errors: Vec<String> = err.errors().map(|e| e.to_string()).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with("rpc.wsdl:6:3: error: part `e` of message `opIn`"),
        "{errors:#?}"
    );
    assert!(errors[0].contains("R2203"), "{errors:#?}");
    // The same part bound as a header (not in the body) is fine.
    let wsdl = rpc_wsdl(
        r#"<part name="x" type="xs:int"/>
  <part name="e" element="tns:E"/>"#,
        r#"namespace="urn:t" parts="x""#,
        r#"<xs:element name="E" type="xs:string"/>"#,
    );
    let m = load(&wsdl).unwrap_or_else(|d| panic!("{d}")).model;
    assert_eq!(
        wrapper_of(&m),
        Some(RpcBody::Wrapper(QName::new("urn:t", "op")))
    );
}

fn wrapper_of(m: &Model) -> Option<RpcBody> {
    m.wsdl[0].bindings.values().next()?.operations[0]
        .input
        .as_ref()?
        .rpc
        .clone()
}

#[test]
fn a_wrapper_named_like_a_schema_element_is_refused() {
    let wsdl = rpc_wsdl(
        r#"<part name="x" type="xs:int"/>"#,
        r#"namespace="urn:t""#,
        r#"<xs:element name="op" type="xs:string"/>"#,
    );
    let m = load(&wsdl).unwrap_or_else(|d| panic!("{d}")).model;
    let Some(RpcBody::Refused(why)) = wrapper_of(&m) else {
        panic!("{:?}", wrapper_of(&m))
    };
    assert!(why.contains("`{urn:t}op`"), "{why}");
    // The schema's element is untouched.
    assert!(matches!(
        m.elements[&QName::new("urn:t", "op")].type_ref,
        TypeRef::Builtin(_)
    ));
}

#[test]
fn a_body_without_namespace_is_a_warning_and_the_wrapper_has_none() {
    let wsdl = rpc_wsdl(r#"<part name="x" type="xs:int"/>"#, "", "");
    let loaded = load(&wsdl).unwrap_or_else(|d| panic!("{d}"));
    let warnings: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("rpc.wsdl:10:5: warning:") && w.contains("R2717")),
        "{warnings:#?}"
    );
    assert!(loaded
        .warnings
        .iter()
        .all(|w| w.severity == Severity::Warning));
    assert_eq!(
        wrapper_of(&loaded.model),
        Some(RpcBody::Wrapper(QName::new("", "op")))
    );
}

const COMPILED: &str = "../tests/src/rpc_fixture.rs";
const MODULE_DOC: &str = "Client and service of the rpc/literal fixture WSDL (`xsd2rs/tests/fixtures/soap/rpc.wsdl`).\n\nKept equal to the generator's output by `xsd2rs/tests/codegen_rpc.rs`.";

#[test]
fn rpc_fixture_snapshot_compiles() {
    let (text, warnings) =
        render_with_warnings(&model(), &PlanOptions::default(), Some(MODULE_DOC)).expect("renders");
    insta::assert_snapshot!("rpc_fixture", text);
    let compiled = std::path::Path::new(COMPILED);
    if std::env::var_os("XSD2RS_BLESS").is_some() {
        std::fs::write(compiled, &text).expect("writes the compiled copy");
    } else {
        assert_eq!(
            std::fs::read_to_string(compiled).ok().as_deref(),
            Some(text.as_str()),
            "{COMPILED} is stale (rerun with XSD2RS_BLESS=1)"
        );
    }
    assert!(warnings.is_empty(), "{warnings:#?}");
}

#[test]
fn clients_services_and_dispatchers_over_the_wrappers() {
    let m = model();
    let p = plan(&m, &PlanOptions::default());
    let (svc, warnings) = services(&m, &p);
    assert!(warnings.is_empty(), "{warnings:#?}");
    let names: Vec<(&str, &str, &str)> = svc
        .iter()
        .map(|s| (s.client.as_str(), s.service.as_str(), s.dispatcher.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            (
                "Calculator12Client",
                "Calculator12",
                "calculator12_dispatcher"
            ),
            (
                "CalculatorPortClient",
                "CalculatorPort",
                "calculator_port_dispatcher"
            ),
        ]
    );
    let ops: Vec<(&str, &str, &str, bool)> = svc[1]
        .operations
        .iter()
        .map(|o| {
            (
                o.method.as_str(),
                o.input.as_str(),
                o.output.as_str(),
                o.rpc,
            )
        })
        .collect();
    assert_eq!(
        ops,
        [
            ("add", "Add", "AddResponse", true),
            ("distance", "Distance", "DistanceResponse", true),
            ("summarize", "Summarize", "SummarizeResponse", true),
            ("divide", "Divide", "DivideResponse", true),
            ("version", "Version", "VersionResponse", true),
        ]
    );
    let divide = &svc[1].operations[3];
    let header: Vec<(&str, &str)> = divide
        .input_headers
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.ty.as_str()))
        .collect();
    assert_eq!(header, [("session", "Session")]);
    assert_eq!(divide.faults, ["DivisionByZero"]);
    assert_eq!(
        svc[0].operations[0].input, "Add",
        "SOAP 1.2 shares the wrapper"
    );
    // rpc/encoded stays out, with its warning.
    let m = Loader::new()
        .input("tests/fixtures/soap/service.wsdl")
        .load()
        .expect("loads")
        .model;
    let p = plan(&m, &PlanOptions::default());
    let (_, warnings) = services(&m, &p);
    let text: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        text.iter()
            .any(|w| w.contains("`Count`") && w.contains("rpc/encoded is not supported")),
        "{text:#?}"
    );
}
