//! FindMessageTrackingReport and GetMessageTrackingReport over [`crate::data::MESSAGES`],
//! following MS-OXWSMTRK §3.1.4.
//!
//! Find (§3.1.4.1): `Scope` is one of `Organization`, `Forest`, `Site` (the values of
//! `MessageTrackingScopeType`, §3.1.4.2.4.4) and is echoed as `ExecutedSearchScope` (the server
//! is one site of one forest); `Domain` must be the organization's domain
//! (`ErrorMessageTrackingNoSuchDomain` otherwise). The criteria present must all match:
//! `Sender` and `PurportedSender` (address, or display name when no address is given; case
//! insensitive), `Recipient` (any recipient), `Subject` (case-insensitive substring),
//! `StartDateTime` (submitted at or after) and `EndDateTime` (submitted before), `MessageId`
//! (exact, angle brackets optional), `FederatedDeliveryMailbox` (any recipient, as a
//! cross-premise delivery mailbox). Times without zone are read as UTC. No match — for example
//! a sender who sent nothing — is still Success/NoError with only `ExecutedSearchScope` and an
//! empty `MessageTrackingSearchResults`. `DiagnosticsLevel` `Basic`, `Verbose` or `Etw` (case
//! sensitive; anything else is `None`) adds `Diagnostics` to a non-empty answer.
//!
//! Get (§3.1.4.2): the `MessageTrackingReportId` is the ABNF string of §3.1.4.1.3.4
//! (`Message-Id=…,Server=…,Internal-Id=…,Sender=…,Domain=…`); an unparsable one is
//! `ErrorInvalidArgument`, one naming no tracked message `ErrorMessageTrackingPermanentError`.
//! `Summary` gives every recipient (or only `RecipientFilter`'s, when given) with its latest
//! event, i.e. its current delivery status. `RecipientPath` requires `RecipientFilter`
//! (`ErrorMissingArgument` without it) and gives that recipient's full history; a recipient the
//! message was not sent to gets a report with only `SubmitTime` `0001-01-01T00:00:00` and an
//! empty `RecipientTrackingEvents`. Queue events (`QueueRetry`, `QueueRetryNoRetryTime`,
//! `MessageDefer`) are shown only with `ReturnQueueEvents` true (the privileged view).

use std::cmp::Ordering;

use generated::mtrk::{
    ArrayOfEmailAddressesType, ArrayOfFindMessageTrackingSearchResultType,
    ArrayOfRecipientTrackingEventType, ArrayOfRecipientsType, ArrayOfStringsType, EmailAddressType,
    FindMessageTrackingReportRequestType, FindMessageTrackingReportResponseMessageType,
    FindMessageTrackingSearchResultType, GetMessageTrackingReportRequestType,
    GetMessageTrackingReportResponseMessageType, MailboxTypeType,
    MessageTrackingReportTemplateType, MessageTrackingReportType, NonEmptyStringType,
    RecipientTrackingEventType, ResponseClassType, ResponseCodeType,
};
use xsd2rs_runtime::types::{DateTime, NonNegativeInteger};
use xsd2rs_runtime::SimpleValue;

use crate::data::{Event, RecipientTrack, TrackedMessage, DOMAIN, MESSAGES};

/// The scopes a search may name (§3.1.4.2.4.4).
pub const SCOPES: &[&str] = &["Organization", "Forest", "Site"];

/// The `SubmitTime` of a RecipientPath report for a recipient the message was not sent to.
pub const NO_SUBMIT_TIME: &str = "0001-01-01T00:00:00";

const QUEUE_EVENTS: &[&str] = &["QueueRetry", "QueueRetryNoRetryTime", "MessageDefer"];

/// Why a request was refused: a response with `ResponseClass="Error"`.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    /// The response code.
    pub code: ResponseCodeType,
    /// The `MessageText`.
    pub text: String,
}

impl Refusal {
    fn new(code: ResponseCodeType, text: impl Into<String>) -> Self {
        Refusal {
            code,
            text: text.into(),
        }
    }
}

fn check_scope(scope: &NonEmptyStringType) -> Result<(), Refusal> {
    if SCOPES.contains(&scope.0.as_str()) {
        Ok(())
    } else {
        Err(Refusal::new(
            ResponseCodeType::ErrorInvalidArgument,
            format!("Scope {:?} is not one of {}", scope.0, SCOPES.join(", ")),
        ))
    }
}

fn check_domain(domain: &str) -> Result<(), Refusal> {
    if domain.trim().eq_ignore_ascii_case(DOMAIN) {
        Ok(())
    } else {
        Err(Refusal::new(
            ResponseCodeType::ErrorMessageTrackingNoSuchDomain,
            format!("The domain {domain:?} is not served here"),
        ))
    }
}

/// A time as a UTC value; a time without zone is read as UTC.
fn utc(t: &DateTime) -> Option<DateTime> {
    if t.has_timezone() {
        Some(t.clone())
    } else {
        DateTime::parse_text(&format!("{}Z", t.as_str())).ok()
    }
}

fn time(s: &str) -> Option<DateTime> {
    DateTime::parse_text(s).ok()
}

/// Whether `wanted` names the mailbox `address` / `name`.
fn matches_address(wanted: &EmailAddressType, address: &str, name: &str) -> bool {
    match (&wanted.email_address, &wanted.name) {
        (Some(a), _) => a.0.trim().eq_ignore_ascii_case(address),
        (None, Some(n)) => n.trim().eq_ignore_ascii_case(name),
        (None, None) => false,
    }
}

fn strip_brackets(id: &str) -> &str {
    let id = id.trim();
    let id = id.strip_prefix('<').unwrap_or(id);
    id.strip_suffix('>').unwrap_or(id)
}

/// The `MessageTrackingReportId` of a message (§3.1.4.1.3.4 ABNF).
pub fn report_id(m: &TrackedMessage) -> String {
    format!(
        "Message-Id={},Server={},Internal-Id={},Sender={},Domain={DOMAIN}",
        m.message_id, m.server, m.internal_id, m.sender
    )
}

/// The message a `MessageTrackingReportId` names.
pub fn resolve_report_id(id: &str) -> Result<&'static TrackedMessage, Refusal> {
    let invalid = || {
        Refusal::new(
            ResponseCodeType::ErrorInvalidArgument,
            format!("{id:?} is not a message tracking report id"),
        )
    };
    let mut message_id = None;
    let mut internal_id = None;
    let mut domain = None;
    let mut server = None;
    for field in id.split(',') {
        let (tag, value) = field.split_once('=').ok_or_else(invalid)?;
        match tag.trim() {
            "Message-Id" => message_id = Some(value),
            "Server" => server = Some(value),
            "Internal-Id" => {
                internal_id = Some(value.trim().parse::<u32>().map_err(|_| invalid())?)
            }
            "Sender" | "Recipient" => {}
            "Domain" => domain = Some(value),
            _ => return Err(invalid()),
        }
    }
    let (Some(message_id), Some(internal_id), Some(domain), Some(server)) =
        (message_id, internal_id, domain, server)
    else {
        return Err(invalid());
    };
    check_domain(domain)?;
    MESSAGES
        .iter()
        .find(|m| {
            m.internal_id == internal_id
                && strip_brackets(m.message_id) == strip_brackets(message_id)
                && m.server.eq_ignore_ascii_case(server.trim())
        })
        .ok_or_else(|| {
            Refusal::new(
                ResponseCodeType::ErrorMessageTrackingPermanentError,
                format!("No tracked message has the report id {id:?}"),
            )
        })
}

/// Whether a message meets every criterion present in `req`.
fn matches(m: &TrackedMessage, req: &FindMessageTrackingReportRequestType) -> bool {
    let any_recipient = |w: &EmailAddressType| {
        m.recipients
            .iter()
            .any(|r| matches_address(w, r.address, r.name))
    };
    let submitted = time(m.submitted);
    let cmp = |bound: &DateTime| {
        let (Some(s), Some(b)) = (submitted.as_ref(), utc(bound)) else {
            return None;
        };
        s.partial_cmp_value(&b)
    };
    req.sender
        .as_ref()
        .is_none_or(|w| matches_address(w, m.sender, m.sender_name))
        && req
            .purported_sender
            .as_ref()
            .is_none_or(|w| matches_address(w, m.sender, m.sender_name))
        && req.recipient.as_ref().is_none_or(any_recipient)
        && req
            .federated_delivery_mailbox
            .as_ref()
            .is_none_or(any_recipient)
        && req
            .subject
            .as_ref()
            .is_none_or(|s| m.subject.to_lowercase().contains(&s.trim().to_lowercase()))
        && req
            .message_id
            .as_ref()
            .is_none_or(|id| strip_brackets(&id.0) == strip_brackets(m.message_id))
        && req
            .start_date_time
            .as_ref()
            .is_none_or(|t| matches!(cmp(t), Some(Ordering::Greater | Ordering::Equal)))
        && req
            .end_date_time
            .as_ref()
            .is_none_or(|t| matches!(cmp(t), Some(Ordering::Less)))
}

fn address(address: &str, name: &str) -> EmailAddressType {
    EmailAddressType {
        name: Some(name.to_owned()),
        email_address: Some(NonEmptyStringType(address.to_owned())),
        routing_type: Some(NonEmptyStringType("SMTP".to_owned())),
        mailbox_type: Some(MailboxTypeType::Mailbox),
        ..EmailAddressType::default()
    }
}

fn search_result(m: &TrackedMessage) -> Option<FindMessageTrackingSearchResultType> {
    Some(FindMessageTrackingSearchResultType {
        order: Default::default(),
        xsi: Default::default(),
        subject: m.subject.to_owned(),
        sender: address(m.sender, m.sender_name),
        purported_sender: None,
        recipients: ArrayOfRecipientsType {
            xsi: Default::default(),
            mailbox: m
                .recipients
                .iter()
                .map(|r| address(r.address, r.name))
                .collect(),
        },
        submitted_time: time(m.submitted)?,
        message_tracking_report_id: NonEmptyStringType(report_id(m)),
        previous_hop_server: None,
        first_hop_server: Some(NonEmptyStringType(m.server.to_owned())),
        properties: None,
    })
}

/// The diagnostics level when it asks for diagnostics (`Basic`, `Verbose`, `Etw`).
fn diagnostics_level(level: Option<&String>) -> Option<&str> {
    level
        .map(String::as_str)
        .filter(|l| matches!(*l, "Basic" | "Verbose" | "Etw"))
}

fn empty_find() -> FindMessageTrackingReportResponseMessageType {
    FindMessageTrackingReportResponseMessageType {
        xsi: Default::default(),
        response_class: ResponseClassType::Success,
        message_text: None,
        response_code: Some(ResponseCodeType::NoError),
        descriptive_link_key: None,
        message_xml: None,
        diagnostics: None,
        message_tracking_search_results: None,
        executed_search_scope: None,
        errors: None,
        properties: None,
    }
}

/// Answers FindMessageTrackingReport.
pub fn find(
    req: &FindMessageTrackingReportRequestType,
) -> FindMessageTrackingReportResponseMessageType {
    if let Err(r) = check_scope(&req.scope).and_then(|()| check_domain(&req.domain.0)) {
        return FindMessageTrackingReportResponseMessageType {
            response_class: ResponseClassType::Error,
            message_text: Some(r.text),
            response_code: Some(r.code),
            descriptive_link_key: Some(0),
            ..empty_find()
        };
    }
    let found: Vec<FindMessageTrackingSearchResultType> = MESSAGES
        .iter()
        .filter(|m| matches(m, req))
        .filter_map(search_result)
        .collect();
    let diagnostics = diagnostics_level(req.diagnostics_level.as_ref())
        .filter(|_| !found.is_empty())
        .map(|level| ArrayOfStringsType {
            xsi: Default::default(),
            string: vec![
                format!("DiagnosticsLevel={level}"),
                format!("Searched={}", MESSAGES.len()),
                format!("Found={}", found.len()),
            ],
        });
    FindMessageTrackingReportResponseMessageType {
        diagnostics,
        message_tracking_search_results: Some(ArrayOfFindMessageTrackingSearchResultType {
            xsi: Default::default(),
            message_tracking_search_result: found,
        }),
        executed_search_scope: Some(req.scope.0.clone()),
        ..empty_find()
    }
}

fn tracking_event(
    m: &TrackedMessage,
    r: &RecipientTrack,
    e: &Event,
) -> Option<RecipientTrackingEventType> {
    Some(RecipientTrackingEventType {
        order: Default::default(),
        xsi: Default::default(),
        date: time(e.date)?,
        recipient: address(r.address, r.name),
        delivery_status: e.status.to_owned(),
        event_description: e.description.to_owned(),
        event_data: (!e.data.is_empty()).then(|| ArrayOfStringsType {
            xsi: Default::default(),
            string: e.data.iter().map(|s| (*s).to_owned()).collect(),
        }),
        server: NonEmptyStringType(e.server.to_owned()),
        internal_id: NonNegativeInteger::from(m.internal_id),
        bcc_recipient: r.bcc.then_some(true),
        hidden_recipient: None,
        unique_path_id: None,
        root_address: None,
        properties: None,
    })
}

fn visible(r: &RecipientTrack, queue_events: bool) -> impl Iterator<Item = &Event> {
    r.events
        .iter()
        .filter(move |e| queue_events || !QUEUE_EVENTS.contains(&e.description))
}

fn report(
    m: &TrackedMessage,
    events: Vec<RecipientTrackingEventType>,
) -> MessageTrackingReportType {
    MessageTrackingReportType {
        order: Default::default(),
        xsi: Default::default(),
        sender: Some(address(m.sender, m.sender_name)),
        purported_sender: None,
        subject: Some(m.subject.to_owned()),
        submit_time: time(m.submitted),
        original_recipients: Some(ArrayOfEmailAddressesType {
            xsi: Default::default(),
            address: m
                .recipients
                .iter()
                .map(|r| address(r.address, r.name))
                .collect(),
        }),
        recipient_tracking_events: ArrayOfRecipientTrackingEventType {
            xsi: Default::default(),
            recipient_tracking_event: events,
        },
        properties: None,
    }
}

fn build_report(
    req: &GetMessageTrackingReportRequestType,
) -> Result<MessageTrackingReportType, Refusal> {
    check_scope(&req.scope)?;
    let m = resolve_report_id(&req.message_tracking_report_id.0)?;
    let queue_events = req.return_queue_events == Some(true);
    let filter = req.recipient_filter.as_ref();
    match &req.report_template {
        MessageTrackingReportTemplateType::Summary => {
            let events = m
                .recipients
                .iter()
                .filter(|r| filter.is_none_or(|f| matches_address(f, r.address, r.name)))
                .filter_map(|r| tracking_event(m, r, visible(r, queue_events).last()?))
                .collect();
            Ok(report(m, events))
        }
        MessageTrackingReportTemplateType::RecipientPath => {
            let Some(filter) = filter else {
                return Err(Refusal::new(
                    ResponseCodeType::ErrorMissingArgument,
                    "A RecipientPath report needs a RecipientFilter",
                ));
            };
            match m
                .recipients
                .iter()
                .find(|r| matches_address(filter, r.address, r.name))
            {
                Some(r) => {
                    let events = visible(r, queue_events)
                        .filter_map(|e| tracking_event(m, r, e))
                        .collect();
                    Ok(report(m, events))
                }
                None => Ok(MessageTrackingReportType {
                    submit_time: time(NO_SUBMIT_TIME),
                    ..MessageTrackingReportType::default()
                }),
            }
        }
        MessageTrackingReportTemplateType::Other(t) => Err(Refusal::new(
            ResponseCodeType::ErrorInvalidArgument,
            format!("ReportTemplate {t:?} is neither Summary nor RecipientPath"),
        )),
    }
}

/// Answers GetMessageTrackingReport.
pub fn get(
    req: &GetMessageTrackingReportRequestType,
) -> GetMessageTrackingReportResponseMessageType {
    let base = GetMessageTrackingReportResponseMessageType {
        xsi: Default::default(),
        response_class: ResponseClassType::Success,
        message_text: None,
        response_code: Some(ResponseCodeType::NoError),
        descriptive_link_key: None,
        message_xml: None,
        message_tracking_report: None,
        diagnostics: None,
        errors: None,
        properties: None,
    };
    match build_report(req) {
        Ok(report) => {
            let diagnostics =
                diagnostics_level(req.diagnostics_level.as_ref()).map(|level| ArrayOfStringsType {
                    xsi: Default::default(),
                    string: vec![
                        format!("DiagnosticsLevel={level}"),
                        format!(
                            "Events={}",
                            report
                                .recipient_tracking_events
                                .recipient_tracking_event
                                .len()
                        ),
                    ],
                });
            GetMessageTrackingReportResponseMessageType {
                message_tracking_report: Some(report),
                diagnostics,
                ..base
            }
        }
        Err(r) => GetMessageTrackingReportResponseMessageType {
            response_class: ResponseClassType::Error,
            message_text: Some(r.text),
            response_code: Some(r.code),
            descriptive_link_key: Some(0),
            ..base
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(addr: &str) -> EmailAddressType {
        EmailAddressType {
            email_address: Some(NonEmptyStringType(addr.to_owned())),
            ..EmailAddressType::default()
        }
    }

    fn find_req() -> FindMessageTrackingReportRequestType {
        FindMessageTrackingReportRequestType {
            scope: NonEmptyStringType("Organization".to_owned()),
            domain: NonEmptyStringType("example.com".to_owned()),
            ..FindMessageTrackingReportRequestType::default()
        }
    }

    fn subjects(r: &FindMessageTrackingReportResponseMessageType) -> Vec<String> {
        r.message_tracking_search_results
            .iter()
            .flat_map(|a| &a.message_tracking_search_result)
            .map(|m| m.subject.clone())
            .collect()
    }

    fn dt(s: &str) -> DateTime {
        DateTime::parse_text(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn id_of(subject: &str) -> String {
        MESSAGES
            .iter()
            .find(|m| m.subject == subject)
            .map(report_id)
            .unwrap_or_else(|| panic!("no message {subject}"))
    }

    fn get_req(
        subject: &str,
        template: MessageTrackingReportTemplateType,
    ) -> GetMessageTrackingReportRequestType {
        GetMessageTrackingReportRequestType {
            order: Default::default(),
            xsi: Default::default(),
            scope: NonEmptyStringType("Forest".to_owned()),
            report_template: template,
            recipient_filter: None,
            message_tracking_report_id: NonEmptyStringType(id_of(subject)),
            return_queue_events: None,
            diagnostics_level: None,
            properties: None,
        }
    }

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
    fn sender_criterion_and_unknown_sender() {
        let mut req = find_req();
        req.sender = Some(who("ALICE@example.com"));
        let r = find(&req);
        assert_eq!(r.response_class, ResponseClassType::Success);
        assert_eq!(r.response_code, Some(ResponseCodeType::NoError));
        assert_eq!(subjects(&r), ["Quarterly report", "Lunch on Friday?"]);
        assert_eq!(r.executed_search_scope.as_deref(), Some("Organization"));

        req.sender = Some(who("nobody@example.com"));
        req.diagnostics_level = Some("Verbose".to_owned());
        let r = find(&req);
        assert_eq!(r.response_code, Some(ResponseCodeType::NoError));
        assert_eq!(
            r.message_tracking_search_results
                .map(|a| a.message_tracking_search_result.len()),
            Some(0)
        );
        assert!(
            r.diagnostics.is_none(),
            "only scope and empty results for an unknown sender"
        );
        assert!(r.executed_search_scope.is_some());
    }

    #[test]
    fn recipient_subject_message_id_and_combined_criteria() {
        let mut req = find_req();
        req.recipient = Some(who("alice@example.com"));
        assert_eq!(subjects(&find(&req)), ["Budget draft v2"]);
        let mut req = find_req();
        req.subject = Some("REPORT".to_owned());
        assert_eq!(subjects(&find(&req)), ["Quarterly report"]);
        let mut req = find_req();
        req.message_id = Some(NonEmptyStringType("kickoff-1@example.com".to_owned()));
        assert_eq!(subjects(&find(&req)), ["Project kickoff"]);
        let mut req = find_req();
        req.sender = Some(who("alice@example.com"));
        req.recipient = Some(who("bob@example.com"));
        assert_eq!(subjects(&find(&req)), ["Quarterly report"]);
        req.subject = Some("lunch".to_owned());
        assert!(subjects(&find(&req)).is_empty());
        // A sender given by display name only.
        let mut req = find_req();
        req.sender = Some(EmailAddressType {
            name: Some("Carol Cooper".to_owned()),
            ..EmailAddressType::default()
        });
        assert_eq!(subjects(&find(&req)), ["Project kickoff"]);
    }

    #[test]
    fn time_window_start_inclusive_end_exclusive() {
        let mut req = find_req();
        req.start_date_time = Some(dt("2024-03-02T12:00:00Z"));
        req.end_date_time = Some(dt("2024-03-04T08:15:00"));
        assert_eq!(
            subjects(&find(&req)),
            ["Lunch on Friday?", "Budget draft v2"]
        );
        // The same instants in another zone.
        req.start_date_time = Some(dt("2024-03-02T14:00:00+02:00"));
        req.end_date_time = Some(dt("2024-03-04T09:15:01+01:00"));
        assert_eq!(
            subjects(&find(&req)),
            ["Lunch on Friday?", "Budget draft v2", "Project kickoff"]
        );
    }

    #[test]
    fn bad_scope_and_foreign_domain_are_errors() {
        let mut req = find_req();
        req.scope = NonEmptyStringType("Universe".to_owned());
        let r = find(&req);
        assert_eq!(r.response_class, ResponseClassType::Error);
        assert_eq!(
            r.response_code,
            Some(ResponseCodeType::ErrorInvalidArgument)
        );
        let mut req = find_req();
        req.domain = NonEmptyStringType("contoso.com".to_owned());
        let r = find(&req);
        assert_eq!(
            r.response_code,
            Some(ResponseCodeType::ErrorMessageTrackingNoSuchDomain)
        );
        assert!(r.message_tracking_search_results.is_none());
    }

    #[test]
    fn report_ids_round_trip_and_bad_ids_are_refused() {
        for m in MESSAGES {
            assert_eq!(
                resolve_report_id(&report_id(m)).map(|f| f.internal_id),
                Ok(m.internal_id)
            );
        }
        for bad in [
            "",
            "garbage",
            "Message-Id=<x>,Server=s,Internal-Id=abc,Sender=a,Domain=example.com",
        ] {
            assert_eq!(
                resolve_report_id(bad).unwrap_err().code,
                ResponseCodeType::ErrorInvalidArgument,
                "{bad}"
            );
        }
        let unknown = "Message-Id=<x@example.com>,Server=EXCH01.example.com,Internal-Id=9,Sender=a,Domain=example.com";
        assert_eq!(
            resolve_report_id(unknown).unwrap_err().code,
            ResponseCodeType::ErrorMessageTrackingPermanentError
        );
        let foreign = id_of("Project kickoff").replace("Domain=example.com", "Domain=contoso.com");
        assert_eq!(
            resolve_report_id(&foreign).unwrap_err().code,
            ResponseCodeType::ErrorMessageTrackingNoSuchDomain
        );
    }

    #[test]
    fn summary_gives_each_recipients_current_status() {
        let r = get(&get_req(
            "Quarterly report",
            MessageTrackingReportTemplateType::Summary,
        ));
        assert_eq!(r.response_code, Some(ResponseCodeType::NoError));
        assert_eq!(
            events(&r),
            [
                (
                    "bob@example.com".into(),
                    "Delivered".into(),
                    "Delivered".into()
                ),
                ("carol@example.com".into(), "Read".into(), "Read".into()),
            ]
        );
        let report = r.message_tracking_report.unwrap();
        assert_eq!(report.subject.as_deref(), Some("Quarterly report"));
        assert_eq!(report.original_recipients.map(|a| a.address.len()), Some(2));
    }

    #[test]
    fn recipient_path_needs_a_filter_and_gives_the_full_history() {
        let mut req = get_req(
            "Quarterly report",
            MessageTrackingReportTemplateType::RecipientPath,
        );
        let r = get(&req);
        assert_eq!(r.response_class, ResponseClassType::Error);
        assert_eq!(
            r.response_code,
            Some(ResponseCodeType::ErrorMissingArgument)
        );
        assert!(r.message_tracking_report.is_none());

        req.recipient_filter = Some(who("carol@example.com"));
        let r = get(&req);
        let descriptions: Vec<String> = events(&r).into_iter().map(|e| e.2).collect();
        assert_eq!(descriptions, ["Submitted", "Delivered", "Read"]);
    }

    #[test]
    fn recipient_path_for_a_non_recipient_is_an_empty_report() {
        let mut req = get_req(
            "Quarterly report",
            MessageTrackingReportTemplateType::RecipientPath,
        );
        req.recipient_filter = Some(who("zoe@example.com"));
        let r = get(&req);
        assert_eq!(r.response_code, Some(ResponseCodeType::NoError));
        let report = r.message_tracking_report.unwrap();
        assert_eq!(
            report.submit_time.as_ref().map(DateTime::as_str),
            Some(NO_SUBMIT_TIME)
        );
        assert!(report
            .recipient_tracking_events
            .recipient_tracking_event
            .is_empty());
        assert!(report.sender.is_none() && report.subject.is_none());
    }

    #[test]
    fn queue_events_only_when_asked() {
        let mut req = get_req(
            "Budget draft v2",
            MessageTrackingReportTemplateType::RecipientPath,
        );
        req.recipient_filter = Some(who("erin@example.com"));
        let plain: Vec<String> = events(&get(&req)).into_iter().map(|e| e.2).collect();
        assert_eq!(plain, ["Submitted", "Pending"]);
        req.return_queue_events = Some(true);
        let privileged: Vec<String> = events(&get(&req)).into_iter().map(|e| e.2).collect();
        assert_eq!(privileged, ["Submitted", "QueueRetry", "Pending"]);
    }

    #[test]
    fn unknown_template_and_scope_are_errors() {
        let r = get(&get_req(
            "Project kickoff",
            MessageTrackingReportTemplateType::Other("Full".into()),
        ));
        assert_eq!(
            r.response_code,
            Some(ResponseCodeType::ErrorInvalidArgument)
        );
        let mut req = get_req(
            "Project kickoff",
            MessageTrackingReportTemplateType::Summary,
        );
        req.scope = NonEmptyStringType("Everywhere".to_owned());
        assert_eq!(get(&req).response_class, ResponseClassType::Error);
    }
}
