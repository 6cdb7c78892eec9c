//! Stage 4: facts derived from the whole model once every definition is in it.

use std::collections::{BTreeMap, BTreeSet};

use super::collect::Collected;
use crate::diag::Diagnostic;
use crate::model::{Content, Model, QName, SimpleType, TypeId, TypeKind, TypeRef};

/// A simpleContent type's value type is the base's simple type, not the base itself
/// when the base is a complex type with simple content.
pub(crate) fn simple_content_values(model: &mut Model) {
    // Each pass resolves one more level of complex bases; chains are short, and the
    // bound keeps a (malformed) cycle from looping.
    for _ in 0..model.types.len().min(64) {
        let mut changed = false;
        for i in 0..model.types.len() {
            let Some(TypeKind::Complex(ct)) = model.types.get(i).map(|t| &t.kind) else {
                continue;
            };
            let Content::Simple {
                value_type: TypeRef::Defined(base),
                ..
            } = &ct.content
            else {
                continue;
            };
            let replacement = match model.types.get(base.0).map(|t| &t.kind) {
                Some(TypeKind::Complex(b)) => match &b.content {
                    Content::Simple { value_type, .. } => Some(value_type.clone()),
                    _ => None,
                },
                _ => None,
            };
            if let Some(r) = replacement {
                if let Some(TypeKind::Complex(ct)) = model.types.get_mut(i).map(|t| &mut t.kind) {
                    if let Content::Simple { value_type, .. } = &mut ct.content {
                        if *value_type != r {
                            *value_type = r;
                            changed = true;
                        }
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
}

/// Head element → every member, transitively, sorted.
pub(crate) fn substitution_groups(model: &mut Model) {
    let mut direct: BTreeMap<QName, Vec<QName>> = BTreeMap::new();
    for (name, e) in &model.elements {
        if let Some(head) = &e.substitution_group {
            direct.entry(head.clone()).or_default().push(name.clone());
        }
    }
    let mut out = BTreeMap::new();
    for head in direct.keys() {
        let mut members = BTreeSet::new();
        let mut stack = vec![head.clone()];
        while let Some(h) = stack.pop() {
            for m in direct.get(&h).into_iter().flatten() {
                if m != head && members.insert(m.clone()) {
                    stack.push(m.clone());
                }
            }
        }
        out.insert(head.clone(), members.into_iter().collect());
    }
    model.substitution_groups = out;
}

/// Namespace → preferred prefix, from the declarations of the loaded documents.
///
/// For each target namespace, the first prefix bound to it on a schema or WSDL
/// root element wins, preferring any prefix over the generic `tns`.
pub(crate) fn prefixes(
    model: &mut Model,
    collected: &Collected,
    docs: &[Option<roxmltree::Document>],
) {
    let mut targets: Vec<String> = collected.insts.iter().map(|i| i.tns.clone()).collect();
    targets.extend(model.wsdl.iter().map(|d| d.target_namespace.clone()));
    // rpc/literal wrapper namespaces (`soap:body/@namespace`): prefixed like the others when
    // the documents declare a prefix for them.
    for d in &model.wsdl {
        for b in d.bindings.values() {
            for op in &b.operations {
                for io in op.input.iter().chain(op.output.iter()) {
                    if let Some(crate::model::RpcBody::Wrapper(q)) = &io.rpc {
                        targets.push(q.ns.clone());
                    }
                }
            }
        }
    }
    let mut scopes = Vec::new();
    for inst in &collected.insts {
        if let Some(node) = docs
            .get(inst.file)
            .and_then(|d| d.as_ref())
            .and_then(|d| d.get_node(inst.schema))
        {
            scopes.push(node);
        }
    }
    for &file in &collected.wsdls {
        if let Some(doc) = docs.get(file).and_then(|d| d.as_ref()) {
            scopes.push(doc.root_element());
        }
    }
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for ns in targets {
        if ns.is_empty() || out.contains_key(&ns) {
            continue;
        }
        let mut tns_fallback = None;
        let mut chosen = None;
        'scan: for node in &scopes {
            for decl in node.namespaces() {
                if decl.uri() != ns {
                    continue;
                }
                match decl.name() {
                    Some("tns") => {
                        tns_fallback.get_or_insert_with(|| "tns".to_string());
                    }
                    Some(p) => {
                        chosen = Some(p.to_string());
                        break 'scan;
                    }
                    None => {}
                }
            }
        }
        if let Some(p) = chosen.or(tns_fallback) {
            // Two namespaces never share a prefix.
            let mut unique = p.clone();
            let mut n = 2;
            while out.values().any(|v| *v == unique) {
                unique = format!("{p}{n}");
                n += 1;
            }
            out.insert(ns, unique);
        }
    }
    model.prefixes = out;
}

/// The types a type is derived from (base, list item, union members): the edges that
/// must not form a cycle.
fn derivation_edges(kind: &TypeKind) -> Vec<TypeId> {
    let refs: Vec<&TypeRef> = match kind {
        TypeKind::Complex(c) => c.derivation.iter().map(|d| &d.base).collect(),
        TypeKind::Simple(SimpleType::Restriction { base, .. }) => vec![base],
        TypeKind::Simple(SimpleType::List { item, .. }) => vec![item],
        TypeKind::Simple(SimpleType::Union { members }) => members.iter().collect(),
    };
    refs.into_iter()
        .filter_map(|r| match r {
            TypeRef::Defined(id) => Some(*id),
            TypeRef::Builtin(_) => None,
        })
        .collect()
}

/// Reports types that derive from themselves (directly or through others); later
/// stages may then assume every derivation chain ends.
pub(crate) fn derivation_cycles(model: &Model) -> Vec<Diagnostic> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let n = model.types.len();
    let mut mark = vec![Mark::New; n];
    let mut out = Vec::new();
    for start in 0..n {
        if mark.get(start) != Some(&Mark::New) {
            continue;
        }
        // Iterative depth-first search: (type, its edges, next edge to follow).
        let mut stack: Vec<(usize, Vec<TypeId>, usize)> = Vec::new();
        let edges = model
            .types
            .get(start)
            .map(|t| derivation_edges(&t.kind))
            .unwrap_or_default();
        stack.push((start, edges, 0));
        if let Some(m) = mark.get_mut(start) {
            *m = Mark::Open;
        }
        while let Some((node, edges, next)) = stack.last_mut() {
            let Some(&TypeId(child)) = edges.get(*next) else {
                if let Some(m) = mark.get_mut(*node) {
                    *m = Mark::Done;
                }
                stack.pop();
                continue;
            };
            *next += 1;
            match mark.get(child) {
                Some(Mark::New) => {
                    if let Some(m) = mark.get_mut(child) {
                        *m = Mark::Open;
                    }
                    let e = model
                        .types
                        .get(child)
                        .map(|t| derivation_edges(&t.kind))
                        .unwrap_or_default();
                    stack.push((child, e, 0));
                }
                Some(Mark::Open) => {
                    if let Some(t) = model.types.get(child) {
                        let name = t
                            .name
                            .as_ref()
                            .map(|q| q.local.clone())
                            .unwrap_or_else(|| "(anonymous)".to_string());
                        out.push(Diagnostic::error(
                            Some(t.loc.clone()),
                            format!("type `{name}` derives from itself (circular base, item or member types)"),
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// The most derivation steps (base, list item or union member types) below one type. Every
/// stage after loading follows a chain this far: an extension's struct repeats the content of
/// all its bases, so a chain of n types generates n·(n+1)/2 fields and longer chains are
/// refused rather than generating quadratic code.
pub const MAX_DERIVATION_DEPTH: usize = 64;

/// Reports the types derived more than [`MAX_DERIVATION_DEPTH`] levels deep (one error per
/// chain: at the first type beyond the limit). Linear: each type's depth is computed once,
/// without recursion; a cycle (reported by [`derivation_cycles`]) counts as an end.
pub(crate) fn derivation_depths(model: &Model) -> Vec<Diagnostic> {
    #[derive(Clone, Copy, PartialEq)]
    enum Depth {
        New,
        Open,
        Known(usize),
    }
    let n = model.types.len();
    let mut depth = vec![Depth::New; n];
    let edges = |i: usize| {
        model
            .types
            .get(i)
            .map(|t| derivation_edges(&t.kind))
            .unwrap_or_default()
    };
    for start in 0..n {
        if depth.get(start) != Some(&Depth::New) {
            continue;
        }
        let mut stack = vec![start];
        while let Some(&node) = stack.last() {
            let children = edges(node);
            if depth.get(node) == Some(&Depth::New) {
                if let Some(d) = depth.get_mut(node) {
                    *d = Depth::Open;
                }
                let pending: Vec<usize> = children
                    .iter()
                    .map(|c| c.0)
                    .filter(|c| depth.get(*c) == Some(&Depth::New))
                    .collect();
                if !pending.is_empty() {
                    stack.extend(pending);
                    continue;
                }
            }
            stack.pop();
            if !matches!(depth.get(node), Some(Depth::Open)) {
                // Pushed twice (a child shared by two edges): already settled.
                continue;
            }
            let below = children
                .iter()
                .map(|c| match depth.get(c.0) {
                    Some(Depth::Known(d)) => d + 1,
                    // A cycle (reported elsewhere) or a missing type: the chain ends here.
                    _ => 1,
                })
                .max()
                .unwrap_or(0);
            if let Some(d) = depth.get_mut(node) {
                *d = Depth::Known(below);
            }
        }
    }
    let mut out = Vec::new();
    for (t, d) in model.types.iter().zip(&depth) {
        if *d == Depth::Known(MAX_DERIVATION_DEPTH + 1) {
            let name = t
                .name
                .as_ref()
                .map(|q| q.local.clone())
                .unwrap_or_else(|| "(anonymous)".to_string());
            out.push(Diagnostic::error(
                Some(t.loc.clone()),
                format!(
                    "type `{name}` is derived through {} levels of base, item or member types; at most {MAX_DERIVATION_DEPTH} are supported (a derived struct repeats the content of every base)",
                    MAX_DERIVATION_DEPTH + 1
                ),
            ));
        }
    }
    out
}

/// Reports derivations whose base is of the wrong kind: complexContent from a simple
/// type, simpleContent from a complex type without simple content (unless mixed).
pub(crate) fn derivation_kinds(model: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for t in &model.types {
        let TypeKind::Complex(c) = &t.kind else {
            continue;
        };
        let Some(d) = &c.derivation else { continue };
        let base = match &d.base {
            TypeRef::Defined(id) => model.types.get(id.0).map(|b| (b, &b.kind)),
            TypeRef::Builtin(_) => None,
        };
        let base_name = |b: &crate::model::TypeDef| {
            b.name
                .as_ref()
                .map(|q| q.local.clone())
                .unwrap_or_else(|| "(anonymous)".to_string())
        };
        let problem = match (&c.content, base) {
            // complexContent
            (Content::Elements(_) | Content::Empty, None) => match &d.base {
                TypeRef::Builtin(b) if *b != crate::model::Builtin::AnyType => Some(format!(
                    "complexContent cannot derive from the simple type `xs:{}`",
                    b.xsd_name()
                )),
                _ => None,
            },
            (Content::Elements(_) | Content::Empty, Some((b, TypeKind::Simple(_)))) => {
                Some(format!(
                    "complexContent cannot derive from the simple type `{}`",
                    base_name(b)
                ))
            }
            // simpleContent
            (Content::Simple { .. }, Some((b, TypeKind::Complex(bc))))
                if !matches!(bc.content, Content::Simple { .. }) && !bc.mixed =>
            {
                Some(format!(
                    "simpleContent cannot derive from `{}`, which has no simple content",
                    base_name(b)
                ))
            }
            _ => None,
        };
        if let Some(p) = problem {
            out.push(Diagnostic::error(Some(t.loc.clone()), p));
        }
    }
    out
}

/// Whether a simple type is QName-based (a restriction chain down to `xs:QName` or
/// `xs:NOTATION`).
fn qname_based(model: &Model, t: &TypeRef) -> bool {
    let mut t = t.clone();
    for _ in 0..64 {
        match t {
            TypeRef::Builtin(b) => {
                return matches!(
                    b,
                    crate::model::Builtin::QName | crate::model::Builtin::Notation
                )
            }
            TypeRef::Defined(id) => match model.types.get(id.0).map(|d| &d.kind) {
                Some(TypeKind::Simple(SimpleType::Restriction { base, .. })) => t = base.clone(),
                _ => return false,
            },
        }
    }
    false
}

/// Enumeration values keep the namespace they mean only in QName-based types (generated code
/// compares those by namespace and local name, not by prefix).
pub(crate) fn qname_enumerations(model: &mut Model) {
    let based: Vec<bool> = (0..model.types.len())
        .map(|i| qname_based(model, &TypeRef::Defined(TypeId(i))))
        .collect();
    for (ty, qname) in model.types.iter_mut().zip(based) {
        if let TypeKind::Simple(SimpleType::Restriction { facets, .. }) = &mut ty.kind {
            for v in &mut facets.enumeration {
                if !qname {
                    v.namespace = None;
                }
            }
        }
    }
}
