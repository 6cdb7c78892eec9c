//! `xs:string` (and `xs:anySimpleType`) as `String`, kept verbatim.

use crate::{SimpleValue, ValueError};

impl SimpleValue for String {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        Ok(text.to_owned())
    }

    fn write_text(&self, out: &mut String) {
        out.push_str(self);
    }
}
