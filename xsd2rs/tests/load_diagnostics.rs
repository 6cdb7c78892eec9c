//! Every diagnostic the loader gives: malformed XML, unknown constructs, missing files,
//! duplicates, cycles, unresolved references of every kind (with location and
//! did-you-mean), remote locations, and never a panic on garbage.

use xsd2rs::diag::{Diagnostics, Severity};
use xsd2rs::load::{Loaded, Loader, MemorySource};

const XS: &str = r#"xmlns:xs="http://www.w3.org/2001/XMLSchema""#;

fn load(files: &[(&str, &str)], entry: &str) -> Result<Loaded, Diagnostics> {
    let mut src = MemorySource::new();
    for (path, text) in files {
        src.insert(path, *text);
    }
    Loader::new().source(src).input(entry).load()
}

/// The rendered errors of a load that must fail.
fn errors(files: &[(&str, &str)], entry: &str) -> Vec<String> {
    match load(files, entry) {
        Ok(_) => panic!("expected the load of {entry} to fail"),
        Err(d) => d.errors().map(|e| e.to_string()).collect(),
    }
}

fn schema(tns: &str, body: &str) -> String {
    format!(
        "<xs:schema {XS} xmlns:t=\"{tns}\" targetNamespace=\"{tns}\" elementFormDefault=\"qualified\">\n{body}\n</xs:schema>\n"
    )
}

#[test]
fn malformed_xml_is_reported_with_its_position() {
    let errs = errors(
        &[(
            "a.xsd",
            "<xs:schema xmlns:xs=\"x\">\n  <oops>\n</xs:schema>",
        )],
        "a.xsd",
    );
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].starts_with("a.xsd:3:1: error: malformed XML"),
        "{errs:?}"
    );
}

#[test]
fn a_document_that_is_neither_wsdl_nor_schema_is_an_error() {
    let errs = errors(&[("a.xml", "<root/>")], "a.xml");
    assert_eq!(errs.len(), 1);
    assert!(errs[0].starts_with("a.xml:1:1: error:"), "{errs:?}");
    assert!(errs[0].contains("neither a WSDL 1.1 document"), "{errs:?}");
}

/// The rendered warnings of a load that must succeed.
fn warnings(files: &[(&str, &str)], entry: &str) -> Vec<String> {
    match load(files, entry) {
        Ok(l) => l.warnings.iter().map(|w| w.to_string()).collect(),
        Err(d) => panic!("expected the load of {entry} to succeed: {d}"),
    }
}

#[test]
fn unreadable_includes_and_imports_are_warnings_unless_referenced() {
    let errs = errors(&[("nope.xsd", "")], "missing.xsd");
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].starts_with("error: cannot read `missing.xsd`"),
        "{errs:?}"
    );

    // Nothing from them is used: warnings at the referencing elements.
    let a = schema(
        "urn:a",
        "  <xs:include schemaLocation=\"gone.xsd\"/>\n  <xs:import namespace=\"urn:b\" schemaLocation=\"dir/also-gone.xsd\"/>\n  <xs:element name=\"A\" type=\"xs:string\"/>",
    );
    let w = warnings(&[("d/a.xsd", &a)], "d/a.xsd");
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(
        w[0].starts_with("d/a.xsd:2:3: warning: cannot read `d/gone.xsd`"),
        "{w:?}"
    );
    assert!(
        w[1].starts_with("d/a.xsd:3:3: warning: cannot read `d/dir/also-gone.xsd`"),
        "{w:?}"
    );

    // A reference into their namespace: the error says which include or import would provide it.
    let a = schema(
        "urn:a",
        "  <xs:include schemaLocation=\"gone.xsd\"/>\n  <xs:import namespace=\"urn:b\" schemaLocation=\"also-gone.xsd\"/>\n  <xs:element name=\"A\" type=\"t:Missing\"/>\n  <xs:element name=\"B\" type=\"b:Gone\" xmlns:b=\"urn:b\"/>",
    );
    let errs = errors(&[("a.xsd", &a)], "a.xsd");
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(
        errs[0].starts_with("a.xsd:4:24: error: unresolved type reference `t:Missing`"),
        "{errs:?}"
    );
    assert!(
        errs[0].contains("namespace `urn:a` was to come from the xs:include of `gone.xsd`"),
        "{errs:?}"
    );
    assert!(errs[0].contains("at a.xsd:2:3"), "{errs:?}");
    assert!(
        errs[1].contains("namespace `urn:b` was to come from the xs:import of `also-gone.xsd`"),
        "{errs:?}"
    );
    assert!(errs[1].contains("at a.xsd:3:3"), "{errs:?}");
}

#[test]
fn unknown_constructs_are_errors_and_foreign_elements_warnings() {
    let a = schema(
        "urn:a",
        r#"  <xs:complexType name="T">
    <xs:sequence>
      <xs:elephant name="x"/>
    </xs:sequence>
    <xs:frobnicate/>
  </xs:complexType>
  <xs:bogus name="B"/>
  <foreign xmlns="urn:other"/>"#,
    );
    let err = load(&[("a.xsd", &a)], "a.xsd").unwrap_err();
    let all: Vec<String> = err.items.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        all,
        vec![
            "a.xsd:4:7: error: unexpected construct `xs:elephant` inside a content model",
            "a.xsd:6:5: error: unexpected construct `xs:frobnicate` inside xs:complexType",
            "a.xsd:8:3: error: unknown construct `xs:bogus` at the top level of a schema",
            "a.xsd:9:3: warning: foreign element `{urn:other}foreign` in a schema is ignored",
        ]
    );
}

#[test]
fn duplicate_definitions_in_different_places_are_errors() {
    let a = schema(
        "urn:a",
        "  <xs:include schemaLocation=\"b.xsd\"/>\n  <xs:simpleType name=\"Dup\"><xs:restriction base=\"xs:string\"/></xs:simpleType>",
    );
    let b = schema(
        "urn:a",
        "  <xs:complexType name=\"Dup\"/>\n  <xs:element name=\"E\" type=\"xs:int\"/>\n  <xs:element name=\"E\" type=\"xs:int\"/>",
    );
    let errs = errors(&[("a.xsd", &a), ("b.xsd", &b)], "a.xsd");
    assert_eq!(
        errs,
        vec![
            "b.xsd:2:19: error: duplicate definition of type `Dup` (first defined at a.xsd:3:18)",
            "b.xsd:4:15: error: duplicate definition of element `E` (first defined at b.xsd:3:15)",
        ]
    );
}

#[test]
fn identical_rereads_cycles_and_diamonds_are_not_duplicates() {
    // a includes b and c; b and c both include d; d includes a back (a cycle).
    let a = schema(
        "urn:a",
        "  <xs:include schemaLocation=\"b.xsd\"/>\n  <xs:include schemaLocation=\"./sub/../c.xsd\"/>\n  <xs:element name=\"A\" type=\"t:D\"/>",
    );
    let b = schema("urn:a", "  <xs:include schemaLocation=\"d.xsd\"/>");
    let c = schema("urn:a", "  <xs:include schemaLocation=\"d.xsd\"/>");
    let d = schema(
        "urn:a",
        "  <xs:include schemaLocation=\"a.xsd\"/>\n  <xs:complexType name=\"D\"/>",
    );
    let loaded = load(
        &[("a.xsd", &a), ("b.xsd", &b), ("c.xsd", &c), ("d.xsd", &d)],
        "a.xsd",
    )
    .expect("cycle and diamond load cleanly");
    let files: Vec<&str> = loaded.model.files.iter().map(|f| &*f.path).collect();
    assert_eq!(files, ["a.xsd", "b.xsd", "c.xsd", "d.xsd"]);
    assert_eq!(loaded.model.type_names.len(), 1);
    // The same file given twice as input is read once too.
    let twice = Loader::new()
        .source(MemorySource::new().with("d.xsd", schema("urn:a", "<xs:complexType name=\"D\"/>")))
        .inputs(["d.xsd", "./d.xsd"])
        .load()
        .expect("one file twice is not a duplicate");
    assert_eq!(twice.model.files.len(), 1);
}

#[test]
fn included_schema_with_another_namespace_is_an_error() {
    let a = schema("urn:a", "  <xs:include schemaLocation=\"b.xsd\"/>");
    let b = schema("urn:b", "");
    let errs = errors(&[("a.xsd", &a), ("b.xsd", &b)], "a.xsd");
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0]
            .starts_with("a.xsd:2:3: error: included schema `b.xsd` has targetNamespace `urn:b`"),
        "{errs:?}"
    );
}

#[test]
fn unresolved_schema_references_of_every_kind_with_suggestions() {
    let a = schema(
        "urn:a",
        r#"  <xs:simpleType name="OutOfState"><xs:restriction base="xs:string"/></xs:simpleType>
  <xs:element name="Mailbox" type="xs:string"/>
  <xs:attribute name="Version" type="xs:string"/>
  <xs:group name="Address"><xs:sequence><xs:element name="S" type="xs:strin"/></xs:sequence></xs:group>
  <xs:attributeGroup name="Common"><xs:attribute name="Id" type="xs:ID"/></xs:attributeGroup>
  <xs:complexType name="T">
    <xs:sequence>
      <xs:element name="State" type="t:OofState"/>
      <xs:element ref="t:MailBox"/>
      <xs:group ref="t:Adress"/>
    </xs:sequence>
    <xs:attribute ref="t:Versio"/>
    <xs:attributeGroup ref="t:Commons"/>
    <xs:attribute name="X" type="u:Unknown" xmlns:u="urn:unknown"/>
  </xs:complexType>"#,
    );
    let errs = errors(&[("a.xsd", &a)], "a.xsd");
    assert_eq!(
        errs,
        vec![
            "a.xsd:5:62: error: unresolved type reference `xs:strin` ({http://www.w3.org/2001/XMLSchema}strin) (did you mean `xs:string`?)",
            "a.xsd:9:32: error: unresolved type reference `t:OofState` ({urn:a}OofState) (did you mean `t:OutOfState`?)",
            "a.xsd:10:19: error: unresolved element reference `t:MailBox` ({urn:a}MailBox) (did you mean `t:Mailbox`?)",
            "a.xsd:11:17: error: unresolved group reference `t:Adress` ({urn:a}Adress) (did you mean `t:Address`?)",
            "a.xsd:13:19: error: unresolved attribute reference `t:Versio` ({urn:a}Versio) (did you mean `t:Version`?)",
            "a.xsd:14:24: error: unresolved attributeGroup reference `t:Commons` ({urn:a}Commons) (did you mean `t:Common`?)",
            "a.xsd:15:28: error: unresolved type reference `u:Unknown` ({urn:unknown}Unknown): no schema for namespace `urn:unknown` is loaded (no loaded schema imports it: pass a schema for it as an input)",
        ]
    );
}

#[test]
fn suggestions_use_the_prefix_bound_at_the_reference() {
    // The reference uses prefix `x` for urn:b, where nothing is close; the close name is
    // in urn:a, which is bound to `q` at the reference site.
    let a = format!(
        "<xs:schema {XS} xmlns:q=\"urn:a\" targetNamespace=\"urn:a\">\n  <xs:import namespace=\"urn:b\" schemaLocation=\"b.xsd\"/>\n  <xs:complexType name=\"OutOfState\"/>\n  <xs:element name=\"E\" type=\"x:OofState\" xmlns:x=\"urn:b\"/>\n</xs:schema>"
    );
    let b = schema("urn:b", "  <xs:complexType name=\"Unrelated\"/>");
    let errs = errors(&[("a.xsd", &a), ("b.xsd", &b)], "a.xsd");
    assert_eq!(
        errs,
        vec!["a.xsd:4:24: error: unresolved type reference `x:OofState` ({urn:b}OofState) (did you mean `q:OutOfState`?)"]
    );
}

#[test]
fn undeclared_prefix_is_an_error() {
    let a = schema("urn:a", "  <xs:element name=\"E\" type=\"nope:T\"/>");
    let errs = errors(&[("a.xsd", &a)], "a.xsd");
    assert_eq!(
        errs,
        vec!["a.xsd:2:24: error: undeclared namespace prefix `nope` in `nope:T`"]
    );
}

const WSDL_HEAD: &str = r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:svc" targetNamespace="urn:svc">"#;

#[test]
fn unresolved_wsdl_references_of_every_kind() {
    let wsdl = format!(
        r#"{WSDL_HEAD}
  <wsdl:types>
    <xs:schema targetNamespace="urn:svc" elementFormDefault="qualified">
      <xs:element name="Ping" type="xs:string"/>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="PingIn">
    <wsdl:part name="body" element="tns:Pong"/>
    <wsdl:part name="typed" type="xs:strng"/>
  </wsdl:message>
  <wsdl:portType name="PingPort">
    <wsdl:operation name="Ping">
      <wsdl:input message="tns:PingIm"/>
    </wsdl:operation>
    <wsdl:operation name="Echo">
      <wsdl:input message="tns:PingIn"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="PingBinding" type="tns:PingPortt">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
  </wsdl:binding>
  <wsdl:binding name="Good" type="tns:PingPort">
    <soap:binding/>
    <wsdl:operation name="Echoo"/>
    <wsdl:operation name="Echo">
      <wsdl:input>
        <soap:body parts="bodyy" use="literal"/>
        <soap:header message="tns:PingIn" part="typd" use="literal"/>
      </wsdl:input>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="S">
    <wsdl:port name="P" binding="tns:PingBindin"/>
  </wsdl:service>
</wsdl:definitions>"#
    );
    let errs = errors(&[("svc.wsdl", &wsdl)], "svc.wsdl");
    assert_eq!(
        errs,
        vec![
            "svc.wsdl:8:28: error: unresolved element reference `tns:Pong` ({urn:svc}Pong) (did you mean `tns:Ping`?)",
            "svc.wsdl:9:29: error: unresolved type reference `xs:strng` ({http://www.w3.org/2001/XMLSchema}strng) (did you mean `xs:string`?)",
            "svc.wsdl:13:19: error: unresolved message reference `tns:PingIm` ({urn:svc}PingIm) (did you mean `tns:PingIn`?)",
            "svc.wsdl:19:36: error: unresolved portType reference `tns:PingPortt` ({urn:svc}PingPortt) (did you mean `tns:PingPort`?)",
            "svc.wsdl:24:21: error: unresolved operation reference `Echoo` (Echoo) (did you mean `Echo`?)",
            "svc.wsdl:27:20: error: unresolved part reference `bodyy` (message `PingIn` has no such part) (did you mean `body`?)",
            "svc.wsdl:28:43: error: unresolved part reference `typd` (message `PingIn` has no such part) (did you mean `typed`?)",
            "svc.wsdl:33:25: error: unresolved binding reference `tns:PingBindin` ({urn:svc}PingBindin) (did you mean `tns:PingBinding`?)",
        ]
    );
}

#[test]
fn remote_locations_are_never_fetched() {
    let a = schema(
        "urn:a",
        "  <xs:import namespace=\"urn:remote\" schemaLocation=\"http://example.invalid/r.xsd\"/>\n  <xs:include schemaLocation=\"https://example.invalid/i.xsd\"/>",
    );
    let w = warnings(&[("a.xsd", &a)], "a.xsd");
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w[0].starts_with("a.xsd:2:3: warning: xs:import of namespace `urn:remote` from remote location `http://example.invalid/r.xsd` is ignored: nothing is fetched"), "{w:?}");
    assert!(w[1].starts_with("a.xsd:3:3: warning: xs:include of remote location `https://example.invalid/i.xsd` is ignored: nothing is fetched"), "{w:?}");
    let a = schema(
        "urn:a",
        "  <xs:import namespace=\"urn:remote\" schemaLocation=\"http://example.invalid/r.xsd\"/>\n  <xs:element name=\"A\" type=\"r:T\" xmlns:r=\"urn:remote\"/>",
    );
    let errs = errors(&[("a.xsd", &a)], "a.xsd");
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].contains("remote location: nothing is fetched; download it"),
        "{errs:?}"
    );
}

#[test]
fn import_without_location_needs_the_namespace_loaded_elsewhere() {
    let a = schema("urn:a", "  <xs:import namespace=\"urn:b\"/>");
    let w = warnings(&[("a.xsd", &a)], "a.xsd");
    assert_eq!(w.len(), 1);
    assert!(w[0].contains("has no schemaLocation and no loaded document defines that namespace"));
    let a = schema(
        "urn:a",
        "  <xs:import namespace=\"urn:b\"/>\n  <xs:attribute name=\"A\" type=\"b:T\" xmlns:b=\"urn:b\"/>",
    );
    let errs = errors(&[("a.xsd", &a)], "a.xsd");
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].contains("was to come from the xs:import of namespace `urn:b` without a schemaLocation at a.xsd:2:3"),
        "{errs:?}"
    );

    // Given as a second input, the namespace is there: no error, and the xml namespace
    // is built in.
    let a = schema(
        "urn:a",
        "  <xs:import namespace=\"urn:b\"/>\n  <xs:import namespace=\"http://www.w3.org/XML/1998/namespace\"/>\n  <xs:complexType name=\"T\"><xs:attribute ref=\"xml:lang\"/></xs:complexType>",
    );
    let b = schema("urn:b", "");
    let src = MemorySource::new().with("a.xsd", a).with("b.xsd", b);
    let loaded = Loader::new()
        .source(src)
        .inputs(["a.xsd", "b.xsd"])
        .load()
        .unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn a_missing_import_location_is_a_warning_when_the_namespace_is_loaded_anyway() {
    let a = schema(
        "urn:a",
        "  <xs:import namespace=\"urn:b\" schemaLocation=\"b.xsd\"/>\n  <xs:import namespace=\"urn:b\" schemaLocation=\"gone.xsd\"/>",
    );
    let b = schema("urn:b", "");
    let loaded = load(&[("a.xsd", &a), ("b.xsd", &b)], "a.xsd").unwrap();
    let w: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(w.len(), 1);
    assert!(
        w[0].starts_with("a.xsd:3:3: warning: cannot read `gone.xsd`"),
        "{w:?}"
    );
}

#[test]
fn one_run_reports_every_error_of_every_file() {
    let a = schema(
        "urn:a",
        "  <xs:include schemaLocation=\"b.xsd\"/>\n  <xs:element name=\"A\" type=\"t:Nope1\"/>",
    );
    let b = schema("urn:a", "  <xs:element name=\"B\" type=\"t:Nope2\"/>");
    let c = "<xs:schema"; // truncated: malformed
    let err = Loader::new()
        .source(
            MemorySource::new()
                .with("a.xsd", a)
                .with("b.xsd", b)
                .with("c.xsd", c),
        )
        .inputs(["a.xsd", "c.xsd"])
        .load()
        .unwrap_err();
    let files: Vec<String> = err
        .errors()
        .map(|e| {
            e.location
                .as_ref()
                .map(|l| l.file.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(files, ["a.xsd", "b.xsd", "c.xsd"]);
    assert!(err.to_string().ends_with("3 errors"));
}

#[test]
fn group_cycles_are_errors_not_stack_overflows() {
    let a = schema(
        "urn:a",
        r#"  <xs:group name="G"><xs:sequence><xs:group ref="t:H"/></xs:sequence></xs:group>
  <xs:group name="H"><xs:choice><xs:group ref="t:G"/></xs:choice></xs:group>
  <xs:attributeGroup name="AG"><xs:attributeGroup ref="t:AG"/></xs:attributeGroup>
  <xs:complexType name="T"><xs:group ref="t:G"/><xs:attributeGroup ref="t:AG"/></xs:complexType>"#,
    );
    let errs = errors(&[("a.xsd", &a)], "a.xsd");
    assert_eq!(
        errs,
        vec![
            "a.xsd:2:45: error: group `t:H` is part of a reference cycle",
            "a.xsd:3:43: error: group `t:G` is part of a reference cycle",
            "a.xsd:4:51: error: attributeGroup `t:AG` is part of a reference cycle",
        ]
    );
}

#[test]
fn deeply_nested_input_is_rejected_without_overflowing_the_stack() {
    let depth = 5000;
    let mut body = String::new();
    for _ in 0..depth {
        body.push_str("<xs:sequence>");
    }
    for _ in 0..depth {
        body.push_str("</xs:sequence>");
    }
    let a = schema(
        "urn:a",
        &format!("<xs:complexType name=\"T\">{body}</xs:complexType>"),
    );
    let errs = errors(&[("a.xsd", &a)], "a.xsd");
    // Refused before the read by the document nesting cap (load/prescan.rs).
    assert!(
        errs.iter().any(|e| e.contains("nested more than 256 deep")),
        "{errs:?}"
    );
}

/// Every prefix of real documents, and byte-level garbage, loads or fails cleanly.
#[test]
fn truncated_and_garbage_input_never_panics() {
    let wsdl = include_str!("../../schemas/MS-OXWOOF.wsdl");
    let xsd = include_str!("../../schemas/MS-OXWSMTRK-types.xsd");
    for text in [wsdl, xsd] {
        let mut cut = 0;
        while cut < text.len() {
            if text.is_char_boundary(cut) {
                let r = load(&[("x.wsdl", &text[..cut])], "x.wsdl");
                if cut < text.len() / 2 {
                    assert!(r.is_err(), "a truncated document cannot load");
                }
            }
            cut += 97;
        }
    }
    // Structurally valid XML with nonsense in every schema position.
    let nonsense = schema(
        "urn:a",
        r#"<xs:element/><xs:element name=""/><xs:complexType name="T"><xs:complexContent/><xs:simpleContent><xs:extension/></xs:simpleContent></xs:complexType>
<xs:simpleType name="S"/><xs:simpleType name="S2"><xs:restriction><xs:length value="-1"/><xs:whiteSpace value="x"/></xs:restriction></xs:simpleType>
<xs:element name="E" minOccurs="x" maxOccurs="y" type=":"/><xs:group/><xs:attributeGroup name="AG"><xs:attribute/></xs:attributeGroup>
<xs:simpleType name="U"><xs:union/></xs:simpleType><xs:simpleType name="L"><xs:list/></xs:simpleType><xs:redefine schemaLocation="a.xsd"><xs:element name="no"/></xs:redefine>"#,
    );
    let err = load(&[("a.xsd", &nonsense)], "a.xsd").unwrap_err();
    assert!(err.errors().count() >= 10, "{err}");
    let garbage: String = (0..2000u32)
        .map(|i| char::from_u32((i * 7919) % 0x2000).unwrap_or('?'))
        .collect();
    assert!(load(&[("g.xsd", &garbage)], "g.xsd").is_err());
    assert!(load(&[("e.xsd", "")], "e.xsd").is_err());
}

#[test]
fn no_inputs_is_an_error() {
    let err = Loader::new().load().unwrap_err();
    assert_eq!(err.items[0].severity, Severity::Error);
}

#[test]
fn several_imports_of_one_namespace_are_all_loaded_and_merged() {
    let a = schema(
        "urn:a",
        "  <xs:include schemaLocation=\"inc.xsd\"/>\n  <xs:import namespace=\"urn:b\" schemaLocation=\"b2.xsd\"/>\n  <xs:element name=\"E\"><xs:complexType><xs:sequence><xs:element ref=\"u:One\" xmlns:u=\"urn:b\"/><xs:element ref=\"u:Two\" xmlns:u=\"urn:b\"/></xs:sequence></xs:complexType></xs:element>",
    );
    // The included schema imports urn:b first, from another file.
    let inc = schema(
        "urn:a",
        "  <xs:import namespace=\"urn:b\" schemaLocation=\"b1.xsd\"/>",
    );
    let b1 = schema("urn:b", "  <xs:element name=\"One\" type=\"xs:int\"/>");
    let b2 = schema("urn:b", "  <xs:element name=\"Two\" type=\"xs:int\"/>");
    let loaded = load(
        &[
            ("a.xsd", &a),
            ("inc.xsd", &inc),
            ("b1.xsd", &b1),
            ("b2.xsd", &b2),
        ],
        "a.xsd",
    )
    .unwrap_or_else(|d| panic!("{d}"));
    let files: Vec<&str> = loaded.model.files.iter().map(|f| &*f.path).collect();
    assert_eq!(files, ["a.xsd", "inc.xsd", "b2.xsd", "b1.xsd"]);
}

#[test]
fn an_inline_wsdl_schema_wins_over_an_import_location() {
    // Like MS-OXWOOF: the messages schema imports `types.xsd`, which is meant to be the
    // WSDL's own inline types schema. A types.xsd lying next to the WSDL is not read.
    let wsdl = format!(
        r#"{WSDL_HEAD}
  <wsdl:types>
    <xs:schema targetNamespace="urn:types"><xs:simpleType name="T"><xs:restriction base="xs:string"/></xs:simpleType></xs:schema>
    <xs:schema targetNamespace="urn:svc" xmlns:t="urn:types">
      <xs:import namespace="urn:types" schemaLocation="types.xsd"/>
      <xs:element name="E" type="t:T"/>
    </xs:schema>
  </wsdl:types>
</wsdl:definitions>"#
    );
    let stray = schema("urn:types", "  <xs:complexType name=\"T\"/>");
    let loaded = load(&[("svc.wsdl", &wsdl), ("types.xsd", &stray)], "svc.wsdl")
        .unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(loaded.model.files.len(), 1);
    assert!(loaded.warnings.is_empty());
    // And without the stray file there is nothing to complain about either.
    let loaded = load(&[("svc.wsdl", &wsdl)], "svc.wsdl").unwrap_or_else(|d| panic!("{d}"));
    assert!(loaded.warnings.is_empty());
}

#[test]
fn inconsistent_declarations_are_errors() {
    let a = schema(
        "urn:a",
        r#"  <xs:element name="Both" type="xs:string"><xs:complexType/></xs:element>
  <xs:complexType name="T">
    <xs:sequence>
      <xs:element name="E" type="xs:int" minOccurs="3" maxOccurs="2"/>
    </xs:sequence>
  </xs:complexType>"#,
    );
    let errs = errors(&[("a.xsd", &a)], "a.xsd");
    assert_eq!(
        errs,
        vec![
            "a.xsd:2:3: error: xs:element `Both` has both a `type` attribute and an anonymous type",
            "a.xsd:5:7: error: minOccurs 3 is greater than maxOccurs 2",
        ]
    );
}

#[test]
fn wsdl_import_cycles_are_read_once() {
    let a = format!(
        "{WSDL_HEAD}\n  <wsdl:import namespace=\"urn:svc\" location=\"b.wsdl\"/>\n  <wsdl:message name=\"A\"/>\n</wsdl:definitions>"
    );
    let b = format!(
        "{WSDL_HEAD}\n  <wsdl:import namespace=\"urn:svc\" location=\"a.wsdl\"/>\n  <wsdl:message name=\"B\"/>\n</wsdl:definitions>"
    );
    let loaded =
        load(&[("a.wsdl", &a), ("b.wsdl", &b)], "a.wsdl").unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(loaded.model.files.len(), 2);
    assert_eq!(loaded.model.wsdl.len(), 2);
}

/// Group references doubling at every level would expand to 2^40 particles.
#[test]
fn exponential_group_expansion_is_bounded() {
    let mut body = String::from("  <xs:group name=\"G0\"><xs:sequence><xs:element name=\"E\" type=\"xs:int\"/></xs:sequence></xs:group>\n");
    let mut abody = String::from("  <xs:attributeGroup name=\"A0\"><xs:attribute name=\"a\" type=\"xs:int\"/></xs:attributeGroup>\n");
    for i in 1..=40 {
        body.push_str(&format!(
            "  <xs:group name=\"G{i}\"><xs:sequence><xs:group ref=\"t:G{p}\"/><xs:group ref=\"t:G{p}\"/></xs:sequence></xs:group>\n",
            p = i - 1
        ));
        abody.push_str(&format!(
            "  <xs:attributeGroup name=\"A{i}\"><xs:attributeGroup ref=\"t:A{p}\"/><xs:attributeGroup ref=\"t:A{p}\"/></xs:attributeGroup>\n",
            p = i - 1
        ));
    }
    let a = schema("urn:a", &format!("{body}{abody}  <xs:complexType name=\"T\"><xs:group ref=\"t:G40\"/><xs:attributeGroup ref=\"t:A40\"/></xs:complexType>"));
    let started = std::time::Instant::now();
    let errs = errors(&[("a.xsd", &a)], "a.xsd");
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].contains("exceed"), "{errs:?}");
    assert!(started.elapsed().as_secs() < 60);
}

#[test]
fn circular_derivations_are_errors() {
    let a = schema(
        "urn:a",
        r#"  <xs:complexType name="A"><xs:complexContent><xs:extension base="t:B"/></xs:complexContent></xs:complexType>
  <xs:complexType name="B"><xs:complexContent><xs:extension base="t:A"/></xs:complexContent></xs:complexType>
  <xs:simpleType name="S"><xs:restriction base="t:S"/></xs:simpleType>
  <xs:simpleType name="U"><xs:union memberTypes="xs:int t:L"/></xs:simpleType>
  <xs:simpleType name="L"><xs:list itemType="t:U"/></xs:simpleType>"#,
    );
    let errs = errors(&[("a.xsd", &a)], "a.xsd");
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert!(
        errs.iter().all(|e| e.contains("derives from itself")),
        "{errs:?}"
    );
}

#[test]
fn derivations_from_the_wrong_kind_of_base_are_errors() {
    let a = schema(
        "urn:a",
        r#"  <xs:complexType name="C"><xs:complexContent><xs:extension base="xs:string"/></xs:complexContent></xs:complexType>
  <xs:simpleType name="S"><xs:restriction base="xs:string"/></xs:simpleType>
  <xs:complexType name="D"><xs:complexContent><xs:extension base="t:S"/></xs:complexContent></xs:complexType>
  <xs:complexType name="E"><xs:sequence><xs:element name="x" type="xs:int"/></xs:sequence></xs:complexType>
  <xs:complexType name="F"><xs:simpleContent><xs:extension base="t:E"/></xs:simpleContent></xs:complexType>"#,
    );
    let errs = errors(&[("a.xsd", &a)], "a.xsd");
    assert_eq!(
        errs,
        vec![
            "a.xsd:2:3: error: complexContent cannot derive from the simple type `xs:string`",
            "a.xsd:4:3: error: complexContent cannot derive from the simple type `S`",
            "a.xsd:6:3: error: simpleContent cannot derive from `E`, which has no simple content",
        ]
    );
}
