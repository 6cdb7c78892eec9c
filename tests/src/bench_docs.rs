//! Deterministic SOAP 1.1 response documents for the codec benchmark (`tests/benches/codec`).
//!
//! Every builder is a pure function of its arguments: the variety (names, servers, dates with and
//! without a zone, escaped characters) comes from a fixed-seed linear congruential generator, so
//! each run benchmarks the same bytes. The documents use the prefixes real Exchange servers send
//! (`soap`, `m`, `t`, declared once on the envelope), carry a `t:ServerVersionInfo` header, fill
//! every element and attribute of the MTRK and OOF response types, and are valid against
//! `schemas/` (checked by `tests/tests/bench_docs.rs`).

use std::fmt::Write as _;

/// The SOAP 1.1 envelope namespace.
pub const SOAP_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// The EWS messages namespace (prefix `m`).
pub const M_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/messages";
/// The EWS types namespace (prefix `t`).
pub const T_NS: &str = "http://schemas.microsoft.com/exchange/services/2006/types";

/// Size the benchmark uses for the GetMessageTrackingReportResponse envelope (~5 MB).
pub const GET_REPORT_BYTES: usize = 5 * 1024 * 1024;
/// Size the benchmark uses for the FindMessageTrackingReportResponse envelope (~2 MB).
pub const FIND_REPORT_BYTES: usize = 2 * 1024 * 1024;

/// Knuth's MMIX linear congruential generator with a fixed seed: cheap, deterministic variety.
struct Lcg(u64);

impl Lcg {
    fn new(seed: u64) -> Self {
        Lcg(seed)
    }

    fn next(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        // The high bits of an LCG are the well-mixed ones.
        u32::try_from(self.0 >> 33).unwrap_or(0)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next()).unwrap_or(0) % n.max(1)
    }

    /// One item of a non-empty pool.
    fn pick<'a>(&mut self, pool: &[&'a str]) -> &'a str {
        pool.get(self.below(pool.len())).copied().unwrap_or("x")
    }
}

const FIRST: &[&str] = &[
    "Alex",
    "Bianca",
    "Chen",
    "Dolores",
    "Emeka",
    "François",
    "Grete",
    "Hiroshi",
    "Ingrid",
    "José",
    "Kavya",
    "Lars",
    "Mónica",
    "Nikolai",
    "Olu",
    "Priya",
    "Quentin",
    "Rosa",
    "Søren",
    "Tamar",
    "Uwe",
    "Valentina",
    "Wei",
    "Ximena",
    "Yusuf",
    "Zofia",
];
const LAST: &[&str] = &[
    "Andersen",
    "Brennan",
    "Castillo",
    "Dubois",
    "Eriksson",
    "Fischer",
    "García",
    "Haddad",
    "Iwasaki",
    "Jovanović",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "O'Connor",
    "Petrov",
    "Quispe",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Ueda",
    "Varga",
    "Walker",
    "Xu",
    "Yilmaz",
    "Zhang",
];
const DOMAINS: &[&str] = &[
    "contoso.com",
    "fabrikam.com",
    "adatum.com",
    "northwindtraders.com",
    "tailspintoys.com",
    "woodgrovebank.com",
];
const SERVERS: &[&str] = &[
    "EXCH01.contoso.com",
    "EXCH02.contoso.com",
    "EXCH-EDGE01.contoso.com",
    "MBX2016-03.corp.contoso.com",
    "CO1PR04MB1234.namprd04.prod.outlook.com",
    "AM6PR07MB5511.eurprd07.prod.outlook.com",
    "DB8PR02MB0042.eurprd02.prod.outlook.com",
];
const SUBJECTS: &[&str] = &[
    "Q3 budget & forecast review",
    "Re: Contract <draft 4> for Fabrikam",
    "Weekly status: \"Project Falcon\"",
    "Out of office until Monday",
    "Invoice 2024-0815 (overdue)",
    "Fwd: Server maintenance window 02:00–04:00 UTC",
    "Lunch on Friday?",
    "Réunion trimestrielle – ordre du jour",
    "年度報告書の確認のお願い",
];
const STATUSES: &[&str] = &[
    "Delivered",
    "Pending",
    "Unsuccessful",
    "Read",
    "Transferred",
];
const EVENTS: &[&str] = &[
    "Submitted",
    "Resolved",
    "Expanded",
    "SmtpReceive",
    "SmtpSend",
    "Delivered",
    "Deferred",
    "QueueRetry",
    "TransferredToForeignOrg",
    "MovedToFolderByInboxRule",
];
const EVENT_DATA: &[&str] = &[
    "Connector=Default Frontend EXCH01",
    "SourceContext=08D4A1B2C3D4E5F6;2024-03-05T14:22:31.123Z;0",
    "RecipientStatus=250 2.1.5 Recipient OK",
    "ClientType=Outlook; ClientVersion=16.0.17328.20162",
    "DeliveryPriority=Normal",
    "Reason=[Stage: OnRoutedMessage] 451 4.4.0 Message failed to be made redundant",
    "TenantId=7a1c9e2f-44d1-4c3b-9f7e-0b2d6e8a1f35",
];
const PROPERTY_NAMES: &[&str] = &[
    "ClientIp",
    "ServerIp",
    "OriginalClientIp",
    "ConnectorId",
    "SourceContext",
    "MessageLatency",
    "TotalBytes",
];
const MAILBOX_TYPES: &[&str] = &[
    "Mailbox",
    "OneOff",
    "PublicDL",
    "PrivateDL",
    "Contact",
    "PublicFolder",
    "GroupMailbox",
    "Unknown",
];
const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Appends `text` with the five XML special characters escaped.
fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
}

/// Appends `<prefix:name>escaped text</prefix:name>`.
fn leaf(out: &mut String, qname: &str, text: &str) {
    out.push('<');
    out.push_str(qname);
    out.push('>');
    push_escaped(out, text);
    out.push_str("</");
    out.push_str(qname);
    out.push('>');
}

fn open(out: &mut String, qname: &str) {
    out.push('<');
    out.push_str(qname);
    out.push('>');
}

fn close(out: &mut String, qname: &str) {
    out.push_str("</");
    out.push_str(qname);
    out.push('>');
}

/// A person with a deterministic name and address.
struct Person {
    name: String,
    address: String,
}

impl Person {
    fn new(rng: &mut Lcg) -> Self {
        let first = rng.pick(FIRST);
        let last = rng.pick(LAST);
        let domain = rng.pick(DOMAINS);
        let n = rng.below(100);
        let local: String = format!("{first}.{last}{n}")
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        Person {
            name: format!("{first} {last}"),
            address: format!("{local}@{domain}"),
        }
    }
}

/// A base64-looking identifier of `len` characters, as EWS item ids are.
fn b64_id(rng: &mut Lcg, prefix: &str, len: usize) -> String {
    let mut s = String::with_capacity(len + 2);
    s.push_str(prefix);
    while s.len() < len {
        s.push(char::from(
            B64.get(rng.below(B64.len())).copied().unwrap_or(b'A'),
        ));
    }
    s.push('=');
    s
}

/// An `xs:dateTime` in 2024, with a zone (`Z` or an offset) two times out of three, with
/// fractional seconds sometimes: EWS sends all of these forms.
fn date_time(rng: &mut Lcg) -> String {
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let (h, m, s) = (rng.below(24), rng.below(60), rng.below(60));
    let mut out = format!("2024-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}");
    if rng.below(2) == 0 {
        let _ = write!(out, ".{:03}", rng.below(1000));
    }
    match rng.below(3) {
        0 => out.push('Z'),
        1 => {
            let off = rng.pick(&["+01:00", "-05:00", "+05:30", "+09:00", "-08:00"]);
            out.push_str(off);
        }
        _ => {}
    }
    out
}

/// Writes a full `t:EmailAddressType` (every child, ItemId with both attributes) as `qname`.
fn email_address(out: &mut String, rng: &mut Lcg, qname: &str) {
    let p = Person::new(rng);
    open(out, qname);
    leaf(out, "t:Name", &p.name);
    leaf(out, "t:EmailAddress", &p.address);
    leaf(out, "t:RoutingType", "SMTP");
    leaf(out, "t:MailboxType", rng.pick(MAILBOX_TYPES));
    let id = b64_id(rng, "AAMkAGI2", 150);
    let ck = b64_id(rng, "CQAAABYA", 40);
    let _ = write!(out, "<t:ItemId Id=\"{id}\" ChangeKey=\"{ck}\"/>");
    leaf(
        out,
        "t:OriginalDisplayName",
        &format!("{} ({})", p.name, p.address),
    );
    close(out, qname);
}

/// Writes a `t:ArrayOfTrackingPropertiesType` with `n` properties as `qname` (one in five has
/// no `Value`, which is optional).
fn properties(out: &mut String, rng: &mut Lcg, qname: &str, n: usize) {
    open(out, qname);
    for i in 0..n {
        open(out, "t:TrackingPropertyType");
        let name = rng.pick(PROPERTY_NAMES);
        leaf(out, "t:Name", name);
        if i % 5 != 4 {
            let value = match name {
                "ConnectorId" => format!("{}\\Default Frontend", rng.pick(SERVERS)),
                "SourceContext" => format!("08D{:08X}:{}:0", rng.next(), rng.below(100_000)),
                "MessageLatency" => format!("00:00:{:02}.{:03}", rng.below(60), rng.below(1000)),
                "TotalBytes" => (1024 + rng.below(10_000_000)).to_string(),
                _ => format!(
                    "10.{}.{}.{}",
                    rng.below(256),
                    rng.below(256),
                    rng.below(256)
                ),
            };
            leaf(out, "t:Value", &value);
        }
        close(out, "t:TrackingPropertyType");
    }
    close(out, qname);
}

/// Writes a `t:ArrayOfStringsType` with `n` strings as `qname`.
fn strings(out: &mut String, rng: &mut Lcg, qname: &str, n: usize) {
    open(out, qname);
    for _ in 0..n {
        leaf(out, "t:String", rng.pick(EVENT_DATA));
    }
    close(out, qname);
}

/// The prolog, the envelope start with every namespace declared once, the
/// `t:ServerVersionInfo` header and the body start.
fn envelope_start(out: &mut String) {
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = write!(
        out,
        "<soap:Envelope xmlns:soap=\"{SOAP_NS}\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" \
         xmlns:m=\"{M_NS}\" xmlns:t=\"{T_NS}\">"
    );
    out.push_str(
        "<soap:Header><t:ServerVersionInfo MajorVersion=\"15\" MinorVersion=\"1\" \
         MajorBuildNumber=\"2507\" MinorBuildNumber=\"39\" Version=\"V2017_07_11\"/></soap:Header>",
    );
    out.push_str("<soap:Body>");
}

fn envelope_end(out: &mut String) {
    out.push_str("</soap:Body></soap:Envelope>\n");
}

/// The `m:ResponseMessageType` content every response starts with: every child, `MessageXml`
/// holding foreign elements (kept verbatim by the generated code, skipped by serde).
fn response_message_head(out: &mut String) {
    leaf(
        out,
        "m:MessageText",
        "The request completed; some servers were not reachable.",
    );
    leaf(out, "m:ResponseCode", "NoError");
    leaf(out, "m:DescriptiveLinkKey", "0");
    out.push_str(
        "<m:MessageXml><t:Value Name=\"ExceptionType\">TrackingTransientException</t:Value>\
         <diag:Trace xmlns:diag=\"urn:example:diagnostics\" id=\"42\"><diag:Step>Search</diag:Step>\
         </diag:Trace></m:MessageXml>",
    );
}

/// Writes one `t:RecipientTrackingEvent` with every field of `RecipientTrackingEventType`.
fn recipient_tracking_event(out: &mut String, rng: &mut Lcg, index: usize) {
    open(out, "t:RecipientTrackingEvent");
    leaf(out, "t:Date", &date_time(rng));
    email_address(out, rng, "t:Recipient");
    leaf(out, "t:DeliveryStatus", rng.pick(STATUSES));
    leaf(out, "t:EventDescription", rng.pick(EVENTS));
    let n = 2 + rng.below(3);
    strings(out, rng, "t:EventData", n);
    leaf(out, "t:Server", rng.pick(SERVERS));
    let internal_id = 1_000_000_000_u64 + u64::from(rng.next()) * 7;
    leaf(out, "t:InternalId", &internal_id.to_string());
    leaf(
        out,
        "t:BccRecipient",
        if index % 7 == 0 { "true" } else { "false" },
    );
    leaf(
        out,
        "t:HiddenRecipient",
        if index % 11 == 0 { "1" } else { "0" },
    );
    let path = format!(
        "{:08x}-{:04x}-4{:03x}-a{:03x}-{:08x}{:04x}",
        rng.next(),
        rng.below(0x10000),
        rng.below(0x1000),
        rng.below(0x1000),
        rng.next(),
        rng.below(0x10000)
    );
    leaf(out, "t:UniquePathId", &path);
    leaf(out, "t:RootAddress", &Person::new(rng).address);
    let n = 2 + rng.below(3);
    properties(out, rng, "t:Properties", n);
    close(out, "t:RecipientTrackingEvent");
}

/// A SOAP envelope holding a `m:GetMessageTrackingReportResponse` of about `target_len` bytes
/// (at least one `RecipientTrackingEvent`): every field of the response, of
/// `MessageTrackingReportType` and of each `RecipientTrackingEventType` is present.
pub fn get_message_tracking_report_response(target_len: usize) -> String {
    let mut rng = Lcg::new(0x4d54_524b_4745_5431);
    let mut out = String::with_capacity(target_len + 4096);
    envelope_start(&mut out);
    out.push_str("<m:GetMessageTrackingReportResponse ResponseClass=\"Success\">");
    response_message_head(&mut out);
    open(&mut out, "m:MessageTrackingReport");
    email_address(&mut out, &mut rng, "t:Sender");
    email_address(&mut out, &mut rng, "t:PurportedSender");
    leaf(&mut out, "t:Subject", rng.pick(SUBJECTS));
    leaf(&mut out, "t:SubmitTime", &date_time(&mut rng));
    open(&mut out, "t:OriginalRecipients");
    for _ in 0..5 {
        email_address(&mut out, &mut rng, "t:Address");
    }
    close(&mut out, "t:OriginalRecipients");
    open(&mut out, "t:RecipientTrackingEvents");
    // What follows the events is well under 4 KiB.
    let tail_reserve = 4096;
    let mut index = 0;
    loop {
        recipient_tracking_event(&mut out, &mut rng, index);
        index += 1;
        if out.len() + tail_reserve >= target_len {
            break;
        }
    }
    close(&mut out, "t:RecipientTrackingEvents");
    properties(&mut out, &mut rng, "t:Properties", 3);
    close(&mut out, "m:MessageTrackingReport");
    strings(&mut out, &mut rng, "m:Diagnostics", 3);
    open(&mut out, "m:Errors");
    properties(&mut out, &mut rng, "t:ArrayOfTrackingPropertiesType", 2);
    properties(&mut out, &mut rng, "t:ArrayOfTrackingPropertiesType", 1);
    close(&mut out, "m:Errors");
    properties(&mut out, &mut rng, "m:Properties", 2);
    close(&mut out, "m:GetMessageTrackingReportResponse");
    envelope_end(&mut out);
    out
}

/// Writes one `t:MessageTrackingSearchResult` with every field of
/// `FindMessageTrackingSearchResultType`.
fn search_result(out: &mut String, rng: &mut Lcg) {
    open(out, "t:MessageTrackingSearchResult");
    leaf(out, "t:Subject", rng.pick(SUBJECTS));
    email_address(out, rng, "t:Sender");
    email_address(out, rng, "t:PurportedSender");
    open(out, "t:Recipients");
    for _ in 0..1 + rng.below(3) {
        email_address(out, rng, "t:Mailbox");
    }
    close(out, "t:Recipients");
    leaf(out, "t:SubmittedTime", &date_time(rng));
    let server = rng.pick(SERVERS);
    let sender = Person::new(rng).address;
    let id = format!(
        "Message-Id:<{:08X}{:08X}@{server}>,Server={server},Sender={sender},Domain={}",
        rng.next(),
        rng.next(),
        rng.pick(DOMAINS)
    );
    leaf(out, "t:MessageTrackingReportId", &id);
    leaf(out, "t:PreviousHopServer", rng.pick(SERVERS));
    leaf(out, "t:FirstHopServer", rng.pick(SERVERS));
    let n = 1 + rng.below(3);
    properties(out, rng, "t:Properties", n);
    close(out, "t:MessageTrackingSearchResult");
}

/// A SOAP envelope holding a `m:FindMessageTrackingReportResponse` of about `target_len` bytes
/// (at least one search result): every field of the response and of each
/// `FindMessageTrackingSearchResultType` is present.
pub fn find_message_tracking_report_response(target_len: usize) -> String {
    let mut rng = Lcg::new(0x4d54_524b_4649_4e44);
    let mut out = String::with_capacity(target_len + 4096);
    envelope_start(&mut out);
    out.push_str("<m:FindMessageTrackingReportResponse ResponseClass=\"Success\">");
    response_message_head(&mut out);
    strings(&mut out, &mut rng, "m:Diagnostics", 2);
    open(&mut out, "m:MessageTrackingSearchResults");
    let tail_reserve = 4096;
    loop {
        search_result(&mut out, &mut rng);
        if out.len() + tail_reserve >= target_len {
            break;
        }
    }
    close(&mut out, "m:MessageTrackingSearchResults");
    leaf(&mut out, "m:ExecutedSearchScope", "Forest");
    open(&mut out, "m:Errors");
    properties(&mut out, &mut rng, "t:ArrayOfTrackingPropertiesType", 2);
    close(&mut out, "m:Errors");
    properties(&mut out, &mut rng, "m:Properties", 2);
    close(&mut out, "m:FindMessageTrackingReportResponse");
    envelope_end(&mut out);
    out
}

/// A SOAP envelope holding a `m:GetUserOofSettingsResponse` with every field (the shape of
/// MS-OXWOOF section 4.2, with the `m`/`t` prefixes declared on the envelope).
pub fn get_user_oof_settings_response() -> String {
    let mut out = String::with_capacity(2048);
    envelope_start(&mut out);
    out.push_str("<m:GetUserOofSettingsResponse>");
    out.push_str("<m:ResponseMessage ResponseClass=\"Success\">");
    leaf(&mut out, "m:MessageText", "The request succeeded.");
    leaf(&mut out, "m:ResponseCode", "NoError");
    leaf(&mut out, "m:DescriptiveLinkKey", "0");
    out.push_str("<m:MessageXml><t:Value Name=\"Source\">Mailbox</t:Value></m:MessageXml>");
    out.push_str("</m:ResponseMessage>");
    open(&mut out, "t:OofSettings");
    leaf(&mut out, "t:OofState", "Scheduled");
    leaf(&mut out, "t:ExternalAudience", "Known");
    open(&mut out, "t:Duration");
    leaf(&mut out, "t:StartTime", "2024-07-29T08:00:00Z");
    leaf(&mut out, "t:EndTime", "2024-08-16T17:30:00");
    close(&mut out, "t:Duration");
    out.push_str("<t:InternalReply xml:lang=\"en-US\">");
    leaf(
        &mut out,
        "t:Message",
        "I am out of the office until 16 August. For urgent matters contact Wei Zhang <wei.zhang@contoso.com>.",
    );
    close(&mut out, "t:InternalReply");
    out.push_str("<t:ExternalReply xml:lang=\"de-DE\">");
    leaf(
        &mut out,
        "t:Message",
        "Ich bin bis zum 16. August nicht im Büro & lese keine E-Mails.",
    );
    close(&mut out, "t:ExternalReply");
    close(&mut out, "t:OofSettings");
    leaf(&mut out, "m:AllowExternalOof", "All");
    close(&mut out, "m:GetUserOofSettingsResponse");
    envelope_end(&mut out);
    out
}
