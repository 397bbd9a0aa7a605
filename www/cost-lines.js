// What it may cost (the engine's `assessment.cost`, src/cost.rs) in words,
// for the page (cost.js) and the printout (printout.js) alike, as the CLI's
// report writes it: the estimate, its notes, and the year's figures, each
// marked when it is not checked against the regulation or NAV, or not the
// year's own.
import { t } from './i18n.js';
import { words } from './words.js';

/** A figure's marks: not checked, not this year's. */
function marks(f) {
  const m = [];
  if (f.unverified) m.push(t('report.unverified'));
  if (f.stale) m.push(t('report.stale'));
  return m.length ? ` (${m.join('; ')})` : '';
}

/** The estimate in one sentence. */
export const costEstimate = (cost) => words(`note.${cost.estimate.code}`, cost.estimate.inputs);

/** The notes beside the estimate. */
export const costNotes = (cost) => cost.notes.map((n) => words(`note.${n.code}`, n.inputs));

/** The figures the estimate uses: G, the cap of the year, the municipality's own rate. */
export function costFigures(cost, municipality) {
  const figures = [];
  if (cost.grunnbelop) figures.push(words('report.cost_g', { from: cost.grunnbelop.from, value: cost.grunnbelop.value }) + marks(cost.grunnbelop));
  if (cost.cap) figures.push(words('report.cost_cap', { year: String(cost.cap.from).slice(0, 4), value: cost.cap.value }) + marks(cost.cap));
  if (cost.municipality_rate) figures.push(words('report.cost_rate', { municipality: municipality?.name || '', year: cost.municipality_rate.year, value: cost.municipality_rate.monthly_max }));
  return figures;
}

/** Every source the estimate and its figures rest on, once. */
export const costSources = (cost) => [...new Set([...(cost.estimate.sources || []), ...(cost.grunnbelop?.sources || []), ...(cost.cap?.sources || []), ...(cost.municipality_rate?.sources || [])])];
