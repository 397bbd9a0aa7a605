// The short "why?" that opens under a result or a need, and the law's
// sources it lists (title, link, summary), from the engine's last answer.
import { h } from './dom.js';
import { t } from './i18n.js';
import { view } from './state.js';

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
        h('a', { class: 'ds-link', href: s.url, target: '_blank', rel: 'noopener noreferrer' }, s.title, h('span', { class: 'ds-sr-only' }, ` ${t('ui.link.new_tab')}`)),
        h('br'),
        h('span', { class: 'source-summary' }, s.summary),
      ),
    ),
  );
}

/** A short "why?" that opens under a result. */
export function why(key, ...content) {
  return h(
    'details',
    { class: 'why', 'data-key': key },
    h('summary', { 'data-focus': `why-${key}` }, t('ui.why')),
    h('div', { class: 'why-body' }, ...content),
  );
}
