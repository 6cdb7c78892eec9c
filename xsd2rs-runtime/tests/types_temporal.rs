//! dateTime, date, time, duration and the partial Gregorian types.

use std::cmp::Ordering;

use chrono::{FixedOffset, NaiveDate, TimeZone, Utc};
use xsd2rs_runtime::types::{
    Date, DateTime, Duration, DurationParts, GDay, GMonth, GMonthDay, GYear, GYearMonth, Time,
};
use xsd2rs_runtime::SimpleValue;

fn text<T: SimpleValue>(v: &T) -> String {
    let mut s = String::new();
    v.write_text(&mut s);
    s
}

fn dt(s: &str) -> DateTime {
    DateTime::parse_text(s).unwrap()
}

#[test]
fn datetime_keeps_zone_presence_and_lexical_form() {
    let local = dt("2009-03-03T10:00:00");
    let utc = dt("2009-03-03T10:00:00Z");
    let ist = dt(" 2009-03-03T10:00:00+05:30\n");
    assert!(!local.has_timezone());
    assert_eq!(local.offset(), None);
    assert_eq!(local.to_chrono_utc(), None);
    assert!(utc.has_timezone());
    assert_eq!(text(&utc), "2009-03-03T10:00:00Z");
    assert_eq!(text(&ist), "2009-03-03T10:00:00+05:30");
    assert_eq!(ist.offset(), FixedOffset::east_opt(5 * 3600 + 1800));
    assert_eq!(
        ist.to_chrono_utc(),
        Some(Utc.with_ymd_and_hms(2009, 3, 3, 4, 30, 0).unwrap())
    );
    assert_eq!(
        local.naive(),
        NaiveDate::from_ymd_opt(2009, 3, 3)
            .unwrap()
            .and_hms_opt(10, 0, 0)
    );
    let assumed = local.to_chrono_utc_assuming(FixedOffset::west_opt(3600).unwrap());
    assert_eq!(
        assumed,
        Some(Utc.with_ymd_and_hms(2009, 3, 3, 11, 0, 0).unwrap())
    );
    // The lexical form is the identity: same instant, different text, different values.
    assert_ne!(utc, dt("2009-03-03T10:00:00+00:00"));
    assert_eq!(
        utc.partial_cmp_value(&dt("2009-03-03T10:00:00+00:00")),
        Some(Ordering::Equal)
    );
}

#[test]
fn datetime_fractions_and_midnight() {
    let f = dt("2009-03-03T10:00:00.1234567891Z");
    assert_eq!(f.nanosecond(), 123_456_789);
    assert_eq!(text(&f), "2009-03-03T10:00:00.1234567891Z");
    let end = dt("2009-12-31T24:00:00");
    assert_eq!(end.hour(), 24);
    assert_eq!(
        end.naive(),
        NaiveDate::from_ymd_opt(2010, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
    );
    assert_eq!(
        end.partial_cmp_value(&dt("2010-01-01T00:00:00")),
        Some(Ordering::Equal)
    );
    assert!(DateTime::parse_text("2009-03-03T24:00:01").is_err());
    assert!(DateTime::parse_text("2009-03-03T24:00:00.5").is_err());
    assert!(DateTime::parse_text("2009-03-03T24:00:00.000").is_ok());
}

#[test]
fn datetime_rejects_malformed_values() {
    for bad in [
        "",
        "2009-03-03",
        "2009-03-03 10:00:00",
        "2009-3-03T10:00:00",
        "09-03-03T10:00:00",
        "2009-02-29T10:00:00",
        "2009-13-01T10:00:00",
        "2009-04-31T10:00:00",
        "2009-03-03T10:60:00",
        "2009-03-03T10:00:60",
        "2009-03-03T10:00",
        "2009-03-03T10:00:00.",
        "2009-03-03T10:00:00+5:30",
        "2009-03-03T10:00:00+14:30",
        "2009-03-03T10:00:00z",
        "2009-03-03T10:00:00Z ",
        "02009-03-03T10:00:00",
        "2009-03-03T10:00:00ZZ",
    ] {
        let trimmed_ok = bad.ends_with("Z ");
        let r = DateTime::parse_text(bad);
        assert_eq!(r.is_ok(), trimmed_ok, "{bad:?}");
    }
    assert!(DateTime::parse_text("2008-02-29T10:00:00").is_ok());
    assert!(DateTime::parse_text("2000-02-29T10:00:00").is_ok());
    assert!(DateTime::parse_text("1900-02-29T10:00:00").is_err());
    let far = dt("-12345-01-01T00:00:00");
    assert_eq!(far.year(), -12345);
    assert!(DateTime::parse_text("12345-01-01T00:00:00Z").is_ok());
}

#[test]
fn datetime_from_chrono() {
    let utc = Utc.with_ymd_and_hms(2009, 3, 3, 10, 0, 0).unwrap();
    assert_eq!(DateTime::from(utc).to_string(), "2009-03-03T10:00:00Z");
    let off = FixedOffset::east_opt(-(5 * 3600)).unwrap();
    let local = off.with_ymd_and_hms(2009, 3, 3, 10, 0, 0).unwrap();
    let v = DateTime::from(local);
    assert_eq!(v.to_string(), "2009-03-03T10:00:00-05:00");
    assert_eq!(v.to_chrono(), Some(local));
    let naive = NaiveDate::from_ymd_opt(2009, 3, 3)
        .unwrap()
        .and_hms_milli_opt(10, 0, 0, 250)
        .unwrap();
    let n = DateTime::from(naive);
    assert_eq!(n.to_string(), "2009-03-03T10:00:00.25");
    assert_eq!(n.naive(), Some(naive));
    assert_eq!(DateTime::parse_text(&n.to_string()).unwrap(), n);
}

#[test]
fn datetime_partial_order_between_zoned_and_unzoned() {
    let z = dt("2009-03-03T12:00:00Z");
    assert_eq!(z.partial_cmp_value(&dt("2009-03-03T11:00:00")), None);
    assert_eq!(
        z.partial_cmp_value(&dt("2009-03-04T03:00:00")),
        Some(Ordering::Less)
    );
    assert_eq!(
        z.partial_cmp_value(&dt("2009-03-02T21:00:00")),
        Some(Ordering::Greater)
    );
    assert_eq!(
        dt("2009-03-03T12:00:00+02:00").partial_cmp_value(&dt("2009-03-03T11:00:00Z")),
        Some(Ordering::Less)
    );
}

#[test]
fn date_and_time() {
    let d = Date::parse_text("2009-03-03").unwrap();
    assert!(!d.has_timezone());
    assert_eq!(d.naive(), NaiveDate::from_ymd_opt(2009, 3, 3));
    let dz = Date::parse_text("2009-03-03-05:00").unwrap();
    assert_eq!(dz.offset(), FixedOffset::west_opt(5 * 3600));
    assert_eq!(text(&dz), "2009-03-03-05:00");
    assert!(Date::parse_text("2009-03-03T00:00:00").is_err());
    assert!(Date::parse_text("2009-02-30").is_err());
    assert_eq!(
        Date::from(NaiveDate::from_ymd_opt(5, 1, 2).unwrap()).to_string(),
        "0005-01-02"
    );

    let t = Time::parse_text("10:00:00.125Z").unwrap();
    assert_eq!(
        (t.hour(), t.minute(), t.second(), t.nanosecond()),
        (10, 0, 0, 125_000_000)
    );
    assert!(t.has_timezone());
    assert_eq!(
        Time::parse_text("24:00:00").unwrap().naive(),
        chrono::NaiveTime::MIN
    );
    assert!(Time::parse_text("25:00:00").is_err());
    assert!(Time::parse_text("10:00").is_err());
    assert_eq!(
        Time::parse_text("10:00:00")
            .unwrap()
            .partial_cmp_value(&Time::parse_text("09:59:59.9").unwrap()),
        Some(Ordering::Greater)
    );
    let nt = chrono::NaiveTime::from_hms_opt(23, 59, 1).unwrap();
    assert_eq!(
        Time::from_naive_with_offset(nt, FixedOffset::east_opt(0).unwrap()).to_string(),
        "23:59:01Z"
    );
}

#[test]
fn duration_components() {
    let d = Duration::parse_text(" P1Y2M3DT4H5M6.7S ").unwrap();
    assert_eq!(
        d.parts(),
        DurationParts {
            negative: false,
            years: 1,
            months: 2,
            days: 3,
            hours: 4,
            minutes: 5,
            seconds: 6,
            nanos: 700_000_000
        }
    );
    assert_eq!(text(&d), "P1Y2M3DT4H5M6.7S");
    assert!(d.to_chrono().is_none());
    let neg = Duration::parse_text("-PT30M").unwrap();
    assert!(neg.is_negative());
    assert_eq!(neg.to_chrono(), Some(chrono::TimeDelta::minutes(-30)));
    assert_eq!(
        Duration::parse_text("P0D").unwrap().to_chrono(),
        Some(chrono::TimeDelta::zero())
    );
    assert_eq!(
        Duration::parse_text("PT1.5S").unwrap().to_chrono(),
        Some(chrono::TimeDelta::milliseconds(1500))
    );
    for bad in [
        "", "P", "PT", "P1", "1Y", "P1S", "PT1Y", "P1M1Y", "P-1D", "P1.5D", "PT1H1H", "P1DT",
        "+P1D", "PT.S", "PT1.S5",
    ] {
        assert!(Duration::parse_text(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn duration_construction_and_order() {
    let d = Duration::from(chrono::TimeDelta::seconds(-(86_400 + 3600 + 61)));
    assert_eq!(d.to_string(), "-P1DT1H1M1S");
    assert_eq!(
        Duration::from(chrono::TimeDelta::zero()).to_string(),
        "PT0S"
    );
    assert_eq!(
        Duration::from_parts(DurationParts {
            months: 14,
            nanos: 500,
            ..Default::default()
        })
        .to_string(),
        "P14MT0.0000005S"
    );
    let p = |s: &str| Duration::parse_text(s).unwrap();
    assert_eq!(p("P1M").partial_cmp_value(&p("P30D")), None);
    assert_eq!(p("P1M").partial_cmp_value(&p("P32D")), Some(Ordering::Less));
    assert_eq!(
        p("P1Y").partial_cmp_value(&p("P12M")),
        Some(Ordering::Equal)
    );
    assert_eq!(
        p("PT36H").partial_cmp_value(&p("P1DT12H")),
        Some(Ordering::Equal)
    );
    assert_eq!(
        p("-PT1S").partial_cmp_value(&p("PT0S")),
        Some(Ordering::Less)
    );
}

#[test]
fn gregorian_partial_dates() {
    assert_eq!(GYear::parse_text("2009").unwrap().year(), 2009);
    assert_eq!(GYear::parse_text("-0044Z").unwrap().year(), -44);
    assert!(GYear::parse_text("209").is_err());
    let ym = GYearMonth::parse_text("2009-03+01:00").unwrap();
    assert_eq!((ym.year(), ym.month()), (2009, 3));
    assert!(ym.has_timezone());
    assert!(GYearMonth::parse_text("2009-13").is_err());
    let md = GMonthDay::parse_text("--02-29").unwrap();
    assert_eq!((md.month(), md.day()), (2, 29));
    assert!(GMonthDay::parse_text("--02-30").is_err());
    assert!(GMonthDay::parse_text("--04-31").is_err());
    assert_eq!(GDay::parse_text("---31").unwrap().day(), 31);
    assert!(GDay::parse_text("---32").is_err());
    assert!(GDay::parse_text("--31").is_err());
    assert_eq!(GMonth::parse_text("--12").unwrap().month(), 12);
    // The original 1.0 form is read and written in the corrected form: the same value.
    assert_eq!(GMonth::parse_text("--12--").unwrap().to_string(), "--12");
    assert_eq!(
        GMonth::parse_text("--05---05:00").unwrap().to_string(),
        "--05-05:00"
    );
    assert_eq!(
        GMonth::parse_text("--05--Z").unwrap(),
        GMonth::parse_text("--05Z").unwrap()
    );
    assert!(GMonth::parse_text("--05--+").is_err());
    assert!(GMonth::parse_text("--13").is_err());
    assert_eq!(GYear::new(7, None).to_string(), "0007");
    assert_eq!(
        GMonthDay::new(2, 29, FixedOffset::east_opt(0))
            .unwrap()
            .to_string(),
        "--02-29Z"
    );
    assert!(GMonthDay::new(2, 30, None).is_none());
    assert_eq!(
        GYear::parse_text("2009")
            .unwrap()
            .partial_cmp_value(&GYear::parse_text("2010").unwrap()),
        Some(Ordering::Less)
    );
}
