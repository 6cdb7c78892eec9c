//! Boxing: a field is boxed only when it closes a cycle of by-value containment
//! (strongly connected components of the item graph, Tarjan's algorithm).

use super::{ItemKind, Occurs, Plan, Ty};

/// Marks the fields and variants that must be boxed.
pub(super) fn apply(plan: &mut Plan) {
    let n = plan.items.len();
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, item) in plan.items.iter().enumerate() {
        match &item.kind {
            ItemKind::Struct(s) => {
                for f in &s.fields {
                    if let (Ty::Item(t), false) = (&f.ty, f.occurs == Occurs::Many) {
                        edges[i].push(t.0);
                    }
                }
            }
            ItemKind::Choice(c) | ItemKind::Substitution(c) | ItemKind::Polymorphic(c) => {
                for v in &c.variants {
                    if let Ty::Item(t) = &v.ty {
                        edges[i].push(t.0);
                    }
                }
            }
            _ => {}
        }
    }
    let comp = tarjan(&edges);
    // Fields holding an element enum are never boxed: the enum's variants are (a cycle
    // through an enum always passes one of its variants).
    let is_enum: Vec<bool> = plan
        .items
        .iter()
        .map(|i| {
            matches!(
                i.kind,
                ItemKind::Choice(_) | ItemKind::Substitution(_) | ItemKind::Polymorphic(_)
            )
        })
        .collect();
    let same = |a: usize, b: usize| comp.get(a).is_some() && comp.get(a) == comp.get(b);
    for i in 0..n {
        let Some(item) = plan.items.get_mut(i) else {
            continue;
        };
        match &mut item.kind {
            ItemKind::Struct(s) => {
                for f in &mut s.fields {
                    if let Ty::Item(t) = &f.ty {
                        f.boxed = f.occurs != Occurs::Many
                            && !is_enum.get(t.0).copied().unwrap_or(false)
                            && same(i, t.0);
                    }
                }
            }
            ItemKind::Choice(c) | ItemKind::Substitution(c) | ItemKind::Polymorphic(c) => {
                for v in &mut c.variants {
                    if let Ty::Item(t) = &v.ty {
                        v.boxed = same(i, t.0);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Component index of every node (iterative Tarjan).
fn tarjan(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![usize::MAX; n];
    let mut stack = Vec::new();
    let mut next = 0usize;
    let mut ncomp = 0usize;
    for start in 0..n {
        if index[start] != usize::MAX {
            continue;
        }
        // (node, next edge position)
        let mut call: Vec<(usize, usize)> = vec![(start, 0)];
        index[start] = next;
        low[start] = next;
        next += 1;
        stack.push(start);
        on_stack[start] = true;
        while let Some(&mut (v, ref mut pos)) = call.last_mut() {
            if let Some(&w) = edges[v].get(*pos) {
                *pos += 1;
                if w >= n {
                    continue;
                }
                if index[w] == usize::MAX {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    call.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                call.pop();
                if let Some(&(parent, _)) = call.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        comp[w] = ncomp;
                        if w == v {
                            break;
                        }
                    }
                    ncomp += 1;
                }
            }
        }
    }
    comp
}

#[cfg(test)]
mod tests {
    use super::tarjan;

    #[test]
    fn components() {
        // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 alone
        let c = tarjan(&[vec![1], vec![2], vec![0], vec![3], vec![]]);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[3], c[0]);
        assert_ne!(c[4], c[3]);
    }
}
