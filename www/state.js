// What the page knows: the case (`state`), what it shows beside it (`view`),
// the choices each question offers and the law's values, as the engine
// gives them. Every part reads these from here; app.js sets them.
//
// - `state` is the whole page state, and it is exactly the Case JSON the
//   engine and the CLI read (src/case/mod.rs). Nothing else is saved. A part
//   changes it only through `update()` (hooks.js), which redraws the page;
//   only app.js replaces it (`setState`).
// - The rules live only in the engine: no rule's number is written here.
import { validate, forms } from './engine.js';
import { DAYS } from './clock.js';

/** THE page state: the Case JSON (set once the engine is loaded). Drafts and share links hook in here. */
export let state = null;

/** Replaces the whole case (app.js: on start, and for a draft or a link). */
export function setState(next) {
  state = next;
}

/**
 * An empty case, as the engine writes one: in its current format (the
 * `version`), with the parts it always writes.
 */
export function emptyCase() {
  return validate({}).case;
}

/** What the page shows that is not part of the case (never saved). */
export const view = {
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

// The choices each question offers, as the engine names them (wasm
// `forms()`, set by useForms() before anything is built): a new kind of help
// or place is added on the Rust side and the forms follow.
export let KINDS = [];
export let PLACES = [];
export let ANSWERS = [];
export let APPLICANTS = [];
export let ARBEIDSLEDER = [];
/** For a child: without "I lead myself" (the parents lead). */
export let ARBEIDSLEDER_CHILD = [];
export let SERVICES = [];
export let HELPERS = [];

export const DAY_SETS = {
  every: DAYS,
  weekdays: DAYS.slice(0, 5),
  weekend: DAYS.slice(5),
};

/**
 * One of the law's values ("age_limit", "night_start": "23:00", …), as the
 * engine gives it: from the last assessment (the rules of its date), else
 * in force today (forms()). The page writes no rule's number itself.
 */
export function param(name) {
  return view.params[name];
}

/** Keeps the law's values of a list of the engine's parameters. */
export function keepParams(list) {
  for (const p of list || []) view.params[p.name] = p.value;
}

/**
 * What the forms need from the engine (wasm `forms()`): the choices of each
 * question and the law's values in force today, until an assessment gives
 * those of its own date.
 */
export function useForms() {
  const reply = forms();
  if (!reply?.ok) throw new Error(`forms(): ${JSON.stringify(reply?.errors)}`);
  const { choices, law } = reply.forms;
  ({ kinds: KINDS, places: PLACES, answers: ANSWERS, applicants: APPLICANTS, arbeidsleder: ARBEIDSLEDER, services: SERVICES, helpers: HELPERS } = choices);
  ARBEIDSLEDER_CHILD = choices.arbeidsleder_child;
  keepParams(law.used);
}

/** The night window shown: the case's own, a municipality's, else the law's. */
export function night() {
  if (state.settings?.night) return state.settings.night;
  // A municipality's own night window (its profile), when the case sets none.
  if (view.assessment?.municipality?.night) return view.assessment.municipality.night;
  return { start: param('night_start'), end: param('night_end') };
}
