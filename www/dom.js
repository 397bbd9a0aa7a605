// A small element builder for the page's parts: strings become text nodes,
// never HTML, so text a person typed can never run as code; `i18n: key`
// sets a catalogue text and marks the element (data-i18n) so that a
// language switch renews it.
//
// And `patch()`, which brings a part of the page up to date with a freshly
// built copy of it while touching only what differs. Why: every keystroke
// redraws the answer, and replacing a few hundred elements makes the
// browser restyle and lay out all of them (that alone took most of a frame);
// an element whose text and attributes are the same is left alone, so the
// browser has only the changes to redo, and focus and open <details> stay.
import { t } from './i18n.js';

/** Event handlers given to h() live here, so that patch() can hand them on. */
const HANDLERS = Symbol('handlers');

/** The one listener h() adds per event type: calls the element's current handler. */
function dispatch(event) {
  const fn = event.currentTarget[HANDLERS]?.[event.type];
  return fn ? fn.call(event.currentTarget, event) : undefined;
}

function listen(el, type, fn) {
  const own = el[HANDLERS] || (el[HANDLERS] = {});
  if (!(type in own)) el.addEventListener(type, dispatch);
  own[type] = fn;
}

/** Creates an element. `attrs` with a value of null, undefined or false are left out. */
export function h(tag, attrs = {}, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') listen(el, k.slice(2), v);
    else if (k === 'i18n') {
      el.dataset.i18n = v;
      el.textContent = t(v, attrs.vars || {});
    } else if (k === 'vars') {
      el.dataset.i18nVars = JSON.stringify(v);
    } else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid === null || kid === undefined || kid === false) continue;
    el.append(typeof kid === 'string' ? document.createTextNode(kid) : kid);
  }
  return el;
}

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

// ---- patch(): update in place ------------------------------------------------

/**
 * Attributes that belong to the person's use of the page, not to the
 * drawing: an opened "why?" stays open, a target focused from the error
 * summary keeps the tabindex it was given.
 */
const KEPT = new Set(['open', 'tabindex']);

/**
 * Whether `old` may become `next` by changing its attributes and children:
 * the same kind of node, and not another thing by its key (a <details>
 * with another data-key, a control with another data-focus: those are new
 * elements, so an open state or the focus never passes to something else).
 */
function sameThing(old, next) {
  if (old.nodeType !== next.nodeType) return false;
  if (old.nodeType !== Node.ELEMENT_NODE) return true;
  return (
    old.namespaceURI === next.namespaceURI &&
    old.localName === next.localName &&
    old.getAttribute('data-key') === next.getAttribute('data-key') &&
    old.getAttribute('data-focus') === next.getAttribute('data-focus')
  );
}

/**
 * Gives element `old` the attributes of `next`, changing only what differs
 * (the state a person changes, `open` and `tabindex`, is kept: KEPT).
 */
export function patchAttributes(old, next) {
  for (const { name, value } of next.attributes) {
    if (old.getAttribute(name) !== value) old.setAttribute(name, value);
  }
  for (const name of old.getAttributeNames()) {
    if (!next.hasAttribute(name) && !KEPT.has(name)) old.removeAttribute(name);
  }
}

/**
 * Makes `old` equal to `next`. An equal subtree (the browser compares it
 * natively, which is much faster than walking it here) is left as it is,
 * handlers included: a handler depends only on what its element shows
 * (a need's number, a link's target), so equal elements have equal ones.
 */
function patchNode(old, next) {
  if (old.isEqualNode(next)) return;
  if (old.nodeType !== Node.ELEMENT_NODE) {
    if (old.nodeValue !== next.nodeValue) old.nodeValue = next.nodeValue;
    return;
  }
  patchAttributes(old, next);
  const handlers = next[HANDLERS];
  if (handlers) for (const [type, fn] of Object.entries(handlers)) listen(old, type, fn);
  if (old[HANDLERS]) for (const type of Object.keys(old[HANDLERS])) if (!handlers || !(type in handlers)) old[HANDLERS][type] = null;
  patchChildren(old, [...next.childNodes]);
}

/**
 * Makes `parent`'s children equal to `kids`, position by position. `kept`
 * are nodes already in `parent` that the caller hands back unchanged (a
 * part that did not need drawing again): they are moved into place as they
 * are, never changed into something else.
 */
function patchChildren(parent, kids, kept = null) {
  let old = parent.firstChild;
  for (const next of kids) {
    if (next === old) {
      old = old.nextSibling;
    } else if (!old || kept?.has(next) || kept?.has(old)) {
      parent.insertBefore(next, old);
    } else if (sameThing(old, next)) {
      patchNode(old, next);
      old = old.nextSibling;
    } else {
      const after = old.nextSibling;
      parent.replaceChild(next, old);
      old = after;
    }
  }
  while (old) {
    const after = old.nextSibling;
    old.remove();
    old = after;
  }
}

/**
 * Makes `container`'s content equal to `kids` (nodes, strings, nested
 * arrays; null and false left out), changing only what differs. A kid that
 * is already one of `container`'s children is kept as it is (moved if need
 * be): see `drawParts()` in draw.js.
 */
export function patch(container, ...kids) {
  const list = kids.flat(Infinity).filter((k) => k !== null && k !== undefined && k !== false);
  const nodes = list.map((k) => (typeof k === 'string' ? document.createTextNode(k) : k));
  const kept = new Set(nodes.filter((n) => n.parentNode === container));
  patchChildren(container, nodes, kept.size ? kept : null);
}
