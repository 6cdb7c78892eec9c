//! Sample documents for the construct fixtures decode into the generated types (compiled in
//! `tests::constructs`) and re-encode to the same XML, compared canonically.

use tests::canon::assert_xml_eq;
use tests::constructs::*;
use xsd2rs_runtime::codec::{
    decode_document, encode_document, Decoded, Nillable, WriteOptions, XmlRoot,
};

fn decode<T: XmlRoot>(xml: &str) -> Decoded<T> {
    decode_document::<T>(xml.as_bytes()).unwrap_or_else(|e| panic!("decoding {}: {e}", T::NAME))
}

/// Decodes, checks nothing was skipped, re-encodes and compares canonically.
fn round_trip<T: XmlRoot>(xml: &str) -> T {
    let d = decode::<T>(xml);
    assert!(d.unknown.is_empty(), "skipped: {:?}", d.unknown);
    let out = encode_document(&d.value, &WriteOptions::default()).expect("encodes");
    assert_xml_eq(xml, &String::from_utf8(out).expect("UTF-8"));
    d.value
}

#[test]
fn repeated_choice_keeps_document_order() {
    use repeated_choice::*;
    let v: ListType = round_trip(
        r#"<Changes xmlns="urn:xsd2rs:test:repeated-choice">
             <Add>a</Add><Remove>b</Remove><Add>c</Add></Changes>"#,
    );
    assert_eq!(
        v.choice,
        [
            ListTypeChoice::Add("a".into()),
            ListTypeChoice::Remove("b".into()),
            ListTypeChoice::Add("c".into())
        ]
    );
}

#[test]
fn choice_picks_one_branch_and_requires_one() {
    use choice::*;
    let v: ShapeType =
        round_trip(r#"<Shape xmlns="urn:xsd2rs:test:choice"><Label>x</Label></Shape>"#);
    assert_eq!(v.choice, ShapeTypeChoice::Label("x".into()));
    let err = decode_document::<ShapeType>(br#"<Shape xmlns="urn:xsd2rs:test:choice"/>"#)
        .expect_err("a required choice is missing");
    assert!(err.to_string().contains("Circle"), "{err}");
}

#[test]
fn substitution_group_members_and_unknown_member() {
    use substitution_group::*;
    let v: FolderType = round_trip(
        r#"<Folder xmlns="urn:xsd2rs:test:substitution-group">
             <Message><Id>1</Id><Subject>s</Subject></Message>
             <Meeting><Id>2</Id><Subject>m</Subject><Start>2024-01-01T10:00:00Z</Start></Meeting>
             <Note><Id>3</Id></Note>
             <Task xmlns="urn:other"><Id>4</Id></Task>
           </Folder>"#,
    );
    assert_eq!(v.item.len(), 4);
    assert!(
        matches!(&v.item[0], Item::Message(MessageTypeOrDerived::MessageType(m)) if m.subject == "s")
    );
    assert!(matches!(&v.item[1], Item::Meeting(m) if m.id == "2"));
    // `Note` has the abstract type ItemType and no xsi:type: kept whole (lenient read).
    assert!(
        matches!(&v.item[2], Item::Note(ItemTypeOrDerived::Other(raw)) if raw.0.local() == "Note")
    );
    match &v.item[3] {
        Item::Other(raw) => assert_eq!((raw.ns(), raw.local()), ("urn:other", "Task")),
        other => panic!("unknown member not kept raw: {other:?}"),
    }
}

#[test]
fn nil_is_distinct_from_absent() {
    use nillable::*;
    let xsi = r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#;
    let v: RecordType = round_trip(&format!(
        r#"<Record xmlns="urn:xsd2rs:test:nillable" {xsi}><Required xsi:nil="true"/><Optional xsi:nil="true"/></Record>"#
    ));
    assert_eq!(v.required, Nillable::Nil);
    assert_eq!(v.optional, Some(Nillable::Nil));
    assert_eq!(v.with_default, None, "a default is never filled in");
    let v: RecordType =
        round_trip(r#"<Record xmlns="urn:xsd2rs:test:nillable"><Required>x</Required></Record>"#);
    assert_eq!(v.required, Nillable::Value("x".into()));
    assert_eq!(v.optional, None);
}

#[test]
fn simple_content_extension_value_and_attributes() {
    use simple_content_extension::*;
    let v: TaxedPriceType = round_trip(
        r#"<Price xmlns="urn:xsd2rs:test:simple-content-extension" Currency="EUR" Rate="0.20">12.50</Price>"#,
    );
    assert_eq!(v.currency, "EUR");
    assert_eq!(v.value.to_string(), "12.50");
}

#[test]
fn all_accepts_any_order() {
    use all::*;
    // ... and writes them back in the order read.
    let v: SettingsType = round_trip(
        r#"<Settings xmlns="urn:xsd2rs:test:all"><Height>2</Height><Width>1</Width></Settings>"#,
    );
    assert_eq!((v.width, v.height, v.title), (1, 2, None));
}

#[test]
fn wildcard_content_is_kept_raw() {
    use any::*;
    let v: EnvelopeType = round_trip(
        r#"<Envelope xmlns="urn:xsd2rs:test:any"><Kind>k</Kind>
             <x:Extra xmlns:x="urn:x" a="1"><x:Deep>t &amp; u</x:Deep></x:Extra><Other/></Envelope>"#,
    );
    assert_eq!(v.any.len(), 2);
    assert_eq!(v.any[0].local(), "Extra");
}

#[test]
fn nested_groups_keep_order() {
    use nested_groups::*;
    let v: NestedType = round_trip(
        r#"<Nested xmlns="urn:xsd2rs:test:nested-groups"><Head>h</Head>
             <B>1</B><C>c</C><B>2</B><D>d</D></Nested>"#,
    );
    assert_eq!(
        v.choice,
        [
            NestedTypeChoice::B(1),
            NestedTypeChoice::C("c".into()),
            NestedTypeChoice::B(2),
            NestedTypeChoice::D("d".into())
        ]
    );
}

#[test]
fn union_members_are_tried_in_order() {
    use union::*;
    use xsd2rs_runtime::SimpleValue;
    let parse =
        |t: &str| <SizeType as SimpleValue>::parse_text(t).expect("a union accepts any text");
    assert_eq!(parse("12"), SizeType::Int(12));
    assert_eq!(parse("large"), SizeType::SizeNameType(SizeNameType::Large));
    assert!(
        matches!(parse("auto"), SizeType::SizeType2(_)),
        "{:?}",
        parse("auto")
    );
    assert_eq!(parse("huge"), SizeType::Other("huge".into()));
    let v: Size = round_trip(r#"<Size xmlns="urn:xsd2rs:test:union">large</Size>"#);
    assert_eq!(v.0, SizeType::SizeNameType(SizeNameType::Large));
}

const XSI: &str = r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#;

#[test]
fn xsi_type_picks_the_derived_type_and_keeps_unknown_types_whole() {
    use xsi_type::*;
    let v: RequestType = round_trip(&format!(
        r#"<t:Request xmlns:t="urn:xsd2rs:test:xsi-type" {XSI}>
             <t:Id xsi:type="t:ItemIdType" Id="AAA"/>
             <t:Id xmlns:p="urn:xsd2rs:test:xsi-type" xsi:type=" p:FolderIdType "><t:Path>/inbox</t:Path></t:Id>
             <t:Id xmlns:o="urn:other" xsi:type="o:NewIdType" Id="B"><o:X>1</o:X></t:Id>
             <t:Party xsi:type="t:PersonType"><t:Address>a@b</t:Address><t:Name>A</t:Name></t:Party>
             <t:Sender><t:Address>s@b</t:Address></t:Sender>
           </t:Request>"#
    ));
    // A derived type's xsi:type is the variant's (the struct does not keep it again).
    assert_eq!(
        v.id[0],
        BaseIdTypeOrDerived::ItemIdType(ItemIdType::new("AAA"))
    );
    assert!(
        matches!(&v.id[1], BaseIdTypeOrDerived::FolderIdType(f) if f.path == "/inbox"),
        "{:?}",
        v.id[1]
    );
    match &v.id[2] {
        BaseIdTypeOrDerived::Other(raw) => assert!(raw.0.xml().contains("NewIdType"), "{raw:?}"),
        other => panic!("unknown xsi:type not kept whole: {other:?}"),
    }
    assert!(
        matches!(&v.party, Some(PartyTypeOrDerived::PersonType(p)) if p.name.as_deref() == Some("A"))
    );
    assert_eq!(v.sender.as_ref().map(|s| s.address.as_str()), Some("s@b"));

    // The declared type is read without xsi:type and written without it.
    let v: RequestType = round_trip(
        r#"<Request xmlns="urn:xsd2rs:test:xsi-type"><Party><Address>x</Address></Party></Request>"#,
    );
    assert!(matches!(&v.party, Some(PartyTypeOrDerived::PartyType(p)) if p.address == "x"));
}

#[test]
fn xsi_type_is_written_with_a_declared_prefix() {
    use xsi_type::*;
    let v = RequestType {
        id: vec![BaseIdTypeOrDerived::ItemIdType(ItemIdType::new("1"))],
        ..RequestType::default()
    };
    // No preferred prefixes: the type's namespace gets a generated prefix, declared where used.
    let out = String::from_utf8(encode_document(&v, &WriteOptions::default()).expect("encodes"))
        .expect("UTF-8");
    assert!(
        out.contains(r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#),
        "{out}"
    );
    assert!(out.contains(r#"<ns1:Id xsi:type="ns1:ItemIdType" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Id="1"/>"#), "{out}");
    let back = decode::<RequestType>(&out);
    assert_eq!(back.value, v, "{out}");
    // xsi is declared only when used.
    let plain = RequestType { id: vec![], ..v };
    let out = encode_document(&plain, &WriteOptions::default()).expect("encodes");
    assert!(!String::from_utf8_lossy(&out).contains("XMLSchema-instance"));
}

#[test]
fn any_type_element_is_kept_whole_and_not_doubled() {
    use xsi_type::*;
    let v: RequestType = round_trip(&format!(
        r#"<t:Request xmlns:t="urn:xsd2rs:test:xsi-type" {XSI}>
             <t:Id xsi:type="t:ItemIdType" Id="1"/>
             <t:Extra a="1" xsi:type="xs:string" xmlns:xs="http://www.w3.org/2001/XMLSchema">text <b>bold</b> tail</t:Extra>
           </t:Request>"#
    ));
    let extra = v.extra.expect("Extra kept");
    assert_eq!(extra.0.local(), "Extra");
    assert!(extra.0.xml().contains("<b>bold</b>"));
}

#[test]
fn mixed_content_keeps_text_in_document_order() {
    use mixed::*;
    use xsd2rs_runtime::codec::Mixed;
    let v: ParagraphType = round_trip(
        r#"<p xmlns="urn:xsd2rs:test:mixed">Hello <b>big</b> &amp; <i>small</i> world</p>"#,
    );
    assert_eq!(
        v.content,
        [
            Mixed::Text("Hello ".into()),
            Mixed::Element(ParagraphTypeChoice::B("big".into())),
            Mixed::Text(" & ".into()),
            Mixed::Element(ParagraphTypeChoice::I("small".into())),
            Mixed::Text(" world".into()),
        ]
    );
    let out = encode_document(&v, &WriteOptions::default()).expect("encodes");
    assert_eq!(
        String::from_utf8(out).expect("UTF-8"),
        r#"<ns1:p xmlns:ns1="urn:xsd2rs:test:mixed">Hello <ns1:b>big</ns1:b> &amp; <ns1:i>small</ns1:i> world</ns1:p>"#
    );
}

#[test]
fn attribute_defaults_are_read_through_accessors_and_never_written() {
    use attributes::*;
    use xsd2rs_runtime::codec::{decode_document_with, ReadOptions};
    let v: ItemType = round_trip(r#"<Item xmlns="urn:xsd2rs:test:attributes" Id="a"/>"#);
    assert_eq!((v.count, v.kind.as_deref()), (None, None));
    assert_eq!(*v.count_or_default().expect("valid default"), 1);
    assert_eq!(*v.kind_or_default().expect("valid fixed"), "item");
    let v: ItemType =
        round_trip(r#"<Item xmlns="urn:xsd2rs:test:attributes" Id="a" Count="7" Kind="item"/>"#);
    assert_eq!(*v.count_or_default().expect("set"), 7);

    // Another value than the fixed one: kept when lenient, an error naming it when strict.
    let other = br#"<Item xmlns="urn:xsd2rs:test:attributes" Id="a" Kind="thing"/>"#;
    let d = decode_document::<ItemType>(other).expect("lenient read keeps it");
    assert_eq!(d.value.kind.as_deref(), Some("thing"));
    let strict = ReadOptions {
        strict: true,
        ..ReadOptions::default()
    };
    let err = decode_document_with::<ItemType>(other, &strict).expect_err("strict");
    assert_eq!(err.path(), "/Item/@Kind");
}

#[test]
fn restrictions_of_enumerations_and_unions() {
    use enum_restriction::*;
    use xsd2rs_runtime::SimpleValue;
    // A subset restriction is its own enumeration: other values are kept (and written) as sent.
    let v: PaletteType = round_trip(
        r#"<Palette xmlns="urn:xsd2rs:test:enum-restriction"><Primary>magenta</Primary><Short>red</Short><Size>12</Size></Palette>"#,
    );
    assert_eq!(v.primary, Some(PrimaryColorType::Other("magenta".into())));
    assert_eq!(v.short, Some(ShortColorType(ColorType::Red)));
    assert_eq!(v.size, Some(ShortSizeType(SizeType::Int(12))));
    // Lexical facets of a restricted enumeration / union hold on read and on write.
    let err = decode_document::<PaletteType>(
        br#"<Palette xmlns="urn:xsd2rs:test:enum-restriction"><Short>magenta</Short></Palette>"#,
    )
    .expect_err("maxLength 5");
    assert_eq!(err.path(), "/Palette/Short");
    assert!(<ShortSizeType as SimpleValue>::parse_text("12345").is_err());
    let bad = PaletteType {
        size: Some(ShortSizeType(SizeType::Int(123456))),
        ..PaletteType::default()
    };
    let err = encode_document(&bad, &WriteOptions::default()).expect_err("pattern");
    assert_eq!(err.path(), "/Palette/Size");
}
