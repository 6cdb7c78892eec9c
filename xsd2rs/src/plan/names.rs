//! Module-level names of schema types: one local name in several namespaces, and the
//! namespace each type (named or anonymous) belongs to. See [`crate::naming`] for the rules.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Content, Model, Particle, SimpleType, Term, TypeId, TypeKind, TypeRef};
use crate::naming;

/// A type whose module-level name comes from the schema: a named type, or the anonymous
/// type of a global element.
pub(super) struct Wanted {
    /// The type.
    pub id: TypeId,
    /// The name to claim (prefixed when its plain name is wanted in several namespaces).
    pub name: String,
    /// True for the anonymous type of a global element (a `{name}Element` fallback).
    pub element: bool,
}

/// The wanted names of `named` (schema types, in QName order) and `elements` (anonymous types
/// of global elements, in QName order): a plain name wanted by types of several namespaces is
/// prefixed with each namespace's [`naming::ns_prefix`] (a decision that depends only on the
/// types that share the name). Returned in claim order: named types, then element types.
pub(super) fn wanted(
    model: &Model,
    named: &[(&crate::model::QName, TypeId)],
    elements: &[(&crate::model::QName, TypeId)],
) -> Vec<Wanted> {
    let mut by_name: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for (q, _) in named.iter().chain(elements) {
        by_name
            .entry(naming::type_name(&q.local))
            .or_default()
            .insert(q.ns.as_str());
    }
    let name_of = |q: &crate::model::QName| {
        let plain = naming::type_name(&q.local);
        if by_name.get(&plain).is_some_and(|s| s.len() > 1) {
            let prefix = naming::ns_prefix(&q.ns, model.prefixes.get(&q.ns).map(String::as_str));
            format!("{prefix}{plain}")
        } else {
            plain
        }
    };
    let mut out: Vec<Wanted> = named
        .iter()
        .map(|(q, id)| Wanted {
            id: *id,
            name: name_of(q),
            element: false,
        })
        .collect();
    out.extend(elements.iter().map(|(q, id)| Wanted {
        id: *id,
        name: name_of(q),
        element: true,
    }));
    out
}

/// The namespace of every type: its own for a named type, its owner's for an anonymous one.
pub(super) fn type_namespaces(model: &Model) -> BTreeMap<TypeId, String> {
    let mut out = BTreeMap::new();
    let mut stack: Vec<(TypeId, String)> = Vec::new();
    for (q, id) in &model.type_names {
        stack.push((*id, q.ns.clone()));
    }
    for e in model.elements.values() {
        if let TypeRef::Defined(id) = &e.type_ref {
            stack.push((*id, e.name.ns.clone()));
        }
    }
    for a in model.attributes.values() {
        if let TypeRef::Defined(id) = &a.type_ref {
            stack.push((*id, a.name.ns.clone()));
        }
    }
    while let Some((id, ns)) = stack.pop() {
        if out.contains_key(&id) {
            continue;
        }
        out.insert(id, ns.clone());
        let Some(def) = model.types.get(id.0) else {
            continue;
        };
        let mut push = |t: &TypeRef| {
            if let TypeRef::Defined(c) = t {
                if model.types.get(c.0).is_some_and(|d| d.name.is_none()) {
                    stack.push((*c, ns.clone()));
                }
            }
        };
        match &def.kind {
            TypeKind::Simple(SimpleType::Restriction { base, .. }) => push(base),
            TypeKind::Simple(SimpleType::List { item, .. }) => push(item),
            TypeKind::Simple(SimpleType::Union { members }) => members.iter().for_each(push),
            TypeKind::Complex(ct) => {
                if let Some(d) = &ct.derivation {
                    push(&d.base);
                }
                ct.attributes.iter().for_each(|a| push(&a.type_ref));
                match &ct.content {
                    Content::Empty => {}
                    Content::Simple { value_type, .. } => push(value_type),
                    Content::Elements(p) => particle_types(p, &mut push),
                }
            }
        }
    }
    out
}

fn particle_types(p: &Particle, push: &mut impl FnMut(&TypeRef)) {
    match &p.term {
        Term::Element(e) => push(&e.type_ref),
        Term::Group(g) => g.particles.iter().for_each(|c| particle_types(c, push)),
        Term::Any(_) => {}
    }
}
