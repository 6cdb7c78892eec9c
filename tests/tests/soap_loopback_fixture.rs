//! The code generated from the SOAP fixture WSDL (`tests::soap_fixture`, from
//! `xsd2rs/tests/fixtures/soap/service.wsdl`) over real loopback HTTP: a SOAP 1.1 binding with
//! three request header blocks (a tuple of options) and one response block, an operation with
//! an empty soapAction and a keyword name (`r#move`), and the SOAP 1.2 binding of the same
//! port type, faults included.

mod loopback;

use std::time::Duration;

use loopback::*;
use tests::soap_fixture::{
    inventory12_dispatcher, inventory_dispatcher, Credentials, GetStock, GetStockResponse,
    Inventory, Inventory12, Inventory12Client, InventoryClient, InventoryService, Locale, Move,
    MoveResponse, Quota, Trace,
};
use xsd2rs_runtime::soap::{Envelope, Fault, SoapError, SoapVersion, SOAP12_ENV_NS};
use xsd2rs_runtime::types::Language;
use xsd2rs_runtime::SimpleValue;

/// Counts the characters of the SKU; SKU `fault` → a Server fault. The response's Quota
/// header says how many header blocks arrived.
struct Stock;

type In = (Option<Credentials>, Option<Locale>, Option<Trace>);

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
        request: Envelope<GetStock, In>,
    ) -> Result<Envelope<GetStockResponse, Option<Quota>>, Fault> {
        let (credentials, locale, trace) = request.headers;
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
        Ok(Envelope::with_headers(
            count(&request.body.sku)?,
            Some(quota),
        ))
    }

    async fn r#move(
        &self,
        request: Envelope<Move, ()>,
    ) -> Result<Envelope<MoveResponse, ()>, Fault> {
        Ok(Envelope::new(MoveResponse {
            xsi: Default::default(),
            done: request.body.to != request.body.sku,
            receipt: None,
            lock: None,
        }))
    }
}

impl Inventory12 for Stock {
    async fn get_stock(
        &self,
        request: Envelope<GetStock, ()>,
    ) -> Result<Envelope<GetStockResponse, ()>, Fault> {
        Ok(Envelope::new(count(&request.body.sku)?))
    }

    async fn r#move(
        &self,
        request: Envelope<Move, ()>,
    ) -> Result<Envelope<MoveResponse, ()>, Fault> {
        InventoryService::r#move(self, request).await
    }
}

fn stock(sku: &str) -> GetStock {
    GetStock {
        xsi: Default::default(),
        sku: sku.into(),
    }
}

#[tokio::test]
async fn soap11_binding_with_header_tuple() {
    bounded(async {
        let server = Server::start(inventory_dispatcher(Stock)).await;
        let c = InventoryClient::new(soap_client(&server.url, Duration::from_secs(10)));
        let locale = Locale::from(Language::parse_text("en-GB").expect("a language tag"));
        let headers = (
            Some(Credentials {
                xsi: Default::default(),
                user: "alice".into(),
            }),
            Some(locale),
            Some(Trace {
                xsi: Default::default(),
                id: Some("t-1".into()),
            }),
        );
        let reply = c.get_stock(&stock("ABC-12"), &headers).await.expect("call");
        assert_eq!(reply.body.count, 6);
        assert_eq!(reply.body.r#where.map(|w| w.name).as_deref(), Some("main"));
        assert_eq!(reply.headers.and_then(|q| q.remaining), Some(3));
        let reply = c
            .get_stock(&stock("A"), &(None, None, None))
            .await
            .expect("call without header blocks");
        assert_eq!(reply.headers.and_then(|q| q.remaining), Some(0));
        let err = c
            .get_stock(
                &stock("A"),
                &(
                    Some(Credentials {
                        xsi: Default::default(),
                        user: "mallory".into(),
                    }),
                    None,
                    None,
                ),
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
                &(),
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
        let reply = c.get_stock(&stock("XY"), &()).await.expect("1.2 call");
        assert_eq!(reply.body.count, 2);
        let err = c.get_stock(&stock("fault"), &()).await.expect_err("fault");
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
                &(),
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
