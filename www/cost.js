// What it may cost (egenandel): the engine's estimate (`assessment.cost`,
// src/cost.rs), always as an estimate, with the year's figures named and
// marked when they are not checked against the regulation or NAV. The
// income question itself is with the person's answers (person.js); a link
// here leads to it while it is unanswered. Drawn into #cost after every
// render of the page.
import { h, $ } from './dom.js';
import { t } from './i18n.js';
import { state, view } from './state.js';
import { onRender } from './hooks.js';
import { replaceKids, unchanged } from './draw.js';
import { jumpTo } from './errors.js';
import { words } from './words.js';
import { sourceLinks } from './paper.js';
import { costEstimate, costNotes, costFigures, costSources } from './cost-lines.js';

function draw() {
  const box = $('#cost');
  if (!box || !state) return;
  const a = view.assessment;
  const empty = !state.needs.length && !(state.monthly || []).length;
  const cost = a && !empty ? a.cost : null;
  const band = state.person?.income_band;
  if (unchanged('cost', [cost, band, a?.municipality?.name])) return;
  box.hidden = !cost;
  if (!cost) return replaceKids(box);
  const sources = [...(a.sources || []), ...(a.municipality?.sources || [])];
  const figures = costFigures(cost, a.municipality);
  const ids = costSources(cost);
  const ask = cost.chargeable_hours > 0 && (!band || band === 'not_telling');
  replaceKids(
    box,
    h('h3', { class: 'ds-heading', 'data-size': 'xs', id: 'cost-h' }, t('report.cost')),
    h('p', { class: 'ds-paragraph', id: 'cost-estimate' }, costEstimate(cost)),
    ask && $('#fs-income_band') ? h('p', { class: 'ds-paragraph' }, h('a', { class: 'ds-link', href: '#fs-income_band', onclick: jumpTo('f-income_band-under_2g') }, t('ui.cost.ask_income'))) : null,
    cost.notes.length ? h('ul', { class: 'ds-list' }, costNotes(cost).map((n) => h('li', {}, n))) : null,
    h('p', { class: 'ds-paragraph' }, h('strong', {}, words('ui.cost.figures', { year: cost.year }))),
    h('ul', { class: 'ds-list', id: 'cost-figures' }, figures.map((f) => h('li', {}, f))),
    h('p', { class: 'ds-paragraph' }, t('ui.cost.not_a_decision')),
    sourceLinks(ids, sources),
  );
}

onRender(draw);
draw();


