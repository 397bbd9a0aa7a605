// "Har du fått svar fra kommunen?": after a decision, what the decision was
// and the day it came (and the hours granted, for fewer hours); then the
// deadline with its source, where to send the complaint, who may complain,
// that Pasient- og brukerombudet helps for free, what the map shows, and
// the drafted complaint (wasm `appeal()`), or, when the map does not carry
// one, says so. Copy, download, print. The answers here are not part of the
// case (they are about the decision, not the needs) and are not saved.
// Errors: a summary above the questions, each a link to its field, and the
// message beside the field (UX.md, "Errors").
import { appeal } from './engine.js';
import { h, $, $$ } from './dom.js';
import { t, lang, errorText } from './i18n.js';
import { state, view } from './state.js';
import { onRender } from './hooks.js';
import { replaceKids, unchanged, announce } from './draw.js';
import { jumpTo } from './errors.js';
import { LETTER_LANGS, letterCatalogue, blocksText, blocksNodes, blocksPlain, words, dateWords, sourceLinks, copyText, downloadText, printDocument, todayIso, profileText } from './paper.js';

const DECISIONS = ['refused', 'not_as_right', 'fewer_hours', 'not_as_bpa'];
/** Where each of the engine's fields is on the page. */
const TARGET = { decision: 'appeal-decision-refused', received: 'appeal-received', granted_hours: 'appeal-granted' };

/** What the person answered here, and what the page shows beside it. */
const answers = { decision: null, received: '', granted: '', asked: false };
let errors = []; // [{ target, message }]
let result = null; // the engine's appeal
let draftLang = null;
let said = '';
let shown = null; // { text, doc } of the draft

const codeOf = () => draftLang || (lang() === 'nn' ? 'nn' : 'nb');

function build() {
  const box = $('#appeal');
  if (!box || $('#appeal-form')) return;
  box.hidden = false;
  const radio = (d) =>
    h(
      'div',
      { class: 'ds-field' },
      h('input', { class: 'ds-input', type: 'radio', name: 'appeal-decision', id: `appeal-decision-${d}`, value: d, onchange: () => { answers.decision = d; showFields(); } }),
      h('label', { for: `appeal-decision-${d}`, i18n: `ui.appeal.decision.${d}` }),
    );
  const field = (id, label, help, attrs) =>
    h(
      'div',
      { class: 'ds-field', id: `${id}-field` },
      h('label', { class: 'ds-label', for: id, i18n: label }),
      h('div', { 'data-field': 'description', id: `${id}-help`, i18n: help }),
      h('input', { class: 'ds-input', id, 'aria-describedby': `${id}-help`, autocomplete: 'off', ...attrs }),
    );
  box.replaceChildren(
    h('h2', { class: 'ds-heading', 'data-size': 'md', id: 'appeal-h', i18n: 'ui.appeal.title' }),
    h('p', { class: 'ds-paragraph', i18n: 'ui.appeal.intro' }),
    h(
      'div',
      { id: 'appeal-errors', class: 'ds-error-summary', tabindex: '-1', hidden: true, 'aria-labelledby': 'appeal-errors-h' },
      h('h3', { class: 'ds-heading', 'data-size': 'xs', id: 'appeal-errors-h', i18n: 'ui.errors.title' }),
      h('ul', { class: 'ds-list', id: 'appeal-error-list' }),
    ),
    h(
      'form',
      { id: 'appeal-form', class: 'box', novalidate: true, 'aria-labelledby': 'appeal-h', onsubmit: submit },
      h(
        'fieldset',
        { class: 'ds-fieldset', id: 'appeal-decision' },
        h('legend', { class: 'ds-label', i18n: 'ui.appeal.decision' }),
        h('div', { class: 'choices' }, DECISIONS.map(radio)),
      ),
      field('appeal-received', 'ui.appeal.received', 'ui.appeal.received_help', { type: 'date', max: todayIso() }),
      field('appeal-granted', 'ui.appeal.granted', 'ui.appeal.granted_help', { type: 'text', inputmode: 'decimal' }),
      h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'ds-button', 'data-variant': 'primary', id: 'appeal-submit', i18n: 'ui.appeal.submit' })),
    ),
    h('div', { id: 'appeal-result' }),
  );
  showFields();
}

/** One question at a time: the date once a decision is chosen, the hours for fewer hours. */
function showFields() {
  $('#appeal-received-field').hidden = !answers.decision;
  $('#appeal-granted-field').hidden = answers.decision !== 'fewer_hours';
}

/** The errors in the summary and beside their fields. */
function drawErrors() {
  for (const el of $$('#appeal [data-appeal-error]')) el.remove();
  for (const el of $$('#appeal-form [aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    el.setAttribute('aria-describedby', el.id.startsWith('appeal-decision') ? '' : `${el.id}-help`);
    if (!el.getAttribute('aria-describedby')) el.removeAttribute('aria-describedby');
  }
  const summary = $('#appeal-errors');
  summary.hidden = !errors.length;
  $('#appeal-error-list').replaceChildren(...errors.map((e) => h('li', {}, h('a', { href: `#${e.target}`, onclick: jumpTo(e.target) }, e.message))));
  for (const e of errors) {
    const el = document.getElementById(e.target);
    if (!el) continue;
    const holder = el.type === 'radio' ? el.closest('fieldset') : el.closest('.ds-field');
    const id = `${e.target}-error`;
    const msg = h('p', { class: 'ds-validation-message', 'data-color': 'danger', id, 'data-appeal-error': true }, e.message);
    if (holder.tagName === 'FIELDSET') $(':scope > legend', holder).after(msg);
    else el.before(msg);
    const inputs = holder.tagName === 'FIELDSET' ? $$('input', holder) : [el];
    for (const input of inputs) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', `${id} ${input.getAttribute('aria-describedby') || ''}`.trim());
    }
  }
}

/** Asks the engine; fills `errors` or `result`. */
async function ask() {
  const received = $('#appeal-received');
  const granted = $('#appeal-granted');
  answers.received = received.value;
  answers.granted = granted.value.trim();
  errors = [];
  if (!answers.decision) errors.push({ target: TARGET.decision, message: t('ui.appeal.error.decision') });
  else if (!answers.received) errors.push({ target: TARGET.received, message: t(received.validity.badInput ? 'ui.appeal.error.received_bad' : 'ui.appeal.error.received') });
  if (errors.length) {
    result = null;
    return;
  }
  const hours = answers.decision === 'fewer_hours' && answers.granted ? answers.granted : undefined;
  const reply = appeal(state, await profileText(), answers.decision, answers.received, hours);
  if (reply.ok) {
    result = reply.appeal;
    return;
  }
  result = null;
  // The case's own errors are the page's error summary's (errors.js): point there.
  errors = reply.errors.map((e) => ({ target: TARGET[e.field] || 'error-summary', message: errorText(e) }));
}

async function submit(e) {
  e.preventDefault();
  answers.asked = true;
  await ask();
  drawErrors();
  await drawResult();
  if (errors.length) $('#appeal-errors').focus();
  else {
    $('#appeal-result-h')?.focus();
    // The deadline, said once: the status region is the page's own, present from load.
    if (result) announce(deadlineLine(result));
  }
}

function deadlineLine(ap) {
  const d = ap.deadline;
  const left = d.passed ? t('report.appeal.passed') : d.days_left === 0 ? t('report.appeal.last_day') : t('report.appeal.days_left', { days: d.days_left });
  return `${words('report.appeal.deadline', { day: d.day, date: d.date })} (${left})`;
}

const byCode = (ap, codes) => ap.notes.filter((n) => codes.includes(n.code));
const noteList = (notes, sources) =>
  notes.length
    ? h('ul', { class: 'ds-list' }, notes.map((n) => h('li', {}, words(`note.${n.code}`, n.inputs), n.sources?.length ? sourceLinks(n.sources, sources) : null)))
    : null;
const part = (id, titleKey, ...kids) =>
  h('section', { class: 'result-block', 'aria-labelledby': id }, h('h4', { class: 'ds-heading', 'data-size': 'xs', id }, t(titleKey)), ...kids);

function draftControls(ap) {
  const radios = LETTER_LANGS.map((c) =>
    h(
      'div',
      { class: 'ds-field' },
      h('input', { class: 'ds-input', type: 'radio', name: 'appeal-lang', id: `appeal-lang-${c}`, value: c, checked: codeOf() === c, 'data-focus': `appeal-lang-${c}`, onchange: () => { draftLang = c; drawResult(); } }),
      h('label', { for: `appeal-lang-${c}`, lang: c }, t(`ui.letter.lang.${c}`)),
    ),
  );
  return [
    h('fieldset', { class: 'ds-fieldset', id: 'appeal-lang' }, h('legend', { class: 'ds-label' }, t('ui.appeal.lang')), h('div', { class: 'choices' }, radios)),
    h('div', { class: 'button-row' },
      h('button', { type: 'button', class: 'ds-button', 'data-variant': 'primary', id: 'appeal-copy', 'data-focus': 'appeal-copy', onclick: copy }, t('ui.appeal.copy')),
      h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', id: 'appeal-download', 'data-focus': 'appeal-download', onclick: download }, t('ui.appeal.download')),
      h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', id: 'appeal-print', 'data-focus': 'appeal-print', onclick: () => print(true) }, t('ui.appeal.print')),
      h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', id: 'appeal-print-map', 'data-focus': 'appeal-print-map', onclick: () => print(false) }, t('ui.appeal.print_with_map'))),
    h('p', { class: 'ds-paragraph', id: 'appeal-said' }, said),
  ];
}

async function copy() {
  if (!shown) return;
  said = await copyText(shown.text, 'ui.appeal.copied');
  drawResult();
}

function download() {
  if (!shown) return;
  said = downloadText(shown.text, t('ui.appeal.file_name', { date: todayIso() }));
  drawResult();
}

/** The complaint alone, or with the egenkartlegging as its attachment. */
function print(alone) {
  if (shown) printDocument(shown.doc, alone);
}

let drawing = 0;

async function drawResult() {
  const box = $('#appeal-result');
  if (!box) return;
  const turn = ++drawing;
  const ap = result;
  const code = codeOf();
  let cat = null;
  if (ap?.draft) {
    try {
      cat = await letterCatalogue(code);
    } catch {
      cat = null;
    }
  }
  if (turn !== drawing || unchanged('appeal', [ap, code, said, !!cat])) return;
  if (!ap) {
    shown = null;
    replaceKids(box);
    return;
  }
  const d = ap.deadline;
  const sources = ap.sources;
  const standing = byCode(ap, ['APPEAL_UNCERTAIN', 'APPEAL_NOT_MET', 'APPEAL_NO_BASIS', 'APPEAL_HOURS_NOT_FEWER']);
  const reasons = (key, list) =>
    list.length ? [h('p', { class: 'ds-paragraph' }, h('strong', {}, t(key))), h('ul', { class: 'ds-list' }, list.map((r) => h('li', {}, t(r.key, r.inputs))))] : null;
  let draft;
  if (ap.draft && cat) {
    const node = h('div', { lang: code, class: 'letter-text' }, blocksNodes(cat, ap.draft, sources, 5));
    shown = { text: blocksText(cat, ap.draft, sources), doc: { lang: code, blocks: blocksPlain(cat, ap.draft, sources) } };
    draft = part('appeal-draft-h', 'report.appeal.draft', lang() === 'en' ? h('p', { class: 'ds-paragraph' }, t('ui.appeal.norwegian')) : null, ...draftControls(ap).slice(0, 1), h('div', { class: 'box' }, node.cloneNode(true)), ...draftControls(ap).slice(1));
  } else {
    shown = null;
    draft = part('appeal-draft-h', 'ui.appeal.no_draft_title', h('p', { class: 'ds-paragraph' }, t(ap.draft ? 'ui.paper.offline' : 'report.appeal.no_draft')));
  }
  replaceKids(
    box,
    h('h3', { class: 'ds-heading', 'data-size': 'sm', id: 'appeal-result-h', tabindex: '-1' }, t('report.appeal.title')),
    h('p', { class: 'ds-paragraph' }, words('report.appeal.decision', { decision: t(`appeal.decision_name.${ap.decision}`), received: ap.received })),
    ap.granted_hours !== undefined && ap.granted_hours !== null ? h('p', { class: 'ds-paragraph' }, t('report.appeal.granted', { granted: ap.granted_hours, counted: ap.counted })) : null,
    h(
      'div',
      { class: 'ds-alert', 'data-color': d.passed ? 'warning' : 'info', id: 'appeal-deadline' },
      h('h4', { class: 'ds-heading', 'data-size': 'xs', id: 'appeal-deadline-h' }, t('ui.appeal.deadline')),
      h('p', { class: 'big-number', id: 'appeal-deadline-date' }, deadlineLine(ap)),
      noteList(byCode(ap, ['APPEAL_DEADLINE', 'APPEAL_WEEKEND', 'APPEAL_LATE']), []),
      h('p', { class: 'ds-paragraph' }, t('ui.appeal.deadline_source')),
      sourceLinks(d.sources, sources),
    ),
    part(
      'appeal-send-h',
      'report.appeal.send_to',
      ap.municipality
        ? h('p', { class: 'ds-paragraph' }, ap.municipality, ap.contact ? [' ', h('a', { class: 'ds-link', href: ap.contact, target: '_blank', rel: 'noopener noreferrer' }, t('ui.appeal.contact'), h('span', { class: 'ds-sr-only' }, ` ${t('ui.link.new_tab')}`))] : null)
        : null,
      noteList(byCode(ap, ['APPEAL_SEND_TO']), sources),
    ),
    part('appeal-who-h', 'report.appeal.who', noteList(byCode(ap, ['APPEAL_WHO']), sources)),
    part('appeal-help-h', 'report.appeal.help', noteList(byCode(ap, ['APPEAL_OMBUD']), sources)),
    part(
      'appeal-map-h',
      'report.appeal.map',
      standing.map((n) => h('div', { class: 'ds-alert', 'data-color': 'warning', id: `appeal-standing-${n.code}` }, h('p', {}, words(`note.${n.code}`, n.inputs)))),
      reasons('report.appeal.grounds', ap.grounds),
      reasons('report.appeal.open', ap.open),
    ),
    ap.duties.length ? part('appeal-duties-h', 'appeal.duties.title', noteList(ap.duties, sources)) : null,
    draft,
  );
  for (const r of $$('input[name="appeal-lang"]')) r.checked = r.value === code;
}

/** After each render of the page: the answer follows the map, once asked for. */
onRender(() => {
  build();
  if (!answers.asked || !state || !view.assessment) return;
  ask().then(() => {
    drawErrors();
    drawResult();
  });
});
build();
