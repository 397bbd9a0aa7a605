// Errors: the error summary at the top of the calculator, each error a link
// to its field, and the message beside the field as well (UX.md, "Errors").
// Errors come from three places: values the forms cannot read
// (view.uiErrors), the engine's errors for the case (view.caseErrors) and
// those of the need the form last tried to add or save (view.formErrors).
import { h, $, $$ } from './dom.js';
import { errorText } from './i18n.js';
import { view } from './state.js';
import { replaceKids, unchanged } from './draw.js';

/** Where an engine error about `state` points to on the page. */
function caseTarget(field) {
  const need = /^needs\[(\d+)\]/.exec(field);
  if (need) return `edit-${need[1]}`;
  const monthly = /^monthly\[(\d+)\]/.exec(field);
  if (monthly) return 'f-leisure';
  const note = /^notes\.([a-z_]+)$/.exec(field);
  if (note) return `f-notes-${note[1]}`;
  const person = /^person\.([a-z_0-9]+)/.exec(field);
  if (person) {
    if (person[1] === 'age') return 'f-age';
    const first = $(`input[name="${person[1]}"]`);
    if (first) return first.id;
  }
  return 'main';
}

function allErrors() {
  const list = [];
  for (const [target, message] of Object.entries(view.uiErrors)) list.push({ target, message });
  for (const e of view.caseErrors) list.push({ target: caseTarget(e.field), message: errorText(e) });
  list.push(...view.formErrors);
  return list;
}

export const jumpTo = (id) => (e) => {
  // Moves focus without touching the address (#…), which share links will use.
  e.preventDefault();
  const el = document.getElementById(id);
  if (!el) return;
  const closed = el.closest('details:not([open])');
  if (closed) closed.open = true;
  const fs = el.closest('fieldset');
  const checked = fs && el.type === 'radio' ? $(`input[name="${el.name}"]:checked`, fs) : null;
  const target = checked || el;
  if (target.tabIndex < 0 && !/^(INPUT|SELECT|BUTTON|TEXTAREA|A)$/.test(target.tagName)) target.setAttribute('tabindex', '-1');
  target.focus();
  target.scrollIntoView({ block: 'center' });
};

export function renderErrors() {
  const errors = allErrors();
  // Most changes change no error: then there is nothing to clear or draw.
  if (unchanged('errors', errors.map((e) => [e.target, e.message]))) return;
  // Clear what the last round put beside fields.
  for (const el of $$('[data-generated-error]')) el.remove();
  for (const el of $$('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
  for (const el of $$('[data-error-described]')) {
    el.setAttribute('aria-describedby', el.dataset.errorDescribed);
    if (!el.dataset.errorDescribed) el.removeAttribute('aria-describedby');
    delete el.dataset.errorDescribed;
  }
  const summary = $('#error-summary');
  summary.hidden = !errors.length;
  replaceKids(
    $('#error-list'),
    errors.map((e, i) => h('li', {}, h('a', { href: `#${e.target}`, 'data-focus': `err-${i}`, onclick: jumpTo(e.target) }, e.message))),
  );
  // The message beside each field (engine errors on listed needs are shown in the list).
  for (const e of errors) {
    const el = document.getElementById(e.target);
    if (!el || e.target.startsWith('edit-') || e.target === 'main') continue;
    // A choice belongs to its group; a text or time field to its own field.
    const choiceInput = el.type === 'radio' || el.type === 'checkbox';
    const holder = choiceInput ? el.closest('fieldset') || el.closest('.ds-field') : el.closest('.ds-field');
    if (!holder) continue;
    const id = `${e.target}-error`;
    if (!document.getElementById(id)) {
      const msg = h('p', { class: 'ds-validation-message', 'data-color': 'danger', id, 'data-generated-error': true }, e.message);
      // Label, help text, message, field (the message is read before the field).
      if (holder.tagName === 'FIELDSET') ($(':scope > [data-field="description"]', holder) || $(':scope > legend', holder)).after(msg);
      else el.before(msg);
    }
    const inputs = holder.tagName === 'FIELDSET' ? $$('input', holder) : [el];
    for (const input of inputs) {
      input.setAttribute('aria-invalid', 'true');
      if (!('errorDescribed' in input.dataset)) input.dataset.errorDescribed = input.getAttribute('aria-describedby') || '';
      input.setAttribute('aria-describedby', `${id} ${input.dataset.errorDescribed}`.trim());
    }
  }
}
