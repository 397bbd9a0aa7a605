// The print panel under the results (the print button and what to add to
// the printout), and the printout's loading. The printout (printout.js)
// only exists on paper, so its module and its style sheet are loaded when
// the page is in use, and it is drawn just before the page is printed
// (`beforeprint`, the print media query, the print button, Ctrl+P).
import { h, $ } from './dom.js';
import { state, view } from './state.js';
import { loader } from './draw.js';

const loadPrintout = loader(() => Promise.all([import('./printout.js'), loadPrintStyles()]).then(([m]) => m));

/**
 * The printout's style sheet, dist/print-HASH.css: the page's `@media print`
 * rules, which .ci/bundle.mjs keeps out of the render-blocking page.css
 * (issue 4: a first visit that never prints does not load them). Loaded
 * with the printout's module, so the two are there (and kept offline by
 * the service worker) together. Its name changes with its bytes: the
 * bundler gives it as BPA_PRINT_CSS (an esbuild `define`).
 */
function loadPrintStyles() {
  // eslint-disable-next-line no-undef -- defined by .ci/bundle.mjs
  const href = typeof BPA_PRINT_CSS === 'string' ? BPA_PRINT_CSS : 'dist/print.css';
  return new Promise((loaded, failed) => {
    const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href, media: 'print' });
    link.onload = loaded;
    link.onerror = () => {
      link.remove(); // tried again with the module
      failed(new Error(href));
    };
    document.head.append(link);
  });
}

/**
 * What the person chose to add to the printout (not part of the case);
 * `document` is a letter or a complaint being printed (printWithDocument()).
 */
const printOptions = { caseworker: false, link: false, document: null };
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

/**
 * Prints a letter or a complaint through the printout: `doc` is
 * `{ lang, blocks: [{ kind, text }], alone }`, its words as plain text,
 * printed alone or before the egenkartlegging. It stays an option of the
 * printout until the print dialogue closes (`afterprint`), so that the
 * redraw as the page turns to print keeps it; then the printout is the
 * egenkartlegging again.
 */
export function printWithDocument(doc) {
  printOptions.document = doc;
  return printNow();
}

/** The print button and the two choices, under the results. */
export function buildPrintPanel() {
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
  // A letter or a complaint is printed once: the next print is the egenkartlegging's.
  addEventListener('afterprint', () => {
    printOptions.document = null;
  });
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

/** After each render: a case to print (typed, from a draft or a link) has the printout ready. */
export function preparePrintout() {
  if (!printout && (state.needs.length || (state.monthly || []).length)) preloadPrintout();
}
