//! Shared lexical parsing and ordering for the date/time built-ins.

use std::cmp::Ordering;
use std::fmt::Write;

use chrono::FixedOffset;

/// A cursor over an ASCII lexical form.
pub(crate) struct Cursor<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(s: &'a str) -> Self {
        Cursor { s, pos: 0 }
    }

    pub(crate) fn rest(&self) -> &'a str {
        self.s.get(self.pos..).unwrap_or("")
    }

    pub(crate) fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.pos).copied()
    }

    pub(crate) fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    pub(crate) fn expect(&mut self, b: u8) -> Option<()> {
        self.eat(b).then_some(())
    }

    pub(crate) fn is_end(&self) -> bool {
        self.pos >= self.s.len()
    }

    /// A run of ASCII digits (possibly empty).
    pub(crate) fn digits(&mut self) -> &'a str {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.s.get(start..self.pos).unwrap_or("")
    }

    /// Exactly two digits as a number.
    pub(crate) fn two_digits(&mut self) -> Option<u8> {
        let b = self.s.as_bytes();
        let (d1, d2) = (*b.get(self.pos)?, *b.get(self.pos + 1)?);
        if !d1.is_ascii_digit() || !d2.is_ascii_digit() {
            return None;
        }
        self.pos += 2;
        Some((d1 - b'0') * 10 + (d2 - b'0'))
    }
}

/// `-?yyyy+`: at least four digits, no leading zero when more than four. Year 0000 is accepted
/// (XML Schema 1.1 reads it as 1 BCE).
pub(crate) fn year(c: &mut Cursor<'_>) -> Option<i32> {
    let neg = c.eat(b'-');
    let d = c.digits();
    if d.len() < 4 || (d.len() > 4 && d.starts_with('0')) {
        return None;
    }
    let v: i32 = d.parse().ok()?;
    Some(if neg { -v } else { v })
}

/// `mm` in 1..=12.
pub(crate) fn month(c: &mut Cursor<'_>) -> Option<u8> {
    c.two_digits().filter(|m| (1..=12).contains(m))
}

/// Days in a month of the proleptic Gregorian calendar.
pub(crate) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 => {
            let leap =
                year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0);
            if leap {
                29
            } else {
                28
            }
        }
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `dd` in 1..=max.
pub(crate) fn day(c: &mut Cursor<'_>, max: u8) -> Option<u8> {
    c.two_digits().filter(|d| (1..=max).contains(d))
}

/// The time of day of a lexical form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(crate) struct TimeOfDay {
    pub(crate) hour: u8,
    pub(crate) minute: u8,
    pub(crate) second: u8,
    pub(crate) nanos: u32,
}

/// `hh:mm:ss(.s+)?`; `24:00:00` (with an all-zero fraction) is accepted.
pub(crate) fn time_of_day(c: &mut Cursor<'_>) -> Option<TimeOfDay> {
    let hour = c.two_digits().filter(|h| *h <= 24)?;
    c.expect(b':')?;
    let minute = c.two_digits().filter(|m| *m <= 59)?;
    c.expect(b':')?;
    let second = c.two_digits().filter(|s| *s <= 59)?;
    let mut nanos = 0u32;
    let mut frac_nonzero = false;
    if c.eat(b'.') {
        let f = c.digits();
        if f.is_empty() {
            return None;
        }
        frac_nonzero = f.bytes().any(|b| b != b'0');
        let mut scaled = String::with_capacity(9);
        scaled.extend(f.chars().take(9));
        while scaled.len() < 9 {
            scaled.push('0');
        }
        nanos = scaled.parse().ok()?;
    }
    if hour == 24 && (minute != 0 || second != 0 || frac_nonzero) {
        return None;
    }
    Some(TimeOfDay {
        hour,
        minute,
        second,
        nanos,
    })
}

/// An optional zone: `Z` or `(+|-)hh:mm` within ±14:00. Returns the offset in minutes.
pub(crate) fn zone(c: &mut Cursor<'_>) -> Option<Option<i16>> {
    if c.is_end() {
        return Some(None);
    }
    if c.eat(b'Z') {
        return Some(Some(0));
    }
    let sign: i16 = if c.eat(b'+') {
        1
    } else if c.eat(b'-') {
        -1
    } else {
        return None;
    };
    let h = c.two_digits().filter(|h| *h <= 14)?;
    c.expect(b':')?;
    let m = c.two_digits().filter(|m| *m <= 59)?;
    if h == 14 && m != 0 {
        return None;
    }
    Some(Some(sign * (i16::from(h) * 60 + i16::from(m))))
}

/// The chrono offset of a zone in minutes.
pub(crate) fn offset(tz: Option<i16>) -> Option<FixedOffset> {
    tz.and_then(|m| FixedOffset::east_opt(i32::from(m) * 60))
}

/// Zone minutes of a chrono offset (rounded towards zero to whole minutes).
pub(crate) fn tz_minutes(off: FixedOffset) -> i16 {
    i16::try_from(off.local_minus_utc() / 60).unwrap_or(0)
}

/// Appends a zone: `Z` for a zero offset when `z_for_utc`, else `+hh:mm` / `-hh:mm`.
pub(crate) fn write_zone(out: &mut String, tz: Option<i16>, z_for_utc: bool) {
    match tz {
        None => {}
        Some(0) if z_for_utc => out.push('Z'),
        Some(m) => {
            let sign = if m < 0 { '-' } else { '+' };
            let a = m.unsigned_abs();
            let _ = write!(out, "{sign}{:02}:{:02}", a / 60, a % 60);
        }
    }
}

/// Appends a year with at least four digits.
pub(crate) fn write_year(out: &mut String, year: i32) {
    if year < 0 {
        out.push('-');
    }
    let _ = write!(out, "{:04}", year.unsigned_abs());
}

/// Appends `hh:mm:ss` plus a fraction without trailing zeros (none when zero).
pub(crate) fn write_time(out: &mut String, t: TimeOfDay) {
    let _ = write!(out, "{:02}:{:02}:{:02}", t.hour, t.minute, t.second);
    if t.nanos != 0 {
        let f = format!("{:09}", t.nanos);
        out.push('.');
        out.push_str(f.trim_end_matches('0'));
    }
}

/// Days from 1970-01-01 to a civil date of an `i32` year (H. Hinnant's algorithm; cannot
/// overflow: |year| < 2³¹ gives fewer than 2⁴⁰ days).
pub(crate) fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    days_from_civil_wide(i128::from(year), month, day)
        .and_then(|d| i64::try_from(d).ok())
        .unwrap_or(if year < 0 { i64::MIN } else { i64::MAX })
}

/// Days from 1970-01-01 to a civil date of any year (durations add up to 2⁶⁴ years to a
/// reference date); checked arithmetic, `None` when out of range.
pub(crate) fn days_from_civil_wide(year: i128, month: u8, day: u8) -> Option<i128> {
    let m = i128::from(month);
    let y = if m <= 2 { year.checked_sub(1)? } else { year };
    let era = y.div_euclid(400);
    let yoe = y.checked_sub(era.checked_mul(400)?)?;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i128::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era.checked_mul(146_097)?
        .checked_add(doe)?
        .checked_sub(719_468)
}

/// A point on the time line for ordering (seconds since the epoch, nanoseconds, zone given).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Instant {
    /// Seconds of the local time, already shifted to UTC when a zone is given.
    pub(crate) secs: i64,
    pub(crate) nanos: u32,
    pub(crate) zoned: bool,
}

impl Instant {
    /// Builds the instant of a local date and time with an optional zone.
    pub(crate) fn new(year: i32, month: u8, day: u8, t: TimeOfDay, tz: Option<i16>) -> Self {
        let days = days_from_civil(i64::from(year), month, day);
        let local = days * 86_400
            + i64::from(t.hour) * 3600
            + i64::from(t.minute) * 60
            + i64::from(t.second);
        let shift = tz.map_or(0, |m| i64::from(m) * 60);
        Instant {
            secs: local - shift,
            nanos: t.nanos,
            zoned: tz.is_some(),
        }
    }

    fn key(self, shift_secs: i64) -> (i64, u32) {
        (self.secs + shift_secs, self.nanos)
    }
}

/// XML Schema's partial order of date/time values: zoned and unzoned values compare only when
/// they differ by more than 14 hours whatever the unzoned one's zone.
pub(crate) fn compare(a: Instant, b: Instant) -> Option<Ordering> {
    const FOURTEEN_H: i64 = 14 * 3600;
    if a.zoned == b.zoned {
        return Some(a.key(0).cmp(&b.key(0)));
    }
    // Let `u` be the unzoned one: its instants range over [u - 14h, u + 14h].
    let (z, u, flip) = if a.zoned { (a, b, false) } else { (b, a, true) };
    let ord = if z.key(0) < u.key(-FOURTEEN_H) {
        Ordering::Less
    } else if z.key(0) > u.key(FOURTEEN_H) {
        Ordering::Greater
    } else {
        return None;
    };
    Some(if flip { ord.reverse() } else { ord })
}
