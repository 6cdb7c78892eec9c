//! The generated MS-OXWSMTRK client (`generated::mtrk::ExchangeServiceClient`) against the
//! generated dispatcher (`generated::mtrk::exchange_service_dispatcher`) over real loopback
//! HTTP: both operations with typed headers both ways (RequestServerVersion in,
//! ServerVersionInfo out), a fault, ResponseClass="Error" as data, routing by body root,
//! mustUnderstand, a client timeout and the blocking path.

mod loopback;

use std::time::Duration;

use generated::mtrk::{
    exchange_service_dispatcher, ArrayOfFindMessageTrackingSearchResultType, ArrayOfRecipientsType,
    EmailAddressType, ExchangeService, ExchangeServiceClient, ExchangeVersionType,
    FindMessageTrackingReportInputHeaders, FindMessageTrackingReportOutputHeaders,
    FindMessageTrackingReportRequestType, FindMessageTrackingReportResponseMessageType,
    FindMessageTrackingSearchResultType, GetMessageTrackingReportInputHeaders,
    GetMessageTrackingReportOutputHeaders, GetMessageTrackingReportRequestType,
    GetMessageTrackingReportResponseMessageType, MessageTrackingReportTemplateType,
    MessageTrackingReportType, NonEmptyStringType, RequestServerVersion, ResponseClassType,
    ResponseCodeType, ServerVersionInfo,
};
use loopback::*;
use xsd2rs_runtime::soap::{decode_envelope, decode_fault, Envelope, Fault, Limits, SoapError};
use xsd2rs_runtime::transport::BlockingRuntime;
use xsd2rs_runtime::types::DateTime;
use xsd2rs_runtime::SimpleValue;

/// Answers with one tracked message sent by `alice@example.com`; scope `fault` → a Server
/// fault; domain `error.example` → ResponseClass="Error"; report id `slow` → sleeps 5 s.
/// Every response echoes the requested server version in ServerVersionInfo.
struct Tracker;

fn text(s: &str) -> NonEmptyStringType {
    NonEmptyStringType(s.to_owned())
}

fn address(a: &str) -> EmailAddressType {
    EmailAddressType {
        email_address: Some(text(a)),
        ..Default::default()
    }
}

fn version_info(requested: Option<RequestServerVersion>) -> Option<ServerVersionInfo> {
    let version = requested.map(|r| {
        let mut s = String::new();
        r.version.write_text(&mut s);
        s
    });
    Some(ServerVersionInfo {
        major_version: Some(15),
        version,
        ..Default::default()
    })
}

impl ExchangeService for Tracker {
    async fn find_message_tracking_report(
        &self,
        request: Envelope<
            FindMessageTrackingReportRequestType,
            FindMessageTrackingReportInputHeaders,
        >,
    ) -> Result<
        Envelope<
            FindMessageTrackingReportResponseMessageType,
            FindMessageTrackingReportOutputHeaders,
        >,
        Fault,
    > {
        let r = request.body;
        if r.scope.0 == "fault" {
            return Err(Fault::server("tracking log unavailable")
                .with_error_code("ErrorInternalServerError"));
        }
        let error = r.domain.0 == "error.example";
        let sender_matches = r
            .sender
            .as_ref()
            .and_then(|s| s.email_address.as_ref())
            .is_none_or(|a| a.0 == "alice@example.com");
        let submitted = DateTime::parse_text("2026-11-20T10:00:00Z")
            .map_err(|e| Fault::server(e.to_string()))?;
        let results =
            (!error && sender_matches).then(|| ArrayOfFindMessageTrackingSearchResultType {
                xsi: Default::default(),
                message_tracking_search_result: vec![FindMessageTrackingSearchResultType {
                    order: Default::default(),
                    xsi: Default::default(),
                    subject: "Quarterly report".into(),
                    sender: address("alice@example.com"),
                    purported_sender: None,
                    recipients: ArrayOfRecipientsType {
                        xsi: Default::default(),
                        mailbox: vec![address("bob@example.com")],
                    },
                    submitted_time: submitted.clone(),
                    message_tracking_report_id: text("report-1"),
                    previous_hop_server: None,
                    first_hop_server: None,
                    properties: None,
                }],
            });
        let body = FindMessageTrackingReportResponseMessageType {
            xsi: Default::default(),
            response_class: if error {
                ResponseClassType::Error
            } else {
                ResponseClassType::Success
            },
            message_text: error.then(|| "Unknown domain.".to_owned()),
            response_code: Some(if error {
                ResponseCodeType::ErrorInvalidArgument
            } else {
                ResponseCodeType::NoError
            }),
            descriptive_link_key: None,
            message_xml: None,
            diagnostics: None,
            message_tracking_search_results: results,
            executed_search_scope: Some(r.scope.0),
            errors: None,
            properties: None,
        };
        let headers = FindMessageTrackingReportOutputHeaders {
            server_version: version_info(request.headers.request_version),
            ..Default::default()
        };
        Ok(Envelope::with_headers(body, headers))
    }

    async fn get_message_tracking_report(
        &self,
        request: Envelope<
            GetMessageTrackingReportRequestType,
            GetMessageTrackingReportInputHeaders,
        >,
    ) -> Result<
        Envelope<
            GetMessageTrackingReportResponseMessageType,
            GetMessageTrackingReportOutputHeaders,
        >,
        Fault,
    > {
        let r = request.body;
        if r.message_tracking_report_id.0 == "slow" {
            tokio::time::sleep(Duration::from_secs(5)).await;
        }
        let found = r.message_tracking_report_id.0 == "report-1";
        let body = GetMessageTrackingReportResponseMessageType {
            xsi: Default::default(),
            response_class: if found {
                ResponseClassType::Success
            } else {
                ResponseClassType::Error
            },
            message_text: None,
            response_code: Some(if found {
                ResponseCodeType::NoError
            } else {
                ResponseCodeType::ErrorMessageTrackingNoSuchDomain
            }),
            descriptive_link_key: None,
            message_xml: None,
            message_tracking_report: found.then(|| MessageTrackingReportType {
                subject: Some(format!(
                    "Quarterly report ({})",
                    match r.report_template {
                        MessageTrackingReportTemplateType::RecipientPath => "RecipientPath",
                        _ => "Summary",
                    }
                )),
                ..Default::default()
            }),
            diagnostics: None,
            errors: None,
            properties: None,
        };
        let headers = GetMessageTrackingReportOutputHeaders {
            server_version: version_info(request.headers.request_version),
            ..Default::default()
        };
        Ok(Envelope::with_headers(body, headers))
    }
}

fn find(scope: &str, domain: &str, sender: Option<&str>) -> FindMessageTrackingReportRequestType {
    FindMessageTrackingReportRequestType {
        scope: text(scope),
        domain: text(domain),
        sender: sender.map(address),
        ..Default::default()
    }
}

fn get(id: &str) -> GetMessageTrackingReportRequestType {
    GetMessageTrackingReportRequestType {
        order: Default::default(),
        xsi: Default::default(),
        scope: text("Organization"),
        report_template: MessageTrackingReportTemplateType::RecipientPath,
        recipient_filter: None,
        message_tracking_report_id: text(id),
        return_queue_events: None,
        diagnostics_level: None,
        properties: None,
    }
}

fn v2013() -> Option<RequestServerVersion> {
    Some(RequestServerVersion {
        xsi: Default::default(),
        version: ExchangeVersionType::Exchange2013,
        any_attributes: Default::default(),
    })
}

fn find_v2013() -> FindMessageTrackingReportInputHeaders {
    FindMessageTrackingReportInputHeaders {
        request_version: v2013(),
        ..Default::default()
    }
}

fn get_v2013() -> GetMessageTrackingReportInputHeaders {
    GetMessageTrackingReportInputHeaders {
        request_version: v2013(),
        ..Default::default()
    }
}

fn client(url: &str, timeout: Duration) -> ExchangeServiceClient {
    ExchangeServiceClient::new(soap_client(url, timeout))
}

#[tokio::test]
async fn both_operations_with_typed_headers_both_ways() {
    bounded(async {
        let server = Server::start(exchange_service_dispatcher(Tracker)).await;
        let c = client(&server.url, Duration::from_secs(10));
        let reply = c
            .find_message_tracking_report(
                &find("Organization", "example.com", Some("alice@example.com")),
                &find_v2013(),
            )
            .await
            .expect("find succeeds");
        assert_eq!(reply.body.response_class, ResponseClassType::Success);
        let results = reply
            .body
            .message_tracking_search_results
            .expect("results")
            .message_tracking_search_result;
        assert_eq!(results.len(), 1);
        assert_eq!(results[0].message_tracking_report_id.0, "report-1");
        assert_eq!(
            reply
                .headers
                .server_version
                .and_then(|h| h.version)
                .as_deref(),
            Some("Exchange2013"),
            "the request header reached the service and the response header came back"
        );
        // Without the request header the service sees None.
        let reply = c
            .find_message_tracking_report(
                &find("Organization", "example.com", Some("carol@example.com")),
                &Default::default(),
            )
            .await
            .expect("find succeeds");
        assert!(reply.body.message_tracking_search_results.is_none());
        let info = reply.headers.server_version.expect("ServerVersionInfo");
        assert_eq!((info.major_version, info.version), (Some(15), None));

        let reply = c
            .get_message_tracking_report(&get("report-1"), &get_v2013())
            .await
            .expect("get succeeds");
        assert_eq!(reply.body.response_class, ResponseClassType::Success);
        assert_eq!(
            reply
                .body
                .message_tracking_report
                .and_then(|r| r.subject)
                .as_deref(),
            Some("Quarterly report (RecipientPath)")
        );
        assert_eq!(
            reply
                .headers
                .server_version
                .and_then(|h| h.version)
                .as_deref(),
            Some("Exchange2013")
        );
        server.stop().await;
    })
    .await;
}

#[tokio::test]
async fn error_class_is_data_and_faults_are_errors() {
    bounded(async {
        let server = Server::start(exchange_service_dispatcher(Tracker)).await;
        let c = client(&server.url, Duration::from_secs(10));
        let reply = c
            .find_message_tracking_report(
                &find("Organization", "error.example", None),
                &find_v2013(),
            )
            .await
            .expect("data");
        assert_eq!(reply.body.response_class, ResponseClassType::Error);
        assert_eq!(
            reply.body.response_code,
            Some(ResponseCodeType::ErrorInvalidArgument)
        );
        let reply = c
            .get_message_tracking_report(&get("nope"), &Default::default())
            .await
            .expect("data");
        assert_eq!(reply.body.response_class, ResponseClassType::Error);
        let err = c
            .find_message_tracking_report(&find("fault", "example.com", None), &find_v2013())
            .await
            .expect_err("a fault");
        let SoapError::Fault(f) = &err else {
            panic!("expected a fault, got {err:?}");
        };
        assert!(f.code.is_server());
        assert_eq!(
            f.ews.error_code.as_deref(),
            Some("ErrorInternalServerError")
        );
        server.stop().await;
    })
    .await;
}

const FIND_BODY: &str = "<m:FindMessageTrackingReport><m:Scope>Organization</m:Scope><m:Domain>example.com</m:Domain></m:FindMessageTrackingReport>";

#[tokio::test]
async fn raw_requests_route_by_body_root_and_honour_must_understand() {
    bounded(async {
        let server = Server::start(exchange_service_dispatcher(Tracker)).await;
        let header = r#"<t:RequestServerVersion Version="Exchange2010_SP1"/>"#;
        for action in [None, Some("")] {
            let reply = post(&server.url, action, &envelope11(header, FIND_BODY)).await;
            assert_eq!(
                reply.status,
                200,
                "{}",
                String::from_utf8_lossy(&reply.body)
            );
            let (_, env) = decode_envelope::<
                FindMessageTrackingReportResponseMessageType,
                FindMessageTrackingReportOutputHeaders,
            >(&reply.body, Some(V11), &Limits::default())
            .expect("a FindMessageTrackingReportResponse");
            assert_eq!(
                env.body.executed_search_scope.as_deref(),
                Some("Organization")
            );
            assert_eq!(
                env.headers
                    .server_version
                    .and_then(|h| h.version)
                    .as_deref(),
                Some("Exchange2010_SP1")
            );
        }
        // A declared header with mustUnderstand is understood; an undeclared one is not.
        let known = r#"<t:RequestServerVersion s:mustUnderstand="1" Version="Exchange2013"/>"#;
        let reply = post(&server.url, None, &envelope11(known, FIND_BODY)).await;
        assert_eq!(
            reply.status,
            200,
            "{}",
            String::from_utf8_lossy(&reply.body)
        );
        let unknown = r#"<t:TimeZoneContext s:mustUnderstand="1"/>"#;
        let reply = post(&server.url, None, &envelope11(unknown, FIND_BODY)).await;
        assert_eq!(reply.status, 500);
        let f = decode_fault(&reply.body, &Limits::default())
            .expect("well-formed")
            .map(|(_, f)| f)
            .expect("a fault");
        assert!(f.code.is_must_understand(), "{:?}", f.code);
        server.stop().await;
    })
    .await;
}

#[tokio::test]
async fn slow_service_times_out_on_the_client() {
    bounded(async {
        let server = Server::start(exchange_service_dispatcher(Tracker)).await;
        let c = client(&server.url, Duration::from_millis(500));
        let err = c
            .get_message_tracking_report(&get("slow"), &Default::default())
            .await
            .expect_err("times out");
        assert!(err.is_timeout(), "{err:?}");
        server.stop().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocking_client_path() {
    bounded(async {
        let server = Server::start(exchange_service_dispatcher(Tracker)).await;
        let url = server.url.clone();
        let (tx, rx) = tokio::sync::oneshot::channel();
        std::thread::spawn(move || {
            let outcome = (|| -> Result<(usize, Option<String>), String> {
                let rt = BlockingRuntime::new().map_err(|e| e.to_string())?;
                let c = client(&url, Duration::from_secs(10));
                let reply = rt
                    .call(c.find_message_tracking_report(
                        &find("Organization", "example.com", None),
                        &find_v2013(),
                    ))
                    .map_err(|e| e.to_string())?;
                let n = reply
                    .body
                    .message_tracking_search_results
                    .map_or(0, |r| r.message_tracking_search_result.len());
                Ok((n, reply.headers.server_version.and_then(|h| h.version)))
            })();
            let _ = tx.send(outcome);
        });
        let outcome = rx.await.expect("the blocking thread answers");
        assert_eq!(outcome, Ok((1, Some("Exchange2013".to_owned()))));
        server.stop().await;
    })
    .await;
}
