// 3. The døgnklokke section: the day tabs, the day's clock, bar, hours,
// legend and table in the tab panel, and the week strip under it. The
// drawings themselves are clock.js; this draws them from the case and the
// engine's hours, and lets a need picked on the clock be the one selected
// in the list (and the other way round). The clock holds no state of its
// own: the list of needs is the input.
import { h, $, $$ } from './dom.js';
import { t } from './i18n.js';
import { state, view, night, KINDS } from './state.js';
import { DAYS, svgEl, swatch, dayOccurrences, drawClock, drawDayBar, drawWeek, fmtMinutes } from './clock.js';
import { replaceKids, unchanged, cap } from './draw.js';
import { needName, renderNeedList } from './needs.js';

export function buildTabs() {
  const list = $('#day-tabs');
  list.replaceChildren(
    ...DAYS.map((d, i) =>
      h(
        'button',
        { type: 'button', role: 'tab', id: `tab-${d}`, 'aria-controls': 'day-panel', 'data-day': i, 'aria-selected': 'false', tabindex: -1, 'data-i18n-label': `day.${d}`, 'aria-label': cap(t(`day.${d}`)), onclick: () => selectDay(i, false) },
        h('span', { i18n: `ui.day_short.${d}` }),
      ),
    ),
  );
  list.addEventListener('keydown', (e) => {
    const moves = { ArrowRight: 1, ArrowLeft: -1, Home: 'first', End: 'last' };
    if (!(e.key in moves)) return;
    e.preventDefault();
    const m = moves[e.key];
    const next = m === 'first' ? 0 : m === 'last' ? 6 : (view.day + m + 7) % 7;
    selectDay(next, true);
  });
}

function selectDay(i, focus) {
  view.day = i;
  renderClock();
  if (focus) $(`#tab-${DAYS[i]}`).focus();
}

/** "07:00–08:00" for an occurrence, with words when it crosses midnight. */
function occTime(o) {
  const span = `${fmtMinutes(o.from)}–${fmtMinutes(o.to)}`;
  if (o.fromDayBefore) return `${span} ${t('ui.clock.from_day_before')}`;
  if (o.untilNextDay) return `${span} ${t('ui.clock.until_next_day')}`;
  return span;
}

function dayHours(d) {
  return view.assessment?.hours.per_day.find((x) => x.day === DAYS[d]);
}

export function renderClock() {
  const d = view.day;
  for (const [i, day] of DAYS.entries()) {
    const tab = $(`#tab-${day}`);
    tab.setAttribute('aria-selected', String(i === d));
    tab.tabIndex = i === d ? 0 : -1;
  }
  const panel = $('#day-panel');
  panel.setAttribute('aria-labelledby', `tab-${DAYS[d]}`);
  // The drawings show the needs, the day, the night and the engine's hours
  // per day: only when one of those changed are they drawn again.
  const nightNow = night();
  const perDay = view.assessment?.hours.per_day;
  if (!unchanged('day-panel', [d, view.selected, state.needs, nightNow, perDay])) renderDay(panel, d, nightNow);
  if (!unchanged('week', [d, state.needs, nightNow, perDay])) renderWeek(d, nightNow);
}

/** The day's clock, bar, hours, legend and table (in the tab panel). */
function renderDay(panel, d, nightNow) {
  const occ = dayOccurrences(state.needs, d);
  const dayName = t(`day.${DAYS[d]}`);
  const per = dayHours(d);
  const hoursText = per ? t('ui.clock.center_hours', { hours: per.counted }) : '';
  const items = occ.map((o) => `${o.need + 1} ${needName(state.needs[o.need])} ${occTime(o)}`);
  const desc = occ.length
    ? t('ui.clock.desc', { day: dayName, list: items.join('; '), hours: per ? per.counted : 0, night: `${nightNow.start}–${nightNow.end}` })
    : t('ui.clock.desc_empty', { day: dayName, night: `${nightNow.start}–${nightNow.end}` });
  const labels = { title: t('ui.clock.title', { day: dayName }), desc, day: cap(dayName), hours: hoursText, night: t('ui.clock.night') };
  const clock = drawClock({ occ, night: nightNow, selected: view.selected, labels });
  const bar = drawDayBar({ occ, night: nightNow, selected: view.selected, labels });

  const table = h(
    'table',
    { class: 'ds-table day-table', 'data-border': true, 'data-size': 'sm' },
    h('caption', {}, t('ui.clock.table_caption', { day: dayName })),
    h('thead', {}, h('tr', {}, ['ui.clock.col_time', 'ui.clock.col_help', 'ui.clock.col_note'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h(
      'tbody',
      {},
      occ.length
        ? occ.map((o) => {
            const n = state.needs[o.need];
            const notes = [];
            if (n.continuous) notes.push(t('ui.need.continuous'));
            if (n.helpers > 1) notes.push(t('ui.need.helpers', { count: n.helpers }));
            if (n.place && n.place !== 'home') notes.push(t(`place.${n.place}`));
            return h(
              'tr',
              {},
              h('td', {}, occTime(o)),
              h('td', {}, h('button', { type: 'button', class: 'ds-link link-button', 'data-focus': `occ-${o.need}-${o.from}`, onclick: () => focusNeed(o.need) }, `${o.need + 1}. ${needName(n)}`, h('span', { class: 'ds-sr-only' }, ` ${t('ui.clock.go_to_need')}`))),
              h('td', {}, notes.join(', ')),
            );
          })
        : h('tr', {}, h('td', { colspan: 3 }, t('ui.clock.none'))),
    ),
  );
  const hoursLine = per
    ? h('p', { class: 'ds-paragraph day-hours' }, t(per.excluded > 0 ? 'ui.clock.day_hours_excluded' : 'ui.clock.day_hours', { day: dayName, counted: per.counted, excluded: per.excluded }))
    : null;
  replaceKids(panel, h('div', { class: 'clock-wrap' }, clock, bar), hoursLine, legend(), table);
}

/** The week strip under the clock. */
function renderWeek(d, nightNow) {
  const week = drawWeek({
    needs: state.needs,
    night: nightNow,
    day: d,
    labels: {
      title: t('ui.week.title'),
      desc: t('ui.week.desc', {
        list: DAYS.map((day, i) => t('ui.week.day', { day: t(`day.${day}`), hours: dayHours(i)?.counted ?? 0 })).join('; '),
      }),
      days: DAYS.map((day) => t(`ui.day_short.${day}`)),
    },
  });
  replaceKids($('#week'), week);
}

/** The key to the colours and patterns: the kinds in use, and the night. */
function legend() {
  const kinds = KINDS.filter((k) => state.needs.some((n) => n.kind === k));
  const nightNow = night();
  return h(
    'ul',
    { class: 'legend', 'aria-label': t('ui.clock.legend') },
    kinds.map((k) => h('li', {}, swatch(k), t(`kind.${k}`))),
    h('li', {}, svgEl('svg', { class: 'swatch', viewBox: '0 0 16 16', width: 16, height: 16, 'aria-hidden': 'true', focusable: 'false' }, svgEl('rect', { x: 0.5, y: 0.5, width: 15, height: 15, fill: 'url(#pat-night)', stroke: '#1a1a1a' })),
      t('ui.clock.night_legend', { start: nightNow.start, end: nightNow.end })),
  );
}

/** Selects a need from the clock and moves the keyboard focus to it in the list. */
function focusNeed(i) {
  view.selected = i;
  renderNeedList();
  renderClock();
  const item = $(`#need-${i}`);
  if (item) {
    item.focus();
    item.scrollIntoView({ block: 'center' });
  }
}

/**
 * A need picked on the clock or the week strip, and the selection following
 * the focus in the list of needs: listened to once, on the containers.
 */
export function listenClock() {
  $('#day-panel').addEventListener('click', (e) => {
    const hit = e.target.closest('[data-need]');
    if (hit && hit.closest('svg')) focusNeed(Number(hit.dataset.need));
  });
  $('#week').addEventListener('click', (e) => {
    const row = e.target.closest('[data-day]');
    if (row) selectDay(Number(row.dataset.day), false);
  });
  $('#need-list').addEventListener('focusin', (e) => {
    const item = e.target.closest('.need');
    if (!item) return;
    const i = Number(item.dataset.need);
    if (view.selected !== i) {
      view.selected = i;
      for (const el of $$('#need-list .need')) {
        el.classList.toggle('is-selected', el === item);
        if (el === item) el.setAttribute('aria-current', 'true');
        else el.removeAttribute('aria-current');
      }
      renderClock();
    }
  });
}
