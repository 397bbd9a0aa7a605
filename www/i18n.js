// The text catalogue: every word a person reads on the page comes from
// i18n/<lang>.json, so a municipality or translator changes text without
// touching code. Bokmål is the fallback for a key a translation lacks.

/** Languages offered, each named in itself (no flags). */
export const LANGUAGES = [
  { code: 'nb', name: 'Bokmål' },
  { code: 'nn', name: 'Nynorsk' },
  { code: 'en', name: 'English' },
];

let texts = {};
let fallback = {};
let current = 'nb';
let numbers = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 2 });

async function fetchCatalogue(lang) {
  // Relative URL: the page works from any folder on any static host.
  const res = await fetch(`i18n/${lang}.json`);
  if (!res.ok) throw new Error(`i18n/${lang}.json: ${res.status}`);
  return res.json();
}

/** Loads a language; unknown codes fall back to bokmål. */
export async function loadLanguage(lang) {
  const code = LANGUAGES.some((l) => l.code === lang) ? lang : 'nb';
  if (!fallback['_lang']) fallback = await fetchCatalogue('nb');
  texts = code === 'nb' ? fallback : await fetchCatalogue(code);
  current = code;
  numbers = new Intl.NumberFormat(code === 'en' ? 'en-GB' : 'nb-NO', {
    maximumFractionDigits: 2,
  });
  return code;
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

/** The text for `key` with each `{name}` replaced from `vars`. */
export function t(key, vars = {}) {
  return text(key).replace(/\{([a-z_0-9]+)\}/gi, (whole, name) =>
    name in vars ? show(name, vars[name]) : whole,
  );
}
