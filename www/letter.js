// The application (søknad): the letter the engine writes from the map
// (wasm `letter()`), in bokmål or nynorsk as the person chooses (an English
// page explains it in English and offers it in Norwegian), with the
// documents checklist whose ticks (`state.attached`) the letter marks as
// attached. Copy, download as a text file, print alone or with the
// egenkartlegging. Drawn into #letter after every render of the page.
import { letter } from './engine.js';
import { h, $, $$ } from './dom.js';
import { t, lang } from './i18n.js';
import { state, view } from './state.js';
import { onRender, update } from './hooks.js';
import { replaceKids, unchanged } from './draw.js';
import { LETTER_LANGS, letterCatalogue, blocksText, blocksNodes, blocksPlain, words, copyText, downloadText, printDocument, todayIso, profileText } from './paper.js';

/** What the person chose here (not part of the case). */
const choice = { lang: null };
/** The last letter drawn: { text, doc, … } for copying, downloading and printing. */
let shown = null;

/** The egenkartlegging in the documents list: printed with the letter, it goes with it. */
const NEEDS_MAP = 'DOC_NEEDS_MAP';
/** The words said after the last copy or download, shown beside the buttons. */
let said = '';

const letterLang = () => choice.lang || (lang() === 'nn' ? 'nn' : 'nb');

/** A document's name on the page, in the page's language (a profile's own in its words). */
function documentName(code, a) {
  const own = a?.municipality?.documents?.find((d) => d.code === code);
  if (own) return (own.text && (own.text[lang()] || own.text.nb)) || code;
  return t(`letter.doc.${code}`);
}

function setAttached(code, on) {
  update((s) => {
    const list = new Set(Array.isArray(s.attached) ? s.attached : []);
    if (on) list.add(code);
    else list.delete(code);
    s.attached = [...list];
  });
}

function languageChoice() {
  const id = (c) => `letter-lang-${c}`;
  return h(
    'fieldset',
    { class: 'ds-fieldset', id: 'letter-lang' },
    h('legend', { class: 'ds-label' }, t('ui.letter.lang')),
    h('p', { 'data-field': 'description', id: 'letter-lang-help' }, t('ui.letter.lang_help')),
    h(
      'div',
      { class: 'choices' },
      LETTER_LANGS.map((c) =>
        h(
          'div',
          { class: 'ds-field' },
          h('input', {
            class: 'ds-input', type: 'radio', name: 'letter-lang', id: id(c), value: c, checked: letterLang() === c,
            'aria-describedby': 'letter-lang-help', 'data-focus': id(c),
            onchange: () => { choice.lang = c; draw(); },
          }),
          h('label', { for: id(c), lang: c }, t(`ui.letter.lang.${c}`)),
        ),
      ),
    ),
  );
}

function checklist(l, a) {
  const codes = [...l.attached, ...l.to_follow];
  if (!codes.length) return null;
  const attached = new Set(l.attached);
  // In the letter's order: the documents list, then the municipality's own.
  const all = [...a.documents.map((d) => d.code), ...(a.municipality?.documents || []).map((d) => d.code)];
  const sorted = all.filter((c) => codes.includes(c));
  return h(
    'fieldset',
    { class: 'ds-fieldset', id: 'letter-attached' },
    h('legend', { class: 'ds-label' }, t('ui.letter.attached')),
    h('p', { 'data-field': 'description', id: 'letter-attached-help' }, t('ui.letter.attached_help')),
    h(
      'div',
      { class: 'choices' },
      sorted.map((code) =>
        h(
          'div',
          { class: 'ds-field' },
          h('input', {
            class: 'ds-input', type: 'checkbox', id: `letter-doc-${code}`, value: code, checked: attached.has(code),
            'data-focus': `letter-doc-${code}`, 'aria-describedby': 'letter-attached-help',
            onchange: (e) => setAttached(code, e.target.checked),
          }),
          h('label', { for: `letter-doc-${code}` }, documentName(code, a)),
        ),
      ),
    ),
  );
}

function guidance(l) {
  const items = [t('letter.guidance.edit'), ...l.notes.map((n) => words(`note.${n.code}`, n.inputs))];
  return h(
    'div',
    { class: 'ds-alert', 'data-color': 'info' },
    h('h3', { class: 'ds-heading', 'data-size': 'xs', id: 'letter-guidance-h' }, t('letter.guidance.title')),
    h('ul', { class: 'ds-list' }, items.map((s) => h('li', {}, s))),
  );
}

/** Copy, download, and print: the letter alone, or with the egenkartlegging as its attachment. */
function buttons() {
  return [
    h(
      'div',
      { class: 'button-row' },
      h('button', { type: 'button', class: 'ds-button', 'data-variant': 'primary', id: 'letter-copy', 'data-focus': 'letter-copy', onclick: copy }, t('ui.letter.copy')),
      h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', id: 'letter-download', 'data-focus': 'letter-download', onclick: download }, t('ui.letter.download')),
      h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', id: 'letter-print', 'data-focus': 'letter-print', onclick: () => print(true) }, t('ui.letter.print')),
      h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', id: 'letter-print-map', 'data-focus': 'letter-print-map', onclick: () => print(false) }, t('ui.letter.print_with_map_button')),
    ),
    h('p', { class: 'ds-paragraph', id: 'letter-said' }, said),
  ];
}

async function copy() {
  if (!shown) return;
  said = await copyText(shown.text, 'ui.letter.copied');
  draw();
}

function download() {
  if (!shown) return;
  said = downloadText(shown.text, t('ui.letter.file_name', { date: todayIso() }));
  draw();
}

/**
 * Prints the letter alone, or with the egenkartlegging: then the letter
 * lists the egenkartlegging as attached (it is, on the pages after it),
 * whatever the person ticked, and their ticks stay as they are.
 */
function print(alone) {
  if (!shown) return;
  if (alone || !shown.toFollow.includes(NEEDS_MAP)) {
    printDocument(shown.doc, alone);
    return;
  }
  const reply = letter({ ...state, attached: [...shown.attached, NEEDS_MAP] }, shown.profile, shown.code);
  printDocument(reply?.ok ? { lang: reply.letter.lang, blocks: blocksPlain(shown.cat, reply.letter.blocks, reply.letter.sources) } : shown.doc, false);
}

let drawing = 0;

/** Draws the section from the case: the engine's letter in the chosen language. */
async function draw() {
  const box = $('#letter');
  if (!box || !state) return;
  const turn = ++drawing;
  const a = view.assessment;
  const empty = !state.needs.length && !(state.monthly || []).length;
  const code = letterLang();
  const profile = a && !empty ? await profileText() : undefined;
  const reply = a && !empty ? letter(state, profile, code) : null;
  let cat = null;
  if (reply?.ok) {
    try {
      cat = await letterCatalogue(code);
    } catch {
      cat = null; // offline and never loaded: said below
    }
  }
  // A newer draw is on its way; or nothing this part shows has changed.
  if (turn !== drawing || unchanged('letter', [reply, code, said, empty, !!a, !!cat])) return;
  box.hidden = false;
  const head = [
    h('h2', { class: 'ds-heading', 'data-size': 'md', id: 'letter-h' }, t('ui.letter.title')),
    h('p', { class: 'ds-paragraph' }, t('ui.letter.intro')),
    lang() === 'en' ? h('p', { class: 'ds-paragraph' }, t('ui.letter.norwegian')) : null,
  ];
  if (!a || empty || !reply?.ok || !cat) {
    shown = null;
    const why = !a || (reply && !reply.ok) ? 'ui.results.fix_errors' : empty ? 'ui.letter.empty' : 'ui.paper.offline';
    replaceKids(box, head, h('p', { class: 'ds-paragraph' }, t(why)));
    return;
  }
  const l = reply.letter;
  const node = h('div', { lang: l.lang, class: 'letter-text' }, blocksNodes(cat, l.blocks, l.sources, 4));
  shown = {
    text: blocksText(cat, l.blocks, l.sources),
    doc: { lang: l.lang, blocks: blocksPlain(cat, l.blocks, l.sources) },
    attached: l.attached,
    toFollow: l.to_follow,
    profile,
    code,
    cat,
  };
  replaceKids(
    box,
    head,
    languageChoice(),
    checklist(l, a),
    guidance(l),
    h(
      'section',
      { class: 'box', 'aria-labelledby': 'letter-draft-h' },
      h('h3', { class: 'ds-heading', 'data-size': 'sm', id: 'letter-draft-h' }, t('ui.letter.draft')),
      node,
    ),
    buttons(),
  );
  // What the controls show follows the case (a link or "Slett" too), not only their attributes.
  for (const box of $$('#letter-attached input')) box.checked = l.attached.includes(box.value);
  for (const r of $$('input[name="letter-lang"]')) r.checked = r.value === code;
}

onRender(() => {
  draw();
});
draw();

