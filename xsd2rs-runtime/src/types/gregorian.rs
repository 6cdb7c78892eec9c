//! The partial Gregorian dates: `xs:gYear`, `xs:gYearMonth`, `xs:gMonthDay`, `xs:gDay`,
//! `xs:gMonth`. Each keeps its lexical form and zone; equality is by lexical form.

use std::cmp::Ordering;

use chrono::FixedOffset;

use super::temporal::{self, Cursor, Instant, TimeOfDay};
use super::whitespace::trim;
use crate::{SimpleValue, ValueError};

/// Reference leap year for the partial dates without a year (as XML Schema's order uses).
const REF_YEAR: i32 = 1972;

macro_rules! gregorian_common {
    ($t:ident, $xsd:literal) => {
        impl $t {
            /// The lexical form as written.
            pub fn as_str(&self) -> &str {
                &self.text
            }

            /// True when a zone was given.
            pub fn has_timezone(&self) -> bool {
                self.tz.is_some()
            }

            /// The zone offset, if one was given.
            pub fn offset(&self) -> Option<FixedOffset> {
                temporal::offset(self.tz)
            }

            /// XML Schema's (partial) order.
            pub fn partial_cmp_value(&self, other: &Self) -> Option<Ordering> {
                temporal::compare(self.instant(), other.instant())
            }
        }

        impl SimpleValue for $t {
            fn parse_text(text: &str) -> Result<Self, ValueError> {
                $t::parse(trim(text)).ok_or_else(|| ValueError::new($xsd, text))
            }

            fn write_text(&self, out: &mut String) {
                out.push_str(&self.text);
            }
        }

        super::lexical_display_fromstr!($t);
    };
}

fn zone_of(offset: Option<FixedOffset>) -> Option<i16> {
    offset.map(temporal::tz_minutes)
}

/// `xs:gYear`, e.g. `2009`, `2009Z`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GYear {
    text: String,
    year: i32,
    tz: Option<i16>,
}

impl GYear {
    fn parse(s: &str) -> Option<Self> {
        let mut c = Cursor::new(s);
        let year = temporal::year(&mut c)?;
        let tz = temporal::zone(&mut c)?;
        c.is_end().then(|| GYear {
            text: s.to_owned(),
            year,
            tz,
        })
    }

    /// Builds a value (zone written `Z` for a zero offset).
    pub fn new(year: i32, offset: Option<FixedOffset>) -> Self {
        let tz = zone_of(offset);
        let mut text = String::new();
        temporal::write_year(&mut text, year);
        temporal::write_zone(&mut text, tz, true);
        GYear { text, year, tz }
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    fn instant(&self) -> Instant {
        Instant::new(self.year, 1, 1, TimeOfDay::default(), self.tz)
    }
}
gregorian_common!(GYear, "xs:gYear");

/// `xs:gYearMonth`, e.g. `2009-03`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GYearMonth {
    text: String,
    year: i32,
    month: u8,
    tz: Option<i16>,
}

impl GYearMonth {
    fn parse(s: &str) -> Option<Self> {
        let mut c = Cursor::new(s);
        let year = temporal::year(&mut c)?;
        c.expect(b'-')?;
        let month = temporal::month(&mut c)?;
        let tz = temporal::zone(&mut c)?;
        c.is_end().then(|| GYearMonth {
            text: s.to_owned(),
            year,
            month,
            tz,
        })
    }

    /// Builds a value; `None` when `month` is not 1..=12.
    pub fn new(year: i32, month: u8, offset: Option<FixedOffset>) -> Option<Self> {
        if !(1..=12).contains(&month) {
            return None;
        }
        let tz = zone_of(offset);
        let mut text = String::new();
        temporal::write_year(&mut text, year);
        text.push_str(&format!("-{month:02}"));
        temporal::write_zone(&mut text, tz, true);
        Some(GYearMonth {
            text,
            year,
            month,
            tz,
        })
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month, 1..=12.
    pub fn month(&self) -> u8 {
        self.month
    }

    fn instant(&self) -> Instant {
        Instant::new(self.year, self.month, 1, TimeOfDay::default(), self.tz)
    }
}
gregorian_common!(GYearMonth, "xs:gYearMonth");

/// `xs:gMonthDay`, e.g. `--03-03`, `--02-29`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GMonthDay {
    text: String,
    month: u8,
    day: u8,
    tz: Option<i16>,
}

impl GMonthDay {
    fn parse(s: &str) -> Option<Self> {
        let mut c = Cursor::new(s);
        c.expect(b'-')?;
        c.expect(b'-')?;
        let month = temporal::month(&mut c)?;
        c.expect(b'-')?;
        let day = temporal::day(&mut c, temporal::days_in_month(REF_YEAR, month))?;
        let tz = temporal::zone(&mut c)?;
        c.is_end().then(|| GMonthDay {
            text: s.to_owned(),
            month,
            day,
            tz,
        })
    }

    /// Builds a value; `None` when the month/day pair does not exist (Feb 29 does).
    pub fn new(month: u8, day: u8, offset: Option<FixedOffset>) -> Option<Self> {
        if !(1..=12).contains(&month) || day == 0 || day > temporal::days_in_month(REF_YEAR, month)
        {
            return None;
        }
        let tz = zone_of(offset);
        let mut text = format!("--{month:02}-{day:02}");
        temporal::write_zone(&mut text, tz, true);
        Some(GMonthDay {
            text,
            month,
            day,
            tz,
        })
    }

    /// The month, 1..=12.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day of month.
    pub fn day(&self) -> u8 {
        self.day
    }

    fn instant(&self) -> Instant {
        Instant::new(
            REF_YEAR,
            self.month,
            self.day,
            TimeOfDay::default(),
            self.tz,
        )
    }
}
gregorian_common!(GMonthDay, "xs:gMonthDay");

/// `xs:gDay`, e.g. `---03`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GDay {
    text: String,
    day: u8,
    tz: Option<i16>,
}

impl GDay {
    fn parse(s: &str) -> Option<Self> {
        let mut c = Cursor::new(s);
        for _ in 0..3 {
            c.expect(b'-')?;
        }
        let day = temporal::day(&mut c, 31)?;
        let tz = temporal::zone(&mut c)?;
        c.is_end().then(|| GDay {
            text: s.to_owned(),
            day,
            tz,
        })
    }

    /// Builds a value; `None` when `day` is not 1..=31.
    pub fn new(day: u8, offset: Option<FixedOffset>) -> Option<Self> {
        if !(1..=31).contains(&day) {
            return None;
        }
        let tz = zone_of(offset);
        let mut text = format!("---{day:02}");
        temporal::write_zone(&mut text, tz, true);
        Some(GDay { text, day, tz })
    }

    /// The day of month.
    pub fn day(&self) -> u8 {
        self.day
    }

    fn instant(&self) -> Instant {
        Instant::new(REF_YEAR, 12, self.day, TimeOfDay::default(), self.tz)
    }
}
gregorian_common!(GDay, "xs:gDay");

/// `xs:gMonth`, e.g. `--03` (the form of the XML Schema 1.0 erratum E2-12 and of 1.1). The
/// original 1.0 form `--03--` is read too and kept as the corrected form `--03` (zone as
/// written): the same value, which validators of either edition accept, whereas many (Python's
/// xmlschema among them) refuse `--03--`. Where a `pattern` facet only accepts the old form, it
/// is what [`write_lexical`](crate::facets::write_lexical) writes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GMonth {
    text: String,
    month: u8,
    tz: Option<i16>,
}

impl GMonth {
    fn parse(s: &str) -> Option<Self> {
        let mut c = Cursor::new(s);
        c.expect(b'-')?;
        c.expect(b'-')?;
        let month = temporal::month(&mut c)?;
        let old_form = c.rest().starts_with("--");
        if old_form {
            c.expect(b'-')?;
            c.expect(b'-')?;
        }
        let zone_text = c.rest();
        let tz = temporal::zone(&mut c)?;
        if !c.is_end() {
            return None;
        }
        let text = if old_form {
            format!("--{month:02}{zone_text}")
        } else {
            s.to_owned()
        };
        Some(GMonth { text, month, tz })
    }

    /// The original XML Schema 1.0 lexical form of this value, `--MM--` (zone as kept): the
    /// alternative a `pattern` facet written for that form needs.
    pub(crate) fn old_form(&self) -> String {
        let rest = self.text.get(4..).unwrap_or_default();
        format!("--{:02}--{rest}", self.month)
    }

    /// Builds a value; `None` when `month` is not 1..=12.
    pub fn new(month: u8, offset: Option<FixedOffset>) -> Option<Self> {
        if !(1..=12).contains(&month) {
            return None;
        }
        let tz = zone_of(offset);
        let mut text = format!("--{month:02}");
        temporal::write_zone(&mut text, tz, true);
        Some(GMonth { text, month, tz })
    }

    /// The month, 1..=12.
    pub fn month(&self) -> u8 {
        self.month
    }

    fn instant(&self) -> Instant {
        Instant::new(REF_YEAR, self.month, 1, TimeOfDay::default(), self.tz)
    }
}
gregorian_common!(GMonth, "xs:gMonth");
