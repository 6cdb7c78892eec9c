//! "Did you mean ...?" for unresolved references.

use roxmltree::Node;

use crate::model::QName;

/// The lowest similarity (0..1, one minus the optimal-string-alignment distance over the
/// longer length, on lower-cased local names) at which a candidate is offered.
const THRESHOLD: f64 = 0.5;

/// Longest local name for which suggestions are computed.
const MAX_LEN: usize = 200;

/// Most work (candidates looked at plus distance-table cells) one diagnostic may spend.
pub(crate) const PER_DIAGNOSTIC: usize = 1 << 20;

/// Most work all the suggestions of one load may spend; once it is spent, unresolved
/// references are still reported, without a suggestion.
pub(crate) const PER_LOAD: usize = 16 << 20;

/// The candidate closest to `wanted`, preferring candidates in the same namespace, with no
/// bound on the work (for small candidate sets).
#[cfg(test)]
pub(crate) fn closest<'c>(
    wanted: &QName,
    candidates: impl Iterator<Item = &'c QName>,
) -> Option<&'c QName> {
    let mut unbounded = usize::MAX;
    closest_within(wanted, candidates, &mut unbounded)
}

/// [`closest`], spending at most `*budget` (capped at [`PER_DIAGNOSTIC`]) and taking what
/// it spent off `*budget`: a large schema with many unresolved long names stays linear.
/// The best candidate found before the budget ran out is offered.
pub(crate) fn closest_within<'c>(
    wanted: &QName,
    candidates: impl Iterator<Item = &'c QName>,
    budget: &mut usize,
) -> Option<&'c QName> {
    // Names this long are not typos of anything; comparing them would only cost time.
    if wanted.local.len() > MAX_LEN || *budget == 0 {
        return None;
    }
    let mut left = (*budget).min(PER_DIAGNOSTIC);
    let start = left;
    let target: Vec<char> = wanted.local.to_lowercase().chars().collect();
    let mut best_same: Option<(f64, &QName)> = None;
    let mut best_any: Option<(f64, &QName)> = None;
    let mut cand: Vec<char> = Vec::new();
    for c in candidates {
        if left == 0 {
            break;
        }
        left -= 1;
        if c == wanted || c.local.len() > MAX_LEN * 4 {
            continue;
        }
        cand.clear();
        cand.extend(c.local.chars().flat_map(char::to_lowercase));
        let longest = target.len().max(cand.len());
        // A score of THRESHOLD or more allows at most this many edits; the distance is at
        // least the length difference, so hopeless candidates cost nothing more.
        let allowed = longest / 2;
        if target.len().abs_diff(cand.len()) > allowed {
            continue;
        }
        let Some(dist) = osa_within(&target, &cand, allowed, &mut left) else {
            continue;
        };
        let score = if longest == 0 {
            1.0
        } else {
            1.0 - dist as f64 / longest as f64
        };
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
    *budget -= start - left;
    best_same.or(best_any).map(|(_, c)| c)
}

/// The optimal-string-alignment distance of `a` and `b` if it is at most `max`, charging
/// one unit of `work` per table cell and giving up (None) when `work` runs out or every
/// cell of a row is over `max`.
fn osa_within(a: &[char], b: &[char], max: usize, work: &mut usize) -> Option<usize> {
    let (n, m) = (a.len(), b.len());
    let cells = n.saturating_mul(m);
    if cells > *work {
        *work = 0;
        return None;
    }
    *work -= cells;
    let mut prev2: Vec<usize> = vec![0; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur: Vec<usize> = vec![0; m + 1];
    for i in 1..=n {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[m];
    (d <= max).then_some(d)
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
    budget: &mut usize,
) -> Option<String> {
    closest_within(wanted, candidates, budget)
        .map(|c| format!("did you mean `{}`?", spell(node, raw, wanted, c)))
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

    #[test]
    fn distance_counts_transpositions_and_gives_up_over_the_bound() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        let mut work = usize::MAX;
        assert_eq!(osa_within(&c("abcd"), &c("acbd"), 3, &mut work), Some(1));
        assert_eq!(
            osa_within(&c("kitten"), &c("sitting"), 3, &mut work),
            Some(3)
        );
        assert_eq!(osa_within(&c("kitten"), &c("sitting"), 2, &mut work), None);
        assert_eq!(osa_within(&c(""), &c("ab"), 2, &mut work), Some(2));
        let mut little = 10;
        assert_eq!(osa_within(&c("abcd"), &c("abcd"), 3, &mut little), None);
        assert_eq!(little, 0);
    }

    #[test]
    fn work_is_bounded_per_diagnostic_and_per_load() {
        let long = "x".repeat(150);
        let cands: Vec<QName> = (0..10_000)
            .map(|i| QName::new("t", format!("{long}{i:05}")))
            .collect();
        let wanted = QName::new("t", format!("{long}y"));
        let mut budget = PER_LOAD;
        for _ in 0..100 {
            let _ = closest_within(&wanted, cands.iter(), &mut budget);
        }
        assert_eq!(budget, 0);
        assert_eq!(closest_within(&wanted, cands.iter(), &mut budget), None);
        // A small set still finds its match.
        let mut budget = PER_LOAD;
        let near = [QName::new("t", "OutOfState")];
        assert_eq!(
            closest_within(&QName::new("t", "OutOfStat"), near.iter(), &mut budget),
            Some(&near[0])
        );
        assert!(budget < PER_LOAD);
    }
}
