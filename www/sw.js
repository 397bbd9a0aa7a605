// Offline once loaded: a small service worker (issue 5, "offline once loaded").
// Shipped minified as sw.min.js (.ci/bundle.mjs), which offline.js registers.
//
// Network first, cache as fallback: online, a person always gets the newest
// page and rules (a change of law must reach them at once); offline, the copy
// from their last visit keeps working. Only the page's own static files are
// cached — never what a person enters: that lives in the page's state, the
// URL fragment (not part of any request) and the drafts the page itself keeps.
//
// Cached on use, never ahead (issue 4: the first visit stays light): the
// files this page has loaded, in the language and for the municipality it was
// opened with. offline.js tells the worker what the page loaded before the
// worker took charge of it; everything after passes through `fetch` below. A
// language or profile first opened online is then there offline too.

const CACHE = 'bpa-kalkulator-v1';

/** One cached copy of each file: the key ignores the query (?kommune=, ?lang=). */
function keyOf(url) {
  const u = new URL(url, self.location);
  const root = new URL('./', self.location).pathname;
  return new URL(u.pathname === root ? './' : u.pathname, self.location).href;
}

const ours = (url) => {
  try {
    return new URL(url, self.location).origin === self.location.origin;
  } catch {
    return false;
  }
};

/**
 * Every fetch of the worker revalidates with the server (`no-cache`): a
 * copy in the browser's HTTP cache is used only when the server says it is
 * still current, so the worker never keeps, nor serves online, a file of
 * an older release beside newer ones (the page checks its release id too:
 * .ci/bundle.mjs).
 */
const FRESH = { cache: 'no-cache' };

/** Caches one file the page already loaded (the server answers 304 when it is current). */
async function keep(cache, url) {
  try {
    const res = await fetch(url, FRESH);
    if (res.ok) await cache.put(keyOf(url), res);
  } catch {
    // Gone offline meanwhile: the file is fetched (and kept) on its next use.
  }
}

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

// From offline.js: `{ keep: [url, …] }`, what the page loaded before this
// worker controlled it. Only this site's own files; at most a few hundred.
self.addEventListener('message', (event) => {
  const urls = Array.isArray(event.data?.keep) ? event.data.keep.filter((u) => typeof u === 'string' && ours(u)) : [];
  if (!urls.length) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await Promise.all(urls.slice(0, 500).map((u) => keep(cache, u)));
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || !ours(req.url)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        const res = await fetch(req, FRESH);
        if (res.ok) await cache.put(keyOf(req.url), res.clone());
        return res;
      } catch (err) {
        const hit = await cache.match(keyOf(req.url));
        if (hit) return hit;
        throw err;
      }
    })(),
  );
});
