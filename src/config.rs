//! Limits against hostile or mistaken input, in one place.
//!
//! A file or a link can come from anyone. These bounds keep the engine and the
//! page responsive whatever they are given; each is far above what a real
//! week of needs holds, so no honest map meets them.

/// Most needs in one case. A dense real week has 20–40; 200 is five times
/// that. It was 500 until the page was measured at the limits (issue 14,
/// `.ci/bench-keystroke.mjs`, 2 cores, 2026-12-02): at 500 needs a keystroke
/// still met tasks of up to 96 ms, at 200 none over 50 ms, and every
/// keystroke reached the next frame within 46 ms. A map with more entries
/// than this is not a week a person has mapped by hand.
pub const MAX_NEEDS: usize = 200;
/// Most monthly needs in one case.
pub const MAX_MONTHLY: usize = 50;
/// Longest free-text label on a need, in characters.
pub const MAX_LABEL_CHARS: usize = 200;
/// Longest free-text answer to a kartlegging question, in characters.
pub const MAX_NOTE_CHARS: usize = 2000;
/// Most helpers at once on one need.
pub const MAX_HELPERS: u8 = 4;
/// Highest age accepted.
pub const MAX_AGE: i64 = 130;
/// Most hours per month on one monthly need (a 31-day month: 744 hours).
pub const MAX_HOURS_PER_MONTH: f64 = 744.0;
/// Largest JSON input the CLI and the page will read, in bytes: a file, a
/// draft, standard input, and a share link once unpacked.
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;
/// Deepest nesting of JSON values read (a case, a profile, a draft). This is
/// serde_json's own recursion limit, named here so that the message for a
/// file nested deeper says the number that applies.
pub const MAX_JSON_DEPTH: usize = 128;
/// Longest language code in a case's settings (`settings.lang`), in bytes.
pub const MAX_LANG_BYTES: usize = 8;
/// Longest municipality name in a case's settings (`settings.municipality`),
/// in bytes: the page counts the same bytes (UTF-8) before it puts a name
/// from its address into a case.
pub const MAX_MUNICIPALITY_BYTES: usize = 64;
/// Most current services listed.
pub const MAX_CURRENT_SERVICES: usize = 16;
/// Longest share link (the text after `#` in the page address) that is made
/// or opened, in characters. A real week with labels is a few hundred; all
/// five notes at their longest, in any script, fit. Checked before a link is
/// decoded, so a hostile one costs next to nothing; a case too large for a
/// link (hundreds of long labels) is shared as a file instead.
pub const MAX_LINK_CHARS: usize = 64 * 1024;

// Municipality profiles (`www/profiles/<id>.json`, see `profile.rs`). A
// profile comes from the hosting municipality, not the person, but a
// mistaken or hostile one must still be refused in plain words, never crash
// the page. Real profiles hold a handful of items with short texts.

/// Largest profile file read, in bytes.
pub const MAX_PROFILE_BYTES: usize = 64 * 1024;
/// Most items a profile adds (documents, alternatives and next steps together).
pub const MAX_PROFILE_ITEMS: usize = 40;
/// Most sources a profile lists.
pub const MAX_PROFILE_SOURCES: usize = 20;
/// Most languages one text is given in.
pub const MAX_PROFILE_LANGUAGES: usize = 8;
/// Longest text of an item or processing time, in characters.
pub const MAX_PROFILE_TEXT_CHARS: usize = 600;
/// Longest name of a municipality or title of a source, in characters.
pub const MAX_PROFILE_NAME_CHARS: usize = 200;
/// Longest web address, in characters.
pub const MAX_PROFILE_URL_CHARS: usize = 500;
/// Most origins a profile lists as embedding the calculator
/// (`embed_origins`): a municipality's own sites, a handful at most.
pub const MAX_PROFILE_EMBED_ORIGINS: usize = 16;
/// Longest such origin, in characters (`https://`, a host name of at most
/// 253 and a port).
pub const MAX_PROFILE_ORIGIN_CHARS: usize = 270;
/// Longest profile id, source id or item code, in characters (the id is
/// also `settings.municipality`, which allows 64).
pub const MAX_PROFILE_ID_CHARS: usize = 64;
/// Longest processing time accepted, in days.
pub const MAX_PROCESSING_DAYS: u32 = 365;
/// Deepest nesting of conditions (`any`, `all`, `not`) in a profile item.
pub const MAX_CONDITION_DEPTH: usize = 8;
/// Most conditions in one `any` or `all` list.
pub const MAX_CONDITION_LIST: usize = 32;

/// Most documents a case may mark as attached (`attached`): more than every
/// built-in document and a profile's own items together.
pub const MAX_ATTACHED: usize = 80;
/// Longest document code in `attached`, in characters (as an item code).
pub const MAX_ATTACHED_CODE_CHARS: usize = 64;
/// Most hours a week a decision can grant (`--granted-hours`): the week's 168.
pub const MAX_GRANTED_HOURS: f64 = 168.0;
/// Highest amount in kroner a profile's charge may name (a month's rate).
pub const MAX_CHARGE_KR: f64 = 100_000.0;
// Drafts (`crate::draft`): a draft is limited like a file (its envelope's
// text at most `MAX_INPUT_BYTES`, nested at most `MAX_JSON_DEPTH`).

/// Most values set aside (`bpa-draft-set-aside-<n>`: stored values under
/// our keys that were no draft at all) in one storage; beyond it, a value
/// stays where it is, and no draft is saved over it.
pub const MAX_DRAFT_SET_ASIDE: usize = 16;
