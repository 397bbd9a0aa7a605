//! The seed's example week, as a case to start from (`bpa example`).
//!
//! Oslo's routine (seed 001, "Å samle timer til større bolker"): help with
//! care, meals, toilet and going to bed at 4 times a day, every day, 1 hour
//! each: 4 × 1 h × 7 days = 28 hours a week.

use super::time::{Days, TimeOfDay};
use super::{Answer, Applicant, Arbeidsleder, Case, Need, NeedKind, Person, Place};

fn at(h: u32) -> TimeOfDay {
    TimeOfDay::hm(h, 0).unwrap_or_else(|| unreachable!("hours 0-23 are times"))
}

/// One hour of personal assistance starting at `h`, every day.
fn visit(h: u32, label: &str) -> Need {
    Need {
        kind: NeedKind::Personal,
        days: Days::EVERY_DAY,
        start: at(h),
        end: at(h + 1),
        crosses_midnight: false,
        helpers: 1,
        place: Place::Home,
        continuous: false,
        label: label.into(),
    }
}

/// The seed's example: 4 visits × 1 hour × 7 days = 28 hours a week.
pub fn seed_week() -> Case {
    Case {
        person: Person {
            age: Some(45),
            long_lasting: Some(Answer::Yes),
            applicant: Some(Applicant::Myself),
            arbeidsleder: Some(Arbeidsleder::Myself),
            ..Person::default()
        },
        needs: vec![
            visit(7, "Stå opp, stell og frokost"),
            visit(12, "Lunsj og toalett"),
            visit(17, "Middag"),
            visit(21, "Kveldsstell og legging"),
        ],
        ..Case::default()
    }
}
