//! Positional matching of child elements for content models where a name alone does not say
//! which field a child belongs to: several wildcards, a wildcard beside elements it also
//! matches, a substitution group beside a wildcard, the same element at several positions of a
//! sequence.
//!
//! The generated type lists its particles in schema order ([`Particle`]: the field each fills,
//! whether the field repeats, and what it matches) and matches children with
//! [`XmlReader::next_particle`], which returns the index of the particle a child belongs to.
//! A [`Cursor`] remembers the field reached: a child goes to the first field from there on
//! that matches it and can take one more, so fields fill in document order and writing them in
//! field order gives the document back. XML Schema's unique particle attribution rule makes this
//! choice unambiguous for every valid schema.

use super::attrs::Namespaces;
use super::error::DecodeError;
use super::reader::XmlReader;

/// What a particle matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Term {
    /// The element `{ns}local`.
    Element(&'static str, &'static str),
    /// An element a wildcard (`xs:any`) allows.
    Any(Namespaces),
    /// Any element nothing else matches (the raw variant of a substitution group).
    Fallback,
}

/// One particle of a content model, in schema order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Particle {
    field: u32,
    many: bool,
    term: Term,
}

impl Particle {
    /// The element `{ns}local`, filling field number `field` (`many`: the field repeats).
    pub const fn element(field: u32, many: bool, ns: &'static str, local: &'static str) -> Self {
        Particle {
            field,
            many,
            term: Term::Element(ns, local),
        }
    }

    /// An `xs:any` wildcard with its namespace constraint.
    pub const fn any(field: u32, many: bool, namespaces: Namespaces) -> Self {
        Particle {
            field,
            many,
            term: Term::Any(namespaces),
        }
    }

    /// The raw variant of a substitution group: takes an element nothing else matches.
    pub const fn fallback(field: u32, many: bool) -> Self {
        Particle {
            field,
            many,
            term: Term::Fallback,
        }
    }
}

/// The position reached in a content model (see [`XmlReader::next_particle`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    field: u32,
    taken: u32,
}

impl Cursor {
    /// Moves to `p`'s field (if later) and counts one more occurrence there.
    fn take(&mut self, p: &Particle) {
        if p.field != self.field {
            self.field = p.field;
            self.taken = 0;
        }
        self.taken = self.taken.saturating_add(1);
    }

    /// Whether `p`'s field can take a child now (it is not behind the cursor, nor full).
    fn open(&self, p: &Particle) -> bool {
        p.field > self.field || (p.field == self.field && (p.many || self.taken == 0))
    }
}

/// The index of the particle a child `{ns}local` belongs to, or `usize::MAX` when none does.
///
/// First the earliest particle from the cursor on that matches and whose field can take one
/// more; then (lenient about order, like name matching) an element particle of that name
/// anywhere; then a substitution group's raw variant.
pub fn choose(model: &[Particle], at: &mut Cursor, ns: &str, local: &str) -> usize {
    let named = |p: &Particle| matches!(p.term, Term::Element(n, l) if n == ns && l == local);
    let hit = model.iter().position(|p| {
        at.open(p)
            && match p.term {
                Term::Element(..) => named(p),
                Term::Any(allowed) => allowed.allows(ns),
                Term::Fallback => false,
            }
    });
    if let Some(i) = hit {
        if let Some(p) = model.get(i) {
            at.take(p);
        }
        return i;
    }
    if let Some(i) = model.iter().position(named) {
        return i;
    }
    let fallback = |p: &Particle| p.term == Term::Fallback;
    match model.iter().position(|p| fallback(p) && at.open(p)) {
        Some(i) => {
            if let Some(p) = model.get(i) {
                at.take(p);
            }
            i
        }
        None => model.iter().position(fallback).unwrap_or(usize::MAX),
    }
}

impl XmlReader<'_> {
    /// Advances to the next child (like [`next_child`](Self::next_child)) and returns the index
    /// in `model` of the particle it belongs to (`usize::MAX`: none, read it with
    /// [`unknown`](Self::unknown)); `None` at the element's end.
    pub fn next_particle(
        &mut self,
        model: &[Particle],
        at: &mut Cursor,
    ) -> Result<Option<usize>, DecodeError> {
        Ok(self
            .next_child()?
            .map(|(ns, local)| choose(model, at, ns, local)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(model: &[Particle], children: &[(&str, &str)]) -> Vec<usize> {
        let mut at = Cursor::default();
        children
            .iter()
            .map(|(ns, l)| choose(model, &mut at, ns, l))
            .collect()
    }

    #[test]
    fn same_element_at_several_positions() {
        let m = [
            Particle::element(0, false, "", "a"),
            Particle::element(1, false, "", "b"),
            Particle::element(2, true, "", "a"),
        ];
        assert_eq!(
            run(&m, &[("", "a"), ("", "b"), ("", "a"), ("", "a")]),
            [0, 1, 2, 2]
        );
    }

    #[test]
    fn wildcards_by_position_and_namespace() {
        // (any ##any, a, any ##other*, any ##local)
        let m = [
            Particle::any(0, false, Namespaces::Any),
            Particle::element(1, false, "urn:t", "a"),
            Particle::any(2, true, Namespaces::Other("urn:t")),
            Particle::any(3, false, Namespaces::List(&[""])),
        ];
        let kids = [
            ("urn:t", "a"),
            ("urn:t", "a"),
            ("urn:x", "y"),
            ("urn:z", "y"),
            ("", "l"),
            ("", "m"),
        ];
        assert_eq!(run(&m, &kids), [0, 1, 2, 2, 3, usize::MAX]);
    }

    #[test]
    fn substitution_fallback_yields_to_a_later_wildcard() {
        // (head*: Member | raw, any ##other*)
        let m = [
            Particle::element(0, true, "urn:t", "Member"),
            Particle::fallback(0, true),
            Particle::any(1, true, Namespaces::Other("urn:t")),
        ];
        let kids = [("urn:t", "Member"), ("urn:t", "New"), ("urn:x", "Ext")];
        assert_eq!(run(&m, &kids), [0, 1, 2]);
        // out of order (lenient): still found by name
        assert_eq!(run(&m, &[("urn:x", "E"), ("urn:t", "Member")]), [2, 0]);
    }
}
