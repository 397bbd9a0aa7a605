//! Share links (delelenke): a whole case in the page address, after `#`.
//!
//! A caseworker fills a needs map with a citizen and sends it on; a relative
//! opens it on their own phone; an applicant comes back the next day. With no
//! server, the case itself travels in the link. It goes in the *fragment*
//! (`https://…/bpa/#v3.…`), which the browser never sends to the web server.
//!
//! What this module writes, layout `v3`:
//!
//! ```text
//! link = "v3." base64url(deflate(json) crc32-le(json))
//! json = {"rules": "2020-07-01.1", "case": { …the case, as in a file… }}
//! ```
//!
//! The case is written by serde, exactly as a file holds it, so a new field
//! of the model travels in links with no change here (but for the
//! household's income band, left out unless the person includes it:
//! [`LinkOptions`]); deflate (miniz_oxide)
//! makes it short, the CRC-32 (crc32fast) of the JSON catches a link cut
//! short or changed on the way, and base64url (base64) keeps it safe in
//! addresses, e-mail and SMS. The rules version lets the page say that the
//! rules have changed since the link was made.
//!
//! Old links live on in e-mails and case files: `v1` and `v2` links, packed
//! by hand before `v3`, are still read ([`legacy`]), and `tests/links/`
//! holds golden links of every layout that every later version must open.
//!
//! Opening a link never trusts it: the length is checked before anything
//! else, the unpacked JSON is limited like a file, and the case then goes
//! through the same reader and checks as a file. Every problem is an
//! [`InputError`] on the field `link` (its words: `error.LINK_*`), followed
//! by the case's own errors when the case inside is wrong.

mod legacy;

use crate::case::read::read_value;
use crate::case::validate::validate;
use crate::case::Case;
use crate::config;
use crate::error::{InputError, InputErrors};
use crate::law::Law;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// The layout this module writes, the `3` in `v3.`.
pub const LINK_VERSION: u32 = 3;

/// A case opened from a link, with the rules version it was made under.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenedLink {
    pub case: Case,
    /// `Law::version` when the link was made, such as "2020-07-01.1".
    pub rules_version: String,
}

impl OpenedLink {
    /// The rules have changed since the link was made: the page recomputes
    /// under today's rules and says so.
    pub fn rules_changed(&self, law: &Law) -> bool {
        self.rules_version != law.version
    }
}

/// The JSON inside a `v3` link.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Body<C> {
    rules: String,
    case: C,
}

/// Longest rules version kept in a link.
const MAX_RULES_VERSION_CHARS: usize = 32;
/// Room for the page address before `#` when a whole address is pasted.
const MAX_ADDRESS_CHARS: usize = 2048;

/// What a link holds beside the map: the household's income band only when
/// the person chooses to include it. A link is forwarded, pasted into
/// e-mails and kept in case files, and the income is not needed to read the
/// map, so it stays out unless asked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LinkOptions {
    /// Keep `person.income_band` in the link.
    pub include_income: bool,
}

/// Makes the link text for a case (what goes after `#`), under the rules
/// compiled in, without the household's income band. Refuses a case that
/// would not open again: one that fails [`validate`], or one too large for a
/// link (then the file is the way).
pub fn encode(case: &Case) -> Result<String, InputErrors> {
    encode_with(case, LinkOptions::default())
}

/// Like [`encode`], with the income band when `options` say so.
pub fn encode_with(case: &Case, options: LinkOptions) -> Result<String, InputErrors> {
    encode_under_with(case, &Law::embedded().version, options)
}

/// Like [`encode`], naming the rules version to record. For tests and tools
/// that need a link "made under older rules".
pub fn encode_under(case: &Case, rules_version: &str) -> Result<String, InputErrors> {
    encode_under_with(case, rules_version, LinkOptions::default())
}

/// The link of `case` under `rules_version`, with what `options` include.
pub fn encode_under_with(
    case: &Case,
    rules_version: &str,
    options: LinkOptions,
) -> Result<String, InputErrors> {
    validate(case)?;
    let without_income;
    let case = if case.person.income_band.is_some() && !options.include_income {
        let mut c = case.clone();
        c.person.income_band = None;
        without_income = c;
        &without_income
    } else {
        case
    };
    if rules_version.chars().count() > MAX_RULES_VERSION_CHARS {
        return Err(InputError::new("rules_version", "BAD_RULES_VERSION").into());
    }
    let body = Body {
        rules: rules_version.to_string(),
        case,
    };
    // Through a JSON value, as everything the page's module writes (see
    // `case::read::json_value`). Writing our own types cannot fail; an
    // empty text would not open, and the round-trip tests would say so.
    let json = serde_json::to_value(&body)
        .and_then(|v| serde_json::to_vec(&v))
        .unwrap_or_default();
    // Deflated only as far as a link can hold: a case far too large for
    // one (hundreds of long labels) is refused halfway, not after the whole
    // of it is compressed.
    match seal_within(LINK_VERSION, &json, config::MAX_LINK_CHARS) {
        Some(link) => Ok(link),
        None => Err(link_error("LINK_CASE_TOO_LARGE")),
    }
}

/// A `vN.` link around the JSON text: deflated, with the JSON's checksum.
fn seal(version: u32, json: &[u8]) -> String {
    let mut bytes = miniz_oxide::deflate::compress_to_vec(json, DEFLATE_LEVEL);
    bytes.extend_from_slice(&crc32fast::hash(json).to_le_bytes());
    format!("v{version}.{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// miniz_oxide's level: its best. Links once made must be made the same
/// again (`tests/link.rs`), so this stays.
const DEFLATE_LEVEL: u8 = 9;

/// As [`seal`], or `None` as soon as the link would be longer than
/// `max_chars`: the deflate stops once its output passes what fits. The
/// bytes are those of [`seal`] (the same compressor and level, only its
/// output taken in one buffer).
fn seal_within(version: u32, json: &[u8], max_chars: usize) -> Option<String> {
    let prefix = format!("v{version}.");
    // base64 without padding writes n bytes as ceil(4n / 3) characters;
    // the checksum takes 4 of them.
    let max_bytes = (max_chars.checked_sub(prefix.len())? * 3 / 4).checked_sub(4)?;
    let mut bytes = deflate_within(json, max_bytes)?;
    bytes.extend_from_slice(&crc32fast::hash(json).to_le_bytes());
    let link = prefix + &URL_SAFE_NO_PAD.encode(bytes);
    (link.len() <= max_chars).then_some(link)
}

/// `json` deflated, if that is at most `limit` bytes; `None` (found as
/// soon as the output passes the limit) if not.
fn deflate_within(mut input: &[u8], limit: usize) -> Option<Vec<u8>> {
    use miniz_oxide::deflate::core::{
        compress, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush, TDEFLStatus,
    };
    let flags = create_comp_flags_from_zip_params(DEFLATE_LEVEL.into(), 0, 0);
    let mut compressor = CompressorOxide::new(flags);
    // One byte more than the limit: a full buffer means too much.
    let mut out = vec![0; limit.saturating_add(1)];
    let mut at = 0;
    loop {
        let (status, used, wrote) = compress(
            &mut compressor,
            input,
            out.get_mut(at..)?,
            TDEFLFlush::Finish,
        );
        at += wrote;
        input = input.get(used..)?;
        match status {
            TDEFLStatus::Done => {
                out.truncate(at);
                return (at <= limit).then_some(out);
            }
            // More to write, and room for it.
            TDEFLStatus::Okay if at < out.len() && (used > 0 || wrote > 0) => {}
            // The output is full (too long for a link), or the compressor failed.
            _ => return None,
        }
    }
}

/// Opens a link: the bare text after `#` (`v3.…`) or a whole address
/// containing it. Line breaks an e-mail program put in, and punctuation
/// around the link, are ignored.
pub fn decode(text: &str) -> Result<OpenedLink, InputErrors> {
    // Before anything else, so that a huge paste costs nothing.
    if text.len() > config::MAX_LINK_CHARS + MAX_ADDRESS_CHARS {
        return Err(link_error("LINK_TOO_LONG"));
    }
    let fragment = text.split_once('#').map_or(text, |(_, f)| f);
    let fragment: String = trim_around(fragment)
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    if fragment.is_empty() {
        return Err(link_error("LINK_EMPTY"));
    }
    if fragment.len() > config::MAX_LINK_CHARS {
        return Err(link_error("LINK_TOO_LONG"));
    }
    // "v" and the layout version's digits, then "." and the data.
    let Some((version, data)) = fragment.strip_prefix('v').and_then(|rest| {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let (v, data) = rest.split_at(digits);
        Some((layout_version(v)?, data))
    }) else {
        return Err(link_error("LINK_UNKNOWN"));
    };
    if version > LINK_VERSION {
        return Err(link_error("LINK_NEWER_VERSION"));
    }
    // "v3" alone is a link cut short; "v3" then anything but "." is not ours.
    let data = match data.strip_prefix('.') {
        Some(data) => data,
        None if data.is_empty() => return Err(damaged()),
        None => return Err(link_error("LINK_UNKNOWN")),
    };
    let bytes = URL_SAFE_NO_PAD.decode(data).map_err(|_| damaged())?;
    let (body, crc) = bytes.split_last_chunk::<4>().ok_or_else(damaged)?;
    let crc = u32::from_le_bytes(*crc);
    let (case, rules_version) = if version < 3 {
        if crc32fast::hash(body) != crc {
            return Err(damaged());
        }
        legacy::read(version, body).map_err(|_| link_error("LINK_UNREADABLE"))?
    } else {
        let json =
            miniz_oxide::inflate::decompress_to_vec_with_limit(body, config::MAX_INPUT_BYTES)
                .map_err(|_| damaged())?;
        if crc32fast::hash(&json) != crc {
            return Err(damaged());
        }
        let body: Body<serde_json::Value> = std::str::from_utf8(&json)
            .ok()
            .and_then(|text| crate::case::read::json_value(text).ok())
            // An object only: serde's derive would also take the list
            // `[rules, case]` (see `util::strict`).
            .filter(serde_json::Value::is_object)
            .and_then(|value| serde_json::from_value(value).ok())
            .ok_or_else(|| link_error("LINK_UNREADABLE"))?;
        if body.rules.chars().count() > MAX_RULES_VERSION_CHARS {
            return Err(link_error("LINK_UNREADABLE"));
        }
        let case = read_value(body.case).map_err(|InputErrors(errs)| {
            // A newer case format inside an older layout: as a newer link.
            if errs.iter().any(|e| e.code == "NEWER_VERSION") {
                return link_error("LINK_NEWER_VERSION");
            }
            let InputErrors(mut all) = link_error("LINK_UNREADABLE");
            all.extend(errs);
            InputErrors(all)
        })?;
        (case, body.rules)
    };
    if let Err(InputErrors(errs)) = validate(&case) {
        let InputErrors(mut all) = link_error("LINK_IMPOSSIBLE_VALUES");
        all.extend(errs);
        return Err(InputErrors(all));
    }
    Ok(OpenedLink {
        case,
        rules_version,
    })
}

/// Without the white space and punctuation that e-mail and chat put around
/// a link: `<v3.…>`, `"v3.…".`, `(v3.…)`.
fn trim_around(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_ascii_whitespace() || "<>\"'()[].,;".contains(c))
}

/// The digits of `v3.`: a positive number written without leading zeros.
fn layout_version(digits: &str) -> Option<u32> {
    if digits.is_empty() || digits.starts_with('0') || digits.len() > 9 {
        return None;
    }
    digits.parse().ok()
}

fn link_error(code: &'static str) -> InputErrors {
    InputError::new("link", code).into()
}

/// Truncated, a character changed, or not base64url at all: the checksum
/// cannot tell which, and for the person it is the same: copy it again.
fn damaged() -> InputErrors {
    link_error("LINK_DAMAGED")
}

/// The envelope around a layout, for tests and the fuzzer: they make bodies
/// with the right checksum to reach the readers, and take links apart to
/// damage them on purpose.
#[doc(hidden)]
pub mod raw {
    use super::*;

    /// A `v3` link around any JSON text, sealed as `encode` seals a case.
    pub fn seal_json(json: &[u8]) -> String {
        seal(LINK_VERSION, json)
    }

    /// A `v1` or `v2` link around layout bytes, with their checksum.
    pub fn seal_legacy(version: u32, body: &[u8]) -> String {
        let mut bytes = body.to_vec();
        bytes.extend_from_slice(&crc32fast::hash(body).to_le_bytes());
        format!("v{version}.{}", URL_SAFE_NO_PAD.encode(bytes))
    }

    /// The JSON inside a `v3` link, unchecked; `None` when it does not unpack.
    pub fn json_of(link: &str) -> Option<Vec<u8>> {
        let data = link.strip_prefix("v3.")?;
        let bytes = URL_SAFE_NO_PAD.decode(data).ok()?;
        let (body, _) = bytes.split_last_chunk::<4>()?;
        miniz_oxide::inflate::decompress_to_vec_with_limit(body, config::MAX_INPUT_BYTES).ok()
    }

    /// The word list of `v2` links, in order.
    pub fn words() -> &'static [&'static str] {
        super::legacy::words()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> &'static str {
        decode(text).err().map_or("ok", |e| e.0[0].code)
    }

    #[test]
    fn a_case_opens_to_itself() {
        let case = crate::case::example::seed_week();
        let link = encode(&case).unwrap();
        assert!(link.starts_with("v3."), "{link}");
        let opened = decode(&link).unwrap();
        assert_eq!(opened.case, case);
        assert!(!opened.rules_changed(Law::embedded()));
    }

    #[test]
    fn the_income_band_stays_out_of_a_link_unless_included() {
        let mut case = crate::case::example::seed_week();
        case.person.income_band = Some(crate::case::IncomeBand::Under2G);
        let plain = decode(&encode(&case).unwrap()).unwrap().case;
        assert_eq!(plain.person.income_band, None);
        let mut rest = case.clone();
        rest.person.income_band = None;
        assert_eq!(plain, rest, "only the income band is left out");
        let with = LinkOptions {
            include_income: true,
        };
        let kept = decode(&encode_with(&case, with).unwrap()).unwrap().case;
        assert_eq!(kept, case);
    }

    #[test]
    fn a_link_deflated_within_a_limit_is_the_link_or_none_exactly() {
        // Text that compresses well and text that does not, in many sizes,
        // against limits on both sides of the link's own length.
        let mut seed = 7_u32;
        let mut noise = |n: usize| -> Vec<u8> {
            (0..n)
                .map(|_| {
                    seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                    b"abcdefghijklmnopqrstuvwxyz .,{}:"[(seed >> 16) as usize % 32]
                })
                .collect()
        };
        for n in [0, 1, 10, 100, 1000, 20_000, 70_000] {
            for json in [noise(n), b"{\"needs\":[]}".repeat(n / 10 + 1)] {
                let whole = seal(3, &json);
                for max in [
                    whole.len() - 2,
                    whole.len() - 1,
                    whole.len(),
                    whole.len() + 1,
                    64 * 1024,
                ] {
                    let within = seal_within(3, &json, max);
                    let want = (whole.len() <= max).then(|| whole.clone());
                    assert_eq!(within, want, "{n} bytes, at most {max}");
                }
            }
        }
    }

    #[test]
    fn versions_are_plain_numbers() {
        let link = encode(&Case::default()).unwrap();
        let data = &link[3..];
        assert_eq!(code(&format!("v03.{data}")), "LINK_UNKNOWN");
        assert_eq!(code(&format!("v0.{data}")), "LINK_UNKNOWN");
        assert_eq!(code(&format!("v+3.{data}")), "LINK_UNKNOWN");
        assert_eq!(code(&format!("v4.{data}")), "LINK_NEWER_VERSION");
        assert_eq!(code(&format!("v99999999999.{data}")), "LINK_UNKNOWN");
        assert_eq!(code("v3"), "LINK_DAMAGED");
        assert_eq!(code(&format!("<{link}>.")), "ok");
    }
}
