// Saving, sharing and deleting what a person filled in (issue 6).
//
// How it hangs together, top-down:
// - This part starts after the page's first render (hooks.js), with
//   `window.bpaApp` (app.js): getCase() and setCase(case). The case (the
//   page's whole state) is all there is to save, share or delete; every
//   render after that is a change to save.
// - Drafts: every change is saved ~300 ms later in this tab, as typed,
//   valid or not (storage.js, over the engine's draft_* functions); keeping
//   it on the device is an opt-in with an expiry. The page says what the
//   engine reports (a newer version's draft kept, storage that failed) and
//   only what was done.
// - Share link: the engine (src/link/mod.rs, wasm `encode_link`) packs the case
//   into the address's fragment (`#v3.…`), which the browser never sends to
//   the web server. The link is made when the person asks for it (a button,
//   the e-mail link focused or clicked), never after every change: a large
//   case must not cost a keystroke anything. "Kopier lenken" and "Send på e-post" (a mailto:, no
//   server) both carry it, each with a sentence saying who can see it.
// - Opening a page with a link in it: the engine reads it (`decode_link`);
//   the page asks before it replaces a draft, keeps the old one to go back
//   to, and on a bad link says what is wrong and changes nothing.
// - Files: the case as the JSON the CLI reads, downloaded and opened again,
//   written and read by the engine's own file writer and reader (casefile.js).
//
// What comes from a link, a file or storage is data: checked by the engine
// before use, and shown only as text (textContent), never as HTML.

import { encode_link, decode_link, assess, forms, today } from './engine.js';
import { t, lang, errorText } from './i18n.js';
import { h } from './dom.js';
import { onRender } from './hooks.js';
import { createDraftStore, isEmptyCase, KEEP_DAYS } from './storage.js';
import { openFile, fileText } from './casefile.js';

/** Query parameters a share link keeps: the municipality's profile. */
const KEPT_PARAMS = ['kommune'];

/** A file larger than the engine reads is not a needs map (one is a few KB). */
const maxFileBytes = () => forms().forms?.limits.max_input_bytes ?? Infinity;

// ---- Small DOM helpers (h comes from dom.js) --------------------------------


const $ = (sel) => document.querySelector(sel);

/** Replaces a container's content, keeping focus on the element with the same data-focus. */
function replace(container, ...kids) {
  const active = document.activeElement;
  const key = active && container.contains(active) ? active.dataset.focus : null;
  container.replaceChildren(...kids.flat().filter(Boolean));
  if (key) container.querySelector(`[data-focus="${CSS.escape(key)}"]`)?.focus();
}

/**
 * A message for a person: `{ key, vars }` from the catalogue, or
 * `{ engine }`, one of the engine's errors (in the page's language, from
 * the catalogue's `error.CODE`). A var may itself be a message.
 */
function say(m) {
  if (m.engine) return errorText(m.engine);
  const vars = {};
  for (const [k, v] of Object.entries(m.vars || {})) vars[k] = v && typeof v === 'object' ? say(v) : v;
  return t(m.key, vars);
}

const msg = (key, vars = {}) => ({ key, vars });

/**
 * The same case, whatever the order of keys or the empty parts written
 * out ({} for no answers, [] for no monthly needs): a link of the draft
 * one already has need not ask before it replaces it.
 */
function canonical(v) {
  if (Array.isArray(v)) return v.map(canonical);
  if (!v || typeof v !== 'object') return v;
  const out = {};
  for (const k of Object.keys(v).sort()) {
    const c = canonical(v[k]);
    const empty = c === undefined || c === null || (typeof c === 'object' && !Object.keys(c).length);
    if (!empty) out[k] = c;
  }
  return out;
}
const sameCase = (a, b) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

// ---- The page part ------------------------------------------------------------

/** Set by `start()`: what to do after each render (a change of the case). */
let changed = null;

onRender(() => {
  if (changed) return changed();
  changed = () => {};
  // After the render that called us has finished: start() may replace the
  // case, which renders again, and the other parts must first draw this one.
  queueMicrotask(() => start(window.bpaApp));
});

function start(app) {
  const store = createDraftStore({ onSaved: () => paintDraft() });
  /** What the page shows from this module; painted again on a language switch. */
  const ui = {
    notice: null, // the box at the top: { color, lines, actions }
    draftProblems: [], // messages about stored drafts
    previous: null, // the draft a link or file replaced, to go back to
    draftMsg: null,
    shareMsg: null,
    shownLink: null, // the share address shown in the field, or null
    fileMsg: null,
  };
  let lastLang = lang();

  buildSection();
  $('#save-jump')?.addEventListener('click', (e) => {
    // To the section, without touching the address (#…), which holds links.
    e.preventDefault();
    $('#save-h').focus();
    $('#save-h').scrollIntoView({ block: 'start' });
  });

  // 1. What is stored, and 2. a link in the address: decide what to show.
  const loaded = store.load();
  // What the engine reports, each said once (both storages may fail alike).
  const seen = new Set();
  ui.draftProblems = loaded.notices.filter((n) => !seen.has(n.code) && seen.add(n.code)).map((n) => ({ engine: n }));
  const openable = (found) => (found && found.case && typeof found.case === 'object' && !Array.isArray(found.case) ? found.case : null);
  ui.previous = openable(loaded.previous);
  $('#draft-keep').checked = store.keep;
  const linkText = readFragment();
  const opened = linkText === null ? null : decode_link(linkText);
  const draft = openable(loaded.draft);
  // A draft is opened as typed, valid or not: its errors show at the fields.
  if (draft && !loaded.draft.valid) ui.draftProblems.push(msg('ui.draft.opened_with_errors'));
  if (opened?.ok && (!draft || sameCase(draft, opened.case))) {
    openCase(opened.case, { from: 'link', rulesChanged: opened.rules_changed, focus: true });
  } else {
    if (draft) app.setCase(draft);
    if (opened) answerLink(opened);
  }
  paintAll();

  // 3. From now on: save every change. A link shown is of the case as it
  // was: it goes (the person makes a new one when they want it).
  changed = () => {
    store.schedule(app.getCase);
    if (ui.shownLink !== null) forgetLink();
    if (lang() !== lastLang) {
      lastLang = lang();
      paintAll();
    }
  };
  // What the page opened with (a draft from the device, a link) is this tab's draft now.
  store.schedule(app.getCase);
  // A reload or a closed tab within the 300 ms must not lose the last change.
  addEventListener('pagehide', () => store.flush());
  addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') store.flush();
  });
  // A link pasted into the address bar of the open page.
  addEventListener('hashchange', () => {
    const text = readFragment();
    if (text !== null) answerLink(decode_link(text), { focus: true });
  });
  // For the embedding (frame.js): a link the host page passes on opens as
  // one in the address does, asking before it replaces a draft.
  app.openLink = (text) => answerLink(decode_link(text), { focus: false });

  // ---- Opening a link or a file --------------------------------------------

  /**
   * The link in the address, or null. A fragment that names an element on
   * the page (the skip link's #main) is in-page navigation, not a link.
   */
  function readFragment() {
    const raw = location.hash.slice(1);
    if (!raw) return null;
    let id = raw;
    try {
      id = decodeURIComponent(raw);
    } catch {
      // Not percent-encoded text: then it is no element's id either.
    }
    if (document.getElementById(id)) return null;
    // Health data should not stay in the address bar or in this tab's
    // history longer than needed: the link is taken out of the address as
    // soon as it is read. (The browser's list of visited pages may still
    // hold it; only the person can clear that.)
    history.replaceState(history.state, '', location.pathname + location.search);
    return raw;
  }

  /** The engine's answer for a link: open it, ask first, or say what is wrong. */
  function answerLink(reply, { focus = true } = {}) {
    if (!reply.ok) {
      const lines = [{ engine: reply.errors[0] }];
      if (!isEmptyCase(app.getCase())) lines.push(msg('ui.draft.unchanged'));
      setNotice({ color: 'danger', lines }, focus);
      return;
    }
    const current = app.getCase();
    if (isEmptyCase(current) || sameCase(current, reply.case)) {
      openCase(reply.case, { from: 'link', rulesChanged: reply.rules_changed, focus });
      return;
    }
    // The page keeps showing the draft until the person chooses.
    setNotice(
      {
        color: 'warning',
        lines: [msg('ui.share.ask'), msg('ui.share.ask_help')],
        actions: [
          { key: 'ui.share.use_link', variant: 'primary', run: () => openCase(reply.case, { from: 'link', rulesChanged: reply.rules_changed, focus: true }) },
          { key: 'ui.share.keep_draft', variant: 'secondary', run: () => setNotice({ color: 'info', lines: [msg('ui.share.kept_draft')] }, true) },
        ],
      },
      focus,
    );
  }

  /**
   * Fills the page with a case from a link or a file. The draft it
   * replaces is kept (in memory and in storage) to go back to.
   */
  function openCase(c, { from, rulesChanged = false, focus = false }) {
    const current = app.getCase();
    if (!isEmptyCase(current) && !sameCase(current, c)) {
      // Kept in this tab's memory whatever storage says, and in storage
      // when it can be: the draft can be had back after a reload too.
      ui.previous = current;
      const kept = store.savePrevious(current);
      if (!kept.ok) ui.draftProblems = [...ui.draftProblems, ...kept.errors.map((e) => ({ engine: e }))];
    }
    app.setCase(c);
    const lines = [msg(from === 'file' ? 'ui.file.opened' : 'ui.share.prefilled')];
    if (rulesChanged) lines.push(msg('ui.share.rules_changed'));
    setNotice({ color: 'info', lines, actions: ui.previous ? [goBackAction()] : [] }, focus);
    paintDraft();
  }

  function goBackAction() {
    return { key: 'ui.draft.go_back', variant: 'secondary', run: goBack };
  }

  function goBack() {
    if (!ui.previous) return;
    const back = ui.previous;
    ui.previous = null;
    store.forgetPrevious();
    app.setCase(back);
    // The button pressed is gone: the message that says what happened takes the focus.
    setNotice({ color: 'info', lines: [msg('ui.draft.went_back')] }, true);
    paintDraft();
  }

  /** The box at the top of the page: a message, and buttons when there is a choice. */
  function setNotice(notice, focus) {
    ui.notice = notice;
    paintNotice();
    if (focus) $('#share-notice .ds-alert')?.focus();
  }

  function paintNotice() {
    const box = $('#share-notice');
    const n = ui.notice;
    box.hidden = !n;
    if (!n) return replace(box);
    const textId = 'share-notice-text';
    replace(
      box,
      h(
        'div',
        {
          class: 'ds-alert',
          'data-color': n.color,
          'data-focus': 'notice',
          tabindex: -1,
          role: n.actions?.length ? 'group' : null,
          'aria-labelledby': n.actions?.length ? textId : null,
        },
        h('div', { id: textId }, n.lines.map((line, i) => h('p', { class: i === 0 ? 'ds-paragraph notice-lead' : 'ds-paragraph' }, say(line)))),
        n.actions?.length
          ? h(
              'div',
              { class: 'button-row' },
              n.actions.map((a) => h('button', { type: 'button', class: 'ds-button', 'data-variant': a.variant, 'data-focus': `notice-${a.key}`, onclick: a.run }, t(a.key))),
            )
          : null,
      ),
    );
  }

  // ---- The section: drafts, link, file -------------------------------------

  function buildSection() {
    const section = $('#save');
    section.replaceChildren(
      h('h2', { class: 'ds-heading', 'data-size': 'md', id: 'save-h', tabindex: -1, i18n: 'ui.share.section_title' }),
      h('p', { class: 'ds-paragraph', i18n: 'ui.share.section_intro' }),

      h(
        'div',
        { class: 'save-part', role: 'group', 'aria-labelledby': 'draft-h' },
        h('h3', { class: 'ds-heading', 'data-size': 'sm', id: 'draft-h', i18n: 'ui.draft.title' }),
        h('div', { id: 'draft-status' }),
        h(
          'div',
          { class: 'ds-field', id: 'draft-keep-field' },
          h('input', { class: 'ds-input', type: 'checkbox', id: 'draft-keep', 'aria-describedby': 'draft-keep-help', onchange: keepChanged }),
          h('label', { for: 'draft-keep', i18n: 'ui.draft.keep' }),
          h('div', { 'data-field': 'description', id: 'draft-keep-help', i18n: 'ui.draft.keep_help', vars: { days: KEEP_DAYS } }),
        ),
        h('p', { class: 'ds-paragraph', id: 'draft-keep-unavailable', i18n: 'ui.draft.keep_unavailable', hidden: true }),
        h('div', { id: 'draft-previous' }),
        h('h4', { class: 'ds-heading', 'data-size': 'xs', i18n: 'ui.draft.what_title' }),
        h('p', { class: 'ds-paragraph', i18n: 'ui.draft.what', vars: { days: KEEP_DAYS } }),
        h('p', { class: 'ds-paragraph', i18n: 'ui.draft.what_previous' }),
        h('p', { class: 'ds-paragraph', i18n: 'ui.draft.delete_help' }),
        h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', 'data-color': 'danger', id: 'delete-button', i18n: 'ui.draft.delete', onclick: askDelete }),
        h('div', { id: 'delete-confirm', class: 'confirm', role: 'group', 'aria-labelledby': 'delete-q', tabindex: -1, hidden: true },
          h('p', { class: 'ds-paragraph', id: 'delete-q', i18n: 'ui.draft.delete_confirm' }),
          h('div', { class: 'button-row' },
            h('button', { type: 'button', class: 'ds-button', 'data-color': 'danger', id: 'delete-yes', i18n: 'ui.draft.delete_yes', onclick: deleteAll }),
            h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', id: 'delete-no', i18n: 'ui.draft.delete_no', onclick: cancelDelete }))),
        h('p', { class: 'ds-paragraph', id: 'draft-msg', role: 'status' }),
      ),

      h(
        'div',
        { class: 'save-part', role: 'group', 'aria-labelledby': 'share-h' },
        h('h3', { class: 'ds-heading', 'data-size': 'sm', id: 'share-h', i18n: 'ui.share.title' }),
        h('p', { class: 'ds-paragraph', i18n: 'ui.share.intro' }),
        h('p', { class: 'ds-paragraph share-warning', id: 'share-warning', i18n: 'ui.share.warning' }),
        h(
          'div',
          { class: 'button-row' },
          h('button', { type: 'button', class: 'ds-button', id: 'share-copy', 'aria-describedby': 'share-warning', i18n: 'ui.share.copy', onclick: copyLink }),
          // Its address follows the case; made again on focus and hover, so
          // that copying the address (not only clicking) gets the newest.
          h('a', { class: 'ds-button', 'data-variant': 'secondary', id: 'share-email', href: 'mailto:', 'aria-describedby': 'share-warning', onclick: emailClicked, onfocus: updateEmail, onpointerenter: updateEmail },
            h('span', { i18n: 'ui.share.email' }), h('span', { class: 'ds-sr-only', i18n: 'ui.share.email_hint' })),
        ),
        // The household's income is left out of a link unless the person
        // includes it (the engine drops it: encode_link(case, false)).
        h('div', { class: 'ds-field' },
          h('input', { class: 'ds-input', type: 'checkbox', id: 'share-income', onchange: () => forgetLink() }),
          h('label', { class: 'ds-label', for: 'share-income', i18n: 'ui.share.with_income' })),
        h('div', { class: 'ds-field link-field', id: 'share-link-box', hidden: true },
          h('label', { class: 'ds-label', for: 'share-link', i18n: 'ui.share.field' }),
          h('input', { class: 'ds-input', id: 'share-link', type: 'text', readonly: true, autocomplete: 'off', spellcheck: 'false' })),
        h('p', { class: 'ds-paragraph', id: 'share-msg', role: 'status' }),
        h('p', { class: 'ds-paragraph caseworker-note', i18n: 'ui.share.caseworker' }),
      ),

      h(
        'div',
        { class: 'save-part', role: 'group', 'aria-labelledby': 'file-h' },
        h('h3', { class: 'ds-heading', 'data-size': 'sm', id: 'file-h', i18n: 'ui.file.title' }),
        h('p', { class: 'ds-paragraph', i18n: 'ui.file.intro' }),
        h('p', { class: 'ds-paragraph share-warning', id: 'file-warning', i18n: 'ui.file.warning' }),
        h(
          'div',
          { class: 'button-row' },
          h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', id: 'file-download', 'aria-describedby': 'file-warning', i18n: 'ui.file.download', onclick: downloadFile }),
          h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', id: 'file-open', i18n: 'ui.file.open', onclick: () => $('#file-input').click() }),
          // The button above is the control; the file field itself is not shown.
          h('input', { type: 'file', id: 'file-input', accept: '.json,application/json', hidden: true, tabindex: -1, 'aria-hidden': 'true', onchange: fileChosen }),
        ),
        h('p', { class: 'ds-paragraph', id: 'file-msg', role: 'status' }),
      ),
    );
  }

  function paintAll() {
    paintNotice();
    paintDraft();
    paintMessages();
  }

  function paintMessages() {
    // Each is one message or a list of them, said one after the other.
    const text = (m) => (!m ? '' : Array.isArray(m) ? m.map(say).join(' ') : say(m));
    $('#draft-msg').textContent = text(ui.draftMsg);
    $('#share-msg').textContent = text(ui.shareMsg);
    $('#file-msg').textContent = text(ui.fileMsg);
  }

  /** Where the draft is kept now, and what went wrong with storage. */
  function paintDraft() {
    const problems = [...ui.draftProblems];
    for (const e of store.saveProblems) if (!problems.some((p) => p.engine?.code === e.code)) problems.push({ engine: e });
    // While storage is full the draft is not being saved: then the page says only that.
    const where = !store.available || !store.saved ? null : store.keep ? msg('ui.draft.saved_device', { days: KEEP_DAYS }) : msg('ui.draft.saved_tab');
    replace(
      $('#draft-status'),
      where ? h('p', { class: 'ds-paragraph', id: 'draft-where' }, say(where)) : null,
      problems.map((p) => h('div', { class: 'ds-alert', 'data-color': 'warning' }, h('p', { class: 'ds-paragraph' }, say(p)))),
    );
    // Without localStorage there is nothing to opt in to: the box goes, and a sentence says why.
    const canKeep = store.canKeep && store.available;
    $('#draft-keep-field').hidden = !canKeep;
    $('#draft-keep').checked = store.keep;
    $('#draft-keep-unavailable').hidden = canKeep || !store.available;
    replace(
      $('#draft-previous'),
      ui.previous
        ? h('div', { class: 'previous' },
            h('p', { class: 'ds-paragraph' }, t('ui.draft.previous')),
            h('button', { type: 'button', class: 'ds-button', 'data-variant': 'secondary', 'data-focus': 'draft-go-back', onclick: goBack }, t('ui.draft.go_back')))
        : null,
    );
  }

  function keepChanged(e) {
    store.setKeep(e.target.checked, app.getCase());
    paintDraft();
  }

  // -- Delete everything --

  function askDelete() {
    $('#delete-confirm').hidden = false;
    $('#delete-confirm').focus();
  }

  function cancelDelete() {
    $('#delete-confirm').hidden = true;
    $('#delete-button').focus();
  }

  /**
   * Removes our keys from both storages and empties the page (its language
   * stays). Says what was done: the engine reads back what is left.
   */
  function deleteAll() {
    const cleared = store.clearAll();
    const reading = app.getCase().settings?.lang;
    // An empty case, as the page starts with (setCase fills in the rest).
    app.setCase({ settings: reading ? { lang: reading } : {} });
    Object.assign(ui, { notice: null, draftProblems: [], previous: null, shareMsg: null, fileMsg: null, shownLink: null });
    ui.draftMsg = cleared.ok ? msg('ui.draft.deleted') : [msg('ui.draft.deleted_page'), ...cleared.errors.map((e) => ({ engine: e }))];
    $('#share-link').value = '';
    $('#share-link-box').hidden = true;
    $('#share-email').setAttribute('href', 'mailto:');
    $('#delete-confirm').hidden = true;
    paintAll();
    $('#delete-button').focus();
  }

  // -- Share link and e-mail --

  /** The page's address for a link: no fragment, and only the query that matters. */
  function pageAddress() {
    const u = new URL(location.href);
    u.hash = '';
    const kept = new URLSearchParams();
    for (const name of KEPT_PARAMS) {
      if (u.searchParams.has(name)) kept.set(name, u.searchParams.get(name));
    }
    u.search = kept.toString();
    return u.href;
  }

  /** `{ ok: true, url }`, or `{ ok: false, problem }` (the engine's error). */
  function makeLink(c = app.getCase()) {
    const reply = encode_link(c, document.getElementById('share-income')?.checked === true);
    if (!reply.ok) return { ok: false, problem: { engine: reply.errors[0] } };
    return { ok: true, url: `${pageAddress()}#${reply.link}` };
  }

  async function copyLink() {
    const made = makeLink();
    if (!made.ok) {
      ui.shareMsg = msg('ui.share.cannot', { message: made.problem });
      paintMessages();
      return;
    }
    showLink(made.url);
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard here');
      await navigator.clipboard.writeText(made.url);
      ui.shareMsg = msg('ui.share.copied');
    } catch {
      // No clipboard (an iframe without permission, an old browser): the
      // link stands selected in its field for Ctrl+C.
      const field = $('#share-link');
      field.focus();
      field.select();
      ui.shareMsg = msg('ui.share.copy_yourself');
    }
    paintMessages();
  }

  function showLink(url) {
    ui.shownLink = url;
    $('#share-link').value = url;
    $('#share-link-box').hidden = false;
  }

  /** The e-mail: a two-line summary (verdict and counted hours) and the link. */
  function mailto(c, url) {
    const reply = assess(c);
    const lines = [];
    if (reply.ok) {
      lines.push(t(`verdict.${reply.assessment.verdict}.title`));
      lines.push(t('ui.share.email_hours', { hours: reply.assessment.hours.counted }));
      lines.push('');
    }
    lines.push(t('ui.share.email_open'), url, '', t('ui.share.warning'));
    // RFC 6068: line breaks in a mailto: body are %0D%0A.
    return `mailto:?subject=${encodeURIComponent(t('ui.share.email_subject'))}&body=${encodeURIComponent(lines.join('\r\n'))}`;
  }

  /** Keeps the e-mail link's address current; false when no link can be made. */
  function updateEmail() {
    const c = app.getCase();
    const made = makeLink(c);
    $('#share-email').setAttribute('href', made.ok ? mailto(c, made.url) : 'mailto:');
    return made;
  }

  function emailClicked(e) {
    const made = updateEmail();
    if (!made.ok) {
      e.preventDefault();
      ui.shareMsg = msg('ui.share.cannot', { message: made.problem });
    } else ui.shareMsg = null;
    paintMessages();
  }

  /** After a change: the link shown was of the case before it; it goes, with "Kopiert". */
  function forgetLink() {
    ui.shownLink = null;
    $('#share-link').value = '';
    $('#share-link-box').hidden = true;
    $('#share-email').setAttribute('href', 'mailto:');
    if (ui.shareMsg?.key === 'ui.share.copied' || ui.shareMsg?.key === 'ui.share.copy_yourself') ui.shareMsg = null;
    paintMessages();
  }

  // -- Files --

  function downloadFile() {
    // The engine writes the file, as `bpa example` does: what the CLI reads.
    const made = fileText(app.getCase());
    if (!made.ok) {
      ui.fileMsg = msg('ui.file.cannot_save', { message: made.problem });
      paintMessages();
      return;
    }
    const blob = new Blob([`${made.text}\n`], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: t('ui.file.name', { date: today() }), hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    ui.fileMsg = msg('ui.file.downloaded');
    paintMessages();
  }

  async function fileChosen(e) {
    const input = e.target;
    const file = input.files?.[0];
    // Chosen again later, the same file must fire `change` again.
    input.value = '';
    if (!file) return;
    const problem = await readFile(file);
    if (problem) {
      ui.fileMsg = [msg('ui.file.failed', { message: problem })];
      if (!isEmptyCase(app.getCase())) ui.fileMsg.push(msg('ui.draft.unchanged'));
      paintMessages();
    }
  }

  /** Opens a file: null when it opened, else what is wrong (a message). */
  async function readFile(file) {
    if (file.size > maxFileBytes()) return msg('ui.file.too_large');
    let bytes;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      return msg('ui.file.not_case'); // gone or unreadable since it was picked
    }
    // The engine reads the bytes as the CLI reads a file: its encoding, its JSON, every value.
    const opened = openFile(bytes);
    if (!opened.ok) return opened.problem;
    openCase(opened.case, { from: 'file' });
    ui.fileMsg = msg('ui.file.opened_here');
    paintMessages();
    return null;
  }
}
