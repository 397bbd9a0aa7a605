// Offline once loaded (issue 5): after one visit, the page reloads, computes a
// verdict and switches language with the network gone, served by www/sw.js.
// What is kept is what was used (issue 4): the files of the visit and a
// language opened during it, never the other languages or profiles ahead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_URL, launch, blockExternal, collectErrors } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));

test('offline once loaded: reload, verdict and another language without the network', async () => {
  const b = await launch({ viewport: { width: 1280, height: 900 } });
  const { context, page } = b;
  try {
    const external = await blockExternal(context);
    const requested = new Set();
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.origin === new URL(BASE_URL).origin) requested.add(u.pathname);
    });
    await page.goto(BASE_URL);
    await page.waitForSelector('#app:not([hidden])');
    // The worker is installed and has cached every file the first visit used.
    const ready = await page.evaluate(() =>
      Promise.race([navigator.serviceWorker.ready.then(() => true), new Promise((r) => setTimeout(() => r(false), 10000))]),
    );
    assert.equal(ready, true, 'a service worker is registered and active within 10 s');
    // A language opened online (nynorsk) is kept for offline use as well.
    await page.locator('#languages button[lang="nn"]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'nn');
    await page.locator('#languages button[lang="nb"]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'nb');
    // offline.js tells the worker what loaded before it took charge; the
    // worker caches those in the background: wait up to 10 s for all.
    const missing = await page.evaluate(async (paths) => {
      const cache = await caches.open('bpa-kalkulator-v1');
      let out = paths;
      for (let i = 0; i < 100 && out.length; i++) {
        const next = [];
        for (const p of out) if (!(await cache.match(new URL(p, location.origin).href))) next.push(p);
        out = next;
        if (out.length) await new Promise((r) => setTimeout(r, 100));
      }
      return out;
    }, [...requested].filter((p) => !p.endsWith('/sw.min.js') && !p.endsWith('/')));
    assert.deepEqual(missing, [], 'every file of the first visit is cached (see www/offline.js and www/sw.js)');
    assert.ok(requested.has('/i18n/nn.json'), 'opening nynorsk fetched its catalogue');
    const ahead = await page.evaluate(async () => {
      const cache = await caches.open('bpa-kalkulator-v1');
      return (await cache.keys()).map((r) => new URL(r.url).pathname).filter((p) => p.endsWith('/en.json') || p.includes('/profiles/'));
    });
    assert.deepEqual(ahead, [], 'nothing unused is cached ahead (English, municipality profiles)');

    await context.setOffline(true);
    const errors = collectErrors(page);
    await page.reload();
    await page.waitForSelector('#app:not([hidden])');
    const example = await page.evaluate(async () => (await import('./pkg/bpa.js')).example_case());
    await page.evaluate((c) => window.bpaApp.setCase(c), example);
    const nb = JSON.parse(await readFile(join(here, '../../www/i18n/nb.json'), 'utf8'));
    const nn = JSON.parse(await readFile(join(here, '../../www/i18n/nn.json'), 'utf8'));
    assert.equal(await page.locator('#verdict-title').innerText(), nb['verdict.likely_right_unless_cost.title']);
    // The language opened online comes from the cache too.
    await page.locator('#languages button[lang="nn"]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'nn');
    assert.equal(await page.locator('#verdict-title').innerText(), nn['verdict.likely_right_unless_cost.title']);
    assert.deepEqual(errors, [], 'no errors offline');
    // A language never opened online is not there: the page says so in plain
    // words and stays in nynorsk, with the case as it was. (Chromium itself
    // logs the failed request; nothing else may go wrong.)
    await page.locator('#languages button[lang="en"]').click();
    await page.waitForSelector('#lang-error:not([hidden])');
    assert.equal(await page.locator('#lang-error').innerText(), nn['ui.language_unavailable'].replace('{name}', 'English'));
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'nn');
    assert.equal(await page.locator('#verdict-title').innerText(), nn['verdict.likely_right_unless_cost.title']);
    assert.equal(await page.locator('#languages button[lang="nn"]').getAttribute('aria-pressed'), 'true');
    assert.deepEqual(errors.filter((e) => !e.includes('Failed to load resource')), [], 'no errors but the failed request');
    assert.deepEqual(external, [], 'no request left the origin');
  } finally {
    await context.setOffline(false).catch(() => {});
    await b.close();
  }
});
