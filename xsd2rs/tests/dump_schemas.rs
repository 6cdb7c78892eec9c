//! The project's own schemas (embedded default): dump snapshots and the acceptance
//! facts of the operations (soapAction, body part, header parts).

use xsd2rs::dump::{dump, Counts};
use xsd2rs::load::{load_default, load_protocol, Protocol};
use xsd2rs::model::{Model, PartContent, QName, SoapStyle, SoapVersion};

const M: &str = "http://schemas.microsoft.com/exchange/services/2006/messages";
const T: &str = "http://schemas.microsoft.com/exchange/services/2006/types";

fn model(p: Protocol) -> Model {
    match load_protocol(p) {
        Ok(l) => {
            assert!(l.warnings.is_empty(), "{:?}", l.warnings);
            l.model
        }
        Err(d) => panic!("{d}"),
    }
}

#[test]
fn mtrk_dump_snapshot() {
    insta::assert_snapshot!("dump_mtrk", dump(&model(Protocol::Mtrk)));
}

#[test]
fn oof_dump_snapshot() {
    insta::assert_snapshot!("dump_oof", dump(&model(Protocol::Oof)));
}

/// (body parts with their elements, input header (part, element), output header (part, element))
type Shape = (
    Vec<(String, QName)>,
    Vec<(String, QName)>,
    Vec<(String, QName)>,
);

/// The bound shape of an operation, resolved through the port type and messages.
fn shape(m: &Model, op: &str) -> (Option<String>, Shape) {
    let w = &m.wsdl[0];
    let b = w.bindings.values().next().expect("one binding");
    let soap = b.soap.as_ref().expect("SOAP binding");
    assert_eq!(
        (soap.version, soap.style),
        (SoapVersion::Soap11, SoapStyle::Document)
    );
    let bop = b
        .operations
        .iter()
        .find(|o| o.name == op)
        .expect("bound operation");
    let pt = &w.port_types[&b.port_type];
    let pop = pt
        .operations
        .iter()
        .find(|o| o.name == op)
        .expect("abstract operation");
    let element_of = |msg: &QName, part: &str| -> QName {
        let p = w.messages[msg]
            .parts
            .iter()
            .find(|p| p.name == part)
            .expect("part");
        match &p.content {
            PartContent::Element(e) => e.clone(),
            PartContent::Type(_) => panic!("type part"),
        }
    };
    let input_msg = &pop.input.as_ref().unwrap().message;
    let output_msg = &pop.output.as_ref().unwrap().message;
    let input = bop.input.as_ref().unwrap();
    let output = bop.output.as_ref().unwrap();
    let body: Vec<(String, QName)> = input
        .body
        .as_ref()
        .and_then(|b| b.parts.clone())
        .unwrap_or_default()
        .into_iter()
        .map(|p| {
            let e = element_of(input_msg, &p);
            (p, e)
        })
        .collect();
    let headers = |io: &xsd2rs::model::BindingIo, msg: &QName| -> Vec<(String, QName)> {
        io.headers
            .iter()
            .map(|h| {
                assert_eq!(&h.message, msg);
                (h.part.clone(), element_of(&h.message, &h.part))
            })
            .collect()
    };
    (
        bop.soap_action.clone(),
        (body, headers(input, input_msg), headers(output, output_msg)),
    )
}

fn pair(part: &str, ns: &str, local: &str) -> (String, QName) {
    (part.to_string(), QName::new(ns, local))
}

#[test]
fn mtrk_operations_have_actions_bodies_and_version_headers() {
    let m = model(Protocol::Mtrk);
    for op in ["FindMessageTrackingReport", "GetMessageTrackingReport"] {
        let (action, (body, input_headers, output_headers)) = shape(&m, op);
        assert_eq!(action.as_deref(), Some(format!("{M}/{op}").as_str()));
        assert_eq!(body, [pair("request", M, op)]);
        assert_eq!(
            input_headers,
            [pair("RequestVersion", T, "RequestServerVersion")]
        );
        assert_eq!(
            output_headers,
            [pair("ServerVersion", T, "ServerVersionInfo")]
        );
    }
    let c = Counts::of(&m);
    assert_eq!((c.operations, c.messages), (2, 4));
    let files: Vec<&str> = m.files.iter().map(|f| &*f.path).collect();
    assert_eq!(
        files,
        [
            "schemas/MS-OXWSMTRK.wsdl",
            "schemas/MS-OXWSMTRK-messages.xsd",
            "schemas/MS-OXWSCDATA-messages.xsd",
            "schemas/MS-OXWSMTRK-types.xsd",
            "schemas/MS-OXWSCDATA-types.xsd",
        ],
        "both imports of the types namespace are followed"
    );
    assert_eq!(m.prefixes[M], "m");
    assert_eq!(m.prefixes[T], "t");
}

#[test]
fn oof_operations_have_no_input_header_and_a_version_output_header() {
    let m = model(Protocol::Oof);
    for (op, req, resp) in [
        (
            "GetUserOofSettings",
            "GetUserOofSettingsRequest",
            "GetUserOofSettingsResponse",
        ),
        (
            "SetUserOofSettings",
            "SetUserOofSettingsRequest",
            "SetUserOofSettingsResponse",
        ),
    ] {
        let (action, (body, input_headers, output_headers)) = shape(&m, op);
        assert_eq!(action.as_deref(), Some(format!("{M}/{op}").as_str()));
        assert_eq!(body, [pair(req, M, req)]);
        assert!(input_headers.is_empty());
        assert_eq!(
            output_headers,
            [pair("ServerVersion", T, "ServerVersionInfo")]
        );
        assert!(m.elements.contains_key(&QName::new(M, resp)));
    }
    // The messages schema's import of `types.xsd` resolves to the inline types schema.
    assert_eq!(m.files.len(), 1);
    // The corrected schema defines the type under the name it is referenced by.
    assert!(m.type_names.contains_key(&QName::new(T, "OofState")));
    assert!(!m.type_names.contains_key(&QName::new(T, "OutOfState")));
}

#[test]
fn default_loads_both_protocols_separately() {
    let all = load_default().unwrap_or_else(|d| panic!("{d}"));
    let names: Vec<&str> = all.iter().map(|p| p.protocol.module_name()).collect();
    assert_eq!(names, ["mtrk", "oof"]);
}
