//! `xs:boolean` as `bool`: reads `true`, `false`, `1`, `0`; writes `true` / `false`.

use super::whitespace::trim;
use crate::{SimpleValue, ValueError};

impl SimpleValue for bool {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        match trim(text) {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(ValueError::new("xs:boolean (true, false, 1 or 0)", text)),
        }
    }

    fn write_text(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}
