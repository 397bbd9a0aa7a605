// 4. The results: the verdict and the four conditions behind it, the hours
// (the bar, the figures that add up, the table of each need), what was left
// out and why, the reasons, warnings, next steps, documents, alternatives
// and sources, and the short summary beside the clock. Then the caseworker
// view under them (caseworker.js, loaded when its group is first opened).
// Everything here is the engine's answer shown: nothing is counted or
// decided in the page.
import { h, $, patch } from './dom.js';
import { t, lang } from './i18n.js';
import { state, view, param, night } from './state.js';
import { drawHoursBar } from './clock.js';
import { replaceKids, drawParts, hrs, announce, loader } from './draw.js';
import { sourceList, why } from './why.js';
import { needName } from './needs.js';
import { jumpTo } from './errors.js';

const VERDICT_COLOR = {
  likely_right: 'success',
  likely_right_unless_cost: 'success',
  uncertain: 'warning',
  no_right_by_hours: 'info',
  not_covered: 'info',
};
const STATUS_COLOR = { met: 'success', not_met: 'danger', unknown: 'warning', municipality: 'info' };

/** A note's text: the catalogue's for the engine's codes, the profile's own for a municipality's. */
function noteText(n) {
  const own = n.text && typeof n.text === 'object' ? n.text[lang()] || n.text.nb : null;
  return own || t(`note.${n.code}`, n.inputs);
}

function noteItems(notes, prefix) {
  return notes.map((n, i) =>
    h(
      'li',
      {},
      h('span', {}, noteText(n)),
      n.link ? [' ', h('a', { class: 'ds-link', href: n.link, target: '_blank', rel: 'noopener noreferrer' }, t('ui.note.link'), h('span', { class: 'ds-sr-only' }, ` ${t('ui.link.new_tab')}`))] : null,
      why(`${prefix}-${n.code}-${i}`, sourceList(n.sources)),
    ),
  );
}

/** The engine's notes of one kind followed by the municipality's own (documents, next_steps, alternatives). */
const withOwn = (a, kind) => [...a[kind], ...(a.municipality?.[kind] || [])];

function section(id, titleKey, ...content) {
  return h('section', { class: 'result-block', 'aria-labelledby': id }, h('h3', { class: 'ds-heading', 'data-size': 'xs', id }, t(titleKey)), ...content);
}

function hoursBlock(a) {
  const hr = a.reasons.find((r) => r.code === 'HOURS');
  const marks = [
    { value: param('hours_cost_test'), label: t('ui.hours.mark', { hours: param('hours_cost_test') }) },
    { value: param('hours_right'), label: t('ui.hours.mark', { hours: param('hours_right') }) },
  ];
  const bar = drawHoursBar({
    counted: a.hours.counted,
    marks,
    labels: {
      title: t('ui.hours.bar_title', { hours: a.hours.counted }),
      desc: t('ui.hours.bar_desc', { hours_cost_test: marks[0].value, hours_right: marks[1].value }),
    },
  });
  const facts = [t('report.mapped', { hours: a.hours.mapped })];
  if (a.hours.excluded_total > 0) facts.push(t('report.excluded', { hours: a.hours.excluded_total }));
  if (a.hours.overlap > 0) facts.push(t('report.overlap', { hours: a.hours.overlap }));
  if (a.hours.counted_monthly > 0) facts.push(t('ui.hours.monthly', { hours: a.hours.counted_monthly }));

  const rows = a.trace.map((tr) => {
    const name = tr.monthly ? t('ui.hours.monthly_row', { kind: t(`kind.${state.monthly[tr.need]?.kind}`) }) : `${tr.need + 1}. ${needName(state.needs[tr.need] || {})}`;
    const left = Object.entries(tr.excluded || {}).map(([c, v]) => `${hrs(v)} (${t(`cause.${c}`)})`).join(', ');
    return h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, hrs(tr.mapped)), h('td', {}, hrs(tr.counted)), h('td', {}, hrs(tr.overlap)), h('td', {}, left || '0'));
  });
  const n = night();
  return section(
    'hours-h',
    'report.hours',
    h('p', { class: 'big-number' }, t('ui.hours.counted', { hours: a.hours.counted })),
    bar,
    h('ul', { class: 'plain facts' }, facts.map((f) => h('li', {}, f))),
    why(
      'hours',
      h('p', {}, t('ui.hours.why', { start: n.start, end: n.end })),
      rows.length
        ? h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-labelledby': 'trace-caption' },
            h('table', { class: 'ds-table', 'data-size': 'sm' },
              h('caption', { id: 'trace-caption' }, t('ui.hours.table_caption')),
              h('thead', {}, h('tr', {}, ['ui.hours.col_need', 'ui.hours.col_mapped', 'ui.hours.col_counted', 'ui.hours.col_overlap', 'ui.hours.col_excluded'].map((k) => h('th', { scope: 'col' }, t(k))))),
              h('tbody', {}, rows)))
        : null,
      hr ? sourceList(hr.sources) : null,
    ),
  );
}

function exclusionsBlock(a) {
  if (!a.exclusions.length) return null;
  return section(
    'excluded-h',
    'ui.results.excluded',
    h(
      'ul',
      { class: 'plain notes' },
      a.exclusions.map((note, i) => {
        const cause = note.code.replace(/^EXCLUDED_/, '').toLowerCase();
        const needs = a.trace.filter((tr) => tr.excluded && cause in tr.excluded);
        return h(
          'li',
          { class: 'exclusion' },
          h('strong', {}, t(`cause.${cause}`)),
          h('span', {}, ' ', t(`note.${note.code}`, note.inputs)),
          why(
            `excl-${note.code}-${i}`,
            needs.length ? h('p', {}, t('ui.results.excluded_needs')) : null,
            needs.length
              ? h('ul', { class: 'plain' }, needs.map((tr) => h('li', {}, t('ui.results.excluded_need', {
                  name: tr.monthly ? t(`kind.${state.monthly[tr.need]?.kind}`) : `${tr.need + 1}. ${needName(state.needs[tr.need] || {})}`,
                  hours: tr.excluded[cause],
                }))))
              : null,
            sourceList(note.sources),
          ),
        );
      }),
    ),
  );
}

function reasonsBlock(a) {
  return section(
    'reasons-h',
    'report.reasons',
    h(
      'ul',
      { class: 'plain reasons' },
      a.reasons.map((r, i) =>
        h(
          'li',
          { class: 'reason' },
          h('span', { class: 'ds-tag', 'data-color': STATUS_COLOR[r.status] || 'neutral' }, t(`status.${r.status}`)),
          // The engine names the text (`reason.CODE.status[.variant]`).
          h('span', { class: 'reason-text' }, t(r.key, r.inputs)),
          why(`reason-${r.code}-${i}`, sourceList(r.sources)),
        ),
      ),
    ),
  );
}

/** The reasons the verdict's "why?" names. */
const VERDICT_REASONS = ['AGE', 'LONG_LASTING', 'HOURS', 'ARBEIDSLEDER'];

function verdictBlock(a) {
  const hr = a.reasons.find((r) => r.code === 'HOURS');
  const vars = hr ? hr.inputs : {};
  const named = a.reasons.filter((r) => VERDICT_REASONS.includes(r.code));
  return h(
    'div',
    { class: 'ds-alert verdict', 'data-color': VERDICT_COLOR[a.verdict] || 'info', id: 'verdict' },
    h('h3', { class: 'ds-heading', 'data-size': 'sm', id: 'verdict-title' }, t(`verdict.${a.verdict}.title`)),
    h('p', { class: 'ds-paragraph' }, t(`verdict.${a.verdict}.body`, vars)),
    h('p', { class: 'ds-paragraph not-decision' }, h('strong', {}, t('verdict.not_a_decision'))),
    why(
      'verdict',
      h('p', {}, t('ui.results.verdict_why')),
      h('ul', { class: 'plain' }, named.map((r) => h('li', {}, `${t(`ui.reason_name.${r.code}`)}: ${t(`status.${r.status}`)}`))),
    ),
  );
}

export function renderResults() {
  const box = $('#results');
  const a = view.assessment;
  if (view.caseErrors.length) {
    replaceKids($('#live-summary'), h('p', {}, t('ui.results.fix_errors')));
    replaceKids(box, h('div', { class: 'ds-alert', 'data-color': 'danger' }, h('p', {}, t('ui.results.fix_errors'))));
    return;
  }
  if (!a) return;
  const empty = !state.needs.length && !(state.monthly || []).length;
  replaceKids(
    $('#live-summary'),
    empty
      ? h('p', {}, t('ui.summary.empty'))
      : h('p', {}, h('strong', {}, t(`verdict.${a.verdict}.title`)), h('br'), t('ui.hours.counted', { hours: a.hours.counted }), ' ', h('a', { href: '#result-h', class: 'ds-link', onclick: jumpTo('result-h') }, t('ui.summary.read_more'))),
  );
  if (empty) {
    replaceKids(box, h('div', { class: 'ds-alert', 'data-color': 'info' }, h('p', {}, t('ui.results.empty'))));
    view.lastVerdict = null;
    return;
  }
  if (view.lastVerdict !== a.verdict) {
    announce(t('ui.announce.verdict', { title: t(`verdict.${a.verdict}.title`), hours: a.hours.counted }), 'verdict');
  }
  view.lastVerdict = a.verdict;
  // Each block with what it shows: typing an age redraws the reasons and
  // the documents, not the hours, the sources or the rest.
  const sources = [a.sources, a.municipality?.sources];
  const names = [state.needs, state.monthly];
  const hr = a.reasons.find((r) => r.code === 'HOURS');
  const named = a.reasons.filter((r) => VERDICT_REASONS.includes(r.code)).map((r) => [r.code, r.status]);
  const notes = (id, key, list, tag, cls, prefix) => [id, [list, sources], () => (list.length ? section(id, key, h(tag, { class: cls }, noteItems(list, prefix))) : null)];
  drawParts(box, [
    ['verdict-h', [a.verdict, hr?.inputs, named], () => verdictBlock(a)],
    ['hours-h', [a.hours, a.trace, hr, names, night(), view.params, sources], () => hoursBlock(a)],
    ['excluded-h', [a.exclusions, a.trace, names, sources], () => exclusionsBlock(a)],
    ['reasons-h', [a.reasons, sources], () => reasonsBlock(a)],
    notes('warnings-h', 'report.warnings', a.warnings, 'ul', 'plain notes', 'warn'),
    notes('next-h', 'report.next_steps', withOwn(a, 'next_steps'), 'ol', 'notes steps', 'next'),
    ['docs-h', [withOwn(a, 'documents'), sources], () => section('docs-h', 'report.documents', h('p', { class: 'ds-paragraph' }, t('ui.results.documents_help')), h('ul', { class: 'notes checklist' }, noteItems(withOwn(a, 'documents'), 'doc')))],
    notes('alt-h', 'report.alternatives', withOwn(a, 'alternatives'), 'ul', 'plain notes', 'alt'),
    ['sources-h', [sources], () => section('sources-h', 'report.sources', sourceList(a.sources.map((s) => s.id)))],
    ['rules-version', [a.assessment_date, a.rules_version], () => h('p', { class: 'ds-paragraph rules-version' }, t('report.date', { date: a.assessment_date, version: a.rules_version }))],
  ]);
}

// ---- The caseworker view (loaded when first needed) -------------------------
//
// Not on screen while a person fills in the map: a closed group. So its
// module is loaded when first needed, and it is drawn only while open.

const loadCaseworker = loader(() => import('./caseworker.js'));

export function renderCaseworker() {
  const box = $('#caseworker');
  const empty = !state.needs.length && !(state.monthly || []).length;
  box.hidden = !view.assessment || empty;
  if (box.hidden || !box.open) return;
  const answer = view.assessment;
  loadCaseworker()
    .then(({ caseworkerContent }) => {
      // Only the newest answer: another render may have come while it loaded.
      if (answer === view.assessment && box.open) patch(box.lastChild, caseworkerContent(state, answer));
    })
    .catch(() => {}); // offline and never loaded: tried again on the next render
}

export function buildCaseworker() {
  const box = $('#caseworker');
  // The summary stays (it may have the focus); the body is drawn while open.
  box.replaceChildren(h('summary', { i18n: 'ui.caseworker.title' }), h('div', { class: 'cw-body' }));
  box.addEventListener('toggle', () => {
    if (box.open) renderCaseworker();
  });
}
