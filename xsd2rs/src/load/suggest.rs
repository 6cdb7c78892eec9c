//! "Did you mean ...?" for unresolved references.

use roxmltree::Node;

use crate::model::QName;

/// The lowest similarity (0..1, normalised Damerau-Levenshtein on lower-cased local
/// names) at which a candidate is offered.
const THRESHOLD: f64 = 0.5;

/// Longest local name for which suggestions are computed.
const MAX_LEN: usize = 200;

/// The candidate closest to `wanted`, preferring candidates in the same namespace.
pub(crate) fn closest<'c>(
    wanted: &QName,
    candidates: impl Iterator<Item = &'c QName>,
) -> Option<&'c QName> {
    // Names this long are not typos of anything; comparing them would only cost time.
    if wanted.local.len() > MAX_LEN {
        return None;
    }
    let target = wanted.local.to_lowercase();
    let mut best_same: Option<(f64, &QName)> = None;
    let mut best_any: Option<(f64, &QName)> = None;
    for c in candidates {
        if c == wanted {
            continue;
        }
        // The edit distance is at least the length difference: skip hopeless candidates
        // without computing it.
        let (a, b) = (target.len(), c.local.len());
        if a.abs_diff(b) * 2 > a.max(b) {
            continue;
        }
        let score = strsim::normalized_damerau_levenshtein(&target, &c.local.to_lowercase());
        if score < THRESHOLD {
            continue;
        }
        let slot = if c.ns == wanted.ns {
            &mut best_same
        } else {
            &mut best_any
        };
        // Strictly greater keeps the first (sorted) candidate on ties: deterministic.
        if slot.is_none_or(|(s, _)| score > s) {
            *slot = Some((score, c));
        }
    }
    best_same.or(best_any).map(|(_, c)| c)
}

/// Writes `found` the way the reference at `node` would have to spell it: with the
/// prefix used in `raw` when the namespace is the same, else with a prefix in scope
/// at the reference, else in `{namespace}local` form.
pub(crate) fn spell(node: Node, raw: &str, wanted: &QName, found: &QName) -> String {
    let raw_prefix = raw.trim().split_once(':').map(|(p, _)| p);
    if found.ns == wanted.ns {
        return match raw_prefix {
            Some(p) => format!("{p}:{}", found.local),
            None => found.local.clone(),
        };
    }
    match node.lookup_prefix(&found.ns) {
        Some(p) if !p.is_empty() => format!("{p}:{}", found.local),
        _ if node.lookup_namespace_uri(None) == Some(found.ns.as_str()) => found.local.clone(),
        _ => found.to_string(),
    }
}

/// The full suggestion text, if there is a close candidate.
pub(crate) fn did_you_mean<'c>(
    node: Node,
    raw: &str,
    wanted: &QName,
    candidates: impl Iterator<Item = &'c QName>,
) -> Option<String> {
    closest(wanted, candidates).map(|c| format!("did you mean `{}`?", spell(node, raw, wanted, c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_same_namespace() {
        let cands = [
            QName::new("a", "OutOfStates"),
            QName::new("t", "OutOfState"),
            QName::new("t", "Unrelated"),
        ];
        let wanted = QName::new("t", "OofState");
        assert_eq!(closest(&wanted, cands.iter()), Some(&cands[1]));
    }

    #[test]
    fn offers_nothing_when_nothing_is_close() {
        let cands = [QName::new("t", "Completely")];
        assert_eq!(closest(&QName::new("t", "Xy"), cands.iter()), None);
    }
}
