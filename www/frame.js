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
// In an iframe the address (and its #fragment) belongs to the iframe, so a
// pre-filled link is opened as the standalone page in its own tab: the
// "open in its own tab" link at the top carries what was filled in.
//
// app.js loads this module only when the page is in an iframe: a page on
// its own never fetches it.
import { decode_link, encode_link } from './engine.js';
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

/**
 * The origin of the page that embeds the calculator, or null when it cannot
 * be known. Chromium and Safari give it (location.ancestorOrigins); other
 * browsers give the referrer. `?host=` in the iframe's address names it
 * outright (for browsers that give neither); when both are known they must
 * agree, else nothing is trusted.
 */
function hostOrigin() {
  let seen = null;
  const ancestors = location.ancestorOrigins;
  if (ancestors && ancestors.length) seen = ancestors[0];
  else if (document.referrer) {
    try {
      seen = new URL(document.referrer).origin;
    } catch {
      seen = null;
    }
  }
  if (seen === 'null') seen = null;
  const declared = params.get('host');
  if (!declared) return seen;
  let named;
  try {
    named = new URL(declared).origin;
  } catch {
    return null;
  }
  if (seen && seen !== named) return null;
  return named;
}

const host = embedded ? hostOrigin() : null;

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

/** Messages that came before the page was ready, handled when it is. */
const early = [];

/** What the host may ask: a language, a case from a share link, or "are you there?". */
function onMessage(event) {
  if (event.source !== window.parent || event.origin !== host) return;
  const m = event.data;
  if (!m || typeof m !== 'object' || m.bpa !== 'host') return;
  if (!started) {
    early.push(m);
    return;
  }
  if (m.type === 'hello') {
    post({ type: 'ready' });
    lastHeight = 0;
    sendHeight();
  } else if (m.type === 'lang' && typeof m.lang === 'string' && m.lang.length <= 16) {
    window.bpaApp?.setLanguage(m.lang);
  } else if (m.type === 'link' && typeof m.link === 'string' && m.link.length <= 20000) {
    const opened = decode_link(m.link);
    if (opened && opened.ok) window.bpaApp?.setCase(opened.case);
  }
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
  for (const m of early.splice(0)) onMessage({ source: window.parent, origin: host, data: m });
}

if (embedded) {
  // Listening from the start (only to the host's origin: without one, to
  // nobody); answering once the page has drawn itself.
  if (host) window.addEventListener('message', onMessage);
  onRender(() => {
    if (!started) start();
  });
}
