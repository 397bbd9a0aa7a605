// The text catalogue: every word a person reads on the page comes from
// i18n/<lang>.json, so a municipality or translator changes text without
// touching code. Bokmål is the fallback for a key a translation lacks.

/**
 * Languages offered, each named in itself (no flags). The list is read at
 * start from i18n/languages.json, which `.ci/build` writes from the
 * catalogues present (each names itself in `_lang` and `_name`): adding a
 * language, such as North Sámi, is adding one file, www/i18n/se.json. These
 * three are what the page offers when the list cannot be read.
 */
export let LANGUAGES = [
  { code: 'nb', name: 'Norsk bokmål' },
  { code: 'nn', name: 'Norsk nynorsk' },
  { code: 'en', name: 'English' },
];

let texts = {};
let fallback = {};
let current = 'nb';
let numbers = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 2 });

/**
 * Texts shown in bokmål because the current language lacks their key, as
 * the person sees them (placeholders filled in). The page marks them with
 * lang="nb" and says that some texts are not yet translated.
 */
export const fallbackShown = new Set();

/**
 * Where a language's catalogue is: under the name the build gave it
 * (dist/nb-HASH.json, BPA_TEXTS from .ci/bundle.mjs), so that a language
 * first opened after a release still comes from this page's release; a
 * language the build did not know (listed later in languages.json) by its
 * plain name. Relative URLs: the page works from any folder on any host.
 */
export function textsUrl(lang) {
  // eslint-disable-next-line no-undef -- defined by .ci/bundle.mjs
  const built = typeof BPA_TEXTS === 'string' ? JSON.parse(BPA_TEXTS) : {};
  return Object.hasOwn(built, lang) ? built[lang] : `i18n/${lang}.json`;
}

async function fetchCatalogue(lang) {
  const url = textsUrl(lang);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.json();
}

/** Reads the list of languages (i18n/languages.json); keeps the three built in if it is missing. */
export async function loadLanguageList() {
  try {
    const res = await fetch('i18n/languages.json');
    if (!res.ok) return LANGUAGES;
    const list = await res.json();
    const ok = Array.isArray(list) && list.every((l) => l && typeof l.code === 'string' && typeof l.name === 'string');
    if (ok && list.some((l) => l.code === 'nb')) LANGUAGES = list.map((l) => ({ code: l.code, name: l.name }));
  } catch {
    // A static host without the list: the three built-in languages.
  }
  return LANGUAGES;
}

/**
 * The catalogue code for a language tag as host pages and browsers write
 * it: "no", "nb-NO" and "nob" are bokmål, "nno" nynorsk, "sme" North Sámi,
 * "en-GB" English. Returns null for a language the page does not offer.
 */
export function languageCode(tag) {
  if (typeof tag !== 'string' || !tag) return null;
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  const alias = { no: 'nb', nob: 'nb', nno: 'nn', eng: 'en', sme: 'se', smj: 'smj', sma: 'sma' };
  const code = alias[base] || base;
  return LANGUAGES.some((l) => l.code === code) ? code : null;
}

/** Loads a language; unknown codes fall back to bokmål. */
export async function loadLanguage(lang) {
  const code = LANGUAGES.some((l) => l.code === lang) ? lang : 'nb';
  if (!fallback['_lang']) fallback = await fetchCatalogue('nb');
  texts = code === 'nb' ? fallback : await fetchCatalogue(code);
  current = code;
  fallbackShown.clear();
  // Numbers as the language writes them; Norwegian style for a language
  // the browser does not know (27,5).
  const locale = code === 'en' ? 'en-GB' : Intl.NumberFormat.supportedLocalesOf([`${code}-NO`]).length ? `${code}-NO` : 'nb-NO';
  numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return code;
}

/**
 * True when the current language lacks some of bokmål's texts: those are
 * shown in bokmål, marked as such by i18n-fallback.js, which languages.js
 * loads only for such a language (issue 4: a first visit in a complete one
 * does not need it). This module imports no other: the catalogue is what
 * every part reads, so it must not depend on any of them.
 */
export function lacksTexts() {
  return Object.keys(fallback).some((key) => !(key in texts));
}

export function lang() {
  return current;
}

/** True when the catalogue has a text for `key`. */
export function has(key) {
  return key in texts || key in fallback;
}

/** A number in the language's style: 27,5 in Norwegian, 27.5 in English. */
export function fmtNumber(n) {
  return numbers.format(n);
}

/**
 * A value from the engine's `inputs` as a person should read it: numbers
 * ("27.50") in Norwegian style ("27,5"), day codes as day names.
 */
function show(name, value) {
  if (typeof value === 'number') return fmtNumber(value);
  const s = String(value);
  if (/^-?\d+(\.\d+)?$/.test(s)) return fmtNumber(Number(s));
  if (name === 'day' && has(`day.${s}`)) return text(`day.${s}`);
  return s;
}

function text(key) {
  if (key in texts) return texts[key];
  if (key in fallback) return fallback[key];
  console.warn(`i18n: missing key ${key}`);
  return key;
}

/**
 * One of the engine's errors (`{ field, code, values }`) in words, in the
 * page's language: the catalogue text `error.CODE`, or for a value that
 * cannot be read `error.INVALID_VALUE.<shape>`, filled in from its values.
 * The catalogues are the one place these words are written (the CLI
 * prints the same texts); the WebAssembly carries none.
 */
export function errorText(e) {
  const values = e.values || {};
  return t(values.shape ? `error.${e.code}.${values.shape}` : `error.${e.code}`, values);
}

/** The text for `key` with each `{name}` replaced from `vars`. */
export function t(key, vars = {}) {
  const out = text(key).replace(/\{([a-z_0-9]+)\}/gi, (whole, name) =>
    name in vars ? show(name, vars[name]) : whole,
  );
  if (!(key in texts) && key in fallback) fallbackShown.add(out);
  return out;
}
