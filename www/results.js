// 4. The results, in the order a person reads them: the verdict, then the
// four conditions of the right each with its status in words, then the
// hours as figures that add up (counted + left out by cause + counted once
// because of overlap = mapped, per week and per day), what was left out and
// why, then what to do next (with the municipality's form, contact and
// processing time when the page is for one) and the documents. The reasons
// with their sources, the sources and the per-need table are one step away
// (disclosures). Then the caseworker view under them (caseworker.js, loaded
// when its group is first opened). Everything here is the engine's answer
// shown: nothing is counted or decided in the page.
import { h, $, patch } from './dom.js';
import { t, lang } from './i18n.js';
import { state, view, param, night } from './state.js';
import { drawHoursBar } from './clock.js';
import { replaceKids, drawParts, hrs, cap, announce, loader } from './draw.js';
import { sourceList, whyNamed, hoursSumList, rulesLine } from './why.js';
import { needName, ROWS_AT_ONCE } from './needs.js';
import { jumpTo } from './errors.js';

const VERDICT_COLOR = {
  likely_right: 'success',
  likely_right_unless_cost: 'success',
  uncertain: 'warning',
  no_right_by_hours: 'info',
  not_covered: 'info',
};
const STATUS_COLOR = { met: 'success', not_met: 'danger', unknown: 'warning', municipality: 'info' };

/** The four conditions of the right (pbrl. § 2-1 d), in the law's order. */
const CONDITIONS = ['AGE', 'LONG_LASTING', 'HOURS', 'ARBEIDSLEDER'];

/** The conditions to show first: what is settled, then what is open, then what the municipality weighs. */
const STATUS_ORDER = { met: 0, not_met: 1, unknown: 2, municipality: 3 };

/** A note's text: the catalogue's for the engine's codes, the profile's own for a municipality's. */
function noteText(n) {
  const own = n.text && typeof n.text === 'object' ? n.text[lang()] || n.text.nb : null;
  return own || t(`note.${n.code}`, n.inputs);
}

/** A reason's "why?": "Hvorfor «Oppfylt» for alder?". */
function reasonWhy(r, i, prefix = 'reason') {
  const name = t(`ui.why.name.${r.code}`);
  return whyNamed(`${prefix}-${r.code}-${i}`, t('ui.why.reason', { status: t(`status.${r.status}`), name }), sourceList(r.sources));
}

function noteItems(notes, prefix) {
  return notes.map((n, i) => {
    const text = noteText(n);
    const src = sourceList(n.sources || []);
    return h(
      'li',
      {},
      h('span', {}, text),
      n.link ? [' ', h('a', { class: 'ds-link', href: n.link, target: '_blank', rel: 'noopener noreferrer' }, t('ui.note.link'), h('span', { class: 'ds-sr-only' }, ` ${t('ui.link.new_tab')}`))] : null,
      // A note without sources has nothing to explain: no "why?".
      src ? whyNamed(`${prefix}-${n.code}-${i}`, { text: t('ui.why.note'), about: text }, src) : null,
    );
  });
}

/** The engine's notes of one kind followed by the municipality's own (documents, next_steps, alternatives). */
const withOwn = (a, kind) => [...a[kind], ...(a.municipality?.[kind] || [])];

function section(id, titleKey, ...content) {
  return h('section', { class: 'result-block', 'aria-labelledby': id }, h('h3', { class: 'ds-heading', 'data-size': 'xs', id }, t(titleKey)), ...content);
}

/**
 * A "why?" with a line per need in it (the trace table, the needs left out
 * by a cause). With more needs than the list draws at once its body is
 * built when it is opened, not at every change: hundreds of rows nobody
 * sees must not cost a keystroke (issue 14, "Never freeze"). Open, it is
 * drawn with the rest; the same markup as why.js `whyNamed`.
 */
function whyOfNeeds(key, label, rows, body) {
  const open = !!$(`#results details[data-key="${CSS.escape(key)}"]`)?.open;
  if (rows <= ROWS_AT_ONCE || open) return whyNamed(key, label, ...body());
  const fill = (e) => {
    const inner = $(':scope > .why-body', e.currentTarget);
    if (e.currentTarget.open && inner && !inner.childNodes.length) patch(inner, ...body());
  };
  return h('details', { class: 'why', 'data-key': key, ontoggle: fill }, h('summary', { 'data-focus': `why-${key}` }, label), h('div', { class: 'why-body' }));
}

/** A need's name in the tables: "2. Lunsj og toalett", or a monthly need's kind. */
const traceName = (tr) => (tr.monthly ? t('ui.hours.monthly_row', { kind: t(`kind.${state.monthly[tr.need]?.kind}`) }) : `${tr.need + 1}. ${needName(state.needs[tr.need] || {})}`);

/** The hours day by day: counted + left out + counted once (health inside other help, overlapping needs) = mapped. */
function daysTable(a) {
  const cols = ['day', 'counted', 'excluded', 'overlap_health', 'overlap_needs', 'mapped'];
  const rows = (a.hours.per_day || []).map((d) => {
    const b = d.breakdown || { counted: d.counted, excluded: {}, overlap_health: 0, overlap_needs: d.overlap, mapped: d.mapped };
    const left = Object.entries(b.excluded || {}).filter(([, v]) => v > 0);
    const leftText = left.length ? [hrs(d.excluded), h('span', { class: 'cell-note' }, ` (${left.map(([c, v]) => `${t(`cause.${c}`)} ${hrs(v)}`).join(', ')})`)] : hrs(d.excluded);
    return h(
      'tr',
      {},
      h('th', { scope: 'row' }, cap(t(`day.${d.day}`))),
      h('td', {}, hrs(b.counted)),
      h('td', {}, leftText),
      h('td', {}, hrs(b.overlap_health)),
      h('td', {}, hrs(b.overlap_needs)),
      h('td', {}, hrs(b.mapped)),
    );
  });
  return h(
    'div',
    { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-labelledby': 'days-caption' },
    h('table', { class: 'ds-table days-table', 'data-size': 'sm' },
      h('caption', { id: 'days-caption' }, t('ui.hours.days_caption')),
      h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col' }, t(`ui.hours.day_col.${k}`))))),
      h('tbody', {}, rows)),
  );
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
  const rows = () =>
    a.trace.map((tr) => {
      const left = Object.entries(tr.excluded || {}).map(([c, v]) => `${hrs(v)} (${t(`cause.${c}`)})`).join(', ');
      return h('tr', {}, h('th', { scope: 'row' }, traceName(tr)), h('td', {}, hrs(tr.mapped)), h('td', {}, hrs(tr.counted)), h('td', {}, hrs(tr.overlap)), h('td', {}, left || '0'));
    });
  const n = night();
  return section(
    'hours-h',
    'report.hours',
    h('p', { class: 'big-number' }, t('ui.hours.counted', { hours: a.hours.counted })),
    bar,
    // The figures that add up, so that nobody has to subtract in their head.
    h('div', { class: 'hours-sum-box', role: 'group', 'aria-label': t('ui.results.sum_label') }, hoursSumList(a.hours)),
    a.hours.counted_monthly > 0 ? h('p', { class: 'ds-paragraph facts' }, t('ui.hours.monthly', { hours: a.hours.counted_monthly })) : null,
    (a.hours.per_day || []).some((d) => d.mapped > 0)
      ? h('details', { class: 'ds-details more', 'data-key': 'days' }, h('summary', { 'data-focus': 'why-days' }, t('ui.hours.days_title')), h('div', { class: 'why-body' }, daysTable(a)))
      : null,
    whyOfNeeds('hours', t('ui.why.hours'), a.trace.length, () => [
      h('p', {}, t('ui.hours.why', { start: n.start, end: n.end })),
      a.trace.length
        ? h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-labelledby': 'trace-caption' },
            h('table', { class: 'ds-table', 'data-size': 'sm' },
              h('caption', { id: 'trace-caption' }, t('ui.hours.table_caption')),
              h('thead', {}, h('tr', {}, ['ui.hours.col_need', 'ui.hours.col_mapped', 'ui.hours.col_counted', 'ui.hours.col_overlap', 'ui.hours.col_excluded'].map((k) => h('th', { scope: 'col' }, t(k))))),
              h('tbody', {}, rows())))
        : null,
      hr ? sourceList(hr.sources) : null,
    ]),
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
          whyOfNeeds(`excl-${note.code}-${i}`, t(`ui.why.cause.${cause}`), needs.length, () => [
            needs.length ? h('p', {}, t('ui.results.excluded_needs')) : null,
            needs.length
              ? h('ul', { class: 'plain' }, needs.map((tr) => h('li', {}, t('ui.results.excluded_need', {
                  name: tr.monthly ? t(`kind.${state.monthly[tr.need]?.kind}`) : `${tr.need + 1}. ${needName(state.needs[tr.need] || {})}`,
                  hours: tr.excluded[cause],
                }))))
              : null,
            sourceList(note.sources),
          ]),
        );
      }),
    ),
  );
}

/** All the engine's reasons with their sources: one step away, under "Mer om svaret". */
function moreBlock(a) {
  return h(
    'details',
    { class: 'ds-details more result-block', 'data-key': 'more' },
    h('summary', { 'data-focus': 'why-more' }, t('ui.results.details')),
    h(
      'div',
      { class: 'why-body' },
      h('section', { 'aria-labelledby': 'reasons-h' },
        h('h4', { class: 'ds-heading', 'data-size': 'xs', id: 'reasons-h' }, t('report.reasons')),
        // The four conditions are shown above, each with its "why?": the others here.
        h('ul', { class: 'plain reasons' }, a.reasons.map((r, i) => [r, i]).filter(([r]) => !CONDITIONS.includes(r.code)).map(([r, i]) =>
          h('li', { class: 'reason' },
            h('span', { class: 'ds-tag', 'data-color': STATUS_COLOR[r.status] || 'neutral' }, t(`status.${r.status}`)),
            // The engine names the text (`reason.CODE.status[.variant]`).
            h('span', { class: 'reason-text' }, t(r.key, r.inputs)),
            reasonWhy(r, i)),
        ))),
      h('section', { 'aria-labelledby': 'sources-h' },
        h('h4', { class: 'ds-heading', 'data-size': 'xs', id: 'sources-h' }, t('report.sources')),
        sourceList(a.sources.map((s) => s.id))),
    ),
  );
}

/** The verdict's text, without "Det er kommunen som bestemmer": the line under it says that, once. */
function verdictBody(a, vars) {
  const body = t(`verdict.${a.verdict}.body`, vars);
  return body.replace(t('ui.results.decides'), '').trim();
}

function verdictBlock(a) {
  const hr = a.reasons.find((r) => r.code === 'HOURS');
  const vars = hr ? hr.inputs : {};
  return h(
    'div',
    { class: 'ds-alert verdict', 'data-color': VERDICT_COLOR[a.verdict] || 'info', id: 'verdict' },
    h('h3', { class: 'ds-heading', 'data-size': 'sm', id: 'verdict-title' }, t(`verdict.${a.verdict}.title`)),
    h('p', { class: 'ds-paragraph' }, verdictBody(a, vars)),
    h('p', { class: 'ds-paragraph not-decision' }, h('strong', {}, t('verdict.not_a_decision'))),
  );
}

/** The four conditions, each with its status in words (a tag), settled ones first. */
function conditionsBlock(a) {
  const named = CONDITIONS.map((code) => a.reasons.find((r) => r.code === code)).filter(Boolean);
  const sorted = named.map((r, i) => [r, i]).sort(([x, i], [y, j]) => (STATUS_ORDER[x.status] ?? 2) - (STATUS_ORDER[y.status] ?? 2) || i - j);
  const weighs = named.some((r) => r.status === 'municipality');
  return section(
    'conditions-h',
    'ui.results.conditions',
    h('p', { class: 'ds-paragraph' }, t('ui.results.conditions_intro')),
    h(
      'ul',
      { class: 'plain reasons conditions' },
      sorted.map(([r]) =>
        h(
          'li',
          { class: 'reason condition', 'data-code': r.code, 'data-status': r.status },
          h('span', { class: 'ds-tag', 'data-color': STATUS_COLOR[r.status] || 'neutral' }, t(`status.${r.status}`)),
          h('span', { class: 'reason-text' }, t(r.key, r.inputs)),
          reasonWhy(r, a.reasons.indexOf(r), 'cond'),
        ),
      ),
    ),
    weighs ? h('p', { class: 'ds-paragraph facts' }, t('ui.results.status_explained')) : null,
  );
}

/** The processing time in the page's language: the profile's own words, else its number of days. */
function processingTime(m) {
  const pt = m?.processing_time;
  if (!pt) return '';
  const own = pt.text && (pt.text[lang()] || pt.text.nb);
  if (own) return own;
  return Number.isInteger(pt.days) ? t('ui.municipality.days', { days: pt.days }) : '';
}

/** A link that opens in a new tab, said to screen readers. */
const outLink = (href, ...kids) => h('a', { class: 'ds-link', href, target: '_blank', rel: 'noopener noreferrer' }, ...kids, h('span', { class: 'ds-sr-only' }, ` ${t('ui.link.new_tab')}`));

/**
 * Where and how to apply, first in the next steps: the municipality's form,
 * contact page and processing time when the page is for one; else how to
 * apply (in writing or orally, to the municipality where you live) and how
 * to find its form.
 */
function applyHow(a) {
  const m = a.municipality;
  const time = processingTime(m);
  if (m && (m.form || m.contact || time)) {
    const name = m.name || t('report.municipality');
    const lines = [];
    if (m.form) lines.push(h('li', {}, outLink(m.form, t('ui.municipality.form'))));
    if (m.contact) lines.push(h('li', {}, outLink(m.contact, t('ui.municipality.contact', { name }))));
    if (time) lines.push(h('li', {}, h('strong', {}, `${t('ui.print.processing_time')}: `), time));
    return h(
      'div',
      { class: 'apply-how municipality-steps', id: 'municipality-steps', role: 'group', 'aria-labelledby': 'municipality-steps-h' },
      h('h4', { class: 'ds-heading', 'data-size': 'xs', id: 'municipality-steps-h' }, t('ui.next.municipality', { name })),
      h('ul', { class: 'plain municipality-links' }, lines),
    );
  }
  return h('div', { class: 'apply-how', id: 'apply-how' }, h('p', { class: 'ds-paragraph' }, t('ui.next.apply_how')), h('p', { class: 'ds-paragraph' }, t('ui.next.find_form')));
}

function nextBlock(a) {
  const steps = withOwn(a, 'next_steps');
  return section('next-h', 'report.next_steps', applyHow(a), steps.length ? h('ol', { class: 'notes steps' }, noteItems(steps, 'next')) : null);
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
  // A new verdict is said in the status region; so is the verdict after a
  // language switch, so that the region speaks the language now chosen.
  if (view.lastVerdict !== a.verdict || announcedIn !== lang()) {
    announce(t('ui.announce.verdict', { title: t(`verdict.${a.verdict}.title`), hours: a.hours.counted }), 'verdict');
  }
  view.lastVerdict = a.verdict;
  announcedIn = lang();
  // Each block with what it shows: typing an age redraws the reasons and
  // the documents, not the hours, the sources or the rest.
  const sources = [a.sources, a.municipality?.sources];
  const names = [state.needs, state.monthly];
  const hr = a.reasons.find((r) => r.code === 'HOURS');
  const named = a.reasons.filter((r) => CONDITIONS.includes(r.code));
  const notes = (id, key, list, tag, cls, prefix) => [id, [list, sources], () => (list.length ? section(id, key, h(tag, { class: cls }, noteItems(list, prefix))) : null)];
  const m = a.municipality;
  drawParts(box, [
    ['verdict-h', [a.verdict, hr?.inputs], () => verdictBlock(a)],
    ['conditions-h', [named, sources], () => conditionsBlock(a)],
    ['hours-h', [a.hours, a.trace, hr, names, night(), view.params, sources], () => hoursBlock(a)],
    ['excluded-h', [a.exclusions, a.trace, names, sources], () => exclusionsBlock(a)],
    ['next-h', [withOwn(a, 'next_steps'), m?.name, m?.form, m?.contact, m?.processing_time, sources], () => nextBlock(a)],
    ['docs-h', [withOwn(a, 'documents'), sources], () => section('docs-h', 'report.documents', h('p', { class: 'ds-paragraph' }, t('ui.results.documents_help')), h('ul', { class: 'notes checklist' }, noteItems(withOwn(a, 'documents'), 'doc')))],
    notes('warnings-h', 'report.warnings', a.warnings, 'ul', 'plain notes', 'warn'),
    notes('alt-h', 'report.alternatives', withOwn(a, 'alternatives'), 'ul', 'plain notes', 'alt'),
    ['more', [a.reasons, sources], () => moreBlock(a)],
    ['rules-version', [a.assessment_date, a.rules_from], () => h('p', { class: 'ds-paragraph rules-version' }, rulesLine(a))],
  ]);
}

/** The language the verdict was last said in (the status region). */
let announcedIn = null;

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
