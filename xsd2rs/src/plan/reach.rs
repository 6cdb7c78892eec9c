//! Reachability: which types and global elements the operations (or all globals) need.

use std::collections::BTreeSet;

use crate::model::{
    Content, ElementDecl, Model, PartContent, Particle, SimpleType, Term, TypeId, TypeKind, TypeRef,
};

use super::PlanOptions;
use crate::diag::Diagnostic;

/// What must be planned.
#[derive(Debug, Default)]
pub(super) struct Reach {
    /// Types that need an item (referenced by an element, attribute, list, union, part).
    pub types: BTreeSet<TypeId>,
    /// Global elements that are document roots.
    pub roots: BTreeSet<crate::model::QName>,
    /// Types whose content was walked (items or bases).
    walked: BTreeSet<TypeId>,
}

/// Computes the reachable set.
pub(super) fn reach(model: &Model, opts: &PlanOptions) -> Reach {
    let mut r = Reach::default();
    let all = opts.all_globals || model.wsdl.is_empty();
    if !opts.only.is_empty() {
        // `restrict` already removed the operations not asked for; named globals are roots.
        for name in &opts.only {
            for q in model
                .elements
                .keys()
                .filter(|q| matches_name(model, name, q))
            {
                r.roots.insert(q.clone());
            }
            let ids: Vec<TypeId> = model
                .type_names
                .iter()
                .filter(|(q, _)| matches_name(model, name, q))
                .map(|(_, id)| *id)
                .collect();
            for id in ids {
                r.use_type(model, &TypeRef::Defined(id));
            }
        }
    }
    if all && opts.only.is_empty() {
        r.roots.extend(model.elements.keys().cloned());
        let ids: Vec<TypeId> = model.type_names.values().copied().collect();
        for id in ids {
            r.use_type(model, &TypeRef::Defined(id));
        }
    } else if !model.wsdl.is_empty() {
        let mut type_parts = Vec::new();
        for def in &model.wsdl {
            for pt in def.port_types.values() {
                for op in &pt.operations {
                    let ios = op
                        .input
                        .iter()
                        .chain(op.output.iter())
                        .chain(op.faults.iter());
                    for io in ios {
                        if let Some(msg) = find_message(model, &io.message) {
                            for part in &msg.parts {
                                match &part.content {
                                    PartContent::Element(q) => {
                                        r.roots.insert(q.clone());
                                    }
                                    PartContent::Type(t) => type_parts.push(t.clone()),
                                }
                            }
                        }
                    }
                }
            }
            for b in def.bindings.values() {
                for op in &b.operations {
                    for io in op.input.iter().chain(op.output.iter()) {
                        if let Some(crate::model::RpcBody::Wrapper(q)) = &io.rpc {
                            r.roots.insert(q.clone());
                        }
                        for h in &io.headers {
                            let part = find_message(model, &h.message)
                                .and_then(|m| m.parts.iter().find(|p| p.name == h.part));
                            match part.map(|p| &p.content) {
                                Some(PartContent::Element(q)) => {
                                    r.roots.insert(q.clone());
                                }
                                Some(PartContent::Type(t)) => type_parts.push(t.clone()),
                                None => {}
                            }
                        }
                    }
                }
            }
        }
        for t in type_parts {
            r.use_type(model, &t);
        }
    }
    let roots: Vec<_> = r.roots.iter().cloned().collect();
    for q in roots {
        if let Some(e) = model.elements.get(&q) {
            r.use_element(model, e);
        }
    }
    r
}

/// True when `name` (from [`PlanOptions::only`]) names `q`: `local`, `prefix:local` or
/// `{namespace}local`.
fn matches_name(model: &Model, name: &str, q: &crate::model::QName) -> bool {
    let name = name.trim();
    if let Some(rest) = name.strip_prefix('{') {
        return rest.split_once('}') == Some((q.ns.as_str(), q.local.as_str()));
    }
    match name.split_once(':') {
        Some((prefix, local)) => {
            local == q.local && model.prefixes.get(&q.ns).is_some_and(|p| p == prefix)
        }
        None => name == q.local,
    }
}

/// The model restricted to [`PlanOptions::only`]: every port type and binding keeps only
/// the operations named (bindings and port types left with none are dropped). Fails with
/// one error per name that is no operation, global element or type, with a suggestion.
pub fn restrict(model: &Model, opts: &PlanOptions) -> Result<Model, Vec<Diagnostic>> {
    let mut out = model.clone();
    if opts.only.is_empty() {
        return Ok(out);
    }
    let wanted = |op: &str| opts.only.iter().any(|n| n.trim() == op);
    let mut errors = Vec::new();
    for name in &opts.only {
        let is_op = model.wsdl.iter().any(|d| {
            d.port_types
                .values()
                .any(|pt| pt.operations.iter().any(|o| o.name == name.trim()))
        });
        let is_global = model.elements.keys().any(|q| matches_name(model, name, q))
            || model
                .type_names
                .keys()
                .any(|q| matches_name(model, name, q));
        if !is_op && !is_global {
            let mut known: Vec<crate::model::QName> = model
                .wsdl
                .iter()
                .flat_map(|d| d.port_types.values())
                .flat_map(|pt| &pt.operations)
                .map(|o| crate::model::QName::new("", o.name.clone()))
                .collect();
            known.extend(
                model
                    .elements
                    .keys()
                    .map(|q| crate::model::QName::new("", q.local.clone())),
            );
            known.extend(
                model
                    .type_names
                    .keys()
                    .map(|q| crate::model::QName::new("", q.local.clone())),
            );
            known.sort();
            known.dedup();
            let mut d = Diagnostic::error(
                None,
                format!("--only: no operation, global element or type is named `{name}`"),
            );
            let w = crate::model::QName::new("", name.trim());
            let mut budget = crate::load::PER_DIAGNOSTIC;
            if let Some(c) = crate::load::closest_within(&w, known.iter(), &mut budget) {
                d = d.with_suggestion(format!("did you mean `{}`?", c.local));
            }
            errors.push(d);
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    for def in &mut out.wsdl {
        for pt in def.port_types.values_mut() {
            pt.operations.retain(|o| wanted(&o.name));
        }
        def.port_types.retain(|_, pt| !pt.operations.is_empty());
        for b in def.bindings.values_mut() {
            b.operations.retain(|o| wanted(&o.name));
        }
        def.bindings.retain(|_, b| !b.operations.is_empty());
    }
    Ok(out)
}

fn find_message<'m>(
    model: &'m Model,
    name: &crate::model::QName,
) -> Option<&'m crate::model::Message> {
    model.wsdl.iter().find_map(|d| d.messages.get(name))
}

impl Reach {
    fn use_element(&mut self, model: &Model, e: &ElementDecl) {
        // A reference to a global element (or the global itself): walk the global and
        // the members of its substitution group.
        let global = model.elements.get(&e.name);
        let decl = match e.scope {
            crate::model::ElementScope::Local => e,
            _ => global.unwrap_or(e),
        };
        self.use_type(model, &decl.type_ref);
        if e.scope != crate::model::ElementScope::Local {
            if let Some(members) = model.substitution_groups.get(&e.name) {
                for m in members {
                    if let Some(md) = model.elements.get(m) {
                        self.use_type(model, &md.type_ref);
                    }
                }
            }
        }
    }

    fn use_type(&mut self, model: &Model, t: &TypeRef) {
        if let TypeRef::Defined(id) = t {
            self.types.insert(*id);
            self.walk(model, *id);
        }
    }

    fn walk(&mut self, model: &Model, id: TypeId) {
        if !self.walked.insert(id) {
            return;
        }
        let Some(def) = model.types.get(id.0) else {
            return;
        };
        match &def.kind {
            TypeKind::Simple(SimpleType::Restriction { base, .. }) => self.use_type(model, base),
            TypeKind::Simple(SimpleType::List { item, .. }) => self.use_type(model, item),
            TypeKind::Simple(SimpleType::Union { members }) => {
                for m in members {
                    self.use_type(model, m);
                }
            }
            TypeKind::Complex(ct) => {
                if let Some(d) = &ct.derivation {
                    match &d.base {
                        // Bases are flattened: walk their content, but they need no item
                        // unless something else uses them (simple bases are values).
                        TypeRef::Defined(b) => match model.types.get(b.0).map(|t| &t.kind) {
                            Some(TypeKind::Complex(_)) => self.walk(model, *b),
                            _ => self.use_type(model, &d.base),
                        },
                        TypeRef::Builtin(_) => {}
                    }
                }
                for a in &ct.attributes {
                    self.use_type(model, &a.type_ref);
                }
                match &ct.content {
                    Content::Empty => {}
                    Content::Simple { value_type, .. } => self.use_type(model, value_type),
                    Content::Elements(p) => self.particle(model, p),
                }
            }
        }
    }

    fn particle(&mut self, model: &Model, p: &Particle) {
        match &p.term {
            Term::Element(e) => self.use_element(model, e),
            Term::Group(g) => {
                for c in &g.particles {
                    self.particle(model, c);
                }
            }
            Term::Any(_) => {}
        }
    }
}
