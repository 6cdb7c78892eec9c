//! Names, `--only`, catalogs and diagnostics through the library: any legal XML name makes
//! a module that parses, cross-namespace collisions get namespace prefixes, a type's name
//! does not depend on unrelated schema content, `--only` plans what it names, remote
//! locations resolve through maps and catalogs, and a missing namespace is reported as such.

use std::process::Command;

use xsd2rs::builder::render;
use xsd2rs::load::{Loader, MemorySource, Resolver};
use xsd2rs::plan::{plan, PlanOptions};

fn load(files: &[(&str, &str)], inputs: &[&str]) -> xsd2rs::load::Loaded {
    let mut src = MemorySource::new();
    for (p, t) in files {
        src.insert(p, *t);
    }
    Loader::new()
        .source(src)
        .inputs(inputs)
        .load()
        .unwrap_or_else(|d| panic!("{d}"))
}

fn names(loaded: &xsd2rs::load::Loaded) -> Vec<String> {
    plan(&loaded.model, &PlanOptions::default())
        .items
        .into_iter()
        .map(|i| i.name)
        .collect()
}

const XS: &str = "http://www.w3.org/2001/XMLSchema";

#[test]
fn any_legal_xml_name_generates() {
    let schema = format!(
        r#"<xs:schema xmlns:xs="{XS}" xmlns:t="urn:n" targetNamespace="urn:n" elementFormDefault="qualified">
          <xs:complexType name="ำType"><xs:sequence>
            <xs:element name="ำ62" type="xs:string"/>
            <xs:element name="type" type="xs:string"/>
            <xs:element name="self" type="xs:string"/>
            <xs:element name="getSubscriptionIDs" type="xs:string"/>
            <xs:element name="名前" type="xs:int"/>
          </xs:sequence><xs:attribute name="Größe" type="xs:string"/></xs:complexType>
          <xs:complexType name="String"><xs:sequence/></xs:complexType>
          <xs:complexType name="Send"><xs:sequence/></xs:complexType>
          <xs:complexType name="From"><xs:sequence/></xs:complexType>
          <xs:complexType name="HTTPServer"><xs:sequence/></xs:complexType>
          <xs:simpleType name="ำ"><xs:restriction base="xs:string">
            <xs:enumeration value="½"/><xs:enumeration value="ำ"/><xs:enumeration value="+"/>
          </xs:restriction></xs:simpleType>
          <xs:element name="root" type="t:ำType"/>
        </xs:schema>"#
    );
    let loaded = load(&[("s.xsd", &schema)], &["s.xsd"]);
    let text = render(&loaded.model, &PlanOptions::default(), None).expect("renders and parses");
    for want in [
        "pub struct U0e33Type ",
        "V12,",
        "pub u0e33_62: ",
        "pub r#type: ",
        "pub self_: ",
        "pub get_subscription_ids: ",
        "pub u540d_u524d: ",
        "pub grosse: ",
        "pub struct String2 ",
        "pub struct Send2 ",
        "pub struct From2 ",
        "pub struct HttpServer ",
        "pub enum U0e33 ",
    ] {
        assert!(text.contains(want), "missing `{want}`");
    }
}

#[test]
fn one_name_in_two_namespaces_gets_namespace_prefixes() {
    let a = format!(
        r#"<xs:schema xmlns:xs="{XS}" xmlns:ord="urn:example:orders" xmlns:inv="urn:example:invoices:v2"
              targetNamespace="urn:example:orders">
          <xs:import namespace="urn:example:invoices:v2" schemaLocation="b.xsd"/>
          <xs:complexType name="Item"><xs:sequence><xs:element name="i" type="inv:Item"/></xs:sequence></xs:complexType>
          <xs:complexType name="Order"><xs:sequence/></xs:complexType>
          <xs:element name="root" type="ord:Item"/>
        </xs:schema>"#
    );
    let b = format!(
        r#"<xs:schema xmlns:xs="{XS}" targetNamespace="urn:example:invoices:v2">
          <xs:complexType name="Item"><xs:sequence/></xs:complexType>
        </xs:schema>"#
    );
    let n = names(&load(&[("a.xsd", &a), ("b.xsd", &b)], &["a.xsd"]));
    assert!(n.contains(&"OrdItem".to_string()), "{n:?}");
    assert!(n.contains(&"InvItem".to_string()), "{n:?}");
    assert!(n.contains(&"Order".to_string()), "{n:?}");
    // Adding an unrelated type in either namespace changes none of those names.
    let b2 = b.replace(
        "</xs:schema>",
        r#"<xs:complexType name="Itemx"><xs:sequence/></xs:complexType></xs:schema>"#,
    );
    let n2 = names(&load(&[("a.xsd", &a), ("b.xsd", &b2)], &["a.xsd"]));
    for x in ["OrdItem", "InvItem", "Order"] {
        assert!(n2.contains(&x.to_string()), "{n2:?}");
    }
    // A generated-looking prefix (`q1`) is no name: a word of the URI names the namespace.
    let a3 = a
        .replace(
            r#"xmlns:inv="urn:example:invoices:v2""#,
            r#"xmlns:q1="urn:example:invoices:v2""#,
        )
        .replace("inv:Item", "q1:Item");
    let n3 = names(&load(&[("a.xsd", &a3), ("b.xsd", &b)], &["a.xsd"]));
    assert!(
        n3.contains(&"Q1Item".to_string()) || n3.contains(&"InvoicesItem".to_string()),
        "{n3:?}"
    );
}

#[test]
fn anonymous_type_names_do_not_depend_on_mixed_content() {
    // The Boeing ipo schemas: the anonymous `item` type of `ItemsType` is `ItemsTypeItem`
    // whether `ItemsType` is mixed (which adds a derived enum of its elements) or not.
    for mixed in ["true", "false"] {
        let s = format!(
            r#"<xs:schema xmlns:xs="{XS}" xmlns:ipo="urn:ipo" targetNamespace="urn:ipo">
              <xs:element name="items" type="ipo:ItemsType"/>
              <xs:complexType name="ItemsType" mixed="{mixed}"><xs:sequence>
                <xs:element name="item" minOccurs="0" maxOccurs="unbounded"><xs:complexType>
                  <xs:sequence><xs:element name="productName" type="xs:string"/></xs:sequence>
                </xs:complexType></xs:element>
              </xs:sequence></xs:complexType>
            </xs:schema>"#
        );
        let n = names(&load(&[("ipo.xsd", &s)], &["ipo.xsd"]));
        assert!(
            n.contains(&"ItemsTypeItem".to_string()),
            "mixed={mixed}: {n:?}"
        );
    }
}

#[test]
fn doc_comments_name_the_namespace() {
    let s = format!(
        r#"<xs:schema xmlns:xs="{XS}" targetNamespace="urn:docs">
          <xs:complexType name="A"><xs:annotation><xs:documentation>Own text.</xs:documentation></xs:annotation><xs:sequence/></xs:complexType>
          <xs:element name="e"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
        </xs:schema>"#
    );
    let loaded = load(&[("d.xsd", &s)], &["d.xsd"]);
    let text = render(&loaded.model, &PlanOptions::default(), None).expect("renders");
    assert!(
        text.contains(
            "/// Own text.\n///\n/// The complex type `A` in namespace `urn:docs` (d.xsd:2)."
        ),
        "{text}"
    );
    assert!(
        text.contains("/// The complex type anonymous in `e` in namespace `urn:docs`"),
        "{text}"
    );
}

#[test]
fn only_plans_the_named_operations() {
    let wsdl = concat!(env!("CARGO_MANIFEST_DIR"), "/../schemas/MS-OXWOOF.wsdl");
    let loaded = Loader::new()
        .input(wsdl)
        .load()
        .unwrap_or_else(|d| panic!("{d}"));
    let opts = PlanOptions {
        only: vec!["GetUserOofSettings".into()],
        ..PlanOptions::default()
    };
    let text = render(&loaded.model, &opts, None).expect("renders");
    assert!(text.contains("pub async fn get_user_oof_settings("));
    assert!(!text.contains("set_user_oof_settings"));
    assert!(!text.contains("pub struct SetUserOofSettingsRequest"));
    let full = render(&loaded.model, &PlanOptions::default(), None).expect("renders");
    assert!(text.lines().count() < full.lines().count());
    // Element and type names work too, with a prefix or in `{namespace}local` form.
    let opts = PlanOptions {
        only: vec!["{http://schemas.microsoft.com/exchange/services/2006/types}Duration".into()],
        ..PlanOptions::default()
    };
    let text = render(&loaded.model, &opts, None).expect("renders");
    assert!(text.contains("pub struct Duration "));
    assert!(!text.contains("pub struct GetUserOofSettingsRequest"));
    // An unknown name is an error with a suggestion.
    let opts = PlanOptions {
        only: vec!["GetUserOofSetings".into()],
        ..PlanOptions::default()
    };
    let err = render(&loaded.model, &opts, None)
        .expect_err("unknown name")
        .to_string();
    assert!(
        err.contains("no operation, global element or type is named `GetUserOofSetings`"),
        "{err}"
    );
    assert!(err.contains("did you mean `GetUserOofSettings`?"), "{err}");
}

const MAIN: &str = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:w="urn:remote"
      targetNamespace="urn:main">
  <xs:import namespace="urn:remote" schemaLocation="http://example.com/schemas/remote.xsd"/>
  <xs:element name="root" type="w:Remote"/>
</xs:schema>"#;

const REMOTE: &str = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:remote">
  <xs:complexType name="Remote"><xs:sequence/></xs:complexType>
</xs:schema>"#;

#[test]
fn remote_locations_resolve_through_maps_and_catalogs() {
    let src = || {
        MemorySource::new()
            .with("/w/main.xsd", MAIN)
            .with("/local/remote.xsd", REMOTE)
            .with(
                "/w/catalog.xml",
                r#"<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
                  <rewriteURI uriStartString="http://example.com/schemas/" rewritePrefix="/local/"/>
                </catalog>"#,
            )
    };
    // Unmapped: the error names the location and the mapping that would fix it.
    let err = Loader::new()
        .source(src())
        .input("/w/main.xsd")
        .load()
        .expect_err("remote, unmapped")
        .to_string();
    assert!(
        err.contains("--map http://example.com/schemas/remote.xsd=PATH"),
        "{err}"
    );
    for line in err.lines() {
        let labels = line.matches(": error:").count() + line.matches(": warning:").count();
        assert!(labels <= 1, "{err}");
    }
    // --map
    let mut r = Resolver::new();
    r.map("http://example.com/schemas/remote.xsd", "/local/remote.xsd");
    let l = Loader::new()
        .source(src())
        .resolver(r)
        .input("/w/main.xsd")
        .load();
    assert!(l.is_ok_and(|l| l.model.type_names.keys().any(|q| q.local == "Remote")));
    // catalog
    let mut r = Resolver::new();
    r.catalog(&src(), "/w/catalog.xml").expect("catalog reads");
    let l = Loader::new()
        .source(src())
        .resolver(r)
        .input("/w/main.xsd")
        .load();
    assert!(l.is_ok_and(|l| l.model.type_names.keys().any(|q| q.local == "Remote")));
}

#[test]
fn a_missing_namespace_is_reported_with_its_import() {
    let main = MAIN.replace(
        r#"<xs:import namespace="urn:remote" schemaLocation="http://example.com/schemas/remote.xsd"/>"#,
        r#"<xs:import namespace="urn:remote"/>"#,
    );
    let other = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:other">
      <xs:complexType name="Remotes"><xs:sequence/></xs:complexType></xs:schema>"#;
    let err = Loader::new()
        .source(
            MemorySource::new()
                .with("m.xsd", &main)
                .with("o.xsd", other),
        )
        .inputs(["m.xsd", "o.xsd"])
        .load()
        .expect_err("missing namespace")
        .to_string();
    assert!(err.contains("namespace `urn:remote`"), "{err}");
    assert!(err.contains("at m.xsd:3:"), "{err}");
    assert!(!err.contains("did you mean"), "{err}");
}

#[test]
fn cli_prints_one_label_per_diagnostic() {
    let dir = std::env::temp_dir().join(format!("xsd2rs-api-names-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let main = dir.join("main.xsd");
    std::fs::write(&main, MAIN).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_xsd2rs"))
        .arg("generate")
        .arg(&main)
        .arg("-o")
        .arg(dir.join("out"))
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("main.xsd:4:27: error: unresolved type reference"),
        "{stderr}"
    );
    for line in stderr.lines() {
        let labels = line.matches("error:").count() + line.matches("warning:").count();
        assert!(labels <= 1, "{stderr}");
    }
    // With the mapping it generates.
    let remote = dir.join("remote.xsd");
    std::fs::write(&remote, REMOTE).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_xsd2rs"))
        .arg("generate")
        .arg(&main)
        .arg("--map")
        .arg(format!("http://example.com/schemas/={}/", dir.display()))
        .arg("-o")
        .arg(dir.join("out"))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
