// Registers the service worker that keeps the page working offline once it
// has been loaded (see sw.js). Relative, so it works from any folder; silent
// where service workers are not available (file://, old browsers, some
// embeddings): the page works the same, only not offline.
if ('serviceWorker' in navigator && window.isSecureContext) {
  navigator.serviceWorker.register('sw.js').catch(() => {});
}
