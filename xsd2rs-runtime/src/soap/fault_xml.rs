//! Reading and writing the `Fault` element (SOAP 1.1 and 1.2) and its EWS detail fields.

use crate::codec::{
    AnyElement, DecodeError, EncodeError, FromXml, ReadOptions, XmlReader, XmlWriter,
};

use super::envelope::envelope_prefix;
use super::fault::{EwsFaultDetail, Fault, FaultCode, FaultData};
use super::version::{SoapVersion, EWS_ERRORS_NS, EWS_MESSAGES_NS, EWS_TYPES_NS, XML_NS};

/// Reads the announced `Fault` element (either version; the version is its namespace).
pub(crate) fn read_fault(r: &mut XmlReader<'_>) -> Result<Fault, DecodeError> {
    let mut fault = Fault::from(r.read_child::<FaultElement>()?.0);
    if let Some(detail) = &fault.detail {
        fault.ews = ews_fields(detail);
    }
    Ok(fault)
}

struct FaultElement(FaultData);

impl FromXml for FaultElement {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut f = FaultData::default();
        let mut reason: Option<LangText> = None;
        // Children are matched by local name only: SOAP 1.1 children are unqualified, SOAP 1.2
        // ones are in the envelope namespace, and real servers get either wrong.
        while let Some((_, local)) = r.next_child()? {
            match local {
                "faultcode" => f.code = r.read_child::<QNameText>()?.0,
                "faultstring" => {
                    let text = r.read_child::<LangText>()?;
                    f.string = text.text;
                    f.lang = text.lang;
                }
                "faultactor" | "Role" => f.actor = Some(r.read_child::<String>()?),
                "Node" => f.node = Some(r.read_child::<String>()?),
                "detail" | "Detail" => f.detail = Some(r.read_child::<DetailContent>()?.0),
                "Code" => {
                    let code = r.read_child::<CodeContent>()?;
                    f.code = code.value;
                    f.subcodes = code.subcodes;
                }
                "Reason" => reason = r.read_child::<ReasonContent>()?.0,
                _ => r.unknown()?,
            }
        }
        if let Some(text) = reason {
            f.string = text.text;
            f.lang = text.lang;
        }
        Ok(FaultElement(f))
    }
}

/// A QName in element text, resolved against the namespaces in scope at that element.
struct QNameText(FaultCode);

impl FromXml for QNameText {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let text: String = r.text()?;
        let text = text.trim();
        let (prefix, local) = text.split_once(':').unwrap_or(("", text));
        // The element's scope is still readable after its text (one lookup, not a copy of
        // every binding in scope).
        Ok(QNameText(match r.lookup_namespace(prefix) {
            Some(ns) => FaultCode::new(ns, local),
            // an unbound prefix: the whole text is the (unqualified) code
            None => FaultCode::new("", text),
        }))
    }
}

/// SOAP 1.2 `Code` / `Subcode`: a `Value` and an optional nested `Subcode`.
struct CodeContent {
    value: FaultCode,
    subcodes: Vec<FaultCode>,
}

impl FromXml for CodeContent {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut out = CodeContent {
            value: FaultCode::default(),
            subcodes: Vec::new(),
        };
        while let Some((_, local)) = r.next_child()? {
            match local {
                "Value" => out.value = r.read_child::<QNameText>()?.0,
                "Subcode" => {
                    let sub = r.read_child::<CodeContent>()?;
                    out.subcodes.push(sub.value);
                    out.subcodes.extend(sub.subcodes);
                }
                _ => r.unknown()?,
            }
        }
        Ok(out)
    }
}

/// Text with its `xml:lang` (`faultstring`, `Reason/Text`).
struct LangText {
    lang: Option<String>,
    text: String,
}

impl FromXml for LangText {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let lang = r.attr(XML_NS, "lang")?;
        let text = r.text()?;
        Ok(LangText { lang, text })
    }
}

/// SOAP 1.2 `Reason`: the first `Text` (later ones are unknown: they are not kept).
struct ReasonContent(Option<LangText>);

impl FromXml for ReasonContent {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut first = None;
        while let Some((_, local)) = r.next_child()? {
            if local == "Text" && first.is_none() {
                first = Some(r.read_child::<LangText>()?);
            } else {
                r.unknown()?;
            }
        }
        Ok(ReasonContent(first))
    }
}

/// `detail` / `Detail`: every child element verbatim.
struct DetailContent(Vec<AnyElement>);

impl FromXml for DetailContent {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut children = Vec::new();
        while r.next_child()?.is_some() {
            r.read_push(&mut children)?;
        }
        Ok(DetailContent(children))
    }
}

/// `MessageXml`: `Value Name="..."` pairs (other children listed under their local name).
struct MessageXmlContent(Vec<(String, String)>);

impl FromXml for MessageXmlContent {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut pairs = Vec::new();
        while let Some((_, local)) = r.next_child()? {
            let local = local.to_owned();
            let name: Option<String> = r.attr("", "Name")?;
            let value = r.read_child::<String>()?;
            pairs.push((name.unwrap_or(local), value));
        }
        Ok(MessageXmlContent(pairs))
    }
}

/// Parses one raw element as a `T` (`None` when it does not fit).
fn parse_any<T: FromXml>(element: &AnyElement) -> Option<T> {
    let mut r = XmlReader::new(element.xml().as_bytes(), &ReadOptions::default());
    r.root().ok()?;
    r.read_child::<T>().ok()
}

/// A detail element's text without its surrounding whitespace (the raw element keeps it).
fn parse_trimmed(element: &AnyElement) -> Option<String> {
    parse_any::<String>(element).map(|s| s.trim().to_owned())
}

/// Extracts the EWS fields from fault detail children.
pub(crate) fn ews_fields(detail: &[AnyElement]) -> EwsFaultDetail {
    let mut ews = EwsFaultDetail::default();
    for element in detail {
        match (element.ns(), element.local()) {
            (EWS_MESSAGES_NS, "ErrorCode") => ews.error_code = parse_trimmed(element),
            (EWS_ERRORS_NS, "ResponseCode") => ews.response_code = parse_trimmed(element),
            (EWS_ERRORS_NS, "Message") => ews.message = parse_trimmed(element),
            (EWS_ERRORS_NS | EWS_TYPES_NS, "MessageXml") => {
                if let Some(pairs) = parse_any::<MessageXmlContent>(element) {
                    let trimmed = pairs.0.into_iter();
                    ews.message_xml
                        .extend(trimmed.map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned())));
                }
            }
            _ => {}
        }
    }
    ews
}

/// How a fault's codes are written: the envelope prefix, the prefixes to declare for the codes,
/// and each code's qualified text (code first, then subcodes).
pub(crate) struct CodeNames {
    pub(crate) envelope: String,
    pub(crate) prefixes: Vec<(String, String)>,
    pub(crate) names: Vec<String>,
}

/// Chooses prefixes for the fault's codes.
///
/// A code in the `xml` namespace is written `xml:local` (that prefix is always bound, never
/// declared). An unqualified code whose text looks prefixed (`soap:Client` read where `soap`
/// was not bound) must read back the same, so no prefix it shows is declared: the envelope and
/// code prefixes avoid them. An unqualified `xml:…` code cannot be written (`xml` is always
/// bound): the error is that code's text.
pub(crate) fn code_prefixes(version: SoapVersion, fault: &Fault) -> Result<CodeNames, String> {
    let codes: Vec<FaultCode> = std::iter::once(fault.code.for_version(version))
        .chain(fault.subcodes.iter().cloned())
        .collect();
    // prefixes that unqualified codes show: never bind them
    let mut shown: Vec<&str> = Vec::new();
    for code in codes.iter().filter(|c| c.ns.is_empty()) {
        if let Some((p, _)) = code.local.split_once(':') {
            if p == "xml" {
                // would read back as a code in the xml namespace
                return Err(code.local.clone());
            }
            shown.push(p);
        }
    }
    let free = |base: &str, taken: &[(String, String)]| -> String {
        let used = |p: &str| shown.contains(&p) || taken.iter().any(|(q, _)| q == p);
        if !used(base) {
            return base.to_owned();
        }
        (2..)
            .map(|n| format!("{base}{n}"))
            .find(|p| !used(p))
            .unwrap_or_default()
    };
    let envelope = free(envelope_prefix(version), &[]);
    let mut prefixes: Vec<(String, String)> = vec![(envelope.clone(), String::new())];
    let mut names = Vec::new();
    for code in &codes {
        let prefix = if code.ns.is_empty() {
            None
        } else if code.ns == XML_NS {
            Some("xml".to_owned())
        } else if code.ns == version.envelope_ns() {
            Some(envelope.clone())
        } else if let Some((p, _)) = prefixes.iter().skip(1).find(|(_, n)| *n == code.ns) {
            Some(p.clone())
        } else {
            let p = free("fc", &prefixes);
            prefixes.push((p.clone(), code.ns.clone()));
            Some(p)
        };
        names.push(match prefix {
            Some(p) => format!("{p}:{}", code.local),
            None => code.local.clone(),
        });
    }
    prefixes.remove(0);
    Ok(CodeNames {
        envelope,
        prefixes,
        names,
    })
}

/// Writes the `Fault` element; `names` are the qualified code texts from [`code_prefixes`].
pub(crate) fn write_fault(
    w: &mut XmlWriter,
    version: SoapVersion,
    fault: &Fault,
    names: &[String],
) -> Result<(), EncodeError> {
    let env = version.envelope_ns();
    let code = names.first().cloned().unwrap_or_default();
    w.start(env, "Fault")?;
    match version {
        SoapVersion::Soap11 => {
            w.child("", "faultcode", &code)?;
            w.start("", "faultstring")?;
            w.attr_opt(XML_NS, "lang", &fault.lang)?;
            w.text(&fault.string)?;
            w.end()?;
            w.child_opt("", "faultactor", &fault.actor)?;
            write_detail(w, "", "detail", fault)?;
        }
        SoapVersion::Soap12 => {
            w.start(env, "Code")?;
            w.child(env, "Value", &code)?;
            let subcodes = names.get(1..).unwrap_or_default();
            for name in subcodes {
                w.start(env, "Subcode")?;
                w.child(env, "Value", name)?;
            }
            for _ in subcodes {
                w.end()?;
            }
            w.end()?;
            w.start(env, "Reason")?;
            w.start(env, "Text")?;
            let lang = fault.lang.as_deref().unwrap_or("en");
            w.attr_str(XML_NS, "lang", lang)?;
            w.text(&fault.string)?;
            w.end()?;
            w.end()?;
            w.child_opt(env, "Node", &fault.node)?;
            w.child_opt(env, "Role", &fault.actor)?;
            write_detail(w, env, "Detail", fault)?;
        }
    }
    w.end()
}

fn write_detail(
    w: &mut XmlWriter,
    ns: &str,
    local: &str,
    fault: &Fault,
) -> Result<(), EncodeError> {
    let raw = fault.detail.as_deref().unwrap_or_default();
    let has = |ns: &str, local: &str| raw.iter().any(|e| e.ns() == ns && e.local() == local);
    let ews = &fault.ews;
    let error_code = ews
        .error_code
        .as_ref()
        .filter(|_| !has(EWS_MESSAGES_NS, "ErrorCode"));
    let response_code = ews
        .response_code
        .as_ref()
        .filter(|_| !has(EWS_ERRORS_NS, "ResponseCode"));
    let message = ews
        .message
        .as_ref()
        .filter(|_| !has(EWS_ERRORS_NS, "Message"));
    let message_xml = !ews.message_xml.is_empty()
        && !has(EWS_ERRORS_NS, "MessageXml")
        && !has(EWS_TYPES_NS, "MessageXml");
    let extras =
        error_code.is_some() || response_code.is_some() || message.is_some() || message_xml;
    if fault.detail.is_none() && !extras {
        return Ok(());
    }
    w.start(ns, local)?;
    for element in raw {
        w.content(element)?;
    }
    if let Some(code) = response_code {
        w.child(EWS_ERRORS_NS, "ResponseCode", code)?;
    }
    if let Some(text) = message {
        w.child(EWS_ERRORS_NS, "Message", text)?;
    }
    if message_xml {
        w.start(EWS_TYPES_NS, "MessageXml")?;
        for (name, value) in &ews.message_xml {
            w.start(EWS_TYPES_NS, "Value")?;
            w.attr("", "Name", name)?;
            w.text(value)?;
            w.end()?;
        }
        w.end()?;
    }
    if let Some(code) = error_code {
        w.child(EWS_MESSAGES_NS, "ErrorCode", code)?;
    }
    w.end()
}

/// Whether `c` is a character XML 1.0 allows.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `text` with every character XML forbids written as `\u{..}` (borrowed when there is none).
fn sanitize_text(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(is_xml_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_xml_char(c) {
            out.push(c);
        } else {
            out.push_str(&c.escape_unicode().to_string());
        }
    }
    std::borrow::Cow::Owned(out)
}

fn sanitize_in_place(text: &mut String) {
    if let std::borrow::Cow::Owned(clean) = sanitize_text(text) {
        *text = clean;
    }
}

/// A copy of `fault` that can be encoded: characters XML forbids in its texts (a Client fault
/// quoting the bad input, say) are written as `\u{..}` escapes and detail elements holding
/// such characters are left out. Its code is kept, so the sender still gets the fault meant
/// for it rather than an internal error.
pub(crate) fn sanitized(fault: &Fault) -> Fault {
    let mut f = fault.clone();
    let data = &mut *f;
    sanitize_in_place(&mut data.string);
    for text in [&mut data.actor, &mut data.node].into_iter().flatten() {
        sanitize_in_place(text);
    }
    for code in std::iter::once(&mut data.code).chain(data.subcodes.iter_mut()) {
        sanitize_in_place(&mut code.ns);
        sanitize_in_place(&mut code.local);
    }
    let ews = &mut data.ews;
    for text in [
        &mut ews.error_code,
        &mut ews.response_code,
        &mut ews.message,
    ]
    .into_iter()
    .flatten()
    {
        sanitize_in_place(text);
    }
    for (name, value) in &mut ews.message_xml {
        sanitize_in_place(name);
        sanitize_in_place(value);
    }
    if let Some(detail) = &mut data.detail {
        detail.retain(|e| e.xml().chars().all(is_xml_char));
    }
    f
}
