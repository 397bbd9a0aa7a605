// "Til saksbehandler": the map laid out against the ten momenter that Oslo
// kommune's routine says a caseworker must weigh (seed 001, "Momenter som
// tas inn i saksbehandlingen og ved utmåling"). For each moment it shows
// what the map says (facts from the case and the engine's assessment) and
// what the caseworker must still find out.
//
// It is descriptive only: no rule is applied here. Hours, verdicts,
// exclusions and reason texts are the engine's; the rest is what the person
// answered (age, applicant, kinds of help and places in the map).
//
// Shown in the closed "Til saksbehandler" group under the results and on
// the printout. results.js (the group) and printout.js load this module
// when either is first needed, and the group is drawn only while it is
// open: a view nobody has opened costs nothing while the person types.
import { t, fmtNumber } from './i18n.js';
import { h } from './dom.js';
import { hoursSum } from './why.js';

/** The ten momenter, in the routine's order. */
export const MOMENTER = ['scope', 'right', 'without_right', 'participation', 'forsvarlig', 'health_records', 'competence', 'training', 'children', 'crpd'];

/** The kinds and places in the case (weekly needs and monthly ones). */
function present(state) {
  const needs = Array.isArray(state.needs) ? state.needs : [];
  const monthly = Array.isArray(state.monthly) ? state.monthly : [];
  const kinds = new Set([...needs, ...monthly].map((n) => n.kind).filter(Boolean));
  const places = new Set(needs.map((n) => n.place || 'home'));
  return { kinds, places };
}

const hours = (n) => fmtNumber(Number(n) || 0);
const list = (keys) => keys.map((k) => t(k)).join(', ');

/**
 * What the map says about each moment: `{ moment: [line, …] }`. An empty
 * list means the map says nothing about it.
 */
export function facts(state, a) {
  const { kinds, places } = present(state);
  const person = state.person || {};
  const notes = state.notes || {};
  const excluded = a.hours.excluded || {};
  const reason = (code) => a.reasons.find((r) => r.code === code);
  const out = Object.fromEntries(MOMENTER.map((m) => [m, []]));
  const kindLine = (ks) => t('ui.caseworker.fact.kinds', { kinds: list(ks.map((k) => `kind.${k}`)) });

  // 1. Scope, in and outside the home.
  out.scope.push(t('ui.caseworker.fact.hours', { mapped: hours(a.hours.mapped), counted: hours(a.hours.counted) }));
  if (kinds.size) out.scope.push(kindLine([...kinds]));
  if (places.size) out.scope.push(t('ui.caseworker.fact.places', { places: list([...places].map((p) => `place.${p}`)) }));
  // The figures that add up: counted + left out by cause + counted once
  // because of overlap (health help inside other help; overlapping needs) = mapped.
  for (const line of hoursSum(a.hours)) out.scope.push(line.level === 1 ? `– ${line.text}` : line.text);

  // 2. The right: the engine's verdict and each condition's status.
  out.right.push(t(`verdict.${a.verdict}.title`));
  for (const code of ['AGE', 'LONG_LASTING', 'HOURS', 'ARBEIDSLEDER']) {
    const r = reason(code);
    if (r) out.right.push(`${t(`ui.reason_name.${code}`)}: ${t(`status.${r.status}`)}`);
  }

  // 3. BPA without the right (hol. § 3-8): what the verdict says about it.
  out.without_right.push(t(`ui.caseworker.fact.without_right.${a.verdict}`));

  // 4. Participation: education, work, parenting, leisure, life outside the home.
  const taking = ['leisure', 'parenting', 'training'].filter((k) => kinds.has(k));
  if (taking.length) out.participation.push(kindLine(taking));
  const where = ['out', 'school', 'work', 'higher_education'].filter((p) => places.has(p));
  if (where.length) out.participation.push(t('ui.caseworker.fact.places', { places: list(where.map((p) => `place.${p}`)) }));
  if (notes.goal) out.participation.push(t('ui.caseworker.fact.goal_written'));

  // 5. Forsvarlighet: the arbeidsleder answer and the engine's warnings.
  if (person.arbeidsleder) out.forsvarlig.push(`${t('ui.arbeidsleder.legend')} ${t(`ui.arbeidsleder.${person.arbeidsleder}`)}`);
  if (notes.arbeidsleder) out.forsvarlig.push(t('ui.caseworker.fact.arbeidsleder_written'));
  for (const w of a.warnings.filter((x) => x.code === 'WARN_SHORT_VISITS')) out.forsvarlig.push(t(`note.${w.code}`, w.inputs));

  // 6. Health help, which has a duty to keep records.
  // All the health help mapped, also what lies inside other help (counted once, not left out).
  const week = a.hours.week || {};
  if (kinds.has('health') || week.health_mapped > 0) {
    out.health_records.push(t('ui.caseworker.fact.health_week', { mapped: hours(week.health_mapped ?? excluded.health ?? 0), inside: hours(week.overlap_health || 0), excluded: hours(excluded.health || 0) }));
  }
  if ((person.current_services || []).includes('home_nursing')) out.health_records.push(`${t('ui.services.legend')} ${t('ui.services.home_nursing')}`);

  // 7. Special competence: health help, two helpers at once.
  if (kinds.has('health')) out.competence.push(kindLine(['health']));
  if (state.needs?.some((n) => n.helpers > 1)) out.competence.push(t('ui.caseworker.fact.two_helpers'));

  // 8. Special training.
  const teach = ['training', 'health'].filter((k) => kinds.has(k));
  if (teach.length) out.training.push(kindLine(teach));

  // 9. Children: the age given, who applies, parenting and respite in the map.
  if (Number.isInteger(person.age)) out.children.push(t('ui.caseworker.fact.age', { age: person.age }));
  // "Under 18": the law's adult age, from the assessment's parameters.
  const adultAge = a.parameters.find((p) => p.name === 'adult_age')?.value;
  if (person.applicant) out.children.push(`${t('ui.applicant.legend')} ${t(`ui.applicant.${person.applicant}`, { adult_age: adultAge })}`);
  const family = ['parenting', 'respite'].filter((k) => kinds.has(k));
  if (family.length) out.children.push(kindLine(family));
  const normalCare = reason('CHILD_NORMAL_CARE');
  if (normalCare) out.children.push(t(normalCare.key, normalCare.inputs));

  // 10. CRPD art. 19 (independent living) and 30 (culture, leisure, sport).
  if (kinds.has('leisure')) out.crpd.push(kindLine(['leisure']));
  if (places.has('out')) out.crpd.push(t('ui.caseworker.fact.places', { places: t('place.out') }));
  if (notes.goal) out.crpd.push(t('ui.caseworker.fact.goal_written'));
  return out;
}

/** What the caseworker must still find out; the engine's open reasons join moment 2. */
function open(moment, a) {
  const lines = [t(`ui.caseworker.${moment}.open`)];
  if (moment === 'right') {
    for (const r of a.reasons.filter((x) => x.status === 'unknown' || x.status === 'municipality')) {
      lines.push(t(r.key, r.inputs));
    }
  }
  return lines;
}

/** The source of the momenter (Oslo's routine), as the engine lists it. */
function routine(a) {
  return a.sources.find((s) => s.id === 'oslo-rutine');
}

/**
 * The view as a table (for paper) or as a list of momenter (on screen).
 * `compact` gives the table.
 */
export function caseworkerContent(state, a, { compact = false } = {}) {
  const f = facts(state, a);
  const src = routine(a);
  const source = src
    ? h('p', { class: 'ds-paragraph cw-source' }, `${t('ui.caseworker.source')} `, compact ? src.title : h('a', { class: 'ds-link', href: src.url, target: '_blank', rel: 'noopener noreferrer' }, src.title, h('span', { class: 'ds-sr-only' }, ` ${t('ui.link.new_tab')}`)))
    : null;
  const said = (m) => (f[m].length ? f[m] : [t('ui.caseworker.nothing')]);
  if (compact) {
    return [
      h('p', { class: 'po-small' }, t('ui.caseworker.intro')),
      source,
      h(
        'table',
        { class: 'po-table cw-table' },
        h('thead', {}, h('tr', {}, ['ui.caseworker.col_moment', 'ui.caseworker.col_map', 'ui.caseworker.col_open'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h(
          'tbody',
          {},
          MOMENTER.map((m) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, t(`ui.caseworker.${m}.title`)),
              h('td', {}, said(m).map((line) => h('div', {}, line))),
              h('td', {}, open(m, a).map((line) => h('div', {}, line))),
            ),
          ),
        ),
      ),
    ];
  }
  return [
    h('p', { class: 'ds-paragraph' }, t('ui.caseworker.intro')),
    source,
    h(
      'ol',
      { class: 'momenter' },
      MOMENTER.map((m) =>
        h(
          'li',
          { class: 'moment', 'data-moment': m },
          h('h3', { class: 'ds-heading', 'data-size': 'xs' }, t(`ui.caseworker.${m}.title`)),
          h('p', { class: 'cw-label' }, h('strong', {}, t('ui.caseworker.col_map'))),
          h('ul', { class: f[m].length ? 'cw-map' : 'cw-map cw-none' }, said(m).map((line) => h('li', {}, line))),
          h('p', { class: 'cw-label' }, h('strong', {}, t('ui.caseworker.col_open'))),
          h('ul', { class: 'cw-open' }, open(m, a).map((line) => h('li', {}, line))),
        ),
      ),
    ),
  ];
}
