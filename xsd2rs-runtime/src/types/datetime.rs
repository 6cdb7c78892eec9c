//! `xs:dateTime`, `xs:date` and `xs:time`: the lexical form is kept (and written back as is),
//! together with its parsed fields and whether a zone was given. Typed access goes through chrono.

use std::cmp::Ordering;

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

use super::temporal::{self, Cursor, Instant, TimeOfDay};
use super::whitespace::trim;
use crate::{SimpleValue, ValueError};

fn chrono_date(year: i32, month: u8, day: u8) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day))
}

fn chrono_time(t: TimeOfDay) -> Option<NaiveTime> {
    // 24:00:00 is the midnight that ends the day; callers move the date.
    let h = if t.hour == 24 { 0 } else { t.hour };
    NaiveTime::from_hms_nano_opt(
        u32::from(h),
        u32::from(t.minute),
        u32::from(t.second),
        t.nanos,
    )
}

fn time_of(t: &NaiveTime) -> TimeOfDay {
    use chrono::Timelike;
    // Leap seconds (nanos ≥ 1e9) cannot be written in XSD; clamp into the second.
    TimeOfDay {
        hour: u8::try_from(t.hour()).unwrap_or(0),
        minute: u8::try_from(t.minute()).unwrap_or(0),
        second: u8::try_from(t.second()).unwrap_or(0),
        nanos: t.nanosecond().min(999_999_999),
    }
}

/// `xs:dateTime`, e.g. `2009-03-03T10:00:00`, `2009-03-03T10:00:00Z`,
/// `2009-03-03T10:00:00.5+05:30`.
///
/// Equality and hashing are by lexical form (so a round trip is exact);
/// [`DateTime::partial_cmp_value`] gives XML Schema's order, and [`DateTime::to_chrono_utc`]
/// the instant.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DateTime {
    text: String,
    year: i32,
    month: u8,
    day: u8,
    time: TimeOfDay,
    tz: Option<i16>,
}

impl DateTime {
    fn parse(s: &str) -> Option<DateTime> {
        let mut c = Cursor::new(s);
        let year = temporal::year(&mut c)?;
        c.expect(b'-')?;
        let month = temporal::month(&mut c)?;
        c.expect(b'-')?;
        let day = temporal::day(&mut c, temporal::days_in_month(year, month))?;
        c.expect(b'T')?;
        let time = temporal::time_of_day(&mut c)?;
        let tz = temporal::zone(&mut c)?;
        c.is_end().then(|| DateTime {
            text: s.to_owned(),
            year,
            month,
            day,
            time,
            tz,
        })
    }

    fn build(year: i32, month: u8, day: u8, time: TimeOfDay, tz: Option<i16>, z: bool) -> Self {
        let mut text = String::with_capacity(32);
        temporal::write_year(&mut text, year);
        text.push_str(&format!("-{month:02}-{day:02}T"));
        temporal::write_time(&mut text, time);
        temporal::write_zone(&mut text, tz, z);
        DateTime {
            text,
            year,
            month,
            day,
            time,
            tz,
        }
    }

    /// A value without zone from a chrono date and time (`2009-03-03T10:00:00`).
    pub fn from_naive(dt: NaiveDateTime) -> Self {
        Self::from_naive_zone(dt, None, false)
    }

    /// A value with a zone, written `+hh:mm` (also `+00:00` for UTC).
    pub fn from_naive_with_offset(dt: NaiveDateTime, offset: FixedOffset) -> Self {
        Self::from_naive_zone(dt, Some(temporal::tz_minutes(offset)), false)
    }

    fn from_naive_zone(dt: NaiveDateTime, tz: Option<i16>, z: bool) -> Self {
        use chrono::Datelike;
        let d = dt.date();
        let month = u8::try_from(d.month()).unwrap_or(1);
        let day = u8::try_from(d.day()).unwrap_or(1);
        Self::build(d.year(), month, day, time_of(&dt.time()), tz, z)
    }

    /// The lexical form as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Year (negative for BCE years as XML Schema numbers them).
    pub fn year(&self) -> i32 {
        self.year
    }

    /// Month, 1..=12.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// Day of month, 1..=31.
    pub fn day(&self) -> u8 {
        self.day
    }

    /// Hour, 0..=24 (24 only in `24:00:00`).
    pub fn hour(&self) -> u8 {
        self.time.hour
    }

    /// Minute.
    pub fn minute(&self) -> u8 {
        self.time.minute
    }

    /// Second.
    pub fn second(&self) -> u8 {
        self.time.second
    }

    /// Fractional second in nanoseconds (digits past the ninth are kept only in the text).
    pub fn nanosecond(&self) -> u32 {
        self.time.nanos
    }

    /// True when the lexical form carries a zone (`Z` or an offset).
    pub fn has_timezone(&self) -> bool {
        self.tz.is_some()
    }

    /// The zone offset, if one was given.
    pub fn offset(&self) -> Option<FixedOffset> {
        temporal::offset(self.tz)
    }

    /// The local date and time as written, ignoring the zone (`24:00:00` becomes midnight of
    /// the next day). `None` only for years chrono cannot represent.
    pub fn naive(&self) -> Option<NaiveDateTime> {
        let date = chrono_date(self.year, self.month, self.day)?;
        let dt = date.and_time(chrono_time(self.time)?);
        if self.time.hour == 24 {
            dt.checked_add_signed(chrono::TimeDelta::days(1))
        } else {
            Some(dt)
        }
    }

    /// The value with its zone; `None` when no zone was given.
    pub fn to_chrono(&self) -> Option<chrono::DateTime<FixedOffset>> {
        let off = self.offset()?;
        off.from_local_datetime(&self.naive()?).single()
    }

    /// The instant in UTC; `None` when no zone was given (see [`DateTime::to_chrono_utc_assuming`]).
    pub fn to_chrono_utc(&self) -> Option<chrono::DateTime<Utc>> {
        self.to_chrono().map(|d| d.with_timezone(&Utc))
    }

    /// The instant in UTC, reading a value without zone as local time at `default_offset`.
    pub fn to_chrono_utc_assuming(
        &self,
        default_offset: FixedOffset,
    ) -> Option<chrono::DateTime<Utc>> {
        let off = self.offset().unwrap_or(default_offset);
        off.from_local_datetime(&self.naive()?)
            .single()
            .map(|d| d.with_timezone(&Utc))
    }

    /// XML Schema's (partial) order: values with and without zone compare only when more than
    /// 14 hours apart.
    pub fn partial_cmp_value(&self, other: &Self) -> Option<Ordering> {
        temporal::compare(self.instant(), other.instant())
    }

    fn instant(&self) -> Instant {
        Instant::new(self.year, self.month, self.day, self.time, self.tz)
    }
}

impl From<NaiveDateTime> for DateTime {
    fn from(dt: NaiveDateTime) -> Self {
        DateTime::from_naive(dt)
    }
}

impl From<chrono::DateTime<Utc>> for DateTime {
    /// Written with `Z`.
    fn from(dt: chrono::DateTime<Utc>) -> Self {
        DateTime::from_naive_zone(dt.naive_utc(), Some(0), true)
    }
}

impl From<chrono::DateTime<FixedOffset>> for DateTime {
    /// Written with `+hh:mm`.
    fn from(dt: chrono::DateTime<FixedOffset>) -> Self {
        DateTime::from_naive_with_offset(dt.naive_local(), *dt.offset())
    }
}

impl SimpleValue for DateTime {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        DateTime::parse(trim(text)).ok_or_else(|| ValueError::new("xs:dateTime", text))
    }

    fn write_text(&self, out: &mut String) {
        out.push_str(&self.text);
    }
}

/// `xs:date`, e.g. `2009-03-03`, `2009-03-03Z`, `2009-03-03-05:00`.
///
/// Equality and hashing are by lexical form; [`Date::partial_cmp_value`] gives XML Schema's order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Date {
    text: String,
    year: i32,
    month: u8,
    day: u8,
    tz: Option<i16>,
}

impl Date {
    fn parse(s: &str) -> Option<Date> {
        let mut c = Cursor::new(s);
        let year = temporal::year(&mut c)?;
        c.expect(b'-')?;
        let month = temporal::month(&mut c)?;
        c.expect(b'-')?;
        let day = temporal::day(&mut c, temporal::days_in_month(year, month))?;
        let tz = temporal::zone(&mut c)?;
        c.is_end().then(|| Date {
            text: s.to_owned(),
            year,
            month,
            day,
            tz,
        })
    }

    fn build(d: NaiveDate, tz: Option<i16>) -> Self {
        use chrono::Datelike;
        let (year, month, day) = (
            d.year(),
            u8::try_from(d.month()).unwrap_or(1),
            u8::try_from(d.day()).unwrap_or(1),
        );
        let mut text = String::with_capacity(16);
        temporal::write_year(&mut text, year);
        text.push_str(&format!("-{month:02}-{day:02}"));
        temporal::write_zone(&mut text, tz, true);
        Date {
            text,
            year,
            month,
            day,
            tz,
        }
    }

    /// A date without zone.
    pub fn from_naive(d: NaiveDate) -> Self {
        Date::build(d, None)
    }

    /// A date with a zone (`Z` for a zero offset).
    pub fn from_naive_with_offset(d: NaiveDate, offset: FixedOffset) -> Self {
        Date::build(d, Some(temporal::tz_minutes(offset)))
    }

    /// The lexical form as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// Month, 1..=12.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// Day of month.
    pub fn day(&self) -> u8 {
        self.day
    }

    /// True when a zone was given.
    pub fn has_timezone(&self) -> bool {
        self.tz.is_some()
    }

    /// The zone offset, if one was given.
    pub fn offset(&self) -> Option<FixedOffset> {
        temporal::offset(self.tz)
    }

    /// The date as chrono's; `None` only for years chrono cannot represent.
    pub fn naive(&self) -> Option<NaiveDate> {
        chrono_date(self.year, self.month, self.day)
    }

    /// XML Schema's (partial) order (a date is its first instant).
    pub fn partial_cmp_value(&self, other: &Self) -> Option<Ordering> {
        let i = |d: &Date| Instant::new(d.year, d.month, d.day, TimeOfDay::default(), d.tz);
        temporal::compare(i(self), i(other))
    }
}

impl From<NaiveDate> for Date {
    fn from(d: NaiveDate) -> Self {
        Date::from_naive(d)
    }
}

impl SimpleValue for Date {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        Date::parse(trim(text)).ok_or_else(|| ValueError::new("xs:date", text))
    }

    fn write_text(&self, out: &mut String) {
        out.push_str(&self.text);
    }
}

/// `xs:time`, e.g. `10:00:00`, `10:00:00.125Z`, `24:00:00`.
///
/// Equality and hashing are by lexical form; [`Time::partial_cmp_value`] gives XML Schema's order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Time {
    text: String,
    time: TimeOfDay,
    tz: Option<i16>,
}

impl Time {
    fn parse(s: &str) -> Option<Time> {
        let mut c = Cursor::new(s);
        let time = temporal::time_of_day(&mut c)?;
        let tz = temporal::zone(&mut c)?;
        c.is_end().then(|| Time {
            text: s.to_owned(),
            time,
            tz,
        })
    }

    fn build(t: &NaiveTime, tz: Option<i16>) -> Self {
        let time = time_of(t);
        let mut text = String::with_capacity(24);
        temporal::write_time(&mut text, time);
        temporal::write_zone(&mut text, tz, true);
        Time { text, time, tz }
    }

    /// A time without zone.
    pub fn from_naive(t: NaiveTime) -> Self {
        Time::build(&t, None)
    }

    /// A time with a zone (`Z` for a zero offset).
    pub fn from_naive_with_offset(t: NaiveTime, offset: FixedOffset) -> Self {
        Time::build(&t, Some(temporal::tz_minutes(offset)))
    }

    /// The lexical form as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Hour, 0..=24 (24 only in `24:00:00`).
    pub fn hour(&self) -> u8 {
        self.time.hour
    }

    /// Minute.
    pub fn minute(&self) -> u8 {
        self.time.minute
    }

    /// Second.
    pub fn second(&self) -> u8 {
        self.time.second
    }

    /// Fractional second in nanoseconds.
    pub fn nanosecond(&self) -> u32 {
        self.time.nanos
    }

    /// True when a zone was given.
    pub fn has_timezone(&self) -> bool {
        self.tz.is_some()
    }

    /// The zone offset, if one was given.
    pub fn offset(&self) -> Option<FixedOffset> {
        temporal::offset(self.tz)
    }

    /// The time as chrono's (`24:00:00` becomes `00:00:00`).
    pub fn naive(&self) -> NaiveTime {
        chrono_time(self.time).unwrap_or(NaiveTime::MIN)
    }

    /// XML Schema's (partial) order (times are placed on one reference day).
    pub fn partial_cmp_value(&self, other: &Self) -> Option<Ordering> {
        let i = |t: &Time| Instant::new(1972, 12, 31, t.time, t.tz);
        temporal::compare(i(self), i(other))
    }
}

impl From<NaiveTime> for Time {
    fn from(t: NaiveTime) -> Self {
        Time::from_naive(t)
    }
}

impl SimpleValue for Time {
    fn parse_text(text: &str) -> Result<Self, ValueError> {
        Time::parse(trim(text)).ok_or_else(|| ValueError::new("xs:time", text))
    }

    fn write_text(&self, out: &mut String) {
        out.push_str(&self.text);
    }
}

super::lexical_display_fromstr!(DateTime, Date, Time);
