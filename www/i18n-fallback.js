// Untranslated texts fall back to bokmål VISIBLY. A new catalogue (North
// Sámi, www/i18n/se.json) may start with a few keys; every other text is
// then shown in bokmål. So that a screen reader reads such a text with
// Norwegian pronunciation, and a reader knows why it is not in their
// language, this part
// - marks each bokmål text on the page with lang="nb" (on the element when
//   the text is all of it, else in a <span lang="nb">), and
// - shows a short notice under the language switch.
// It watches the page for changes, so it needs no call from app.js.
// languages.js loads it when a language that lacks texts is opened (i18n.js
// `lacksTexts()`); a complete language (bokmål, nynorsk, English) never
// needs it, and after a switch back to one it takes its marks off.
import { t, lang, fallbackShown } from './i18n.js';
import { $ } from './dom.js';

/** Elements whose text cannot hold a <span> (or should not be touched). */
const NO_SPAN = new Set(['OPTION', 'TITLE', 'TEXTAREA', 'SCRIPT', 'STYLE', 'text', 'title', 'desc', 'tspan']);

/** Marks the bokmål texts under `root`; returns how many it marked. */
function mark(root, texts) {
  let marked = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
  for (const node of nodes) {
    const parent = node.parentElement;
    if (!parent || parent.closest('[data-fallback], textarea, input')) continue;
    const whole = node.data.trim();
    if (!whole) continue;
    if (texts.has(whole) && parent.childNodes.length === 1) {
      parent.dataset.fallback = parent.getAttribute('lang') || 'none';
      parent.setAttribute('lang', 'nb');
      marked++;
      continue;
    }
    if (NO_SPAN.has(parent.tagName)) continue;
    // A bokmål text inside a longer one ("Mandag: 4 timer"): wrap that part.
    const hit = [...texts].filter((s) => s.length > 1 && node.data.includes(s)).sort((a, b) => b.length - a.length)[0];
    if (!hit) continue;
    const at = node.data.indexOf(hit);
    const middle = node.splitText(at);
    middle.splitText(hit.length);
    const span = document.createElement('span');
    span.lang = 'nb';
    span.dataset.fallback = 'span';
    middle.replaceWith(span);
    span.append(middle);
    marked++;
  }
  return marked;
}

/** Takes the marks off texts that are no longer bokmål fallbacks (after a language switch). */
function unmark(root, texts) {
  for (const el of root.querySelectorAll('[data-fallback]')) {
    if (texts.has(el.textContent.trim())) continue;
    const was = el.dataset.fallback;
    if (was === 'span') {
      const parent = el.parentNode;
      el.replaceWith(...el.childNodes);
      parent?.normalize();
      continue;
    }
    if (was === 'none') el.removeAttribute('lang');
    else el.setAttribute('lang', was);
    delete el.dataset.fallback;
  }
}

let observer = null;
let scheduled = false;

function refresh() {
  scheduled = false;
  const page = $('.page');
  const notice = $('#lang-fallback');
  if (!page || !notice) return;
  observer.disconnect();
  try {
    const texts = lang() === 'nb' ? new Set() : new Set([...fallbackShown].map((s) => s.trim()).filter(Boolean));
    unmark(page, texts);
    const marked = texts.size ? mark(page, texts) : 0;
    const showing = marked > 0 || $('[data-fallback]', page) !== null;
    if (showing && lang() !== 'nb') {
      const own = t('ui.lang_fallback.notice');
      if (notice.textContent !== own) notice.textContent = own;
      notice.hidden = false;
    } else if (!notice.hidden) {
      notice.hidden = true;
      notice.textContent = '';
    }
  } finally {
    observer.observe(page, { childList: true, subtree: true, characterData: true });
  }
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(refresh);
}

function start() {
  const page = $('.page');
  if (!page) return;
  observer = new MutationObserver(schedule);
  observer.observe(page, { childList: true, subtree: true, characterData: true });
  // A language switch changes <html lang> first; texts follow in the same task.
  new MutationObserver(schedule).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  schedule();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
