// Long words broken at their syllables when the page's lines are short
// (issue 15; WCAG 1.4.4, resize text). At 200 % text on a phone a line
// holds 10 to 20 letters, and the law's names are longer
// ("brukerrettighetsloven", "omsorgstjenesteloven"). A browser hyphenates
// (`hyphens: auto`) only where it has a dictionary for the language, and
// Chromium has none for Norwegian on Linux, so such a word was cut in the
// middle, with no hyphen, wherever the line ran out.
//
// Here the `hyphen` package (npm; TeX's hyphenation patterns for Norwegian,
// one set for bokmål and nynorsk, and for English) puts soft hyphens (U+00AD) into the text on the
// screen: the same mark the catalogues put at the joints of compounds.
// The browser breaks a word there, with a visible hyphen, and nowhere else;
// where the word fits, nothing shows.
//
// Only when the lines are short: the patterns weigh 83 KB gzip for Norwegian
// and 16 KB for English, so they are loaded once, on use, when a line holds
// fewer than SHORT_LINE_EM (large text, zoom, the narrowest screens). On an
// ordinary screen at ordinary size nothing is loaded and nothing changes.
//
// Only the text shown: text nodes, never a field's value or an attribute.
// What the page copies and downloads (the letter, the complaint) is the
// engine's text, not the page's; text a person copies by hand loses its
// soft hyphens on the way (`copy` below), including the catalogues' own.
import { loader } from './draw.js';

/**
 * A line narrower than this, in root em, is short: at 16 px text, 352 px
 * (the narrowest phones, 320 px, at ordinary size); at 200 % text, every
 * screen under 704 px. At 22 em a line holds about 40 letters, room for
 * any word of the page whole; narrower, the long ones may not fit.
 */
const SHORT_LINE_EM = 22;

/**
 * Words shorter than this are left whole: a word broken is slower to read,
 * and six letters fit every line of the page. The narrowest, a list item
 * in the letter at 320 px and 200 % text, is 158 px; a seven-letter word
 * there is 154 to 172 px ("gjennom", "stemmer", "Whether"), checked by
 * clock-draw.spec.mjs.
 */
const MIN_LETTERS = 7;

/**
 * The English page names Norwegian things in Norwegian (arbeidsleder,
 * legeerklæring, brukerrettighetsloven), inside English sentences: a part
 * the English patterns leave this long is tried with the Norwegian ones.
 */
const FALLBACK = { en: 'no' };
const FALLBACK_LETTERS = 8;

/** The patterns for the languages the page speaks, each its own file loaded on use. */
const PATTERNS = {
  no: loader(() => import('./hyphen-no.js')),
  en: loader(() => import('./hyphen-en.js')),
};

/** The page's languages → their patterns: bokmål and nynorsk share TeX's Norwegian set. */
const PATTERNS_OF = { nb: 'no', nn: 'no', no: 'no', en: 'en' };

/** "nb-NO" → "no"; null for a language without patterns here. */
function patternsFor(code) {
  return PATTERNS_OF[String(code || '').toLowerCase().split('-')[0]] ?? null;
}

/** Each language's hyphenator once loaded: lang → (word) → word with soft hyphens. */
const ready = new Map();
/** Words already hyphenated, per language (the page repeats its law names). */
const done = new Map();

/**
 * Not text on the screen, or text that must stay as written; `data-no-hyphens`
 * marks the language buttons (each language's name in its own language: an
 * English page's patterns are not fetched for the word "English").
 */
const SKIP = 'script, style, textarea, input, select, option, svg, code, pre, [data-no-hyphens]';

const WORD = new RegExp(`[\\p{L}\\u00AD]{${MIN_LETTERS},}`, 'gu');

function hyphenateWord(lang, word) {
  let cache = done.get(lang);
  if (!cache) done.set(lang, (cache = new Map()));
  let out = cache.get(word);
  if (out === undefined) {
    const hyph = ready.get(lang);
    const second = ready.get(FALLBACK[lang]);
    const split = (part) => {
      if (part.length < MIN_LETTERS) return part;
      const once = hyph(part);
      if (!second) return once;
      return once
        .split('\u00AD')
        .map((bit) => (bit.length >= FALLBACK_LETTERS ? second(bit) : bit))
        .join('\u00AD');
    };
    // A word with soft hyphens already (the catalogues' compound joints): each part on its own.
    out = word.split('\u00AD').map(split).join('\u00AD');
    cache.set(word, out);
  }
  return out;
}

/** Puts soft hyphens into one text node's long words; languages not loaded yet are asked for. */
function hyphenateNode(node, wanted) {
  const el = node.parentElement;
  if (!el || el.closest(SKIP) || node.data.length < MIN_LETTERS) return;
  const lang = patternsFor(el.closest('[lang]')?.getAttribute('lang'));
  if (!lang) return;
  const needed = [lang, FALLBACK[lang]].filter((l) => l && !ready.has(l));
  if (needed.length) {
    for (const l of needed) wanted.add(l);
    return;
  }
  const data = node.data.replace(WORD, (w) => hyphenateWord(lang, w));
  if (data !== node.data) node.data = data;
}

function hyphenateTree(root, wanted) {
  if (root.nodeType === Node.TEXT_NODE) return hyphenateNode(root, wanted);
  if (root.nodeType !== Node.ELEMENT_NODE || root.closest?.(SKIP)) return;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) hyphenateNode(n, wanted);
}

let active = false;
/** Nodes added or changed since the last pass (a render patches the page). */
let pending = new Set();
let frame = 0;

function pass() {
  frame = 0;
  const nodes = pending;
  pending = new Set();
  const wanted = new Set();
  for (const n of nodes) if (n.isConnected) hyphenateTree(n, wanted);
  // What this pass wrote is done: its own changes are not the page's, to go over again.
  watcher.takeRecords();
  for (const lang of wanted) {
    PATTERNS[lang]()
      .then((m) => {
        if (!ready.has(lang)) ready.set(lang, (w) => m.hyphenateSync(w));
        schedule(document.body);
      })
      .catch(() => {}); // offline before it was ever loaded: the words stay whole, as before
  }
}

function schedule(node) {
  pending.add(node);
  if (!frame) frame = requestAnimationFrame(pass);
}

const watcher = new MutationObserver((records) => {
  if (!active) return;
  for (const r of records) {
    if (r.type === 'characterData') schedule(r.target);
    else for (const n of r.addedNodes) schedule(n);
  }
});

/** True when a line of the page is short (see SHORT_LINE_EM). */
function linesAreShort() {
  const px = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  return document.documentElement.clientWidth / px < SHORT_LINE_EM;
}

/** Starts and stops with the screen's width and the text size (both change the page's size). */
function check() {
  const short = linesAreShort();
  if (short === active) return;
  active = short;
  if (active) {
    watcher.observe(document.body, { childList: true, characterData: true, subtree: true });
    schedule(document.body);
  } else {
    // The soft hyphens already put in stay: where the words fit, they do not show.
    watcher.disconnect();
  }
}

/** Called once the page is built. */
export function startHyphenation() {
  new ResizeObserver(check).observe(document.documentElement);
  check();
}

// Text copied by hand: without the soft hyphens (a pasted law name must read as written).
document.addEventListener('copy', (event) => {
  const text = getSelection()?.toString() ?? '';
  if (!text.includes('\u00AD') || !event.clipboardData) return;
  event.clipboardData.setData('text/plain', text.replace(/\u00AD/g, ''));
  event.preventDefault();
});
