//! The page's text catalogues (`www/i18n/{nb,nn,en}.json`), for the native
//! side: the CLI's report and the words of errors.
//!
//! Every text a person reads is written once, in these files: the page
//! loads them itself, and the CLI compiles them in here, so the two never
//! say different things. A key missing in nynorsk or English shows the
//! bokmål text; a key missing everywhere shows the key, so a gap is visible,
//! never a crash. Not in the page's WebAssembly: the page has the files.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Languages with a catalogue compiled in.
pub const LANGS: [&str; 3] = ["nb", "nn", "en"];

const NB: &str = include_str!("../www/i18n/nb.json");
const NN: &str = include_str!("../www/i18n/nn.json");
const EN: &str = include_str!("../www/i18n/en.json");

type Texts = BTreeMap<String, String>;

/// One catalogue's texts; `_lang` and `_name` are texts like the others.
fn texts(lang: &str) -> &'static Texts {
    static CATALOGUES: OnceLock<[Texts; 3]> = OnceLock::new();
    let all = CATALOGUES.get_or_init(|| {
        // Our own files, read by a test on every run: a broken one shows
        // keys instead of words, and that test fails.
        let read = |text: &str| serde_json::from_str(text).unwrap_or_default();
        [read(NB), read(NN), read(EN)]
    });
    match lang {
        "nn" => &all[1],
        "en" => &all[2],
        _ => &all[0],
    }
}

/// The texts of one language, with bokmål behind it.
#[derive(Clone, Copy, Debug)]
pub struct Catalogue {
    lang: &'static str,
}

impl Catalogue {
    /// The catalogue for `lang`; bokmål for a language that has none.
    pub fn new(lang: &str) -> Catalogue {
        let lang = LANGS.iter().find(|l| **l == lang).copied().unwrap_or("nb");
        Catalogue { lang }
    }

    pub fn lang(&self) -> &'static str {
        self.lang
    }

    /// Every text of a language as it is in its file, for tests.
    pub fn raw(lang: &str) -> &'static BTreeMap<String, String> {
        texts(lang)
    }

    /// The text of `key`, falling back to bokmål, then to the key itself.
    /// Without the soft hyphens (U+00AD) the page's labels carry at the
    /// joints of long compounds: they only hint where a line on a screen may
    /// break, and would be stray invisible characters in a terminal, a
    /// letter or a file.
    pub fn get(&self, key: &str) -> String {
        texts(self.lang)
            .get(key)
            .or_else(|| texts("nb").get(key))
            .map(|text| text.replace('\u{ad}', ""))
            .unwrap_or_else(|| key.to_string())
    }

    /// The text of `key` with each `{name}` filled in from `values`. Other
    /// braces (a JSON example in an error message) stay as they are.
    pub fn fill<V: AsRef<str>>(&self, key: &str, values: &BTreeMap<&str, V>) -> String {
        fill(&self.get(key), values, |v| self.number(v))
    }

    /// The text of `key` with each `{name}` filled in from `values` as they
    /// are: words already written for people (a letter's values), in one
    /// pass, so a value holding `{start}` is never filled in again.
    pub fn fill_words<V: AsRef<str>>(&self, key: &str, values: &BTreeMap<&str, V>) -> String {
        fill(&self.get(key), values, str::to_string)
    }

    /// A number as people write it: at most two decimals, no trailing zeros,
    /// and a decimal comma in Norwegian (27,5 timer). Never rounded to fewer
    /// decimals: 24.98 must not read as 25 beside "under 25". Anything that is
    /// not a decimal number comes back as it is.
    pub fn number(&self, v: &str) -> String {
        match v.parse::<f64>() {
            Ok(n) if n.is_finite() && v.contains('.') => {
                let s = format!("{n:.2}");
                let s = s.trim_end_matches('0').trim_end_matches('.');
                if self.lang == "en" {
                    s.to_string()
                } else {
                    s.replace('.', ",")
                }
            }
            _ => v.to_string(),
        }
    }
}

/// `text` with each `{name}` that names one of `values` replaced by
/// `shown(value)`.
fn fill<V: AsRef<str>>(
    text: &str,
    values: &BTreeMap<&str, V>,
    shown: impl Fn(&str) -> String,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let named = after
            .find('}')
            .and_then(|close| Some((values.get(&after[..close])?, close)));
        match named {
            Some((value, close)) => {
                out.push_str(&shown(value.as_ref()));
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_is_read() {
        for lang in LANGS {
            assert!(Catalogue::raw(lang).len() > 100, "{lang}");
            assert_eq!(Catalogue::new(lang).get("_lang"), lang);
        }
    }

    #[test]
    fn soft_hyphens_are_for_the_screen_only() {
        // The page's label breaks at the joint; the CLI's text has none.
        let raw = &Catalogue::raw("nb")["kind.parenting"];
        assert!(raw.contains('\u{ad}'), "{raw:?}");
        let got = Catalogue::new("nb").get("kind.parenting");
        assert_eq!(got, raw.replace('\u{ad}', ""));
        assert!(!got.contains('\u{ad}'));
        for lang in LANGS {
            let c = Catalogue::new(lang);
            for key in Catalogue::raw(lang).keys() {
                assert!(!c.get(key).contains('\u{ad}'), "{lang} {key}");
            }
        }
    }

    #[test]
    fn placeholders_are_filled_and_other_braces_kept() {
        let values = BTreeMap::from([("limit", "500"), ("hours", "27.5")]);
        let shown = |v: &str| v.to_string();
        assert_eq!(fill("høyst {limit}", &values, shown), "høyst 500");
        assert_eq!(
            fill("{\"kind\": 1} {nope} {limit}", &values, shown),
            "{\"kind\": 1} {nope} 500"
        );
        let nb = Catalogue::new("nb");
        assert_eq!(nb.number("27.50"), "27,5");
        assert_eq!(nb.number("28.00"), "28");
        assert_eq!(Catalogue::new("en").number("24.98"), "24.98");
        assert_eq!(nb.number("2026-11-23"), "2026-11-23");
    }
}
