//! Building the plan from the model.

use std::collections::{BTreeMap, VecDeque};

use crate::emit::sanitize_doc as sanitize;
use crate::model::{
    AttributeUse, AttributeUseKind, Builtin, Compositor, Content, DerivationMethod, ElementDecl,
    ElementScope, Facets, Model, Particle, QName, SimpleType, Term, TypeId, TypeKind, TypeOrigin,
    TypeRef,
};
use crate::naming::{self, Scope};

use super::names;
use super::reach::reach;
use super::{
    boxing, Choice, Enumeration, Field, FieldKind, Item, ItemId, ItemKind, List, Namespaces,
    Newtype, Occurs, Plan, PlanOptions, Root, Struct, Ty, Union, Variant,
};

/// Plans the Rust items for a model.
pub fn plan(model: &Model, opts: &PlanOptions) -> Plan {
    let r = reach(model, opts);
    let mut p = Planner {
        model,
        scope: Scope::module(),
        items: Vec::new(),
        type_items: BTreeMap::new(),
        subst_items: BTreeMap::new(),
        poly_items: BTreeMap::new(),
        derived: derived_types(model, &r.types),
        namespaces: names::type_namespaces(model),
        queue: VecDeque::new(),
    };
    // Claim names: schema-named types first (QName order), then global elements' anonymous
    // types, then anonymous types of local elements (path order), then everything derived
    // (in the deterministic order of building). See `naming` and `names`.
    let named: Vec<_> = model
        .type_names
        .iter()
        .filter(|(_, id)| r.types.contains(id))
        .map(|(q, id)| (q, *id))
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    let elements: Vec<_> = model
        .elements
        .values()
        .filter_map(|e| match &e.type_ref {
            TypeRef::Defined(id) => Some((&e.name, *id)),
            TypeRef::Builtin(_) => None,
        })
        .filter(|(_, id)| {
            matches!(model.types.get(id.0).map(|t| &t.origin),
                Some(TypeOrigin::AnonymousElement(path)) if path.len() == 1)
                && r.types.contains(id)
                && seen.insert(*id)
        })
        .collect();
    for w in names::wanted(model, &named, &elements) {
        let name = if w.element {
            p.scope.claim_any(&[&w.name, &format!("{}Element", w.name)])
        } else {
            p.scope.claim(&w.name)
        };
        p.alloc_type(w.id, name);
    }
    let mut anonymous: Vec<(String, TypeId)> = r
        .types
        .iter()
        .filter(|id| !p.type_items.contains_key(id))
        .filter_map(|id| match model.types.get(id.0) {
            Some(t @ crate::model::TypeDef { name: None, .. }) => Some((
                origin_path(t)
                    .iter()
                    .map(|s| naming::type_name(s))
                    .collect::<String>(),
                *id,
            )),
            _ => None,
        })
        .collect();
    anonymous.sort();
    for (_, id) in anonymous {
        p.type_item(id);
    }
    let roots: Vec<Root> = r
        .roots
        .iter()
        .filter_map(|q| model.elements.get(q))
        // An abstract element is never a document root (its members are, when they are
        // roots); a substitution-group head is one, with its declared type.
        .filter(|e| !e.is_abstract)
        .map(|e| Root {
            xml: e.name.clone(),
            ty: p.declared_ty(&e.type_ref),
            nillable: e.nillable,
            default: e.default.clone(),
            fixed: e.fixed.clone(),
            fixed_ns: e.fixed_ns.clone(),
            wrapper: None,
        })
        .collect();
    let mut roots = roots;
    // Indexed once (not rescanned per root: linear in big schemas).
    let mut per_ty: BTreeMap<&Ty, usize> = BTreeMap::new();
    for r in &roots {
        *per_ty.entry(&r.ty).or_default() += 1;
    }
    let shared_ty: Vec<bool> = roots.iter().map(|r| per_ty[&r.ty] > 1).collect();
    let complex_items: std::collections::BTreeSet<ItemId> = model
        .types
        .iter()
        .filter(|t| matches!(t.kind, TypeKind::Complex(_)))
        .filter_map(|t| p.type_items.get(&t.id).copied())
        .collect();
    for i in 0..roots.len() {
        let shared = shared_ty[i];
        let is_struct = match &roots[i].ty {
            Ty::Item(id) => {
                complex_items.contains(id)
                    && matches!(
                        p.items.get(id.0).map(|x| &x.kind),
                        Some(ItemKind::Struct(_))
                    )
            }
            _ => false,
        };
        let constrained = roots[i].default.is_some() || roots[i].fixed.is_some();
        if shared || !is_struct || roots[i].nillable || constrained {
            let base = naming::type_name(&roots[i].xml.local);
            roots[i].wrapper = Some(p.scope.claim_any(&[&base, &format!("{base}Element")]));
        }
    }
    while let Some((id, item)) = p.queue.pop_front() {
        let kind = p.build_type(id, item);
        if let Some(slot) = p.items.get_mut(item.0) {
            slot.kind = kind;
        }
    }
    let namespaces = namespaces(model, &p.items, &roots);
    let mut plan = Plan {
        items: p.items,
        roots,
        namespaces,
    };
    finish(&mut plan);
    plan
}

struct Planner<'m> {
    model: &'m Model,
    scope: Scope,
    items: Vec<Item>,
    type_items: BTreeMap<TypeId, ItemId>,
    subst_items: BTreeMap<QName, ItemId>,
    /// `xsi:type` enums by declared type.
    poly_items: BTreeMap<TypeId, ItemId>,
    /// Complex type → the planned complex types derived from it (transitively).
    derived: BTreeMap<TypeId, Vec<TypeId>>,
    /// The namespace of every type (for documentation).
    namespaces: BTreeMap<TypeId, String>,
    queue: VecDeque<(TypeId, ItemId)>,
}

fn complex(model: &Model, id: TypeId) -> Option<&crate::model::ComplexType> {
    match model.types.get(id.0).map(|t| &t.kind) {
        Some(TypeKind::Complex(ct)) => Some(ct),
        _ => None,
    }
}

/// For every complex type, the named complex types among `planned` derived from it.
fn derived_types(
    model: &Model,
    planned: &std::collections::BTreeSet<TypeId>,
) -> BTreeMap<TypeId, Vec<TypeId>> {
    let mut out: BTreeMap<TypeId, Vec<TypeId>> = BTreeMap::new();
    for t in planned {
        if model.types.get(t.0).is_none_or(|d| d.name.is_none()) {
            continue;
        }
        let mut at = *t;
        for _ in 0..64 {
            let Some(TypeRef::Defined(b)) = complex(model, at)
                .and_then(|ct| ct.derivation.as_ref())
                .map(|d| &d.base)
            else {
                break;
            };
            if complex(model, *b).is_none() || *b == *t {
                break;
            }
            out.entry(*b).or_default().push(*t);
            at = *b;
        }
    }
    out
}

fn placeholder() -> ItemKind {
    ItemKind::Struct(Struct::default())
}

/// Combines an outer and an inner occurrence.
fn combine(outer: Occurs, inner: Occurs) -> Occurs {
    match (outer, inner) {
        (Occurs::Many, _) | (_, Occurs::Many) => Occurs::Many,
        (Occurs::Optional, _) | (_, Occurs::Optional) => Occurs::Optional,
        _ => Occurs::One,
    }
}

fn occurs_of(p: &Particle) -> Occurs {
    if p.max_occurs.is_many() {
        Occurs::Many
    } else if p.min_occurs == 0 {
        Occurs::Optional
    } else {
        Occurs::One
    }
}

fn origin_path(t: &crate::model::TypeDef) -> &[String] {
    match &t.origin {
        TypeOrigin::AnonymousElement(p)
        | TypeOrigin::AnonymousAttribute(p)
        | TypeOrigin::AnonymousNested(p) => p,
        TypeOrigin::Named => &[],
    }
}

fn file_name(file: &str) -> &str {
    file.rsplit(['/', '\\']).next().unwrap_or(file)
}

impl<'m> Planner<'m> {
    fn alloc(&mut self, name: String, doc: String, xml: Option<QName>, kind: ItemKind) -> ItemId {
        let id = ItemId(self.items.len());
        self.items.push(Item {
            name,
            doc,
            xml,
            kind,
            default: false,
        });
        id
    }

    fn alloc_type(&mut self, tid: TypeId, name: String) -> ItemId {
        let (doc, xml) = match self.model.types.get(tid.0) {
            Some(t) => {
                let what = match t.kind {
                    TypeKind::Simple(_) => "simple type",
                    TypeKind::Complex(_) => "complex type",
                };
                let origin = match &t.name {
                    Some(q) => format!("`{}`", q.local),
                    None => format!("anonymous in `{}`", origin_path(t).join("/")),
                };
                let ns = match self.namespaces.get(&tid).map(String::as_str) {
                    Some("") | None => "no namespace".to_string(),
                    Some(uri) => format!("namespace `{uri}`"),
                };
                let file = file_name(&t.loc.file);
                let origin = if file.starts_with('(') {
                    format!("The {what} {origin} in {ns} {file}.")
                } else {
                    format!("The {what} {origin} in {ns} ({file}:{}).", t.loc.line)
                };
                let doc = match t.doc.as_deref().map(sanitize) {
                    Some(d) => format!("{d}\n\n{origin}"),
                    None => origin,
                };
                (doc, t.name.clone())
            }
            None => (String::new(), None),
        };
        let id = self.alloc(name, doc, xml, placeholder());
        self.type_items.insert(tid, id);
        self.queue.push_back((tid, id));
        id
    }

    /// The item of a defined type, allocating (and naming) anonymous ones on first use.
    fn type_item(&mut self, tid: TypeId) -> ItemId {
        if let Some(id) = self.type_items.get(&tid) {
            return *id;
        }
        let base = match self.model.types.get(tid.0) {
            Some(t) => match &t.name {
                Some(q) => naming::type_name(&q.local),
                None => origin_path(t)
                    .iter()
                    .map(|s| naming::type_name(s))
                    .collect::<String>(),
            },
            None => "Unknown".to_string(),
        };
        let name = self.scope.claim(&base);
        self.alloc_type(tid, name)
    }

    fn ty_of(&mut self, t: &TypeRef) -> Ty {
        match t {
            TypeRef::Builtin(b) => Ty::Builtin(*b),
            TypeRef::Defined(id) => Ty::Item(self.type_item(*id)),
        }
    }

    /// The Rust type of an element's content (a substitution enum for a group head).
    fn element_ty(&mut self, e: &ElementDecl) -> Ty {
        if e.scope != ElementScope::Local {
            let global = self.model.elements.get(&e.name).unwrap_or(e);
            let members = self.model.substitution_groups.get(&e.name);
            if members.is_some_and(|m| !m.is_empty()) || global.is_abstract {
                return Ty::Item(self.subst_item(global));
            }
            return self.declared_ty(&global.type_ref);
        }
        self.declared_ty(&e.type_ref)
    }

    /// The Rust type of an element of declared type `t`: an `xsi:type` enum when planned
    /// types derive from it.
    fn declared_ty(&mut self, t: &TypeRef) -> Ty {
        match t {
            TypeRef::Defined(id) if self.derived.get(id).is_some_and(|d| !d.is_empty()) => {
                Ty::Item(self.poly_item(*id))
            }
            _ => self.ty_of(t),
        }
    }

    /// The enum of a complex type and its derived types, keyed by `xsi:type`.
    fn poly_item(&mut self, base: TypeId) -> ItemId {
        if let Some(id) = self.poly_items.get(&base) {
            return *id;
        }
        let base_item = self.type_item(base);
        let base_name = self
            .items
            .get(base_item.0)
            .map(|i| i.name.clone())
            .unwrap_or_default();
        let name = self.scope.claim(&format!("{base_name}OrDerived"));
        let doc = format!(
            "The complex type [`{base_name}`] or a type derived from it, chosen by `xsi:type`."
        );
        // `xml` names the declared type: its variant is also read without `xsi:type`.
        let xml = self.model.types.get(base.0).and_then(|d| d.name.clone());
        let id = self.alloc(name, doc, xml, placeholder());
        self.poly_items.insert(base, id);
        let model = self.model;
        let concrete = |t: &TypeId| complex(model, *t).is_some_and(|ct| !ct.is_abstract);
        let mut members: Vec<TypeId> = Some(base).into_iter().filter(concrete).collect();
        members.extend(
            self.derived
                .get(&base)
                .into_iter()
                .flatten()
                .filter(|t| concrete(t)),
        );
        let mut vs = Scope::new();
        let mut variants = Vec::new();
        for t in members {
            let Some(q) = model.types.get(t.0).and_then(|d| d.name.clone()) else {
                continue;
            };
            let ty = Ty::Item(self.type_item(t));
            variants.push(Variant {
                name: vs.claim(&naming::variant_name(&q.local)),
                xml: Some(q),
                ty,
                wildcard: None,
                nillable: false,
                boxed: false,
                doc: None,
            });
        }
        let fallback = Some(vs.claim_any(&["Other", "OtherType"]));
        if let Some(item) = self.items.get_mut(id.0) {
            item.kind = ItemKind::Polymorphic(Choice { variants, fallback });
        }
        id
    }

    fn subst_item(&mut self, head: &ElementDecl) -> ItemId {
        if let Some(id) = self.subst_items.get(&head.name) {
            return *id;
        }
        let base = naming::type_name(&head.name.local);
        let name = self.scope.claim_any(&[&base, &format!("{base}Element")]);
        let doc = format!(
            "The element `{}` or any member of its substitution group.",
            head.name.local
        );
        let id = self.alloc(name, doc, None, placeholder());
        self.subst_items.insert(head.name.clone(), id);
        let mut vscope = Scope::new();
        let mut variants = Vec::new();
        let mut decls: Vec<&ElementDecl> = Vec::new();
        if !head.is_abstract {
            decls.push(head);
        }
        for m in self
            .model
            .substitution_groups
            .get(&head.name)
            .into_iter()
            .flatten()
        {
            if let Some(d) = self.model.elements.get(m) {
                if !d.is_abstract {
                    decls.push(d);
                }
            }
        }
        for d in decls {
            let ty = self.declared_ty(&d.type_ref);
            variants.push(Variant {
                name: vscope.claim(&naming::variant_name(&d.name.local)),
                xml: Some(d.name.clone()),
                ty,
                wildcard: None,
                nillable: d.nillable,
                boxed: false,
                doc: d.doc.as_deref().map(sanitize),
            });
        }
        let fallback = Some(vscope.claim_any(&["Other", "OtherElement"]));
        if let Some(item) = self.items.get_mut(id.0) {
            item.kind = ItemKind::Substitution(Choice { variants, fallback });
        }
        id
    }

    fn build_type(&mut self, tid: TypeId, item: ItemId) -> ItemKind {
        let model = self.model;
        let Some(def) = model.types.get(tid.0) else {
            return placeholder();
        };
        match &def.kind {
            TypeKind::Simple(SimpleType::Restriction { base, facets }) => {
                if !facets.enumeration.is_empty() {
                    let mut vs = Scope::new();
                    let values = facets
                        .enumeration
                        .iter()
                        .map(|v| {
                            (
                                vs.claim(&naming::variant_name(&v.value)),
                                v.lexical(),
                                v.doc.as_deref().map(sanitize),
                            )
                        })
                        .collect();
                    let fallback = vs.claim_any(&["Other", "OtherValue"]);
                    let base = self.ty_of(base);
                    ItemKind::Enumeration(Enumeration {
                        base,
                        values,
                        fallback,
                    })
                } else {
                    let inner = self.ty_of(base);
                    ItemKind::Newtype(Newtype {
                        inner,
                        facets: facets.clone(),
                    })
                }
            }
            TypeKind::Simple(SimpleType::List { item: it, facets }) => {
                let item_ty = self.ty_of(it);
                ItemKind::List(List {
                    item: item_ty,
                    facets: facets.clone(),
                })
            }
            TypeKind::Simple(SimpleType::Union { members }) => {
                let mut vs = Scope::new();
                let mut out = Vec::new();
                for m in members {
                    let ty = self.ty_of(m);
                    let base = match &ty {
                        Ty::Builtin(b) => naming::variant_name(b.xsd_name()),
                        Ty::Item(i) => self
                            .items
                            .get(i.0)
                            .map(|x| x.name.clone())
                            .unwrap_or_default(),
                        Ty::Raw => "Raw".to_string(),
                    };
                    out.push((vs.claim(&base), ty));
                }
                let fallback = vs.claim_any(&["Other", "OtherValue"]);
                ItemKind::Union(Union {
                    members: out,
                    fallback,
                })
            }
            TypeKind::Complex(ct) => {
                let owner = self
                    .items
                    .get(item.0)
                    .map(|i| i.name.clone())
                    .unwrap_or_default();
                let mut scope = Scope::new();
                // claimed first: a schema field called `xsi` becomes `xsi2`
                let xsi = scope.claim("xsi");
                let mut b = StructBuilder {
                    fields: Vec::new(),
                    scope,
                    owner,
                    all: false,
                };
                self.attributes(tid, &mut b);
                let mixed = ct.mixed && self.mixed_content(ct, &def.loc, &mut b);
                if !mixed {
                    self.content(tid, &mut b, 0);
                }
                let only_attributes = b.fields.iter().all(|f| {
                    matches!(f.kind, FieldKind::Attribute(_) | FieldKind::AnyAttribute(_))
                });
                if ct.mixed && !mixed && only_attributes {
                    // Mixed content without elements: text only.
                    let name = b.scope.claim("text");
                    b.fields.push(Field {
                        name,
                        kind: FieldKind::Text,
                        ty: Ty::Builtin(crate::model::Builtin::String),
                        occurs: Occurs::One,
                        nillable: false,
                        boxed: false,
                        default: None,
                        fixed: None,
                        fixed_ns: Vec::new(),
                        doc: Some("The text of the mixed content (it has no elements).".into()),
                    });
                }
                // Children in any order: their order is kept beside the fields (claimed after
                // them, so the schema's names come first).
                let children = b
                    .fields
                    .iter()
                    .filter(|f| {
                        matches!(
                            f.kind,
                            FieldKind::Element(_) | FieldKind::Group | FieldKind::Any(_)
                        )
                    })
                    .count();
                let order = (b.all && children > 1).then(|| b.scope.claim("order"));
                ItemKind::Struct(Struct {
                    fields: b.fields,
                    all: b.all,
                    mixed,
                    xsi,
                    order,
                })
            }
        }
    }

    /// Mixed content as one `content` field: an enum of every element inside, in document
    /// order with the text (`Vec<Mixed<Enum>>`). Only for a group of the type's own (an
    /// extension of a base with elements keeps the usual fields and drops the text).
    fn mixed_content(
        &mut self,
        ct: &crate::model::ComplexType,
        loc: &crate::model::Location,
        b: &mut StructBuilder,
    ) -> bool {
        if let Some(d) = &ct.derivation {
            let base_elements = match &d.base {
                TypeRef::Defined(id) => complex(self.model, *id)
                    .is_some_and(|c| matches!(c.content, Content::Elements(_))),
                TypeRef::Builtin(_) => false,
            };
            if d.method == DerivationMethod::Extension && base_elements {
                return false;
            }
        }
        let synthetic;
        let p = match &ct.content {
            // An extension of xs:anyType: any element (the base's content), then its own.
            _ if any_type_extension(ct) => {
                let any = Particle {
                    min_occurs: 0,
                    max_occurs: crate::model::MaxOccurs::Unbounded,
                    term: Term::Any(crate::model::Wildcard {
                        namespace: "##any".into(),
                        process_contents: crate::model::ProcessContents::Lax,
                        target_namespace: String::new(),
                    }),
                    loc: loc.clone(),
                };
                let mut particles = vec![any];
                if let Content::Elements(own) = &ct.content {
                    particles.push(own.clone());
                }
                synthetic = Particle {
                    min_occurs: 1,
                    max_occurs: crate::model::MaxOccurs::Bounded(1),
                    term: Term::Group(crate::model::ModelGroup {
                        compositor: Compositor::Sequence,
                        particles,
                        group_name: None,
                    }),
                    loc: loc.clone(),
                };
                &synthetic
            }
            Content::Elements(p) => p,
            _ => return false,
        };
        if !matches!(p.term, Term::Group(_)) {
            return false;
        }
        let (ty, _) = self.group_item(p, &b.owner.clone(), Occurs::Many);
        let name = b.scope.claim("content");
        b.fields.push(Field {
            name,
            kind: FieldKind::Group,
            ty,
            occurs: Occurs::Many,
            nillable: false,
            boxed: false,
            default: None,
            fixed: None,
            fixed_ns: Vec::new(),
            doc: Some("Text and elements in document order (mixed content).".into()),
        });
        true
    }

    /// Attributes of a complex type, the base's first (extension) or narrowed (restriction).
    ///
    /// As XSD 1.0 has it, a `use="prohibited"` attribute corresponds to no attribute use: it
    /// only removes the base's attribute of its name when it is written directly in a
    /// restriction. Inside an attribute group, or in a type that restricts nothing, it is
    /// pointless and ignored (the base's attribute stays).
    fn collect_attributes(&self, tid: TypeId, depth: usize, out: &mut Vec<AttributeUse>) {
        let Some(TypeKind::Complex(ct)) = self.model.types.get(tid.0).map(|t| &t.kind) else {
            return;
        };
        if depth < 64 {
            if let Some(TypeRef::Defined(b)) = ct.derivation.as_ref().map(|d| &d.base) {
                self.collect_attributes(*b, depth + 1, out);
            }
        }
        let restriction = ct
            .derivation
            .as_ref()
            .is_some_and(|d| d.method == DerivationMethod::Restriction);
        for a in &ct.attributes {
            if a.use_ == AttributeUseKind::Prohibited {
                if restriction && a.group_name.is_none() {
                    out.retain(|x| x.name != a.name);
                }
                continue;
            }
            out.retain(|x| x.name != a.name);
            out.push(a.clone());
        }
    }

    /// The effective attribute wildcard of a complex type: its own, united with its base's
    /// for an extension.
    fn attribute_wildcard(&self, tid: TypeId, depth: usize) -> Option<Namespaces> {
        let ct = complex(self.model, tid)?;
        let own = ct.any_attribute.as_ref().map(Namespaces::of);
        let Some(d) = ct.derivation.as_ref().filter(|_| depth < 64) else {
            return own;
        };
        let base = match (&d.base, d.method) {
            (TypeRef::Defined(b), DerivationMethod::Extension) => {
                self.attribute_wildcard(*b, depth + 1)
            }
            // Extending xs:anyType: its attribute wildcard is ##any.
            (TypeRef::Builtin(Builtin::AnyType), DerivationMethod::Extension) => {
                Some(Namespaces::Any)
            }
            _ => None,
        };
        match (own, base) {
            (Some(a), Some(b)) => Some(a.union(&b)),
            (a, b) => a.or(b),
        }
    }

    fn attributes(&mut self, tid: TypeId, b: &mut StructBuilder) {
        let mut attrs = Vec::new();
        self.collect_attributes(tid, 0, &mut attrs);
        let wildcard = self.attribute_wildcard(tid, 0);
        for a in attrs {
            let ty = self.ty_of(&a.type_ref);
            let occurs = if a.use_ == AttributeUseKind::Required {
                Occurs::One
            } else {
                Occurs::Optional
            };
            let name = b.scope.claim(&naming::field_name(&a.name.local));
            b.fields.push(Field {
                name,
                kind: FieldKind::Attribute(a.name.clone()),
                ty,
                occurs,
                nillable: false,
                boxed: false,
                default: a.default.clone(),
                fixed: a.fixed.clone(),
                fixed_ns: Vec::new(),
                doc: a.doc.as_deref().map(sanitize),
            });
        }
        if let Some(ns) = wildcard {
            let name = b.scope.claim("any_attributes");
            b.fields.push(Field {
                name,
                kind: FieldKind::AnyAttribute(ns),
                ty: Ty::Raw,
                occurs: Occurs::Many,
                nillable: false,
                boxed: false,
                default: None,
                fixed: None,
                fixed_ns: Vec::new(),
                doc: None,
            });
        }
    }

    /// Content fields: the base's first for an extension.
    fn content(&mut self, tid: TypeId, b: &mut StructBuilder, depth: usize) {
        let model = self.model;
        let Some(TypeKind::Complex(ct)) = model.types.get(tid.0).map(|t| &t.kind) else {
            return;
        };
        let mut own_replaces = false;
        if let Some(d) = &ct.derivation {
            own_replaces = d.method == DerivationMethod::Restriction;
            if let (TypeRef::Defined(base), DerivationMethod::Extension, true) =
                (&d.base, d.method, depth < 64)
            {
                if matches!(
                    model.types.get(base.0).map(|t| &t.kind),
                    Some(TypeKind::Complex(_))
                ) {
                    self.content(*base, b, depth + 1);
                }
            }
        }
        let _ = own_replaces;
        if any_type_extension(ct) {
            // The base's content (xs:anyType's: any element, any number of times) comes first.
            let name = b.scope.claim("any");
            b.fields.push(Field {
                name,
                kind: FieldKind::Any(Namespaces::Any),
                ty: Ty::Raw,
                occurs: Occurs::Many,
                nillable: false,
                boxed: false,
                default: None,
                fixed: None,
                fixed_ns: Vec::new(),
                doc: Some("The content of the `xs:anyType` base: elements kept raw.".into()),
            });
        }
        match &ct.content {
            Content::Empty => {}
            Content::Simple { value_type, facets } => {
                let ty = self.simple_value_ty(value_type, facets, &b.owner, 0);
                if !b.fields.iter().any(|f| f.kind == FieldKind::Text) {
                    let name = b.scope.claim("value");
                    b.fields.push(Field {
                        name,
                        kind: FieldKind::Text,
                        ty,
                        occurs: Occurs::One,
                        nillable: false,
                        boxed: false,
                        default: None,
                        fixed: None,
                        fixed_ns: Vec::new(),
                        doc: None,
                    });
                } else if let Some(f) = b.fields.iter_mut().find(|f| f.kind == FieldKind::Text) {
                    f.ty = ty;
                }
            }
            Content::Elements(p) => {
                if let Term::Group(g) = &p.term {
                    if g.compositor == Compositor::All {
                        b.all = true;
                    }
                }
                self.particle(p, b, Occurs::One);
            }
        }
    }

    /// The type of simple content: follows complex bases to their value type; facets of a
    /// simpleContent restriction get a newtype.
    fn simple_value_ty(&mut self, t: &TypeRef, facets: &Facets, owner: &str, depth: usize) -> Ty {
        if let TypeRef::Defined(id) = t {
            if let Some(TypeKind::Complex(ct)) = self.model.types.get(id.0).map(|x| &x.kind) {
                if let (Content::Simple { value_type, .. }, true) = (&ct.content, depth < 64) {
                    let vt = value_type.clone();
                    return self.simple_value_ty(&vt, facets, owner, depth + 1);
                }
                return Ty::Builtin(Builtin::String);
            }
        }
        let inner = self.ty_of(t);
        if *facets == Facets::default() {
            return inner;
        }
        let name = self.scope.claim(&format!("{owner}Value"));
        let doc = format!("The text of [`{owner}`].");
        if !facets.enumeration.is_empty() {
            let mut vs = Scope::new();
            let values = facets
                .enumeration
                .iter()
                .map(|v| {
                    (
                        vs.claim(&naming::variant_name(&v.value)),
                        v.lexical(),
                        v.doc.as_deref().map(sanitize),
                    )
                })
                .collect();
            let fallback = vs.claim_any(&["Other", "OtherValue"]);
            let kind = ItemKind::Enumeration(Enumeration {
                base: inner,
                values,
                fallback,
            });
            return Ty::Item(self.alloc(name, doc, None, kind));
        }
        let kind = ItemKind::Newtype(Newtype {
            inner,
            facets: facets.clone(),
        });
        Ty::Item(self.alloc(name, doc, None, kind))
    }

    fn particle(&mut self, p: &Particle, b: &mut StructBuilder, outer: Occurs) {
        let occ = combine(outer, occurs_of(p));
        match &p.term {
            Term::Element(e) => {
                let global = match e.scope {
                    ElementScope::Local => e.as_ref(),
                    _ => self.model.elements.get(&e.name).unwrap_or(e),
                };
                let adjacent = b.fields.last_mut().filter(|f| {
                    f.kind == FieldKind::Element(e.name.clone())
                        && f.default == global.default
                        && f.fixed == global.fixed
                });
                if let Some(f) = adjacent {
                    // The same element twice in a row (with the same default / fixed value):
                    // one repeated field.
                    f.occurs = Occurs::Many;
                    return;
                }
                // Elsewhere in the sequence: a field of its own, matched by position.
                let ty = self.element_ty(e);
                let name = b.scope.claim(&naming::field_name(&e.name.local));
                b.fields.push(Field {
                    name,
                    kind: FieldKind::Element(e.name.clone()),
                    ty,
                    occurs: occ,
                    nillable: global.nillable,
                    boxed: false,
                    default: global.default.clone(),
                    fixed: global.fixed.clone(),
                    fixed_ns: global.fixed_ns.clone(),
                    doc: e.doc.as_deref().or(global.doc.as_deref()).map(sanitize),
                });
            }
            Term::Any(w) => {
                let name = b.scope.claim("any");
                b.fields.push(Field {
                    name,
                    kind: FieldKind::Any(Namespaces::of(w)),
                    ty: Ty::Raw,
                    occurs: occ,
                    nillable: false,
                    boxed: false,
                    default: None,
                    fixed: None,
                    fixed_ns: Vec::new(),
                    doc: Some("Elements matched by an `xs:any` wildcard, kept raw.".into()),
                });
            }
            // A group without elements or wildcards (`<xs:choice/>`) holds nothing.
            Term::Group(g) if !holds_elements(g, 0) => {}
            Term::Group(g) => match g.compositor {
                Compositor::Sequence | Compositor::All if occ != Occurs::Many => {
                    for c in &g.particles {
                        self.particle(c, b, occ);
                    }
                }
                Compositor::Choice if g.particles.len() == 1 => {
                    for c in &g.particles {
                        self.particle(c, b, occ);
                    }
                }
                _ => {
                    let (ty, occ) = self.group_item(p, &b.owner, occ);
                    let base = g
                        .group_name
                        .as_ref()
                        .map(|q| naming::field_name(&q.local))
                        .unwrap_or_else(|| match g.compositor {
                            Compositor::Choice => "choice".into(),
                            _ => "items".into(),
                        });
                    let name = b.scope.claim(&base);
                    b.fields.push(Field {
                        name,
                        kind: FieldKind::Group,
                        ty,
                        occurs: occ,
                        nillable: false,
                        boxed: false,
                        default: None,
                        fixed: None,
                        fixed_ns: Vec::new(),
                        doc: None,
                    });
                }
            },
        }
    }

    /// The enum of a choice (or of a repeated sequence): one variant per element, nested
    /// groups flattened into variants. Returns its type and the field occurrence: an optional
    /// or repeated branch widens it, and a nested group inside makes it a `Vec` in document order.
    fn group_item(&mut self, p: &Particle, owner: &str, occ: Occurs) -> (Ty, Occurs) {
        let Term::Group(g) = &p.term else {
            return (Ty::Raw, occ);
        };
        let suffix = g
            .group_name
            .as_ref()
            .map(|q| naming::type_name(&q.local))
            .unwrap_or_else(|| match g.compositor {
                Compositor::Choice => "Choice".into(),
                _ => "Item".into(),
            });
        let name = self.scope.claim(&format!("{owner}{suffix}"));
        let doc = match g.compositor {
            Compositor::Choice => format!("A choice in [`{owner}`]."),
            _ => format!("An element of a repeated group in [`{owner}`], in document order."),
        };
        let id = self.alloc(name, doc, None, placeholder());
        let mut c = Choice::default();
        let mut vs = Scope::new();
        let mut widened = occ;
        if g.compositor != Compositor::Choice {
            widened = Occurs::Many;
        }
        self.branches(g, &mut c, &mut vs, &mut widened, 0);
        if let Some(item) = self.items.get_mut(id.0) {
            item.kind = ItemKind::Choice(c);
        }
        (Ty::Item(id), widened)
    }

    fn branches(
        &mut self,
        g: &crate::model::ModelGroup,
        c: &mut Choice,
        vs: &mut Scope,
        widened: &mut Occurs,
        depth: usize,
    ) {
        for bp in &g.particles {
            *widened = combine(*widened, occurs_of(bp));
            match &bp.term {
                Term::Element(e) => {
                    let ty = self.element_ty(e);
                    // A substitution-group head inside a choice: its members are branches.
                    let members = match &ty {
                        Ty::Item(id) => match self.items.get(id.0).map(|x| &x.kind) {
                            Some(ItemKind::Substitution(sc)) => Some(sc.variants.clone()),
                            _ => None,
                        },
                        _ => None,
                    };
                    if let Some(members) = members {
                        for mut v in members {
                            if c.variants.iter().any(|x| x.xml == v.xml) {
                                continue;
                            }
                            v.name = vs.claim(&v.name);
                            c.variants.push(v);
                        }
                        if c.fallback.is_none() {
                            c.fallback = Some(vs.claim_any(&["Other", "OtherElement"]));
                        }
                        continue;
                    }
                    let nillable = match e.scope {
                        ElementScope::Local => e.nillable,
                        _ => self.model.elements.get(&e.name).is_some_and(|g| g.nillable),
                    };
                    if c.variants.iter().any(|v| v.xml.as_ref() == Some(&e.name)) {
                        continue;
                    }
                    c.variants.push(Variant {
                        name: vs.claim(&naming::variant_name(&e.name.local)),
                        xml: Some(e.name.clone()),
                        ty,
                        wildcard: None,
                        nillable,
                        boxed: false,
                        doc: e.doc.as_deref().map(sanitize),
                    });
                }
                Term::Any(w) => {
                    let ns = Namespaces::of(w);
                    // Several wildcards in one group: one variant allowing what any of them does.
                    if let Some(v) = c.variants.iter_mut().find(|v| v.xml.is_none()) {
                        v.wildcard = Some(v.wildcard.as_ref().map_or(ns.clone(), |o| o.union(&ns)));
                        continue;
                    }
                    c.variants.push(Variant {
                        name: vs.claim("Any"),
                        xml: None,
                        ty: Ty::Raw,
                        wildcard: Some(ns),
                        nillable: false,
                        boxed: false,
                        doc: Some("An element matched by an `xs:any` wildcard.".into()),
                    })
                }
                Term::Group(inner) => {
                    if g.compositor == Compositor::Choice && !holds_elements(inner, 0) {
                        // An empty branch: the choice may be satisfied by nothing.
                        *widened = combine(*widened, Occurs::Optional);
                    }
                    if inner.compositor != Compositor::Choice && inner.particles.len() > 1 {
                        *widened = Occurs::Many;
                    }
                    if depth < 64 {
                        self.branches(inner, c, vs, widened, depth + 1);
                    }
                }
            }
        }
    }
}

/// True for a complexContent extension of `xs:anyType` (whose content is any element).
fn any_type_extension(ct: &crate::model::ComplexType) -> bool {
    ct.derivation.as_ref().is_some_and(|d| {
        d.method == DerivationMethod::Extension && d.base == TypeRef::Builtin(Builtin::AnyType)
    })
}

/// True if an element or wildcard occurs somewhere in the group.
fn holds_elements(g: &crate::model::ModelGroup, depth: usize) -> bool {
    g.particles.iter().any(|p| match &p.term {
        Term::Element(_) | Term::Any(_) => true,
        Term::Group(inner) => depth < 64 && holds_elements(inner, depth + 1),
    })
}

struct StructBuilder {
    fields: Vec<Field>,
    scope: Scope,
    owner: String,
    all: bool,
}

/// The namespaces the items use, with constant names from the schema prefixes.
fn namespaces(model: &Model, items: &[Item], roots: &[Root]) -> Vec<(String, String)> {
    let mut uris = std::collections::BTreeSet::new();
    let mut add = |q: &QName| {
        if !q.ns.is_empty() {
            uris.insert(q.ns.clone());
        }
    };
    roots.iter().for_each(|r| add(&r.xml));
    for item in items {
        match &item.kind {
            ItemKind::Struct(s) => s.fields.iter().for_each(|f| match &f.kind {
                FieldKind::Attribute(q) | FieldKind::Element(q) => add(q),
                _ => {}
            }),
            ItemKind::Choice(c) | ItemKind::Substitution(c) | ItemKind::Polymorphic(c) => c
                .variants
                .iter()
                .filter_map(|v| v.xml.as_ref())
                .for_each(&mut add),
            _ => {}
        }
    }
    let mut scope = Scope::new();
    uris.into_iter()
        .map(|uri| {
            let prefix = match uri.as_str() {
                crate::model::XML_NS => "xml".to_string(),
                _ => model.prefixes.get(&uri).cloned().unwrap_or_default(),
            };
            let mut c: String = prefix
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_uppercase()
                    } else {
                        '_'
                    }
                })
                .collect();
            if c.is_empty() || c.starts_with(|x: char| x.is_ascii_digit()) {
                c.insert_str(0, "NS");
            }
            (scope.claim(&format!("NS_{c}")), uri)
        })
        .collect()
}

/// Sorts items by name, remaps ids, computes boxing and `Default`.
fn finish(plan: &mut Plan) {
    let mut order: Vec<usize> = (0..plan.items.len()).collect();
    order.sort_by(|a, b| plan.items[*a].name.cmp(&plan.items[*b].name));
    let mut remap = vec![0usize; order.len()];
    for (new, old) in order.iter().enumerate() {
        remap[*old] = new;
    }
    let old = std::mem::take(&mut plan.items);
    let mut slots: Vec<Option<Item>> = old.into_iter().map(Some).collect();
    for o in &order {
        if let Some(item) = slots.get_mut(*o).and_then(Option::take) {
            plan.items.push(item);
        }
    }
    let fix = |t: &mut Ty| {
        if let Ty::Item(id) = t {
            if let Some(n) = remap.get(id.0) {
                *id = ItemId(*n);
            }
        }
    };
    for r in &mut plan.roots {
        fix(&mut r.ty);
    }
    for item in &mut plan.items {
        match &mut item.kind {
            ItemKind::Struct(s) => s.fields.iter_mut().for_each(|f| fix(&mut f.ty)),
            ItemKind::Choice(c) | ItemKind::Substitution(c) | ItemKind::Polymorphic(c) => {
                c.variants.iter_mut().for_each(|v| fix(&mut v.ty))
            }
            ItemKind::Enumeration(e) => fix(&mut e.base),
            ItemKind::Newtype(n) => fix(&mut n.inner),
            ItemKind::List(l) => fix(&mut l.item),
            ItemKind::Union(u) => u.members.iter_mut().for_each(|(_, t)| fix(t)),
        }
    }
    boxing::apply(plan);
    defaults(plan);
}

/// Least fixed point of "every field allows `Default`".
fn defaults(plan: &mut Plan) {
    loop {
        let mut changed = false;
        for i in 0..plan.items.len() {
            if plan.items[i].default {
                continue;
            }
            let ok = match &plan.items[i].kind {
                ItemKind::Struct(s) => s
                    .fields
                    .iter()
                    .all(|f| f.occurs != Occurs::One || (!f.nillable && ty_default(plan, &f.ty))),
                ItemKind::Newtype(n) => ty_default(plan, &n.inner),
                ItemKind::List(_) => true,
                _ => false,
            };
            if ok {
                plan.items[i].default = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

fn ty_default(plan: &Plan, t: &Ty) -> bool {
    match t {
        Ty::Builtin(b) => crate::builtins::has_default(*b),
        Ty::Item(id) => plan.item(*id).is_some_and(|i| i.default),
        Ty::Raw => false,
    }
}
