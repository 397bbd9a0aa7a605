// The calculator inside a municipality's page, in an <iframe> (the host side
// is embed.js). The iframe keeps the two pages apart: neither side's styles
// reach the other, and the host's Content-Security-Policy does not apply to
// the calculator's own document.
//
// Messages between the two (window.postMessage), each side checking the
// other's origin:
//   calculator → host  { bpa: 'kalkulator', type: 'ready' }
//                      { bpa: 'kalkulator', type: 'height', height }   (CSS px)
//   host → calculator  { bpa: 'host', type: 'lang', lang }             ("nn", "en", "se", …)
//                      { bpa: 'host', type: 'link', link }             (a share link's text after #)
// Nothing the person entered is ever sent to the host: only the height.
//
// Who counts as the host: only an origin the embedding names, never any
// page that happens to frame the calculator. Named by the municipality's
// profile (`embed_origins`, in the assessment's `municipality`), or by the
// embedding itself in the iframe's address, `?host=https://www.kommune.no`
// (embed.js writes it from its `host` attribute). The browser's own word on
// who frames us (location.ancestorOrigins, else the referrer) must agree
// with a named origin; a message from any other origin is ignored.
//
// A link the host passes opens as one in the address does (share.js's
// `openLink`): asked about before it replaces a draft, the old one kept to
// go back to. It never replaces a draft silently.
//
// In an iframe the address (and its #fragment) belongs to the iframe, so a
// pre-filled link is opened as the standalone page in its own tab: the
// "open in its own tab" link at the top carries what was filled in.
//
// app.js loads this module only when the page is in an iframe: a page on
// its own never fetches it.
import { encode_link } from './engine.js';
import { h, $ } from './dom.js';
import { onRender } from './hooks.js';

/** True when the page is shown inside another page. */
export const embedded = (() => {
  try {
    return window.self !== window.top;
  } catch {
    return true; // a cross-origin parent: certainly framed
  }
})();

const params = new URLSearchParams(location.search);

/** An origin as browsers write it, or null. */
function originOf(text) {
  try {
    const o = new URL(text).origin;
    return o && o !== 'null' ? o : null;
  } catch {
    return null;
  }
}

/** Who the browser says frames us (Chromium and Safari: ancestorOrigins; others: the referrer), or null. */
const seen = (() => {
  const ancestors = location.ancestorOrigins;
  if (ancestors && ancestors.length) return ancestors[0] === 'null' ? null : ancestors[0];
  return document.referrer ? originOf(document.referrer) : null;
})();

/** The origins named in the address (`?host=`, one or more). */
const declared = params.getAll('host').flatMap((v) => v.split(/[\s,]+/)).map(originOf).filter(Boolean);

/** The origins the municipality's profile names (`embed_origins`), once the engine has read it. */
let profileOrigins = [];

/**
 * The host's origin, or null while none is trusted: a named origin that
 * agrees with what the browser says frames us (or the one named, when the
 * browser says nothing).
 */
function trustedHost() {
  // The calculator's own origin is as trusted as the calculator itself.
  const named = [location.origin, ...declared, ...profileOrigins];
  if (seen) return named.includes(seen) ? seen : null;
  return declared.length === 1 ? declared[0] : null;
}

let host = embedded ? trustedHost() : null;

function post(message) {
  if (host) window.parent.postMessage({ bpa: 'kalkulator', ...message }, host);
}

/** The standalone page's address with the case in its fragment (a share link). */
function standaloneUrl() {
  const url = new URL(location.href);
  for (const p of ['embed', 'host']) url.searchParams.delete(p);
  url.hash = '';
  const c = window.bpaApp?.getCase();
  const made = c ? encode_link(c) : null;
  if (made && made.ok) url.hash = made.link;
  return url.href;
}

/** Messages from the parent that came before the page was ready (or its host was known): `{ origin, data }`. */
const early = [];

/** What the host may ask: a language, a case from a share link, or "are you there?". */
function onMessage(event) {
  if (event.source !== window.parent) return;
  const m = event.data;
  if (!m || typeof m !== 'object' || m.bpa !== 'host') return;
  // The profile (and so its embed_origins) is known only after the first
  // assessment: until then a message waits, and is judged then.
  if (!started) {
    if (early.length < 20) early.push({ origin: event.origin, data: m });
    return;
  }
  if (event.origin !== host) return;
  if (m.type === 'hello') {
    post({ type: 'ready' });
    lastHeight = 0;
    sendHeight();
  } else if (m.type === 'lang' && typeof m.lang === 'string' && m.lang.length <= 16) {
    window.bpaApp?.setLanguage(m.lang);
  } else if (m.type === 'link' && typeof m.link === 'string' && m.link.length <= 20000) {
    openLink(m.link);
  }
}

/** Opens a link as the standalone page does (share.js), once share.js has started. */
function openLink(link, tries = 0) {
  const app = window.bpaApp;
  if (app?.openLink) app.openLink(link);
  else if (tries < 50) setTimeout(() => openLink(link, tries + 1), 100);
}

let lastHeight = 0;

function sendHeight() {
  // The content's own height (not the window's: a page styled to fill the
  // window would never let the iframe shrink), so the iframe fits it exactly.
  const page = $('.page') || document.body;
  const margin = parseFloat(getComputedStyle(document.body).marginBottom) || 0;
  const height = Math.ceil(page.getBoundingClientRect().bottom + window.scrollY + margin);
  if (height !== lastHeight) {
    lastHeight = height;
    post({ type: 'height', height });
  }
}

let started = false;

function start() {
  started = true;
  document.documentElement.classList.add('is-embedded');
  const link = h(
    'a',
    { class: 'ds-link open-full', href: location.href, target: '_blank', rel: 'noopener' },
    h('span', { i18n: 'ui.embed.open_full' }),
    ' ',
    h('span', { class: 'ds-sr-only', i18n: 'ui.link.new_tab' }),
  );
  // The address is made when it is used, so it carries what was filled in.
  const refresh = () => link.setAttribute('href', standaloneUrl());
  link.addEventListener('click', refresh);
  link.addEventListener('focus', refresh);
  link.addEventListener('pointerenter', refresh);
  $('.page-header')?.prepend(h('p', { class: 'ds-paragraph embed-bar' }, link));
  new ResizeObserver(sendHeight).observe($('.page') || document.body);
  post({ type: 'ready' });
  sendHeight();
  for (const m of early.splice(0)) onMessage({ source: window.parent, origin: m.origin, data: m.data });
}

if (embedded) {
  // Listening from the start; a message counts only from the trusted host
  // (see trustedHost), judged once the page has drawn itself.
  window.addEventListener('message', onMessage);
  onRender((state, a) => {
    const named = a?.municipality?.embed_origins;
    if (Array.isArray(named)) {
      const next = named.map(originOf).filter(Boolean);
      if (next.join(' ') !== profileOrigins.join(' ')) {
        profileOrigins = next;
        const was = host;
        host = trustedHost();
        // Newly trusted: say we are here, as at start.
        if (host && host !== was && started) {
          post({ type: 'ready' });
          lastHeight = 0;
          sendHeight();
        }
      }
    }
    if (!started) start();
  });
}
