//! The order of the children of an `xs:all` group ([`Order`]), which the fields alone do not
//! keep: recorded while reading, followed when writing, so a decoded value is written back in
//! the order it was read.
//!
//! A generated `xs:all` struct numbers its child fields in schema order (0, 1, ...) and has an
//! `order: Order` field. Each arm of its child loop records the field it fills
//! (`(T, "B") => order.record(1, r).read(&mut b)?`), and `to_xml` writes the children in
//! [`Order::sequence`]: `for i in self.order.sequence(3) { match i { 0 => w.child(..)?, .. } }`.

use super::reader::XmlReader;

/// The order in which the child fields of an `xs:all` group were read: field numbers (in
/// schema order, from 0), each once, in document order. Empty (the default) for a value built
/// in code: its fields are written in schema order.
///
/// A field set after decoding, or one the order does not name, is written after the recorded
/// ones (any order is valid for `xs:all`); [`clear`](Self::clear) it to write schema order.
///
/// Two orders are equal when they say the same about the fields they name: one recorded in
/// schema order (increasing) equals the empty one, so a document read in schema order decodes
/// to a value equal to the one built in code.
#[derive(Debug, Clone, Default)]
pub struct Order(Vec<u32>);

impl PartialEq for Order {
    fn eq(&self, other: &Self) -> bool {
        self.significant() == other.significant()
    }
}

impl Eq for Order {}

impl std::hash::Hash for Order {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.significant().hash(state);
    }
}

impl Order {
    /// The recorded fields, or nothing when they are in schema order.
    fn significant(&self) -> &[u32] {
        if self.0.windows(2).all(|w| w[0] < w[1]) {
            &[]
        } else {
            &self.0
        }
    }

    /// True when nothing is recorded (schema order).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The recorded field numbers, in document order.
    pub fn fields(&self) -> &[u32] {
        &self.0
    }

    /// Records that `field` was read (a field already recorded keeps its first place).
    pub fn push(&mut self, field: u32) {
        if !self.0.contains(&field) {
            self.0.push(field);
        }
    }

    /// Records that the child the reader is on fills `field`, and hands the reader back to
    /// read it: `order.record(1, r).read(&mut b)?`.
    pub fn record<'r, 'x>(
        &mut self,
        field: u32,
        r: &'r mut XmlReader<'x>,
    ) -> &'r mut XmlReader<'x> {
        self.push(field);
        r
    }

    /// Forgets the recorded order (fields are then written in schema order).
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// The order to write fields `0..count` in: those recorded first, as read, then the others
    /// in schema order. Each comes exactly once; recorded numbers from `count` on are ignored.
    pub fn sequence(&self, count: u32) -> impl Iterator<Item = u32> + '_ {
        let recorded = self.0.iter().copied().filter(move |f| *f < count);
        let rest = (0..count).filter(move |f| !self.0.contains(f));
        recorded.chain(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_fields_first_then_schema_order() {
        let mut o = Order::default();
        assert_eq!(o.sequence(3).collect::<Vec<_>>(), [0, 1, 2]);
        for f in [2, 0, 2, 7] {
            o.push(f);
        }
        assert_eq!(o.fields(), [2, 0, 7]);
        // field 1 (set later, say) comes after those read; 7 is not a field
        assert_eq!(o.sequence(3).collect::<Vec<_>>(), [2, 0, 1]);
        o.clear();
        assert!(o.is_empty());
        assert_eq!(o.sequence(2).collect::<Vec<_>>(), [0, 1]);
        // schema order recorded is no order at all
        o.push(0);
        o.push(2);
        assert_eq!(o, Order::default());
        o.push(1);
        assert_ne!(o, Order::default());
    }
}
