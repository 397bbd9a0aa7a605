//! Clock times, days of the week and calendar dates.
//!
//! These are small value types with their own parsing, so that a wrong time
//! ("25:00") or date is caught where it enters and named in plain words,
//! never turned into a panic further in.

use crate::json::write_padded;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The value of a few digits in `radix` (10 or 16), as `str::parse` and
/// `from_str_radix` read an unsigned number, one leading `+` included; for
/// at most 6 digits (no overflow). Why not those: their general code is
/// about 0.7 KB of the page's WebAssembly, for dates, times and colours.
pub(crate) fn digits_value(s: &str, radix: u32) -> Option<u32> {
    let digits = match s.strip_prefix('+') {
        Some(rest) if !rest.is_empty() => rest,
        _ => s,
    };
    if digits.is_empty() || digits.len() > 6 {
        return None;
    }
    digits
        .chars()
        .try_fold(0, |v, c| Some(v * radix + c.to_digit(radix)?))
}

/// Minutes in a day (døgn).
pub const MINUTES_PER_DAY: u32 = 24 * 60;
/// Minutes in a week: the largest number of hours that can count (168 h).
pub const MINUTES_PER_WEEK: u32 = 7 * MINUTES_PER_DAY;

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
        if m < 60 && (h < 24 || (h == 24 && m == 0)) {
            Some(Self((h * 60 + m) as u16))
        } else {
            None
        }
    }
    pub fn minutes(self) -> u32 {
        u32::from(self.0)
    }
    /// Parses "HH:MM" (or "H:MM"). Returns `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        let (h, m) = s.trim().split_once(':')?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return None;
        }
        if !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        Self::hm(digits_value(h, 10)?, digits_value(m, 10)?)
    }
}

impl TimeOfDay {
    /// "HH:MM", as `Display` writes it; built by hand, as Rust's general
    /// formatting (padding with zeros) is a few KB of the page's WebAssembly.
    pub fn text(self) -> String {
        let mut s = String::new();
        write_padded(&mut s, u64::from(self.0 / 60), 2);
        s.push(':');
        write_padded(&mut s, u64::from(self.0 % 60), 2);
        s
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text())
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        TimeOfDay::parse(&s).ok_or_else(|| {
            de::Error::custom(format!(
                "\"{s}\" is not a time of day: write it as HH:MM, from 00:00 to 24:00"
            ))
        })
    }
}

/// A day of the week (ukedag), Monday first as in Norway.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
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
    pub fn code(self) -> &'static str {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][self.index()]
    }
}

/// A set of days of the week, stored as seven bits (bit 0 = Monday).
/// In JSON it is a list: `["mon", "wed"]`.
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
/// a date can be found by comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A checked date; `None` when there is no such day.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days_in_month && (1900..=9999).contains(&year)).then_some(Date {
            year,
            month,
            day,
        })
    }
    pub fn parse(s: &str) -> Option<Date> {
        let mut it = s.trim().splitn(3, '-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let (y, m, d) = (
            digits_value(y, 10)?,
            digits_value(m, 10)?,
            digits_value(d, 10)?,
        );
        // At most 4 and 2 digits: they fit.
        Date::new(y as u16, m as u8, d as u8)
    }
    /// The date from days since 1970-01-01 (the Unix epoch), for "today".
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
}

impl Date {
    /// "YYYY-MM-DD", as `Display` writes it; built by hand, as for
    /// [`TimeOfDay::text`].
    pub fn text(self) -> String {
        let mut s = String::new();
        write_padded(&mut s, u64::from(self.year), 4);
        s.push('-');
        write_padded(&mut s, u64::from(self.month), 2);
        s.push('-');
        write_padded(&mut s, u64::from(self.day), 2);
        s
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| {
            de::Error::custom(format!(
                "\"{s}\" is not a date: write it as YYYY-MM-DD, for example 2026-11-23"
            ))
        })
    }
}

crate::model::serialize_by_name!(Day);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_read_as_parse_reads_them() {
        let texts = [
            "", "+", "-", "0", "7", "07", "+7", "++7", "-7", "+-7", "12", "99", "ff", "Ff", "+f",
            "0x", " 1", "1 ", "٣", "é", "123456", "999999", "2025", "+202",
        ];
        for s in texts {
            assert_eq!(digits_value(s, 10), s.parse::<u32>().ok(), "{s:?}");
            assert_eq!(
                digits_value(s, 16),
                u32::from_str_radix(s, 16).ok(),
                "{s:?}"
            );
        }
        assert_eq!(digits_value("1234567", 10), None);
    }

    #[test]
    fn texts_are_the_zero_padded_numbers() {
        for m in 0..=MINUTES_PER_DAY {
            let t = TimeOfDay::from_minutes(m).unwrap();
            assert_eq!(t.text(), format!("{:02}:{:02}", m / 60, m % 60));
            assert_eq!(t.to_string(), t.text());
        }
        for (year, month, day) in [(1900, 1, 1), (2025, 11, 23), (9999, 12, 31), (7, 2, 3)] {
            let d = Date { year, month, day };
            assert_eq!(d.text(), format!("{year:04}-{month:02}-{day:02}"));
            assert_eq!(d.to_string(), d.text());
        }
    }

    #[test]
    fn times_parse_and_reject() {
        assert_eq!(TimeOfDay::parse("07:30").map(|t| t.minutes()), Some(450));
        assert_eq!(TimeOfDay::parse("7:05").map(|t| t.minutes()), Some(425));
        assert_eq!(TimeOfDay::parse("24:00").map(|t| t.minutes()), Some(1440));
        for bad in [
            "25:00", "24:01", "12:60", "12", "", "1:2", "-1:00", "aa:bb", "12:3x",
        ] {
            assert_eq!(TimeOfDay::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_parse_and_reject() {
        assert_eq!(Date::parse("2024-02-29"), Date::new(2024, 2, 29));
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2026-13-01").is_none());
        assert!(Date::parse("26-1-1").is_none());
        assert_eq!(Date::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_unix_days(20_415).to_string(), "2025-11-23");
    }
}
