// 2. The needs: the templates to start from, the list of needs (each with
// how the engine counted it), undo, the form that adds or changes one need,
// copying a day to other days, and leisure per month. The list is the real,
// operable input of the page: the clock beside it only shows it.
import { validate } from './engine.js';
import { h, $, patchAttributes } from './dom.js';
import { t, errorText, lang } from './i18n.js';
import { update, redraw } from './hooks.js';
import { state, view, param, night, DAY_SETS, KINDS, PLACES, HELPERS } from './state.js';
import { DAYS, swatch, toMinutes } from './clock.js';
import { textField, choice, group, radios } from './fields.js';
import { replaceKids, unchanged, announce, afterFrame } from './draw.js';
import { sourceList, why } from './why.js';
import { renderErrors } from './errors.js';
import { keptWeek, onKeptWeek, takeBackWeek } from './storage.js';

// The week kept when the map was emptied is offered back in the empty list:
// drawn again when the engine keeps one, or it is taken back or cleared.
onKeptWeek(() => redraw());

/**
 * A time as people here type it, read the same in every browser language
 * (24 hours, never AM/PM): "7", "07", "700", "0700", "7.00", "7,00",
 * "07:00" all give "07:00"; "24" and "24:00" only as an end. Returns
 * "HH:MM", or null when it is no time.
 */
export function parseTime(raw, { end = false } = {}) {
  const m = /^(?:kl\.?\s*)?(\d{1,2})(?:\s*[:.,]?\s*(\d{2}))?$/i.exec(String(raw ?? '').trim());
  if (!m) return null;
  const hh = Number(m[1]);
  const mm = m[2] === undefined ? 0 : Number(m[2]);
  if (mm > 59 || hh > 24 || (hh === 24 && (mm !== 0 || !end))) return null;
  return `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
}

/** A whole span typed in one go: "07–09", "7-9", "22:00-02:00", "7 til 9". [start, end] or null. */
export function parseSpan(raw) {
  const parts = String(raw ?? '').trim().split(/\s*(?:[-–—]|\btil\b|\bto\b)\s*/i);
  if (parts.length !== 2) return null;
  const start = parseTime(parts[0]);
  const end = parseTime(parts[1], { end: true });
  return start && end ? [start, end] : null;
}

/** Starting points a person then adjusts (kind, days, from, to, label key). */
const TEMPLATES = {
  morning_evening: [
    ['personal', 'every', '07:00', '09:00', 'ui.template.label.morning'],
    ['personal', 'every', '21:00', '23:00', 'ui.template.label.evening'],
  ],
  through_day: [
    ['personal', 'every', '07:00', '09:00', 'ui.template.label.morning'],
    ['personal', 'every', '12:00', '13:00', 'ui.template.label.lunch'],
    ['household', 'weekdays', '14:00', '15:00', 'ui.template.label.household'],
    ['personal', 'every', '17:00', '18:00', 'ui.template.label.dinner'],
    ['personal', 'every', '21:00', '23:00', 'ui.template.label.evening'],
  ],
  // Day and night meet where the night window does (the law's, or the
  // case's or municipality's own): 'night_start' and 'night_end' stand for it.
  round_clock: [
    ['personal', 'every', 'night_end', 'night_start', 'ui.template.label.day'],
    ['personal', 'every', 'night_start', 'night_end', 'ui.template.label.night', true],
  ],
};

/** A template's time: a clock time, or an end of the night window shown. */
function templateTime(time) {
  if (time === 'night_start') return night().start;
  if (time === 'night_end') return night().end;
  return time;
}

/** A need as the engine writes it: defaults left out. */
function cleanNeed(n) {
  const out = { kind: n.kind, days: DAYS.filter((d) => n.days.includes(d)), start: n.start, end: n.end };
  if (n.crosses_midnight) out.crosses_midnight = true;
  if (n.helpers && n.helpers !== 1) out.helpers = n.helpers;
  if (n.place && n.place !== 'home') out.place = n.place;
  if (n.continuous) out.continuous = true;
  if (n.label) out.label = n.label;
  return out;
}

/** What undo puts back; `focus` is the need the focus goes to then (its index). */
function snapshot(text, focus = 0) {
  view.undo = { needs: structuredClone(state.needs), monthly: structuredClone(state.monthly), text, focus };
}

function applyTemplate(name) {
  const added = TEMPLATES[name].map(([kind, days, from, to, label, continuous]) => {
    const [start, end] = [templateTime(from), templateTime(to)];
    return cleanNeed({
      kind,
      days: DAY_SETS[days],
      start,
      end,
      crosses_midnight: toMinutes(end) <= toMinutes(start),
      continuous: !!continuous,
      label: t(label),
    });
  });
  snapshot(t('ui.undo.template', { name: t(`ui.template.${name}`) }), state.needs.length);
  update(() => state.needs.push(...added));
  announce(t('ui.announce.template', { count: added.length }));
}

export function buildTemplates() {
  $('#templates').replaceChildren(
    h('h3', { class: 'ds-heading', 'data-size': 'xs', i18n: 'ui.templates.title' }),
    h('p', { class: 'ds-paragraph', i18n: 'ui.templates.help' }),
    h(
      'div',
      { class: 'button-row' },
      Object.keys(TEMPLATES).map((name) =>
        h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', i18n: `ui.template.${name}`, onclick: () => applyTemplate(name) }),
      ),
    ),
  );
}

/** Words for a set of days: "Hver dag", "Mandag–fredag", "mandag og onsdag". */
function daysText(days) {
  const set = DAYS.filter((d) => days.includes(d));
  for (const [name, list] of Object.entries(DAY_SETS)) {
    if (set.length === list.length && list.every((d) => set.includes(d))) return t(`ui.days.${name}`);
  }
  const names = set.map((d) => t(`day.${d}`));
  if (names.length <= 1) return names.join('');
  return t('ui.list.and', { first: names.slice(0, -1).join(', '), last: names[names.length - 1] });
}

/** The name a person sees for a need: their own label, else the kind. */
export function needName(n) {
  return n.label ? n.label : t(`kind.${n.kind}`);
}

function timeText(n) {
  const span = `${n.start}–${n.end}`;
  return n.crosses_midnight ? `${span} ${t('ui.need.next_day')}` : span;
}

function traceOf(i, monthly = false) {
  return view.assessment?.trace.find((x) => x.need === i && !!x.monthly === monthly);
}


/** How one need was counted, from the engine's trace. */
function needCountText(i) {
  const tr = traceOf(i);
  if (!tr) return [];
  const lines = [];
  if (tr.counted === tr.mapped) {
    lines.push(h('p', { class: 'need-count' }, t('ui.need.counted_all', { hours: tr.counted })));
    return lines;
  }
  lines.push(h('p', { class: 'need-count' }, t('ui.need.counted_part', { counted: tr.counted, mapped: tr.mapped })));
  const reasons = [];
  if (tr.overlap > 0) reasons.push(h('li', {}, t('ui.need.overlap', { hours: tr.overlap })));
  for (const [cause, hours] of Object.entries(tr.excluded || {})) {
    const code = `EXCLUDED_${cause.toUpperCase()}`;
    const note = view.assessment.exclusions.find((n) => n.code === code);
    // The note's own inputs (the night window, …) with this need's hours.
    reasons.push(h('li', {}, t(`note.${code}`, { ...note?.inputs, hours }), note ? sourceList(note.sources) : null));
  }
  lines.push(why(`need-${i}`, h('ul', { class: 'plain' }, reasons)));
  return lines;
}

/**
 * Rows of the list drawn in one go. A longer list (a file or link can hold
 * hundreds of needs) draws these first, with the selected need and the one
 * holding the focus, and the rest in later tasks of as many rows: a
 * keystroke must never wait for a list of thousands of elements (issue 14,
 * "Never freeze"). A row whose inputs did not change is not built again.
 */
export const ROWS_AT_ONCE = 40;
/** What each row was last drawn from (its key), by index. */
const rowsDrawn = [];
/** The rest of the rows, waiting. */
const rowsLater = afterFrame();

/** Everything row `i` shows, as a key: the row is built again only when it changed. */
function rowKey(i) {
  const tr = traceOf(i);
  const excluded = Object.keys(tr?.excluded || {}).map((cause) => view.assessment.exclusions.find((n) => n.code === `EXCLUDED_${cause.toUpperCase()}`));
  const errs = view.caseErrors.filter((e) => e.field.startsWith(`needs[${i}]`));
  return JSON.stringify([state.needs[i], view.selected === i, errs, tr, excluded]);
}

/** One need in the list: what it is, how it was counted, its errors, and its buttons. */
function needRow(i) {
  const n = state.needs[i];
  // The kind is the name when there is no own label: then it is not said twice.
  const facts = [timeText(n), daysText(n.days || [])];
  if (n.label) facts.push(t(`kind.${n.kind}`));
  if (n.helpers > 1) facts.push(t('ui.need.helpers', { count: n.helpers }));
  if (n.place && n.place !== 'home') facts.push(t(`place.${n.place}`));
  if (n.continuous) facts.push(t('ui.need.continuous'));
  const errs = view.caseErrors.filter((e) => e.field.startsWith(`needs[${i}]`));
  return h(
    'li',
    {
      class: `need${view.selected === i ? ' is-selected' : ''}${errs.length ? ' has-error' : ''}`,
      id: `need-${i}`,
      tabindex: -1,
      'data-focus': `need-${i}`,
      'aria-current': view.selected === i ? 'true' : null,
      'data-need': i,
    },
    h(
      'div',
      { class: 'need-head' },
      h('span', { class: 'need-num', 'aria-hidden': 'true' }, String(i + 1)),
      swatch(n.kind),
      h('span', { class: 'need-name' }, h('span', { class: 'ds-sr-only' }, `${t('ui.need.number', { n: i + 1 })}: `), needName(n)),
    ),
    h('p', { class: 'need-facts' }, facts.join(' · ')),
    ...needCountText(i),
    errs.map((e) => h('p', { class: 'ds-validation-message', 'data-color': 'danger', id: `need-${i}-error` }, errorText(e))),
    h(
      'div',
      { class: 'need-actions' },
      h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', 'data-size': 'sm', id: `edit-${i}`, 'data-focus': `edit-${i}`, onclick: () => startEdit(i) },
        t('ui.need.edit'), h('span', { class: 'ds-sr-only' }, ` ${t('ui.need.number', { n: i + 1 })}`)),
      h('button', { type: 'button', class: 'ds-button', 'data-variant': 'tertiary', 'data-size': 'sm', 'data-focus': `delete-${i}`, onclick: () => removeNeed(i) },
        t('ui.need.delete'), h('span', { class: 'ds-sr-only' }, ` ${t('ui.need.number', { n: i + 1 })}`)),
    ),
  );
}

/** Brings row `i` of `ol` up to date (patched in place: focus and open "why?" stay). */
function drawRow(ol, i) {
  const key = rowKey(i);
  const old = ol.children[i];
  if (old && rowsDrawn[i] === key) return;
  rowsDrawn[i] = key;
  const fresh = needRow(i);
  if (!old) {
    ol.append(fresh);
    return;
  }
  patchAttributes(old, fresh);
  replaceKids(old, [...fresh.childNodes]);
}

export function renderNeedList() {
  const list = $('#need-list');
  const a = view.assessment;
  const needErrors = view.caseErrors.filter((e) => e.field.startsWith('needs['));
  const kept = !state.needs.length && !state.monthly?.length ? keptWeek() : null;
  const shown = [state.needs, view.selected, needErrors, a?.trace, a?.exclusions, a?.sources, a?.municipality?.sources, kept];
  if (unchanged('need-list', shown) && list.firstChild) return;
  rowsLater.cancel();
  if (!state.needs.length) {
    rowsDrawn.length = 0;
    replaceKids(list, h('p', { class: 'ds-paragraph empty' }, t('ui.needs.empty')), kept ? emptiedOffer(kept) : null);
    return;
  }
  let ol = $(':scope > ol.needs', list);
  if (!ol) {
    ol = h('ol', { class: 'needs' });
    list.replaceChildren(ol);
    rowsDrawn.length = 0;
  }
  // A language or the sources changed: every row says it anew.
  if (!unchanged('need-rows', [a?.sources, a?.municipality?.sources])) rowsDrawn.length = 0;
  const count = state.needs.length;
  // A long list's rows off screen are not laid out (app.css): only then, as
  // their text is not there for a script to read until they come near.
  ol.classList.toggle('long', count > ROWS_AT_ONCE);
  while (ol.children.length > count) ol.lastChild.remove();
  rowsDrawn.length = Math.min(rowsDrawn.length, count);
  // Now: the first rows, the selected one and the one with the focus.
  const focused = Number(document.activeElement?.closest?.('#need-list li.need')?.dataset.need);
  const first = Math.min(count, ROWS_AT_ONCE);
  for (let i = 0; i < first; i++) drawRow(ol, i);
  for (const i of [view.selected, focused]) if (Number.isInteger(i) && i >= first && i < count && ol.children.length > i) drawRow(ol, i);
  // Then the rest, after the frame that shows the keystroke, as many rows
  // a task, in order (rows are appended in order).
  const batches = [];
  for (let from = first; from < count; from += ROWS_AT_ONCE) {
    batches.push(() => {
      for (let i = from; i < Math.min(count, from + ROWS_AT_ONCE); i++) drawRow(ol, i);
    });
  }
  rowsLater.run(batches);
}

/** "Hent tilbake": what the map held before it was emptied, kept by the engine until the person clears their data. */
function emptiedOffer(kept) {
  return h(
    'div',
    { class: 'undo emptied', id: 'emptied-offer' },
    h('p', { class: 'ds-paragraph', id: 'emptied-text' }, t('ui.needs.emptied', { count: kept.needs + kept.monthly })),
    h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', 'data-size': 'sm', id: 'emptied-take-back', 'data-focus': 'emptied-take-back', 'aria-describedby': 'emptied-text', onclick: takeBack }, t('ui.needs.take_back')),
  );
}

function takeBack() {
  const week = takeBackWeek();
  if (!week) {
    announce(t('ui.needs.take_back_failed'));
    return;
  }
  window.bpaApp.setCase(week);
  announce(t('ui.needs.taken_back'));
  // The button is gone: the first need put back takes the focus.
  ($('#need-list .need') || $('#needs-h'))?.focus();
}

/** Deletes need `i` (the list's button, or Delete on the clock), with undo. */
export function removeNeed(i) {
  const name = needName(state.needs[i]);
  snapshot(t('ui.undo.deleted', { name }), i);
  if (view.editing === i) resetNeedForm();
  else if (view.editing !== null && view.editing > i) view.editing -= 1;
  if (view.selected === i) view.selected = null;
  else if (view.selected !== null && view.selected > i) view.selected -= 1;
  update(() => state.needs.splice(i, 1));
  announce(t('ui.announce.deleted', { name }));
  // The button pressed is gone: the undo button is the natural next place.
  $('#undo-button')?.focus();
}

function undo() {
  if (!view.undo) return;
  const { needs, monthly, focus } = view.undo;
  view.undo = null;
  view.selected = needs[focus] ? focus : null;
  update(() => {
    state.needs = needs;
    state.monthly = monthly;
  });
  announce(t('ui.announce.undone'));
  // The need put back (the one deleted), not need 1.
  const item = $(`#need-${focus}`) || $('#need-list .need');
  (item || $('#needs-h')).focus();
}

export function renderUndo() {
  const box = $('#undo-notice');
  if (!view.undo) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  box.hidden = false;
  replaceKids(
    box,
    h('p', {}, view.undo.text),
    h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', 'data-size': 'sm', id: 'undo-button', 'data-focus': 'undo', onclick: undo }, t('ui.undo.button')),
  );
}

// -- The need form (add or change one need) --

export function buildNeedForm() {
  const form = $('#need-form');
  const daysChoice = radios({
    name: 'nf-days',
    idPrefix: 'nf-days',
    values: ['every', 'weekdays', 'weekend', 'chosen'],
    labelKey: (v) => `ui.days.${v}`,
    onChange: () => syncNeedForm(),
  });
  const chosen = h(
    'fieldset',
    { class: 'ds-fieldset inline nested', id: 'nf-chosen-days', hidden: true },
    h('legend', { class: 'ds-label', i18n: 'ui.form.chosen_days' }),
    h('div', { class: 'choices' }, DAYS.map((d) => choice({ type: 'checkbox', name: 'nf-day', id: `nf-day-${d}`, value: d, label: `day.${d}` }))),
  );
  const kind = group({
    id: 'nf-kind',
    legend: 'ui.form.kind',
    kids: radios({ name: 'nf-kind', idPrefix: 'nf-kind', values: KINDS, labelKey: (v) => `kind.${v}`, helpKey: (v) => `ui.kind.${v}.help` }),
  });
  const days = h('fieldset', { class: 'ds-fieldset', id: 'nf-days' },
    h('legend', { class: 'ds-label', i18n: 'ui.form.days' }),
    h('div', { class: 'choices' }, daysChoice),
    chosen);
  // Typed times, not <input type="time">: that one follows the browser's
  // language (12 hours and AM/PM in English) and loses the hour to a click
  // in the middle. These read "7", "0700", "7.00", "07:00" the same
  // everywhere, and the start field takes a whole span ("07–09").
  const timeAttrs = { 'aria-describedby': 'nf-time-help', autocomplete: 'off', spellcheck: 'false', class: 'ds-input time', maxlength: 20 };
  const time = h(
    'fieldset',
    { class: 'ds-fieldset', id: 'nf-time' },
    h('legend', { class: 'ds-label', i18n: 'ui.form.time' }),
    h('p', { 'data-field': 'description', id: 'nf-time-help', i18n: 'ui.form.time_help_typed' }),
    h(
      'div',
      { class: 'time-row' },
      textField({ id: 'nf-start', label: 'ui.form.start', attrs: timeAttrs, onInput: (e) => timeInput(e) }),
      textField({ id: 'nf-end', label: 'ui.form.end', attrs: timeAttrs, onInput: (e) => timeInput(e) }),
    ),
    h('div', { id: 'nf-cross-wrap', hidden: true }, choice({ type: 'checkbox', name: 'nf-cross', id: 'nf-cross', value: 'yes', label: 'ui.form.cross', help: 'ui.form.cross_help' })),
  );
  // The order a need is told in, the commonest first: when, which days,
  // what, its own name; then what seldom changes. After "Legg til" the
  // focus is back on the first field, and the days chosen last stay.
  form.replaceChildren(
    h('h3', { class: 'ds-heading', 'data-size': 'sm', id: 'need-form-h', tabindex: -1 }),
    h('p', { class: 'ds-paragraph', i18n: 'ui.form.intro' }),
    time,
    days,
    kind,
    textField({ id: 'nf-label', label: 'ui.form.label', help: 'ui.form.label_help', attrs: { autocomplete: 'off' } }),
    group({
      id: 'nf-helpers',
      legend: 'ui.form.helpers',
      help: 'ui.form.helpers_help',
      inline: true,
      kids: radios({ name: 'nf-helpers', idPrefix: 'nf-helpers', values: HELPERS, labelKey: (v) => (v === 1 ? 'ui.form.helper_one' : 'ui.form.helper_many'), vars: {} }),
    }),
    group({
      id: 'nf-place',
      legend: 'ui.form.place',
      kids: radios({ name: 'nf-place', idPrefix: 'nf-place', values: PLACES, labelKey: (v) => `place.${v}`, helpKey: (v) => `ui.place.${v}.help` }),
    }),
    group({
      id: 'nf-continuous-group',
      legend: 'ui.form.continuous_legend',
      help: 'ui.form.continuous_help',
      kids: [choice({ type: 'checkbox', name: 'nf-continuous', id: 'nf-continuous', value: 'yes', label: 'ui.form.continuous' })],
    }),
    h(
      'div',
      { class: 'button-row' },
      h('button', { type: 'submit', class: 'ds-button', id: 'nf-submit' }),
      h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', id: 'nf-cancel', i18n: 'ui.form.cancel', onclick: () => { resetNeedForm(); $('#need-form-h').focus(); } }),
    ),
    // What was just added, for those who see it (the status region says it aloud).
    h('p', { class: 'ds-paragraph form-done', id: 'nf-done', hidden: true }),
  );
  // Each helper count has its own number in the label ("2 hjelpere").
  for (const n of HELPERS) {
    const label = $(`label[for="nf-helpers-${n}"]`);
    label.dataset.i18nVars = JSON.stringify({ count: n });
    label.textContent = t(label.dataset.i18n, { count: n });
  }
  form.addEventListener('submit', submitNeed);
  resetNeedForm();
}

/** Puts a need (or the defaults) into the form. */
function fillNeedForm(n) {
  const days = n.days || [];
  let mode = 'chosen';
  for (const [name, list] of Object.entries(DAY_SETS)) {
    if (days.length === list.length && list.every((d) => days.includes(d))) mode = name;
  }
  $(`#nf-kind-${KINDS.includes(n.kind) ? n.kind : 'personal'}`).checked = true;
  $(`#nf-days-${mode}`).checked = true;
  for (const d of DAYS) $(`#nf-day-${d}`).checked = mode === 'chosen' && days.includes(d);
  $('#nf-start').value = n.start || '';
  $('#nf-end').value = n.end || '';
  $('#nf-cross').checked = !!n.crosses_midnight;
  delete $('#nf-cross').dataset.auto;
  $(`#nf-helpers-${HELPERS.includes(n.helpers) ? n.helpers : 1}`).checked = true;
  $(`#nf-place-${PLACES.includes(n.place) ? n.place : 'home'}`).checked = true;
  $('#nf-continuous').checked = !!n.continuous;
  $('#nf-label').value = n.label || '';
  syncNeedForm();
}

/** The days of the need added last: the form starts from them (most needs share their days). */
let lastDays = null;

export function resetNeedForm() {
  const doneBox = $('#nf-done');
  if (doneBox) doneBox.hidden = true;
  view.editing = null;
  view.formErrors = [];
  fillNeedForm({ kind: 'personal', days: lastDays || DAYS });
  renderNeedFormTexts();
  renderErrors();
}

function renderNeedFormTexts() {
  const heading = $('#need-form-h');
  const submit = $('#nf-submit');
  const editing = view.editing !== null;
  heading.dataset.i18n = editing ? 'ui.form.title_edit' : 'ui.form.title_add';
  heading.dataset.i18nVars = JSON.stringify({ n: editing ? view.editing + 1 : 0 });
  heading.textContent = t(heading.dataset.i18n, { n: editing ? view.editing + 1 : 0 });
  submit.dataset.i18n = editing ? 'ui.form.save' : 'ui.form.add';
  submit.textContent = t(submit.dataset.i18n);
  $('#nf-cancel').hidden = !editing;
}

/** Shows what depends on other answers: chosen days, "past midnight" (`settled`: the times are typed out). */
function syncNeedForm(spanned = false) {
  $('#nf-chosen-days').hidden = !$('#nf-days-chosen').checked;
  const s = toMinutes(parseTime($('#nf-start').value));
  const e = toMinutes(parseTime($('#nf-end').value, { end: true }));
  const cross = $('#nf-cross');
  const wrap = $('#nf-cross-wrap');
  // Shown when the end is earlier than the start, or when ticked. A span
  // typed in one go with its end before its start ticks it ("22–02" is
  // meant to go past midnight), untick again when the times no longer
  // cross, unless the person ticked it.
  if (spanned && e < s && !cross.checked) {
    cross.checked = true;
    cross.dataset.auto = 'yes';
  } else if (e >= s && cross.dataset.auto) {
    cross.checked = false;
  }
  if (!cross.checked || !(e < s)) delete cross.dataset.auto;
  wrap.hidden = !(e < s || cross.checked);
}

/**
 * While typing: four digits are a whole time and are shown as one
 * ("0700" → "07:00", only with the cursor at the end, so nothing jumps).
 * When the field is left (change), a span typed into either field fills
 * both, and a time is written out ("7" → "07:00").
 */
function timeInput(e) {
  const input = e.target;
  if (e.type === 'input') {
    if (/^\d{4}$/.test(input.value) && input.selectionStart === 4) {
      const time = parseTime(input.value, { end: input.id === 'nf-end' });
      if (time) input.value = time;
    }
    syncNeedForm();
  } else {
    syncNeedForm(tidyTimes());
  }
}

/**
 * Writes the typed times out as HH:MM; a span in one field fills both
 * (then true). Unreadable text is left for the error.
 */
function tidyTimes() {
  const start = $('#nf-start');
  const end = $('#nf-end');
  let spanned = false;
  for (const input of [start, end]) {
    const span = parseSpan(input.value);
    if (span) {
      [start.value, end.value] = span;
      spanned = true;
      continue;
    }
    const time = parseTime(input.value, { end: input === end });
    if (time) input.value = time;
  }
  return spanned;
}

/** Reads the form. Returns the need, and errors for fields left empty. */
function readNeedForm() {
  const value = (name) => $(`input[name="${name}"]:checked`)?.value;
  const mode = value('nf-days') || 'every';
  const days = mode === 'chosen' ? DAYS.filter((d) => $(`#nf-day-${d}`).checked) : DAY_SETS[mode];
  const need = {
    kind: value('nf-kind'),
    days,
    start: parseTime($('#nf-start').value),
    end: parseTime($('#nf-end').value, { end: true }),
    crosses_midnight: !$('#nf-cross-wrap').hidden && $('#nf-cross').checked,
    helpers: Number(value('nf-helpers') || 1),
    place: value('nf-place') || 'home',
    continuous: $('#nf-continuous').checked,
    label: $('#nf-label').value.trim(),
  };
  const missing = [];
  if (!need.kind) missing.push({ target: 'nf-kind-personal', message: t('ui.error.kind_missing') });
  for (const [key, id] of [['start', 'nf-start'], ['end', 'nf-end']]) {
    if (need[key]) continue;
    const typed = $(`#${id}`).value.trim();
    missing.push({ target: id, message: typed ? t('ui.error.time_unreadable', { typed }) : t(`ui.error.${key}_missing`) });
  }
  return { need: cleanNeed({ ...need, kind: need.kind || 'personal' }), missing };
}

/** Where an engine error about the form's need points to. */
function formTarget(field) {
  const name = field.replace(/^needs\[\d+\]\.?/, '');
  if (name === 'days') return $('#nf-days-chosen').checked ? 'nf-day-mon' : 'nf-days-every';
  return (
    { kind: 'nf-kind-personal', start: 'nf-start', end: 'nf-end', crosses_midnight: 'nf-cross', helpers: 'nf-helpers-1', place: 'nf-place-home', continuous: 'nf-continuous', label: 'nf-label' }[name] || 'nf-start'
  );
}

function submitNeed(event) {
  event.preventDefault();
  syncNeedForm(tidyTimes());
  const { need, missing } = readNeedForm();
  let errors = missing;
  if (!errors.length) {
    // The engine checks the need: times that make sense, days, helpers, length.
    const reply = validate({ needs: [need] });
    if (!reply.ok) errors = reply.errors.map((e) => ({ target: formTarget(e.field), message: errorText(e) }));
  }
  view.formErrors = errors;
  if (errors.length) {
    renderErrors();
    $('#error-summary').focus();
    return;
  }
  const editing = view.editing;
  update(() => {
    if (editing === null) state.needs.push(need);
    else state.needs[editing] = need;
  });
  const name = needName(need);
  const counted = view.assessment ? view.assessment.hours.counted : 0;
  const done = t(editing === null ? 'ui.announce.added' : 'ui.announce.saved', { name, hours: counted });
  announce(done);
  view.selected = editing === null ? state.needs.length - 1 : editing;
  if (editing === null) lastDays = need.days;
  resetNeedForm();
  redraw();
  const doneBox = $('#nf-done');
  doneBox.textContent = done;
  doneBox.hidden = false;
  // Where the next need starts: its first field, the days kept. A need
  // changed: back to its own "Endre" button in the list.
  if (editing !== null) $(`#edit-${editing}`)?.focus();
  else $('#nf-start').focus();
}

export function startEdit(i) {
  view.editing = i;
  view.selected = i;
  view.formErrors = [];
  fillNeedForm(state.needs[i]);
  renderNeedFormTexts();
  redraw();
  $('#need-form-h').focus();
  $('#need-form-h').scrollIntoView({ block: 'start' });
}

// -- Copy a day to other days --

export function buildCopyDay() {
  const box = $('#copy-day');
  box.replaceChildren(
    h('summary', { i18n: 'ui.copy.title' }),
    h(
      'div',
      { class: 'copy-body' },
      h('p', { class: 'ds-paragraph', i18n: 'ui.copy.help' }),
      h(
        'div',
        { class: 'ds-field' },
        h('label', { class: 'ds-label', for: 'copy-from', i18n: 'ui.copy.from' }),
        h('select', { class: 'ds-input', id: 'copy-from' }, DAYS.map((d) => h('option', { value: d, i18n: `day.${d}` }))),
      ),
      group({
        id: 'copy-to',
        legend: 'ui.copy.to',
        inline: true,
        kids: DAYS.map((d) => choice({ type: 'checkbox', name: 'copy-to', id: `copy-to-${d}`, value: d, label: `day.${d}` })),
      }),
      h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', i18n: 'ui.copy.button', onclick: copyDay }),
    ),
  );
}

function copyDay() {
  const from = $('#copy-from').value;
  const to = DAYS.filter((d) => d !== from && $(`#copy-to-${d}`).checked);
  delete view.uiErrors['copy-to-mon'];
  if (!to.length) {
    view.uiErrors['copy-to-mon'] = t('ui.error.copy_no_days');
    renderErrors();
    $('#error-summary').focus();
    return;
  }
  const has = (n) => Array.isArray(n.days) && n.days.includes(from);
  const count = state.needs.filter(has).length;
  snapshot(t('ui.undo.copied', { day: t(`day.${from}`) }), Math.max(0, state.needs.findIndex(has)));
  update(() => {
    for (const n of state.needs) {
      if (has(n)) n.days = DAYS.filter((d) => n.days.includes(d) || to.includes(d));
    }
  });
  for (const d of DAYS) $(`#copy-to-${d}`).checked = false;
  announce(t('ui.announce.copied', { count, day: t(`day.${from}`), days: daysText(to) }));
}

// -- Leisure per month (Oslo's guidance shown as guidance, never a cap) --

function leisureIndex() {
  return (state.monthly || []).findIndex((m) => m.kind === 'leisure');
}

export function buildLeisure() {
  const vars = { low: param('leisure_guidance_low'), high: param('leisure_guidance_high') };
  $('#leisure').replaceChildren(
    textField({
      id: 'f-leisure',
      label: 'ui.leisure.label',
      help: 'ui.leisure.help',
      vars,
      attrs: { inputmode: 'decimal', autocomplete: 'off', class: 'ds-input short' },
      onInput: (e) => {
        const raw = e.target.value.trim().replace(',', '.');
        delete view.uiErrors['f-leisure'];
        update(() => {
          const i = leisureIndex();
          if (raw === '') {
            if (i >= 0) state.monthly.splice(i, 1);
            return;
          }
          if (!/^\d+(\.\d+)?$/.test(raw)) {
            view.uiErrors['f-leisure'] = t('ui.error.leisure_number');
            return;
          }
          const hours = Number(raw);
          if (i >= 0) state.monthly[i].hours_per_month = hours;
          else state.monthly.push({ kind: 'leisure', hours_per_month: hours });
        });
      },
    }),
  );
}

export function syncLeisure() {
  const input = $('#f-leisure');
  if (!input || view.uiErrors['f-leisure']) return;
  const i = leisureIndex();
  const want = i >= 0 ? String(state.monthly[i].hours_per_month) : '';
  const have = input.value.trim().replace(',', '.');
  if (Number(have) !== Number(want) || (have === '') !== (want === '')) {
    input.value = want.replace('.', lang() === 'en' ? '.' : ',');
  }
}
