// Offline once loaded: a small service worker (issue 5, "offline once loaded").
// Shipped minified as sw.min.js (.ci/bundle.mjs), which offline.js registers.
//
// Network first, cache as fallback: online, a person always gets the newest
// page and rules (a change of law must reach them at once); offline, the copy
// from their last visit keeps working. The files named by a hash of their
// bytes (dist/*-HASH.*) are the exception: the copy kept is served, since
// their bytes never change; a new release names new files. Only the page's own static files are
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

/**
 * A file of a release named by a hash of its bytes (.ci/bundle.mjs:
 * dist/printout-3FJ6ZV2Q.js, dist/app-<release id>.js): its name never
 * changes its bytes. `stem` is its name without the hash ("dist/printout.js");
 * null for every other file.
 */
function hashedStem(url) {
  const m = /^(.*\/dist\/[^/]+)-(?:[A-Z2-7]{8}|[0-9a-f]{16})(\.(?:js|css|wasm))$/.exec(new URL(url, self.location).pathname);
  return m ? m[1] + m[2] : null;
}

/**
 * Stores a copy. A hashed file takes the place of the other releases'
 * copies of the same file (an older dist/printout-….js), so the cache
 * holds one release of each file, not one per release ever used; the
 * shared chunks (dist/chunk-….js, no name of their own) are small and stay.
 */
async function store(cache, url, res) {
  const key = keyOf(url);
  await cache.put(key, res);
  const stem = hashedStem(key);
  if (!stem || /\/chunk\.js$/.test(stem)) return;
  for (const old of await cache.keys()) {
    if (old.url !== key && hashedStem(old.url) === stem) await cache.delete(old);
  }
}

/** Caches one file the page already loaded (the server answers 304 when it is current). */
async function keep(cache, url) {
  try {
    if (hashedStem(url) && (await cache.match(keyOf(url)))) return;
    const res = await fetch(url, FRESH);
    if (res.ok) await store(cache, url, res);
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
      // A hashed name is the same bytes for ever: the copy kept is current.
      if (hashedStem(req.url)) {
        const hit = await cache.match(keyOf(req.url));
        if (hit) return hit;
      }
      try {
        const res = await fetch(req, FRESH);
        if (res.ok) await store(cache, req.url, res.clone());
        return res;
      } catch (err) {
        const hit = await cache.match(keyOf(req.url));
        if (hit) return hit;
        throw err;
      }
    })(),
  );
});
