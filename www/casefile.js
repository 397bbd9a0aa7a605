// Reading a case that comes from outside the page: a file a person opens,
// or a draft read back from the browser's storage. Both must meet the same
// bar as the CLI (`bpa assess file.json`), so that what the page opens the
// CLI reads, and what the page saves opens again.
//
// The engine (wasm `validate`) checks every value. It reads JS objects
// through serde-wasm-bindgen, which looks up only the fields it knows and
// so lets an unknown field through where the CLI's JSON reader refuses it
// ("lable" for "label" would be dropped without a word). So the shape is
// checked here first: containers of the right type and no unknown field,
// with FIELDS as the list of what src/model.rs reads (format version 1).

import { validate } from './pkg/bpa.js';

/** The fields of each part of a case (src/model.rs, format 1). */
const FIELDS = {
  case: ['version', 'person', 'needs', 'monthly', 'settings', 'notes'],
  person: ['age', 'long_lasting', 'granted_before_67', 'applicant', 'arbeidsleder', 'current_services'],
  need: ['kind', 'days', 'start', 'end', 'crosses_midnight', 'helpers', 'place', 'continuous', 'label'],
  monthly: ['kind', 'hours_per_month', 'place', 'label'],
  settings: ['night', 'assessment_date', 'lang', 'municipality'],
  night: ['start', 'end'],
  notes: ['goal', 'help', 'arbeidsleder', 'aids', 'other'],
};

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The first problem with the shape of `c`, as `{ key, vars }` for the text
 * catalogue, or null. Only what the engine cannot see is checked here.
 */
function shapeProblem(c) {
  if (!isObject(c)) return { key: 'ui.file.not_case', vars: {} };
  const unknown = (obj, part, path) => {
    const name = Object.keys(obj).find((k) => !FIELDS[part].includes(k));
    return name === undefined ? null : { key: 'ui.file.unknown_field', vars: { field: path ? `${path}.${name}` : name } };
  };
  const object = (obj, part, path) => {
    if (obj === undefined) return null;
    if (!isObject(obj)) return { key: 'ui.file.not_object', vars: { field: path } };
    return unknown(obj, part, path);
  };
  const list = (arr, part, path) => {
    if (arr === undefined) return null;
    if (!Array.isArray(arr)) return { key: 'ui.file.not_list', vars: { field: path } };
    for (const [i, item] of arr.entries()) {
      const p = object(item, part, `${path}[${i}]`);
      if (p) return p;
    }
    return null;
  };
  return (
    unknown(c, 'case', '') ||
    object(c.person, 'person', 'person') ||
    list(c.needs, 'need', 'needs') ||
    list(c.monthly, 'monthly', 'monthly') ||
    object(c.settings, 'settings', 'settings') ||
    (isObject(c.settings) ? object(c.settings.night, 'night', 'settings.night') : null) ||
    object(c.notes, 'notes', 'notes')
  );
}

/**
 * Checks a case from a file or a draft. `{ ok: true }`, or `{ ok: false,
 * newer, problem }` where `problem` is `{ key, vars }` (a catalogue text)
 * or `{ engine }` (one of the engine's errors, in bokmål and English), and
 * `newer` says that a newer version of the calculator made it.
 */
export function checkCase(c) {
  // A newer format first: its new fields would otherwise look unknown.
  if (isObject(c) && Number.isInteger(c.version)) {
    const reply = validate({ version: c.version });
    const newer = !reply.ok && reply.errors.find((e) => e.code === 'NEWER_VERSION');
    if (newer) return { ok: false, newer: true, problem: { engine: newer } };
  }
  const shape = shapeProblem(c);
  if (shape) return { ok: false, newer: false, problem: shape };
  const reply = validate(c);
  if (!reply.ok) return { ok: false, newer: false, problem: { engine: reply.errors[0] } };
  return { ok: true };
}
