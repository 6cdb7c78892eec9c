//! The SOAP client/service generator on a fixture WSDL (`tests/fixtures/soap/service.wsdl`):
//! a SOAP 1.1 binding with several header blocks, a SOAP 1.2 binding, an rpc/encoded binding
//! and a one-way operation (both left out with warnings), a keyword operation name and a
//! schema type taking the natural trait name.
//!
//! The generated module is snapshotted and must compile: the same text is committed as
//! `tests/src/soap_fixture.rs` (compiled as part of the `tests` crate); this test fails when
//! that copy differs. Set `XSD2RS_BLESS=1` to rewrite it (then review with `cargo insta review`).

use std::path::Path;

use xsd2rs::builder::render_with_warnings;
use xsd2rs::diag::Severity;
use xsd2rs::load::Loader;
use xsd2rs::plan::{plan, services, PlanOptions};

const FIXTURE: &str = "tests/fixtures/soap/service.wsdl";
const COMPILED: &str = "../tests/src/soap_fixture.rs";
const MODULE_DOC: &str = "Client and service of the SOAP fixture WSDL (`xsd2rs/tests/fixtures/soap/service.wsdl`).\n\nKept equal to the generator's output by `xsd2rs/tests/codegen_soap.rs`.";

fn model() -> xsd2rs::model::Model {
    Loader::new()
        .input(FIXTURE)
        .load()
        .unwrap_or_else(|d| panic!("{FIXTURE}: {d}"))
        .model
}

#[test]
fn soap_fixture_snapshot_compiles() {
    let (text, warnings) =
        render_with_warnings(&model(), &PlanOptions::default(), Some(MODULE_DOC)).expect("renders");
    insta::assert_snapshot!("soap_fixture", text);
    let compiled = Path::new(COMPILED);
    if std::env::var_os("XSD2RS_BLESS").is_some() {
        std::fs::write(compiled, &text).expect("writes the compiled copy");
    } else {
        assert_eq!(
            std::fs::read_to_string(compiled).ok().as_deref(),
            Some(text.as_str()),
            "{COMPILED} is stale (rerun with XSD2RS_BLESS=1)"
        );
    }
    assert!(warnings.iter().all(|w| w.severity == Severity::Warning));
}

#[test]
fn bindings_operations_and_names() {
    let m = model();
    let p = plan(&m, &PlanOptions::default());
    let (svc, warnings) = services(&m, &p);
    let names: Vec<(&str, &str, &str)> = svc
        .iter()
        .map(|s| (s.client.as_str(), s.service.as_str(), s.dispatcher.as_str()))
        .collect();
    // The schema type `Inventory` keeps its name: the 1.1 binding's trait is `InventoryService`.
    assert_eq!(
        names,
        [
            ("Inventory12Client", "Inventory12", "inventory12_dispatcher"),
            (
                "InventoryClient",
                "InventoryService",
                "inventory_dispatcher"
            ),
        ]
    );
    assert!(p.items.iter().any(|i| i.name == "Inventory"));
    let v11 = &svc[1];
    assert_eq!(v11.version, xsd2rs::model::SoapVersion::Soap11);
    assert_eq!(svc[0].version, xsd2rs::model::SoapVersion::Soap12);
    let ops: Vec<&str> = v11.operations.iter().map(|o| o.method.as_str()).collect();
    assert_eq!(ops, ["get_stock", "r#move"], "Ping (one-way) is left out");
    let get = &v11.operations[0];
    assert_eq!(get.action, "urn:example:inventory/GetStock");
    assert_eq!(
        (get.input.as_str(), get.output.as_str()),
        ("GetStock", "GetStockResponse")
    );
    let fields = |h: &xsd2rs::plan::Headers| {
        h.fields
            .iter()
            .map(|f| (f.field.clone(), f.ty.clone()))
            .collect::<Vec<_>>()
    };
    let pair = |f: &str, t: &str| (f.to_owned(), t.to_owned());
    // The SOAP 1.2 binding (planned first) declares no header for GetStock: its struct takes
    // the plain name, this one is numbered.
    assert_eq!(
        svc[0].operations[0].input_headers.name,
        "GetStockInputHeaders"
    );
    assert!(svc[0].operations[0].input_headers.fields.is_empty());
    assert_eq!(get.input_headers.name, "GetStockInputHeaders2");
    assert_eq!(
        fields(&get.input_headers),
        [
            pair("credentials", "Credentials"),
            pair("locale", "Locale"),
            pair("trace", "Trace")
        ]
    );
    assert_eq!(get.output_headers.name, "GetStockOutputHeaders2");
    assert_eq!(fields(&get.output_headers), [pair("quota", "Quota")]);
    // Operations declaring the same blocks in both bindings share their header structs.
    assert_eq!(
        svc[0].operations[1].input_headers,
        v11.operations[1].input_headers
    );
    assert_eq!(v11.operations[1].input_headers.name, "MoveInputHeaders");
    assert_eq!(get.faults, ["StockFault"]);
    assert_eq!(v11.operations[1].action, "", "empty soapAction kept empty");
    assert_eq!(v11.prefixes, [("inv".to_owned(), "NS_INV".to_owned())]);

    let text: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(text.len(), 3, "{text:#?}");
    assert!(
        text.iter()
            .any(|w| w.contains("`Ping`") && w.contains("no output")),
        "{text:#?}"
    );
    assert!(
        text.iter()
            .any(|w| w.contains("`Count`") && w.contains("rpc")),
        "{text:#?}"
    );
    assert!(
        text.iter()
            .any(|w| w.contains("`LegacyBinding` has no operation")),
        "{text:#?}"
    );
    assert!(warnings.iter().all(|w| w.location.is_some()));
}

#[test]
fn plain_schemas_have_no_services() {
    let m = Loader::new()
        .input("tests/fixtures/constructs/sequence/schema.xsd")
        .load()
        .expect("loads")
        .model;
    let p = plan(&m, &PlanOptions::default());
    let (svc, warnings) = services(&m, &p);
    assert!(svc.is_empty() && warnings.is_empty());
}
