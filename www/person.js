// 1. About the person: age, the questions asked only when they matter
// (granted before the age limit, the night, normal care, living at home),
// who applies, who leads the assistants, the services had today. The form
// is built once; syncPersonForm() shows `state.person` in it after every
// change (a draft or a link too).
import { h, $, $$ } from './dom.js';
import { t } from './i18n.js';
import { update } from './hooks.js';
import { state, view, param, ANSWERS, APPLICANTS, ARBEIDSLEDER, ARBEIDSLEDER_CHILD, SERVICES } from './state.js';
import { textField, choice, group, radios } from './fields.js';
import { forms } from './engine.js';

/**
 * The income question (optional, for the estimate of the charge): the
 * bands in kroner from the engine (multiples of the G in force today), and
 * "Vil ikke svare". The answer is kept like every other (the draft on this
 * device) and left out of share links unless the person includes it.
 */
function incomeQuestion(onRadio) {
  const income = forms().forms?.income || { bands: [] };
  const lines = Object.fromEntries(income.bands.map((b) => [b.band, b]));
  const bands = (forms().forms?.choices.income_bands || []).filter((b) => b === 'not_telling' || lines[b]);
  const kids = bands.map((band) =>
    choice({
      type: 'radio',
      name: 'income_band',
      id: `f-income_band-${band}`,
      value: band,
      label: `income.${band}`,
      vars: lines[band] ? { low: lines[band].low, high: lines[band].high ?? '' } : undefined,
      onChange: onRadio('income_band'),
    }),
  );
  const fs = group({ id: 'fs-income_band', legend: 'income.question', help: 'income.help', kids });
  const g = income.grunnbelop;
  if (g) {
    const line = h('p', { 'data-field': 'description', id: 'fs-income_band-g', i18n: 'ui.income.g', vars: { value: g.value } });
    $(':scope > [data-field="description"]', fs).after(line);
    fs.setAttribute('aria-describedby', 'fs-income_band-help fs-income_band-g');
  }
  fs.hidden = true;
  fs.dataset.bands = String(Object.keys(lines).length);
  return fs;
}

export function buildPersonForm() {
  const limit = { age_limit: param('age_limit'), years: param('long_lasting_years'), adult_age: param('adult_age') };
  const setPerson = (key, value) =>
    update(() => {
      if (value === undefined) delete state.person[key];
      else state.person[key] = value;
    });
  const onRadio = (key) => (e) => setPerson(key, e.target.value);

  const age = textField({
    id: 'f-age',
    label: 'ui.age.label',
    help: 'ui.age.help',
    type: 'number',
    attrs: { inputmode: 'numeric', min: 0, step: 1, autocomplete: 'off', class: 'ds-input age' },
    onInput: (e) => {
      const raw = e.target.value.trim();
      delete view.uiErrors['f-age'];
      if (raw === '' && !e.target.validity.badInput) return setPerson('age', undefined);
      const n = Number(raw);
      if (raw === '' || !Number.isInteger(n)) {
        view.uiErrors['f-age'] = t('ui.error.age_whole');
        return setPerson('age', undefined);
      }
      setPerson('age', n);
    },
  });
  const granted = group({
    id: 'fs-granted_before_67',
    legend: 'ui.granted.legend',
    help: 'ui.granted.help',
    vars: limit,
    kids: radios({ name: 'granted_before_67', idPrefix: 'f-granted_before_67', values: ANSWERS, labelKey: (v) => `ui.answer.${v}`, onChange: onRadio('granted_before_67') }),
  });
  granted.hidden = true;
  const long = group({
    id: 'fs-long_lasting',
    legend: 'ui.long.legend',
    help: 'ui.long.help',
    vars: limit,
    kids: radios({ name: 'long_lasting', idPrefix: 'f-long_lasting', values: ANSWERS, labelKey: (v) => `ui.answer.${v}`, onChange: onRadio('long_lasting') }),
  });
  // Yes / no / "vet ikke" questions asked only when they matter (see syncPersonForm).
  const asked = (key, text) => {
    const fs = group({
      id: `fs-${key}`,
      legend: `ui.${text}.legend`,
      help: `ui.${text}.help`,
      kids: radios({ name: key, idPrefix: `f-${key}`, values: ANSWERS, labelKey: (v) => `ui.answer.${v}`, onChange: onRadio(key) }),
    });
    fs.hidden = true;
    return fs;
  };
  // The night counts only when someone must be there through it: a
  // question about the person, not about one need.
  const awake = asked('awake_at_night', 'awake');
  // For a child: only help beyond normal care for the age counts, and
  // respite only when the child lives at home.
  const normalCare = asked('beyond_normal_care', 'normal_care');
  const atHome = asked('lives_at_home', 'at_home');
  const applicant = group({
    id: 'fs-applicant',
    legend: 'ui.applicant.legend',
    kids: radios({ name: 'applicant', idPrefix: 'f-applicant', values: APPLICANTS, labelKey: (v) => `ui.applicant.${v}`, vars: limit, onChange: onRadio('applicant') }),
  });
  const leader = group({
    id: 'fs-arbeidsleder',
    legend: 'ui.arbeidsleder.legend',
    help: 'ui.arbeidsleder.help',
    kids: radios({ name: 'arbeidsleder', idPrefix: 'f-arbeidsleder', values: ARBEIDSLEDER, labelKey: (v) => `ui.arbeidsleder.${v}`, onChange: onRadio('arbeidsleder') }),
  });
  const services = group({
    id: 'fs-current_services',
    legend: 'ui.services.legend',
    help: 'ui.services.help',
    kids: SERVICES.map((v) =>
      choice({
        type: 'checkbox',
        name: 'current_services',
        id: `f-current_services-${v}`,
        value: v,
        label: `ui.services.${v}`,
        onChange: () =>
          update(() => {
            const chosen = SERVICES.filter((s) => $(`#f-current_services-${s}`).checked);
            if (chosen.length) state.person.current_services = chosen;
            else delete state.person.current_services;
          }),
      }),
    ),
  });
  const income = incomeQuestion(onRadio);
  const card = (...kids) => h('div', { class: 'question' }, ...kids);
  $('#person-form').replaceChildren(card(age), card(granted), card(long), card(awake), card(normalCare), card(atHome), card(applicant), card(leader), card(services), card(income));
}

/** Shows the person's answers from `state` in the form (after setCase too). */
export function syncPersonForm() {
  const p = state.person || {};
  const age = $('#f-age');
  if (age && !view.uiErrors['f-age'] && age.value !== (p.age === undefined ? '' : String(p.age))) {
    age.value = p.age === undefined ? '' : String(p.age);
  }
  for (const key of ['granted_before_67', 'long_lasting', 'awake_at_night', 'beyond_normal_care', 'lives_at_home', 'applicant', 'arbeidsleder', 'income_band']) {
    for (const r of $$(`input[name="${key}"]`)) r.checked = p[key] === r.value;
  }
  const services = Array.isArray(p.current_services) ? p.current_services : [];
  for (const s of SERVICES) {
    const box = $(`#f-current_services-${s}`);
    if (box) box.checked = services.includes(s);
  }
  // Asked only from the age limit on: the limit is the law's value.
  const limit = param('age_limit');
  const fs = $('#fs-granted_before_67');
  if (fs) fs.hidden = !(Number.isInteger(p.age) && p.age >= limit);
  const show = (key, when) => {
    const group = $(`#fs-${key}`);
    // An answer given stays in sight, so that it can be changed.
    if (group) group.hidden = !(when || p[key] !== undefined);
  };
  // The night: when the map has help in it (the engine then gives its reason on the night).
  show('awake_at_night', view.assessment?.reasons.some((r) => r.code === 'NIGHT'));
  // A child: under the law's adult age.
  const child = Number.isInteger(p.age) && p.age < param('adult_age');
  show('beyond_normal_care', child);
  const respite = [...state.needs, ...(state.monthly || [])].some((n) => n.kind === 'respite');
  show('lives_at_home', child && respite);
  // The income: when the map has help that may carry a charge (the engine's estimate says so).
  show('income_band', view.assessment?.cost?.chargeable_hours > 0 && $('#fs-income_band')?.dataset.bands !== '0');
  // A child does not lead the assistants: the parents do (the engine's choices for a child).
  for (const value of ARBEIDSLEDER) {
    const choice = $(`#f-arbeidsleder-${value}`)?.closest('.ds-field');
    if (choice) choice.hidden = child && !ARBEIDSLEDER_CHILD.includes(value) && p.arbeidsleder !== value;
  }
}
