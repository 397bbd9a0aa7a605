// "Om deg med egne ord": the person's own short answers to the kartlegging
// questions of Oslo's routine (seed 001, "Kartlegging og vurdering"), kept
// in the case as `notes` {goal, help, arbeidsleder, aids, other} (see
// src/case/mod.rs, Notes). They change no rule: they go on the printout, so
// that the printout is a self-assessment (egenkartlegging) the caseworker
// can read. All optional; each at most as long as the engine allows (its
// limit, src/config.rs MAX_NOTE_CHARS, from wasm `forms()`), which it checks
// again for a case from a link.
import { forms } from './engine.js';
import { h, $ } from './dom.js';
import { onRender, update } from './hooks.js';

/** The notes in the order the printout asks them. */
export const NOTE_FIELDS = ['goal', 'help', 'arbeidsleder', 'aids', 'other'];

function setNote(key, value) {
  update((state) => {
    const notes = { ...(state.notes || {}) };
    if (value.trim()) notes[key] = value;
    else delete notes[key];
    if (Object.keys(notes).length) state.notes = notes;
    else delete state.notes;
  });
}

function field(key, max) {
  const id = `f-notes-${key}`;
  return h(
    'div',
    { class: 'ds-field', 'data-field-for': id },
    h('label', { class: 'ds-label', for: id, i18n: `ui.notes.${key}.label` }),
    h('div', { 'data-field': 'description', id: `${id}-help`, i18n: `ui.notes.${key}.help`, vars: { max } }),
    h('textarea', {
      class: 'ds-input',
      id,
      name: id,
      rows: 3,
      maxlength: max,
      autocomplete: 'off',
      'aria-describedby': `${id}-help`,
      oninput: (e) => setNote(key, e.target.value),
    }),
  );
}

function build(box) {
  // The longest note, as the engine allows.
  const max = forms().forms?.limits.max_note_chars;
  box.replaceChildren(
    h('summary', { i18n: 'ui.notes.title' }),
    h(
      'div',
      { class: 'notes-body' },
      h('p', { class: 'ds-paragraph', i18n: 'ui.notes.intro' }),
      NOTE_FIELDS.map((key) => field(key, max)),
    ),
  );
}

onRender((state) => {
  const box = $('#own-words');
  if (!box) return;
  const first = !box.firstChild;
  if (first) build(box);
  const notes = state.notes || {};
  // A case from a link or a draft brings its notes: show them, and open the
  // group so the person sees what is there.
  for (const key of NOTE_FIELDS) {
    const area = $(`#f-notes-${key}`, box);
    const want = typeof notes[key] === 'string' ? notes[key] : '';
    if (area !== document.activeElement && area.value !== want) {
      area.value = want;
      if (want) box.open = true;
    }
  }
});
