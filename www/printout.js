// The printout: a self-assessment (egenkartlegging) to attach to the
// application, as Oslo's routine invites (seed 001: "Det er ingenting i
// veien for at søker selv kan gjøre en egenkartlegging"). The browser's own
// "Skriv ut / Lagre som PDF" makes the file: no PDF generator, nothing sent.
//
// It is drawn from the case and the engine's assessment into #printout,
// which only paper shows (print.css), when the page is about to be printed
// (print-panel.js calls drawPrintout() on `beforeprint`, on the print media
// query and from its print button), so that Ctrl+P prints the same as the
// button and typing does not redraw a page nobody sees. This module is
// loaded only once the page is in use (print-panel.js). What it holds, in
// order (the page's: the answer first, then what to do, then the details):
//   heading, date and the rules' date, "Dette er ikke et vedtak";
//   the short answer, the four conditions and the hours as figures that
//   add up; the next steps with the municipality's contact right after;
//   the documents as a checklist with boxes; what it may cost (an
//   estimate, with the year's figures); the person's answers;
//   the week as a 7×24 table; the needs day by day with hours;
//   each need's hours and each day's, what was left out, the reasons with
//   sources; warnings; the person's own words; alternatives; optionally
//   the caseworker view and the share link (each only when the person
//   ticks it); the sources.
// A letter or a complaint the person prints (options.document) comes first,
// on pages of its own, or alone: drawn from plain text only.
// Black and white: letters and words carry the meaning, never colour.
import { encode_link, forms, today } from './engine.js';
import { t, lang, fmtNumber } from './i18n.js';
import { h, $ } from './dom.js';
import { DAYS, dayOccurrences, fmtMinutes, toMinutes } from './clock.js';
import { NOTE_FIELDS } from './notes.js';
import { caseworkerContent } from './caseworker.js';
import { processingTime } from './municipality.js';
import { hoursSum, rulesLine } from './why.js';
import { words } from './words.js';
import { costEstimate, costNotes, costFigures, costSources } from './cost-lines.js';

const hrs = (n) => fmtNumber(Number(n) || 0);
const cap = (s) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
const needName = (n) => (n && n.label ? n.label : t(`kind.${n?.kind}`));

/**
 * One of the law's values (age limit, night window "23:00", …) as the
 * engine gives it: the assessment's (the rules of its date), else the
 * values in force today (wasm `forms()`). No rule's number is written here.
 */
function param(a, name) {
  const used = a?.parameters ?? (forms().forms?.law.used || []);
  return used.find((x) => x.name === name)?.value;
}

/** The night window shown on the page: the case's own, else the municipality's, else the law's. */
function night(state, a) {
  if (state.settings?.night) return state.settings.night;
  if (a?.municipality?.night) return a.municipality.night;
  return { start: param(a, 'night_start'), end: param(a, 'night_end') };
}

/**
 * A note's text: the engine's code through the catalogue, or a profile's own
 * text; with its link written out, unless it is the municipality's form or
 * contact page, which "Kontakt kommunen" prints once.
 */
function noteText(n, a) {
  const own = n.text && typeof n.text === 'object' ? n.text[lang()] || n.text.nb : null;
  const text = own || t(`note.${n.code}`, n.inputs || {});
  const printedOnce = [a?.municipality?.form, a?.municipality?.contact].filter(Boolean);
  return n.link && !printedOnce.includes(n.link) ? `${text} (${n.link})` : text;
}

/** Every source the answer names, once: the law's, and the municipality's own pages. */
function allSources(a) {
  const seen = new Set();
  return [...a.sources, ...(a.municipality?.sources || [])].filter((s) => !seen.has(s.id) && seen.add(s.id));
}

/** The numbers (1, 2, …) of a list of source ids in the printout's list of sources. */
function sourceNumbers(a, ids = []) {
  const all = allSources(a);
  return [...new Set(ids.map((id) => all.findIndex((s) => s.id === id) + 1).filter((n) => n > 0))].sort((x, y) => x - y);
}

/** The engine's notes of one kind followed by the municipality's own. */
const withOwn = (a, kind) => [...a[kind], ...(a.municipality?.[kind] || [])];

/** "Kilde: [1, 5]": the numbers of the sources in the list at the end. */
function sourcesLine(a, ids) {
  const nums = sourceNumbers(a, ids);
  return nums.length ? h('span', { class: 'po-src' }, ` ${t('ui.print.source', { sources: `[${nums.join(', ')}]` })}`) : null;
}

const section = (titleKey, ...kids) => h('section', { class: 'po-section' }, h('h2', {}, t(titleKey)), ...kids);

// ---- The parts of the printout -------------------------------------------------

function head(state, a) {
  const m = a?.municipality;
  return h(
    'header',
    { class: 'po-head' },
    h('p', { class: 'po-kicker' }, m?.name ? `${t('ui.title')} · ${m.name}` : t('ui.title')),
    // Not an <h1>: the page keeps one h1 (the printout is hidden on screen).
    h('p', { class: 'po-title' }, t('ui.print.title')),
    h('p', { class: 'po-small' }, t('ui.print.printed', { date: today() }), a ? ` ${rulesLine(a)}` : ''),
    h('p', { class: 'po-notice' }, h('strong', {}, t('verdict.not_a_decision'))),
  );
}

/** The four conditions of the right, settled ones first (as on the page). */
const CONDITIONS = ['AGE', 'LONG_LASTING', 'HOURS', 'ARBEIDSLEDER'];
const STATUS_ORDER = { met: 0, not_met: 1, unknown: 2, municipality: 3 };

/** The hours as lines that add up (why.js hoursSum()), sub-lines indented. */
function sumLines(a) {
  // On paper a line of 0 hours is left out (the sum is the same): the printout keeps to 3 pages.
  const zero = (l) => (l.key === 'excluded' || l.key === 'overlap') && !/[1-9]/.test(l.text.replace(/^[^:]*:/, ''));
  return h('ul', { class: 'po-sum' }, hoursSum(a.hours).filter((l) => !zero(l)).map((l) => h('li', { class: l.level === 1 ? 'po-sub' : l.level === 'total' ? 'po-total' : null }, l.text)));
}

function summary(a) {
  const hr = a.reasons.find((r) => r.code === 'HOURS');
  // "Det er kommunen som bestemmer" once: in the notice at the top.
  const body = t(`verdict.${a.verdict}.body`, hr ? hr.inputs : {}).replace(t('ui.results.decides'), '').trim();
  const conditions = CONDITIONS.map((c) => a.reasons.find((r) => r.code === c))
    .filter(Boolean)
    .sort((x, y) => (STATUS_ORDER[x.status] ?? 2) - (STATUS_ORDER[y.status] ?? 2));
  return section(
    'ui.print.summary',
    h('p', { class: 'po-verdict' }, h('strong', {}, t(`verdict.${a.verdict}.title`))),
    h('p', {}, body),
    // One line: the reasons in full are under "Timer og begrunnelse".
    h('p', { class: 'po-conditions' }, conditions.map((r) => `${t(`ui.reason_name.${r.code}`)}: ${t(`status.${r.status}`)}`).join(' · ')),
    h('p', { class: 'po-big' }, t('ui.hours.counted', { hours: a.hours.counted })),
    sumLines(a),
    a.hours.counted_monthly > 0 ? h('p', { class: 'po-small' }, t('ui.hours.monthly', { hours: a.hours.counted_monthly })) : null,
  );
}

/** The person's answers, each question with its answer or "Ikke svart". */
function answers(state, a) {
  const p = state.person || {};
  const none = t('ui.print.no_answer');
  const limit = { age_limit: param(a, 'age_limit'), years: param(a, 'long_lasting_years'), adult_age: param(a, 'adult_age') };
  const rows = [
    [t('ui.age.label'), Number.isInteger(p.age) ? String(p.age) : none],
    [t('ui.long.legend', limit), p.long_lasting ? t(`ui.answer.${p.long_lasting}`) : none],
  ];
  if (p.granted_before_67) rows.push([t('ui.granted.legend', limit), t(`ui.answer.${p.granted_before_67}`)]);
  // Asked only when they matter (the night, a child): printed when answered.
  for (const [key, text] of [['awake_at_night', 'awake'], ['beyond_normal_care', 'normal_care'], ['lives_at_home', 'at_home']]) {
    if (p[key]) rows.push([t(`ui.${text}.legend`), t(`ui.answer.${p[key]}`)]);
  }
  rows.push(
    [t('ui.applicant.legend'), p.applicant ? t(`ui.applicant.${p.applicant}`, limit) : none],
    [t('ui.arbeidsleder.legend'), p.arbeidsleder ? t(`ui.arbeidsleder.${p.arbeidsleder}`) : none],
    [t('ui.services.legend'), Array.isArray(p.current_services) && p.current_services.length ? p.current_services.map((s) => t(`ui.services.${s}`)).join(', ') : none],
  );
  return section(
    'ui.print.person',
    h('table', { class: 'po-table po-answers' }, h('tbody', {}, rows.map(([q, ans]) => h('tr', {}, h('th', { scope: 'row' }, q), h('td', {}, ans))))),
  );
}

/** Does [from, to) (minutes) overlap the night window? For marking hour columns. */
function inNight(from, to, nightWindow) {
  const s = toMinutes(nightWindow.start);
  const e = toMinutes(nightWindow.end);
  if (Number.isNaN(s) || Number.isNaN(e) || s === e) return false;
  const spans = s < e ? [[s, e]] : [[s, 1440], [0, e]];
  return spans.some(([a, b]) => from < b && to > a);
}

/**
 * The week as a 7×24 table: in each hour, the numbers of the needs that
 * want help then (the numbers of the list below, as on the page).
 */
function weekGrid(state, a) {
  const nightWindow = night(state, a);
  const needs = Array.isArray(state.needs) ? state.needs : [];
  const hours = [...Array(24).keys()];
  const rows = DAYS.map((d, i) => {
    const occ = dayOccurrences(needs, i);
    const cells = hours.map((hour) => {
      const from = hour * 60;
      const nums = [...new Set(occ.filter((o) => o.from < from + 60 && o.to > from).map((o) => o.need + 1))].sort((x, y) => x - y);
      const text = nums.length > 2 ? `${nums[0]}+` : nums.join(',');
      return h('td', { class: nums.length ? 'on' : null }, text);
    });
    return h('tr', {}, h('th', { scope: 'row' }, t(`ui.day_short.${d}`)), cells);
  });
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, h('span', { class: 'po-sr' }, t('ui.print.col_day'))),
    hours.map((hour) => h('th', { scope: 'col' }, `${String(hour).padStart(2, '0')}${inNight(hour * 60, hour * 60 + 60, nightWindow) ? '*' : ''}`)),
  );
  return section(
    'ui.print.week',
    h('table', { class: 'po-grid' }, h('caption', {}, t('ui.print.week_caption')), h('thead', {}, head), h('tbody', {}, rows)),
    h('p', { class: 'po-small po-key' }, t('ui.print.night_key', { start: nightWindow.start, end: nightWindow.end })),
  );
}

/** "07:00–08:00", with words when it crosses midnight. */
function occTime(o) {
  const span = `${fmtMinutes(o.from)}–${fmtMinutes(o.to)}`;
  if (o.fromDayBefore) return `${span} ${t('ui.clock.from_day_before')}`;
  if (o.untilNextDay) return `${span} ${t('ui.clock.until_next_day')}`;
  return span;
}

/**
 * The needs day by day: each day a small table of its help with times,
 * headed by the day's hours (two days side by side on paper).
 */
function days(state, a) {
  const needs = Array.isArray(state.needs) ? state.needs : [];
  const tables = DAYS.map((d, i) => {
    const occ = dayOccurrences(needs, i);
    const per = a.hours.per_day.find((x) => x.day === d);
    const dayName = t(`day.${d}`);
    const b = per?.breakdown;
    const once = b ? (b.overlap_health || 0) + (b.overlap_needs || 0) : per?.overlap || 0;
    // The day's figures that add up: counted + left out + counted once = mapped.
    const total = per && per.mapped !== per.counted
      ? `${dayName}: ${[
          t('report.counted', { hours: per.counted }),
          per.excluded > 0 ? t('report.excluded', { hours: per.excluded }) : null,
          once > 0 ? t('report.overlap', { hours: once }) : null,
          t('report.mapped', { hours: per.mapped }),
        ].filter(Boolean).join(' + ').replace(' + =', ' =')}`
      : per
        ? t('ui.clock.day_hours', { day: dayName, counted: per.counted, excluded: 0 })
        : dayName;
    const rows = occ.length
      ? occ.map((o) => {
          const n = needs[o.need];
          const notes = [];
          if (n.label) notes.push(t(`kind.${n.kind}`));
          if (n.continuous) notes.push(t('ui.need.continuous'));
          if (n.helpers > 1) notes.push(t('ui.need.helpers', { count: n.helpers }));
          if (n.place && n.place !== 'home') notes.push(t(`place.${n.place}`));
          return h(
            'tr',
            {},
            h('th', { scope: 'row', class: 'po-time' }, occTime(o)),
            h('td', {}, `${o.need + 1}. ${needName(n)}`, notes.length ? h('span', { class: 'po-note' }, ` (${notes.join(', ')})`) : null),
          );
        })
      : [h('tr', {}, h('td', { colspan: 2 }, t('ui.clock.none')))];
    return h('table', { class: 'po-table po-day' }, h('caption', {}, cap(total)), h('tbody', {}, rows));
  });
  const monthly = a.trace.filter((tr) => tr.monthly);
  return section(
    'ui.print.days',
    h('div', { class: 'po-days' }, tables),
    monthly.length
      ? h('ul', { class: 'po-list' }, monthly.map((tr) => {
          const m = state.monthly?.[tr.need] || {};
          return h('li', {}, t('ui.print.monthly', { kind: t(`kind.${m.kind}`), month: m.hours_per_month ?? 0, hours: tr.counted }));
        }))
      : null,
  );
}

/** Counted and excluded hours with their reasons and sources. */
function hoursAndReasons(state, a) {
  const needs = Array.isArray(state.needs) ? state.needs : [];
  const trace = h(
    'table',
    { class: 'po-table po-trace' },
    h('thead', {}, h('tr', {}, ['ui.hours.col_need', 'ui.hours.col_mapped', 'ui.hours.col_counted', 'ui.hours.col_overlap', 'ui.hours.col_excluded'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h(
      'tbody',
      {},
      a.trace.map((tr) => {
        const name = tr.monthly ? t('ui.hours.monthly_row', { kind: t(`kind.${state.monthly?.[tr.need]?.kind}`) }) : `${tr.need + 1}. ${needName(needs[tr.need])}`;
        const left = Object.entries(tr.excluded || {}).map(([c, v]) => `${hrs(v)} (${t(`cause.${c}`)})`).join(', ');
        return h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, hrs(tr.mapped)), h('td', {}, hrs(tr.counted)), h('td', {}, hrs(tr.overlap)), h('td', {}, left || '0'));
      }),
    ),
  );
  const exclusions = a.exclusions.map((n) => {
    const cause = n.code.replace(/^EXCLUDED_/, '').toLowerCase();
    return h('li', {}, h('strong', {}, `${t(`cause.${cause}`)}: `), noteText(n, a), sourcesLine(a, n.sources));
  });
  const reasons = a.reasons.map((r) =>
    h('li', {}, h('strong', {}, `[${t(`status.${r.status}`)}] `), t(r.key, r.inputs), sourcesLine(a, r.sources)),
  );
  return section(
    'ui.print.hours',
    a.trace.length ? trace : null,
    h('h3', {}, t('ui.results.excluded')),
    exclusions.length ? h('ul', { class: 'po-list' }, exclusions) : h('p', {}, t('ui.print.none_excluded')),
    h('h3', {}, t('report.reasons')),
    h('ul', { class: 'po-list' }, reasons),
  );
}

function notesList(a, titleKey, notes, ordered = false) {
  if (!notes.length) return null;
  return section(titleKey, h(ordered ? 'ol' : 'ul', { class: 'po-list' }, notes.map((n) => h('li', {}, noteText(n, a)))));
}

/** The documents, each with a box to tick by hand. */
function documents(a) {
  return section(
    'report.documents',
    h('ul', { class: 'po-checklist' }, withOwn(a, 'documents').map((n) => h('li', {}, h('span', { class: 'po-box', 'aria-hidden': 'true' }), h('span', {}, noteText(n, a))))),
  );
}

/**
 * What it may cost, as the CLI's report says it: always an estimate, with
 * the year's figures named (and marked when not checked) when anything in
 * the map may carry a charge.
 */
function costPart(a) {
  const cost = a.cost;
  if (!cost) return null;
  const estimate = [costEstimate(cost), sourcesLine(a, costSources(cost))];
  // Nothing in the map may carry a charge: one line, not a section (the printout keeps to 3 pages).
  // (The note says itself that it is an estimate, and of which year.)
  if (!(cost.chargeable_hours > 0)) return h('p', { class: 'po-small po-cost' }, ...estimate);
  const figures = costFigures(cost, a.municipality);
  return section(
    'report.cost',
    h('p', {}, ...estimate),
    cost.notes.length ? h('ul', { class: 'po-list' }, costNotes(cost).map((n) => h('li', {}, n))) : null,
    figures.length ? h('p', { class: 'po-small' }, `${words('ui.cost.figures', { year: cost.year })} ${figures.join('; ')}. ${t('ui.cost.not_a_decision')}`) : null,
  );
}

/** The kartlegging questions with the person's own short answers. */
function ownWords(state) {
  const notes = state.notes || {};
  return section(
    'ui.print.own_words',
    h('p', { class: 'po-small' }, t('ui.print.own_words_intro')),
    h(
      'dl',
      { class: 'po-words' },
      NOTE_FIELDS.map((key) => [
        h('dt', {}, t(`ui.notes.${key}.label`)),
        h('dd', { class: notes[key] ? null : 'po-empty' }, notes[key] ? notes[key] : t('ui.print.not_filled')),
      ]),
    ),
  );
}

/** The municipality's contact, from its profile (assessment.municipality) when there is one. */
function contact(a) {
  const m = a?.municipality;
  const lines = [];
  if (m?.name) lines.push(h('p', {}, h('strong', {}, m.name)));
  const time = processingTime(m);
  if (m?.contact) lines.push(h('p', {}, `${t('ui.print.contact')}: ${m.contact}`));
  if (m?.form) lines.push(h('p', {}, `${t('ui.print.form')}: ${m.form}`));
  if (time) lines.push(h('p', {}, `${t('ui.print.processing_time')}: ${time}`));
  // No profile: how to apply (in writing or orally, where you live) and how to find the form.
  if (!lines.length) lines.push(h('p', {}, t('ui.next.apply_how')), h('p', {}, t('ui.next.find_form')));
  return section('ui.print.municipality', ...lines);
}

/** The share link, only when the person asked for it; never by default. */
function shareLink(state) {
  const reply = encode_link(state);
  if (!reply || !reply.ok) return section('ui.print.link_title', h('p', {}, t('ui.print.link_failed')));
  const url = new URL(location.href);
  for (const p of ['embed', 'host']) url.searchParams.delete(p);
  url.hash = reply.link;
  return section('ui.print.link_title', h('p', { class: 'po-small' }, t('ui.print.link_warning')), h('p', { class: 'po-url' }, url.href));
}

function sourcesAll(a) {
  return section('report.sources', h('ol', { class: 'po-list po-sources' }, allSources(a).map((s) => h('li', {}, h('span', { lang: s.title_lang || null }, s.title), `. ${s.url}`))));
}

/**
 * A letter or a complaint as the person copies it (`doc.blocks`: each
 * block's kind and its words as plain text, paper.js `blocksPlain()`):
 * headings, paragraphs, lists and the lines to fill in. Only text: h()
 * makes every string a text node, so the person's own words are never
 * markup; their line breaks are kept by print.css (pre-line).
 */
function printedDocument(doc) {
  const kids = [];
  let list = null;
  let fields = null;
  for (const b of Array.isArray(doc.blocks) ? doc.blocks : []) {
    const text = String(b?.text ?? '');
    if (b.kind !== 'item') list = null;
    if (b.kind !== 'field') fields = null;
    if (b.kind === 'heading') kids.push(h(kids.length ? 'h3' : 'h2', {}, text));
    else if (b.kind === 'item') {
      if (!list) kids.push((list = h('ul', {})));
      list.append(h('li', {}, text));
    } else if (b.kind === 'field') {
      if (!fields) kids.push((fields = h('p', { class: 'po-fields' }, text)));
      else fields.append(document.createTextNode(`\n${text}`));
    } else kids.push(h('p', {}, text));
  }
  return h('article', { class: 'po-section po-document', lang: doc.lang || null }, kids);
}

// ---- Drawing ------------------------------------------------------------------

/**
 * Draws #printout from the case and the assessment; `options` are the
 * person's choices under the results, `{ caseworker, link }`, and the
 * letter or complaint being printed, `document: { lang, blocks, alone }`
 * or null.
 */
export function drawPrintout(state, a, options) {
  const box = $('#printout');
  if (!box) return;
  box.setAttribute('lang', lang());
  const doc = options.document ? printedDocument(options.document) : null;
  if (doc && options.document.alone) {
    box.replaceChildren(doc);
    return;
  }
  if (!a) {
    box.replaceChildren(...[doc, head(state, a), h('p', {}, t('ui.results.fix_errors'))].filter(Boolean));
    return;
  }
  const empty = !state.needs?.length && !state.monthly?.length;
  const parts = [
    doc,
    head(state, a),
    empty ? section('ui.print.summary', h('p', {}, t('ui.results.empty'))) : summary(a),
    notesList(a, 'report.next_steps', withOwn(a, 'next_steps'), true),
    contact(a),
    documents(a),
    empty ? null : costPart(a),
    answers(state, a),
    weekGrid(state, a),
    days(state, a),
    empty ? null : hoursAndReasons(state, a),
    notesList(a, 'report.warnings', a.warnings),
    ownWords(state),
    notesList(a, 'report.alternatives', withOwn(a, 'alternatives')),
    options.caseworker && !empty ? h('section', { class: 'po-section po-caseworker' }, h('h2', {}, t('ui.caseworker.title')), caseworkerContent(state, a, { compact: true })) : null,
    options.link ? shareLink(state) : null,
    sourcesAll(a),
    h('p', { class: 'po-small po-foot' }, t('ui.print.footer')),
  ];
  box.replaceChildren(...parts.filter(Boolean));
}
