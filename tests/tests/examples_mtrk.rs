//! The `mtrk-server` example as a built program on 127.0.0.1, called in-process through the
//! generated `generated::mtrk::ExchangeServiceClient` over real HTTP: FindMessageTrackingReport
//! search criteria and GetMessageTrackingReport's Summary and RecipientPath rules
//! (MS-OXWSMTRK §3.1.4). Also the tests of the shared helpers in `examples_common.rs`.

#[path = "examples_common.rs"]
mod common;

use std::path::Path;

use common::{example_exe, run, Server};
use generated::mtrk::{
    EmailAddressType, ExchangeServiceClient, ExchangeVersionType,
    FindMessageTrackingReportInputHeaders, FindMessageTrackingReportRequestType,
    FindMessageTrackingReportResponseMessageType, GetMessageTrackingReportInputHeaders,
    GetMessageTrackingReportRequestType, GetMessageTrackingReportResponseMessageType,
    MessageTrackingReportTemplateType, NonEmptyStringType, RequestServerVersion, ResponseClassType,
    ResponseCodeType,
};
use xsd2rs_runtime::soap::Client;
use xsd2rs_runtime::transport::{BlockingRuntime, HttpTransport};
use xsd2rs_runtime::types::DateTime;
use xsd2rs_runtime::SimpleValue;

/// A generated client connected to a running mtrk-server.
struct Tracking {
    _server: Server,
    ews: ExchangeServiceClient,
    rt: BlockingRuntime,
}

fn version() -> Option<RequestServerVersion> {
    Some(RequestServerVersion {
        xsi: Default::default(),
        version: ExchangeVersionType::Exchange2016,
        any_attributes: Default::default(),
    })
}

impl Tracking {
    fn start() -> Tracking {
        let server = Server::start("mtrk-server");
        let transport = HttpTransport::builder(server.url.clone())
            .timeout(std::time::Duration::from_secs(20))
            .build()
            .expect("transport");
        Tracking {
            _server: server,
            ews: ExchangeServiceClient::new(Client::new(transport)),
            rt: BlockingRuntime::new().expect("runtime"),
        }
    }

    fn find(
        &self,
        req: &FindMessageTrackingReportRequestType,
    ) -> FindMessageTrackingReportResponseMessageType {
        let reply = self
            .rt
            .call(self.ews.find_message_tracking_report(
                req,
                &FindMessageTrackingReportInputHeaders {
                    request_version: version(),
                    ..Default::default()
                },
            ))
            .expect("FindMessageTrackingReport");
        let v = reply
            .headers
            .server_version
            .expect("ServerVersionInfo header");
        assert_eq!(v.major_version, Some(15));
        reply.body
    }

    fn get(
        &self,
        req: &GetMessageTrackingReportRequestType,
    ) -> GetMessageTrackingReportResponseMessageType {
        let reply = self
            .rt
            .call(self.ews.get_message_tracking_report(
                req,
                &GetMessageTrackingReportInputHeaders {
                    request_version: version(),
                    ..Default::default()
                },
            ))
            .expect("GetMessageTrackingReport");
        assert!(
            reply.headers.server_version.is_some(),
            "ServerVersionInfo header"
        );
        reply.body
    }

    /// The report id of the one message `req` finds.
    fn report_id(&self, req: &FindMessageTrackingReportRequestType) -> String {
        let found = self.find(req);
        let results = found
            .message_tracking_search_results
            .expect("results")
            .message_tracking_search_result;
        assert_eq!(results.len(), 1, "{results:#?}");
        results
            .into_iter()
            .next()
            .map(|r| r.message_tracking_report_id.0)
            .unwrap_or_default()
    }
}

fn who(addr: &str) -> EmailAddressType {
    EmailAddressType {
        email_address: Some(NonEmptyStringType(addr.to_owned())),
        ..EmailAddressType::default()
    }
}

fn search() -> FindMessageTrackingReportRequestType {
    FindMessageTrackingReportRequestType {
        scope: NonEmptyStringType("Organization".to_owned()),
        domain: NonEmptyStringType("example.com".to_owned()),
        ..FindMessageTrackingReportRequestType::default()
    }
}

fn dt(s: &str) -> DateTime {
    DateTime::parse_text(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn subjects(r: &FindMessageTrackingReportResponseMessageType) -> Vec<&str> {
    r.message_tracking_search_results
        .iter()
        .flat_map(|a| &a.message_tracking_search_result)
        .map(|m| m.subject.as_str())
        .collect()
}

fn report(
    id: &str,
    template: MessageTrackingReportTemplateType,
) -> GetMessageTrackingReportRequestType {
    GetMessageTrackingReportRequestType {
        order: Default::default(),
        xsi: Default::default(),
        scope: NonEmptyStringType("Organization".to_owned()),
        report_template: template,
        recipient_filter: None,
        message_tracking_report_id: NonEmptyStringType(id.to_owned()),
        return_queue_events: None,
        diagnostics_level: None,
        properties: None,
    }
}

/// (recipient, DeliveryStatus, EventDescription) of each event.
fn events(r: &GetMessageTrackingReportResponseMessageType) -> Vec<(String, String, String)> {
    r.message_tracking_report
        .iter()
        .flat_map(|t| &t.recipient_tracking_events.recipient_tracking_event)
        .map(|e| {
            (
                e.recipient
                    .email_address
                    .clone()
                    .map(|a| a.0)
                    .unwrap_or_default(),
                e.delivery_status.clone(),
                e.event_description.clone(),
            )
        })
        .collect()
}

#[test]
fn find_honours_each_search_criterion() {
    let t = Tracking::start();

    let mut req = search();
    req.sender = Some(who("alice@example.com"));
    let r = t.find(&req);
    assert_eq!(r.response_class, ResponseClassType::Success);
    assert_eq!(r.response_code, Some(ResponseCodeType::NoError));
    assert_eq!(r.executed_search_scope.as_deref(), Some("Organization"));
    assert_eq!(subjects(&r), ["Quarterly report", "Lunch on Friday?"]);
    let first = &r
        .message_tracking_search_results
        .as_ref()
        .expect("results")
        .message_tracking_search_result[0];
    assert_eq!(first.recipients.mailbox.len(), 2);
    assert_eq!(first.submitted_time.as_str(), "2024-03-01T09:00:00Z");
    assert!(first
        .message_tracking_report_id
        .0
        .starts_with("Message-Id=<q1-report@example.com>,Server="));

    let mut req = search();
    req.recipient = Some(who("carol@example.com"));
    assert_eq!(subjects(&t.find(&req)), ["Quarterly report"]);

    let mut req = search();
    req.subject = Some("budget".to_owned());
    assert_eq!(subjects(&t.find(&req)), ["Budget draft v2"]);

    let mut req = search();
    req.message_id = Some(NonEmptyStringType("<kickoff-1@example.com>".to_owned()));
    assert_eq!(subjects(&t.find(&req)), ["Project kickoff"]);

    let mut req = search();
    req.start_date_time = Some(dt("2024-03-03T00:00:00Z"));
    req.end_date_time = Some(dt("2024-03-05T11:00:00Z"));
    assert_eq!(
        subjects(&t.find(&req)),
        ["Budget draft v2", "Project kickoff"]
    );

    // Criteria combine (all must match).
    let mut req = search();
    req.sender = Some(who("bob@example.com"));
    req.recipient = Some(who("erin@example.com"));
    assert_eq!(subjects(&t.find(&req)), ["Budget draft v2"]);
    req.end_date_time = Some(dt("2024-03-01T00:00:00Z"));
    assert!(subjects(&t.find(&req)).is_empty());

    // Diagnostics on request.
    let mut req = search();
    req.sender = Some(who("carol@example.com"));
    req.diagnostics_level = Some("Basic".to_owned());
    let r = t.find(&req);
    assert!(r.diagnostics.is_some_and(|d| !d.string.is_empty()));
}

#[test]
fn find_for_a_sender_with_no_mail_is_an_empty_success_and_bad_domain_an_error() {
    let t = Tracking::start();
    let mut req = search();
    req.sender = Some(who("nobody@example.com"));
    req.diagnostics_level = Some("Verbose".to_owned());
    let r = t.find(&req);
    assert_eq!(r.response_class, ResponseClassType::Success);
    assert_eq!(r.response_code, Some(ResponseCodeType::NoError));
    assert_eq!(r.executed_search_scope.as_deref(), Some("Organization"));
    assert_eq!(
        r.message_tracking_search_results
            .map(|a| a.message_tracking_search_result.len()),
        Some(0)
    );
    assert!(r.diagnostics.is_none() && r.errors.is_none() && r.properties.is_none());

    let mut req = search();
    req.domain = NonEmptyStringType("contoso.com".to_owned());
    let r = t.find(&req);
    assert_eq!(r.response_class, ResponseClassType::Error);
    assert_eq!(
        r.response_code,
        Some(ResponseCodeType::ErrorMessageTrackingNoSuchDomain)
    );
    assert!(r.message_text.is_some());

    let mut req = search();
    req.scope = NonEmptyStringType("Galaxy".to_owned());
    assert_eq!(
        t.find(&req).response_code,
        Some(ResponseCodeType::ErrorInvalidArgument)
    );
}

#[test]
fn get_summary_and_recipient_path_follow_section_3_1_4_2() {
    let t = Tracking::start();
    let mut req = search();
    req.subject = Some("Quarterly".to_owned());
    let id = t.report_id(&req);

    let summary = t.get(&report(&id, MessageTrackingReportTemplateType::Summary));
    assert_eq!(summary.response_class, ResponseClassType::Success);
    assert_eq!(summary.response_code, Some(ResponseCodeType::NoError));
    assert_eq!(
        events(&summary),
        [
            (
                "bob@example.com".into(),
                "Delivered".into(),
                "Delivered".into()
            ),
            ("carol@example.com".into(), "Read".into(), "Read".into()),
        ]
    );
    let r = summary.message_tracking_report.as_ref().expect("report");
    assert_eq!(r.subject.as_deref(), Some("Quarterly report"));
    assert_eq!(
        r.submit_time.as_ref().map(DateTime::as_str),
        Some("2024-03-01T09:00:00Z")
    );

    // RecipientPath: RecipientFilter MUST be present.
    let mut path = report(&id, MessageTrackingReportTemplateType::RecipientPath);
    let r = t.get(&path);
    assert_eq!(r.response_class, ResponseClassType::Error);
    assert_eq!(
        r.response_code,
        Some(ResponseCodeType::ErrorMissingArgument)
    );
    assert!(r.message_tracking_report.is_none());

    path.recipient_filter = Some(who("bob@example.com"));
    let r = t.get(&path);
    let steps: Vec<String> = events(&r).into_iter().map(|e| e.2).collect();
    assert_eq!(steps, ["Submitted", "Resolved", "Delivered"]);
    assert!(events(&r).iter().all(|e| e.0 == "bob@example.com"));

    // A recipient the message was not sent to: only SubmitTime 0001-01-01T00:00:00, no events.
    path.recipient_filter = Some(who("frank@example.com"));
    let r = t.get(&path);
    assert_eq!(r.response_code, Some(ResponseCodeType::NoError));
    let empty = r.message_tracking_report.expect("report");
    assert_eq!(
        empty.submit_time.as_ref().map(DateTime::as_str),
        Some("0001-01-01T00:00:00")
    );
    assert!(empty
        .recipient_tracking_events
        .recipient_tracking_event
        .is_empty());
    assert!(
        empty.sender.is_none() && empty.subject.is_none() && empty.original_recipients.is_none()
    );
}

#[test]
fn get_shows_failures_pending_queue_events_and_refuses_bad_ids() {
    let t = Tracking::start();
    let mut req = search();
    req.recipient = Some(who("frank@example.com"));
    let failed = t.get(&report(
        &t.report_id(&req),
        MessageTrackingReportTemplateType::Summary,
    ));
    assert_eq!(
        events(&failed),
        [(
            "frank@example.com".into(),
            "Unsuccessful".into(),
            "FailedGeneral".into()
        )]
    );

    let mut req = search();
    req.subject = Some("budget".to_owned());
    let id = t.report_id(&req);
    let mut path = report(&id, MessageTrackingReportTemplateType::RecipientPath);
    path.recipient_filter = Some(who("erin@example.com"));
    let plain: Vec<String> = events(&t.get(&path)).into_iter().map(|e| e.2).collect();
    assert_eq!(plain, ["Submitted", "Pending"]);
    path.return_queue_events = Some(true);
    let r = t.get(&path);
    let all: Vec<String> = events(&r).into_iter().map(|e| e.2).collect();
    assert_eq!(all, ["Submitted", "QueueRetry", "Pending"]);
    let retry = &r
        .message_tracking_report
        .expect("report")
        .recipient_tracking_events
        .recipient_tracking_event[1];
    assert_eq!(
        retry.event_data.as_ref().map(|d| d.string.clone()),
        Some(vec!["2024-03-03T15:41:00Z".to_owned()])
    );
    assert_eq!(retry.bcc_recipient, Some(true));

    let r = t.get(&report(
        "not a report id",
        MessageTrackingReportTemplateType::Summary,
    ));
    assert_eq!(r.response_class, ResponseClassType::Error);
    assert_eq!(
        r.response_code,
        Some(ResponseCodeType::ErrorInvalidArgument)
    );
    let unknown = id.replace("Internal-Id=1003", "Internal-Id=77");
    let r = t.get(&report(
        &unknown,
        MessageTrackingReportTemplateType::Summary,
    ));
    assert_eq!(
        r.response_code,
        Some(ResponseCodeType::ErrorMessageTrackingPermanentError)
    );
}

#[test]
fn a_server_prints_its_bound_address_and_dies_with_its_guard() {
    let mut a = Server::start("oof-server");
    let mut b = Server::start("oof-server");
    assert_ne!(a.url, b.url, "port 0 gives each server its own port");
    assert!(a.is_running() && b.is_running());
    let pid = a.id();
    drop(a);
    // The process is gone (reaped by the guard): its /proc entry disappears on Linux.
    if Path::new("/proc/self").exists() {
        assert!(
            !Path::new(&format!("/proc/{pid}")).exists(),
            "server {pid} still exists"
        );
    }
    assert!(b.is_running());
}

#[test]
fn a_second_server_on_a_taken_port_fails_with_a_message() {
    let a = Server::start("mtrk-server");
    let port = a
        .url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap_or_default()
        .to_owned();
    let r = run(&example_exe("mtrk-server"), &["--listen", &port]);
    assert!(r.failed().contains("cannot listen on"), "{r:#?}");
}
