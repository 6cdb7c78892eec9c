//! Content-model constructs read from their fixture instance (`xsd2rs/tests/fixtures/constructs/
//! <name>/instance.xml`) strictly, re-encoded, compared canonically with the input and validated
//! against the fixture schema with xmllint: nothing in a valid document lost, reordered or refused.

use tests::canon::assert_xml_eq;
use tests::constructs::*;
use tests::validate::{assert_valid, SchemaSet};
use tests::workspace_root;
use xsd2rs_runtime::codec::{
    decode_document_with, encode_document, Nillable, ReadOptions, WriteOptions, XmlRoot,
};

fn fixture(name: &str) -> std::path::PathBuf {
    workspace_root()
        .join("xsd2rs/tests/fixtures/constructs")
        .join(name)
}

/// Decodes `xml` strictly (nothing unknown), re-encodes, compares canonically, validates the
/// output against the construct's schema.
fn round_trip_xml<T: XmlRoot>(name: &str, xml: &str) -> T {
    let strict = ReadOptions {
        strict: true,
        ..ReadOptions::default()
    };
    let d = decode_document_with::<T>(xml.as_bytes(), &strict)
        .unwrap_or_else(|e| panic!("{name}: strict decoding failed: {e}"));
    let out = encode_document(&d.value, &WriteOptions::default()).expect("encodes");
    let out = String::from_utf8(out).expect("UTF-8");
    assert_xml_eq(xml, &out);
    let set = SchemaSet::from_entries(&[fixture(name).join("schema.xsd")]).expect("schema set");
    assert_valid(&set, xml);
    assert_valid(&set, &out);
    d.value
}

/// [`round_trip_xml`] on the fixture's `instance.xml`.
fn round_trip<T: XmlRoot>(name: &str) -> T {
    let xml = std::fs::read_to_string(fixture(name).join("instance.xml")).expect("instance.xml");
    round_trip_xml(name, &xml)
}

#[test]
fn any_attribute_keeps_matched_attributes_in_document_order() {
    use any_attribute::*;
    let v: Open = round_trip("any-attribute");
    let OpenTypeOrDerived::OpenType(v) = v.0 else {
        panic!("declared type expected")
    };
    assert_eq!(v.known.as_deref(), Some("k"));
    let names: Vec<_> = v
        .any_attributes
        .0
        .iter()
        .map(|a| (a.ns.as_str(), a.local.as_str(), a.value.as_str()))
        .collect();
    assert_eq!(
        names,
        [("urn:x", "first", "1"), ("urn:x", "second", "a & b")]
    );
    assert_eq!(v.local[0].any_attributes.get("", "plain"), Some("p"));
    assert_eq!(
        v.local[0]
            .any_attributes
            .get("urn:xsd2rs:test:any-attribute", "Global"),
        Some("3")
    );
    let derived = v.derived.as_ref().expect("Derived");
    assert_eq!(derived.any_attributes.0.len(), 2);
}

#[test]
fn any_attribute_namespace_constraint_holds_on_strict_reads() {
    use any_attribute::*;
    let strict = ReadOptions {
        strict: true,
        ..ReadOptions::default()
    };
    // ##other: an unqualified or target-namespace attribute is not matched.
    for bad in [
        r#"<t:Open xmlns:t="urn:xsd2rs:test:any-attribute" other="1"><t:Value>v</t:Value></t:Open>"#,
        r#"<t:Open xmlns:t="urn:xsd2rs:test:any-attribute" t:Global="1"><t:Value>v</t:Value></t:Open>"#,
        // ##local ##targetNamespace: a foreign namespace is not matched.
        r#"<t:Open xmlns:t="urn:xsd2rs:test:any-attribute"><t:Value>v</t:Value><t:Local xmlns:x="urn:x" x:a="1"/></t:Open>"#,
    ] {
        let err = decode_document_with::<Open>(bad.as_bytes(), &strict)
            .expect_err("not matched by the wildcard");
        assert!(err.to_string().contains("attribute"), "{err}");
        // A lenient read skips and reports it.
        let d =
            decode_document_with::<Open>(bad.as_bytes(), &ReadOptions::default()).expect("lenient");
        assert_eq!(d.unknown.len(), 1, "{:?}", d.unknown);
    }
}

#[test]
fn empty_choice_compiles_and_reads_what_the_schema_allows() {
    use empty_choice::*;
    let v: EmptyType = round_trip("empty-choice");
    assert_eq!(
        (v.before.as_str(), v.choice, v.after.as_deref()),
        ("b", None, Some("a"))
    );
    let v: TextType = round_trip_xml(
        "empty-choice",
        r#"<Text xmlns="urn:xsd2rs:test:empty-choice">only text</Text>"#,
    );
    assert_eq!(v.content.len(), 1);
}

#[test]
fn substitution_group_head_is_a_document_root() {
    use substitution_group::*;
    let v: Message = round_trip_xml(
        "substitution-group",
        r#"<Message xmlns="urn:xsd2rs:test:substitution-group"><Id>1</Id><Subject>s</Subject></Message>"#,
    );
    assert!(matches!(&v.0, MessageTypeOrDerived::MessageType(m) if m.subject == "s"));
}

#[test]
fn children_are_matched_by_position_in_the_content_model() {
    use wildcards::*;
    let v: WildcardsType = round_trip("wildcards");
    // Several wildcards: each by its namespace constraint and position.
    let two = &v.two;
    assert_eq!(
        two.any.iter().map(|e| e.local()).collect::<Vec<_>>(),
        ["E1", "E2"]
    );
    assert_eq!(two.any2.as_ref().map(|e| e.local()), Some("L"));
    // A wildcard that also matches the next element takes the first one.
    assert!(v.overlap.any.xml().contains("first"));
    assert_eq!(v.overlap.c, "second");
    // An element that is no member of the group goes to the later wildcard.
    assert_eq!(
        v.head_then_any.head,
        [
            HeadElement::Head("h".into()),
            HeadElement::Member("m".into())
        ]
    );
    assert_eq!(v.head_then_any.any.len(), 1);
    // The same element at several positions keeps its place.
    assert_eq!((v.repeat.a.as_str(), v.repeat.b.as_str()), ("1", "2"));
    assert_eq!(v.repeat.a2, ["3", "4"]);
}

#[test]
fn wildcard_namespace_constraint_holds_on_strict_reads() {
    use wildcards::*;
    // ##other does not take an unqualified element, ##local takes one only.
    let bad = r#"<Two xmlns="urn:xsd2rs:test:wildcards"><A>a</A><B>b</B><L xmlns="">1</L><M xmlns="">2</M></Two>"#;
    let strict = ReadOptions {
        strict: true,
        ..ReadOptions::default()
    };
    let wrapped = format!(
        r#"<Wildcards xmlns="urn:xsd2rs:test:wildcards">{bad}<Overlap><C>1</C><C>2</C></Overlap><HeadThenAny><Head>h</Head></HeadThenAny><Repeat><A>1</A><B>2</B></Repeat></Wildcards>"#
    );
    let err = decode_document_with::<WildcardsType>(wrapped.as_bytes(), &strict)
        .expect_err("a second unqualified element");
    assert!(err.to_string().contains('M'), "{err}");
}

#[test]
fn any_type_extension_keeps_its_content() {
    use any_type_extension::*;
    use xsd2rs_runtime::codec::Mixed;
    let v: ListType = round_trip("any-type-extension");
    let first = &v.attribute[0];
    assert_eq!(first.any_attributes.get("urn:x", "extra"), Some("1"));
    assert!(matches!(&first.content[0], Mixed::Text(t) if t == "text "));
    assert!(
        matches!(&first.content[1], Mixed::Element(AttributeTypeItem::Any(e)) if e.local() == "Part")
    );
    assert_eq!(v.plain.any.len(), 2);
    assert_eq!(v.plain.any_attributes.get("", "other"), Some("o"));
}

#[test]
fn xsi_attributes_are_kept_on_every_element() {
    use xsi_attributes::*;
    let v: DocType = round_trip("xsi-attributes");
    assert_eq!(
        v.xsi.get("schemaLocation"),
        Some("urn:xsd2rs:test:xsi-attributes schema.xsd")
    );
    assert_eq!(v.xsi.get("noNamespaceSchemaLocation"), Some("none.xsd"));
    // Simple-typed and nil children keep theirs in the parent, by position and name.
    let kept: Vec<_> = v
        .xsi
        .data()
        .expect("kept")
        .children
        .iter()
        .map(|c| (c.position, c.local.as_str(), c.attrs.len()))
        .collect();
    assert_eq!(
        kept,
        [
            (0, "Title", 1),
            (2, "Code", 1),
            (3, "Count", 1),
            (4, "Count", 2),
            (9, "Note", 1)
        ]
    );
    let code = &v.xsi.data().expect("kept").children[1].attrs[0];
    assert_eq!(
        (code.type_ns.as_deref(), code.value.as_str()),
        (Some(NS_TNS), "ShortCodeType")
    );
    // xsi:type naming the declared type is kept by the struct of the variant it chose.
    let PartyTypeOrDerived::PartyType(p) = &v.party[0] else {
        panic!("declared type expected: {:?}", v.party[0])
    };
    assert_eq!(p.xsi.type_name(), Some((NS_TNS, "PartyType")));
    assert!(matches!(&v.party[1], PartyTypeOrDerived::PersonType(_)));
    assert_eq!(v.price.xsi.type_name(), Some((NS_TNS, "PriceType")));
    let Nillable::Value(note) = &v.note[0] else {
        panic!("a note expected")
    };
    assert_eq!(note.xsi.get("nil"), Some("false"));
    assert_eq!(v.note[1], Nillable::Nil);
    // A nil element's attributes have no place in `Nil`: kept with its xsi:* ones.
    let nil_note = &v.xsi.data().expect("kept").children[4];
    assert_eq!(nil_note.attributes.get("", "lang"), Some("de"));

    // A root of a simple type: its wrapper keeps them.
    let t: Total = round_trip_xml(
        "xsi-attributes",
        r#"<Total xmlns="urn:xsd2rs:test:xsi-attributes" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:x="http://www.w3.org/2001/XMLSchema" xsi:type="x:decimal" xsi:noNamespaceSchemaLocation="t.xsd">1.50</Total>"#,
    );
    assert_eq!(
        t.1.type_name(),
        Some(("http://www.w3.org/2001/XMLSchema", "decimal"))
    );
    assert_eq!(t.1.get("noNamespaceSchemaLocation"), Some("t.xsd"));
}

#[test]
fn kept_xsi_attributes_yield_to_the_value() {
    use xsi_attributes::*;
    let xml = std::fs::read_to_string(fixture("xsi-attributes").join("instance.xml")).unwrap();
    let mut v = decode_document_with::<DocType>(xml.as_bytes(), &ReadOptions::default())
        .expect("decodes")
        .value;
    // The value decides nil: a kept xsi:nil="false" is not written on a nil element, and a
    // kept xsi:nil="true" is not written on one that has a value.
    v.count[0] = Nillable::Nil;
    v.note[1] = Nillable::Value(NoteType::new("y"));
    // Kept attributes follow position and name: a child moved elsewhere does not take them.
    v.code.swap(0, 1);
    v.xsi
        .set("schemaLocation", "urn:xsd2rs:test:xsi-attributes other.xsd");
    let out = encode_document(&v, &WriteOptions::default()).expect("encodes");
    let out = String::from_utf8(out).unwrap();
    let set = SchemaSet::from_entries(&[fixture("xsi-attributes").join("schema.xsd")]).unwrap();
    assert_valid(&set, &out);
    assert!(out.contains("other.xsd"), "{out}");
    assert_eq!(out.matches("nil=\"false\"").count(), 1, "{out}");
    assert!(!out.contains("nil=\"1\""), "{out}");
}

#[test]
fn element_default_and_fixed_values_apply_to_empty_elements() {
    use element_default::*;
    let strict = ReadOptions {
        strict: true,
        ..ReadOptions::default()
    };
    let xml = std::fs::read_to_string(fixture("element-default").join("instance.xml")).unwrap();
    let set = SchemaSet::from_entries(&[fixture("element-default").join("schema.xsd")]).unwrap();
    assert_valid(&set, &xml);
    let v = decode_document_with::<Settings>(xml.as_bytes(), &strict)
        .expect("strict")
        .value;
    assert_eq!(v.ratio, Some(1.5));
    assert_eq!(v.label.as_deref(), Some("none"));
    assert_eq!(v.count.len(), 2);
    let out = String::from_utf8(encode_document(&v, &WriteOptions::default()).unwrap()).unwrap();
    assert_valid(&set, &out);
    // The empty elements now carry the schema's value (the same value a validator sees).
    assert_xml_eq(
        r#"<Settings xmlns="urn:xsd2rs:test:element-default"><Ratio>1.5</Ratio><Count>7</Count><Count>7</Count><Label>none</Label><Price currency="EUR">2.50</Price><Limit>1.0</Limit></Settings>"#,
        &out,
    );
    // A fixed value is compared as a value of its type, and written as the schema writes it.
    let same = xml.replace("<Count>7</Count>", "<Count> +07 </Count>");
    let v = decode_document_with::<Settings>(same.as_bytes(), &strict).expect("the same value");
    let out = String::from_utf8(encode_document(&v.value, &WriteOptions::default()).unwrap());
    assert_eq!(out.unwrap().matches(":Count>7</").count(), 2);
    let other = xml.replace("<Count>7</Count>", "<Count>8</Count>");
    let err = decode_document_with::<Settings>(other.as_bytes(), &strict).expect_err("not fixed");
    assert!(
        err.to_string().contains("fixed") && err.path() == "/Settings/Count",
        "{err} at {}",
        err.path()
    );
    assert!(decode_document_with::<Settings>(other.as_bytes(), &ReadOptions::default()).is_ok());
    // A document root of a simple type with a default.
    let v: Level = round_trip_xml(
        "element-default",
        r#"<Level xmlns="urn:xsd2rs:test:element-default">4</Level>"#,
    );
    assert_eq!(v.0, 4);
    let v = decode_document_with::<Level>(
        br#"<Level xmlns="urn:xsd2rs:test:element-default"/>"#,
        &strict,
    )
    .expect("empty root");
    assert_eq!(v.value.0, 3);
    // A fixed QName equal to the schema's is written as the schema writes it (`tns:gold`, the
    // schema's prefix declared): validators comparing fixed values lexically accept it.
    let kind = xml.replace(
        "</Settings>",
        r#"<Kind xmlns:p="urn:xsd2rs:test:element-default">p:gold</Kind></Settings>"#,
    );
    let v = decode_document_with::<Settings>(kind.as_bytes(), &strict).expect("fixed QName");
    let out = String::from_utf8(encode_document(&v.value, &WriteOptions::default()).unwrap());
    let out = out.unwrap();
    assert_valid(&set, &out);
    assert!(
        out.contains(r#"xmlns:tns="urn:xsd2rs:test:element-default">tns:gold<"#),
        "{out}"
    );
    // Another QName is kept (a lax read) and written with the writer's prefixes.
    let other = kind.replace("p:gold", "p:silver");
    let v = decode_document_with::<Settings>(other.as_bytes(), &ReadOptions::default()).unwrap();
    let out = String::from_utf8(encode_document(&v.value, &WriteOptions::default()).unwrap());
    assert!(out.unwrap().contains(":silver</"));
    // A document root with a fixed QName.
    let mark = r#"<q:Mark xmlns:q="urn:xsd2rs:test:element-default">q:mark</q:Mark>"#;
    let v = decode_document_with::<Mark>(mark.as_bytes(), &strict).expect("fixed root");
    let out = String::from_utf8(encode_document(&v.value, &WriteOptions::default()).unwrap());
    let out = out.unwrap();
    assert_valid(&set, &out);
    assert!(out.contains(">tns:mark</"), "{out}");
}

#[test]
fn all_groups_write_children_back_in_document_order() {
    use all_order::*;
    // Children out of schema order (one `xs:all` through a named group, a substitution group
    // member and a nil element among them) come back in the order read.
    let v: Cards = round_trip("all-order");
    let first = &v.card[0];
    assert_eq!(first.title, "t");
    assert_eq!(first.note, Some(Nillable::Nil));
    assert_eq!(first.shape, Some(ShapeElement::Circle("c".into())));
    let b = first.r#box.as_ref().expect("Box");
    assert_eq!((b.width, b.height, b.depth), (1, 2, Some(3)));
    // Child fields numbered in schema order: Box, Shape, Note, Title; Depth, Height, Width.
    assert_eq!(first.order.fields(), [3, 2, 1, 0]);
    assert_eq!(b.order.fields(), [2, 1, 0]);

    // A field set after decoding comes after those read; a value built in code (empty order)
    // is written in schema order. Both stay valid.
    let mut read = v.card[1].clone();
    read.note = Some(Nillable::Value("n".into()));
    let mut built = CardType::new("x");
    built.r#box = Some(BoxType::new(7, 8));
    built.shape = Some(ShapeElement::Shape("s".into()));
    let doc = Cards {
        card: vec![read, built],
        ..v.clone()
    };
    let out = encode_document(&doc, &WriteOptions::default()).expect("encodes");
    let out = String::from_utf8(out).expect("UTF-8");
    let at = |s: &str| out.find(s).unwrap_or_else(|| panic!("{s} in {out}"));
    assert!(at("Title>plain") < at("Note>n"), "{out}");
    assert!(
        at("Title>x") < at("Shape>s") && at("Shape>s") < at("Box>"),
        "{out}"
    );
    assert!(at("Width>7") < at("Height>8"), "{out}");
    let set = SchemaSet::from_entries(&[fixture("all-order").join("schema.xsd")]).expect("schema");
    assert_valid(&set, &out);
}
