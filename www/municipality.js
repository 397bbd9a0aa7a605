// The municipality (kommune) the page is for: its profile, a data file in
// www/profiles/<id>.json (name, contact page, application form, processing
// time, accent colour, its own documents and next steps). The engine reads
// the profile from the file's text (assess(case, profileText), the same
// reader as the CLI's) and returns `assessment.municipality`; this part only
// fetches the file, and shows what the engine returned.
//
// Which municipality: `?kommune=oslo` in the address (an embedding sets it),
// or `data-kommune="oslo"` on <html> for a municipality that hosts the page
// itself, or the case's own `settings.municipality` (a link or a draft made
// for that municipality). Profiles that exist are listed by .ci/build in
// www/profiles.json, so an unknown name is never fetched (no 404): the case
// names it, the engine uses the neutral profile, and its notice
// (PROFILE_UNKNOWN) is shown at the top of the page.
//
// app.js loads this module only when the page or the case names a
// municipality (and the printout loads it for its contact section): a page
// for no municipality never fetches it.
import { t, lang } from './i18n.js';
import { forms } from './engine.js';
import { h, $ } from './dom.js';
import { onRender, update } from './hooks.js';

/** The profile the engine is given: the file's text, or undefined for the neutral one. */
let profile;
/** The municipality id the current profile is for ('' for none). */
let loadedFor = '';
/** Ids with a profile file (www/profiles.json), or null when the list is missing. */
let known = null;
/** The municipality the page itself was opened for (address or attribute). */
let pageKommune = '';
/** A load under way, so that a render does not start a second one. */
let loading = null;

/** A municipality id as written in the address or the case: trimmed, lower case (never cut short). */
function cleanId(raw) {
  if (typeof raw !== 'string') return '';
  return raw.trim().toLowerCase();
}

const fileSafe = (id) => /^[a-z0-9æøå-]{1,60}$/.test(id);

/**
 * The most a case's municipality may hold, in UTF-8 bytes as the engine
 * counts them (forms().limits.max_municipality_bytes): "ø" is two.
 */
const maxBytes = () => forms().forms?.limits.max_municipality_bytes ?? 64;
const utf8Bytes = (s) => new TextEncoder().encode(s).length;

/**
 * Whether the page's own municipality (from the address) may go into the
 * person's case: only a name the engine takes (within its byte limit, in
 * the characters of a profile's file name). Anything else is a setting of
 * the page that does not apply, never part of the case: a long or odd
 * `?kommune=` must not make the case, and so the draft, invalid.
 */
export function validForCase(id) {
  return !!id && fileSafe(id) && utf8Bytes(id) <= maxBytes();
}

async function loadList() {
  if (known) return known;
  try {
    const res = await fetch('profiles.json');
    const list = res.ok ? await res.json() : null;
    known = Array.isArray(list) ? new Set(list.map((p) => p && p.id).filter((x) => typeof x === 'string')) : new Set();
  } catch {
    known = new Set();
  }
  return known;
}

/**
 * Fetches the profile for `id` as the file's text, for the engine to read;
 * undefined when there is none by that name (the neutral profile).
 */
async function fetchProfile(id) {
  if (!id || !fileSafe(id)) return undefined;
  const ids = await loadList();
  if (!ids.has(id)) return undefined;
  try {
    const res = await fetch(`profiles/${encodeURIComponent(id)}.json`);
    return res.ok ? await res.text() : undefined;
  } catch {
    return undefined;
  }
}

/** The profile for the engine (assess's second argument): its JSON text, or undefined. */
export function currentProfile() {
  return profile;
}

/**
 * Called once at start, before the first assessment: reads which
 * municipality the page is for and loads its profile. Returns the id ('' for
 * none), which app.js puts in the case (settings.municipality).
 */
export async function loadMunicipality() {
  const fromAddress = new URLSearchParams(location.search).get('kommune');
  const fromPage = document.documentElement.dataset.kommune;
  const asked = cleanId(fromAddress || fromPage || '');
  // Not a name the case can hold: the page goes on as for no municipality.
  pageKommune = validForCase(asked) ? asked : '';
  profile = await fetchProfile(pageKommune);
  loadedFor = pageKommune;
  return pageKommune;
}

/** A case from a link or a draft names another municipality: load its profile, then redraw. */
function follow(id) {
  if (loading) return;
  loading = fetchProfile(id).then((p) => {
    profile = p;
    loadedFor = id;
    loading = null;
    update(() => {});
  });
}

/** The accent colour on the calculator's root, for Designsystemet's accent and our own marks. */
function applyAccent(accent) {
  const page = $('.page');
  if (!page) return;
  const names = ['base-default', 'base-hover', 'base-active', 'text-default', 'text-subtle', 'border-strong'];
  if (accent && /^#[0-9a-fA-F]{6}$/.test(accent)) {
    // Style properties through the CSSOM: allowed under the page's CSP
    // (style-src 'self'), unlike a style attribute.
    page.style.setProperty('--bpa-accent', accent);
    for (const n of names) page.style.setProperty(`--ds-color-accent-${n}`, accent);
    page.dataset.color = 'accent'; // Designsystemet maps its colours anew here
    page.classList.add('has-accent');
  } else if (page.classList.contains('has-accent')) {
    page.style.removeProperty('--bpa-accent');
    for (const n of names) page.style.removeProperty(`--ds-color-accent-${n}`);
    delete page.dataset.color;
    page.classList.remove('has-accent');
  }
}

/** A link that opens in a new tab, said to screen readers. */
function outLink(href, ...kids) {
  return h('a', { class: 'ds-link', href, target: '_blank', rel: 'noopener noreferrer' }, ...kids, h('span', { class: 'ds-sr-only' }, ` ${t('ui.link.new_tab')}`));
}

/** The processing time in the page's language: the profile's own words, else its number of days. */
export function processingTime(m) {
  const pt = m?.processing_time;
  if (!pt) return '';
  const own = pt.text && (pt.text[lang()] || pt.text.nb);
  if (own) return own;
  return Number.isInteger(pt.days) ? t('ui.municipality.days', { days: pt.days }) : '';
}

function drawBox(m) {
  const box = $('#municipality');
  if (!box) return;
  const time = processingTime(m);
  const lines = [];
  if (m?.contact) lines.push(h('li', {}, outLink(m.contact, t('ui.municipality.contact', { name: m.name || t('report.municipality') }))));
  if (m?.form) lines.push(h('li', {}, outLink(m.form, t('ui.municipality.form'))));
  if (time) lines.push(h('li', {}, h('strong', {}, `${t('ui.print.processing_time')}: `), time));
  box.hidden = !lines.length;
  if (!lines.length) {
    box.replaceChildren();
    return;
  }
  box.replaceChildren(
    h('h3', { class: 'ds-heading', 'data-size': 'xs', id: 'municipality-h' }, m.name || t('report.municipality')),
    h('ul', { class: 'plain municipality-links' }, lines),
  );
}

function drawNotice(m) {
  const box = $('#municipality-notice');
  if (!box) return;
  const n = m?.notice;
  box.hidden = !n;
  box.replaceChildren(...(n ? [h('div', { class: 'ds-alert', 'data-color': 'warning' }, h('p', { class: 'ds-paragraph' }, t(`note.${n.code}`, n.inputs || {})))] : []));
}

onRender((state, a) => {
  const named = cleanId(state.settings?.municipality || '');
  // A case without a municipality on a page opened for one: it is for that one.
  // (After this render, not inside it: the other parts still draw this one.)
  if (!named && pageKommune) {
    queueMicrotask(() =>
      update((s) => {
        if (!s.settings?.municipality) s.settings = { ...(s.settings || {}), municipality: pageKommune };
      }),
    );
    return;
  }
  if (named !== loadedFor) {
    follow(named);
    return;
  }
  const m = a?.municipality;
  applyAccent(m?.accent);
  drawBox(m);
  drawNotice(m);
});
