// 3. The døgnklokke section: the day tabs, the day's clock, bar, hours,
// legend and table in the tab panel, and the week strip under it. The
// drawings themselves are clock.js; this draws them from the case and the
// engine's hours, and lets a need picked on the clock be the one selected
// in the list (and the other way round). The clock holds no state of its
// own: the list of needs is the input.
//
// Drawing on the clock is a second way to the same list (the form stays the
// complete one, WCAG 2.5.7): a press at one time dragged to another adds a
// need for that span (on the dial, the bar and the week strip); an arc's end
// dragged changes it (on the dial and the bar); each end of an arc has a
// handle the keyboard moves. Every change
// goes through update() into the list and is said in the status region.
import { h, $, $$ } from './dom.js';
import { t } from './i18n.js';
import { update } from './hooks.js';
import { state, view, night, KINDS } from './state.js';
import { DAYS, svgEl, swatch, dayOccurrences, drawClock, drawDayBar, drawWeek, fmtMinutes, toMinutes, dialAt, dialPreview, lineAt, drawHandles, endPoints } from './clock.js';
import { replaceKids, unchanged, cap, announce } from './draw.js';
import { needName, renderNeedList, removeNeed, startEdit } from './needs.js';

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

/** A need's own span, "22:00–02:00 (neste dag)". */
function timeOf(n) {
  const span = `${n.start}–${n.end}`;
  return n.crosses_midnight ? `${span} ${t('ui.need.next_day')}` : span;
}

/** The time of one end of a need, "02:00 (slutter neste dag)" for an end past midnight. */
function endTime(n, end) {
  return end === 'end' && n.crosses_midnight ? `${n.end} ${t('ui.need.next_day')}` : n[end];
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

/** Draws the day tabs, the day and (unless `week` is false: app.js draws a large map's week in a task of its own) the week. */
export function renderClock({ week = true } = {}) {
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
  if (week && !unchanged('week', [d, state.needs, nightNow, perDay])) renderWeek(d, nightNow);
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
  const handles = (kind, viewBox) =>
    drawHandles({
      viewBox,
      label: t('ui.clock.handles', { day: dayName }),
      describedby: 'clock-keys',
      items: endPoints(occ, kind).map((p) => {
        const n = state.needs[p.need];
        return {
          need: p.need,
          end: p.end,
          key: `${kind}-${p.need}-${p.end}`,
          x: p.x,
          y: p.y,
          value: toMinutes(n[p.end]),
          label: t(`ui.clock.handle_${p.end}`, { need: `${t('ui.need.number', { n: p.need + 1 })}: ${needName(n)}` }),
          valuetext: endTime(n, p.end),
          selected: view.selected === p.need,
        };
      }),
    });

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
  replaceKids(
    panel,
    h('div', { class: 'clock-wrap' },
      h('div', { class: 'dial' }, clock, handles('dial', '0 0 400 400')),
      h('div', { class: 'bar' }, bar, handles('bar', bar.getAttribute('viewBox')))),
    h('p', { class: 'ds-paragraph clock-keys', id: 'clock-keys' }, t('ui.clock.keys')),
    hoursLine,
    legend(),
    // Focusable, so that a keyboard can scroll it when it is wider than the screen.
    h('div', { class: 'day-table-scroll', tabindex: 0, role: 'region', 'aria-label': t('ui.clock.table_caption', { day: dayName }) }, table),
  );
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
  for (const el of [$('#day-panel'), $('#week')]) {
    el.addEventListener('pointerdown', (e) => startDrag(e, el));
    el.addEventListener('pointermove', moveDrag);
    el.addEventListener('pointerup', endDrag);
    el.addEventListener('pointercancel', endDrag);
  }
  $('#day-panel').addEventListener('keydown', handleKey);
  // A handle with the focus is the need selected, here and in the list.
  $('#day-panel').addEventListener('focusin', (e) => {
    const handle = e.target.closest('.handle');
    if (!handle || view.selected === Number(handle.dataset.need)) return;
    view.selected = Number(handle.dataset.need);
    renderNeedList();
    renderClock();
  });
  $('#day-panel').addEventListener('click', (e) => {
    if (dragged) return;
    const hit = e.target.closest('[data-need]');
    if (hit && hit.closest('svg')) focusNeed(Number(hit.dataset.need));
  });
  $('#week').addEventListener('click', (e) => {
    if (dragged) return;
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

// ---- Drawing on the clock ---------------------------------------------------

const STEP = 15;
const DAY = 1440;
const snap = (m) => Math.round(m / STEP) * STEP;
const wrap = (m) => ((m % DAY) + DAY) % DAY;

/** A need's span in minutes: [start, length]. */
function spanOf(n) {
  const s = toMinutes(n.start);
  const e = toMinutes(n.end);
  return [s, n.crosses_midnight || e <= s ? e + DAY - s : e - s];
}

/** Sets a need's times from a start and a length (in minutes, whole quarters). */
function setSpan(n, start, length) {
  const s = wrap(start);
  const end = s + length;
  n.start = fmtMinutes(s);
  if (end > DAY) {
    n.end = fmtMinutes(end - DAY);
    n.crosses_midnight = true;
  } else {
    n.end = fmtMinutes(end); // 24:00 at midnight exactly
    delete n.crosses_midnight;
  }
}

function sayChanged(i) {
  const n = state.needs[i];
  announce(t('ui.announce.clock_changed', { name: needName(n), time: timeOf(n) }));
}

/**
 * Moves one end of need i by `delta` minutes, the other end staying where it
 * is; the help keeps at least a quarter of an hour and less than a day.
 */
function nudge(i, end, delta) {
  const n = state.needs[i];
  const [s, len] = spanOf(n);
  const length = Math.min(DAY - STEP, Math.max(STEP, end === 'start' ? len - delta : len + delta));
  if (length === len) return;
  update(() => setSpan(n, end === 'start' ? s + len - length : s, length));
  sayChanged(i);
}

/**
 * The keys of a handle (each end of an arc has one): the arrows move that
 * end a quarter of an hour (Shift, or Page Up and Page Down, a whole hour),
 * Enter opens the need in the form, Delete removes it (with undo).
 */
function handleKey(e) {
  const handle = e.target.closest('.handle');
  if (!handle) return;
  const i = Number(handle.dataset.need);
  const step = e.shiftKey ? 60 : STEP;
  const moves = { ArrowRight: step, ArrowUp: step, ArrowLeft: -step, ArrowDown: -step, PageUp: 60, PageDown: -60 };
  if (e.key in moves) nudge(i, handle.dataset.end, moves[e.key]);
  else if (e.key === 'Enter' || e.key === ' ') startEdit(i);
  else if (e.key === 'Delete' || e.key === 'Backspace') removeNeed(i);
  else return;
  e.preventDefault();
}

/** A point of a pointer event in an SVG's own units. */
function svgPoint(svg, e) {
  const m = svg.getScreenCTM();
  if (!m) return null;
  const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse());
  return { x: p.x, y: p.y };
}

/** The kind chosen in the form (a need drawn is of that kind), else personal care. */
const formKind = () => $('input[name="nf-kind"]:checked')?.value || 'personal';

/** A drag in progress: { mode: 'new' | 'start' | 'end', … }; null when none. */
let drag = null;
/** A drag just ended: the click that follows it is not a click on an arc. */
let dragged = false;

function dialMinute(e) {
  const p = svgPoint($('#day-panel svg.clock'), e);
  return p ? dialAt(p.x, p.y) : null;
}

/** The minute under the pointer on the day's dial or bar (the one drawn now). */
function dayMinute(kind, e) {
  if (kind === 'dial') return dialMinute(e)?.minute ?? null;
  const p = svgPoint($('#day-panel svg.daybar'), e);
  return p ? lineAt('bar', p.x, p.y).minute : null;
}

/**
 * The end of an arc a press at `p` (the drawing's own units) is on: the
 * nearest real start or end within reach of a finger (24 units on the
 * dial; on the bar 10 units along it, about 45 minutes, and within its row).
 */
function nearEnd(kind, p) {
  const occ = dayOccurrences(state.needs, view.day);
  const reach = kind === 'dial' ? (q) => Math.hypot(q.x - p.x, q.y - p.y) <= 24 : (q) => Math.abs(q.x - p.x) <= 10 && Math.abs(q.y - p.y) <= 14;
  const near = endPoints(occ, kind).filter((q) => q.real && reach(q));
  near.sort((a, b) => Math.hypot(a.x - p.x, a.y - p.y) - Math.hypot(b.x - p.x, b.y - p.y));
  return near[0] || null;
}

function startDrag(e, el) {
  if (e.button !== 0) return;
  const svg = e.target.closest('svg.clock, svg.daybar, svg.week');
  if (!svg) return;
  const kind = svg.classList.contains('clock') ? 'dial' : svg.classList.contains('week') ? 'week' : 'bar';
  const p = svgPoint(svg, e);
  if (!p) return;
  // Near an end of an arc (on the dial or the bar): that end follows the pointer.
  if (kind !== 'week') {
    const end = nearEnd(kind, p);
    if (end) drag = { mode: end.end, need: end.need, kind, moved: false };
  }
  if (kind === 'dial' && !drag) {
    const at = dialAt(p.x, p.y);
    if (at.r < 40 || at.r > 175) return;
    if (e.target.closest('[data-need]')) return; // a press on an arc: a click, to its need
    drag = { mode: 'new', kind, from: snap(at.minute), last: at.minute, sweep: 0, day: view.day, moved: false };
  } else if (!drag) {
    const at = lineAt(kind, p.x, p.y);
    if (!at.inside) return;
    const day = kind === 'week' ? at.row : view.day;
    if (day < 0 || day > 6) return;
    if (kind === 'bar' && e.target.closest('[data-need]')) return; // a press on a bar: a click, to its need
    drag = { mode: 'new', kind, svg, from: snap(at.minute), last: at.minute, sweep: 0, day, moved: false };
  }
  el.setPointerCapture(e.pointerId);
  e.preventDefault();
}

function moveDrag(e) {
  if (!drag) return;
  if (drag.mode === 'new') {
    let minute;
    if (drag.kind === 'dial') {
      const at = dialMinute(e);
      if (!at) return;
      // The angle turned since the last move, so that a drag past 24 goes on.
      drag.sweep += ((at.minute - drag.last + DAY * 1.5) % DAY) - DAY / 2;
      drag.last = at.minute;
      minute = drag.from + drag.sweep;
    } else {
      const p = svgPoint(drag.svg.isConnected ? drag.svg : $(`#day-panel svg.daybar, #week svg.week`), e);
      if (!p) return;
      minute = lineAt(drag.kind, p.x, p.y).minute;
    }
    const to = snap(minute);
    if (to !== drag.from) drag.moved = true;
    drag.to = to;
    showPreview();
    return;
  }
  const minute = dayMinute(drag.kind, e);
  if (minute === null) return;
  const n = state.needs[drag.need];
  const [s, len] = spanOf(n);
  const m = snap(minute);
  let start = s;
  let length = len;
  if (drag.mode === 'end') length = wrap(m - s) || DAY;
  else {
    start = m;
    length = wrap(s + len - m) || DAY;
  }
  if (length < STEP || length >= DAY || (start === s && length === len)) return;
  drag.moved = true;
  update(() => setSpan(n, start, length));
}

/** The outline of the span being drawn, on the dial (the bar and week show it by the status text). */
function showPreview() {
  $$('.draft-arc').forEach((el) => el.remove());
  if (drag.kind !== 'dial' || !drag.moved) return;
  const [a, b] = drag.to > drag.from ? [drag.from, drag.to] : [drag.to, drag.from];
  $('#day-panel svg.clock')?.append(dialPreview(a, b));
}

function endDrag() {
  if (!drag) return;
  const d = drag;
  drag = null;
  $$('.draft-arc').forEach((el) => el.remove());
  if (!d.moved) return;
  dragged = true;
  setTimeout(() => (dragged = false), 0);
  if (d.mode !== 'new') {
    sayChanged(d.need);
    return;
  }
  let [a, b] = d.to > d.from ? [d.from, d.to] : [d.to, d.from];
  if (b - a < STEP) return;
  if (b - a >= DAY) b = a + DAY - STEP;
  const need = { kind: formKind(), days: [DAYS[d.day]] };
  setSpan(need, a, b - a);
  const i = state.needs.length;
  view.selected = i;
  update(() => state.needs.push(need));
  announce(t('ui.announce.drawn', { name: needName(need), day: t(`day.${DAYS[d.day]}`), time: timeOf(need) }));
  if (d.kind === 'week' && d.day !== view.day) selectDay(d.day, false);
  // The new need's start handle has the focus: the keys refine it from here.
  const handle = [...$$(`#day-panel .handle[data-need="${i}"][data-end="start"]`)].find((el) => el.getClientRects().length);
  handle?.focus();
}
