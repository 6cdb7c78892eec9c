//! The code generated from the rpc/literal fixture WSDL (`tests::rpc_fixture`, from
//! `xsd2rs/tests/fixtures/soap/rpc.wsdl`, a JAX-WS-style calculator) over real loopback HTTP:
//! generated client ↔ generated server, SOAP 1.1 and 1.2; the wire form of the wrappers
//! (request wrapper named after the operation, `{operation}Response`, unqualified accessors)
//! checked on raw requests and replies; a header block beside an rpc body; a typed fault detail.

mod loopback;
mod rpc_calculator;

use std::time::Duration;

use loopback::*;
use rpc_calculator::Calculator;
use tests::canon::assert_xml_eq;
use tests::rpc_fixture::*;
use xsd2rs_runtime::codec::decode_document;

fn point(x: f64, y: f64) -> Point {
    Point::new(x, y)
}

fn session(id: &str) -> DivideInputHeaders {
    DivideInputHeaders {
        session: Some(Session::new(id)),
        ..Default::default()
    }
}

#[tokio::test]
async fn generated_client_calls_generated_rpc_server() {
    bounded(async {
        let server = Server::start(calculator_port_dispatcher(Calculator)).await;
        let c = CalculatorPortClient::new(soap_client(&server.url, Duration::from_secs(10)));

        let r = c
            .add(&Add::new(2, 3), &Default::default())
            .await
            .expect("add");
        assert_eq!(r.body.r#return, 5);
        let err = c
            .add(&Add::new(i32::MAX, 1), &Default::default())
            .await
            .expect_err("overflow is a fault");
        assert!(err.fault().is_some_and(|f| f.code.is_client()), "{err:?}");

        let d = c
            .distance(
                &Distance::new(point(1.0, 1.0), point(4.0, 5.0)),
                &Default::default(),
            )
            .await
            .expect("distance");
        assert_eq!(d.body.r#return, 5.0);

        let s = c
            .summarize(
                &Summarize::new(
                    DoubleArray {
                        item: vec![1.0, 2.0, 4.5],
                        ..Default::default()
                    },
                    Rounding::HalfEven,
                ),
                &Default::default(),
            )
            .await
            .expect("summarize");
        assert_eq!(
            (
                s.body.stats.count,
                s.body.stats.mean,
                &s.body.stats.rounding,
                s.body.label.as_str()
            ),
            (3, Some(2.5), &Rounding::HalfEven, "3 values")
        );

        let q = c
            .divide(&Divide::new(17, 5), &session("s-1"))
            .await
            .expect("divide");
        assert_eq!((q.body.quotient, q.body.remainder), (3, 2));
        let err = c
            .divide(&Divide::new(7, 0), &session("s-1"))
            .await
            .expect_err("division by zero");
        let fault = err.fault().expect("a SOAP fault");
        assert!(fault.code.is_client());
        let detail = fault.detail.as_deref().unwrap_or_default();
        assert_eq!(detail.len(), 1, "{fault:?}");
        let typed = decode_document::<DivisionByZero>(detail[0].xml().as_bytes())
            .expect("the detail is the declared fault element");
        assert_eq!(typed.value.dividend, 7);
        let err = c
            .divide(&Divide::new(7, 1), &Default::default())
            .await
            .expect_err("no session header");
        assert_eq!(
            err.fault().map(|f| f.string.as_str()),
            Some("no session header")
        );

        let v = c
            .version(&Version::default(), &Default::default())
            .await
            .expect("version");
        assert_eq!(v.body.r#return, "calculator 1.0");
        server.stop().await;
    })
    .await;
}

#[tokio::test]
async fn soap12_binding_shares_the_wrappers() {
    bounded(async {
        let server = Server::start(calculator12_dispatcher(Calculator)).await;
        let c = Calculator12Client::new(soap_client(&server.url, Duration::from_secs(10)));
        let r = c
            .add(&Add::new(40, 2), &Default::default())
            .await
            .expect("add over SOAP 1.2");
        assert_eq!(r.body.r#return, 42);
        server.stop().await;
    })
    .await;
}

/// What zeep sends (prefix `ns0`, accessors in no namespace): routed by the wrapper's name
/// (the WSDL's soapAction is empty), answered with `{operation}Response` and unqualified
/// accessors.
#[tokio::test]
async fn wire_form_of_the_wrappers() {
    bounded(async {
        let server = Server::start(calculator_port_dispatcher(Calculator)).await;
        let request = r#"<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"><soap-env:Body><ns0:add xmlns:ns0="urn:example:calculator"><a>20</a><b>22</b></ns0:add></soap-env:Body></soap-env:Envelope>"#;
        let reply = post(&server.url, Some(""), request).await;
        let text = String::from_utf8(reply.body).expect("UTF-8");
        assert_eq!(reply.status, 200, "{text}");
        assert_xml_eq(
            r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><c:addResponse xmlns:c="urn:example:calculator"><return>42</return></c:addResponse></s:Body></s:Envelope>"#,
            &text,
        );

        // Complex part types: the accessor holds the type's content (here unqualified
        // children, as the schema has no elementFormDefault).
        let request = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><c:distance xmlns:c="urn:example:calculator"><from><x>0</x><y>0</y></from><to><x>3</x><y>4</y></to></c:distance></s:Body></s:Envelope>"#;
        let reply = post(&server.url, None, request).await;
        let text = String::from_utf8(reply.body).expect("UTF-8");
        assert_xml_eq(
            r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><c:distanceResponse xmlns:c="urn:example:calculator"><return>5.0</return></c:distanceResponse></s:Body></s:Envelope>"#,
            &text,
        );

        // An empty wrapper (no input part).
        let request = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><c:version xmlns:c="urn:example:calculator"/></s:Body></s:Envelope>"#;
        let reply = post(&server.url, Some(""), request).await;
        let text = String::from_utf8(reply.body).expect("UTF-8");
        assert!(
            text.contains("<return>calculator 1.0</return>"),
            "{text}"
        );

        // Accessors qualified with the wrapper's namespace are not the parts: a Client fault.
        let request = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><c:add xmlns:c="urn:example:calculator"><c:a>1</c:a><c:b>2</c:b></c:add></s:Body></s:Envelope>"#;
        let reply = post(&server.url, Some(""), request).await;
        let text = String::from_utf8(reply.body).expect("UTF-8");
        assert_eq!(reply.status, 500, "{text}");
        assert!(text.contains("Client"), "{text}");

        // A wrapper in another namespace is no operation of this binding.
        let request = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><c:add xmlns:c="urn:example:other"><a>1</a><b>2</b></c:add></s:Body></s:Envelope>"#;
        let reply = post(&server.url, Some(""), request).await;
        assert_eq!(reply.status, 500);
        server.stop().await;
    })
    .await;
}
