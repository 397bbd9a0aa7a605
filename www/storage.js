// Drafts (utkast): what a person has filled in, kept in this browser only.
//
// The engine owns the draft (src/draft/, over Web Storage in src/bridge.rs):
// the envelope, its keys, what is read back, what may be set aside, and
// what clearing removed. This module only calls it at the right moments and
// keeps its last answers for share.js to say in words. Its rules, which the
// page relies on:
//
// - a draft is what the person typed, valid or not: saved as typed, opened
//   again with its errors marked, never deleted for failing validation;
// - a draft of a newer version stays under its own key for that version
//   (notice DRAFT_NEWER_KEPT);
// - storage that throws gives a coded answer, deletes nothing, and leaves
//   the work in the tab;
// - clearing reads back and says what it removed, or what it could not.
//
// Why two storages: this is health information, often typed on a shared
// computer, so a draft lives in sessionStorage (it survives a reload, and
// goes with the tab); keeping it on the device (localStorage, for
// `keep_days` after the last change) is an opt-in.
//
// This module knows nothing of the page: share.js shows what it reports.

import { is_empty_case, draft_load, draft_save, draft_save_previous, draft_set_keep, draft_forget_previous, draft_forget_emptied, draft_clear } from './engine.js';

/** How long a draft kept on the device lives after its last change (the engine's KEEP_DAYS). */
export const KEEP_DAYS = 30;

// ---- The week kept when the form was emptied ------------------------------
//
// Removing needs or answers keeps the fuller draft from before (the
// engine's `emptied` slot, bpa-draft-emptied-v<N>) until the person takes
// it back or clears their data; the needs list (needs.js) offers it back
// when the map is empty. What is kept is known from the engine's answers
// to load and save, and said to whoever listens here.

/** `{ needs, monthly, saved }` of the week kept, or null. */
let kept = null;
const keptListeners = [];

/** The week kept when things were removed: `{ needs, monthly, saved }`, or null. */
export const keptWeek = () => kept;

/** Calls `fn()` whenever the week kept changes (kept, taken back, cleared). */
export function onKeptWeek(fn) {
  keptListeners.push(fn);
}

function setKept(week) {
  const next = week && week.needs + week.monthly > 0 ? { needs: week.needs, monthly: week.monthly, saved: week.saved || null } : null;
  if (JSON.stringify(next) === JSON.stringify(kept)) return;
  kept = next;
  for (const fn of keptListeners) fn();
}

/** What a draft found by the engine holds, as the engine's save tells it. */
function weekOf(found) {
  const c = found?.case;
  const len = (k) => (Array.isArray(c?.[k]) ? c[k].length : 0);
  return found ? { needs: len('needs'), monthly: len('monthly'), saved: found.saved } : null;
}

/**
 * Takes the kept week back: its case (as typed), which the caller makes
 * the page's; the engine then forgets it (the draft is that case now).
 * Null when it cannot be read now (nothing is deleted then).
 */
export function takeBackWeek() {
  const c = draft_load().emptied?.case;
  if (!c || typeof c !== 'object' || Array.isArray(c)) return null;
  draft_forget_emptied();
  setKept(null);
  return c;
}

/** The engine's errors of a reply, without the "nothing to save" that is no problem. */
const problems = (reply) => (reply?.errors || []).filter((e) => e.code !== 'DRAFT_EMPTY');

/**
 * True when a case holds nothing the person entered (only the language
 * they read in, and the municipality the page was opened for): the
 * engine's `is_empty_case`, for choices of the page (ask before a link
 * replaces it?). The engine itself refuses to save such a case.
 */
export const isEmptyCase = (c) => is_empty_case(c);

/**
 * The draft store: the engine's draft_* functions and their last answers.
 * `onSaved` is called after each scheduled save (the page shows what went wrong).
 */
export function createDraftStore({ onSaved = () => {} } = {}) {
  /** Keep the draft on this device too (the opt-in). */
  let keep = false;
  let available = { session: false, local: false };
  let timer = null;
  /** A scheduled save: the function that gives the case to save. */
  let pending = null;
  /** What went wrong at the last save (the engine's errors), for the page to say. */
  let saveProblems = [];
  /** False while the last save could not write this tab's draft (storage full, …). */
  let saved = true;
  /**
   * Whether the page held something the person entered at the last save:
   * only then is an empty case the form emptied (the engine then moves the
   * draft aside to be taken back). A page that opened empty, because a
   * read failed or there was nothing, never passes its empty case.
   */
  let held = false;

  return {
    /** Whether drafts can be saved here at all (sessionStorage works). */
    get available() {
      return available.session;
    },
    /** Whether a draft can be kept after the tab is closed (localStorage works). */
    get canKeep() {
      return available.local;
    },
    get keep() {
      return keep;
    },
    /** The engine's errors from the last save or change of keeping ([] when it went well). */
    get saveProblems() {
      return saveProblems;
    },
    /** Whether the last save wrote the draft (or there was nothing to write): false while storage is full. */
    get saved() {
      return saved;
    },

    /**
     * What is stored (draft_load): `{ draft, previous, keep, notices }`;
     * `draft` and `previous` are null or `{ case, valid, errors, … }`, the
     * case as typed. Never throws.
     */
    load() {
      const reply = draft_load();
      keep = !!reply.keep;
      available = reply.available || available;
      setKept(weekOf(reply.emptied));
      return { draft: reply.draft || null, previous: reply.previous || null, keep, notices: reply.notices || [] };
    },

    /**
     * Saves the case ~300 ms after the last change (typing is not a save
     * per key). `current` gives the case when it is saved: a keystroke
     * costs no copy of it, and what is saved is the newest.
     */
    schedule(current) {
      pending = current;
      clearTimeout(timer);
      timer = setTimeout(() => this.flush(), 300);
    },

    /** Saves a scheduled change now (before the page goes away). */
    flush() {
      clearTimeout(timer);
      timer = null;
      const current = pending;
      pending = null;
      if (current) {
        this.save(current());
        onSaved();
      }
    },

    /**
     * Saves the case as typed. An empty case is not saved: when the page
     * held something before, the person emptied the form, and the engine
     * moves the draft aside to be offered back (`keptWeek()`); else it is
     * not passed at all. True when it was saved or there was nothing to save.
     */
    save(c) {
      const empty = isEmptyCase(c);
      if (empty && !held) return true;
      held = !empty;
      const reply = draft_save(c, keep);
      saveProblems = reply.ok ? (reply.notices || []).filter((n) => /^DRAFT_(STORAGE|SAVE)/.test(n.code)) : problems(reply);
      saved = reply.ok || !saveProblems.length;
      if (reply.ok && reply.emptied) setKept(reply.emptied);
      if (reply.ok && keep && !(reply.stores || []).includes('local')) keep = available.local && keep;
      return reply.ok || !saveProblems.length;
    },

    /** Turns keeping on the device on or off (off removes what is kept there, after saving in the tab). */
    setKeep(on, c) {
      const reply = draft_set_keep(c, !!on);
      if (reply.ok) {
        keep = !!reply.keep;
        saveProblems = [...(reply.saved?.notices || []), ...(reply.notices || [])].filter((n) => /^DRAFT_(STORAGE|SAVE|CLEAR)/.test(n.code));
      } else saveProblems = problems(reply);
      return reply.ok;
    },

    /** Keeps the draft that a link or file is about to replace ("Gå tilbake"). */
    savePrevious(c) {
      const reply = draft_save_previous(c, keep);
      return reply.ok ? { ok: true } : { ok: false, errors: problems(reply) };
    },

    forgetPrevious() {
      return draft_forget_previous();
    },

    /**
     * Removes everything of ours from both storages and reads back
     * (draft_clear): `{ ok, cleared, errors }`, what was done.
     */
    clearAll() {
      clearTimeout(timer);
      timer = null;
      pending = null;
      const reply = draft_clear();
      if (reply.ok) keep = false;
      saveProblems = [];
      saved = true;
      held = false;
      if (reply.ok) setKept(null);
      return { ok: !!reply.ok, cleared: reply.cleared || 0, errors: reply.errors || [] };
    },
  };
}
