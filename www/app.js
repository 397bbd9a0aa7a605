// BPA-kalkulator: the page. This module wires its parts together; each part
// draws one piece of the page and lives in its own file:
//
//   state.js        the case (`state`), what the page shows beside it (`view`), the engine's choices and law values
//   engine.js       the rules (WebAssembly): the one module that imports pkg/
//   languages.js    the language switch and every catalogue text (i18n.js: the catalogue)
//   person.js       1. the questions about the person
//   needs.js        2. templates, the list of needs, the need form, copying a day, leisure per month
//   clock-panel.js  3. the day tabs, the day's clock and table, the week (clock.js draws the pictures)
//   results.js      4. the verdict, hours, reasons, notes, documents, next steps; the caseworker view's group
//   print-panel.js  the print button; printout.js drawn just before printing
//   errors.js       the error summary and the messages beside the fields
//   notes.js, share.js           the person's own words; drafts, share links and files (issue 6)
//   municipality.js, frame.js    loaded only for a municipality's page, or inside another page
//
// How it hangs together, top-down:
// - Every change goes through `update()` (hooks.js, for the parts), which
//   calls `render()`: the engine assesses `state` once, and the page draws
//   the list, the clock and the results from `state` and the engine's answer.
// - A redraw must fit in one frame while a person types (issue 4), so it is
//   cheap: a part is drawn again only when what it shows changed, and what
//   is drawn is patched into the page (draw.js, dom.js `patch()`). What
//   nobody sees while typing waits: the draft and the share link follow
//   ~300 ms after the last key (share.js), the printout is drawn just
//   before printing, the caseworker view only while it is open.
// - The rules live only in the engine. The page builds the Case from the
//   forms and shows the Assessment; it never counts hours or decides anything.
// - Every text comes from the catalogue (i18n/*.json) through `t()`.
// - Text a person typed is only ever set as text (textContent), never as HTML.
// - No part imports this module, and no two parts import each other in a
//   circle (.ci/check-page-modules.mjs).

import { load as loadEngine, assess } from './engine.js';
import { loadLanguageList, languageCode, lang } from './i18n.js';
import { $ } from './dom.js';
import { runRender, setUpdater } from './hooks.js';
import { state, setState, emptyCase, view, keepParams, useForms } from './state.js';
import { patternDefs } from './clock.js';
import { loader, afterFrame } from './draw.js';
import { applyTexts, buildLanguages, switchLanguage, startLanguage, useLanguage } from './languages.js';
import { buildPersonForm, syncPersonForm } from './person.js';
import { buildTemplates, buildNeedForm, buildCopyDay, buildLeisure, renderNeedList, renderUndo, resetNeedForm, syncLeisure, ROWS_AT_ONCE } from './needs.js';
import { buildTabs, renderClock, listenClock } from './clock-panel.js';
import { renderResults, buildCaseworker, renderCaseworker } from './results.js';
import { buildPrintPanel, preparePrintout } from './print-panel.js';
import { renderErrors } from './errors.js';
import { startHyphenation } from './hyphenate.js';
// Parts in their own files; each draws itself after every render (hooks.js).
// The municipality's profile and the embedding are loaded only when the
// page is for a municipality or inside another page (see "Start"), the
// marks on untranslated texts only in a language that has some (languages.js).
import './notes.js';
// Drafts, share links and files (issue 6): starts after the first render.
import './share.js';

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

/**
 * Draws the whole page from `state` and the engine's answer: first what
 * answers the keystroke (the fields, the list, the verdict and the
 * errors), then the drawings of the day and the week, then the parts
 * further down (the letter, the caseworker view, the draft's save). A large
 * case (more needs than the list draws at once) has each of these in a
 * task of its own, so that the browser paints and takes the next key in
 * between (issue 14, "Never freeze"), and a newer render replaces the steps
 * an older one had not done yet. A case of a real week's size is drawn in
 * one go, as before.
 */
function render() {
  laterSteps.cancel();
  runEngine();
  syncPersonForm();
  syncLeisure();
  renderNeedList();
  renderUndo();
  renderResults();
  renderErrors();
  const steps = [() => renderClock({ week: false }), renderClock, renderRest];
  const large = (state.needs?.length || 0) + (state.monthly?.length || 0) > ROWS_AT_ONCE;
  // A large map's long parts off screen are not laid out until near (app.css).
  $('#app').classList.toggle('large', large);
  if (!large) {
    for (const step of steps) step();
    return;
  }
  // After the frame that shows the keystroke: then a step per task.
  laterSteps.run(steps);
}
/** The steps of a large case's render still to come. */
const laterSteps = afterFrame();

/**
 * The page going away (a reload, a closed tab) does what was still to come
 * at once: among it the draft's save is scheduled (share.js, a step of
 * "the rest"), which share.js's own pagehide then saves. Registered before
 * share.js starts, so it runs first.
 */
function finishSteps() {
  laterSteps.finish();
}
addEventListener('pagehide', finishSteps);
addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') finishSteps();
});

/** What follows the drawings: the parts below them, and what the page keeps ready. */
function renderRest() {
  renderCaseworker();
  runRender(state, view.assessment);
  followMunicipality();
  // A case to print (typed, from a draft or a link): have the printout ready.
  preparePrintout();
  loadNextSteps();
}

// The cost, the application letter and, after a decision, the complaint:
// loaded on use, once the case has needs (typed, from a draft, a link or a
// file), so a first visit runs only the page itself. Each draws its own
// section from the next render on.
let nextStepsLoaded = false;
// (Through loader(): after a release put on the server while the page was
// open, their files are gone, and the page reloads into the new release.)
const loadNextParts = loader(() => Promise.all([import('./cost.js'), import('./letter.js'), import('./appeal.js')]));
function loadNextSteps() {
  if (nextStepsLoaded || !(state.needs?.length || state.monthly?.length)) return;
  // Offline they come only from the worker's cache, which holds what was
  // used online: rather than a failed fetch, wait for the network.
  if (navigator.onLine === false) {
    addEventListener('online', loadNextSteps, { once: true });
    return;
  }
  nextStepsLoaded = true;
  loadNextParts()
    .then(() => render())
    .catch(() => {
      nextStepsLoaded = false; // tried again on the next change
    });
}

// ---- Start --------------------------------------------------------------------

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

/** Lets the browser paint and handle input before the next part of the work. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

async function start() {
  // The first number format loads the locale's data (tens of ms on a slow
  // phone): done now, in a task of its own, while the wasm downloads.
  setTimeout(() => new Intl.NumberFormat('nb-NO').format(1.5), 0);
  try {
    await loadEngine();
    setState(emptyCase());
    useForms();
    await loadLanguageList();
    await useLanguage(startLanguage());
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
  listenClock();
  $('#loading').remove();
  $('#app').hidden = false;
  render();
  startHyphenation();
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
    setState(next);
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
