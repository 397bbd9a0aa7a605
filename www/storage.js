// Drafts (utkast): what a person has filled in, kept in this browser only.
//
// Why two places, and why the default is the short-lived one: this is
// health information, often typed on a shared or library computer, and
// localStorage is shared by the whole municipal site (every page on the
// origin can read it), kept in plain text, and stays after the tab is
// closed. So a draft lives in sessionStorage, which survives a reload but
// goes with the tab. Keeping it on the device (localStorage) is an opt-in,
// and such a draft expires KEEP_DAYS after its last change.
//
// Nothing read back is trusted. A value that is not our envelope, that a
// newer version wrote, or whose case the engine refuses is never loaded:
// `load()` reports it as a problem for the page to say in words (and
// removes what cannot be read: it is of use to no one). Storage
// that throws (private mode, a sandboxed iframe, a full disk) makes drafts
// unavailable, never the page.
//
// This module knows nothing of the page: share.js shows what it reports.

/** How long a draft kept on the device lives after its last change. */
export const KEEP_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every key we write starts with this, so "delete" finds them all. */
const PREFIX = 'bpa-kalkulator.';
const DRAFT_KEY = `${PREFIX}draft`;
/** The draft a person had before opening a link or file ("Gå tilbake"). */
const PREVIOUS_KEY = `${PREFIX}previous`;

/** The envelope's own format. A newer page may write a higher number. */
const FORMAT = 1;
const APP = 'bpa-kalkulator';

/** A stored value longer than this is not ours (a case is a few KB). */
const MAX_STORED_CHARS = 1024 * 1024;

/**
 * One of the browser's storages, or null when it cannot be used: the
 * getter itself throws in a sandboxed iframe, and setItem throws in some
 * private modes and when the quota is full.
 */
function openStorage(name) {
  try {
    const s = window[name];
    const probe = `${PREFIX}probe`;
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

/**
 * True when a case holds nothing the person entered (only the language
 * they read in): such a case is not worth keeping, and not saving it keeps
 * the storages empty after "Slett mine opplysninger".
 */
export function isEmptyCase(c) {
  const filled = (v) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && !v.length);
  const { lang, ...settings } = c.settings || {};
  return (
    !Object.values(c.person || {}).some(filled) &&
    !(c.needs || []).length &&
    !(c.monthly || []).length &&
    !Object.values(c.notes || {}).some(filled) &&
    !Object.values(settings).some(filled)
  );
}

/**
 * The draft store. `check` is casefile.js's `checkCase`: a stored case is
 * loaded only when it passes, as a file would. `now` is for tests.
 */
export function createDraftStore({ check, now = () => Date.now() }) {
  const session = openStorage('sessionStorage');
  const local = openStorage('localStorage');
  /** Keep the draft on this device too (the opt-in). */
  let keep = false;
  /** Whether this page wrote a draft: an emptied form then removes it. */
  let wrote = false;
  let timer = null;
  /** A scheduled save: the function that gives the case to save. */
  let pending = null;
  /** Problems met while saving (a full quota), for the page to say. */
  let saveFailed = false;

  /**
   * Reads one stored value: `{ case }`, `{ problem: 'unreadable' | 'newer' }`,
   * or null when there is none (or it expired, and is then removed).
   */
  function read(storage, key, { expires }) {
    if (!storage) return null;
    let raw;
    try {
      raw = storage.getItem(key);
    } catch {
      return { problem: 'unreadable' };
    }
    if (raw === null) return null;
    if (typeof raw !== 'string' || raw.length > MAX_STORED_CHARS) return { problem: 'unreadable' };
    let value;
    try {
      value = JSON.parse(raw);
    } catch {
      return { problem: 'unreadable' };
    }
    if (!value || typeof value !== 'object' || Array.isArray(value) || value.app !== APP) return { problem: 'unreadable' };
    if (!Number.isInteger(value.format) || value.format < 1) return { problem: 'unreadable' };
    if (value.format > FORMAT) return { problem: 'newer' };
    if (expires) {
      if (typeof value.expires !== 'number' || !Number.isFinite(value.expires)) return { problem: 'unreadable' };
      if (value.expires <= now()) {
        remove(storage, key);
        return null;
      }
    }
    const c = value.case;
    // The same checks as for a file (casefile.js): the engine has the last word.
    const checked = check(c);
    if (!checked.ok) return { problem: checked.newer ? 'newer' : 'unreadable' };
    return { case: c };
  }

  function write(storage, key, c, { expires }) {
    const value = { app: APP, format: FORMAT, saved: now(), case: c };
    if (expires) value.expires = now() + KEEP_DAYS * DAY_MS;
    storage.setItem(key, JSON.stringify(value));
  }

  function remove(storage, key) {
    try {
      storage?.removeItem(key);
    } catch {
      // Nothing more to do: a storage that throws holds nothing we can read.
    }
  }

  /** Writes to this tab, and to the device when kept. False when it failed. */
  function writeAll(key, c) {
    try {
      if (session) write(session, key, c, { expires: false });
      if (keep && local) write(local, key, c, { expires: true });
      return true;
    } catch {
      return false;
    }
  }

  return {
    /** Whether drafts can be saved here at all (sessionStorage works). */
    get available() {
      return !!session;
    },
    /** Whether a draft can be kept after the tab is closed (localStorage works). */
    get canKeep() {
      return !!local;
    },
    get keep() {
      return keep;
    },
    get saveFailed() {
      return saveFailed;
    },

    /**
     * What is stored: the draft (this tab's first, else the device's), the
     * draft before a link or file replaced it, whether the person chose to
     * keep drafts on the device, and the problems met, each as
     * `{ problem, where }` ('unavailable' | 'unreadable' | 'newer').
     */
    load() {
      const problems = [];
      if (!session) problems.push({ problem: 'unavailable', where: 'session' });
      const found = {};
      for (const [where, storage] of [['session', session], ['local', local]]) {
        for (const key of [DRAFT_KEY, PREVIOUS_KEY]) {
          const r = read(storage, key, { expires: where === 'local' });
          // What cannot be read is of use to no one: it goes. A newer
          // version's draft is left for that version.
          if (r?.problem === 'unreadable') remove(storage, key);
          if (r?.problem && key === DRAFT_KEY) problems.push({ problem: r.problem, where });
          found[`${where} ${key}`] = r?.case || null;
        }
      }
      const fromSession = found[`session ${DRAFT_KEY}`];
      const fromLocal = found[`local ${DRAFT_KEY}`];
      keep = !!fromLocal;
      return {
        draft: fromSession || fromLocal,
        from: fromSession ? 'session' : fromLocal ? 'local' : null,
        previous: found[`session ${PREVIOUS_KEY}`] || found[`local ${PREVIOUS_KEY}`],
        keep,
        problems,
      };
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
      if (pending) this.save(pending());
      pending = null;
    },

    /** Saves the case now. An empty case is not kept: a draft written before is removed. */
    save(c) {
      if (isEmptyCase(c)) {
        if (wrote) {
          remove(session, DRAFT_KEY);
          remove(local, DRAFT_KEY);
        }
        return true;
      }
      const ok = writeAll(DRAFT_KEY, c);
      wrote = wrote || ok;
      saveFailed = !ok;
      return ok;
    },

    /** Turns keeping on the device on or off; off removes what is kept there. */
    setKeep(on, c) {
      keep = on && !!local;
      if (keep) return this.save(c);
      remove(local, DRAFT_KEY);
      remove(local, PREVIOUS_KEY);
      return true;
    },

    /** Keeps the draft that a link or file is about to replace. */
    savePrevious(c) {
      if (isEmptyCase(c)) return;
      writeAll(PREVIOUS_KEY, c);
    },

    forgetPrevious() {
      remove(session, PREVIOUS_KEY);
      remove(local, PREVIOUS_KEY);
    },

    /**
     * Removes everything this page stored in both storages (only our own
     * keys: localStorage also holds the rest of the municipal site's data).
     */
    clearAll() {
      clearTimeout(timer);
      timer = null;
      pending = null;
      keep = false;
      wrote = false;
      saveFailed = false;
      for (const storage of [session, local]) {
        if (!storage) continue;
        try {
          const ours = [];
          for (let i = 0; i < storage.length; i++) {
            const key = storage.key(i);
            if (key && key.startsWith(PREFIX)) ours.push(key);
          }
          for (const key of ours) storage.removeItem(key);
        } catch {
          // A storage that throws now cannot be cleared, nor read by anyone.
        }
      }
    },
  };
}
