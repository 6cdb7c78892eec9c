//! `xs:base64Binary` and `xs:hexBinary` as byte vectors.

use base64::Engine as _;

use super::whitespace::{is_xml_space, trim};
use crate::{SimpleValue, ValueError};

/// `xs:base64Binary`: bytes, read tolerantly (whitespace and line breaks anywhere are
/// ignored), written as standard base64 with padding and no line breaks.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Base64Binary(pub Vec<u8>);

/// `xs:hexBinary`: bytes, read in either case, written in upper case (the canonical form).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct HexBinary(pub Vec<u8>);

macro_rules! bytes_common {
    ($t:ident) => {
        impl $t {
            /// The bytes.
            pub fn as_bytes(&self) -> &[u8] {
                &self.0
            }

            /// Unwraps the bytes.
            pub fn into_bytes(self) -> Vec<u8> {
                self.0
            }
        }

        impl From<Vec<u8>> for $t {
            fn from(v: Vec<u8>) -> Self {
                $t(v)
            }
        }

        impl From<&[u8]> for $t {
            fn from(v: &[u8]) -> Self {
                $t(v.to_vec())
            }
        }

        impl AsRef<[u8]> for $t {
            fn as_ref(&self) -> &[u8] {
                &self.0
            }
        }

        super::lexical_display_fromstr!($t);
    };
}
bytes_common!(Base64Binary);
bytes_common!(HexBinary);

impl SimpleValue for Base64Binary {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        let compact: String = text.chars().filter(|c| !is_xml_space(*c)).collect();
        base64::engine::general_purpose::STANDARD
            .decode(compact.as_bytes())
            .map(Base64Binary)
            .map_err(|_| ValueError::new("xs:base64Binary", text))
    }

    fn write_text(&self, out: &mut String) {
        base64::engine::general_purpose::STANDARD.encode_string(&self.0, out);
    }
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

impl SimpleValue for HexBinary {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        let err = || ValueError::new("xs:hexBinary", text);
        let t = trim(text).as_bytes();
        if t.len() % 2 != 0 {
            return Err(err());
        }
        t.chunks_exact(2)
            .map(|p| match p {
                [h, l] => Some(hex_val(*h)? << 4 | hex_val(*l)?),
                _ => None,
            })
            .collect::<Option<Vec<u8>>>()
            .map(HexBinary)
            .ok_or_else(err)
    }

    fn write_text(&self, out: &mut String) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        out.reserve(self.0.len() * 2);
        for b in &self.0 {
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
}
