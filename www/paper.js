// What the letter (letter.js) and the complaint (appeal.js) share: the
// engine's blocks in words, copying, downloading and printing a text.
//
// - A letter to a Norwegian municipality is written in bokmål or nynorsk,
//   whatever the page's language: its catalogue is loaded here on its own
//   (i18n/nb.json, i18n/nn.json), apart from the page's.
// - Blocks become words exactly as the CLI's `render_blocks` (src/report.rs)
//   writes them: the plain text copied and downloaded is the CLI's text;
//   on screen the same words are drawn as headings, paragraphs and lists.
// - The person's own words are only ever text (text nodes), never markup.
// - Printing: the page's printout (#printout, printout.js) is the one thing
//   paper shows; a document printed from here is one of its options, given
//   as plain text (`blocksPlain()`), alone or before the egenkartlegging.
import { h } from './dom.js';
import { t, lang, textsUrl } from './i18n.js';
import { fill, dateWords, words } from './words.js';
import { announce } from './draw.js';
import { state } from './state.js';
import { printWithDocument } from './print-panel.js';

/** The languages a letter to a municipality is written in. */
export const LETTER_LANGS = ['nb', 'nn'];

const catalogues = {};

/** A letter language's catalogue (loaded once; bokmål behind nynorsk). */
export function letterCatalogue(code) {
  return (catalogues[code] ||= Promise.all([code, 'nb'].map((c) => fetch(textsUrl(c)).then((r) => {
    if (!r.ok) throw new Error(`${textsUrl(c)}: ${r.status}`);
    return r.json();
  }))).then(([own, nb]) => ({ ...nb, ...own, _code: code })).catch((err) => {
    delete catalogues[code];
    throw err;
  }));
}

/** The text of `key` in catalogue `cat`, else the key (a gap is visible). */
const get = (cat, key) => (key in cat ? cat[key] : key);

/** A number as the CLI's catalogue writes it: "28.00" → "28", "22.50" → "22,5". */
function number(v, code) {
  const s = String(v);
  const n = Number(s);
  if (!s.includes('.') || !Number.isFinite(n)) return s;
  const out = n.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
  return code === 'en' ? out : out.replace('.', ',');
}

/** "2026-01-31" in words in a catalogue: "31. januar 2026". */
export function dateIn(cat, iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso));
  if (!m) return String(iso);
  return fill(get(cat, 'format.date'), { day: String(Number(m[3])), month: get(cat, `month.${Number(m[2])}`), year: m[1] });
}

/** One value of a block as words (src/report.rs `piece`). */
function piece(cat, p, sources) {
  if ('text' in p) return String(p.text);
  if ('key' in p) return get(cat, p.key);
  if ('keys' in p) {
    const words = p.keys.map((k) => get(cat, k));
    if (words.length < 2) return words.join('');
    return `${words.slice(0, -1).join(', ')} ${get(cat, 'letter.and')} ${words[words.length - 1]}`;
  }
  if ('sentences' in p) return p.sentences.map((k) => ` ${get(cat, k)}`).join('');
  if ('number' in p) return number(p.number, cat._code);
  if ('date' in p) return dateIn(cat, p.date);
  if ('sources' in p) {
    return p.sources
      .map((id) => sources.find((s) => s.id === id)?.title)
      .filter(Boolean)
      .join('; ');
  }
  return '';
}

/** A block's own words, as lines (line breaks kept). */
const ownLines = (b) => (typeof b.own_words === 'string' ? b.own_words.split(/\r?\n/) : null);

/** A block's catalogue text, without the person's own words. */
function blockWords(cat, b, sources) {
  const values = {};
  for (const [k, p] of Object.entries(b.inputs || {})) values[k] = piece(cat, p, sources);
  return fill(get(cat, b.key), values);
}

/** A block's text with the person's own words after it (src/report.rs `block_text`). */
function blockText(cat, b, sources) {
  const text = blockWords(cat, b, sources);
  const lines = ownLines(b);
  if (!lines) return text;
  const own = lines.join('\n');
  if (!text) return own;
  return own.includes('\n') ? `${text}\n${own}` : `${text} ${own}`;
}

/**
 * The blocks as plain text, as `bpa letter` prints them: a blank line
 * between paragraphs and around headings, the lines of a list and the
 * fields to fill in together.
 */
export function blocksText(cat, blocks, sources) {
  let out = '';
  let last = null;
  for (const b of blocks) {
    const together = (last === 'item' && b.kind === 'item') || (last === 'field' && b.kind === 'field');
    if (last && !together) out += '\n';
    out += `${b.kind === 'item' ? '- ' : ''}${blockText(cat, b, sources)}\n`;
    last = b.kind;
  }
  return out;
}

/** The same blocks drawn: headings, paragraphs, lists; own words as text with line breaks. */
export function blocksNodes(cat, blocks, sources, level = 4) {
  const nodes = [];
  let list = null;
  let fields = null;
  for (const b of blocks) {
    const words = blockWords(cat, b, sources);
    const lines = ownLines(b);
    const kids = [words];
    if (lines) {
      if (words) kids.push(lines.length > 1 ? h('br') : ' ');
      lines.forEach((line, i) => kids.push(i ? h('br') : null, line));
    }
    if (b.kind !== 'item') list = null;
    if (b.kind !== 'field') fields = null;
    if (b.kind === 'heading') nodes.push(h(`h${level}`, { class: 'ds-heading', 'data-size': 'xs' }, kids));
    else if (b.kind === 'item') {
      if (!list) nodes.push((list = h('ul', { class: 'ds-list' })));
      list.append(h('li', {}, kids));
    } else if (b.kind === 'field') {
      if (!fields) nodes.push((fields = h('p', { class: 'ds-paragraph' })));
      else fields.append(h('br'));
      fields.append(...kids.filter((k) => k !== null).map((k) => (typeof k === 'string' ? document.createTextNode(k) : k)));
    } else nodes.push(h('p', { class: 'ds-paragraph' }, kids));
  }
  return nodes;
}

/** Sources as links with their titles (opening in a new tab). */
export function sourceLinks(ids, sources) {
  const items = (ids || []).map((id) => sources.find((s) => s.id === id)).filter(Boolean);
  if (!items.length) return null;
  return h(
    'ul',
    { class: 'sources' },
    items.map((s) => h('li', {}, h('a', { class: 'ds-link', href: s.url, target: '_blank', rel: 'noopener noreferrer' }, s.title, h('span', { class: 'ds-sr-only' }, ` ${t('ui.link.new_tab')}`)))),
  );
}

// ---- Copy, download ---------------------------------------------------------------

/** Copies `text`; says what happened in the status region and returns the words said. */
export async function copyText(text, doneKey) {
  try {
    if (!navigator.clipboard?.writeText) throw new Error('no clipboard here');
    await navigator.clipboard.writeText(text);
    const said = t(doneKey);
    announce(said);
    return said;
  } catch {
    const said = t('ui.paper.copy_failed');
    announce(said);
    return said;
  }
}

/** Downloads `text` as a UTF-8 text file named `name`. */
export function downloadText(text, name) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  const said = t('ui.paper.downloaded', { name });
  announce(said);
  return said;
}

// ---- Print ------------------------------------------------------------------------

/**
 * The blocks as the printout takes them: each block's kind and its words as
 * plain text (the same words as the copied text, the person's own words
 * included), never nodes or markup: printout.js draws them as text.
 */
export function blocksPlain(cat, blocks, sources) {
  return blocks.map((b) => ({ kind: b.kind, text: blockText(cat, b, sources) }));
}

/**
 * Prints a letter or a complaint (`doc`: `{ lang, blocks }` from
 * blocksPlain()), alone or before the egenkartlegging, through the page's
 * printout (print-panel.js loads it and its style sheet, printout.js draws it).
 */
export function printDocument(doc, alone) {
  return printWithDocument({ ...doc, alone: Boolean(alone) });
}

let municipality = null;

/**
 * The municipality's profile as its file's text, for the engine (as app.js
 * gives it to `assess`), or undefined for the neutral one. municipality.js
 * is loaded by the page only for a municipality's case; the same module here.
 */
export async function profileText() {
  if (!state.settings?.municipality) return undefined;
  try {
    municipality ||= await import('./municipality.js');
    return municipality.currentProfile();
  } catch {
    return undefined; // offline before it ever loaded: the neutral letter
  }
}

/** Today as "YYYY-MM-DD" in the person's own time zone, for file names. */
export function todayIso() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export { lang, fill, dateWords, words };
