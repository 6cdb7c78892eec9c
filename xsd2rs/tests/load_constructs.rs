//! One tiny schema per construct (tests/fixtures/constructs/<construct>/schema.xsd):
//! each loads cleanly, its dump is snapshotted, and the model facts that matter for
//! that construct are asserted directly.

use xsd2rs::dump::dump;
use xsd2rs::load::{Loaded, Loader};
use xsd2rs::model::*;

fn load(construct: &str) -> Loaded {
    // Relative to the package root (the test's working directory), so that paths in
    // the snapshots do not depend on the machine.
    let path = format!("tests/fixtures/constructs/{construct}/schema.xsd");
    match Loader::new().input(&path).load() {
        Ok(l) => {
            assert!(l.warnings.is_empty(), "{construct}: {:?}", l.warnings);
            l
        }
        Err(d) => panic!("{construct} failed to load:\n{d}"),
    }
}

fn ns(construct: &str) -> String {
    format!("urn:xsd2rs:test:{construct}")
}

fn complex<'m>(m: &'m Model, construct: &str, local: &str) -> &'m ComplexType {
    match m
        .type_by_name(&QName::new(ns(construct), local))
        .map(|t| &t.kind)
    {
        Some(TypeKind::Complex(c)) => c,
        other => panic!("{local}: not a complex type: {other:?}"),
    }
}

fn simple<'m>(m: &'m Model, construct: &str, local: &str) -> &'m SimpleType {
    match m
        .type_by_name(&QName::new(ns(construct), local))
        .map(|t| &t.kind)
    {
        Some(TypeKind::Simple(s)) => s,
        other => panic!("{local}: not a simple type: {other:?}"),
    }
}

fn group(c: &ComplexType) -> (&ModelGroup, &Particle) {
    match &c.content {
        Content::Elements(p) => match &p.term {
            Term::Group(g) => (g, p),
            other => panic!("not a group: {other:?}"),
        },
        other => panic!("no element content: {other:?}"),
    }
}

fn element(p: &Particle) -> &ElementDecl {
    match &p.term {
        Term::Element(e) => e,
        other => panic!("not an element: {other:?}"),
    }
}

fn type_name(m: &Model, t: &TypeRef) -> String {
    match t {
        TypeRef::Builtin(b) => format!("xs:{}", b.xsd_name()),
        TypeRef::Defined(id) => m
            .ty(*id)
            .name
            .as_ref()
            .map(|n| n.local.clone())
            .unwrap_or_else(|| "(anonymous)".into()),
    }
}

macro_rules! snapshot {
    ($construct:expr, $loaded:expr) => {
        insta::assert_snapshot!(format!("construct_{}", $construct), dump(&$loaded.model));
    };
}

#[test]
fn sequence() {
    let l = load("sequence");
    snapshot!("sequence", l);
    let c = complex(&l.model, "sequence", "PersonType");
    let (g, _) = group(c);
    assert_eq!(g.compositor, Compositor::Sequence);
    let occurs: Vec<(u64, MaxOccurs)> = g
        .particles
        .iter()
        .map(|p| (p.min_occurs, p.max_occurs))
        .collect();
    assert_eq!(
        occurs,
        [
            (1, MaxOccurs::Bounded(1)),
            (0, MaxOccurs::Bounded(1)),
            (0, MaxOccurs::Unbounded),
            (1, MaxOccurs::Bounded(1))
        ]
    );
    let first = element(&g.particles[0]);
    assert_eq!(
        first.name,
        QName::new(ns("sequence"), "Name"),
        "elementFormDefault=qualified"
    );
    assert_eq!(first.scope, ElementScope::Local);
    assert_eq!(first.loc.line, 9);
}

#[test]
fn choice() {
    let l = load("choice");
    snapshot!("choice", l);
    let (g, p) = group(complex(&l.model, "choice", "ShapeType"));
    assert_eq!(g.compositor, Compositor::Choice);
    assert_eq!(g.particles.len(), 3);
    assert!(!p.max_occurs.is_many());
}

#[test]
fn repeated_choice() {
    let l = load("repeated-choice");
    snapshot!("repeated-choice", l);
    let (g, p) = group(complex(&l.model, "repeated-choice", "ListType"));
    assert_eq!(g.compositor, Compositor::Choice);
    assert_eq!((p.min_occurs, p.max_occurs), (0, MaxOccurs::Unbounded));
}

#[test]
fn all() {
    let l = load("all");
    snapshot!("all", l);
    let (g, _) = group(complex(&l.model, "all", "SettingsType"));
    assert_eq!(g.compositor, Compositor::All);
    assert_eq!(g.particles[2].min_occurs, 0);
}

#[test]
fn nested_groups() {
    let l = load("nested-groups");
    snapshot!("nested-groups", l);
    let (g, _) = group(complex(&l.model, "nested-groups", "NestedType"));
    let Term::Group(choice) = &g.particles[1].term else {
        panic!()
    };
    assert_eq!(choice.compositor, Compositor::Choice);
    assert_eq!(g.particles[1].min_occurs, 0);
    let Term::Group(second) = &choice.particles[1].term else {
        panic!()
    };
    assert_eq!(choice.particles[1].max_occurs, MaxOccurs::Bounded(3));
    let Term::Group(inner) = &second.particles[1].term else {
        panic!()
    };
    assert_eq!(inner.compositor, Compositor::Choice);
}

#[test]
fn group_ref() {
    let l = load("group-ref");
    snapshot!("group-ref", l);
    let (g, _) = group(complex(&l.model, "group-ref", "CustomerType"));
    let p = &g.particles[1];
    assert_eq!(p.min_occurs, 0, "occurrence of the reference");
    let Term::Group(expanded) = &p.term else {
        panic!()
    };
    assert_eq!(
        expanded.group_name,
        Some(QName::new(ns("group-ref"), "AddressGroup"))
    );
    assert_eq!(expanded.particles.len(), 2);
}

#[test]
fn complex_extension() {
    let l = load("complex-extension");
    snapshot!("complex-extension", l);
    let base = complex(&l.model, "complex-extension", "BaseType");
    assert!(base.is_abstract);
    let c = complex(&l.model, "complex-extension", "DerivedType");
    let d = c.derivation.as_ref().unwrap();
    assert_eq!(d.method, DerivationMethod::Extension);
    assert_eq!(type_name(&l.model, &d.base), "BaseType");
    let (g, _) = group(c);
    assert_eq!(g.particles.len(), 1, "only the added part");
    assert_eq!(c.attributes.len(), 1);
}

#[test]
fn complex_restriction() {
    let l = load("complex-restriction");
    snapshot!("complex-restriction", l);
    let c = complex(&l.model, "complex-restriction", "NarrowType");
    assert_eq!(
        c.derivation.as_ref().unwrap().method,
        DerivationMethod::Restriction
    );
    assert_eq!(c.attributes[0].use_, AttributeUseKind::Prohibited);
}

#[test]
fn simple_content_extension() {
    let l = load("simple-content-extension");
    snapshot!("simple-content-extension", l);
    let c = complex(&l.model, "simple-content-extension", "TaxedPriceType");
    let Content::Simple { value_type, .. } = &c.content else {
        panic!()
    };
    assert_eq!(
        *value_type,
        TypeRef::Builtin(Builtin::Decimal),
        "value type of the base chain"
    );
    assert_eq!(
        type_name(&l.model, &c.derivation.as_ref().unwrap().base),
        "PriceType"
    );
}

#[test]
fn simple_content_restriction() {
    let l = load("simple-content-restriction");
    snapshot!("simple-content-restriction", l);
    let c = complex(&l.model, "simple-content-restriction", "ShortCodeType");
    let Content::Simple { value_type, facets } = &c.content else {
        panic!()
    };
    assert_eq!(*value_type, TypeRef::Builtin(Builtin::String));
    assert_eq!(facets.max_length, Some(4));
}

#[test]
fn attributes() {
    let l = load("attributes");
    snapshot!("attributes", l);
    let a = &complex(&l.model, "attributes", "ItemType").attributes;
    assert_eq!(a[0].use_, AttributeUseKind::Required);
    assert_eq!(
        a[0].name,
        QName::new("", "Id"),
        "attributes are unqualified by default"
    );
    assert_eq!(a[1].default.as_deref(), Some("1"));
    assert_eq!(a[2].fixed.as_deref(), Some("item"));
    assert_eq!(a[4].name, QName::new(ns("attributes"), "Qualified"));
    assert_eq!(a[5].name, QName::new(XML_NS, "lang"));
    assert!(a[5].is_ref);
    let m = &l.model;
    // xml.xsd: xs:language or "" — a restriction of xs:string whose pattern accepts both.
    let TypeRef::Defined(lang) = &a[5].type_ref else {
        panic!(
            "xml:lang is typed by the built-in xml namespace: {:?}",
            a[5].type_ref
        )
    };
    let TypeKind::Simple(SimpleType::Restriction { base, facets }) = &m.ty(*lang).kind else {
        panic!("xml:lang's type is a restriction: {:?}", m.ty(*lang).kind)
    };
    assert_eq!(*base, TypeRef::Builtin(Builtin::String));
    assert_eq!(facets.patterns, ["([a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*)?"]);
    assert_eq!(
        m.attributes[&QName::new(XML_NS, "lang")].type_ref,
        a[5].type_ref
    );
}

#[test]
fn attribute_group() {
    let l = load("attribute-group");
    snapshot!("attribute-group", l);
    let a = &complex(&l.model, "attribute-group", "DocumentType").attributes;
    let names: Vec<(&str, Option<&str>)> = a
        .iter()
        .map(|a| {
            (
                a.name.local.as_str(),
                a.group_name.as_ref().map(|g| g.local.as_str()),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("Id", Some("Common")),
            ("CreatedBy", Some("Audit")),
            ("Title", None)
        ]
    );
}

#[test]
fn any_attribute() {
    let l = load("any-attribute");
    snapshot!("any-attribute", l);
    let w = complex(&l.model, "any-attribute", "OpenType")
        .any_attribute
        .clone()
        .unwrap();
    assert_eq!(w.namespace, "##other");
    assert_eq!(w.process_contents, ProcessContents::Lax);
}

#[test]
fn enumeration() {
    let l = load("enumeration");
    snapshot!("enumeration", l);
    let SimpleType::Restriction { base, facets } = simple(&l.model, "enumeration", "ColorType")
    else {
        panic!()
    };
    assert_eq!(*base, TypeRef::Builtin(Builtin::String));
    let values: Vec<&str> = facets
        .enumeration
        .iter()
        .map(|e| e.value.as_str())
        .collect();
    assert_eq!(values, ["Red", "Green", "light-blue"]);
    assert_eq!(facets.enumeration[0].doc.as_deref(), Some("Like a tomato."));
    let t = l
        .model
        .type_by_name(&QName::new(ns("enumeration"), "ColorType"))
        .unwrap();
    assert_eq!(t.doc.as_deref(), Some("A colour."), "whitespace-normalised");
}

#[test]
fn list() {
    let l = load("list");
    snapshot!("list", l);
    let SimpleType::List { item, .. } = simple(&l.model, "list", "IntListType") else {
        panic!()
    };
    assert_eq!(*item, TypeRef::Builtin(Builtin::Int));
    let SimpleType::List {
        item: TypeRef::Defined(id),
        ..
    } = simple(&l.model, "list", "DaysType")
    else {
        panic!()
    };
    assert_eq!(
        l.model.ty(*id).origin,
        TypeOrigin::AnonymousNested(vec!["DaysType".into()])
    );
}

#[test]
fn union() {
    let l = load("union");
    snapshot!("union", l);
    let SimpleType::Union { members } = simple(&l.model, "union", "SizeType") else {
        panic!()
    };
    let names: Vec<String> = members.iter().map(|m| type_name(&l.model, m)).collect();
    assert_eq!(names, ["xs:int", "SizeNameType", "(anonymous)"]);
}

#[test]
fn facets() {
    let l = load("facets");
    snapshot!("facets", l);
    let SimpleType::Restriction { facets: f, .. } = simple(&l.model, "facets", "CodeType") else {
        panic!()
    };
    assert_eq!((f.min_length, f.max_length), (Some(2), Some(8)));
    assert_eq!(f.patterns, ["[A-Z]+"]);
    assert_eq!(f.white_space, Some(WhiteSpace::Collapse));
    let SimpleType::Restriction { facets: f, .. } = simple(&l.model, "facets", "PercentType")
    else {
        panic!()
    };
    assert_eq!(f.min_inclusive.as_deref(), Some("0"));
    assert_eq!(f.max_inclusive.as_deref(), Some("100"));
    assert_eq!((f.total_digits, f.fraction_digits), (Some(5), Some(2)));
    let SimpleType::Restriction { facets: f, .. } = simple(&l.model, "facets", "OpenIntervalType")
    else {
        panic!()
    };
    assert_eq!(f.min_exclusive.as_deref(), Some("-1"));
    assert_eq!(f.max_exclusive.as_deref(), Some("10"));
    let SimpleType::Restriction { facets: f, .. } = simple(&l.model, "facets", "FixedLengthType")
    else {
        panic!()
    };
    assert_eq!(f.length, Some(3));
}

#[test]
fn nillable() {
    let l = load("nillable");
    snapshot!("nillable", l);
    let (g, _) = group(complex(&l.model, "nillable", "RecordType"));
    let e: Vec<&ElementDecl> = g.particles.iter().map(element).collect();
    assert!(e[0].nillable && e[1].nillable && !e[2].nillable);
    assert_eq!(g.particles[1].min_occurs, 0);
    assert_eq!(e[3].default.as_deref(), Some("7"));
    assert_eq!(e[4].fixed.as_deref(), Some("v1"));
}

#[test]
fn substitution_group() {
    let l = load("substitution-group");
    snapshot!("substitution-group", l);
    let n = |s: &str| QName::new(ns("substitution-group"), s);
    let head = &l.model.elements[&n("Item")];
    assert!(head.is_abstract);
    assert_eq!(
        l.model.substitution_groups[&n("Item")],
        [n("Meeting"), n("Message"), n("Note")],
        "transitive and sorted"
    );
    assert_eq!(l.model.substitution_groups[&n("Message")], [n("Meeting")]);
    // A member without a type takes its head's.
    assert_eq!(l.model.elements[&n("Note")].type_ref, head.type_ref);
    let (g, _) = group(complex(&l.model, "substitution-group", "FolderType"));
    let r = element(&g.particles[0]);
    assert_eq!(r.scope, ElementScope::Ref);
    assert!(r.is_abstract);
}

#[test]
fn any() {
    let l = load("any");
    snapshot!("any", l);
    let (g, _) = group(complex(&l.model, "any", "EnvelopeType"));
    let Term::Any(w) = &g.particles[1].term else {
        panic!()
    };
    assert_eq!(w.namespace, "##any");
    assert_eq!(w.process_contents, ProcessContents::Lax);
    assert_eq!(g.particles[1].max_occurs, MaxOccurs::Unbounded);
    let (g, _) = group(complex(&l.model, "any", "StrictType"));
    let Term::Any(w) = &g.particles[0].term else {
        panic!()
    };
    assert_eq!(
        (w.namespace.as_str(), w.process_contents),
        ("urn:a urn:b", ProcessContents::Strict)
    );
}

#[test]
fn mixed() {
    let l = load("mixed");
    snapshot!("mixed", l);
    assert!(complex(&l.model, "mixed", "ParagraphType").mixed);
}

#[test]
fn recursion() {
    let l = load("recursion");
    snapshot!("recursion", l);
    let id = l.model.type_names[&QName::new(ns("recursion"), "NodeType")];
    let (g, _) = group(complex(&l.model, "recursion", "NodeType"));
    assert_eq!(element(&g.particles[1]).type_ref, TypeRef::Defined(id));
}

#[test]
fn anonymous_types() {
    let l = load("anonymous-types");
    snapshot!("anonymous-types", l);
    let origins: Vec<&TypeOrigin> = l.model.types.iter().map(|t| &t.origin).collect();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        origins,
        [
            &TypeOrigin::AnonymousElement(s(&["Order"])),
            &TypeOrigin::AnonymousElement(s(&["Order", "Line"])),
            &TypeOrigin::AnonymousElement(s(&["Order", "Line", "Quantity"])),
            &TypeOrigin::AnonymousAttribute(s(&["Order", "Line", "Status"])),
        ]
    );
    assert!(l.model.types.iter().all(|t| t.name.is_none()));
}

#[test]
fn collision_element_type() {
    let l = load("collision-element-type");
    snapshot!("collision-element-type", l);
    let q = QName::new(ns("collision-element-type"), "Mailbox");
    assert!(l.model.type_names.contains_key(&q) && l.model.elements.contains_key(&q));
}

#[test]
fn collision_case() {
    let l = load("collision-case");
    snapshot!("collision-case", l);
    let n = |s: &str| QName::new(ns("collision-case"), s);
    assert!(
        l.model.type_names.contains_key(&n("status"))
            && l.model.type_names.contains_key(&n("Status"))
    );
    assert!(
        l.model.elements.contains_key(&n("status")) && l.model.elements.contains_key(&n("Status"))
    );
}

#[test]
fn collision_namespaces() {
    let l = load("collision-namespaces");
    snapshot!("collision-namespaces", l);
    let a = QName::new("urn:xsd2rs:test:collision-namespaces:a", "ItemType");
    let b = QName::new("urn:xsd2rs:test:collision-namespaces:b", "ItemType");
    assert!(l.model.type_names.contains_key(&a) && l.model.type_names.contains_key(&b));
    assert_eq!(l.model.files.len(), 2);
    assert_eq!(
        l.model.prefixes["urn:xsd2rs:test:collision-namespaces:a"],
        "a"
    );
    assert_eq!(
        l.model.prefixes["urn:xsd2rs:test:collision-namespaces:b"],
        "b"
    );
}

#[test]
fn chameleon_include() {
    let l = load("chameleon-include");
    snapshot!("chameleon-include", l);
    let c = complex(&l.model, "chameleon-include", "ContactType");
    let (g, _) = group(c);
    let phone = element(&g.particles[0]);
    assert_eq!(phone.name, QName::new(ns("chameleon-include"), "Phone"));
    assert_eq!(
        type_name(&l.model, &phone.type_ref),
        "PhoneType",
        "unprefixed reference in the includer's namespace"
    );
    let t = l
        .model
        .type_by_name(&QName::new(ns("chameleon-include"), "ContactType"))
        .unwrap();
    assert!(t.loc.file.ends_with("common.xsd"));
}

#[test]
fn redefine() {
    let l = load("redefine");
    snapshot!("redefine", l);
    let c = complex(&l.model, "redefine", "AddressType");
    let TypeRef::Defined(base) = &c.derivation.as_ref().unwrap().base else {
        panic!()
    };
    let original = l.model.ty(*base);
    assert!(
        original.name.is_none(),
        "the original is kept as an anonymous type"
    );
    assert!(original.loc.file.ends_with("base.xsd"));
    let (g, _) = group(complex(&l.model, "redefine", "ShipmentType"));
    let Term::Group(extra) = &g.particles[1].term else {
        panic!()
    };
    let Term::Group(orig) = &extra.particles[0].term else {
        panic!()
    };
    assert_eq!(
        element(&orig.particles[0]).name.local,
        "Reference",
        "self-reference is the original group"
    );
    assert_eq!(element(&extra.particles[1]).name.local, "Note");
    assert_eq!(l.model.files.len(), 2, "the include cycle is read once");
}
