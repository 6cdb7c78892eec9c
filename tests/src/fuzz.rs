//! Fuzz targets and a deterministic mutation harness.
//!
//! The targets are shared by two drivers:
//! * the bounded run in the test command (`tests/tests/fuzz_bounded.rs`): a fixed seed, a fixed
//!   number of deterministic mutations of the project's fixtures per target, each input under a
//!   time and memory budget (a super-linear input is a finding, like a panic);
//! * the libFuzzer crate `fuzz/` (`just fuzz`) for long soaks.
//!
//! A target returns `Err(finding)` when a property fails that is not a panic: an encoder wrote
//! text that is not well-formed XML, a decoded value did not re-encode and decode, generation
//! of a loaded schema failed to format. Errors of the system under test on bad input are
//! expected and fine; panics are findings (libFuzzer and [`run`] catch them).

use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use generated::{mtrk, oof};
use xsd2rs_runtime::codec::{
    decode_document_with, encode_document, ReadOptions, WriteOptions, XmlRoot,
};
use xsd2rs_runtime::server::IncomingRequest;
use xsd2rs_runtime::soap::{
    decode_envelope, decode_fault, encode_envelope, encode_fault, Envelope, Fault, HeaderSet,
    Limits, SoapError, SoapVersion,
};

/// A violated property (not a panic), described for the report.
pub type Finding = String;

/// One fuzz target: bytes in, `Err` for a finding.
pub type Target = fn(&[u8]) -> Result<(), Finding>;

/// Every target family: name, function, where its seeds come from.
pub const TARGETS: &[(&str, Target)] = &[
    ("messages_oof", messages_oof),
    ("messages_mtrk", messages_mtrk),
    ("envelopes", envelopes),
    ("dispatcher", dispatcher),
    ("values", values),
    ("schema", schema),
];

thread_local! {
    static ACCEPTED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts an input that got past decoding or loading (the share of inputs that reach the
/// deeper code: encoders, generation).
fn accepted() {
    ACCEPTED.with(|a| a.set(a.get() + 1));
}

/// Inputs accepted on this thread so far (see the targets).
pub fn accepted_count() -> usize {
    ACCEPTED.with(std::cell::Cell::get)
}

/// Checks that `bytes` is well-formed, namespace-well-formed XML with only XML characters.
pub fn well_formed(what: &str, bytes: &[u8]) -> Result<(), Finding> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("{what}: not UTF-8: {e}"))?;
    roxmltree::Document::parse(text).map(|_| ()).map_err(|e| {
        format!(
            "{what}: output is not well-formed XML: {e}\n{}",
            excerpt(text)
        )
    })
}

fn excerpt(text: &str) -> String {
    let mut s: String = text.chars().take(600).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    format!("{s:?}")
}

/// Lenient and strict decode of a document with root `T`; a decoded value must encode to
/// well-formed XML (or fail to encode) and that XML must decode again.
fn document<T: XmlRoot>(data: &[u8], write: &WriteOptions) -> Result<(), Finding> {
    for strict in [false, true] {
        let opts = ReadOptions {
            strict,
            ..ReadOptions::default()
        };
        let Ok(decoded) = decode_document_with::<T>(data, &opts) else {
            continue;
        };
        accepted();
        let Ok(out) = encode_document(&decoded.value, write) else {
            continue;
        };
        let what = format!("{{{}}}{} (strict: {strict})", T::NS, T::NAME);
        well_formed(&what, &out)?;
        if let Err(e) = decode_document_with::<T>(&out, &ReadOptions::default()) {
            return Err(format!(
                "{what}: the re-encoded value does not decode: {e}\n{}",
                excerpt(&String::from_utf8_lossy(&out))
            ));
        }
    }
    Ok(())
}

fn oof_write() -> WriteOptions {
    WriteOptions::default()
        .prefix("m", oof::NS_M)
        .prefix("t", oof::NS_T)
}

fn mtrk_write() -> WriteOptions {
    WriteOptions::default()
        .prefix("m", mtrk::NS_M)
        .prefix("t", mtrk::NS_T)
}

/// Every document root of the generated OOF module, strict and lenient.
pub fn messages_oof(data: &[u8]) -> Result<(), Finding> {
    let w = oof_write();
    document::<oof::GetUserOofSettingsRequest>(data, &w)?;
    document::<oof::GetUserOofSettingsResponse>(data, &w)?;
    document::<oof::SetUserOofSettingsRequest>(data, &w)?;
    document::<oof::SetUserOofSettingsResponse>(data, &w)?;
    document::<oof::ServerVersionInfo>(data, &w)
}

/// Every document root of the generated MTRK module, strict and lenient.
pub fn messages_mtrk(data: &[u8]) -> Result<(), Finding> {
    let w = mtrk_write();
    document::<mtrk::FindMessageTrackingReportRequestType>(data, &w)?;
    document::<mtrk::FindMessageTrackingReportResponseMessageType>(data, &w)?;
    document::<mtrk::GetMessageTrackingReportRequestType>(data, &w)?;
    document::<mtrk::GetMessageTrackingReportResponseMessageType>(data, &w)?;
    document::<mtrk::RequestServerVersion>(data, &w)?;
    document::<mtrk::ServerVersionInfo>(data, &w)
}

/// A fault must encode to well-formed XML (or fail) in both versions.
fn fault_out(f: &Fault) -> Result<(), Finding> {
    for v in [SoapVersion::Soap11, SoapVersion::Soap12] {
        if let Ok(out) = encode_fault(v, f) {
            well_formed(&format!("encode_fault({v:?})"), &out)?;
        }
    }
    Ok(())
}

fn envelope<B: XmlRoot, H: HeaderSet>(
    data: &[u8],
    prefixes: &[(&str, &str)],
) -> Result<(), Finding> {
    match decode_envelope::<B, H>(data, None, &Limits::default()) {
        Ok((version, env)) => {
            accepted();
            if let Ok(out) = encode_envelope(version, &env.body, &env.headers, prefixes) {
                well_formed(&format!("encode_envelope({{{}}}{})", B::NS, B::NAME), &out)?;
            }
            Ok(())
        }
        Err(SoapError::Fault(f)) => fault_out(&f),
        Err(_) => Ok(()),
    }
}

/// SOAP envelopes of every body the two bindings send or receive, and faults: decoded, then
/// re-encoded.
pub fn envelopes(data: &[u8]) -> Result<(), Finding> {
    let o = [("m", oof::NS_M), ("t", oof::NS_T)];
    envelope::<oof::GetUserOofSettingsRequest, oof::GetUserOofSettingsInputHeaders>(data, &o)?;
    envelope::<oof::SetUserOofSettingsRequest, oof::SetUserOofSettingsInputHeaders>(data, &o)?;
    envelope::<oof::GetUserOofSettingsResponse, oof::GetUserOofSettingsOutputHeaders>(data, &o)?;
    envelope::<oof::SetUserOofSettingsResponse, oof::SetUserOofSettingsOutputHeaders>(data, &o)?;
    let m = [("m", mtrk::NS_M), ("t", mtrk::NS_T)];
    envelope::<
        mtrk::FindMessageTrackingReportRequestType,
        mtrk::FindMessageTrackingReportInputHeaders,
    >(data, &m)?;
    envelope::<
        mtrk::GetMessageTrackingReportRequestType,
        mtrk::GetMessageTrackingReportInputHeaders,
    >(data, &m)?;
    envelope::<
        mtrk::FindMessageTrackingReportResponseMessageType,
        mtrk::FindMessageTrackingReportOutputHeaders,
    >(data, &m)?;
    if let Ok(Some((_, f))) = decode_fault(data, &Limits::default()) {
        fault_out(&f)?;
    }
    Ok(())
}

/// An OOF service that answers with what it decoded: a Client fault quoting the mailbox
/// (Get) and a response message quoting it (Set).
struct OofEcho;

impl oof::ExchangeService for OofEcho {
    async fn get_user_oof_settings(
        &self,
        request: Envelope<oof::GetUserOofSettingsRequest, oof::GetUserOofSettingsInputHeaders>,
    ) -> Result<
        Envelope<oof::GetUserOofSettingsResponse, oof::GetUserOofSettingsOutputHeaders>,
        Fault,
    > {
        Err(Fault::client(format!(
            "no settings for {}",
            request.body.mailbox.address
        )))
    }

    async fn set_user_oof_settings(
        &self,
        request: Envelope<oof::SetUserOofSettingsRequest, oof::SetUserOofSettingsInputHeaders>,
    ) -> Result<
        Envelope<oof::SetUserOofSettingsResponse, oof::SetUserOofSettingsOutputHeaders>,
        Fault,
    > {
        let r = request.body;
        Ok(Envelope::new(oof::SetUserOofSettingsResponse {
            xsi: Default::default(),
            response_message: Some(oof::ResponseMessageType {
                xsi: Default::default(),
                response_class: oof::ResponseClassType::Success,
                message_text: Some(r.mailbox.address),
                response_code: None,
                descriptive_link_key: None,
                message_xml: None,
            }),
        }))
    }
}

/// An MTRK service that answers every request with a fault quoting decoded values.
struct MtrkEcho;

impl mtrk::ExchangeService for MtrkEcho {
    async fn find_message_tracking_report(
        &self,
        request: Envelope<
            mtrk::FindMessageTrackingReportRequestType,
            mtrk::FindMessageTrackingReportInputHeaders,
        >,
    ) -> Result<
        Envelope<
            mtrk::FindMessageTrackingReportResponseMessageType,
            mtrk::FindMessageTrackingReportOutputHeaders,
        >,
        Fault,
    > {
        Err(Fault::client(format!(
            "no reports in {}",
            request.body.domain.0
        )))
    }

    async fn get_message_tracking_report(
        &self,
        request: Envelope<
            mtrk::GetMessageTrackingReportRequestType,
            mtrk::GetMessageTrackingReportInputHeaders,
        >,
    ) -> Result<
        Envelope<
            mtrk::GetMessageTrackingReportResponseMessageType,
            mtrk::GetMessageTrackingReportOutputHeaders,
        >,
        Fault,
    > {
        Err(Fault::server(format!(
            "report {} is gone",
            request.body.message_tracking_report_id.0
        ))
        .with_error_code("ErrorMessageTrackingNoSuchDomain"))
    }
}

/// Polls a future that never waits on anything outside itself.
fn block_on<F: Future>(f: F) -> Result<F::Output, Finding> {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..1000 {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return Ok(v);
        }
    }
    Err("the dispatcher's future did not complete".to_string())
}

fn dispatch<S: Send + Sync + 'static>(
    d: &xsd2rs_runtime::server::Dispatcher<S>,
    action: Option<&str>,
    data: &[u8],
) -> Result<(), Finding> {
    let response = block_on(d.dispatch(IncomingRequest {
        action: action.map(str::to_string),
        content_type: Some("text/xml; charset=utf-8".to_string()),
        headers: Vec::new(),
        body: data.to_vec(),
    }))?;
    if response.status == 200 {
        accepted();
    }
    if ![200, 400, 500].contains(&response.status) {
        return Err(format!("dispatcher answered status {}", response.status));
    }
    well_formed(
        &format!("dispatcher response (action {action:?})"),
        &response.body,
    )
}

/// The generated OOF and MTRK dispatchers over echoing services, routed by body root and by
/// SOAP action.
pub fn dispatcher(data: &[u8]) -> Result<(), Finding> {
    let o = oof::exchange_service_dispatcher(OofEcho);
    dispatch(&o, None, data)?;
    dispatch(
        &o,
        Some("http://schemas.microsoft.com/exchange/services/2006/messages/SetUserOofSettings"),
        data,
    )?;
    let m = mtrk::exchange_service_dispatcher(MtrkEcho);
    dispatch(&m, None, data)?;
    dispatch(
        &m,
        Some("http://schemas.microsoft.com/exchange/services/2006/messages/FindMessageTrackingReport"),
        data,
    )
}

/// Parse, write, parse again: the written form must parse and be stable, and facet measures
/// and comparisons (which do arithmetic) must not panic.
fn value<T: xsd2rs_runtime::facets::FacetValue + std::fmt::Debug>(
    name: &str,
    text: &str,
) -> Result<(), Finding> {
    let Ok(v) = T::parse_text(text) else {
        return Ok(());
    };
    accepted();
    let _ = v.check();
    let _ = v.facet_length();
    let _ = v.facet_cmp(&v);
    let mut out = String::new();
    v.write_text(&mut out);
    let again = T::parse_text(&out).map_err(|e| {
        format!("{name}: {text:?} was written as {out:?}, which does not parse: {e}")
    })?;
    let _ = again.facet_cmp(&v);
    let mut out2 = String::new();
    again.write_text(&mut out2);
    if out2 != out {
        return Err(format!(
            "{name}: {text:?} writes as {out:?}, which writes as {out2:?}"
        ));
    }
    Ok(())
}

/// Every built-in value type: parse, write, re-parse, facet measures. The first line of the
/// input is compared against the rest (range facets of two different values).
pub fn values(data: &[u8]) -> Result<(), Finding> {
    use xsd2rs_runtime::types::*;
    let text = String::from_utf8_lossy(data);
    let (a, b) = text.split_once('\n').unwrap_or((&text, ""));
    for t in [a, b] {
        value::<String>("string", t)?;
        value::<NormalizedString>("normalizedString", t)?;
        value::<Token>("token", t)?;
        value::<Language>("language", t)?;
        value::<Name>("Name", t)?;
        value::<NcName>("NCName", t)?;
        value::<NmToken>("NMTOKEN", t)?;
        value::<List<NcName>>("IDREFS", t)?;
        value::<List<NmToken>>("NMTOKENS", t)?;
        value::<bool>("boolean", t)?;
        value::<Decimal>("decimal", t)?;
        value::<Integer>("integer", t)?;
        value::<NonNegativeInteger>("nonNegativeInteger", t)?;
        value::<PositiveInteger>("positiveInteger", t)?;
        value::<NonPositiveInteger>("nonPositiveInteger", t)?;
        value::<NegativeInteger>("negativeInteger", t)?;
        value::<i64>("long", t)?;
        value::<i32>("int", t)?;
        value::<i16>("short", t)?;
        value::<i8>("byte", t)?;
        value::<u64>("unsignedLong", t)?;
        value::<u32>("unsignedInt", t)?;
        value::<u16>("unsignedShort", t)?;
        value::<u8>("unsignedByte", t)?;
        value::<f32>("float", t)?;
        value::<f64>("double", t)?;
        value::<xsd2rs_runtime::types::Duration>("duration", t)?;
        value::<DateTime>("dateTime", t)?;
        value::<Time>("time", t)?;
        value::<Date>("date", t)?;
        value::<GYearMonth>("gYearMonth", t)?;
        value::<GYear>("gYear", t)?;
        value::<GMonthDay>("gMonthDay", t)?;
        value::<GDay>("gDay", t)?;
        value::<GMonth>("gMonth", t)?;
        value::<HexBinary>("hexBinary", t)?;
        value::<Base64Binary>("base64Binary", t)?;
        value::<AnyUri>("anyURI", t)?;
        value::<QName>("QName", t)?;
    }
    pair::<xsd2rs_runtime::types::Duration>(a, b);
    pair::<DateTime>(a, b);
    pair::<Time>(a, b);
    pair::<Date>(a, b);
    pair::<Decimal>(a, b);
    pair::<Integer>(a, b);
    pair::<GYearMonth>(a, b);
    pair::<f64>(a, b);
    Ok(())
}

fn pair<T: xsd2rs_runtime::facets::FacetValue>(a: &str, b: &str) {
    if let (Ok(x), Ok(y)) = (T::parse_text(a), T::parse_text(b)) {
        let _ = x.facet_cmp(&y);
        let _ = y.facet_cmp(&x);
    }
}

/// The path the schema target's input is loaded from; the project's schemas sit next to it
/// (`schemas/…`), so its imports and includes of them resolve.
pub const SCHEMA_INPUT: &str = "schemas/fuzz-input.xsd";

/// The schema front end through code generation: load (with the project's schemas next to the
/// input), plan every global, emit, format. Diagnostics are fine; a format error (generated
/// tokens that are not Rust) is a finding.
pub fn schema(data: &[u8]) -> Result<(), Finding> {
    let Ok(text) = std::str::from_utf8(data) else {
        return Ok(());
    };
    let mut src = xsd2rs::load::embedded_source();
    src.insert(SCHEMA_INPUT, text);
    let Ok(loaded) = xsd2rs::load::Loader::new()
        .source(src)
        .input(SCHEMA_INPUT)
        .load()
    else {
        return Ok(());
    };
    accepted();
    // Field by field: robust to options added later.
    #[allow(clippy::field_reassign_with_default)]
    let opts = {
        let mut o = xsd2rs::plan::PlanOptions::default();
        o.all_globals = true;
        o
    };
    match xsd2rs::builder::render(&loaded.model, &opts, None) {
        Ok(_) => Ok(()),
        Err(e) => Err(format!("generation failed on a loaded schema: {e}")),
    }
}

fn files_under(dir: &Path, exts: &[&str], out: &mut Vec<Vec<u8>>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, exts, out);
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| exts.contains(&e))
        {
            if let Ok(b) = std::fs::read(&p) {
                out.push(b);
            }
        }
    }
}

/// Seeds of a target, from the project's fixtures (sorted, deterministic).
pub fn seeds(target: &str) -> Vec<Vec<u8>> {
    let root = crate::workspace_root();
    let mut out = Vec::new();
    match target {
        "schema" => {
            files_under(&root.join("schemas"), &["xsd", "wsdl"], &mut out);
            files_under(
                &root.join("xsd2rs/tests/fixtures/constructs"),
                &["xsd"],
                &mut out,
            );
        }
        "values" => {
            for s in VALUE_SEEDS {
                out.push(s.as_bytes().to_vec());
            }
        }
        _ => {
            files_under(
                &root.join("tests/fixtures/envelopes"),
                &["xml", "txt"],
                &mut out,
            );
            if matches!(target, "messages_oof" | "messages_mtrk") {
                // The bodies alone, as documents.
                let bodies: Vec<Vec<u8>> = out.iter().filter_map(|e| body_of(e)).collect();
                out.extend(bodies);
            }
        }
    }
    out
}

/// The first child of the SOAP Body as a standalone document (its in-scope namespace
/// declarations copied onto it), if there is one.
fn body_of(envelope: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(envelope).ok()?;
    let doc = roxmltree::Document::parse(text).ok()?;
    let body = doc
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == "Body")?;
    let first = body.children().find(|n| n.is_element())?;
    let inner = &text[first.range()];
    let end_of_name = inner.find([' ', '>', '/', '\n', '\t', '\r'])?;
    let start_tag = &inner[..inner.find('>')?];
    let mut out = inner[..end_of_name].to_string();
    for ns in first.namespaces() {
        let decl = match ns.name() {
            Some(p) => format!("xmlns:{p}"),
            None => "xmlns".to_string(),
        };
        if !start_tag.contains(&format!("{decl}=")) {
            out.push_str(&format!(" {decl}=\"{}\"", ns.uri()));
        }
    }
    out.push_str(&inner[end_of_name..]);
    Some(out.into_bytes())
}

/// Seeds of the value target: one line per value, a second line for comparisons.
pub const VALUE_SEEDS: &[&str] = &[
    "2026-11-20T10:00:00Z\n2026-11-20T12:00:00+02:00",
    "P1Y2M3DT4H5M6.789S\n-P446744073709551615M",
    "P446744073709551615M\nP1M",
    "-PT0S\nP0D",
    "12:00:00.000001-14:00\n23:59:60",
    "2026-02-29\n-0001-12-31Z",
    "--12-31Z\n---01",
    "2026-11Z\n--02",
    "123456789012345678901234567890.000001\n-0.0",
    "+00001\n-99999999999999999999999999",
    "9223372036854775807\n-9223372036854775808",
    "18446744073709551615\n256",
    "INF\n-INF",
    "NaN\n1e400",
    "1.0E-45\n-0",
    "true\n0",
    "0FB7\nabc",
    "SGVsbG8=\n SGVs bG8= ",
    "en-US\nx-klingon-000000000",
    "xs:string\n:bad",
    "http://example.com/a b?c#d\n%zz",
    "a b  c\n\t x\r\n",
    "NCName_1\n1bad",
    "ID1 ID2 ID3\n",
];

/// A small deterministic generator (xorshift64*): the same seed gives the same run everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (0 is replaced by a constant).
    pub fn new(seed: u64) -> Self {
        Rng(if seed == 0 {
            0x9E37_79B9_7F4A_7C15
        } else {
            seed
        })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

/// Tokens the mutator inserts: XML syntax, namespace declarations, characters XML forbids,
/// edge values of the built-in types, schema constructs.
pub const DICTIONARY: &[&str] = &[
    "<", ">", "&", "\"", "'", "/>", "</", "<a>", "</a>", "<a/>", "<!--x-->", "<![CDATA[x]]>",
    "]]>", "<?pi x?>", "&amp;", "&lt;", "&#0;", "&#1;", "&#xFFFE;", "&#x10FFFF;", "&#65;",
    "&e;", "\u{1}", "\u{FFFE}", "\u{FFFF}", "\u{1F600}", "\u{BD}", "ำ62", " ", "\t", "\r\n",
    " xmlns=\"\"", " xmlns:p=\"urn:x\"", " xmlns:xml=\"http://www.w3.org/XML/1998/namespace\"",
    " xmlns:p=\"\"", " p:a=\"1\"", " a=\"1\"", " xml:lang=\"en\"", " xsi:nil=\"true\"",
    " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"", " xsi:type=\"t:Unknown\"",
    " soap:mustUnderstand=\"1\"", "<!DOCTYPE a [<!ENTITY e \"x\">]>", "soap:Client",
    "soap:Server", "Client", "xml:Client", "99999999999999999999", "-0", "P446744073709551615M",
    "PT9223372036854775807S", "INF", "NaN", "1e400", "9999-12-31T23:59:60Z", "-9999-01-01",
    "--12-31Z", "+14:00", "-14:01", ".5", "0x", "====", "true", "1", "", "a b", "x<y",
    "<xs:pattern value=\"(\"/>", "<xs:pattern value=\"[a-z]{1,99999}\"/>",
    "<xs:element name=\"a b\"/>", "<xs:element name=\"x\" type=\"t:x\"/>",
    "<xs:complexType name=\"x\"><xs:complexContent><xs:extension base=\"t:x\"/></xs:complexContent></xs:complexType>",
    "<xs:simpleType name=\"e\"><xs:restriction base=\"xs:string\"><xs:enumeration value=\"\"/><xs:enumeration value=\"a\"/></xs:restriction></xs:simpleType>",
    " minOccurs=\"0\"", " maxOccurs=\"unbounded\"", " maxOccurs=\"99999999999\"",
    " type=\"xs:duration\"", "<xs:any/>", " mixed=\"true\"", " abstract=\"true\"",
    " substitutionGroup=\"t:x\"", " nillable=\"true\"", " default=\"x\"", " fixed=\"1\"",
    "<xs:attribute name=\"a\" type=\"xs:int\"/>", "<xs:union memberTypes=\"xs:int xs:date\"/>",
    "<xs:list itemType=\"xs:int\"/>", "<xs:group ref=\"t:g\"/>",
];

/// One input derived from `seeds` by 1 to 4 stacked mutations, at most `max_len` bytes.
pub fn mutate(rng: &mut Rng, seeds: &[Vec<u8>], max_len: usize) -> Vec<u8> {
    let mut d = seeds
        .get(rng.below(seeds.len()))
        .cloned()
        .unwrap_or_default();
    // Mostly one mutation (inputs stay close to valid and reach the deeper code).
    let rounds = if rng.below(2) == 0 {
        1
    } else {
        1 + rng.below(4)
    };
    for _ in 0..rounds {
        let len = d.len();
        match rng.below(10) {
            0 if len > 0 => {
                let i = rng.below(len);
                d[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                d[i] = *b"\0\x01\x7f\xff<>&\":= x"
                    .get(rng.below(13))
                    .unwrap_or(&b'x');
            }
            2 if len > 0 => {
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(64));
                d.drain(i..i + n);
            }
            3 => {
                let i = rng.below(len + 1);
                let n = 1 + rng.below(8);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next_u64() as u8).collect();
                d.splice(i..i, bytes);
            }
            4 if len > 0 => {
                // Repeat a range: the shape of most super-linear inputs.
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(128));
                let times = 1 + rng.below(64);
                let chunk = d[i..i + n].to_vec();
                let rep: Vec<u8> = chunk.iter().copied().cycle().take(n * times).collect();
                d.splice(i..i, rep);
            }
            5 | 6 => {
                let tok = DICTIONARY[rng.below(DICTIONARY.len())].as_bytes();
                let i = near_markup(rng, &d);
                d.splice(i..i, tok.iter().copied());
            }
            7 if len > 0 => {
                let tok = DICTIONARY[rng.below(DICTIONARY.len())].as_bytes();
                let i = rng.below(len);
                let n = rng.below((len - i).min(32) + 1);
                d.splice(i..i + n, tok.iter().copied());
            }
            8 if !seeds.is_empty() => {
                let other = &seeds[rng.below(seeds.len())];
                if !other.is_empty() {
                    let a = rng.below(other.len());
                    let n = 1 + rng.below((other.len() - a).min(512));
                    let i = rng.below(len + 1);
                    d.splice(i..i, other[a..a + n].iter().copied());
                }
            }
            _ if len > 0 => d.truncate(rng.below(len)),
            _ => d.push(b'<'),
        }
    }
    d.truncate(max_len);
    d
}

/// A position just after a `<`, `>`, space or quote when there is one nearby (tokens land in
/// tags and between elements more often than at random offsets).
fn near_markup(rng: &mut Rng, d: &[u8]) -> usize {
    let start = rng.below(d.len() + 1);
    d[start..]
        .iter()
        .take(64)
        .position(|b| matches!(b, b'>' | b' ' | b'"'))
        .map(|p| start + p + 1)
        .unwrap_or(start)
}

/// Time and memory allowed for one input of `len` bytes.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Fixed time allowance.
    pub base: Duration,
    /// Additional time per KiB of input.
    pub per_kib: Duration,
    /// Fixed heap allowance (peak bytes above the level before the input).
    pub base_bytes: usize,
    /// Additional heap per input byte.
    pub per_byte: usize,
}

impl Budget {
    /// The time allowed for an input of `len` bytes.
    pub fn time(&self, len: usize) -> Duration {
        self.base + self.per_kib * u32::try_from(len / 1024).unwrap_or(u32::MAX)
    }

    /// The heap allowed for an input of `len` bytes.
    pub fn bytes(&self, len: usize) -> usize {
        self.base_bytes
            .saturating_add(self.per_byte.saturating_mul(len))
    }
}

/// Peak-heap measurement supplied by the driver (a counting global allocator).
pub trait HeapProbe {
    /// Starts a measurement on this thread.
    fn reset(&self);
    /// Peak bytes allocated on this thread since [`HeapProbe::reset`], above the level then.
    fn peak(&self) -> usize;
}

/// What went wrong with one input.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The target.
    pub target: String,
    /// What happened (panic message, finding, budget).
    pub what: String,
    /// The input, minimized.
    pub input: Vec<u8>,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "target {}: {}\nminimized input ({} bytes): {:?}",
            self.target,
            self.what,
            self.input.len(),
            String::from_utf8_lossy(&self.input)
        )
    }
}

thread_local! {
    /// Set while a target runs under [`check_one`]: its panics are caught and reported, so
    /// the panic hook stays quiet (minimizing a panic would print it thousands of times).
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs (once) a panic hook that is silent on threads running a target.
fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Runs `target` on `input` once: `Err` with what went wrong (panic, finding, over budget).
pub fn check_one(
    target: Target,
    input: &[u8],
    budget: &Budget,
    heap: Option<&dyn HeapProbe>,
) -> Result<(), String> {
    let attempt = || -> Result<(Duration, usize), String> {
        if let Some(h) = heap {
            h.reset();
        }
        quiet_panics();
        QUIET.with(|q| q.set(true));
        let t = Instant::now();
        let r = catch_unwind(AssertUnwindSafe(|| target(input)));
        let elapsed = t.elapsed();
        QUIET.with(|q| q.set(false));
        let peak = heap.map(|h| h.peak()).unwrap_or(0);
        match r {
            Ok(Ok(())) => Ok((elapsed, peak)),
            Ok(Err(finding)) => Err(finding),
            Err(p) => Err(format!("panic: {}", panic_message(&p))),
        }
    };
    let (mut elapsed, peak) = attempt()?;
    let allowed = budget.time(input.len());
    if elapsed > allowed {
        // A shared machine can stall a thread: only a repeatable overrun counts.
        for _ in 0..2 {
            elapsed = elapsed.min(attempt()?.0);
        }
        if elapsed > allowed {
            return Err(format!(
                "super-linear time: {elapsed:?} for {} bytes (budget {allowed:?})",
                input.len()
            ));
        }
    }
    let allowed_bytes = budget.bytes(input.len());
    if heap.is_some() && peak > allowed_bytes {
        return Err(format!(
            "memory: peak heap {peak} bytes for {} bytes of input (budget {allowed_bytes})",
            input.len()
        ));
    }
    Ok(())
}

fn panic_message(p: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "(non-string panic payload)".to_string()
    }
}

/// Shrinks a failing input while it still fails the same way (by the first words of the
/// message): chunk deletions of decreasing size, at most `tries` runs of the target.
pub fn minimize(
    target: Target,
    input: &[u8],
    budget: &Budget,
    what: &str,
    tries: usize,
) -> Vec<u8> {
    let key: String = what.chars().take(24).collect();
    let fails = |d: &[u8]| {
        check_one(target, d, budget, None)
            .err()
            .is_some_and(|w| w.starts_with(&key))
    };
    let mut cur = input.to_vec();
    let mut left = tries;
    let mut chunk = (cur.len() / 2).max(1);
    while chunk >= 1 && left > 0 {
        let mut i = 0;
        let mut shrunk = false;
        while i < cur.len() && left > 0 {
            let end = (i + chunk).min(cur.len());
            let mut cand = cur[..i].to_vec();
            cand.extend_from_slice(&cur[end..]);
            left -= 1;
            if fails(&cand) {
                cur = cand;
                shrunk = true;
            } else {
                i += chunk;
            }
        }
        if !shrunk {
            if chunk == 1 {
                break;
            }
            chunk /= 2;
        }
    }
    cur
}

/// Findings already filed and being fixed elsewhere, by a distinctive part of their message:
/// a bounded run counts them (and prints the count) instead of failing on them. Empty this
/// list as the fixes land; everything else fails the run.
pub const KNOWN_OPEN: &[(&str, &str)] = &[];

/// The outcome of a bounded run.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Inputs run.
    pub executions: usize,
    /// Inputs that hit a [`KNOWN_OPEN`] finding.
    pub known_open: usize,
}

/// A bounded run: the regression inputs in `regressions` first, then each seed as is, then
/// `iterations` mutations from `seed`. Returns what ran, or the first failure (minimized)
/// that is not [`KNOWN_OPEN`].
#[allow(clippy::too_many_arguments)]
pub fn run(
    name: &str,
    target: Target,
    seeds: &[Vec<u8>],
    regressions: &[Vec<u8>],
    iterations: usize,
    seed: u64,
    max_len: usize,
    budget: &Budget,
    heap: Option<&dyn HeapProbe>,
) -> Result<Report, Failure> {
    let mut report = Report::default();
    let one = |input: &[u8], report: &mut Report| -> Result<(), Failure> {
        report.executions += 1;
        match check_one(target, input, budget, heap) {
            Ok(()) => Ok(()),
            Err(w) if KNOWN_OPEN.iter().any(|(k, _)| w.contains(k)) => {
                report.known_open += 1;
                Ok(())
            }
            Err(what) => Err(Failure {
                target: name.to_string(),
                input: minimize(target, input, budget, &what, 2000),
                what,
            }),
        }
    };
    for input in regressions.iter().chain(seeds) {
        one(input, &mut report)?;
    }
    let mut rng = Rng::new(seed);
    for _ in 0..iterations {
        let input = mutate(&mut rng, seeds, max_len);
        one(&input, &mut report)?;
    }
    Ok(report)
}

/// The outcome of a soak ([`soak`]).
#[derive(Debug, Clone, Default)]
pub struct SoakReport {
    /// Inputs run.
    pub executions: usize,
    /// Distinct failures (by the first words of their message), each minimized.
    pub failures: Vec<Failure>,
}

/// A long run on the stable toolchain: like [`run`], but for `duration` instead of a fixed
/// number of mutations, and continuing past failures (each distinct one minimized and kept;
/// at most 64). Inputs that get past decoding or loading join the pool mutations start from
/// (at most 4,096 of them), so the run drifts from the seeds towards the deeper code.
#[allow(clippy::too_many_arguments)]
pub fn soak(
    name: &str,
    target: Target,
    seeds: &[Vec<u8>],
    regressions: &[Vec<u8>],
    duration: Duration,
    seed: u64,
    max_len: usize,
    budget: &Budget,
    heap: Option<&dyn HeapProbe>,
) -> SoakReport {
    let mut report = SoakReport::default();
    let mut keys: Vec<String> = Vec::new();
    let mut pool: Vec<Vec<u8>> = regressions.iter().chain(seeds).cloned().collect();
    let start = Instant::now();
    let mut rng = Rng::new(seed);
    let mut i = 0usize;
    while start.elapsed() < duration {
        let input = match pool.get(i) {
            // The regressions and seeds as they are first.
            Some(x) if i < regressions.len() + seeds.len() => x.clone(),
            _ => mutate(&mut rng, &pool, max_len),
        };
        i += 1;
        report.executions += 1;
        let before = accepted_count();
        if let Err(what) = check_one(target, &input, budget, heap) {
            let key: String = what.chars().take(48).collect();
            if !keys.contains(&key) && keys.len() < 64 {
                keys.push(key);
                report.failures.push(Failure {
                    target: name.to_string(),
                    input: minimize(target, &input, budget, &what, 2000),
                    what,
                });
            }
            continue;
        }
        if accepted_count() > before && i > regressions.len() + seeds.len() {
            if pool.len() < 4096 + seeds.len() + regressions.len() {
                pool.push(input);
            } else {
                let j = regressions.len() + seeds.len() + rng.below(4096);
                if let Some(slot) = pool.get_mut(j) {
                    *slot = input;
                }
            }
        }
    }
    report
}

/// The regression inputs of a target: every file in `tests/fuzz-regressions/<target>/`.
pub fn regressions(target: &str) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let dir = crate::workspace_root()
        .join("tests/fuzz-regressions")
        .join(target);
    let Ok(rd) = std::fs::read_dir(&dir) else {
        return out;
    };
    let mut paths: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if let Ok(b) = std::fs::read(&p) {
            out.push(b);
        }
    }
    out
}

/// Runs a value through every target once (for libFuzzer targets that pick by name).
pub fn target(name: &str) -> Option<Target> {
    TARGETS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}
