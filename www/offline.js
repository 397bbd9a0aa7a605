// Registers the service worker that keeps the page working offline once it
// has been loaded (see sw.js). Relative, so it works from any folder; silent
// where service workers are not available (file://, old browsers, some
// embeddings): the page works the same, only not offline.
//
// On a first visit the page loads before the worker controls it, so the
// worker never sees those requests: this tells it which of this site's files
// the page loaded (Resource Timing), once it is active, until it is in charge
// (from then on it keeps what passes through it). Nothing is fetched ahead.
if ('serviceWorker' in navigator && window.isSecureContext) {
  const sw = navigator.serviceWorker;
  const told = new Set();
  const tell = (urls) => {
    const fresh = urls.filter((u) => !told.has(u) && new URL(u).origin === location.origin);
    if (!fresh.length) return;
    for (const u of fresh) told.add(u);
    sw.ready.then((reg) => reg.active?.postMessage({ keep: fresh }));
  };
  if (!sw.controller) {
    tell([location.href, ...performance.getEntriesByType('resource').map((e) => e.name)]);
    const watch = new PerformanceObserver((list) => tell(list.getEntries().map((e) => e.name)));
    watch.observe({ type: 'resource' });
    // In charge: what loads from now on passes through the worker itself.
    // One more look for a file that finished just before.
    sw.addEventListener('controllerchange', () => {
      setTimeout(() => {
        watch.disconnect();
        tell(performance.getEntriesByType('resource').map((e) => e.name));
      }, 1000);
    }, { once: true });
  }
  // Registered once the calculator shows: its first start then never goes
  // through a worker still installing (nor competes with it), and what it
  // loaded is told to the worker above.
  const app = document.getElementById('app');
  const shown = new Promise((ok) => {
    if (!app || !app.hidden) return ok();
    const watch = new MutationObserver(() => {
      if (!app.hidden) {
        watch.disconnect();
        ok();
      }
    });
    watch.observe(app, { attributes: true, attributeFilter: ['hidden'] });
  });
  // sw.min.js: sw.js as .ci/bundle.mjs ships it, minified.
  shown.then(() => sw.register('sw.min.js')).catch(() => {});
}
