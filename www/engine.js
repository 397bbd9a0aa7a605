// The engine: the rules as WebAssembly (pkg/bpa.js and pkg/bpa_bg.wasm,
// built from src/bridge.rs by `.ci/build`). This is the one module of the
// page that imports pkg/ (.ci/check-page-modules.mjs checks it): every other
// part asks the engine through here, so the bridge's names and arguments are
// written in one place, and the module is started once (`load()`).
//
// Each function gives the bridge's answer as it is: values in and out, errors
// as values (`{ ok: false, errors }`), never a throw. They are the bridge's
// own functions, re-exported: a wrapper written out around each would cost
// the first visit bytes (issue 4) and add nothing; one that should do more
// (a cache, a worker) replaces its line here, and no caller changes.
//
// Tests in the page import pkg/bpa.js themselves and get this same instance:
// the bundle keeps it its own module at its own URL (.ci/bundle.mjs).
import init from './pkg/bpa.js';

let loading = null;

/** Loads and starts the WebAssembly; once: later calls get the same promise. */
export function load() {
  return (loading ||= init());
}

export {
  assess, // (case, profileText?): a municipality's profile as its file's text, or undefined
  validate, // (case): { ok, case } in the current format, or { ok: false, errors }
  forms, // (): each question's choices, the law's values in force today, each field's limits
  today_text as today, // (): today's date as the engine sees it
  encode_link, // (case): a share link's text (what goes after #)
  decode_link, // (text): a share link read back into a case
  open_file, // (bytes): a file read as `bpa assess <file>` reads it
  file_text, // (case): the file to write, as the CLI reads it
  example_case, // (): the seed's example week
  rules_version, // (): the version of the rules the engine carries
  letter, // (case, profileText?, lang "nb" | "nn"): the application letter as blocks
  appeal, // (case, profileText?, decision, received "YYYY-MM-DD", grantedHours?): deadline and drafted complaint
  // Drafts in Web Storage (src/draft/, storage.js): the engine reads, writes and clears them.
  is_empty_case, // (case): true when nothing is entered (the test draft_save applies)
  draft_load, // (): { ok, draft, previous, emptied, keep, keep_days, available, notices }
  draft_save, // (case, keep): { ok, saved, stores, notices, emptied? } or { ok: false, errors }
  draft_save_previous, // (case, keep): as draft_save, for the draft a link or file replaces
  draft_set_keep, // (case, keep): { ok, keep, saved, removed, notices }
  draft_forget_previous, // (): { ok, removed, errors? }
  draft_forget_emptied, // (): { ok, removed, errors? }, the week kept when the form was emptied
  draft_clear, // (): { ok, cleared, stores, errors? }, read back after
} from './pkg/bpa.js';
