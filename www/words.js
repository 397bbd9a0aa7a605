// The catalogue's texts with the engine's inputs in words, for every part
// of the page that writes them (paper.js and its letter and complaint,
// cost.js, and the printout, which loads none of those): `{name}` filled in
// once, dates in words, years as they are, numbers in the language's style.
import { t, fmtNumber } from './i18n.js';

/** `{name}` filled in from `values` in one pass: a value holding `{x}` is never filled again. */
export function fill(text, values) {
  return text.replace(/\{([a-z_0-9]+)\}/gi, (whole, name) => (name in values ? values[name] : whole));
}

/** A date in words in the page's language. */
export function dateWords(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso));
  if (!m) return String(iso);
  return fill(t('format.date'), { day: String(Number(m[3])), month: t(`month.${Number(m[2])}`), year: m[1] });
}

/**
 * A note or reason text of the page's catalogue with the engine's inputs
 * in words: dates ("received", "deadline", "g_from") written out, years as
 * they are (never "2,026"), day codes as names, other numbers in the
 * language's style.
 */
export function words(key, inputs = {}) {
  const values = {};
  for (const [k, v] of Object.entries(inputs)) {
    const s = String(v);
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) values[k] = dateWords(s);
    else if (/year$/.test(k)) values[k] = s;
    else if (k === 'day') values[k] = t(`day.${s}`);
    else if (/^-?\d+(\.\d+)?$/.test(s)) values[k] = fmtNumber(Number(s));
    else values[k] = s;
  }
  return fill(t(key), values);
}
