//! The code generated from the SOAP fixture WSDL (`tests::soap_fixture`, from
//! `xsd2rs/tests/fixtures/soap/service.wsdl`) over real loopback HTTP: a SOAP 1.1 binding with
//! three request header blocks (a named header struct) and one response block, extra
//! (undeclared) header blocks both ways, an operation with an empty soapAction and a keyword
//! name (`r#move`), and the SOAP 1.2 binding of the same port type, faults included, whose
//! service implements one operation and leaves the other to the default "not implemented".

mod loopback;

use std::time::Duration;

use loopback::*;
use tests::soap_fixture::{
    inventory12_dispatcher, inventory_dispatcher, Credentials, GetStock, GetStockInputHeaders,
    GetStockInputHeaders2, GetStockOutputHeaders, GetStockOutputHeaders2, GetStockResponse,
    Inventory, Inventory12, Inventory12Client, InventoryClient, InventoryService, Locale, Move,
    MoveInputHeaders, MoveOutputHeaders, MoveResponse, Quota, Trace,
};
use xsd2rs_runtime::soap::{Envelope, Fault, HeaderBlock, SoapError, SoapVersion, SOAP12_ENV_NS};
use xsd2rs_runtime::types::Language;
use xsd2rs_runtime::SimpleValue;

/// Counts the characters of the SKU; SKU `fault` → a Server fault. The response's Quota
/// header says how many declared header blocks arrived; every extra block of the request is
/// echoed back as an extra block of the response, plus one `<x:Served>`.
struct Stock;

const X: &str = "urn:example:extra";

fn count(sku: &str) -> Result<GetStockResponse, Fault> {
    if sku == "fault" {
        return Err(
            Fault::server("stock database offline").with_error_code("ErrorInternalServerError")
        );
    }
    Ok(GetStockResponse {
        xsi: Default::default(),
        count: i32::try_from(sku.len()).unwrap_or(i32::MAX),
        r#where: Some(Inventory {
            xsi: Default::default(),
            name: "main".into(),
        }),
    })
}

impl InventoryService for Stock {
    async fn get_stock(
        &self,
        request: Envelope<GetStock, GetStockInputHeaders2>,
    ) -> Result<Envelope<GetStockResponse, GetStockOutputHeaders2>, Fault> {
        let GetStockInputHeaders2 {
            credentials,
            locale,
            trace,
            extra,
        } = request.headers;
        let seen = [credentials.is_some(), locale.is_some(), trace.is_some()]
            .iter()
            .filter(|x| **x)
            .count();
        let user_ok = credentials.is_none_or(|c| c.user == "alice");
        if !user_ok {
            return Err(Fault::client("unknown user"));
        }
        let quota = Quota {
            xsi: Default::default(),
            remaining: i32::try_from(seen).ok(),
        };
        let served = HeaderBlock::raw(&format!("<x:Served xmlns:x=\"{X}\">yes</x:Served>"))
            .map_err(Fault::server)?;
        let mut echoed = extra;
        echoed.push(served);
        Ok(Envelope::with_headers(
            count(&request.body.sku)?,
            GetStockOutputHeaders2 {
                quota: Some(quota),
                extra: echoed,
            },
        ))
    }

    async fn r#move(
        &self,
        request: Envelope<Move, MoveInputHeaders>,
    ) -> Result<Envelope<MoveResponse, MoveOutputHeaders>, Fault> {
        Ok(Envelope::new(MoveResponse {
            xsi: Default::default(),
            done: request.body.to != request.body.sku,
            receipt: None,
            lock: None,
        }))
    }
}

/// Implements GetStock only: `move` answers the default "not implemented" fault.
impl Inventory12 for Stock {
    async fn get_stock(
        &self,
        request: Envelope<GetStock, GetStockInputHeaders>,
    ) -> Result<Envelope<GetStockResponse, GetStockOutputHeaders>, Fault> {
        if request.body.sku == "extra" {
            // A fault carrying a header block.
            let block = HeaderBlock::raw(&format!("<x:Why xmlns:x=\"{X}\">asked</x:Why>"))
                .map_err(Fault::server)?;
            return Err(Fault::client("extra asked").with_header(block));
        }
        Ok(Envelope::new(count(&request.body.sku)?))
    }
}

fn stock(sku: &str) -> GetStock {
    GetStock {
        xsi: Default::default(),
        sku: sku.into(),
    }
}

#[tokio::test]
async fn soap11_binding_with_named_headers_and_extra_blocks() {
    bounded(async {
        let server = Server::start(inventory_dispatcher(Stock)).await;
        let c = InventoryClient::new(soap_client(&server.url, Duration::from_secs(10)));
        let locale = Locale::from(Language::parse_text("en-GB").expect("a language tag"));
        let headers = GetStockInputHeaders2 {
            credentials: Some(Credentials {
                xsi: Default::default(),
                user: "alice".into(),
            }),
            locale: Some(locale),
            trace: Some(Trace {
                xsi: Default::default(),
                id: Some("t-1".into()),
            }),
            extra: vec![HeaderBlock::raw(&format!(
                "<x:Correlation xmlns:x=\"{X}\" n=\"1\">abc</x:Correlation>"
            ))
            .expect("raw block")
            .actor("http://schemas.xmlsoap.org/soap/actor/next")],
        };
        let reply = c.get_stock(&stock("ABC-12"), &headers).await.expect("call");
        assert_eq!(reply.body.count, 6);
        assert_eq!(reply.body.r#where.map(|w| w.name).as_deref(), Some("main"));
        assert_eq!(reply.headers.quota.and_then(|q| q.remaining), Some(3));
        // The request's extra block came back (raw, with its actor), then the server's own.
        let names: Vec<&str> = reply.headers.extra.iter().map(HeaderBlock::local).collect();
        assert_eq!(names, ["Correlation", "Served"]);
        assert_eq!(
            reply.headers.extra[0].actor_uri(),
            Some("http://schemas.xmlsoap.org/soap/actor/next")
        );
        assert!(reply.headers.extra[0].element_raw().xml().contains("abc"));
        // Kept, so not unknown content.
        assert!(reply.unknown.is_empty(), "{:?}", reply.unknown);
        let reply = c
            .get_stock(&stock("A"), &Default::default())
            .await
            .expect("call without header blocks");
        assert_eq!(reply.headers.quota.and_then(|q| q.remaining), Some(0));
        let err = c
            .get_stock(
                &stock("A"),
                &GetStockInputHeaders2 {
                    credentials: Some(Credentials {
                        xsi: Default::default(),
                        user: "mallory".into(),
                    }),
                    ..Default::default()
                },
            )
            .await
            .expect_err("a Client fault");
        assert!(err.fault().is_some_and(|f| f.code.is_client()), "{err:?}");
        // soapAction="" in the WSDL: routed by the body root.
        let moved = c
            .r#move(
                &Move {
                    xsi: Default::default(),
                    sku: "A".into(),
                    to: "B".into(),
                },
                &Default::default(),
            )
            .await
            .expect("move");
        assert!(moved.body.done);
        server.stop().await;
    })
    .await;
}

#[tokio::test]
async fn soap12_binding_and_its_faults() {
    bounded(async {
        let server = Server::start(inventory12_dispatcher(Stock)).await;
        let c = Inventory12Client::new(soap_client(&server.url, Duration::from_secs(10)));
        assert_eq!(
            c.client.version(),
            SoapVersion::Soap12
        );
        let reply = c
            .get_stock(&stock("XY"), &Default::default())
            .await
            .expect("1.2 call");
        assert_eq!(reply.body.count, 2);
        // Not implemented by this service: the default method's Receiver fault.
        let err = c
            .r#move(
                &Move::new("A", "B"),
                &Default::default(),
            )
            .await
            .expect_err("not implemented");
        let f = err.fault().expect("a fault");
        assert!(f.code.is_server(), "{:?}", f.code);
        assert!(f.string.contains("move is not implemented"), "{}", f.string);
        // A fault with a header block: kept on the fault.
        let err = c
            .get_stock(&stock("extra"), &Default::default())
            .await
            .expect_err("fault");
        let f = err.fault().expect("a fault");
        assert_eq!(f.headers.len(), 1);
        assert!(f.headers[0].is(X, "Why"));
        let err = c
            .get_stock(&stock("fault"), &Default::default())
            .await
            .expect_err("fault");
        let SoapError::Fault(f) = &err else {
            panic!("expected a fault, got {err:?}");
        };
        assert!(f.code.is_server(), "{:?}", f.code);
        assert_eq!(
            f.ews.error_code.as_deref(),
            Some("ErrorInternalServerError")
        );
        // A SOAP 1.1 client against the 1.2 server gets a 1.2 fault envelope: a version mismatch.
        let c11 = InventoryClient::new(soap_client(&server.url, Duration::from_secs(10)));
        let err = c11
            .r#move(
                &Move { xsi: Default::default(),
                    sku: "A".into(),
                    to: "A".into(),
                },
                &Default::default(),
            )
            .await
            .expect_err("version mismatch");
        assert!(
            matches!(&err, SoapError::VersionMismatch { expected: SoapVersion::Soap11, found_ns } if found_ns == SOAP12_ENV_NS),
            "{err:?}"
        );
        server.stop().await;
    })
    .await;
}
