//! [`HeaderSet`]: the typed SOAP header blocks of one message.

use crate::codec::{DecodeError, EncodeError, XmlReader, XmlRoot, XmlWriter};

/// The header blocks a message declares (its `soap:header` parts), typed.
///
/// Implemented for `()` (no header), for `Option<T>` of any global element `T: XmlRoot`
/// (one optional block, e.g. `Option<ServerVersionInfo>`), and for tuples of header sets
/// (`(Option<A>, Option<B>)`), so generated code rarely needs its own impl.
///
/// Reading: blocks not claimed by [`read_header`](Self::read_header) are ignored, unless they
/// carry `mustUnderstand="1"`/`"true"`, which makes the message fail with a MustUnderstand
/// error (client) or fault (server).
pub trait HeaderSet: Default {
    /// Writes every present block (each one a whole element).
    fn write_headers(&self, w: &mut XmlWriter) -> Result<(), EncodeError>;

    /// If the announced header block `{ns}local` belongs to this set, decodes it with
    /// `r.read_child()` and returns `true`; otherwise leaves it unread and returns `false`.
    fn read_header(
        &mut self,
        ns: &str,
        local: &str,
        r: &mut XmlReader<'_>,
    ) -> Result<bool, DecodeError>;

    /// Whether nothing would be written (then the envelope has no `Header` element).
    fn is_empty(&self) -> bool;
}

impl HeaderSet for () {
    fn write_headers(&self, _w: &mut XmlWriter) -> Result<(), EncodeError> {
        Ok(())
    }

    fn read_header(
        &mut self,
        _ns: &str,
        _local: &str,
        _r: &mut XmlReader<'_>,
    ) -> Result<bool, DecodeError> {
        Ok(false)
    }

    fn is_empty(&self) -> bool {
        true
    }
}

impl<T: XmlRoot> HeaderSet for Option<T> {
    fn write_headers(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.child_opt(T::NS, T::NAME, self)
    }

    fn read_header(
        &mut self,
        ns: &str,
        local: &str,
        r: &mut XmlReader<'_>,
    ) -> Result<bool, DecodeError> {
        if ns == T::NS && local == T::NAME && self.is_none() {
            *self = Some(r.read_child::<T>()?);
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn is_empty(&self) -> bool {
        self.is_none()
    }
}

macro_rules! tuple_header_set {
    ($($t:ident $i:tt),+) => {
        impl<$($t: HeaderSet),+> HeaderSet for ($($t,)+) {
            fn write_headers(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
                $(self.$i.write_headers(w)?;)+
                Ok(())
            }

            fn read_header(&mut self, ns: &str, local: &str, r: &mut XmlReader<'_>) -> Result<bool, DecodeError> {
                $(if self.$i.read_header(ns, local, r)? { return Ok(true); })+
                Ok(false)
            }

            fn is_empty(&self) -> bool {
                true $(&& self.$i.is_empty())+
            }
        }
    };
}

tuple_header_set!(A 0);
tuple_header_set!(A 0, B 1);
tuple_header_set!(A 0, B 1, C 2);
tuple_header_set!(A 0, B 1, C 2, D 3);
tuple_header_set!(A 0, B 1, C 2, D 3, E 4);
tuple_header_set!(A 0, B 1, C 2, D 3, E 4, F 5);
