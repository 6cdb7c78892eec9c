//! One-call decoding: a generated module's `Document` enum (one variant per document root)
//! implements [`XmlDocument`]; [`decode_any`] reads whichever root a document has.

use super::{
    DecodeError, DecodeErrorKind, Decoded, EncodeError, ReadOptions, WriteOptions, XmlReader,
    XmlRoot, XmlWriter,
};

/// A closed set of document types told apart by their root element (a generated module's
/// `Document` enum). Generated code only lists its variants; the matching is here.
pub trait XmlDocument: Sized {
    /// Offers every variant to `m`, one `m.root(Self::Variant)` call per document root.
    fn offer(m: &mut RootMatch<'_, '_, Self>);

    /// Writes the value as its (whole) root element.
    fn write(&self, w: &mut XmlWriter) -> Result<(), EncodeError>;
}

/// The root element being decoded, offered to each variant of an [`XmlDocument`] in turn.
pub struct RootMatch<'r, 'x, D> {
    ns: String,
    name: String,
    reader: &'r mut XmlReader<'x>,
    result: Option<Result<D, DecodeError>>,
}

impl<D> RootMatch<'_, '_, D> {
    /// Decodes the root as `T` (wrapped by `wrap`, the variant) when it is `T`'s element and
    /// no earlier variant took it.
    pub fn root<T: XmlRoot>(&mut self, wrap: fn(T) -> D) {
        if self.result.is_none() && self.ns == T::NS && self.name == T::NAME {
            self.result = Some(self.reader.read_child::<T>().map(wrap));
        }
    }
}

/// Decodes a document whose root element is any of `D`'s roots (lenient: see
/// [`ReadOptions`]). Another root is [`DecodeErrorKind::UnknownRoot`] naming it.
pub fn decode_any<D: XmlDocument>(xml: &[u8]) -> Result<Decoded<D>, DecodeError> {
    decode_any_with(xml, &ReadOptions::default())
}

/// [`decode_any`] with read options.
pub fn decode_any_with<D: XmlDocument>(
    xml: &[u8],
    options: &ReadOptions,
) -> Result<Decoded<D>, DecodeError> {
    let mut r = XmlReader::new(xml, options);
    let (ns, name) = {
        let (ns, name) = r.root()?;
        (ns.to_owned(), name.to_owned())
    };
    let mut m = RootMatch {
        ns,
        name,
        reader: &mut r,
        result: None,
    };
    D::offer(&mut m);
    let (ns, name, result) = (m.ns, m.name, m.result);
    let value = match result {
        Some(v) => v?,
        None => {
            return Err(r.error(DecodeErrorKind::UnknownRoot {
                found_ns: ns,
                found: name,
            }))
        }
    };
    let unknown = r.finish()?;
    Ok(Decoded { value, unknown })
}

/// Encodes any document of `D` with its own root element.
pub fn encode_any<D: XmlDocument>(
    value: &D,
    options: &WriteOptions,
) -> Result<Vec<u8>, EncodeError> {
    let mut w = XmlWriter::new(options);
    value.write(&mut w)?;
    Ok(w.finish())
}

/// Writes `value` as its root element (`T::NS`, `T::NAME`): the arms of a generated
/// [`XmlDocument::write`].
pub fn write_root<T: XmlRoot>(w: &mut XmlWriter, value: &T) -> Result<(), EncodeError> {
    w.child(T::NS, T::NAME, value)
}
