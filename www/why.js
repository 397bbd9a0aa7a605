// The short "why?" that opens under a result or a need, and the law's
// sources it lists (title, link, summary), from the engine's last answer;
// and the hours as figures that add up (the page, the caseworker view and
// the printout show the same lines).
//
// Each "why?" says in its name what it explains ("Hvorfor teller ikke
// natten?"): a screen-reader user who lists the page's controls hears two
// dozen different questions, not one name repeated.
import { h } from './dom.js';
import { t, lang, fmtNumber } from './i18n.js';
import { state, view } from './state.js';

/** Sources (title + link + summary) for a list of source ids. */
export function sourceList(ids) {
  // The law's sources, and a municipality profile's own pages.
  const all = [...(view.assessment?.sources || []), ...(view.assessment?.municipality?.sources || [])];
  const items = ids.map((id) => all.find((s) => s.id === id)).filter(Boolean);
  if (!items.length) return null;
  return h(
    'ul',
    { class: 'sources' },
    items.map((s) =>
      h(
        'li',
        {},
        // A title that is a Norwegian name stays Norwegian on an English page: say so to the reader.
        h('a', { class: 'ds-link', href: s.url, target: '_blank', rel: 'noopener noreferrer', lang: s.title_lang || null }, s.title, h('span', { class: 'ds-sr-only', lang: s.title_lang ? lang() : null }, ` ${t('ui.link.new_tab')}`)),
        h('br'),
        h('span', { class: 'source-summary' }, s.summary),
      ),
    ),
  );
}

/** The first words of a text, for a name that says what a "why?" is about. */
function firstWords(text, max = 7) {
  const words = String(text).split(/\s+/).filter(Boolean);
  return words.length > max ? `${words.slice(0, max).join(' ')} …` : words.join(' ').replace(/[.:]$/, '');
}

/**
 * A "why?" whose summary says what it explains. `label` is the question
 * ("Hvorfor teller ikke natten?"), or `{ text, about }`: a short visible
 * "Hvorfor?" and, for screen readers, what it is about.
 */
export function whyNamed(key, label, ...content) {
  const summary =
    typeof label === 'string'
      ? label
      : [label.text, h('span', { class: 'ds-sr-only' }, ` ${t('ui.why.note_about', { text: firstWords(label.about) })}`)];
  return h(
    'details',
    { class: 'why', 'data-key': key },
    h('summary', { 'data-focus': `why-${key}` }, summary),
    h('div', { class: 'why-body' }, ...content),
  );
}

/** A need's name as the list shows it: its own words, else its kind. */
const needLabel = (n) => (n?.label ? n.label : t(`kind.${n?.kind}`));

/**
 * A short "why?" that opens under a result or a need. The need list's
 * (`need-3`) is named after its need; others pass their name to whyNamed().
 */
export function why(key, ...content) {
  const m = /^need-(\d+)$/.exec(key);
  const label = m ? { text: t('ui.why.note'), about: `${Number(m[1]) + 1}. ${needLabel(state.needs?.[m[1]])}` } : t('ui.why');
  return whyNamed(key, label, ...content);
}

const hrs = (n) => fmtNumber(Number(n) || 0);

/**
 * The week's hours as lines that add up: counted, left out by cause,
 * counted once because of overlap by kind (health help inside other help;
 * needs that overlap), beyond the week's 168 hours, = mapped; then the
 * health help mapped, overlapping or not. `{ key, text, level }`, level 1
 * for a line that is part of the one above it, 'total' for the sum, 'note'
 * for the line after it. The same lines as the CLI's report.
 */
export function hoursSum(hours) {
  const w = hours.week || { counted: hours.counted, excluded: hours.excluded || {}, overlap_health: 0, overlap_needs: hours.overlap || 0, beyond_week: 0, mapped: hours.mapped, health_mapped: 0 };
  const excluded = Object.entries(w.excluded || {}).filter(([, v]) => v > 0);
  const excludedTotal = excluded.reduce((s, [, v]) => s + v, 0);
  const overlap = (w.overlap_health || 0) + (w.overlap_needs || 0);
  const lines = [{ key: 'counted', text: t('report.counted', { hours: hrs(w.counted) }), level: 0 }];
  lines.push({ key: 'excluded', text: t('report.excluded', { hours: hrs(excludedTotal) }), level: 0 });
  for (const [cause, v] of excluded) lines.push({ key: `excluded.${cause}`, text: `${t(`cause.${cause}`)}: ${t('report.hours_only', { hours: hrs(v) })}`, level: 1 });
  lines.push({ key: 'overlap', text: t('report.overlap', { hours: hrs(overlap) }), level: 0 });
  if (overlap > 0) {
    lines.push({ key: 'overlap_health', text: t('report.overlap_health', { hours: hrs(w.overlap_health) }), level: 1 });
    lines.push({ key: 'overlap_needs', text: t('report.overlap_needs', { hours: hrs(w.overlap_needs) }), level: 1 });
  }
  if (w.beyond_week > 0) lines.push({ key: 'beyond_week', text: t('report.beyond_week', { hours: hrs(w.beyond_week) }), level: 0 });
  lines.push({ key: 'mapped', text: t('report.mapped', { hours: hrs(w.mapped) }), level: 'total' });
  if (w.health_mapped > 0) lines.push({ key: 'health_mapped', text: t('report.health_mapped', { hours: hrs(w.health_mapped) }), level: 'note' });
  return lines;
}

/** hoursSum() as a list: the sub-lines in a list of their own under their line. */
export function hoursSumList(hours, cls = 'hours-sum') {
  const items = [];
  for (const line of hoursSum(hours)) {
    if (line.level === 1 && items.length) {
      const last = items[items.length - 1];
      (last.subs ||= []).push(h('li', { 'data-line': line.key }, line.text));
    } else items.push({ line, subs: null });
  }
  return h(
    'ul',
    { class: cls },
    items.map(({ line, subs }) =>
      h('li', { 'data-line': line.key, class: line.level === 'total' ? 'sum-total' : line.level === 'note' ? 'sum-note' : null }, line.text, subs ? h('ul', {}, subs) : null),
    ),
  );
}

/** A date "2020-07-01" as the language writes it: "1. juli 2020". */
export function longDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  if (!m) return iso || '';
  const tag = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' }[lang()] || lang();
  try {
    return new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  } catch {
    return iso;
  }
}

/** "Vurdert 2. desember 2026 etter reglene som gjelder fra 1. juli 2020." */
export function rulesLine(a) {
  return t('ui.results.rules', { date: longDate(a.assessment_date), from: longDate(a.rules_from || a.assessment_date) });
}
