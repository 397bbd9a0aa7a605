// Offline once loaded: a small service worker (issue 5, "offline once loaded").
//
// Network first, cache as fallback: online, a person always gets the newest
// page and rules (a change of law must reach them at once); offline, the copy
// from their last visit keeps working, the other languages and the
// municipality profiles included. Only the page's own static files are
// cached — never what a person enters: that lives in the page's state, the
// URL fragment (not part of any request) and the drafts the page itself keeps.

const CACHE = 'bpa-kalkulator-v1';

// Everything the page loads on a first visit. tests/e2e/offline.test.mjs
// fails if the page requests a file that is not here.
const CORE = [
  './',
  'index.html',
  'app.js', 'app.css', 'casefile.js', 'caseworker.js', 'clock.js', 'dom.js', 'hooks.js',
  'i18n.js', 'i18n-fallback.js', 'municipality.js', 'municipality.css', 'notes.js',
  'print.css', 'printout.js', 'report.css', 'share.css', 'share.js', 'storage.js', 'frame.js',
  'offline.js', 'pkg/bpa.js', 'pkg/bpa_bg.wasm',
  'vendor/designsystemet.css', 'vendor/designsystemet-theme.css',
  'i18n/languages.json', 'profiles.json',
];

/** Caches one file; a missing one is skipped rather than failing the install. */
async function put(cache, url) {
  try {
    // The browser's own HTTP cache answers for files the page just loaded,
    // so installing does not download the page a second time.
    const res = await fetch(url);
    if (res.ok) await cache.put(url, res);
  } catch {
    // Offline during install: the network-first handler fills it in later.
  }
}

async function list(url, key) {
  try {
    const res = await fetch(url, { cache: 'no-cache' });
    return res.ok ? (await res.json()).map((x) => x[key]).filter((x) => /^[a-z0-9-]+$/.test(x)) : [];
  } catch {
    return [];
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // The catalogues and profiles are listed by the build, so a new
      // language or municipality is cached without editing this file.
      const langs = await list('i18n/languages.json', 'code');
      const profiles = await list('profiles.json', 'id');
      const urls = [...CORE, ...langs.map((l) => `i18n/${l}.json`), ...profiles.map((p) => `profiles/${p}.json`)];
      await Promise.all(urls.map((u) => put(cache, u)));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // The cache key ignores the query (?kommune=, ?lang=) and never sees the
      // fragment: one cached copy of each file.
      const key = url.pathname === new URL('./', self.location).pathname ? './' : url.pathname;
      try {
        const res = await fetch(req);
        if (res.ok) await cache.put(new URL(key, self.location).href, res.clone());
        return res;
      } catch (err) {
        const hit = await cache.match(new URL(key, self.location).href);
        if (hit) return hit;
        throw err;
      }
    })(),
  );
});
