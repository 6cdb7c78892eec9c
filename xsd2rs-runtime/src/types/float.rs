//! `xs:float` / `xs:double` as `f32` / `f64`, with the XSD lexical forms (`INF`, `-INF`, `NaN`,
//! exponents). Rust's own spellings (`inf`, `infinity`, `nan`) are rejected.

use super::whitespace::trim;
use crate::{SimpleValue, ValueError};

/// True for the XSD float lexical form: `(+|-)?(digits(.digits?)?|.digits)([eE](+|-)?digits)?`,
/// or `INF`, `-INF`, `+INF`, `NaN`.
fn is_float_lexical(s: &str) -> bool {
    if matches!(s, "INF" | "-INF" | "+INF" | "NaN") {
        return true;
    }
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exp) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (body, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return false;
    }
    match exp {
        None => true,
        Some(e) => {
            let e = e.strip_prefix(['+', '-']).unwrap_or(e);
            !e.is_empty() && digits(e)
        }
    }
}

macro_rules! float_value {
    ($($t:ty => $xsd:literal),*) => {$(
        impl SimpleValue for $t {
            fn parse_text(text: &str) -> Result<Self, ValueError> {
                let t = trim(text);
                if !is_float_lexical(t) {
                    return Err(ValueError::new($xsd, text));
                }
                match t {
                    "INF" | "+INF" => Ok(<$t>::INFINITY),
                    "-INF" => Ok(<$t>::NEG_INFINITY),
                    "NaN" => Ok(<$t>::NAN),
                    _ => t.parse::<$t>().map_err(|_| ValueError::new($xsd, text)),
                }
            }

            fn write_text(&self, out: &mut String) {
                use std::fmt::Write;
                if self.is_nan() {
                    out.push_str("NaN");
                } else if self.is_infinite() {
                    out.push_str(if *self > 0.0 { "INF" } else { "-INF" });
                } else {
                    // Debug gives the shortest round-tripping form and uses an exponent for
                    // very large or small magnitudes (`1e300`, `1e-7`): valid XSD lexical forms.
                    let _ = write!(out, "{:?}", self);
                }
            }
        }
    )*};
}

float_value!(f32 => "xs:float", f64 => "xs:double");
