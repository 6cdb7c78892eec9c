//! rpc/literal bindings (WSDL 1.1 §3.5, WS-I Basic Profile 1.1 §4.7) on the fixture WSDL
//! `tests/fixtures/soap/rpc.wsdl` (a JAX-WS-style calculator) and on small WSDLs for the
//! refused shapes: the loader builds each wrapper element as an ordinary global element with
//! one unqualified accessor per body part.

use xsd2rs::diag::{Diagnostics, Severity};
use xsd2rs::load::{Loaded, Loader, MemorySource};
use xsd2rs::model::{Content, ElementScope, Model, QName, RpcBody, Term, TypeKind, TypeRef, XS_NS};

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
