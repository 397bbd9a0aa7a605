// What the page's parts share when they draw:
// - a redraw must fit in one frame while a person types (issue 4), so it is
//   cheap: a part is drawn again only when what it shows changed
//   (`unchanged()`, `drawParts()`), and what is drawn is patched into the
//   page (dom.js `patch()`, through `replaceKids()`), changing only the
//   elements that differ;
// - the announcements in the role="status" region (`announce()`);
// - loading a part of the page once, when first needed (`loader()`);
// - numbers and day names as a person reads them.
import { patch, $, $$ } from './dom.js';
import { lang, fmtNumber, t } from './i18n.js';

/**
 * Brings a container's content up to date with `kids` (dom.js patch():
 * only what differs is changed, so an unchanged part costs the browser
 * nothing to restyle). Open `<details>` stay open and the focus stays where
 * it was; should the focused element itself have been replaced, the focus
 * goes to the new element with the same `data-focus` key, so that a live
 * redraw never throws a keyboard user back to the top.
 */
export function replaceKids(container, ...kids) {
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
export function unchanged(name, inputs) {
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
export function drawParts(container, parts) {
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
export const cap = (s) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/** Hours in the language's style: 27,5. */
export const hrs = (n) => fmtNumber(Number(n));

/**
 * Loads a module once; later calls get the same promise. A load that failed
 * (offline before the module was ever used) is tried again next time.
 *
 * A part's file is named by a hash of its bytes (.ci/bundle.mjs), so after a
 * release put on the server while this page was open, the file this page
 * names is gone. Then the page reloads once, and says so first: the new
 * release runs whole, never beside this one, and the draft is saved as the
 * page goes (share.js, `pagehide`), so nothing is lost. Offline, or with the
 * server still on this release, the failure is the caller's as before (it
 * waits for the network, or tries again next time).
 */
export function loader(load) {
  let promise = null;
  return () =>
    (promise ||= load().catch(async (err) => {
      promise = null;
      if (await reloadForRelease()) return new Promise(() => {}); // the page is going
      throw err;
    }));
}

/**
 * Work a keystroke must not wait for (issue 14, "Never freeze"): `run(steps)`
 * does each step in a task of its own, after the frame that shows the key,
 * so that the browser paints and takes the next key in between; a new
 * `run`, or `cancel()`, drops the steps not yet done; `finish()` does them
 * at once (the page going away).
 */
export function afterFrame() {
  let frame = 0;
  let task = 0;
  let steps = [];
  const stop = () => {
    cancelAnimationFrame(frame);
    clearTimeout(task);
  };
  const next = () => {
    steps.shift()?.();
    if (steps.length) task = setTimeout(next, 0);
  };
  return {
    run(list) {
      stop();
      steps = [...list];
      if (steps.length) frame = requestAnimationFrame(() => (task = setTimeout(next, 0)));
    },
    cancel() {
      stop();
      steps = [];
    },
    finish() {
      stop();
      const rest = steps;
      steps = [];
      for (const step of rest) step();
    },
  };
}

/**
 * After a file of this page's release failed to load (a part, a language):
 * when the server has a newer release, says so and reloads once (see
 * loader()). True when the page is going.
 */
export async function reloadForRelease() {
  const next = await newerRelease();
  return Boolean(next && reloadOnce(next));
}

/**
 * The release id of the page the server has now, when it is not this
 * page's (`<meta name="bpa-release">`, written by .ci/bundle.mjs); null
 * when it is the same, or the server cannot be reached (offline).
 */
async function newerRelease() {
  const ours = globalThis.bpaRelease;
  if (!ours) return null;
  try {
    const res = await fetch(location.href, { cache: 'no-cache' });
    if (!res.ok) return null;
    const theirs = /<meta name="bpa-release" content="([0-9a-f]+)">/.exec(await res.text())?.[1];
    return theirs && theirs !== ours ? theirs : null;
  } catch {
    return null;
  }
}

/**
 * Says the page is reloading for a new release, then reloads: once per
 * release (a second time for the same one, the page stays as it is and the
 * part fails as offline). True when it reloads.
 */
function reloadOnce(next) {
  const flag = 'bpa-release-reload';
  try {
    if (sessionStorage.getItem(flag) === next) return false;
    sessionStorage.setItem(flag, next);
  } catch {
    // No session storage: reload all the same (the reloaded page is the new release).
  }
  const box = document.createElement('div');
  box.className = 'ds-alert';
  box.dataset.color = 'info';
  box.id = 'release-reload';
  box.setAttribute('role', 'alert');
  Object.assign(box.style, { position: 'fixed', insetBlockStart: '0.5rem', insetInline: '0.5rem', zIndex: '10' });
  const p = document.createElement('p');
  p.className = 'ds-paragraph';
  p.textContent = t('ui.release_reload');
  box.append(p);
  document.body.append(box);
  // Long enough to be read and spoken; the draft is saved as the page goes.
  setTimeout(() => location.reload(), 2500);
  return true;
}

// ---- Announcements (the role="status" region from index.html) -------------

let pending = { action: [], verdict: [] };
let announceTimer = null;

/**
 * Says something politely to screen readers; never moves focus. What
 * happens within half a second is said once, the action ("Lagt til …")
 * before the new verdict, so typing does not flood the listener.
 */
export function announce(text, kind = 'action') {
  pending[kind].push(text);
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => {
    $('#status').textContent = [...pending.action, ...pending.verdict.slice(-1)].join(' ');
    pending = { action: [], verdict: [] };
  }, 500);
}
