//! Clock times, days of the week and calendar dates.
//!
//! Small value types with their own reading, so that a wrong time ("25:00")
//! or date ("2026-+1-+1") is caught where it enters and named in plain
//! words, never turned into a panic further in.

use crate::error::coded;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Minutes in a day (døgn).
pub const MINUTES_PER_DAY: u32 = 24 * 60;
/// Minutes in a week: the largest number of hours that can count (168 h).
pub const MINUTES_PER_WEEK: u32 = 7 * MINUTES_PER_DAY;

/// `s` as a whole number when it is nothing but ASCII digits: no sign, no
/// spaces (`str::parse` takes a leading `+`, and "2026-+1-+1" must not
/// read as a date).
fn digits<T: std::str::FromStr>(s: &str) -> Option<T> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A time of day, "HH:MM" (klokkeslett). `24:00` is allowed as an end time:
/// the end of the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    /// From minutes after midnight, 0..=1440.
    pub fn from_minutes(m: u32) -> Option<Self> {
        (m <= MINUTES_PER_DAY).then_some(Self(m as u16))
    }
    /// From hours and minutes; `None` when it is no time of day.
    pub fn hm(h: u32, m: u32) -> Option<Self> {
        (m < 60 && (h < 24 || (h == 24 && m == 0))).then(|| Self((h * 60 + m) as u16))
    }
    pub fn minutes(self) -> u32 {
        u32::from(self.0)
    }
    /// Reads "HH:MM" (or "H:MM"). `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        let (h, m) = s.trim().split_once(':')?;
        if h.len() > 2 || m.len() != 2 {
            return None;
        }
        Self::hm(digits(h)?, digits(m)?)
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        TimeOfDay::parse(&s)
            .ok_or_else(|| coded("INVALID_VALUE", &[("shape", "bad_time"), ("value", &s)]))
    }
}

/// A day of the week (ukedag), Monday first as in Norway.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Day {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Day {
    pub const ALL: [Day; 7] = [
        Day::Mon,
        Day::Tue,
        Day::Wed,
        Day::Thu,
        Day::Fri,
        Day::Sat,
        Day::Sun,
    ];
    /// 0 for Monday … 6 for Sunday.
    pub fn index(self) -> usize {
        self as usize
    }
    pub fn from_index(i: usize) -> Option<Day> {
        Self::ALL.get(i).copied()
    }
    /// The day's name in files and catalogue keys: "mon" … "sun".
    pub fn code(self) -> &'static str {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][self.index()]
    }
}

/// A set of days of the week, seven bits (bit 0 = Monday). In JSON it is a
/// list: `["mon", "wed"]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Days(u8);

impl Days {
    pub const EVERY_DAY: Days = Days(0b111_1111);
    pub const WEEKDAYS: Days = Days(0b001_1111);
    pub const WEEKEND: Days = Days(0b110_0000);

    pub fn from_bits(bits: u8) -> Days {
        Days(bits & 0b111_1111)
    }
    pub fn bits(self) -> u8 {
        self.0
    }
    pub fn contains(self, d: Day) -> bool {
        self.0 & (1 << d.index()) != 0
    }
    pub fn insert(&mut self, d: Day) {
        self.0 |= 1 << d.index();
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn len(self) -> u32 {
        self.0.count_ones()
    }
    pub fn iter(self) -> impl Iterator<Item = Day> {
        Day::ALL.into_iter().filter(move |d| self.contains(*d))
    }
}

impl FromIterator<Day> for Days {
    fn from_iter<I: IntoIterator<Item = Day>>(iter: I) -> Self {
        let mut days = Days::default();
        for d in iter {
            days.insert(d);
        }
        days
    }
}

impl Serialize for Days {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Days {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Vec::<Day>::deserialize(d)?.into_iter().collect())
    }
}

/// A calendar date (dato), "YYYY-MM-DD". Ordered, so that the law in force on
/// a date is found by comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A checked date from 1900 to 9999; `None` when there is no such day.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=days_in_month).contains(&day) && (1900..=9999).contains(&year)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Reads "YYYY-MM-DD", digits only.
    pub fn parse(s: &str) -> Option<Date> {
        let mut it = s.trim().splitn(3, '-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(digits(y)?, digits(m)?, digits(d)?)
    }

    /// Days since 1970-01-01 (the Unix epoch); negative before it.
    pub fn unix_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_unix_days(days: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }

    /// The date `n` days later (or earlier, for a negative `n`).
    pub fn plus_days(self, n: i64) -> Date {
        Date::from_unix_days(self.unix_days() + n)
    }

    /// The day of the week (1970-01-01 was a Thursday).
    pub fn weekday(self) -> Day {
        let i = (self.unix_days() + 3).rem_euclid(7) as usize;
        Day::from_index(i).unwrap_or(Day::Mon)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s)
            .ok_or_else(|| coded("INVALID_VALUE", &[("shape", "bad_date"), ("value", &s)]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_parse_and_reject() {
        assert_eq!(TimeOfDay::parse("07:30").map(|t| t.minutes()), Some(450));
        assert_eq!(TimeOfDay::parse("7:05").map(|t| t.minutes()), Some(425));
        assert_eq!(TimeOfDay::parse("24:00").map(|t| t.minutes()), Some(1440));
        for bad in [
            "25:00", "24:01", "12:60", "12", "", "1:2", "-1:00", "aa:bb", "12:3x", "+7:00", "7:+5",
            "٣:00",
        ] {
            assert_eq!(TimeOfDay::parse(bad), None, "{bad}");
        }
        for m in [0, 5, 450, 1439, 1440] {
            let t = TimeOfDay::from_minutes(m).unwrap();
            assert_eq!(TimeOfDay::parse(&t.to_string()), Some(t));
        }
    }

    #[test]
    fn dates_parse_and_reject() {
        assert_eq!(Date::parse("2024-02-29"), Date::new(2024, 2, 29));
        for bad in [
            "2023-02-29",
            "2026-13-01",
            "26-1-1",
            "2026-+1-+1",
            "+202-01-01",
            "2026-1-01",
        ] {
            assert!(Date::parse(bad).is_none(), "{bad}");
        }
        assert_eq!(Date::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_unix_days(20_415).to_string(), "2025-11-23");
    }

    #[test]
    fn days_since_the_epoch_go_both_ways() {
        for n in [-25_567, -1, 0, 1, 59, 20_415, 2_932_896] {
            assert_eq!(Date::from_unix_days(n).unix_days(), n, "{n}");
        }
        let d = Date::new(2026, 1, 31).unwrap();
        assert_eq!(d.plus_days(28).to_string(), "2026-02-28");
        assert_eq!(
            Date::new(2026, 12, 20).unwrap().plus_days(28).to_string(),
            "2027-01-17"
        );
    }

    #[test]
    fn the_day_of_the_week_follows_the_calendar() {
        let day = |y, m, d| Date::new(y, m, d).unwrap().weekday();
        assert_eq!(day(1970, 1, 1), Day::Thu);
        assert_eq!(day(2026, 1, 31), Day::Sat);
        assert_eq!(day(2026, 2, 28), Day::Sat);
        assert_eq!(day(2026, 11, 23), Day::Mon);
        assert_eq!(day(1969, 12, 31), Day::Wed);
    }
}
