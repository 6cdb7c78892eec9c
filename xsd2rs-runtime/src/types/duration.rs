//! `xs:duration`: `PnYnMnDTnHnMnS`, kept as written with its parsed components.

use std::cmp::Ordering;
use std::fmt::Write;

use super::temporal::days_from_civil_wide;
use super::whitespace::trim;
use crate::{SimpleValue, ValueError};

/// The components of a duration. Every component is non-negative; `negative` applies to all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DurationParts {
    /// A leading `-`.
    pub negative: bool,
    /// Years.
    pub years: u64,
    /// Months.
    pub months: u64,
    /// Days.
    pub days: u64,
    /// Hours.
    pub hours: u64,
    /// Minutes.
    pub minutes: u64,
    /// Whole seconds.
    pub seconds: u64,
    /// Fractional second in nanoseconds (< 1e9; further digits are kept only in the text).
    pub nanos: u32,
}

/// `xs:duration`, e.g. `P1Y2M3DT4H5M6.7S`, `-PT30M`, `P0D`.
///
/// Equality and hashing are by lexical form (`PT60S` and `PT1M` differ);
/// [`Duration::partial_cmp_value`] gives XML Schema's partial order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Duration {
    text: String,
    parts: DurationParts,
}

/// A non-empty run of digits followed by `unit`, or nothing.
fn component(s: &mut &str, unit: char) -> Result<Option<u64>, ()> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || !s[n..].starts_with(unit) {
        return Ok(None);
    }
    let v = s[..n].parse::<u64>().map_err(|_| ())?;
    *s = &s[n + 1..];
    Ok(Some(v))
}

fn parse(s: &str) -> Option<DurationParts> {
    let mut p = DurationParts::default();
    let mut rest = s;
    if let Some(r) = rest.strip_prefix('-') {
        p.negative = true;
        rest = r;
    }
    rest = rest.strip_prefix('P')?;
    let mut any = false;
    for (unit, slot) in [
        ('Y', &mut p.years),
        ('M', &mut p.months),
        ('D', &mut p.days),
    ] {
        if let Some(v) = component(&mut rest, unit).ok()? {
            *slot = v;
            any = true;
        }
    }
    if let Some(r) = rest.strip_prefix('T') {
        rest = r;
        let mut any_time = false;
        for (unit, slot) in [('H', &mut p.hours), ('M', &mut p.minutes)] {
            if let Some(v) = component(&mut rest, unit).ok()? {
                *slot = v;
                any_time = true;
            }
        }
        if !rest.is_empty() {
            let body = rest.strip_suffix('S')?;
            let (int, frac) = body.split_once('.').unwrap_or((body, ""));
            let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
            if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
                return None;
            }
            p.seconds = if int.is_empty() { 0 } else { int.parse().ok()? };
            let mut scaled: String = frac.chars().take(9).collect();
            while scaled.len() < 9 {
                scaled.push('0');
            }
            p.nanos = scaled.parse().ok()?;
            rest = "";
            any_time = true;
        }
        if !any_time {
            return None;
        }
        any = true;
    }
    (any && rest.is_empty()).then_some(p)
}

impl Duration {
    /// Builds a duration from components, written in full form without zero components
    /// (`PT0S` when all are zero). The fraction is written without trailing zeros.
    pub fn from_parts(p: DurationParts) -> Self {
        let mut t = String::new();
        let zero = p
            == DurationParts {
                negative: p.negative,
                ..DurationParts::default()
            };
        if p.negative && !zero {
            t.push('-');
        }
        t.push('P');
        for (v, u) in [(p.years, 'Y'), (p.months, 'M'), (p.days, 'D')] {
            if v != 0 {
                let _ = write!(t, "{v}{u}");
            }
        }
        if p.hours != 0 || p.minutes != 0 || p.seconds != 0 || p.nanos != 0 || zero {
            t.push('T');
            for (v, u) in [(p.hours, 'H'), (p.minutes, 'M')] {
                if v != 0 {
                    let _ = write!(t, "{v}{u}");
                }
            }
            if p.seconds != 0 || p.nanos != 0 || zero {
                let _ = write!(t, "{}", p.seconds);
                if p.nanos != 0 {
                    let f = format!("{:09}", p.nanos.min(999_999_999));
                    t.push('.');
                    t.push_str(f.trim_end_matches('0'));
                }
                t.push('S');
            }
        }
        let parts = DurationParts {
            negative: p.negative && !zero,
            ..p
        };
        Duration { text: t, parts }
    }

    /// The lexical form as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The components.
    pub fn parts(&self) -> DurationParts {
        self.parts
    }

    /// True for a leading `-`.
    pub fn is_negative(&self) -> bool {
        self.parts.negative
    }

    /// Years component.
    pub fn years(&self) -> u64 {
        self.parts.years
    }

    /// Months component.
    pub fn months(&self) -> u64 {
        self.parts.months
    }

    /// Days component.
    pub fn days(&self) -> u64 {
        self.parts.days
    }

    /// Hours component.
    pub fn hours(&self) -> u64 {
        self.parts.hours
    }

    /// Minutes component.
    pub fn minutes(&self) -> u64 {
        self.parts.minutes
    }

    /// Whole seconds component.
    pub fn seconds(&self) -> u64 {
        self.parts.seconds
    }

    /// Fractional second in nanoseconds.
    pub fn nanoseconds(&self) -> u32 {
        self.parts.nanos
    }

    /// Total months (years × 12 + months), signed; `None` on overflow.
    fn total_months(&self) -> Option<i128> {
        let m = i128::from(self.parts.years)
            .checked_mul(12)?
            .checked_add(i128::from(self.parts.months))?;
        Some(if self.parts.negative { -m } else { m })
    }

    /// The day-time part in seconds and nanoseconds, signed (u64 components: cannot overflow
    /// i128, but checked all the same).
    fn total_seconds(&self) -> Option<(i128, i128)> {
        let p = &self.parts;
        let s = i128::from(p.days)
            .checked_mul(86_400)?
            .checked_add(i128::from(p.hours).checked_mul(3600)?)?
            .checked_add(i128::from(p.minutes).checked_mul(60)?)?
            .checked_add(i128::from(p.seconds))?;
        let n = i128::from(p.nanos);
        Some(if p.negative { (-s, -n) } else { (s, n) })
    }

    /// The exact length as chrono's `TimeDelta`, when the duration has no years or months
    /// (their length varies) and fits.
    pub fn to_chrono(&self) -> Option<chrono::TimeDelta> {
        if self.parts.years != 0 || self.parts.months != 0 {
            return None;
        }
        let (s, n) = self.total_seconds()?;
        let secs = chrono::TimeDelta::try_seconds(i64::try_from(s).ok()?)?;
        secs.checked_add(&chrono::TimeDelta::nanoseconds(i64::try_from(n).ok()?))
    }

    /// XML Schema's partial order: compares the results of adding both durations to the four
    /// reference dateTimes of the specification; `None` when they disagree (`P1M` vs `P30D`).
    pub fn partial_cmp_value(&self, other: &Self) -> Option<Ordering> {
        const REFS: [(i64, u8); 4] = [(1696, 9), (1697, 2), (1903, 3), (1903, 7)];
        let end = |d: &Duration, (y, m): (i64, u8)| -> Option<i128> {
            let months = i128::from(y)
                .checked_mul(12)?
                .checked_add(i128::from(m) - 1)?
                .checked_add(d.total_months()?)?;
            let (ny, nm) = (months.div_euclid(12), months.rem_euclid(12) + 1);
            let days = days_from_civil_wide(ny, u8::try_from(nm).ok()?, 1)?;
            let (s, n) = d.total_seconds()?;
            days.checked_mul(86_400)?
                .checked_add(s)?
                .checked_mul(1_000_000_000)?
                .checked_add(n)
        };
        let mut result: Option<Ordering> = None;
        for r in REFS {
            let (a, b) = (end(self, r)?, end(other, r)?);
            let o = a.cmp(&b);
            match result {
                None => result = Some(o),
                Some(prev) if prev == o => {}
                Some(_) => return None,
            }
        }
        result
    }
}

impl From<DurationParts> for Duration {
    fn from(p: DurationParts) -> Self {
        Duration::from_parts(p)
    }
}

impl From<chrono::TimeDelta> for Duration {
    /// Written with days, hours, minutes and seconds (`P1DT2H3M4.5S`).
    fn from(d: chrono::TimeDelta) -> Self {
        let negative = d < chrono::TimeDelta::zero();
        let abs = d.abs();
        let secs = abs.num_seconds().unsigned_abs();
        let nanos = abs.subsec_nanos().unsigned_abs();
        Duration::from_parts(DurationParts {
            negative,
            years: 0,
            months: 0,
            days: secs / 86_400,
            hours: secs % 86_400 / 3600,
            minutes: secs % 3600 / 60,
            seconds: secs % 60,
            nanos,
        })
    }
}

impl SimpleValue for Duration {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        let t = trim(text);
        parse(t)
            .map(|parts| Duration {
                text: t.to_owned(),
                parts,
            })
            .ok_or_else(|| ValueError::new("xs:duration", text))
    }

    fn write_text(&self, out: &mut String) {
        out.push_str(&self.text);
    }
}

super::lexical_display_fromstr!(Duration);
