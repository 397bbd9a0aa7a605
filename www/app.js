// BPA-kalkulator: the page.
//
// How it hangs together, top-down:
// - `state` is the whole page state, and it is exactly the Case JSON the
//   engine and the CLI read (src/case/mod.rs). Nothing else is saved.
// - Every change goes through `update()`, which calls `render()`: the engine
//   (WebAssembly) assesses `state` once, and the page draws the list, the
//   clock and the results from `state` and the engine's answer.
// - A redraw must fit in one frame while a person types (issue 4), so it is
//   cheap: a part is drawn again only when what it shows changed
//   (`unchanged()`, `drawParts()`), and what is drawn is patched into the
//   page (dom.js `patch()`), changing only the elements that differ. What
//   nobody sees while typing waits: the draft and the share link follow
//   ~300 ms after the last key (share.js), the printout is drawn just
//   before printing, the caseworker view only while it is open.
// - The rules live only in the engine. This file builds the Case from the
//   forms and shows the Assessment; it never counts hours or decides anything.
// - Every text comes from the catalogue (i18n/*.json) through `t()`.
// - Text a person typed is only ever set as text (textContent), never as HTML.

import { load as init, assess, validate, forms } from './engine.js';
import { t, errorText, fmtNumber, loadLanguage, loadLanguageList, languageCode, lang, LANGUAGES } from './i18n.js';
import { h, patch } from './dom.js';
import { runRender, setUpdater } from './hooks.js';
// Parts in their own files; each draws itself after every render (hooks.js).
// The municipality's profile and the embedding are loaded only when the
// page is for a municipality or inside another page (see "Start"), the
// marks on untranslated texts only in a language that has some (i18n.js).
import './notes.js';
import {
  DAYS,
  svgEl,
  swatch,
  patternDefs,
  dayOccurrences,
  drawClock,
  drawDayBar,
  drawWeek,
  drawHoursBar,
  toMinutes,
  fmtMinutes,
} from './clock.js';
// Drafts, share links and files (issue 6): starts after the first render.
import './share.js';

// The choices each question offers, as the engine names them (wasm
// `forms()`, set in start() before anything is built): a new kind of help
// or place is added on the Rust side and the forms follow.
let KINDS = [];
let PLACES = [];
let ANSWERS = [];
let APPLICANTS = [];
let ARBEIDSLEDER = [];
/** For a child: without "I lead myself" (the parents lead). */
let ARBEIDSLEDER_CHILD = [];
let SERVICES = [];
let HELPERS = [];
const DAY_SETS = {
  every: DAYS,
  weekdays: DAYS.slice(0, 5),
  weekend: DAYS.slice(5),
};

/**
 * An empty case, as the engine writes one: in its current format (the
 * `version`), with the parts it always writes.
 */
function emptyCase() {
  return validate({}).case;
}

/** THE page state: the Case JSON (set once the engine is loaded). Drafts and share links hook in here. */
let state = null;

/** What the page shows that is not part of the case (never saved). */
const view = {
  day: 0, // the day on the clock, 0 = Monday
  selected: null, // index of the need picked on the clock or in the list
  editing: null, // index of the need in the form, or null when adding
  undo: null, // { needs, monthly, text } to put back
  assessment: null, // the engine's last answer
  params: {}, // the law's values: in force today (forms()), then those of the last answer
  caseErrors: [], // the engine's errors for `state`
  uiErrors: {}, // field id → message, for values the forms cannot read
  formErrors: [], // [{ target, message }] from the last add/save of a need
  lastVerdict: null,
};

// ---- Small DOM helpers -------------------------------------------------------


const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

/** Sets every catalogue text on the page (on start and on a language switch). */
function applyTexts(root = document) {
  for (const el of $$('[data-i18n]', root)) {
    const vars = el.dataset.i18nVars ? JSON.parse(el.dataset.i18nVars) : {};
    el.textContent = t(el.dataset.i18n, vars);
  }
  for (const el of $$('[data-i18n-label]', root)) el.setAttribute('aria-label', cap(t(el.dataset.i18nLabel)));
  document.title = t('ui.title');
  // On the calculator's root as well as <html>: a host page that takes the
  // calculator into its own document keeps the language right.
  document.documentElement.lang = lang();
  $('.page')?.setAttribute('lang', lang());
}

/**
 * Brings a container's content up to date with `kids` (dom.js patch():
 * only what differs is changed, so an unchanged part costs the browser
 * nothing to restyle). Open `<details>` stay open and the focus stays where
 * it was; should the focused element itself have been replaced, the focus
 * goes to the new element with the same `data-focus` key, so that a live
 * redraw never throws a keyboard user back to the top.
 */
function replaceKids(container, ...kids) {
  const active = document.activeElement;
  const key = active && container.contains(active) ? active.dataset.focus : null;
  const open = $$('details[open][data-key]', container).map((d) => d.dataset.key);
  patch(container, ...kids);
  for (const k of open) {
    const d = $(`details[data-key="${CSS.escape(k)}"]`, container);
    if (d && !d.open) d.open = true;
  }
  if (key && !container.contains(active)) $(`[data-focus="${CSS.escape(key)}"]`, container)?.focus();
}

/**
 * What each part of the page was last drawn from, so that a part is drawn
 * again only when that changed: typing an age changes the reasons, not the
 * list of needs or the drawing of the day. `inputs` must hold everything the
 * part shows (the language is added here); the key is its JSON.
 */
const drawnFrom = new Map();
/** The same for the parts drawParts() draws: name → { key, node }. */
const partsDrawn = new Map();

/** True when `name` was last drawn from the same inputs; else remembers these. */
function unchanged(name, inputs) {
  const key = JSON.stringify([lang(), inputs]);
  if (drawnFrom.get(name) === key) return true;
  drawnFrom.set(name, key);
  return false;
}

/**
 * Draws a container from parts `[name, inputs, build]`: a part whose inputs
 * are unchanged keeps its element as it is on the page; the others are
 * built and patched in. `build` may return null (the part is left out).
 */
function drawParts(container, parts) {
  const list = [];
  for (const [name, inputs, build] of parts) {
    const key = JSON.stringify([lang(), inputs]);
    const had = partsDrawn.get(name);
    const node = had && had.key === key && had.node.parentNode === container ? had.node : build();
    if (node) list.push({ name, key, node });
    else partsDrawn.delete(name);
  }
  replaceKids(container, list.map((p) => p.node));
  // patch() may have changed an element already there rather than insert the new one.
  list.forEach((p, i) => partsDrawn.set(p.name, { key: p.key, node: container.children[i] }));
}

/** "mandag" → "Mandag", for a day name at the start of a line. */
const cap = (s) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/** Hours in the language's style: 27,5. */
const hrs = (n) => fmtNumber(Number(n));

/**
 * Loads a module once; later calls get the same promise. A load that failed
 * (offline before the module was ever used) is tried again next time.
 */
function loader(load) {
  let promise = null;
  return () =>
    (promise ||= load().catch((err) => {
      promise = null;
      throw err;
    }));
}

// ---- Announcements (the role="status" region from index.html) -------------

let pending = { action: [], verdict: [] };
let announceTimer = null;

/**
 * Says something politely to screen readers; never moves focus. What
 * happens within half a second is said once, the action ("Lagt til …")
 * before the new verdict, so typing does not flood the listener.
 */
function announce(text, kind = 'action') {
  pending[kind].push(text);
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => {
    $('#status').textContent = [...pending.action, ...pending.verdict.slice(-1)].join(' ');
    pending = { action: [], verdict: [] };
  }, 500);
}

// ---- Fields: one builder per kind of control --------------------------------

/** A Designsystemet text/number/time field with label, help and error slot. */
function textField({ id, label, help, vars, type = 'text', attrs = {}, onInput }) {
  const descId = help ? `${id}-help` : null;
  return h(
    'div',
    { class: 'ds-field', 'data-field-for': id },
    h('label', { class: 'ds-label', for: id, i18n: label, vars }),
    help ? h('div', { 'data-field': 'description', id: descId, i18n: help, vars }) : null,
    h('input', { class: 'ds-input', id, type, 'aria-describedby': descId, ...attrs, oninput: onInput, onchange: onInput }),
  );
}

/** One radio or checkbox with its label and optional help text. */
function choice({ type, name, id, value, label, help, vars, checked, onChange }) {
  const descId = help ? `${id}-help` : null;
  return h(
    'div',
    { class: 'ds-field' },
    h('input', { class: 'ds-input', type, name, id, value, checked, 'aria-describedby': descId, onchange: onChange }),
    h('label', { for: id, i18n: label, vars }),
    help ? h('div', { 'data-field': 'description', id: descId, i18n: help, vars }) : null,
  );
}

/** A fieldset with a legend, help text and radios or checkboxes. */
function group({ id, legend, help, vars, inline, kids }) {
  const helpId = help ? `${id}-help` : null;
  return h(
    'fieldset',
    { class: `ds-fieldset${inline ? ' inline' : ''}`, id, 'aria-describedby': helpId },
    h('legend', { class: 'ds-label', i18n: legend, vars }),
    help ? h('p', { 'data-field': 'description', id: helpId, i18n: help, vars }) : null,
    h('div', { class: 'choices' }, kids),
  );
}

function radios({ name, idPrefix, values, labelKey, helpKey, vars, onChange }) {
  return values.map((value) =>
    choice({
      type: 'radio',
      name,
      id: `${idPrefix}-${value}`,
      value: String(value),
      label: labelKey(value),
      help: helpKey ? helpKey(value) : null,
      vars,
      onChange,
    }),
  );
}

// ---- 1. About the person ----------------------------------------------------

/**
 * One of the law's values ("age_limit", "night_start": "23:00", …), as the
 * engine gives it: from the last assessment (the rules of its date), else
 * in force today (forms()). The page writes no rule's number itself.
 */
function param(name) {
  return view.params[name];
}

/** Keeps the law's values of a list of the engine's parameters. */
function keepParams(list) {
  for (const p of list || []) view.params[p.name] = p.value;
}

function buildPersonForm() {
  const limit = { age_limit: param('age_limit'), years: param('long_lasting_years'), adult_age: param('adult_age') };
  const setPerson = (key, value) =>
    update(() => {
      if (value === undefined) delete state.person[key];
      else state.person[key] = value;
    });
  const onRadio = (key) => (e) => setPerson(key, e.target.value);

  const age = textField({
    id: 'f-age',
    label: 'ui.age.label',
    help: 'ui.age.help',
    type: 'number',
    attrs: { inputmode: 'numeric', min: 0, step: 1, autocomplete: 'off', class: 'ds-input age' },
    onInput: (e) => {
      const raw = e.target.value.trim();
      delete view.uiErrors['f-age'];
      if (raw === '' && !e.target.validity.badInput) return setPerson('age', undefined);
      const n = Number(raw);
      if (raw === '' || !Number.isInteger(n)) {
        view.uiErrors['f-age'] = t('ui.error.age_whole');
        return setPerson('age', undefined);
      }
      setPerson('age', n);
    },
  });
  const granted = group({
    id: 'fs-granted_before_67',
    legend: 'ui.granted.legend',
    help: 'ui.granted.help',
    vars: limit,
    kids: radios({ name: 'granted_before_67', idPrefix: 'f-granted_before_67', values: ANSWERS, labelKey: (v) => `ui.answer.${v}`, onChange: onRadio('granted_before_67') }),
  });
  granted.hidden = true;
  const long = group({
    id: 'fs-long_lasting',
    legend: 'ui.long.legend',
    help: 'ui.long.help',
    vars: limit,
    kids: radios({ name: 'long_lasting', idPrefix: 'f-long_lasting', values: ANSWERS, labelKey: (v) => `ui.answer.${v}`, onChange: onRadio('long_lasting') }),
  });
  // Yes / no / "vet ikke" questions asked only when they matter (see syncPersonForm).
  const asked = (key, text) => {
    const fs = group({
      id: `fs-${key}`,
      legend: `ui.${text}.legend`,
      help: `ui.${text}.help`,
      kids: radios({ name: key, idPrefix: `f-${key}`, values: ANSWERS, labelKey: (v) => `ui.answer.${v}`, onChange: onRadio(key) }),
    });
    fs.hidden = true;
    return fs;
  };
  // The night counts only when someone must be there through it: a
  // question about the person, not about one need.
  const awake = asked('awake_at_night', 'awake');
  // For a child: only help beyond normal care for the age counts, and
  // respite only when the child lives at home.
  const normalCare = asked('beyond_normal_care', 'normal_care');
  const atHome = asked('lives_at_home', 'at_home');
  const applicant = group({
    id: 'fs-applicant',
    legend: 'ui.applicant.legend',
    kids: radios({ name: 'applicant', idPrefix: 'f-applicant', values: APPLICANTS, labelKey: (v) => `ui.applicant.${v}`, vars: limit, onChange: onRadio('applicant') }),
  });
  const leader = group({
    id: 'fs-arbeidsleder',
    legend: 'ui.arbeidsleder.legend',
    help: 'ui.arbeidsleder.help',
    kids: radios({ name: 'arbeidsleder', idPrefix: 'f-arbeidsleder', values: ARBEIDSLEDER, labelKey: (v) => `ui.arbeidsleder.${v}`, onChange: onRadio('arbeidsleder') }),
  });
  const services = group({
    id: 'fs-current_services',
    legend: 'ui.services.legend',
    help: 'ui.services.help',
    kids: SERVICES.map((v) =>
      choice({
        type: 'checkbox',
        name: 'current_services',
        id: `f-current_services-${v}`,
        value: v,
        label: `ui.services.${v}`,
        onChange: () =>
          update(() => {
            const chosen = SERVICES.filter((s) => $(`#f-current_services-${s}`).checked);
            if (chosen.length) state.person.current_services = chosen;
            else delete state.person.current_services;
          }),
      }),
    ),
  });
  const card = (...kids) => h('div', { class: 'question' }, ...kids);
  $('#person-form').replaceChildren(card(age), card(granted), card(long), card(awake), card(normalCare), card(atHome), card(applicant), card(leader), card(services));
}

/** Shows the person's answers from `state` in the form (after setCase too). */
function syncPersonForm() {
  const p = state.person || {};
  const age = $('#f-age');
  if (age && !view.uiErrors['f-age'] && age.value !== (p.age === undefined ? '' : String(p.age))) {
    age.value = p.age === undefined ? '' : String(p.age);
  }
  for (const key of ['granted_before_67', 'long_lasting', 'awake_at_night', 'beyond_normal_care', 'lives_at_home', 'applicant', 'arbeidsleder']) {
    for (const r of $$(`input[name="${key}"]`)) r.checked = p[key] === r.value;
  }
  const services = Array.isArray(p.current_services) ? p.current_services : [];
  for (const s of SERVICES) {
    const box = $(`#f-current_services-${s}`);
    if (box) box.checked = services.includes(s);
  }
  // Asked only from the age limit on: the limit is the law's value.
  const limit = param('age_limit');
  const fs = $('#fs-granted_before_67');
  if (fs) fs.hidden = !(Number.isInteger(p.age) && p.age >= limit);
  const show = (key, when) => {
    const group = $(`#fs-${key}`);
    // An answer given stays in sight, so that it can be changed.
    if (group) group.hidden = !(when || p[key] !== undefined);
  };
  // The night: when the map has help in it (the engine then gives its reason on the night).
  show('awake_at_night', view.assessment?.reasons.some((r) => r.code === 'NIGHT'));
  // A child: under the law's adult age.
  const child = Number.isInteger(p.age) && p.age < param('adult_age');
  show('beyond_normal_care', child);
  const respite = [...state.needs, ...(state.monthly || [])].some((n) => n.kind === 'respite');
  show('lives_at_home', child && respite);
  // A child does not lead the assistants: the parents do (the engine's choices for a child).
  for (const value of ARBEIDSLEDER) {
    const choice = $(`#f-arbeidsleder-${value}`)?.closest('.ds-field');
    if (choice) choice.hidden = child && !ARBEIDSLEDER_CHILD.includes(value) && p.arbeidsleder !== value;
  }
}

// ---- 2. The needs: templates, list, form, copy a day, leisure per month ----

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

function snapshot(text) {
  view.undo = { needs: structuredClone(state.needs), monthly: structuredClone(state.monthly), text };
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
  snapshot(t('ui.undo.template', { name: t(`ui.template.${name}`) }));
  update(() => state.needs.push(...added));
  announce(t('ui.announce.template', { count: added.length }));
}

function buildTemplates() {
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
function needName(n) {
  return n.label ? n.label : t(`kind.${n.kind}`);
}

function timeText(n) {
  const span = `${n.start}–${n.end}`;
  return n.crosses_midnight ? `${span} ${t('ui.need.next_day')}` : span;
}

function traceOf(i, monthly = false) {
  return view.assessment?.trace.find((x) => x.need === i && !!x.monthly === monthly);
}

/** Sources (title + link + summary) for a list of source ids. */
function sourceList(ids) {
  // The law's sources, and a municipality profile's own pages.
  const all = [...(view.assessment?.sources || []), ...(view.assessment?.municipality?.sources || [])];
  const items = ids.map((id) => all.find((s) => s.id === id)).filter(Boolean);
  if (!items.length) return null;
  return h(
    'ul',
    { class: 'sources' },
    items.map((s) =>
      h(
        'li',
        {},
        h('a', { class: 'ds-link', href: s.url, target: '_blank', rel: 'noopener noreferrer' }, s.title, h('span', { class: 'ds-sr-only' }, ` ${t('ui.link.new_tab')}`)),
        h('br'),
        h('span', { class: 'source-summary' }, s.summary),
      ),
    ),
  );
}

/** A short "why?" that opens under a result. */
function why(key, ...content) {
  return h(
    'details',
    { class: 'why', 'data-key': key },
    h('summary', { 'data-focus': `why-${key}` }, t('ui.why')),
    h('div', { class: 'why-body' }, ...content),
  );
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

function renderNeedList() {
  const list = $('#need-list');
  const errorsFor = (i) => view.caseErrors.filter((e) => e.field.startsWith(`needs[${i}]`));
  const a = view.assessment;
  const needErrors = view.caseErrors.filter((e) => e.field.startsWith('needs['));
  const shown = [state.needs, view.selected, needErrors, a?.trace, a?.exclusions, a?.sources, a?.municipality?.sources];
  if (unchanged('need-list', shown) && list.firstChild) return;
  if (!state.needs.length) {
    replaceKids(list, h('p', { class: 'ds-paragraph empty' }, t('ui.needs.empty')));
    return;
  }
  const items = state.needs.map((n, i) => {
    // The kind is the name when there is no own label: then it is not said twice.
    const facts = [timeText(n), daysText(n.days || [])];
    if (n.label) facts.push(t(`kind.${n.kind}`));
    if (n.helpers > 1) facts.push(t('ui.need.helpers', { count: n.helpers }));
    if (n.place && n.place !== 'home') facts.push(t(`place.${n.place}`));
    if (n.continuous) facts.push(t('ui.need.continuous'));
    const errs = errorsFor(i);
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
  });
  replaceKids(list, h('ol', { class: 'needs' }, items));
}

function removeNeed(i) {
  const name = needName(state.needs[i]);
  snapshot(t('ui.undo.deleted', { name }));
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
  const { needs, monthly } = view.undo;
  view.undo = null;
  update(() => {
    state.needs = needs;
    state.monthly = monthly;
  });
  announce(t('ui.announce.undone'));
  const first = $('#need-list .need');
  (first || $('#needs-h')).focus();
}

function renderUndo() {
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

function buildNeedForm() {
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
  form.replaceChildren(
    h('h3', { class: 'ds-heading', 'data-size': 'sm', id: 'need-form-h', tabindex: -1 }),
    h('p', { class: 'ds-paragraph', i18n: 'ui.form.intro' }),
    group({
      id: 'nf-kind',
      legend: 'ui.form.kind',
      kids: radios({ name: 'nf-kind', idPrefix: 'nf-kind', values: KINDS, labelKey: (v) => `kind.${v}`, helpKey: (v) => `ui.kind.${v}.help` }),
    }),
    h('fieldset', { class: 'ds-fieldset', id: 'nf-days' },
      h('legend', { class: 'ds-label', i18n: 'ui.form.days' }),
      h('div', { class: 'choices' }, daysChoice),
      chosen),
    h(
      'fieldset',
      { class: 'ds-fieldset', id: 'nf-time' },
      h('legend', { class: 'ds-label', i18n: 'ui.form.time' }),
      h('p', { 'data-field': 'description', id: 'nf-time-help', i18n: 'ui.form.time_help' }),
      h(
        'div',
        { class: 'time-row' },
        textField({ id: 'nf-start', label: 'ui.form.start', type: 'time', attrs: { 'aria-describedby': 'nf-time-help' }, onInput: () => syncNeedForm() }),
        textField({ id: 'nf-end', label: 'ui.form.end', type: 'time', attrs: { 'aria-describedby': 'nf-time-help' }, onInput: () => syncNeedForm() }),
      ),
      h('div', { id: 'nf-cross-wrap', hidden: true }, choice({ type: 'checkbox', name: 'nf-cross', id: 'nf-cross', value: 'yes', label: 'ui.form.cross', help: 'ui.form.cross_help' })),
    ),
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
    textField({ id: 'nf-label', label: 'ui.form.label', help: 'ui.form.label_help', attrs: { autocomplete: 'off' } }),
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
  $(`#nf-helpers-${HELPERS.includes(n.helpers) ? n.helpers : 1}`).checked = true;
  $(`#nf-place-${PLACES.includes(n.place) ? n.place : 'home'}`).checked = true;
  $('#nf-continuous').checked = !!n.continuous;
  $('#nf-label').value = n.label || '';
  syncNeedForm();
}

function resetNeedForm() {
  const doneBox = $('#nf-done');
  if (doneBox) doneBox.hidden = true;
  view.editing = null;
  view.formErrors = [];
  fillNeedForm({ kind: 'personal', days: DAYS });
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

/** Shows what depends on other answers: chosen days, "past midnight". */
function syncNeedForm() {
  $('#nf-chosen-days').hidden = !$('#nf-days-chosen').checked;
  const s = toMinutes($('#nf-start').value);
  const e = toMinutes($('#nf-end').value);
  const cross = $('#nf-cross');
  // Shown when the end is earlier than the start, or when already ticked.
  $('#nf-cross-wrap').hidden = !(e < s || cross.checked);
}

/** Reads the form. Returns the need, and errors for fields left empty. */
function readNeedForm() {
  const value = (name) => $(`input[name="${name}"]:checked`)?.value;
  const mode = value('nf-days') || 'every';
  const days = mode === 'chosen' ? DAYS.filter((d) => $(`#nf-day-${d}`).checked) : DAY_SETS[mode];
  const need = {
    kind: value('nf-kind'),
    days,
    start: $('#nf-start').value,
    end: $('#nf-end').value,
    crosses_midnight: !$('#nf-cross-wrap').hidden && $('#nf-cross').checked,
    helpers: Number(value('nf-helpers') || 1),
    place: value('nf-place') || 'home',
    continuous: $('#nf-continuous').checked,
    label: $('#nf-label').value.trim(),
  };
  const missing = [];
  if (!need.kind) missing.push({ target: 'nf-kind-personal', message: t('ui.error.kind_missing') });
  if (!need.start) missing.push({ target: 'nf-start', message: t('ui.error.start_missing') });
  if (!need.end) missing.push({ target: 'nf-end', message: t('ui.error.end_missing') });
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
  resetNeedForm();
  render();
  const doneBox = $('#nf-done');
  doneBox.textContent = done;
  doneBox.hidden = false;
  if (editing !== null) $(`#edit-${editing}`)?.focus();
}

function startEdit(i) {
  view.editing = i;
  view.selected = i;
  view.formErrors = [];
  fillNeedForm(state.needs[i]);
  renderNeedFormTexts();
  render();
  $('#need-form-h').focus();
  $('#need-form-h').scrollIntoView({ block: 'start' });
}

// -- Copy a day to other days --

function buildCopyDay() {
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
  snapshot(t('ui.undo.copied', { day: t(`day.${from}`) }));
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

function buildLeisure() {
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

function syncLeisure() {
  const input = $('#f-leisure');
  if (!input || view.uiErrors['f-leisure']) return;
  const i = leisureIndex();
  const want = i >= 0 ? String(state.monthly[i].hours_per_month) : '';
  const have = input.value.trim().replace(',', '.');
  if (Number(have) !== Number(want) || (have === '') !== (want === '')) {
    input.value = want.replace('.', lang() === 'en' ? '.' : ',');
  }
}

// ---- 3. The døgnklokke ------------------------------------------------------

function night() {
  if (state.settings?.night) return state.settings.night;
  // A municipality's own night window (its profile), when the case sets none.
  if (view.assessment?.municipality?.night) return view.assessment.municipality.night;
  return { start: param('night_start'), end: param('night_end') };
}

function buildTabs() {
  const list = $('#day-tabs');
  list.replaceChildren(
    ...DAYS.map((d, i) =>
      h(
        'button',
        { type: 'button', role: 'tab', id: `tab-${d}`, 'aria-controls': 'day-panel', 'data-day': i, 'aria-selected': 'false', tabindex: -1, 'data-i18n-label': `day.${d}`, 'aria-label': cap(t(`day.${d}`)), onclick: () => selectDay(i, false) },
        h('span', { i18n: `ui.day_short.${d}` }),
      ),
    ),
  );
  list.addEventListener('keydown', (e) => {
    const moves = { ArrowRight: 1, ArrowLeft: -1, Home: 'first', End: 'last' };
    if (!(e.key in moves)) return;
    e.preventDefault();
    const m = moves[e.key];
    const next = m === 'first' ? 0 : m === 'last' ? 6 : (view.day + m + 7) % 7;
    selectDay(next, true);
  });
}

function selectDay(i, focus) {
  view.day = i;
  renderClock();
  if (focus) $(`#tab-${DAYS[i]}`).focus();
}

/** "07:00–08:00" for an occurrence, with words when it crosses midnight. */
function occTime(o) {
  const span = `${fmtMinutes(o.from)}–${fmtMinutes(o.to)}`;
  if (o.fromDayBefore) return `${span} ${t('ui.clock.from_day_before')}`;
  if (o.untilNextDay) return `${span} ${t('ui.clock.until_next_day')}`;
  return span;
}

function dayHours(d) {
  return view.assessment?.hours.per_day.find((x) => x.day === DAYS[d]);
}

function renderClock() {
  const d = view.day;
  for (const [i, day] of DAYS.entries()) {
    const tab = $(`#tab-${day}`);
    tab.setAttribute('aria-selected', String(i === d));
    tab.tabIndex = i === d ? 0 : -1;
  }
  const panel = $('#day-panel');
  panel.setAttribute('aria-labelledby', `tab-${DAYS[d]}`);
  // The drawings show the needs, the day, the night and the engine's hours
  // per day: only when one of those changed are they drawn again.
  const nightNow = night();
  const perDay = view.assessment?.hours.per_day;
  if (!unchanged('day-panel', [d, view.selected, state.needs, nightNow, perDay])) renderDay(panel, d, nightNow);
  if (!unchanged('week', [d, state.needs, nightNow, perDay])) renderWeek(d, nightNow);
}

/** The day's clock, bar, hours, legend and table (in the tab panel). */
function renderDay(panel, d, nightNow) {
  const occ = dayOccurrences(state.needs, d);
  const dayName = t(`day.${DAYS[d]}`);
  const per = dayHours(d);
  const hoursText = per ? t('ui.clock.center_hours', { hours: per.counted }) : '';
  const items = occ.map((o) => `${o.need + 1} ${needName(state.needs[o.need])} ${occTime(o)}`);
  const desc = occ.length
    ? t('ui.clock.desc', { day: dayName, list: items.join('; '), hours: per ? per.counted : 0, night: `${nightNow.start}–${nightNow.end}` })
    : t('ui.clock.desc_empty', { day: dayName, night: `${nightNow.start}–${nightNow.end}` });
  const labels = { title: t('ui.clock.title', { day: dayName }), desc, day: cap(dayName), hours: hoursText, night: t('ui.clock.night') };
  const clock = drawClock({ occ, night: nightNow, selected: view.selected, labels });
  const bar = drawDayBar({ occ, night: nightNow, selected: view.selected, labels });

  const table = h(
    'table',
    { class: 'ds-table day-table', 'data-border': true, 'data-size': 'sm' },
    h('caption', {}, t('ui.clock.table_caption', { day: dayName })),
    h('thead', {}, h('tr', {}, ['ui.clock.col_time', 'ui.clock.col_help', 'ui.clock.col_note'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h(
      'tbody',
      {},
      occ.length
        ? occ.map((o) => {
            const n = state.needs[o.need];
            const notes = [];
            if (n.continuous) notes.push(t('ui.need.continuous'));
            if (n.helpers > 1) notes.push(t('ui.need.helpers', { count: n.helpers }));
            if (n.place && n.place !== 'home') notes.push(t(`place.${n.place}`));
            return h(
              'tr',
              {},
              h('td', {}, occTime(o)),
              h('td', {}, h('button', { type: 'button', class: 'ds-link link-button', 'data-focus': `occ-${o.need}-${o.from}`, onclick: () => focusNeed(o.need) }, `${o.need + 1}. ${needName(n)}`, h('span', { class: 'ds-sr-only' }, ` ${t('ui.clock.go_to_need')}`))),
              h('td', {}, notes.join(', ')),
            );
          })
        : h('tr', {}, h('td', { colspan: 3 }, t('ui.clock.none'))),
    ),
  );
  const hoursLine = per
    ? h('p', { class: 'ds-paragraph day-hours' }, t(per.excluded > 0 ? 'ui.clock.day_hours_excluded' : 'ui.clock.day_hours', { day: dayName, counted: per.counted, excluded: per.excluded }))
    : null;
  replaceKids(panel, h('div', { class: 'clock-wrap' }, clock, bar), hoursLine, legend(), table);
}

/** The week strip under the clock. */
function renderWeek(d, nightNow) {
  const week = drawWeek({
    needs: state.needs,
    night: nightNow,
    day: d,
    labels: {
      title: t('ui.week.title'),
      desc: t('ui.week.desc', {
        list: DAYS.map((day, i) => t('ui.week.day', { day: t(`day.${day}`), hours: dayHours(i)?.counted ?? 0 })).join('; '),
      }),
      days: DAYS.map((day) => t(`ui.day_short.${day}`)),
    },
  });
  replaceKids($('#week'), week);
}

/** The key to the colours and patterns: the kinds in use, and the night. */
function legend() {
  const kinds = KINDS.filter((k) => state.needs.some((n) => n.kind === k));
  const nightNow = night();
  return h(
    'ul',
    { class: 'legend', 'aria-label': t('ui.clock.legend') },
    kinds.map((k) => h('li', {}, swatch(k), t(`kind.${k}`))),
    h('li', {}, svgEl('svg', { class: 'swatch', viewBox: '0 0 16 16', width: 16, height: 16, 'aria-hidden': 'true', focusable: 'false' }, svgEl('rect', { x: 0.5, y: 0.5, width: 15, height: 15, fill: 'url(#pat-night)', stroke: '#1a1a1a' })),
      t('ui.clock.night_legend', { start: nightNow.start, end: nightNow.end })),
  );
}

/** Selects a need from the clock and moves the keyboard focus to it in the list. */
function focusNeed(i) {
  view.selected = i;
  renderNeedList();
  renderClock();
  const item = $(`#need-${i}`);
  if (item) {
    item.focus();
    item.scrollIntoView({ block: 'center' });
  }
}

// ---- 4. The results ----------------------------------------------------------

const VERDICT_COLOR = {
  likely_right: 'success',
  likely_right_unless_cost: 'success',
  uncertain: 'warning',
  no_right_by_hours: 'info',
  not_covered: 'info',
};
const STATUS_COLOR = { met: 'success', not_met: 'danger', unknown: 'warning', municipality: 'info' };

/** A note's text: the catalogue's for the engine's codes, the profile's own for a municipality's. */
function noteText(n) {
  const own = n.text && typeof n.text === 'object' ? n.text[lang()] || n.text.nb : null;
  return own || t(`note.${n.code}`, n.inputs);
}

function noteItems(notes, prefix) {
  return notes.map((n, i) =>
    h(
      'li',
      {},
      h('span', {}, noteText(n)),
      n.link ? [' ', h('a', { class: 'ds-link', href: n.link, target: '_blank', rel: 'noopener noreferrer' }, t('ui.note.link'), h('span', { class: 'ds-sr-only' }, ` ${t('ui.link.new_tab')}`))] : null,
      why(`${prefix}-${n.code}-${i}`, sourceList(n.sources)),
    ),
  );
}

/** The engine's notes of one kind followed by the municipality's own (documents, next_steps, alternatives). */
const withOwn = (a, kind) => [...a[kind], ...(a.municipality?.[kind] || [])];

function section(id, titleKey, ...content) {
  return h('section', { class: 'result-block', 'aria-labelledby': id }, h('h3', { class: 'ds-heading', 'data-size': 'xs', id }, t(titleKey)), ...content);
}

function hoursBlock(a) {
  const hr = a.reasons.find((r) => r.code === 'HOURS');
  const marks = [
    { value: param('hours_cost_test'), label: t('ui.hours.mark', { hours: param('hours_cost_test') }) },
    { value: param('hours_right'), label: t('ui.hours.mark', { hours: param('hours_right') }) },
  ];
  const bar = drawHoursBar({
    counted: a.hours.counted,
    marks,
    labels: {
      title: t('ui.hours.bar_title', { hours: a.hours.counted }),
      desc: t('ui.hours.bar_desc', { hours_cost_test: marks[0].value, hours_right: marks[1].value }),
    },
  });
  const facts = [t('report.mapped', { hours: a.hours.mapped })];
  if (a.hours.excluded_total > 0) facts.push(t('report.excluded', { hours: a.hours.excluded_total }));
  if (a.hours.overlap > 0) facts.push(t('report.overlap', { hours: a.hours.overlap }));
  if (a.hours.counted_monthly > 0) facts.push(t('ui.hours.monthly', { hours: a.hours.counted_monthly }));

  const rows = a.trace.map((tr) => {
    const name = tr.monthly ? t('ui.hours.monthly_row', { kind: t(`kind.${state.monthly[tr.need]?.kind}`) }) : `${tr.need + 1}. ${needName(state.needs[tr.need] || {})}`;
    const left = Object.entries(tr.excluded || {}).map(([c, v]) => `${hrs(v)} (${t(`cause.${c}`)})`).join(', ');
    return h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, hrs(tr.mapped)), h('td', {}, hrs(tr.counted)), h('td', {}, hrs(tr.overlap)), h('td', {}, left || '0'));
  });
  const n = night();
  return section(
    'hours-h',
    'report.hours',
    h('p', { class: 'big-number' }, t('ui.hours.counted', { hours: a.hours.counted })),
    bar,
    h('ul', { class: 'plain facts' }, facts.map((f) => h('li', {}, f))),
    why(
      'hours',
      h('p', {}, t('ui.hours.why', { start: n.start, end: n.end })),
      rows.length
        ? h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-labelledby': 'trace-caption' },
            h('table', { class: 'ds-table', 'data-size': 'sm' },
              h('caption', { id: 'trace-caption' }, t('ui.hours.table_caption')),
              h('thead', {}, h('tr', {}, ['ui.hours.col_need', 'ui.hours.col_mapped', 'ui.hours.col_counted', 'ui.hours.col_overlap', 'ui.hours.col_excluded'].map((k) => h('th', { scope: 'col' }, t(k))))),
              h('tbody', {}, rows)))
        : null,
      hr ? sourceList(hr.sources) : null,
    ),
  );
}

function exclusionsBlock(a) {
  if (!a.exclusions.length) return null;
  return section(
    'excluded-h',
    'ui.results.excluded',
    h(
      'ul',
      { class: 'plain notes' },
      a.exclusions.map((note, i) => {
        const cause = note.code.replace(/^EXCLUDED_/, '').toLowerCase();
        const needs = a.trace.filter((tr) => tr.excluded && cause in tr.excluded);
        return h(
          'li',
          { class: 'exclusion' },
          h('strong', {}, t(`cause.${cause}`)),
          h('span', {}, ' ', t(`note.${note.code}`, note.inputs)),
          why(
            `excl-${note.code}-${i}`,
            needs.length ? h('p', {}, t('ui.results.excluded_needs')) : null,
            needs.length
              ? h('ul', { class: 'plain' }, needs.map((tr) => h('li', {}, t('ui.results.excluded_need', {
                  name: tr.monthly ? t(`kind.${state.monthly[tr.need]?.kind}`) : `${tr.need + 1}. ${needName(state.needs[tr.need] || {})}`,
                  hours: tr.excluded[cause],
                }))))
              : null,
            sourceList(note.sources),
          ),
        );
      }),
    ),
  );
}

function reasonsBlock(a) {
  return section(
    'reasons-h',
    'report.reasons',
    h(
      'ul',
      { class: 'plain reasons' },
      a.reasons.map((r, i) =>
        h(
          'li',
          { class: 'reason' },
          h('span', { class: 'ds-tag', 'data-color': STATUS_COLOR[r.status] || 'neutral' }, t(`status.${r.status}`)),
          // The engine names the text (`reason.CODE.status[.variant]`).
          h('span', { class: 'reason-text' }, t(r.key, r.inputs)),
          why(`reason-${r.code}-${i}`, sourceList(r.sources)),
        ),
      ),
    ),
  );
}

/** The reasons the verdict's "why?" names. */
const VERDICT_REASONS = ['AGE', 'LONG_LASTING', 'HOURS', 'ARBEIDSLEDER'];

function verdictBlock(a) {
  const hr = a.reasons.find((r) => r.code === 'HOURS');
  const vars = hr ? hr.inputs : {};
  const named = a.reasons.filter((r) => VERDICT_REASONS.includes(r.code));
  return h(
    'div',
    { class: 'ds-alert verdict', 'data-color': VERDICT_COLOR[a.verdict] || 'info', id: 'verdict' },
    h('h3', { class: 'ds-heading', 'data-size': 'sm', id: 'verdict-title' }, t(`verdict.${a.verdict}.title`)),
    h('p', { class: 'ds-paragraph' }, t(`verdict.${a.verdict}.body`, vars)),
    h('p', { class: 'ds-paragraph not-decision' }, h('strong', {}, t('verdict.not_a_decision'))),
    why(
      'verdict',
      h('p', {}, t('ui.results.verdict_why')),
      h('ul', { class: 'plain' }, named.map((r) => h('li', {}, `${t(`ui.reason_name.${r.code}`)}: ${t(`status.${r.status}`)}`))),
    ),
  );
}

function renderResults() {
  const box = $('#results');
  const a = view.assessment;
  if (view.caseErrors.length) {
    replaceKids($('#live-summary'), h('p', {}, t('ui.results.fix_errors')));
    replaceKids(box, h('div', { class: 'ds-alert', 'data-color': 'danger' }, h('p', {}, t('ui.results.fix_errors'))));
    return;
  }
  if (!a) return;
  const empty = !state.needs.length && !(state.monthly || []).length;
  replaceKids(
    $('#live-summary'),
    empty
      ? h('p', {}, t('ui.summary.empty'))
      : h('p', {}, h('strong', {}, t(`verdict.${a.verdict}.title`)), h('br'), t('ui.hours.counted', { hours: a.hours.counted }), ' ', h('a', { href: '#result-h', class: 'ds-link', onclick: jumpTo('result-h') }, t('ui.summary.read_more'))),
  );
  if (empty) {
    replaceKids(box, h('div', { class: 'ds-alert', 'data-color': 'info' }, h('p', {}, t('ui.results.empty'))));
    view.lastVerdict = null;
    return;
  }
  if (view.lastVerdict !== a.verdict) {
    announce(t('ui.announce.verdict', { title: t(`verdict.${a.verdict}.title`), hours: a.hours.counted }), 'verdict');
  }
  view.lastVerdict = a.verdict;
  // Each block with what it shows: typing an age redraws the reasons and
  // the documents, not the hours, the sources or the rest.
  const sources = [a.sources, a.municipality?.sources];
  const names = [state.needs, state.monthly];
  const hr = a.reasons.find((r) => r.code === 'HOURS');
  const named = a.reasons.filter((r) => VERDICT_REASONS.includes(r.code)).map((r) => [r.code, r.status]);
  const notes = (id, key, list, tag, cls, prefix) => [id, [list, sources], () => (list.length ? section(id, key, h(tag, { class: cls }, noteItems(list, prefix))) : null)];
  drawParts(box, [
    ['verdict-h', [a.verdict, hr?.inputs, named], () => verdictBlock(a)],
    ['hours-h', [a.hours, a.trace, hr, names, night(), view.params, sources], () => hoursBlock(a)],
    ['excluded-h', [a.exclusions, a.trace, names, sources], () => exclusionsBlock(a)],
    ['reasons-h', [a.reasons, sources], () => reasonsBlock(a)],
    notes('warnings-h', 'report.warnings', a.warnings, 'ul', 'plain notes', 'warn'),
    notes('next-h', 'report.next_steps', withOwn(a, 'next_steps'), 'ol', 'notes steps', 'next'),
    ['docs-h', [withOwn(a, 'documents'), sources], () => section('docs-h', 'report.documents', h('p', { class: 'ds-paragraph' }, t('ui.results.documents_help')), h('ul', { class: 'notes checklist' }, noteItems(withOwn(a, 'documents'), 'doc')))],
    notes('alt-h', 'report.alternatives', withOwn(a, 'alternatives'), 'ul', 'plain notes', 'alt'),
    ['sources-h', [sources], () => section('sources-h', 'report.sources', sourceList(a.sources.map((s) => s.id)))],
    ['rules-version', [a.assessment_date, a.rules_version], () => h('p', { class: 'ds-paragraph rules-version' }, t('report.date', { date: a.assessment_date, version: a.rules_version }))],
  ]);
}

// ---- 5. The caseworker view and the printout (loaded when first needed) -----
//
// Neither is on screen while a person fills in the map: the caseworker view
// is a closed group, the printout only exists on paper. So their modules
// are loaded when first needed, and they are drawn only when seen: the
// caseworker view while its group is open, the printout just before the
// page is printed (`beforeprint`, the print media query, the print button).

const loadCaseworker = loader(() => import('./caseworker.js'));
const loadPrintout = loader(() => Promise.all([import('./printout.js'), loadPrintStyles()]).then(([m]) => m));

/**
 * The printout's style sheet, dist/print.css: the page's `@media print`
 * rules, which .ci/bundle.mjs keeps out of the render-blocking page.css
 * (issue 4: a first visit that never prints does not load them). Loaded
 * with the printout's module, so the two are there (and kept offline by
 * the service worker) together.
 */
function loadPrintStyles() {
  return new Promise((loaded, failed) => {
    const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: 'dist/print.css', media: 'print' });
    link.onload = loaded;
    link.onerror = () => {
      link.remove(); // tried again with the module
      failed(new Error('dist/print.css'));
    };
    document.head.append(link);
  });
}

function renderCaseworker() {
  const box = $('#caseworker');
  const empty = !state.needs.length && !(state.monthly || []).length;
  box.hidden = !view.assessment || empty;
  if (box.hidden || !box.open) return;
  const answer = view.assessment;
  loadCaseworker()
    .then(({ caseworkerContent }) => {
      // Only the newest answer: another render may have come while it loaded.
      if (answer === view.assessment && box.open) patch(box.lastChild, caseworkerContent(state, answer));
    })
    .catch(() => {}); // offline and never loaded: tried again on the next render
}

function buildCaseworker() {
  const box = $('#caseworker');
  // The summary stays (it may have the focus); the body is drawn while open.
  box.replaceChildren(h('summary', { i18n: 'ui.caseworker.title' }), h('div', { class: 'cw-body' }));
  box.addEventListener('toggle', () => {
    if (box.open) renderCaseworker();
  });
}

/** What the person chose to add to the printout (not part of the case). */
const printOptions = { caseworker: false, link: false };
/** printout.js once loaded, for the synchronous `beforeprint`. */
let printout = null;

/** Draws #printout from the current case; false when its module is not here yet. */
function drawPrintout() {
  if (!printout) return false;
  printout.drawPrintout(state, view.assessment, printOptions);
  return true;
}

function preloadPrintout() {
  if (printout) return;
  const idle = window.requestIdleCallback || ((fn) => setTimeout(fn, 200));
  idle(() => loadPrintout().then((m) => (printout = m), () => {}), { timeout: 2000 });
}

async function printNow() {
  try {
    printout = await loadPrintout();
    drawPrintout();
  } finally {
    // Printed even should the printout's module be unreachable (offline, never used).
    window.print();
  }
}

/** The print button and the two choices, under the results. */
function buildPrintPanel() {
  const box = (key, help) =>
    h(
      'div',
      { class: 'ds-field' },
      h('input', {
        class: 'ds-input',
        type: 'checkbox',
        id: `print-${key}`,
        'aria-describedby': help ? `print-${key}-help` : null,
        onchange: (e) => {
          printOptions[key] = e.target.checked;
        },
      }),
      h('label', { for: `print-${key}`, i18n: `ui.print.with_${key}` }),
      help ? h('div', { 'data-field': 'description', id: `print-${key}-help`, i18n: help }) : null,
    );
  $('#print-panel').replaceChildren(
    h('h3', { class: 'ds-heading', 'data-size': 'xs', id: 'print-h', i18n: 'ui.print.panel_title' }),
    h('p', { class: 'ds-paragraph', i18n: 'ui.print.panel_help' }),
    h(
      'fieldset',
      { class: 'ds-fieldset' },
      h('legend', { class: 'ds-label', i18n: 'ui.print.options' }),
      h('div', { class: 'choices' }, box('caseworker'), box('link', 'ui.print.link_warning')),
    ),
    h('div', { class: 'button-row' }, h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', id: 'print-button', i18n: 'ui.print', onclick: printNow })),
  );
  // Ctrl+P and the browser's own print menu: drawn just before printing.
  addEventListener('beforeprint', drawPrintout);
  matchMedia('print').addEventListener('change', (e) => {
    if (e.matches && !drawPrintout()) {
      loadPrintout().then((m) => {
        printout = m;
        drawPrintout();
      }, () => {});
    }
  });
  // Ctrl+P before the module is here (it loads once the page is in use):
  // load it, draw, then open the print dialogue as the keys asked.
  addEventListener('keydown', (e) => {
    if (printout || !(e.ctrlKey || e.metaKey) || e.altKey || e.key?.toLowerCase() !== 'p') return;
    e.preventDefault();
    printNow();
  });
  // The page is in use from the first touch, click or key: load it then, when idle.
  for (const type of ['pointerdown', 'keydown', 'focusin']) addEventListener(type, preloadPrintout, { once: true, capture: true });
}

// ---- Errors: the error summary and the messages beside the fields ----------

/** Where an engine error about `state` points to on the page. */
function caseTarget(field) {
  const need = /^needs\[(\d+)\]/.exec(field);
  if (need) return `edit-${need[1]}`;
  const monthly = /^monthly\[(\d+)\]/.exec(field);
  if (monthly) return 'f-leisure';
  const note = /^notes\.([a-z_]+)$/.exec(field);
  if (note) return `f-notes-${note[1]}`;
  const person = /^person\.([a-z_0-9]+)/.exec(field);
  if (person) {
    if (person[1] === 'age') return 'f-age';
    const first = $(`input[name="${person[1]}"]`);
    if (first) return first.id;
  }
  return 'main';
}

function allErrors() {
  const list = [];
  for (const [target, message] of Object.entries(view.uiErrors)) list.push({ target, message });
  for (const e of view.caseErrors) list.push({ target: caseTarget(e.field), message: errorText(e) });
  list.push(...view.formErrors);
  return list;
}

const jumpTo = (id) => (e) => {
  // Moves focus without touching the address (#…), which share links will use.
  e.preventDefault();
  const el = document.getElementById(id);
  if (!el) return;
  const closed = el.closest('details:not([open])');
  if (closed) closed.open = true;
  const fs = el.closest('fieldset');
  const checked = fs && el.type === 'radio' ? $(`input[name="${el.name}"]:checked`, fs) : null;
  const target = checked || el;
  if (target.tabIndex < 0 && !/^(INPUT|SELECT|BUTTON|TEXTAREA|A)$/.test(target.tagName)) target.setAttribute('tabindex', '-1');
  target.focus();
  target.scrollIntoView({ block: 'center' });
};

function renderErrors() {
  const errors = allErrors();
  // Most changes change no error: then there is nothing to clear or draw.
  if (unchanged('errors', errors.map((e) => [e.target, e.message]))) return;
  // Clear what the last round put beside fields.
  for (const el of $$('[data-generated-error]')) el.remove();
  for (const el of $$('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
  for (const el of $$('[data-error-described]')) {
    el.setAttribute('aria-describedby', el.dataset.errorDescribed);
    if (!el.dataset.errorDescribed) el.removeAttribute('aria-describedby');
    delete el.dataset.errorDescribed;
  }
  const summary = $('#error-summary');
  summary.hidden = !errors.length;
  replaceKids(
    $('#error-list'),
    errors.map((e, i) => h('li', {}, h('a', { href: `#${e.target}`, 'data-focus': `err-${i}`, onclick: jumpTo(e.target) }, e.message))),
  );
  // The message beside each field (engine errors on listed needs are shown in the list).
  for (const e of errors) {
    const el = document.getElementById(e.target);
    if (!el || e.target.startsWith('edit-') || e.target === 'main') continue;
    // A choice belongs to its group; a text or time field to its own field.
    const choiceInput = el.type === 'radio' || el.type === 'checkbox';
    const holder = choiceInput ? el.closest('fieldset') || el.closest('.ds-field') : el.closest('.ds-field');
    if (!holder) continue;
    const id = `${e.target}-error`;
    if (!document.getElementById(id)) {
      const msg = h('p', { class: 'ds-validation-message', 'data-color': 'danger', id, 'data-generated-error': true }, e.message);
      // Label, help text, message, field (the message is read before the field).
      if (holder.tagName === 'FIELDSET') ($(':scope > [data-field="description"]', holder) || $(':scope > legend', holder)).after(msg);
      else el.before(msg);
    }
    const inputs = holder.tagName === 'FIELDSET' ? $$('input', holder) : [el];
    for (const input of inputs) {
      input.setAttribute('aria-invalid', 'true');
      if (!('errorDescribed' in input.dataset)) input.dataset.errorDescribed = input.getAttribute('aria-describedby') || '';
      input.setAttribute('aria-describedby', `${id} ${input.dataset.errorDescribed}`.trim());
    }
  }
}

// ---- Render: from state to page ---------------------------------------------

function update(change) {
  change(state);
  render();
}

/** Asks the engine about `state`; keeps the law's values for the forms. */
function runEngine() {
  // The municipality's profile as its file's text (municipality.js), or
  // undefined for the neutral one. Today's date the engine takes itself.
  const reply = assess(state, municipality ? municipality.currentProfile() : undefined);
  if (reply.ok) {
    view.assessment = reply.assessment;
    view.caseErrors = [];
    keepParams(reply.assessment.parameters);
  } else {
    view.assessment = null;
    view.caseErrors = reply.errors;
  }
}

/** Draws the whole page from `state` and the engine's answer. */
function render() {
  runEngine();
  syncPersonForm();
  syncLeisure();
  renderNeedList();
  renderUndo();
  renderClock();
  renderResults();
  renderErrors();
  renderCaseworker();
  runRender(state, view.assessment);
  followMunicipality();
  // A case to print (typed, from a draft or a link): have the printout ready.
  if (!printout && (state.needs.length || (state.monthly || []).length)) preloadPrintout();
}

// ---- Language switch ----------------------------------------------------------

function buildLanguages() {
  $('#languages').replaceChildren(
    ...LANGUAGES.map((l) =>
      h('button', { type: 'button', class: 'ds-button', 'data-variant': 'tertiary', 'data-size': 'sm', lang: l.code, 'aria-pressed': String(l.code === lang()), onclick: () => switchLanguage(l.code) }, l.name),
    ),
  );
}

async function switchLanguage(code) {
  const note = $('#lang-error');
  try {
    await loadLanguage(code);
  } catch {
    // Offline, and this language was never opened on this device, so the
    // service worker has no copy: say so and stay in the language we have.
    const name = LANGUAGES.find((l) => l.code === code)?.name ?? code;
    note.textContent = t('ui.language_unavailable', { name });
    note.hidden = false;
    return;
  }
  note.hidden = true;
  note.textContent = '';
  if (code === 'nb') delete state.settings.lang;
  else state.settings.lang = code;
  for (const b of $$('#languages button')) b.setAttribute('aria-pressed', String(b.lang === code));
  applyTexts();
  render();
}

// ---- Start --------------------------------------------------------------------

/**
 * The language to start in: `?lang=` in the address (a link, or the host
 * page of an embedding passing its own language), else bokmål.
 */
function startLanguage() {
  return languageCode(new URLSearchParams(location.search).get('lang')) || 'nb';
}

/** municipality.js once loaded: a page or a case for a municipality. */
let municipality = null;
const loadMunicipalityPart = loader(() => import('./municipality.js').then((m) => (municipality = m)));

/** True when the page is shown inside another page (an iframe). */
const embedded = (() => {
  try {
    return window.self !== window.top;
  } catch {
    return true; // a cross-origin parent: certainly framed
  }
})();
// The embedding (frame.js) listens to the host page from the start, so it
// is asked for at once; a page on its own never loads it.
const framePart = embedded ? import('./frame.js') : null;

/** A case that names a municipality the page has no profile code for yet: load it, then draw again. */
function followMunicipality() {
  if (municipality || !state.settings?.municipality) return;
  loadMunicipalityPart().then(() => update(() => {}), () => {}); // offline: the neutral answer stays
}

/**
 * What the forms need from the engine (wasm `forms()`): the choices of each
 * question and the law's values in force today, until an assessment gives
 * those of its own date.
 */
function useForms() {
  const reply = forms();
  if (!reply?.ok) throw new Error(`forms(): ${JSON.stringify(reply?.errors)}`);
  const { choices, law } = reply.forms;
  ({ kinds: KINDS, places: PLACES, answers: ANSWERS, applicants: APPLICANTS, arbeidsleder: ARBEIDSLEDER, services: SERVICES, helpers: HELPERS } = choices);
  ARBEIDSLEDER_CHILD = choices.arbeidsleder_child;
  keepParams(law.used);
}

/** Lets the browser paint and handle input before the next part of the work. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

async function start() {
  // The first number format loads the locale's data (tens of ms on a slow
  // phone): done now, in a task of its own, while the wasm downloads.
  setTimeout(() => new Intl.NumberFormat('nb-NO').format(1.5), 0);
  try {
    await init();
    state = emptyCase();
    useForms();
    await loadLanguageList();
    await loadLanguage(startLanguage());
    // `?kommune=` in the address (an embedding sets it) or data-kommune on <html>.
    if (new URLSearchParams(location.search).get('kommune') || document.documentElement.dataset.kommune) {
      await loadMunicipalityPart();
      const kommune = await municipality.loadMunicipality();
      if (kommune) state.settings.municipality = kommune;
    }
    if (framePart) await framePart;
  } catch (err) {
    $('#loading').textContent = 'Kalkulatoren kunne ikke starte. Last siden på nytt. (The calculator could not start. Reload the page.)';
    throw err;
  }
  document.body.prepend(patternDefs());
  setUpdater(update);
  if (lang() !== 'nb') state.settings.lang = lang();
  runEngine(); // the law's values (age limit, night window, …) for the forms
  applyTexts();
  buildLanguages();
  buildPersonForm();
  // Building the whole page at once is one long task: hundreds of ms on a
  // slow phone, during which a tap or a key waits (Lighthouse's "total
  // blocking time", issue 4). The calculator is still hidden, so it is
  // built in a few shorter tasks with the browser free in between.
  await nextTask();
  buildTemplates();
  buildNeedForm();
  buildCopyDay();
  await nextTask();
  buildLeisure();
  buildTabs();
  buildCaseworker();
  buildPrintPanel();
  await nextTask();
  $('#day-panel').addEventListener('click', (e) => {
    const hit = e.target.closest('[data-need]');
    if (hit && hit.closest('svg')) focusNeed(Number(hit.dataset.need));
  });
  $('#week').addEventListener('click', (e) => {
    const row = e.target.closest('[data-day]');
    if (row) selectDay(Number(row.dataset.day), false);
  });
  $('#need-list').addEventListener('focusin', (e) => {
    const item = e.target.closest('.need');
    if (!item) return;
    const i = Number(item.dataset.need);
    if (view.selected !== i) {
      view.selected = i;
      for (const el of $$('#need-list .need')) {
        el.classList.toggle('is-selected', el === item);
        if (el === item) el.setAttribute('aria-current', 'true');
        else el.removeAttribute('aria-current');
      }
      renderClock();
    }
  });
  $('#loading').remove();
  $('#app').hidden = false;
  render();
}

// For drafts, share links and tests: read and replace the whole case.
window.bpaApp = {
  getCase: () => structuredClone(state),
  /** Shows the page in another language ("nb", "nn", "en", …); unknown codes are ignored. */
  setLanguage(code) {
    const known = languageCode(code);
    if (known && known !== lang()) return switchLanguage(known);
    return Promise.resolve();
  },
  setCase(c) {
    const next = { ...emptyCase(), ...structuredClone(c) };
    next.person = next.person || {};
    next.needs = Array.isArray(next.needs) ? next.needs : [];
    next.monthly = Array.isArray(next.monthly) ? next.monthly : [];
    next.settings = next.settings || {};
    state = next;
    view.selected = null;
    view.undo = null;
    view.uiErrors = {};
    resetNeedForm();
    render();
    // A case that names its language (a share link, a draft) is shown in it.
    const wanted = next.settings.lang || 'nb';
    if (wanted !== lang()) switchLanguage(wanted);
  },
};

start();
