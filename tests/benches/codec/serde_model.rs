//! The serde baseline: hand-written structs of the same shape as the generated types, decoded
//! and encoded with `quick_xml::de` / `quick_xml::se` — what Rust users write today.
//!
//! quick-xml's deserializer matches local names (prefixes are dropped, namespaces are not
//! checked), so each element field has a split rename: the local name to read, the `m:`/`t:`
//! qualified name to write, with the namespace declarations kept as `@xmlns:*` fields of the
//! envelope. `MessageXml` (`xs:any`) has no serde shape: it is skipped when reading, as users do.
//! Dates stay strings, `nonNegativeInteger` is a `u64`, enumerations with open value sets
//! (ResponseCode, MailboxType) are strings.

use serde::{Deserialize, Serialize};

/// `soap:Envelope` with the namespace declarations and the `t:ServerVersionInfo` header.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename(serialize = "soap:Envelope", deserialize = "Envelope"))]
pub struct Envelope<B> {
    #[serde(rename = "@xmlns:soap", default)]
    xmlns_soap: String,
    #[serde(rename = "@xmlns:m", default)]
    xmlns_m: String,
    #[serde(rename = "@xmlns:t", default)]
    xmlns_t: String,
    #[serde(rename(serialize = "soap:Header", deserialize = "Header"))]
    header: Header,
    #[serde(rename(serialize = "soap:Body", deserialize = "Body"))]
    pub body: B,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Header {
    #[serde(rename(serialize = "t:ServerVersionInfo", deserialize = "ServerVersionInfo"))]
    server_version_info: ServerVersionInfo,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct ServerVersionInfo {
    #[serde(rename = "@MajorVersion", skip_serializing_if = "Option::is_none")]
    major_version: Option<i32>,
    #[serde(rename = "@MinorVersion", skip_serializing_if = "Option::is_none")]
    minor_version: Option<i32>,
    #[serde(rename = "@MajorBuildNumber", skip_serializing_if = "Option::is_none")]
    major_build_number: Option<i32>,
    #[serde(rename = "@MinorBuildNumber", skip_serializing_if = "Option::is_none")]
    minor_build_number: Option<i32>,
    #[serde(rename = "@Version", skip_serializing_if = "Option::is_none")]
    version: Option<String>,
}

/// `t:ResponseClassType`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
enum ResponseClass {
    Success,
    Warning,
    Error,
}

/// The body of the GetMessageTrackingReport response envelope.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct GmtrBody {
    #[serde(rename(
        serialize = "m:GetMessageTrackingReportResponse",
        deserialize = "GetMessageTrackingReportResponse"
    ))]
    pub response: GetMessageTrackingReportResponse,
}

/// `m:GetMessageTrackingReportResponseMessageType`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct GetMessageTrackingReportResponse {
    #[serde(rename = "@ResponseClass")]
    response_class: ResponseClass,
    #[serde(
        rename(serialize = "m:MessageText", deserialize = "MessageText"),
        skip_serializing_if = "Option::is_none"
    )]
    message_text: Option<String>,
    #[serde(
        rename(serialize = "m:ResponseCode", deserialize = "ResponseCode"),
        skip_serializing_if = "Option::is_none"
    )]
    response_code: Option<String>,
    #[serde(
        rename(serialize = "m:DescriptiveLinkKey", deserialize = "DescriptiveLinkKey"),
        skip_serializing_if = "Option::is_none"
    )]
    descriptive_link_key: Option<i32>,
    #[serde(
        rename(
            serialize = "m:MessageTrackingReport",
            deserialize = "MessageTrackingReport"
        ),
        skip_serializing_if = "Option::is_none"
    )]
    pub message_tracking_report: Option<MessageTrackingReport>,
    #[serde(
        rename(serialize = "m:Diagnostics", deserialize = "Diagnostics"),
        skip_serializing_if = "Option::is_none"
    )]
    diagnostics: Option<ArrayOfStrings>,
    #[serde(
        rename(serialize = "m:Errors", deserialize = "Errors"),
        skip_serializing_if = "Option::is_none"
    )]
    errors: Option<ArrayOfArraysOfTrackingProperties>,
    #[serde(
        rename(serialize = "m:Properties", deserialize = "Properties"),
        skip_serializing_if = "Option::is_none"
    )]
    properties: Option<ArrayOfTrackingProperties>,
}

/// `t:MessageTrackingReportType`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct MessageTrackingReport {
    #[serde(
        rename(serialize = "t:Sender", deserialize = "Sender"),
        skip_serializing_if = "Option::is_none"
    )]
    sender: Option<EmailAddress>,
    #[serde(
        rename(serialize = "t:PurportedSender", deserialize = "PurportedSender"),
        skip_serializing_if = "Option::is_none"
    )]
    purported_sender: Option<EmailAddress>,
    #[serde(
        rename(serialize = "t:Subject", deserialize = "Subject"),
        skip_serializing_if = "Option::is_none"
    )]
    subject: Option<String>,
    #[serde(
        rename(serialize = "t:SubmitTime", deserialize = "SubmitTime"),
        skip_serializing_if = "Option::is_none"
    )]
    submit_time: Option<String>,
    #[serde(
        rename(serialize = "t:OriginalRecipients", deserialize = "OriginalRecipients"),
        skip_serializing_if = "Option::is_none"
    )]
    original_recipients: Option<ArrayOfEmailAddresses>,
    #[serde(rename(
        serialize = "t:RecipientTrackingEvents",
        deserialize = "RecipientTrackingEvents"
    ))]
    pub recipient_tracking_events: ArrayOfRecipientTrackingEvents,
    #[serde(
        rename(serialize = "t:Properties", deserialize = "Properties"),
        skip_serializing_if = "Option::is_none"
    )]
    properties: Option<ArrayOfTrackingProperties>,
}

/// `t:ArrayOfRecipientTrackingEventType`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct ArrayOfRecipientTrackingEvents {
    #[serde(
        rename(
            serialize = "t:RecipientTrackingEvent",
            deserialize = "RecipientTrackingEvent"
        ),
        default
    )]
    pub events: Vec<RecipientTrackingEvent>,
}

/// `t:RecipientTrackingEventType`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct RecipientTrackingEvent {
    #[serde(rename(serialize = "t:Date", deserialize = "Date"))]
    date: String,
    #[serde(rename(serialize = "t:Recipient", deserialize = "Recipient"))]
    recipient: EmailAddress,
    #[serde(rename(serialize = "t:DeliveryStatus", deserialize = "DeliveryStatus"))]
    delivery_status: String,
    #[serde(rename(serialize = "t:EventDescription", deserialize = "EventDescription"))]
    event_description: String,
    #[serde(
        rename(serialize = "t:EventData", deserialize = "EventData"),
        skip_serializing_if = "Option::is_none"
    )]
    event_data: Option<ArrayOfStrings>,
    #[serde(rename(serialize = "t:Server", deserialize = "Server"))]
    server: String,
    #[serde(rename(serialize = "t:InternalId", deserialize = "InternalId"))]
    internal_id: u64,
    #[serde(
        rename(serialize = "t:BccRecipient", deserialize = "BccRecipient"),
        skip_serializing_if = "Option::is_none"
    )]
    bcc_recipient: Option<bool>,
    #[serde(
        rename(serialize = "t:HiddenRecipient", deserialize = "HiddenRecipient"),
        skip_serializing_if = "Option::is_none"
    )]
    hidden_recipient: Option<bool>,
    #[serde(
        rename(serialize = "t:UniquePathId", deserialize = "UniquePathId"),
        skip_serializing_if = "Option::is_none"
    )]
    unique_path_id: Option<String>,
    #[serde(
        rename(serialize = "t:RootAddress", deserialize = "RootAddress"),
        skip_serializing_if = "Option::is_none"
    )]
    root_address: Option<String>,
    #[serde(
        rename(serialize = "t:Properties", deserialize = "Properties"),
        skip_serializing_if = "Option::is_none"
    )]
    properties: Option<ArrayOfTrackingProperties>,
}

/// `t:EmailAddressType`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct EmailAddress {
    #[serde(
        rename(serialize = "t:Name", deserialize = "Name"),
        skip_serializing_if = "Option::is_none"
    )]
    name: Option<String>,
    #[serde(
        rename(serialize = "t:EmailAddress", deserialize = "EmailAddress"),
        skip_serializing_if = "Option::is_none"
    )]
    email_address: Option<String>,
    #[serde(
        rename(serialize = "t:RoutingType", deserialize = "RoutingType"),
        skip_serializing_if = "Option::is_none"
    )]
    routing_type: Option<String>,
    #[serde(
        rename(serialize = "t:MailboxType", deserialize = "MailboxType"),
        skip_serializing_if = "Option::is_none"
    )]
    mailbox_type: Option<String>,
    #[serde(
        rename(serialize = "t:ItemId", deserialize = "ItemId"),
        skip_serializing_if = "Option::is_none"
    )]
    item_id: Option<ItemId>,
    #[serde(
        rename(
            serialize = "t:OriginalDisplayName",
            deserialize = "OriginalDisplayName"
        ),
        skip_serializing_if = "Option::is_none"
    )]
    original_display_name: Option<String>,
}

/// `t:ItemIdType`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct ItemId {
    #[serde(rename = "@Id")]
    id: String,
    #[serde(rename = "@ChangeKey", skip_serializing_if = "Option::is_none")]
    change_key: Option<String>,
}

/// `t:ArrayOfEmailAddressesType`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct ArrayOfEmailAddresses {
    #[serde(rename(serialize = "t:Address", deserialize = "Address"), default)]
    addresses: Vec<EmailAddress>,
}

/// `t:ArrayOfRecipientsType`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct ArrayOfRecipients {
    #[serde(rename(serialize = "t:Mailbox", deserialize = "Mailbox"), default)]
    mailboxes: Vec<EmailAddress>,
}

/// `t:ArrayOfStringsType`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct ArrayOfStrings {
    #[serde(rename(serialize = "t:String", deserialize = "String"), default)]
    strings: Vec<String>,
}

/// `t:TrackingPropertyType`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct TrackingProperty {
    #[serde(rename(serialize = "t:Name", deserialize = "Name"))]
    name: String,
    #[serde(
        rename(serialize = "t:Value", deserialize = "Value"),
        skip_serializing_if = "Option::is_none"
    )]
    value: Option<String>,
}

/// `t:ArrayOfTrackingPropertiesType`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct ArrayOfTrackingProperties {
    #[serde(
        rename(
            serialize = "t:TrackingPropertyType",
            deserialize = "TrackingPropertyType"
        ),
        default
    )]
    properties: Vec<TrackingProperty>,
}

/// `t:ArrayOfArraysOfTrackingPropertiesType`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct ArrayOfArraysOfTrackingProperties {
    #[serde(
        rename(
            serialize = "t:ArrayOfTrackingPropertiesType",
            deserialize = "ArrayOfTrackingPropertiesType"
        ),
        default
    )]
    arrays: Vec<ArrayOfTrackingProperties>,
}

/// The body of the FindMessageTrackingReport response envelope.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct FmtrBody {
    #[serde(rename(
        serialize = "m:FindMessageTrackingReportResponse",
        deserialize = "FindMessageTrackingReportResponse"
    ))]
    pub response: FindMessageTrackingReportResponse,
}

/// `m:FindMessageTrackingReportResponseMessageType`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct FindMessageTrackingReportResponse {
    #[serde(rename = "@ResponseClass")]
    response_class: ResponseClass,
    #[serde(
        rename(serialize = "m:MessageText", deserialize = "MessageText"),
        skip_serializing_if = "Option::is_none"
    )]
    message_text: Option<String>,
    #[serde(
        rename(serialize = "m:ResponseCode", deserialize = "ResponseCode"),
        skip_serializing_if = "Option::is_none"
    )]
    response_code: Option<String>,
    #[serde(
        rename(serialize = "m:DescriptiveLinkKey", deserialize = "DescriptiveLinkKey"),
        skip_serializing_if = "Option::is_none"
    )]
    descriptive_link_key: Option<i32>,
    #[serde(
        rename(serialize = "m:Diagnostics", deserialize = "Diagnostics"),
        skip_serializing_if = "Option::is_none"
    )]
    diagnostics: Option<ArrayOfStrings>,
    #[serde(
        rename(
            serialize = "m:MessageTrackingSearchResults",
            deserialize = "MessageTrackingSearchResults"
        ),
        skip_serializing_if = "Option::is_none"
    )]
    pub message_tracking_search_results: Option<ArrayOfSearchResults>,
    #[serde(
        rename(
            serialize = "m:ExecutedSearchScope",
            deserialize = "ExecutedSearchScope"
        ),
        skip_serializing_if = "Option::is_none"
    )]
    executed_search_scope: Option<String>,
    #[serde(
        rename(serialize = "m:Errors", deserialize = "Errors"),
        skip_serializing_if = "Option::is_none"
    )]
    errors: Option<ArrayOfArraysOfTrackingProperties>,
    #[serde(
        rename(serialize = "m:Properties", deserialize = "Properties"),
        skip_serializing_if = "Option::is_none"
    )]
    properties: Option<ArrayOfTrackingProperties>,
}

/// `t:ArrayOfFindMessageTrackingSearchResultType`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct ArrayOfSearchResults {
    #[serde(
        rename(
            serialize = "t:MessageTrackingSearchResult",
            deserialize = "MessageTrackingSearchResult"
        ),
        default
    )]
    pub results: Vec<SearchResult>,
}

/// `t:FindMessageTrackingSearchResultType`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct SearchResult {
    #[serde(rename(serialize = "t:Subject", deserialize = "Subject"))]
    subject: String,
    #[serde(rename(serialize = "t:Sender", deserialize = "Sender"))]
    sender: EmailAddress,
    #[serde(
        rename(serialize = "t:PurportedSender", deserialize = "PurportedSender"),
        skip_serializing_if = "Option::is_none"
    )]
    purported_sender: Option<EmailAddress>,
    #[serde(rename(serialize = "t:Recipients", deserialize = "Recipients"))]
    recipients: ArrayOfRecipients,
    #[serde(rename(serialize = "t:SubmittedTime", deserialize = "SubmittedTime"))]
    submitted_time: String,
    #[serde(rename(
        serialize = "t:MessageTrackingReportId",
        deserialize = "MessageTrackingReportId"
    ))]
    message_tracking_report_id: String,
    #[serde(
        rename(serialize = "t:PreviousHopServer", deserialize = "PreviousHopServer"),
        skip_serializing_if = "Option::is_none"
    )]
    previous_hop_server: Option<String>,
    #[serde(
        rename(serialize = "t:FirstHopServer", deserialize = "FirstHopServer"),
        skip_serializing_if = "Option::is_none"
    )]
    first_hop_server: Option<String>,
    #[serde(
        rename(serialize = "t:Properties", deserialize = "Properties"),
        skip_serializing_if = "Option::is_none"
    )]
    properties: Option<ArrayOfTrackingProperties>,
}

/// The body of the GetUserOofSettings response envelope.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct OofBody {
    #[serde(rename(
        serialize = "m:GetUserOofSettingsResponse",
        deserialize = "GetUserOofSettingsResponse"
    ))]
    pub response: GetUserOofSettingsResponse,
}

/// `m:GetUserOofSettingsResponse` (MS-OXWOOF).
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct GetUserOofSettingsResponse {
    #[serde(rename(serialize = "m:ResponseMessage", deserialize = "ResponseMessage"))]
    response_message: ResponseMessage,
    #[serde(
        rename(serialize = "t:OofSettings", deserialize = "OofSettings"),
        skip_serializing_if = "Option::is_none"
    )]
    pub oof_settings: Option<UserOofSettings>,
    #[serde(
        rename(serialize = "m:AllowExternalOof", deserialize = "AllowExternalOof"),
        skip_serializing_if = "Option::is_none"
    )]
    allow_external_oof: Option<ExternalAudience>,
}

/// `m:ResponseMessageType`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct ResponseMessage {
    #[serde(rename = "@ResponseClass")]
    response_class: ResponseClass,
    #[serde(
        rename(serialize = "m:MessageText", deserialize = "MessageText"),
        skip_serializing_if = "Option::is_none"
    )]
    message_text: Option<String>,
    #[serde(
        rename(serialize = "m:ResponseCode", deserialize = "ResponseCode"),
        skip_serializing_if = "Option::is_none"
    )]
    response_code: Option<String>,
    #[serde(
        rename(serialize = "m:DescriptiveLinkKey", deserialize = "DescriptiveLinkKey"),
        skip_serializing_if = "Option::is_none"
    )]
    descriptive_link_key: Option<i32>,
}

/// `t:UserOofSettings`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct UserOofSettings {
    #[serde(rename(serialize = "t:OofState", deserialize = "OofState"))]
    pub oof_state: OofState,
    #[serde(rename(serialize = "t:ExternalAudience", deserialize = "ExternalAudience"))]
    external_audience: ExternalAudience,
    #[serde(
        rename(serialize = "t:Duration", deserialize = "Duration"),
        skip_serializing_if = "Option::is_none"
    )]
    duration: Option<Duration>,
    #[serde(
        rename(serialize = "t:InternalReply", deserialize = "InternalReply"),
        skip_serializing_if = "Option::is_none"
    )]
    internal_reply: Option<ReplyBody>,
    #[serde(
        rename(serialize = "t:ExternalReply", deserialize = "ExternalReply"),
        skip_serializing_if = "Option::is_none"
    )]
    external_reply: Option<ReplyBody>,
}

/// `t:OofState`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub enum OofState {
    /// OOF off.
    Disabled,
    /// OOF on.
    Enabled,
    /// OOF on during `Duration`.
    Scheduled,
}

/// `t:ExternalAudience`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
enum ExternalAudience {
    None,
    Known,
    All,
}

/// `t:Duration`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Duration {
    #[serde(rename(serialize = "t:StartTime", deserialize = "StartTime"))]
    start_time: String,
    #[serde(rename(serialize = "t:EndTime", deserialize = "EndTime"))]
    end_time: String,
}

/// `t:ReplyBody`.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct ReplyBody {
    #[serde(rename = "@xml:lang", skip_serializing_if = "Option::is_none")]
    lang: Option<String>,
    #[serde(
        rename(serialize = "t:Message", deserialize = "Message"),
        skip_serializing_if = "Option::is_none"
    )]
    message: Option<String>,
}

/// How many repeated entries a decoded body holds (to check that serde read them all).
pub trait Entries {
    /// The number of `RecipientTrackingEvent` / `MessageTrackingSearchResult` entries, or of
    /// `OofSettings` elements.
    fn entries(&self) -> usize;
}

impl Entries for GmtrBody {
    fn entries(&self) -> usize {
        self.response
            .message_tracking_report
            .as_ref()
            .map_or(0, |r| r.recipient_tracking_events.events.len())
    }
}

impl Entries for FmtrBody {
    fn entries(&self) -> usize {
        self.response
            .message_tracking_search_results
            .as_ref()
            .map_or(0, |r| r.results.len())
    }
}

impl Entries for OofBody {
    fn entries(&self) -> usize {
        usize::from(self.response.oof_settings.is_some())
    }
}

/// Decodes a whole envelope with `quick_xml::de`.
pub fn decode<B: for<'de> Deserialize<'de>>(xml: &str) -> Result<Envelope<B>, quick_xml::DeError> {
    quick_xml::de::from_str(xml)
}

/// Encodes a whole envelope with `quick_xml::se` into a string of about `capacity` bytes.
pub fn encode<B: Serialize>(
    env: &Envelope<B>,
    capacity: usize,
) -> Result<String, quick_xml::SeError> {
    let mut out = String::with_capacity(capacity);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    quick_xml::se::to_writer(&mut out, env)?;
    Ok(out)
}
