// Form fields, one builder per kind of control, in Designsystemet's markup:
// a label, help text under it, and the slot where errors.js puts a message.
// Used by the person questions (person.js) and the needs (needs.js).
import { h } from './dom.js';

/** A Designsystemet text/number/time field with label, help and error slot. */
export function textField({ id, label, help, vars, type = 'text', attrs = {}, onInput }) {
  const descId = help ? `${id}-help` : null;
  return h(
    'div',
    { class: 'ds-field', 'data-field-for': id },
    h('label', { class: 'ds-label', for: id, i18n: label, vars }),
    help ? h('div', { 'data-field': 'description', id: descId, i18n: help, vars }) : null,
    h('input', { class: 'ds-input', id, type, 'aria-describedby': descId, ...attrs, oninput: onInput, onchange: onInput }),
  );
}

/** One radio or checkbox with its label and optional help text. */
export function choice({ type, name, id, value, label, help, vars, checked, onChange }) {
  const descId = help ? `${id}-help` : null;
  return h(
    'div',
    { class: 'ds-field' },
    h('input', { class: 'ds-input', type, name, id, value, checked, 'aria-describedby': descId, onchange: onChange }),
    h('label', { for: id, i18n: label, vars }),
    help ? h('div', { 'data-field': 'description', id: descId, i18n: help, vars }) : null,
  );
}

/** A fieldset with a legend, help text and radios or checkboxes. */
export function group({ id, legend, help, vars, inline, kids }) {
  const helpId = help ? `${id}-help` : null;
  return h(
    'fieldset',
    { class: `ds-fieldset${inline ? ' inline' : ''}`, id, 'aria-describedby': helpId },
    h('legend', { class: 'ds-label', i18n: legend, vars }),
    help ? h('p', { 'data-field': 'description', id: helpId, i18n: help, vars }) : null,
    h('div', { class: 'choices' }, kids),
  );
}

/** One radio per value: ids `${idPrefix}-${value}`, labels (and help) from the catalogue. */
export function radios({ name, idPrefix, values, labelKey, helpKey, vars, onChange }) {
  return values.map((value) =>
    choice({
      type: 'radio',
      name,
      id: `${idPrefix}-${value}`,
      value: String(value),
      label: labelKey(value),
      help: helpKey ? helpKey(value) : null,
      vars,
      onChange,
    }),
  );
}
