//! Every shape the generator emits, written by hand exactly as generated code should look, with
//! round trips (decode → encode → decode gives the same value).
//!
//! The simple types here are test-local stand-ins for the built-ins in `types/`.

use xsd2rs_runtime::codec::{
    decode_document, encode_document, AnyElement, DecodeError, EncodeError, FromXml, Nillable,
    ToXml, UnknownKind, WriteOptions, XmlReader, XmlRoot, XmlWriter,
};
use xsd2rs_runtime::{SimpleValue, ValueError};

// ----- test-local simple types ---------------------------------------------------------------

/// Stand-in for `xs:string`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text(pub String);

impl SimpleValue for Text {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        Ok(Text(text.to_owned()))
    }
    fn write_text(&self, out: &mut String) {
        out.push_str(&self.0);
    }
}

fn text(s: &str) -> Text {
    Text(s.to_owned())
}

/// Stand-in for an `xs:unsignedInt` restricted by `maxInclusive 1000`.
#[derive(Debug, Clone, PartialEq)]
pub struct Count(pub u32);

impl SimpleValue for Count {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        let v = text
            .trim()
            .parse()
            .map_err(|_| ValueError::new("xs:unsignedInt", text))?;
        let c = Count(v);
        c.check()?;
        Ok(c)
    }
    fn write_text(&self, out: &mut String) {
        out.push_str(&self.0.to_string());
    }
    fn check(&self) -> Result<(), ValueError> {
        if self.0 <= 1000 {
            Ok(())
        } else {
            Err(ValueError::new("maxInclusive 1000", &self.0.to_string()))
        }
    }
}

// ----- what generated code looks like --------------------------------------------------------

const T: &str = "urn:shapes:types";
const M: &str = "urn:shapes:messages";

/// (c) An enumeration with a fallback that keeps values the schema does not list.
#[derive(Debug, Clone, PartialEq)]
pub enum OofState {
    /// `Disabled`
    Disabled,
    /// `Enabled`
    Enabled,
    /// `Scheduled`
    Scheduled,
    /// A value this schema does not list.
    Other(String),
}

impl SimpleValue for OofState {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        Ok(match text.trim() {
            "Disabled" => Self::Disabled,
            "Enabled" => Self::Enabled,
            "Scheduled" => Self::Scheduled,
            other => Self::Other(other.to_owned()),
        })
    }
    fn write_text(&self, out: &mut String) {
        out.push_str(match self {
            Self::Disabled => "Disabled",
            Self::Enabled => "Enabled",
            Self::Scheduled => "Scheduled",
            Self::Other(v) => v,
        });
    }
}

/// (g) simpleContent: a value plus attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Price {
    pub currency: Option<Text>,
    pub value: Count,
}

impl FromXml for Price {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let currency = r.attr("", "currency")?;
        let value = r.text()?;
        Ok(Self { currency, value })
    }
}

impl ToXml for Price {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.attr_opt("", "currency", &self.currency)?;
        w.text(&self.value)
    }
}

/// A small complex type used as a complex-typed child.
#[derive(Debug, Clone, PartialEq)]
pub struct Address {
    pub email: Text,
}

impl FromXml for Address {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut email = None;
        while let Some(name) = r.next_child()? {
            match name {
                (T, "Email") => r.read(&mut email)?,
                _ => r.unknown()?,
            }
        }
        Ok(Self {
            email: r.required(email, "Email")?,
        })
    }
}

impl ToXml for Address {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.child(T, "Email", &self.email)
    }
}

/// (a) A complex type: attributes, required / optional / repeated / simple / complex children.
#[derive(Debug, Clone, PartialEq)]
pub struct Mailbox {
    pub id: Text,
    pub kind: Option<Text>,
    pub name: Text,
    pub routing: Option<Text>,
    pub aliases: Vec<Text>,
    pub state: OofState,
    pub address: Address,
    pub price: Option<Price>,
}

impl FromXml for Mailbox {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let id = r.req_attr("", "Id")?;
        let kind = r.attr("", "Kind")?;
        let (mut name, mut routing, mut aliases, mut state, mut address, mut price) =
            (None, None, Vec::new(), None, None, None);
        while let Some(child) = r.next_child()? {
            match child {
                (T, "Name") => r.read(&mut name)?,
                (T, "Routing") => r.read(&mut routing)?,
                (T, "Alias") => r.read_push(&mut aliases)?,
                (T, "State") => r.read(&mut state)?,
                (T, "Address") => r.read(&mut address)?,
                (T, "Price") => r.read(&mut price)?,
                _ => r.unknown()?,
            }
        }
        Ok(Self {
            id,
            kind,
            name: r.required(name, "Name")?,
            routing,
            aliases,
            state: r.required(state, "State")?,
            address: r.required(address, "Address")?,
            price,
        })
    }
}

impl ToXml for Mailbox {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.attr("", "Id", &self.id)?;
        w.attr_opt("", "Kind", &self.kind)?;
        w.child(T, "Name", &self.name)?;
        w.child_opt(T, "Routing", &self.routing)?;
        w.children(T, "Alias", &self.aliases)?;
        w.child(T, "State", &self.state)?;
        w.child(T, "Address", &self.address)?;
        w.child_opt(T, "Price", &self.price)
    }
}

/// (b) A choice → enum (its `to_xml` writes the chosen element).
#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    Days(Count),
    Hours(Count),
}

impl ToXml for Span {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        match self {
            Self::Days(v) => w.child(T, "Days", v),
            Self::Hours(v) => w.child(T, "Hours", v),
        }
    }
}

/// (b) A repeated choice → `Vec<Event>` in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Deliver(Text),
    Fail(Address),
}

impl ToXml for Event {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        match self {
            Self::Deliver(v) => w.child(T, "Deliver", v),
            Self::Fail(v) => w.child(T, "Fail", v),
        }
    }
}

/// (d) Substitution group of abstract element `Item`: its known members plus a fallback.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Message(Address),
    Memo(Text),
    /// A member this schema does not know, kept raw.
    Other(AnyElement),
}

impl ToXml for Item {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        match self {
            Self::Message(v) => w.child(T, "Message", v),
            Self::Memo(v) => w.child(T, "Memo", v),
            Self::Other(v) => w.content(v),
        }
    }
}

/// A type whose content is a repeated abstract element (`<xs:element ref="t:Item" maxOccurs=
/// "unbounded"/>`).
#[derive(Debug, Clone, PartialEq)]
pub struct Items {
    pub items: Vec<Item>,
}

impl FromXml for Items {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut items = Vec::new();
        while let Some(name) = r.next_child()? {
            match name {
                (T, "Message") => r.push_as(&mut items, Item::Message)?,
                (T, "Memo") => r.push_as(&mut items, Item::Memo)?,
                _ => r.push_as(&mut items, Item::Other)?,
            }
        }
        Ok(Self { items })
    }
}

impl ToXml for Items {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.contents(&self.items)
    }
}

/// (e) `xs:any` → raw XML kept verbatim.
#[derive(Debug, Clone, PartialEq)]
pub struct Extension {
    pub version: Option<Count>,
    pub any: Vec<AnyElement>,
}

impl FromXml for Extension {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let version = r.attr("", "Version")?;
        let mut any = Vec::new();
        while r.next_child()?.is_some() {
            r.read_push(&mut any)?;
        }
        Ok(Self { version, any })
    }
}

impl ToXml for Extension {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.attr_opt("", "Version", &self.version)?;
        w.contents(&self.any)
    }
}

/// (h) A global element with an anonymous type, usable as a document root; it also holds the
/// choice fields (b) and the nillable ones (f).
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub mailbox: Mailbox,
    pub span: Option<Span>,
    pub events: Vec<Event>,
    pub items: Option<Items>,
    pub extension: Option<Extension>,
    /// (f) required and nillable
    pub start: Nillable<Text>,
    /// (f) optional and nillable: absent, nil and a value are three different things
    pub end: Option<Nillable<Text>>,
}

impl FromXml for Report {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let (mut mailbox, mut span, mut events, mut items, mut extension, mut start, mut end) =
            (None, None, Vec::new(), None, None, None, None);
        while let Some(name) = r.next_child()? {
            match name {
                (M, "Mailbox") => r.read(&mut mailbox)?,
                (T, "Days") => r.read_as(&mut span, Span::Days)?,
                (T, "Hours") => r.read_as(&mut span, Span::Hours)?,
                (T, "Deliver") => r.push_as(&mut events, Event::Deliver)?,
                (T, "Fail") => r.push_as(&mut events, Event::Fail)?,
                (M, "Items") => r.read(&mut items)?,
                (M, "Extension") => r.read(&mut extension)?,
                (M, "Start") => r.read(&mut start)?,
                (M, "End") => r.read(&mut end)?,
                _ => r.unknown()?,
            }
        }
        Ok(Self {
            mailbox: r.required(mailbox, "Mailbox")?,
            span,
            events,
            items,
            extension,
            start: r.required(start, "Start")?,
            end,
        })
    }
}

impl ToXml for Report {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.child(M, "Mailbox", &self.mailbox)?;
        w.content_opt(&self.span)?;
        w.contents(&self.events)?;
        w.child_opt(M, "Items", &self.items)?;
        w.child_opt(M, "Extension", &self.extension)?;
        w.child(M, "Start", &self.start)?;
        w.child_opt(M, "End", &self.end)
    }
}

impl XmlRoot for Report {
    const NS: &'static str = M;
    const NAME: &'static str = "Report";
}

// ----- tests ---------------------------------------------------------------------------------

const REPORT: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<!-- a report -->
<m:Report xmlns:m="urn:shapes:messages" xmlns:t="urn:shapes:types" xmlns:x="urn:other">
  <m:Mailbox Id="mb1" Kind="user" New="attr">
    <t:Name>Ann &amp; Bob &lt;team&gt;</t:Name>
    <t:Alias>ann</t:Alias>
    <t:Alias><![CDATA[a<b]]></t:Alias>
    <t:State>Vacation</t:State>
    <t:Address><t:Email>ann@example.com</t:Email><t:Phone>1</t:Phone></t:Address>
    <t:Price currency="EUR"> 12 </t:Price>
  </m:Mailbox>
  <t:Hours>3</t:Hours>
  <t:Deliver>one</t:Deliver>
  <t:Fail><t:Email>f@example.com</t:Email></t:Fail>
  <t:Deliver>two</t:Deliver>
  <m:Items>
    <t:Memo>memo</t:Memo>
    <x:Future a="1" x:b="2"><t:Memo>inner</t:Memo><y:z xmlns:y="urn:y"/></x:Future>
    <t:Message><t:Email>m@example.com</t:Email></t:Message>
  </m:Items>
  <m:Extension Version="2"><x:Ext>raw <b>text</b></x:Ext><plain/></m:Extension>
  <m:Start xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>
  <m:End>later</m:End>
  <m:Unknown><deep/></m:Unknown>
</m:Report>
"#;

fn options() -> WriteOptions {
    WriteOptions::default().prefix("m", M).prefix("t", T)
}

#[test]
fn report_decodes_every_shape() {
    let decoded = decode_document::<Report>(REPORT.as_bytes()).unwrap();
    let r = &decoded.value;
    let mb = &r.mailbox;
    assert_eq!(mb.id, text("mb1"));
    assert_eq!(mb.kind, Some(text("user")));
    assert_eq!(mb.name, text("Ann & Bob <team>"));
    assert_eq!(mb.routing, None);
    assert_eq!(mb.aliases, vec![text("ann"), text("a<b")]);
    assert_eq!(mb.state, OofState::Other("Vacation".into()));
    assert_eq!(mb.address.email, text("ann@example.com"));
    assert_eq!(
        mb.price,
        Some(Price {
            currency: Some(text("EUR")),
            value: Count(12)
        })
    );
    assert_eq!(r.span, Some(Span::Hours(Count(3))));
    assert_eq!(
        r.events,
        vec![
            Event::Deliver(text("one")),
            Event::Fail(Address {
                email: text("f@example.com")
            }),
            Event::Deliver(text("two")),
        ]
    );
    let items = &r.items.as_ref().unwrap().items;
    assert_eq!(items.len(), 3);
    assert_eq!(items[0], Item::Memo(text("memo")));
    match &items[1] {
        Item::Other(raw) => {
            assert_eq!((raw.ns(), raw.local()), ("urn:other", "Future"));
            assert_eq!(
                raw.xml(),
                r#"<x:Future xmlns:t="urn:shapes:types" xmlns:x="urn:other" a="1" x:b="2"><t:Memo>inner</t:Memo><y:z xmlns:y="urn:y"/></x:Future>"#
            );
        }
        other => panic!("expected the raw fallback, got {other:?}"),
    }
    assert_eq!(
        items[2],
        Item::Message(Address {
            email: text("m@example.com")
        })
    );
    let ext = r.extension.as_ref().unwrap();
    assert_eq!(ext.version, Some(Count(2)));
    assert_eq!(ext.any.len(), 2);
    assert_eq!(
        ext.any[0].xml(),
        r#"<x:Ext xmlns:x="urn:other">raw <b>text</b></x:Ext>"#
    );
    assert_eq!(
        (ext.any[1].ns(), ext.any[1].local(), ext.any[1].xml()),
        ("", "plain", "<plain/>")
    );
    assert_eq!(r.start, Nillable::Nil);
    assert_eq!(r.end, Some(Nillable::Value(text("later"))));

    let unknown: Vec<_> = decoded
        .unknown
        .iter()
        .map(|u| (u.kind, u.path.as_str(), u.name.as_str()))
        .collect();
    assert_eq!(
        unknown,
        vec![
            (UnknownKind::Attribute, "/Report/Mailbox", "New"),
            (UnknownKind::Element, "/Report/Mailbox/Address", "Phone"),
            (UnknownKind::Element, "/Report", "Unknown"),
        ]
    );
    assert_eq!((decoded.unknown[0].line, decoded.unknown[0].column), (4, 3));
}

#[test]
fn report_round_trips() {
    let first = decode_document::<Report>(REPORT.as_bytes()).unwrap().value;
    let bytes = encode_document(&first, &options()).unwrap();
    let again = decode_document::<Report>(&bytes).unwrap();
    assert_eq!(again.value, first);
    assert!(again.unknown.is_empty(), "{:?}", again.unknown);
    // and the re-encoding is stable
    assert_eq!(encode_document(&again.value, &options()).unwrap(), bytes);
}

#[test]
fn report_encodes_with_stable_prefixes() {
    let value = Report {
        mailbox: Mailbox {
            id: text("a\"b"),
            kind: None,
            name: text("x < y & z ]]>"),
            routing: Some(text("r")),
            aliases: vec![],
            state: OofState::Scheduled,
            address: Address { email: text("e") },
            price: Some(Price {
                currency: None,
                value: Count(7),
            }),
        },
        span: Some(Span::Days(Count(2))),
        events: vec![
            Event::Fail(Address { email: text("f") }),
            Event::Deliver(text("d")),
        ],
        items: None,
        extension: None,
        start: Nillable::Value(text("s")),
        end: Some(Nillable::Nil),
    };
    let xml = String::from_utf8(encode_document(&value, &options()).unwrap()).unwrap();
    assert_eq!(
        xml,
        concat!(
            r#"<m:Report xmlns:m="urn:shapes:messages" xmlns:t="urn:shapes:types">"#,
            r#"<m:Mailbox Id="a&quot;b"><t:Name>x &lt; y &amp; z ]]&gt;</t:Name><t:Routing>r</t:Routing>"#,
            r#"<t:State>Scheduled</t:State><t:Address><t:Email>e</t:Email></t:Address><t:Price>7</t:Price></m:Mailbox>"#,
            r#"<t:Days>2</t:Days><t:Fail><t:Email>f</t:Email></t:Fail><t:Deliver>d</t:Deliver>"#,
            r#"<m:Start>s</m:Start>"#,
            r#"<m:End xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></m:Report>"#
        )
    );
    assert_eq!(
        decode_document::<Report>(xml.as_bytes()).unwrap().value,
        value
    );
}

#[test]
fn absent_nil_and_value_stay_distinct() {
    let doc = |end: &str| {
        format!(
            r#"<m:Report xmlns:m="{M}" xmlns:t="{T}"><m:Mailbox Id="1"><t:Name>n</t:Name><t:State>Enabled</t:State><t:Address><t:Email>e</t:Email></t:Address></m:Mailbox><m:Start>s</m:Start>{end}</m:Report>"#
        )
    };
    let end_of = |xml: String| decode_document::<Report>(xml.as_bytes()).unwrap().value.end;
    assert_eq!(end_of(doc("")), None);
    assert_eq!(
        end_of(doc(
            r#"<m:End xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:nil="1"/>"#
        )),
        Some(Nillable::Nil)
    );
    assert_eq!(end_of(doc("<m:End/>")), Some(Nillable::Value(text(""))));
    assert_eq!(
        end_of(doc("<m:End>v</m:End>")),
        Some(Nillable::Value(text("v")))
    );
}

#[test]
fn enumeration_keeps_unknown_values() {
    assert_eq!(
        OofState::parse_text(" Enabled ").unwrap(),
        OofState::Enabled
    );
    let other = OofState::parse_text("Vacation").unwrap();
    let mut s = String::new();
    other.write_text(&mut s);
    assert_eq!(s, "Vacation");
}

#[test]
fn facet_violation_on_encode_names_the_path() {
    let mut value = decode_document::<Report>(REPORT.as_bytes()).unwrap().value;
    value.mailbox.price = Some(Price {
        currency: None,
        value: Count(5000),
    });
    let err = encode_document(&value, &options()).unwrap_err();
    assert_eq!(err.path(), "/Report/Mailbox/Price");
    assert!(err.to_string().contains("maxInclusive 1000"), "{err}");
}

#[test]
fn facet_violation_on_decode_names_the_path() {
    let xml = REPORT.replace("<t:Hours>3</t:Hours>", "<t:Hours>3000</t:Hours>");
    let err = decode_document::<Report>(xml.as_bytes()).unwrap_err();
    assert_eq!(err.path(), "/Report/Hours");
    assert_eq!((err.line(), err.column()), (12, 3));
    assert!(err.to_string().contains("maxInclusive 1000"), "{err}");
}

#[test]
fn prefixes_do_not_matter_only_namespaces() {
    let xml = r#"<Report xmlns="urn:shapes:messages"><Mailbox Id="1"><a:Name xmlns:a="urn:shapes:types">n</a:Name><State xmlns="urn:shapes:types">Disabled</State><b:Address xmlns:b="urn:shapes:types"><b:Email>e</b:Email></b:Address></Mailbox><Start>s</Start><t:Start xmlns:t="urn:wrong">dup</t:Start></Report>"#;
    let decoded = decode_document::<Report>(xml.as_bytes()).unwrap();
    assert_eq!(decoded.value.mailbox.name, text("n"));
    assert_eq!(decoded.value.mailbox.state, OofState::Disabled);
    assert_eq!(decoded.value.start, Nillable::Value(text("s")));
    assert_eq!(decoded.unknown.len(), 1);
    assert_eq!(
        (
            decoded.unknown[0].ns.as_str(),
            decoded.unknown[0].name.as_str()
        ),
        ("urn:wrong", "Start")
    );
}
