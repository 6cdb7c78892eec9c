//! Schema loading of what the W3C suite expects valid: chains of `xs:redefine`, groups that
//! recur through a local element, and occurrence bounds too large for 64 bits.

use xsd2rs::load::{Loaded, Loader, MemorySource};
use xsd2rs::model::*;

fn load_fixture(construct: &str) -> Loaded {
    let path = format!("tests/fixtures/constructs/{construct}/schema.xsd");
    match Loader::new().input(&path).load() {
        Ok(l) => {
            assert!(l.warnings.is_empty(), "{construct}: {:?}", l.warnings);
            l
        }
        Err(d) => panic!("{construct} failed to load:\n{d}"),
    }
}

/// Element names of a particle tree, in document order.
fn names(p: &Particle, out: &mut Vec<String>) {
    match &p.term {
        Term::Element(e) => out.push(e.name.local.clone()),
        Term::Group(g) => g.particles.iter().for_each(|p| names(p, out)),
        Term::Any(_) => out.push("*".into()),
    }
}

/// The element names of a complex type, base content first.
fn content(m: &Model, t: &TypeDef) -> Vec<String> {
    let TypeKind::Complex(c) = &t.kind else {
        panic!("not complex: {t:?}")
    };
    let mut out = match &c.derivation {
        Some(Derivation {
            base: TypeRef::Defined(b),
            method: DerivationMethod::Extension,
        }) => content(m, m.ty(*b)),
        _ => Vec::new(),
    };
    if let Content::Elements(p) = &c.content {
        names(p, &mut out);
    }
    out
}

#[test]
fn chained_redefinitions_resolve_level_by_level() {
    let l = load_fixture("redefine-chain");
    let ns = "urn:xsd2rs:test:redefine-chain";
    let note = l
        .model
        .type_by_name(&QName::new(ns, "NoteType"))
        .expect("NoteType");
    assert_eq!(content(&l.model, note), ["Text", "Author", "Date"]);
    let board = l
        .model
        .type_by_name(&QName::new(ns, "BoardType"))
        .expect("BoardType");
    assert_eq!(
        content(&l.model, board),
        ["Note", "Ref", "Tag", "Flag"],
        "group Extra: base, then each redefinition's addition"
    );
    let TypeKind::Complex(c) = &board.kind else {
        panic!()
    };
    let attrs: Vec<&str> = c.attributes.iter().map(|a| a.name.local.as_str()).collect();
    assert_eq!(attrs, ["id", "lang", "kind"]);
}

#[test]
fn a_group_recurring_through_a_local_element_is_a_recursive_type() {
    let l = load_fixture("recursive-group");
    let doc = l
        .model
        .elements
        .get(&QName::new("urn:xsd2rs:test:recursive-group", "Document"))
        .expect("Document");
    let TypeRef::Defined(id) = &doc.type_ref else {
        panic!()
    };
    let TypeKind::Complex(c) = &l.model.ty(*id).kind else {
        panic!()
    };
    let Content::Elements(p) = &c.content else {
        panic!()
    };
    let mut found = Vec::new();
    names(p, &mut found);
    assert_eq!(found, ["Title", "Section"]);
    // Section's type contains a Section of the same type.
    let mut section = None;
    fn find<'p>(p: &'p Particle, out: &mut Option<&'p ElementDecl>) {
        match &p.term {
            Term::Element(e) if e.name.local == "Section" => *out = Some(e),
            Term::Group(g) => g.particles.iter().for_each(|p| find(p, out)),
            _ => {}
        }
    }
    find(p, &mut section);
    let TypeRef::Defined(sid) = &section.expect("Section").type_ref else {
        panic!()
    };
    let TypeKind::Complex(sc) = &l.model.ty(*sid).kind else {
        panic!()
    };
    let Content::Elements(sp) = &sc.content else {
        panic!()
    };
    let mut inner = None;
    find(sp, &mut inner);
    assert_eq!(
        inner.expect("nested Section").type_ref,
        TypeRef::Defined(*sid)
    );
}

#[test]
fn direct_group_recursion_is_still_a_cycle() {
    let a = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:a" targetNamespace="urn:a">
  <xs:group name="G"><xs:sequence><xs:element name="A" type="xs:string"/><xs:group ref="t:G"/></xs:sequence></xs:group>
  <xs:complexType name="T"><xs:group ref="t:G"/></xs:complexType>
</xs:schema>"#;
    let err = Loader::new()
        .source(MemorySource::new().with("a.xsd", a))
        .input("a.xsd")
        .load()
        .expect_err("a cycle");
    assert!(
        err.to_string()
            .contains("group `t:G` is part of a reference cycle"),
        "{err}"
    );
}

#[test]
fn occurrence_bounds_beyond_64_bits_saturate_with_a_warning() {
    let a = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a">
  <xs:complexType name="T"><xs:sequence>
    <xs:element name="A" type="xs:string" minOccurs="0" maxOccurs="79228162514244337593543950335"/>
    <xs:element name="B" type="xs:string" minOccurs="79228162514244337593543950335" maxOccurs="unbounded"/>
  </xs:sequence></xs:complexType>
</xs:schema>"#;
    let l = Loader::new()
        .source(MemorySource::new().with("a.xsd", a))
        .input("a.xsd")
        .load()
        .expect("loads");
    let w: Vec<String> = l.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(
        w[0].starts_with("a.xsd:3:57: warning: maxOccurs `79228162514244337593543950335` is too large to count; treated as unbounded"),
        "{w:?}"
    );
    assert!(
        w[1].contains("minOccurs `79228162514244337593543950335` is too large"),
        "{w:?}"
    );
    let t = l.model.type_by_name(&QName::new("urn:a", "T")).expect("T");
    let TypeKind::Complex(ComplexType {
        content: Content::Elements(p),
        ..
    }) = &t.kind
    else {
        panic!()
    };
    let Term::Group(g) = &p.term else { panic!() };
    assert_eq!(g.particles[0].max_occurs, MaxOccurs::Unbounded);
    assert_eq!(g.particles[1].min_occurs, u64::MAX);
    // Not a number at all is still an error.
    let bad = a.replace(
        "79228162514244337593543950335\" maxOccurs=\"unbounded",
        "many\" maxOccurs=\"unbounded",
    );
    let err = Loader::new()
        .source(MemorySource::new().with("a.xsd", bad))
        .input("a.xsd")
        .load()
        .expect_err("invalid");
    assert!(
        err.to_string().contains("invalid minOccurs `many`"),
        "{err}"
    );
}
