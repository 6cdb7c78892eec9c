//! Constraining facets of restricted simple types, checked at run time.
//!
//! Generated code describes a restriction with a `const` [`Facets`] and checks values with
//! [`Facets::check`]:
//!
//! ```
//! use xsd2rs_runtime::facets::Facets;
//! use xsd2rs_runtime::ValueError;
//!
//! const FACETS: Facets = Facets { min_length: Some(1), patterns: &["[A-Z]{2}\\d*"], ..Facets::NONE };
//!
//! struct Code(String);
//! impl Code {
//!     fn check(&self) -> Result<(), ValueError> {
//!         FACETS.check(&self.0)
//!     }
//! }
//! assert!(Code("AB12".into()).check().is_ok());
//! let e = Code("ab".into()).check().unwrap_err();
//! assert_eq!(e.expected, "pattern [A-Z]{2}\\d*");
//! ```
//!
//! What each facet measures comes from the value's [`FacetValue`] impl: length in characters
//! for strings, in octets for binary types, in items for lists; range bounds are parsed with the
//! value type's own parser and compared exactly (decimals and integers without floating point,
//! dates with XML Schema's partial order). Patterns are XML Schema regular expressions,
//! translated to the `regex` crate once and cached (see [`translate_pattern`]).

mod blocks;
mod digits;
mod pattern;
mod value;

pub use pattern::{
    check_pattern, compile_pattern, translate_pattern, PatternError, MAX_PATTERN_CHARS,
    MAX_PATTERN_NESTING,
};
pub use value::FacetValue;

use std::cmp::Ordering;

use crate::ValueError;

/// A length facet: name, limit, and whether a length satisfies the limit.
type LengthFacet = (&'static str, Option<u64>, fn(u64, u64) -> bool);

/// The `xs:whiteSpace` facet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WhiteSpace {
    /// Keep the text as is.
    Preserve,
    /// Tab, CR and LF become spaces.
    Replace,
    /// Replace, then squeeze runs of spaces and trim.
    Collapse,
}

impl WhiteSpace {
    /// Applies this normalisation to `text`.
    pub fn apply(self, text: &str) -> std::borrow::Cow<'_, str> {
        match self {
            WhiteSpace::Preserve => std::borrow::Cow::Borrowed(text),
            WhiteSpace::Replace => crate::types::whitespace::replace(text),
            WhiteSpace::Collapse => crate::types::whitespace::collapse(text),
        }
    }
}

/// The facets of one restricted simple type, constructible in a `const`.
///
/// Start from [`Facets::NONE`] and set what the schema declares. Bounds and enumeration values
/// are lexical forms of the restricted type. `patterns` are ANDed: give one entry per
/// derivation step; alternatives declared in one step are one entry joined with `|`, each in
/// parentheses (`"(a+)|(b+)"`), as XML Schema ORs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facets {
    /// `xs:length`.
    pub length: Option<u64>,
    /// `xs:minLength`.
    pub min_length: Option<u64>,
    /// `xs:maxLength`.
    pub max_length: Option<u64>,
    /// `xs:pattern`s, all of which must match the lexical form.
    pub patterns: &'static [&'static str],
    /// `xs:enumeration` values (checked by value equality); empty means no restriction.
    pub enumeration: &'static [&'static str],
    /// `xs:minInclusive`.
    pub min_inclusive: Option<&'static str>,
    /// `xs:maxInclusive`.
    pub max_inclusive: Option<&'static str>,
    /// `xs:minExclusive`.
    pub min_exclusive: Option<&'static str>,
    /// `xs:maxExclusive`.
    pub max_exclusive: Option<&'static str>,
    /// `xs:totalDigits`.
    pub total_digits: Option<u32>,
    /// `xs:fractionDigits`.
    pub fraction_digits: Option<u32>,
    /// `xs:whiteSpace`: not checked by [`Facets::check`]; apply it with [`Facets::normalize`]
    /// before parsing.
    pub white_space: Option<WhiteSpace>,
}

impl Facets {
    /// No facets; the base for `..Facets::NONE`.
    pub const NONE: Facets = Facets {
        length: None,
        min_length: None,
        max_length: None,
        patterns: &[],
        enumeration: &[],
        min_inclusive: None,
        max_inclusive: None,
        min_exclusive: None,
        max_exclusive: None,
        total_digits: None,
        fraction_digits: None,
        white_space: None,
    };

    /// Applies the `whiteSpace` facet (if any) to a lexical form before parsing.
    pub fn normalize<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        match self.white_space {
            Some(ws) => ws.apply(text),
            None => std::borrow::Cow::Borrowed(text),
        }
    }

    /// Checks every facet against `value`; the first violation is returned as a
    /// [`ValueError`] whose `expected` names the facet (`minLength 1`) and whose `found` is
    /// the value's lexical form. Patterns are matched against the form written
    /// ([`write_lexical`]): the kept or canonical form, or another form of the same value
    /// that matches them.
    pub fn check<T: FacetValue>(&self, value: &T) -> Result<(), ValueError> {
        self.check_with(value, None)
    }

    /// [`check`](Self::check), with the patterns matched against `lexical` (the text as read,
    /// whitespace-normalised) when given.
    fn check_with<T: FacetValue>(
        &self,
        value: &T,
        lexical: Option<&str>,
    ) -> Result<(), ValueError> {
        // The lexical form is only built when a pattern needs it or a facet fails (for most
        // non-string types it is a fresh String).
        let fail = |what: String| Err(ValueError::new(what, &value.facet_lexical()));
        self.check_lengths(value, &fail)?;
        if !self.patterns.is_empty() {
            match lexical {
                Some(read) => self.check_patterns(read)?,
                None => {
                    if let Err(e) = self.check_patterns(&value.facet_lexical()) {
                        let alternative = value
                            .facet_alternatives()
                            .iter()
                            .any(|alt| self.check_patterns(alt).is_ok());
                        if !alternative {
                            return Err(e);
                        }
                    }
                }
            }
        }
        if !self.enumeration.is_empty() {
            let listed = self
                .enumeration
                .iter()
                .any(|e| T::parse_text(e).is_ok_and(|v| v == *value));
            if !listed {
                return fail(format!("enumeration {}", self.enumeration.join("|")));
            }
        }
        self.check_ranges(value, &fail)?;
        self.check_digits(value, &fail)
    }

    /// Every pattern must match `lexical`.
    fn check_patterns(&self, lexical: &str) -> Result<(), ValueError> {
        for p in self.patterns {
            match compile_pattern(p) {
                Ok(re) if re.is_match(lexical) => {}
                Ok(_) => return Err(ValueError::new(format!("pattern {p}"), lexical)),
                Err(e) => return Err(ValueError::new(format!("pattern {p} ({e})"), lexical)),
            }
        }
        Ok(())
    }

    /// The length facets. The length is counted only up to one past the largest limit
    /// ([`FacetValue::facet_length_capped`]): below that cap the count is exact, and a count
    /// at the cap exceeds every limit, which decides `length`, `minLength` and `maxLength`
    /// alike, so a long string is not read to its end.
    fn check_lengths<T: FacetValue>(
        &self,
        value: &T,
        fail: &dyn Fn(String) -> Result<(), ValueError>,
    ) -> Result<(), ValueError> {
        let bounds: [LengthFacet; 3] = [
            ("length", self.length, |len, lim| len == lim),
            ("minLength", self.min_length, |len, lim| len >= lim),
            ("maxLength", self.max_length, |len, lim| len <= lim),
        ];
        let Some(largest) = bounds.iter().filter_map(|(_, limit, _)| *limit).max() else {
            return Ok(());
        };
        if !T::LENGTH_CONSTRAINS {
            return Ok(());
        }
        let len = value.facet_length_capped(largest.saturating_add(1));
        for (name, limit, ok) in bounds {
            let Some(limit) = limit else { continue };
            match len {
                Some(len) if ok(len, limit) => {}
                Some(_) => return fail(format!("{name} {limit}")),
                None => return fail(format!("{name} {limit} (not applicable to this type)")),
            }
        }
        Ok(())
    }

    fn check_ranges<T: FacetValue>(
        &self,
        value: &T,
        fail: &dyn Fn(String) -> Result<(), ValueError>,
    ) -> Result<(), ValueError> {
        use Ordering::{Equal, Greater, Less};
        let bounds: [(&str, Option<&str>, &[Ordering]); 4] = [
            ("minInclusive", self.min_inclusive, &[Greater, Equal]),
            ("maxInclusive", self.max_inclusive, &[Less, Equal]),
            ("minExclusive", self.min_exclusive, &[Greater]),
            ("maxExclusive", self.max_exclusive, &[Less]),
        ];
        for (name, bound, allowed) in bounds {
            let Some(bound) = bound else { continue };
            let Ok(b) = T::parse_text(bound) else {
                return fail(format!(
                    "{name} {bound} (the bound is not a valid value of this type)"
                ));
            };
            match value.facet_cmp(&b) {
                Some(o) if allowed.contains(&o) => {}
                _ => return fail(format!("{name} {bound}")),
            }
        }
        Ok(())
    }

    fn check_digits<T: FacetValue>(
        &self,
        value: &T,
        fail: &dyn Fn(String) -> Result<(), ValueError>,
    ) -> Result<(), ValueError> {
        let digits = value.facet_digits();
        if let Some(max) = self.total_digits {
            match digits {
                Some((total, _)) if total <= max => {}
                _ => return fail(format!("totalDigits {max}")),
            }
        }
        if let Some(max) = self.fraction_digits {
            match digits {
                Some((_, frac)) if frac <= max => {}
                _ => return fail(format!("fractionDigits {max}")),
            }
        }
        Ok(())
    }
}

impl Default for Facets {
    fn default() -> Self {
        Facets::NONE
    }
}

/// Parses `text` as `T` and checks the facets: the one call a generated restriction's
/// `parse_text` needs. The text is first normalised by the facets' `whiteSpace` (the type's own
/// when none is declared); patterns match that normalised text as read, not a re-serialized
/// form (a boolean read as `1` satisfies pattern `1|0`).
pub fn parse_checked<T: FacetValue>(facets: &Facets, text: &str) -> Result<T, ValueError> {
    let lexical = facets.white_space.unwrap_or(T::WHITE_SPACE).apply(text);
    let v = T::parse_text(&lexical)?;
    facets.check_with(&v, Some(&lexical))?;
    Ok(v)
}

/// [`parse_checked`] for a value read where `scope`'s namespace declarations are in force
/// (restrictions of QName-valued types).
pub fn parse_checked_in<T: FacetValue>(
    facets: &Facets,
    text: &str,
    scope: &dyn crate::NamespaceScope,
) -> Result<T, ValueError> {
    let lexical = facets.white_space.unwrap_or(T::WHITE_SPACE).apply(text);
    let v = T::parse_in(&lexical, scope)?;
    facets.check_with(&v, Some(&lexical))?;
    Ok(v)
}

/// Writes `value` in a lexical form its patterns accept: the kept or canonical form, or when
/// only another form of the same value matches, that one (a boolean restricted to `1|0` is
/// written `1`, not `true`). What a generated restriction with patterns writes.
pub fn write_lexical<T: FacetValue>(facets: &Facets, value: &T, out: &mut String) {
    if !facets.patterns.is_empty() && facets.check_patterns(&value.facet_lexical()).is_err() {
        let alternative = value
            .facet_alternatives()
            .into_iter()
            .find(|alt| facets.check_patterns(alt).is_ok());
        if let Some(alt) = alternative {
            out.push_str(&alt);
            return;
        }
    }
    value.write_text(out);
}

/// Checks the lexical facets (length, minLength, maxLength, pattern) of a restricted
/// enumeration or union on `text` as read (normalised by the declared `whiteSpace`, else
/// collapsed): what its generated `parse_text` calls before parsing the base.
pub fn check_lexical(facets: &Facets, text: &str) -> Result<(), ValueError> {
    let lexical = facets
        .white_space
        .unwrap_or(WhiteSpace::Collapse)
        .apply(text);
    facets.check_with(&lexical.as_ref().to_owned(), Some(&lexical))
}
