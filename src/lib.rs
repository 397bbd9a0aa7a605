//! # BPA-kalkulator
//!
//! Estimates whether a person likely has the right to have their help
//! organised as brukerstyrt personlig assistanse (BPA) under pasient- og
//! brukerrettighetsloven § 2-1 d, why, and which documents to submit. It is
//! an estimate ("du har trolig rett"), never a decision: only the
//! municipality decides.
//!
//! The modules, in the order the data flows:
//!
//! 1. [`case`]: the input, a person and a week of needs, with its times,
//!    its one reader and its checks;
//! 2. [`law`]: the law as dated data from `src/law/bpa.toml`;
//! 3. [`hours`]: the hours that count, those left out and why;
//! 4. [`verdict`]: reasons with statuses, the verdict, warnings;
//! 5. [`documents`]: documents, alternatives and next steps as data, chosen
//!    by conditions on the answers;
//! 6. [`municipality`]: municipality profiles (form, contact, processing
//!    time, their own items), one JSON file each in `www/profiles/`;
//! 7. [`cost`]: an estimate of the monthly charge (egenbetaling), and
//!    [`assess`]: the one function that ties them together;
//! 8. [`letter`]: the application letter from the map, and [`appeal`]:
//!    after a decision, the deadline and a drafted complaint;
//! 9. [`link`]: share links, the case in the page's address;
//! 10. [`draft`]: drafts, the case as typed in the browser's storage, valid
//!     or not, and the rules that lose none of them;
//! 11. `bridge` (feature `wasm`): the page's WebAssembly; and the CLI in
//!     `src/bin/bpa.rs` with its text [`report`].
//!
//! Below them, importing nothing of the domain: [`error`] (errors for
//! people), [`config`] (limits against hostile input), [`catalogue`] (the
//! texts, natively) and [`util`].

pub mod appeal;
pub mod assess;
#[cfg(feature = "wasm")]
pub mod bridge;
pub mod case;
pub mod cost;
pub mod documents;
pub mod draft;
pub mod forms;
pub mod hours;
pub mod law;
pub mod letter;
pub mod link;
pub mod municipality;
#[cfg(not(target_arch = "wasm32"))]
pub mod report;
pub mod verdict;

#[cfg(not(target_arch = "wasm32"))]
pub mod catalogue;
pub mod config;
pub mod error;
pub mod util;

pub use assess::{assess, assess_with_profile, Assessment};
pub use case::time::{Date, Day, Days, TimeOfDay};
pub use case::{Case, IncomeBand, MonthlyNeed, Need, NeedKind, Person, Place};
pub use error::{InputError, InputErrors};
pub use hours::{Cause, WeeklyHours};
pub use law::Law;
pub use municipality::Profile;
pub use verdict::{Reason, Status, Verdict};

/// Today's date from the system clock (UTC), for the CLI.
#[cfg(not(target_arch = "wasm32"))]
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_unix_days((secs / 86_400) as i64)
}
