// Reading and writing a case that goes outside the page: a file a person
// opens or downloads, or a draft read back from the browser's storage. All
// must meet the same bar as the CLI (`bpa assess file.json`), so that what
// the page opens the CLI reads, and what the page saves opens again.
//
// Files go through the engine's own file reader and writer (wasm
// `open_file`, `file_text`): the very functions `bpa assess <file>` uses,
// from the file's bytes (UTF-8, a byte-order mark, its size) to the last
// value. A draft is a case the page stored itself (wasm `validate`). This
// module adds what a person needs first: a newer version named as such, and
// a plain word for a file that is not a case at all (not JSON, a list, a
// number).

import { validate, open_file, file_text } from './engine.js';

/**
 * An engine's refusal as `{ ok: false, newer, problem }`, where `problem`
 * is `{ key, vars }` (a catalogue text) or `{ engine }` (one of the
 * engine's errors, in the page's language), and `newer` says that a newer
 * version of the calculator made it.
 */
function refused(errors) {
  const newer = errors.find((e) => e.code === 'NEWER_VERSION');
  if (newer) return { ok: false, newer: true, problem: { engine: newer } };
  const first = errors[0];
  // About the whole file, not one of its fields: it is no case at all.
  if (first?.field === '' && first.code === 'MALFORMED_JSON') return { ok: false, newer: false, problem: { key: 'ui.file.not_json', vars: {} } };
  if (first?.field === '' && first.code === 'INVALID_VALUE') return { ok: false, newer: false, problem: { key: 'ui.file.not_case', vars: {} } };
  return { ok: false, newer: false, problem: { engine: first } };
}

/** Checks a case from a draft: `{ ok: true }`, or as `refused`. */
export function checkCase(c) {
  const reply = validate(c);
  return reply.ok ? { ok: true } : refused(reply.errors);
}

/** Opens a file from its bytes: `{ ok: true, case }`, or as `refused`. */
export function openFile(bytes) {
  const reply = open_file(bytes);
  return reply.ok ? { ok: true, case: reply.case } : refused(reply.errors);
}

/** The file to download for a case, as the CLI reads it: `{ ok: true, text }`, or as `refused`. */
export function fileText(c) {
  const reply = file_text(c);
  return reply.ok ? { ok: true, text: reply.text } : refused(reply.errors);
}
