// Drawing the døgnklokke (24-hour clock), the narrow 0–24 bar, the week strip
// and the hours bar as SVG.
//
// This is drawing only: where a need's time falls on a circle or a line.
// Nothing here decides what counts toward the right; the counted hours shown
// come from the engine (WebAssembly). Every picture has a text alternative
// (role="img" with <title> and <desc>) made by the caller, and the list of
// needs is the real input: the clock holds no state of its own.

const NS = 'http://www.w3.org/2000/svg';
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const MINUTES_PER_DAY = 1440;

/** Creates an SVG element; children may be nodes or strings (as text). */
export function svgEl(tag, attrs = {}, ...kids) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null && v !== false) el.setAttribute(k, String(v));
  }
  for (const kid of kids.flat()) {
    if (kid === null || kid === undefined || kid === false) continue;
    el.append(typeof kid === 'string' ? document.createTextNode(kid) : kid);
  }
  return el;
}

/**
 * Each kind of help has a colour AND a pattern, so colour is never the only
 * signal (WCAG 1.4.1); arcs also carry the need's number from the list. The
 * colours have at least 3:1 contrast against white (WCAG 1.4.11).
 */
export const KIND_STYLE = {
  personal: { color: '#0b5cad', pattern: 'solid' },
  household: { color: '#8f5200', pattern: 'stripes' },
  leisure: { color: '#1c7a38', pattern: 'dots' },
  training: { color: '#6b3fa0', pattern: 'hlines' },
  parenting: { color: '#a3306f', pattern: 'vlines' },
  respite: { color: '#00727a', pattern: 'grid' },
  health: { color: '#b3261e', pattern: 'crosshatch' },
};
const OTHER = { color: '#555555', pattern: 'solid' };
const style = (kind) => KIND_STYLE[kind] || OTHER;
export const patternId = (kind) => (KIND_STYLE[kind] ? `pat-${kind}` : 'pat-other');

const MARKS = {
  solid: [],
  stripes: ['path', { d: 'M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4', 'stroke-width': 2 }],
  dots: ['circle', { cx: 4, cy: 4, r: 1.7 }],
  hlines: ['path', { d: 'M0,4 H8', 'stroke-width': 2 }],
  vlines: ['path', { d: 'M4,0 V8', 'stroke-width': 2 }],
  grid: ['path', { d: 'M0,4 H8 M4,0 V8', 'stroke-width': 1.3 }],
  crosshatch: ['path', { d: 'M0,0 L8,8 M8,0 L0,8', 'stroke-width': 1.4 }],
};

/**
 * One hidden SVG holding the patterns every drawing refers to, so that a
 * drawing hidden at some screen widths never takes its patterns with it.
 */
export function patternDefs() {
  const defs = svgEl('defs');
  const entries = [...Object.entries(KIND_STYLE), ['other', OTHER]];
  for (const [kind, s] of entries) {
    const p = svgEl('pattern', {
      id: `pat-${kind}`,
      patternUnits: 'userSpaceOnUse',
      width: 8,
      height: 8,
    });
    p.append(svgEl('rect', { width: 8, height: 8, fill: s.color }));
    const mark = MARKS[s.pattern];
    if (mark.length) {
      const [tag, attrs] = mark;
      p.append(svgEl(tag, { ...attrs, stroke: '#fff', fill: '#fff', 'stroke-opacity': 0.7, 'fill-opacity': 0.8 }));
    }
    defs.append(p);
  }
  const night = svgEl('pattern', { id: 'pat-night', patternUnits: 'userSpaceOnUse', width: 6, height: 6 });
  night.append(
    svgEl('rect', { width: 6, height: 6, fill: '#e4e7f0' }),
    svgEl('path', { d: 'M0,6 L6,0', stroke: '#b9bfd3', 'stroke-width': 1 }),
  );
  defs.append(night);
  return svgEl('svg', { class: 'pattern-defs', width: 0, height: 0, 'aria-hidden': 'true', focusable: 'false' }, defs);
}

/** A small square in the kind's colour and pattern, for the list and legend. */
export function swatch(kind, extraClass = '') {
  return svgEl(
    'svg',
    { class: `swatch ${extraClass}`.trim(), viewBox: '0 0 16 16', width: 16, height: 16, 'aria-hidden': 'true', focusable: 'false' },
    svgEl('rect', { x: 0.5, y: 0.5, width: 15, height: 15, rx: 2, fill: `url(#${patternId(kind)})`, stroke: '#1a1a1a' }),
  );
}

/** Minutes after midnight of "HH:MM"; NaN when it is no time. */
export function toMinutes(hhmm) {
  const m = /^(\d{1,2}):(\d{2})$/.exec(String(hhmm || '').trim());
  if (!m) return NaN;
  return Number(m[1]) * 60 + Number(m[2]);
}

/** "HH:MM" for minutes after midnight (1440 → "24:00"). */
export function fmtMinutes(min) {
  const h = Math.floor(min / 60);
  const m = min % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/**
 * Where needs fall on one day (0 = Monday): one occurrence per need that
 * has the day, plus the part after midnight of a need from the day before.
 * Each occurrence gets a ring (row) so that overlapping help is drawn side
 * by side, never hidden under other help.
 */
export function dayOccurrences(needs, day) {
  const today = DAYS[day];
  const yesterday = DAYS[(day + 6) % 7];
  const out = [];
  needs.forEach((n, i) => {
    const days = Array.isArray(n.days) ? n.days : [];
    const s = toMinutes(n.start);
    const e = toMinutes(n.end);
    if (Number.isNaN(s) || Number.isNaN(e)) return;
    if (days.includes(today)) {
      const to = n.crosses_midnight ? MINUTES_PER_DAY : e;
      if (to > s) out.push({ need: i, kind: n.kind, from: s, to, untilNextDay: !!n.crosses_midnight });
    }
    if (n.crosses_midnight && days.includes(yesterday) && e > 0 && e <= s) {
      out.push({ need: i, kind: n.kind, from: 0, to: e, fromDayBefore: true });
    }
  });
  out.sort((a, b) => a.from - b.from || b.to - a.to || a.need - b.need);
  const ringEnds = [];
  for (const o of out) {
    let r = ringEnds.findIndex((end) => end <= o.from);
    if (r < 0) {
      r = ringEnds.length;
      ringEnds.push(0);
    }
    ringEnds[r] = o.to;
    o.ring = r;
  }
  return out;
}

/** The night window as spans within one day: 23–07 gives 23–24 and 0–7. */
function nightSpans(night) {
  const s = toMinutes(night.start);
  const e = toMinutes(night.end);
  if (Number.isNaN(s) || Number.isNaN(e) || s === e) return [];
  return s < e ? [[s, e]] : [[s, MINUTES_PER_DAY], [0, e]].filter(([a, b]) => b > a);
}

// ---- The round clock -------------------------------------------------------

const C = 200; // centre of a 400 × 400 drawing
const R_OUT = 152;
const R_IN = 72;

function point(r, minute) {
  const a = (minute / MINUTES_PER_DAY) * 2 * Math.PI;
  return [C + r * Math.sin(a), C - r * Math.cos(a)];
}

/** The path of a ring segment (annular sector) from minute a to b. */
function sector(r1, r2, a, b) {
  if (b - a >= MINUTES_PER_DAY) {
    const half = a + MINUTES_PER_DAY / 2;
    return sector(r1, r2, a, half) + ' ' + sector(r1, r2, half, b);
  }
  const large = b - a > MINUTES_PER_DAY / 2 ? 1 : 0;
  const [x1, y1] = point(r2, a);
  const [x2, y2] = point(r2, b);
  const [x3, y3] = point(r1, b);
  const [x4, y4] = point(r1, a);
  const f = (n) => n.toFixed(2);
  return (
    `M${f(x1)},${f(y1)} A${r2},${r2} 0 ${large} 1 ${f(x2)},${f(y2)} ` +
    `L${f(x3)},${f(y3)} A${r1},${r1} 0 ${large} 0 ${f(x4)},${f(y4)} Z`
  );
}

function rings(count) {
  const n = Math.max(1, count);
  const gap = 3;
  const width = Math.min(34, (R_OUT - R_IN - gap * (n - 1)) / n);
  return (i) => {
    const outer = R_OUT - i * (width + gap);
    return [outer - width, outer];
  };
}

/**
 * The number label of a need, placed in the middle of its arc or bar: 26
 * units across, at least 24 px at the sizes the drawings are shown.
 */
const MARK_R = 13;
function numberLabel(x, y, n) {
  return svgEl(
    'g',
    { class: 'arc-label' },
    svgEl('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: MARK_R, fill: '#fff', stroke: '#1a1a1a', 'stroke-width': 1.2 }),
    // Three digits (needs 100 to 200) at 13 units would touch the ring: smaller, to stay inside it.
    svgEl('text', { x: x.toFixed(1), y: (y + (n >= 100 ? 3.5 : 4.5)).toFixed(1), 'text-anchor': 'middle', 'font-size': n >= 100 ? 10 : 13, 'font-weight': 700, fill: '#1a1a1a' }, String(n)),
  );
}

function titled(svg, ids, title, desc) {
  svg.prepend(svgEl('title', { id: ids[0] }, title), svgEl('desc', { id: ids[1] }, desc));
  svg.setAttribute('aria-labelledby', ids.join(' '));
  return svg;
}

/**
 * The round 24-hour clock for one day. `occ` from dayOccurrences();
 * `labels` = { title, desc, day, hours, night } texts from the catalogue.
 */
export function drawClock({ occ, night, selected, labels }) {
  const svg = svgEl('svg', { class: 'clock', viewBox: '0 0 400 400', role: 'img', focusable: 'false' });
  titled(svg, ['clock-title', 'clock-desc'], labels.title, labels.desc);
  svg.append(svgEl('circle', { cx: C, cy: C, r: R_OUT + 2, fill: '#fff', stroke: '#6b6f7b', 'stroke-width': 1 }));
  for (const [a, b] of nightSpans(night)) {
    svg.append(svgEl('path', { d: sector(R_IN - 6, R_OUT + 2, a, b), fill: 'url(#pat-night)' }));
  }
  const spans = nightSpans(night);
  if (spans.length) {
    // "Natt" written in the middle of the night window, inside the rings.
    const s = toMinutes(night.start);
    const e = toMinutes(night.end);
    const len = (e - s + MINUTES_PER_DAY) % MINUTES_PER_DAY;
    const mid = (s + len / 2) % MINUTES_PER_DAY;
    const [x, y] = point(R_IN - 18, mid);
    svg.append(svgEl('text', { x: x.toFixed(1), y: (y + 4).toFixed(1), 'text-anchor': 'middle', 'font-size': 12, fill: '#3d4150' }, labels.night));
  }
  // Hour marks: a tick every hour, a number every hour, bold at 0, 6, 12, 18.
  for (let h = 0; h < 24; h++) {
    const [x1, y1] = point(R_OUT + 2, h * 60);
    const [x2, y2] = point(R_OUT + (h % 6 === 0 ? 14 : 8), h * 60);
    svg.append(svgEl('line', { x1: x1.toFixed(1), y1: y1.toFixed(1), x2: x2.toFixed(1), y2: y2.toFixed(1), stroke: '#3d4150', 'stroke-width': h % 6 === 0 ? 2 : 1 }));
    const [tx, ty] = point(R_OUT + 29, h * 60);
    svg.append(
      svgEl('text', { x: tx.toFixed(1), y: (ty + 5).toFixed(1), 'text-anchor': 'middle', 'font-size': h % 6 === 0 ? 16 : 13, 'font-weight': h % 6 === 0 ? 700 : 400, fill: '#1a1a1a' }, String(h).padStart(2, '0')),
    );
  }
  const ringOf = rings(Math.max(0, ...occ.map((o) => o.ring + 1)));
  // Beneath the arcs, each arc's pointer target at least 26 units each way
  // (a quarter of an hour is 10 units wide on the ring).
  const hits = svgEl('g', { class: 'arc-hits' });
  const arcs = svgEl('g', { class: 'arcs' });
  const numbers = svgEl('g');
  for (const o of occ) {
    const [r1, r2] = ringOf(o.ring);
    const mid = (r1 + r2) / 2;
    const half = Math.max((o.to - o.from) / 2, (MARK_R * MINUTES_PER_DAY) / (2 * Math.PI * mid));
    const centre = (o.from + o.to) / 2;
    hits.append(svgEl('path', { d: sector(Math.min(r1, mid - MARK_R), Math.max(r2, mid + MARK_R), centre - half, centre + half), fill: 'transparent', class: 'arc-hit', 'data-need': o.need }));
    const isSel = selected === o.need;
    arcs.append(
      svgEl('path', {
        d: sector(r1, r2, o.from, o.to),
        fill: `url(#${patternId(o.kind)})`,
        stroke: isSel ? '#000' : '#1a1a1a',
        'stroke-width': isSel ? 4 : 1.2,
        class: isSel ? 'arc is-selected' : 'arc',
        'data-need': o.need,
      }),
    );
    const [x, y] = point((r1 + r2) / 2, (o.from + o.to) / 2);
    const label = numberLabel(x, y, o.need + 1);
    label.setAttribute('data-need', o.need);
    numbers.append(label);
  }
  svg.append(hits, arcs, numbers);
  svg.append(
    svgEl('text', { x: C, y: C - 4, 'text-anchor': 'middle', 'font-size': 19, 'font-weight': 700, fill: '#1a1a1a' }, labels.day),
    svgEl('text', { x: C, y: C + 20, 'text-anchor': 'middle', 'font-size': 14, fill: '#1a1a1a' }, labels.hours),
  );
  return svg;
}

// ---- The straight 0–24 bar for narrow screens -------------------------------

/** One day as a straight bar from 00 to 24, for narrow screens. */
export function drawDayBar({ occ, night, selected, labels }) {
  const W = 320;
  const left = 8;
  const right = W - 8;
  const x = (m) => left + ((right - left) * m) / MINUTES_PER_DAY;
  const rowH = 32;
  const top = 24;
  const n = Math.max(1, ...occ.map((o) => o.ring + 1));
  const H = top + n * rowH + 6;
  const svg = svgEl('svg', { class: 'daybar', viewBox: `0 0 ${W} ${H}`, role: 'img', focusable: 'false' });
  titled(svg, ['daybar-title', 'daybar-desc'], labels.title, labels.desc);
  for (const [a, b] of nightSpans(night)) {
    svg.append(svgEl('rect', { x: x(a), y: top - 4, width: x(b) - x(a), height: H - top, fill: 'url(#pat-night)' }));
  }
  for (let h = 0; h <= 24; h += 3) {
    svg.append(
      svgEl('line', { x1: x(h * 60), x2: x(h * 60), y1: top - 6, y2: H, stroke: '#6b6f7b', 'stroke-width': h % 12 === 0 ? 1.5 : 0.7 }),
      svgEl('text', { x: Math.min(Math.max(x(h * 60), 10), W - 10), y: 14, 'text-anchor': 'middle', 'font-size': 12, fill: '#1a1a1a' }, String(h).padStart(2, '0')),
    );
  }
  for (const o of occ) {
    const isSel = selected === o.need;
    const y = top + o.ring * rowH;
    svg.append(
      svgEl('rect', {
        x: x(o.from), y, width: Math.max(2, x(o.to) - x(o.from)), height: rowH - 6,
        fill: `url(#${patternId(o.kind)})`, stroke: '#000', 'stroke-width': isSel ? 3 : 1,
        class: isSel ? 'arc is-selected' : 'arc', 'data-need': o.need,
      }),
    );
    const label = numberLabel((x(o.from) + x(o.to)) / 2, y + (rowH - 6) / 2, o.need + 1);
    label.setAttribute('data-need', o.need);
    svg.append(label);
  }
  return svg;
}

// ---- The week strip: seven rows of 24 hours --------------------------------

/** A row of the week strip: 36 units, 25 px even at 320 px wide (a target, WCAG 2.5.8). */
const WEEK_ROW = 36;

/** The whole week at a glance: a row per day, the night shaded. */
export function drawWeek({ needs, night, day, labels }) {
  const W = 420;
  const left = 44;
  const right = W - 10;
  const x = (m) => left + ((right - left) * m) / MINUTES_PER_DAY;
  const rowH = WEEK_ROW;
  const top = 22;
  const H = top + 7 * rowH + 4;
  const svg = svgEl('svg', { class: 'week', viewBox: `0 0 ${W} ${H}`, role: 'img', focusable: 'false' });
  titled(svg, ['week-title', 'week-desc'], labels.title, labels.desc);
  for (const [a, b] of nightSpans(night)) {
    svg.append(svgEl('rect', { x: x(a), y: top, width: x(b) - x(a), height: 7 * rowH, fill: 'url(#pat-night)' }));
  }
  for (let h = 0; h <= 24; h += 3) {
    svg.append(
      svgEl('line', { x1: x(h * 60), x2: x(h * 60), y1: top - 4, y2: top + 7 * rowH, stroke: '#6b6f7b', 'stroke-width': h % 12 === 0 ? 1.5 : 0.6 }),
      svgEl('text', { x: x(h * 60), y: 14, 'text-anchor': 'middle', 'font-size': 12, fill: '#1a1a1a' }, String(h).padStart(2, '0')),
    );
  }
  for (let d = 0; d < 7; d++) {
    const y0 = top + d * rowH;
    const row = svgEl('g', { class: 'week-row', 'data-day': d });
    row.append(
      svgEl('rect', { x: 0, y: y0, width: W, height: rowH, fill: 'transparent', class: 'week-hit' }),
      svgEl('text', { x: 4, y: y0 + rowH / 2 + 5, 'font-size': 13, 'font-weight': d === day ? 700 : 400, fill: '#1a1a1a' }, labels.days[d]),
      svgEl('line', { x1: left, x2: right, y1: y0 + rowH, y2: y0 + rowH, stroke: '#c9ccd6', 'stroke-width': 0.8 }),
    );
    const occ = dayOccurrences(needs, d);
    const n = Math.max(1, ...occ.map((o) => o.ring + 1));
    const h = (rowH - 6) / n;
    for (const o of occ) {
      row.append(
        svgEl('rect', {
          x: x(o.from), y: y0 + 3 + o.ring * h, width: Math.max(1.5, x(o.to) - x(o.from)), height: Math.max(2, h - 1),
          fill: `url(#${patternId(o.kind)})`, stroke: '#1a1a1a', 'stroke-width': 0.6,
        }),
      );
    }
    if (d === day) {
      row.append(svgEl('rect', { x: 1, y: y0 + 1, width: W - 2, height: rowH - 2, fill: 'none', stroke: '#1a1a1a', 'stroke-width': 2, rx: 3 }));
    }
    svg.append(row);
  }
  return svg;
}

// ---- The hours bar: counted hours against the marks of the law -----------

/**
 * A bar of counted hours per week with the law's marks (25 and 32) drawn
 * and labelled. The values come from the engine; this only scales them.
 */
export function drawHoursBar({ counted, marks, labels }) {
  const W = 400;
  const left = 10;
  const right = W - 10;
  const top = 28;
  const barH = 30;
  const H = top + barH + 32;
  const highest = Math.max(...marks.map((m) => m.value), 0);
  const max = Math.max(highest * 1.25, counted * 1.05, 1);
  const x = (v) => left + ((right - left) * Math.min(v, max)) / max;
  const svg = svgEl('svg', { class: 'hours-bar', viewBox: `0 0 ${W} ${H}`, role: 'img', focusable: 'false' });
  titled(svg, ['hours-bar-title', 'hours-bar-desc'], labels.title, labels.desc);
  svg.append(
    svgEl('rect', { x: left, y: top, width: right - left, height: barH, fill: '#eef0f5', stroke: '#6b6f7b', rx: 4 }),
    svgEl('rect', { x: left, y: top, width: Math.max(0, x(counted) - left), height: barH, fill: '#0b5cad', rx: 4 }),
  );
  marks.forEach((m, i) => {
    const mx = x(m.value);
    const above = i % 2 === 1;
    svg.append(
      svgEl('line', { x1: mx, x2: mx, y1: top - 8, y2: top + barH + 8, stroke: '#1a1a1a', 'stroke-width': 3 }),
      svgEl('text', { x: mx, y: above ? top - 12 : top + barH + 26, 'text-anchor': 'middle', 'font-size': 15, 'font-weight': 700, fill: '#1a1a1a' }, m.label),
    );
  });
  return svg;
}

// ---- Drawing on the clock: geometry and the keyboard's handles -------------

/** Where a point of the dial (in its own units, 400 × 400) is: minute of the day and radius. */
export function dialAt(x, y) {
  const a = Math.atan2(x - C, C - y);
  const minute = (((a / (2 * Math.PI)) * MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return { minute, r: Math.hypot(x - C, y - C) };
}

/** The rings of a day's occurrences ([inner, outer] radius of ring i). */
export function dialRings(occ) {
  return rings(Math.max(0, ...occ.map((o) => o.ring + 1)));
}

/** The dial's band where help is drawn (inner and outer radius). */
export const DIAL = { inner: R_IN, outer: R_OUT };

/** The outline of a span on the dial while it is being drawn (not yet a need). */
export function dialPreview(from, to) {
  return svgEl('path', { d: sector(R_IN, R_OUT, from, to), class: 'draft-arc', fill: 'none', stroke: '#1a1a1a', 'stroke-width': 3, 'stroke-dasharray': '6 4' });
}

/** The minute of a point of the bar or the week strip (its own units), and the week's row. */
export function lineAt(kind, x, y) {
  const [W, left, right, top, rowH] = kind === 'week' ? [420, 44, 410, 22, WEEK_ROW] : [BAR.W, BAR.left, BAR.right, BAR.top, BAR.rowH];
  const minute = Math.min(MINUTES_PER_DAY, Math.max(0, ((x - left) / (right - left)) * MINUTES_PER_DAY));
  return { minute, row: Math.floor((y - top) / rowH), inside: x >= left - 4 && x <= W };
}

/**
 * The keyboard's way onto the drawing: two focusable handles per arc, one on
 * its start and one on its end, in an SVG laid over the picture (the picture
 * itself is an image, whose parts cannot take the focus). Each handle is a
 * slider whose value is the time of its end, so that the start and the end
 * each move alone; clock-panel.js gives them their keys. The handles take no
 * pointer: a press goes through to the arc beneath.
 * `items` = [{ need, end: 'start' | 'end', key, x, y, value, label, valuetext, selected }].
 */
export function drawHandles({ viewBox, items, describedby, label }) {
  const svg = svgEl('svg', { class: 'handles', viewBox, role: 'group', 'aria-label': label, focusable: 'false' });
  for (const it of apart(items)) {
    svg.append(
      svgEl(
        'g',
        {
          class: `handle handle-${it.end}${it.selected ? ' is-selected' : ''}`,
          role: 'slider',
          tabindex: 0,
          'data-need': it.need,
          'data-end': it.end,
          'data-focus': it.key,
          'aria-label': it.label,
          'aria-valuemin': 0,
          'aria-valuemax': MINUTES_PER_DAY,
          'aria-valuenow': it.value,
          'aria-valuetext': it.valuetext,
          'aria-describedby': describedby,
        },
        svgEl('circle', { cx: it.x.toFixed(1), cy: it.y.toFixed(1), r: HANDLE_R, class: 'handle-ring' }),
        svgEl('circle', { cx: it.x.toFixed(1), cy: it.y.toFixed(1), r: 4, class: 'handle-dot' }),
      ),
    );
  }
  return svg;
}

/** A handle's ring: 32 units across, at least 24 px at the sizes the drawings are shown. */
const HANDLE_R = 16;

/**
 * The two handles of a short arc (a quarter of an hour is 8 units on the
 * dial) moved apart along the line from its start to its end, until their
 * rings only touch: the start's before the arc, the end's after it, rather
 * than one ring over the other and both over the need's number.
 */
function apart(items) {
  const gap = 2 * HANDLE_R + 2;
  const byNeed = new Map();
  for (const it of items) byNeed.set(it.need, { ...byNeed.get(it.need), [it.end]: it });
  return items.map((it) => {
    const { start: from, end: to } = byNeed.get(it.need);
    if (!from || !to) return it;
    const d = Math.hypot(to.x - from.x, to.y - from.y);
    if (d >= gap) return it;
    // Along the arc's direction; for two ends on one point, sideways.
    const [ux, uy] = d > 0.01 ? [(to.x - from.x) / d, (to.y - from.y) / d] : [1, 0];
    const shift = ((gap - d) / 2) * (it.end === 'start' ? -1 : 1);
    return { ...it, x: it.x + ux * shift, y: it.y + uy * shift };
  });
}

/**
 * Where the ends of a day's arcs sit, one start and one end per need: the
 * real start (or, for help that began the day before, the arc's start at
 * midnight) and the real end (or midnight, for help that goes on into the
 * next day: `real` is false for those two). `[{ need, end, minute, x, y, real }]`,
 * in the order of the arcs.
 */
export function endPoints(occ, kind) {
  const ringOf = dialRings(occ);
  const at = (o, minute) => {
    if (kind === 'dial') {
      const [r1, r2] = ringOf(o.ring);
      return point((r1 + r2) / 2, minute);
    }
    return [BAR.x(minute), BAR.top + o.ring * BAR.rowH + (BAR.rowH - 6) / 2];
  };
  const out = [];
  for (const end of ['start', 'end']) {
    const own = end === 'start' ? (o) => !o.fromDayBefore : (o) => !o.untilNextDay;
    const needs = [...new Set(occ.map((o) => o.need))];
    for (const need of needs) {
      const mine = occ.filter((o) => o.need === need);
      const o = mine.find(own) || mine[0];
      const minute = end === 'start' ? o.from : o.to;
      const [x, y] = at(o, minute);
      out.push({ need, end, minute, x, y, real: own(o), order: occ.indexOf(o) });
    }
  }
  // Arc by arc, the start before the end.
  return out.sort((a, b) => a.order - b.order || (a.end === 'start' ? -1 : 1));
}

/** The day bar's geometry, shared by its drawing, its handles and the pointer. */
const BAR = { W: 320, left: 8, right: 312, top: 24, rowH: 32, x: (m) => 8 + ((320 - 16) * m) / MINUTES_PER_DAY };
