// A small element builder for the page's parts (the same rules as in
// app.js): strings become text nodes, never HTML, so text a person typed can
// never run as code; `i18n: key` sets a catalogue text and marks the element
// (data-i18n) so that a language switch renews it.
import { t } from './i18n.js';

/** Creates an element. `attrs` with a value of null, undefined or false are left out. */
export function h(tag, attrs = {}, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'i18n') {
      el.dataset.i18n = v;
      el.textContent = t(v, attrs.vars || {});
    } else if (k === 'vars') {
      el.dataset.i18nVars = JSON.stringify(v);
    } else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid === null || kid === undefined || kid === false) continue;
    el.append(typeof kid === 'string' ? document.createTextNode(kid) : kid);
  }
  return el;
}

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
