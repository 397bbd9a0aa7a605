// The language switch (each language named in itself, no flags), the
// language the page starts in, and every catalogue text set on the page.
// Loading a language goes through useLanguage(): a language that lacks some
// of bokmål's texts also loads i18n-fallback.js, which marks those texts
// (issue 4: a first visit in a complete language does not need it).
import { h, $, $$ } from './dom.js';
import { t, lang, loadLanguage, languageCode, lacksTexts, LANGUAGES } from './i18n.js';
import { redraw } from './hooks.js';
import { state } from './state.js';
import { cap, reloadForRelease } from './draw.js';

/** Loads a language's catalogue (unknown codes: bokmål), and the fallback marks when it lacks texts. */
export async function useLanguage(code) {
  const loaded = await loadLanguage(code);
  if (lacksTexts()) import('./i18n-fallback.js').catch(() => {});
  return loaded;
}

/** Sets every catalogue text on the page (on start and on a language switch). */
export function applyTexts(root = document) {
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

export function buildLanguages() {
  $('#languages').replaceChildren(
    ...LANGUAGES.map((l) =>
      h('button', { type: 'button', class: 'ds-button', 'data-variant': 'tertiary', 'data-size': 'sm', lang: l.code, 'aria-pressed': String(l.code === lang()), onclick: () => switchLanguage(l.code) }, l.name),
    ),
  );
}

export async function switchLanguage(code) {
  const note = $('#lang-error');
  try {
    await useLanguage(code);
  } catch {
    // Its catalogue is gone from the server: a release came while the page
    // was open (the catalogues are named by a hash of their bytes), and the
    // page reloads into it, saying so, in the language chosen (the draft,
    // saved as the page goes, carries it).
    const was = state.settings.lang;
    if (code === 'nb') delete state.settings.lang;
    else state.settings.lang = code;
    if (await reloadForRelease()) return;
    if (was === undefined) delete state.settings.lang;
    else state.settings.lang = was;
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
  redraw();
}

/**
 * The language to start in: `?lang=` in the address (a link, or the host
 * page of an embedding passing its own language), else bokmål.
 */
export function startLanguage() {
  return languageCode(new URLSearchParams(location.search).get('lang')) || 'nb';
}
