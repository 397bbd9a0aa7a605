// Reading a case that comes from outside the page: a file a person opens,
// or a draft read back from the browser's storage. Both must meet the same
// bar as the CLI (`bpa assess file.json`), so that what the page opens the
// CLI reads, and what the page saves opens again.
//
// The engine (wasm `validate`) checks every value and refuses unknown
// fields, as the CLI's reader does; this module adds what a person needs
// first: a newer version named as such, and a plain word for a file that is
// not a case at all (a list, a number).

import { validate } from './pkg/bpa.js';

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Checks a case from a file or a draft. `{ ok: true }`, or `{ ok: false,
 * newer, problem }` where `problem` is `{ key, vars }` (a catalogue text)
 * or `{ engine }` (one of the engine's errors, in bokmål and English), and
 * `newer` says that a newer version of the calculator made it.
 */
export function checkCase(c) {
  // A newer format first: its new fields would otherwise be called unknown.
  if (isObject(c) && Number.isInteger(c.version)) {
    const reply = validate({ version: c.version });
    const newer = !reply.ok && reply.errors.find((e) => e.code === 'NEWER_VERSION');
    if (newer) return { ok: false, newer: true, problem: { engine: newer } };
  }
  if (!isObject(c)) return { ok: false, newer: false, problem: { key: 'ui.file.not_case', vars: {} } };
  const reply = validate(c);
  if (!reply.ok) return { ok: false, newer: false, problem: { engine: reply.errors[0] } };
  return { ok: true };
}
