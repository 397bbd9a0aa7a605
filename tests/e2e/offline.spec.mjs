// Offline once loaded: after one visit, the page reloads, computes a
// verdict and switches language with the network gone, served by www/sw.js.
// What is kept is what was used (the first visit stays light): the files of
// the visit and a language opened during it, never the other languages or
// profiles ahead.
import { test, expect, blockExternal, collectErrors, catalogue } from './support.mjs';

test('offline once loaded: reload, verdict and another language without the network', async ({ page, context, baseURL }) => {
  const external = await blockExternal(context, baseURL);
  const requested = new Set();
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.origin === new URL(baseURL).origin) requested.add(u.pathname);
  });
  await page.goto('');
  await page.waitForSelector('#app:not([hidden])');
  // The worker is installed and has cached every file the first visit used.
  const ready = await page.evaluate(() =>
    Promise.race([navigator.serviceWorker.ready.then(() => true), new Promise((r) => setTimeout(() => r(false), 10000))]),
  );
  expect(ready, 'a service worker is registered and active within 10 s').toBe(true);
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
  expect(missing, 'every file of the first visit is cached (see www/offline.js and www/sw.js)').toStrictEqual([]);
  expect(requested.has('/i18n/nn.json'), 'opening nynorsk fetched its catalogue').toBeTruthy();
  const ahead = await page.evaluate(async () => {
    const cache = await caches.open('bpa-kalkulator-v1');
    return (await cache.keys()).map((r) => new URL(r.url).pathname).filter((p) => p.endsWith('/en.json') || p.includes('/profiles/'));
  });
  expect(ahead, 'nothing unused is cached ahead (English, municipality profiles)').toStrictEqual([]);

  await context.setOffline(true);
  const errors = collectErrors(page);
  await page.reload();
  await page.waitForSelector('#app:not([hidden])');
  const example = await page.evaluate(async () => window.bpaEngine.example_case());
  await page.evaluate((c) => window.bpaApp.setCase(c), example);
  const nb = await catalogue('nb');
  const nn = await catalogue('nn');
  expect(await page.locator('#verdict-title').innerText()).toBe(nb['verdict.likely_right_unless_cost.title']);
  // The language opened online comes from the cache too.
  await page.locator('#languages button[lang="nn"]').click();
  await page.waitForFunction(() => document.documentElement.lang === 'nn');
  expect(await page.locator('#verdict-title').innerText()).toBe(nn['verdict.likely_right_unless_cost.title']);
  expect(errors, 'no errors offline').toStrictEqual([]);
  // A language never opened online is not there: the page says so in plain
  // words and stays in nynorsk, with the case as it was. (Chromium itself
  // logs the failed request; nothing else may go wrong.)
  await page.locator('#languages button[lang="en"]').click();
  await page.waitForSelector('#lang-error:not([hidden])');
  expect(await page.locator('#lang-error').innerText()).toBe(nn['ui.language_unavailable'].replace('{name}', 'English'));
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('nn');
  expect(await page.locator('#verdict-title').innerText()).toBe(nn['verdict.likely_right_unless_cost.title']);
  expect(await page.locator('#languages button[lang="nn"]').getAttribute('aria-pressed')).toBe('true');
  expect(errors.filter((e) => !e.includes('Failed to load resource')), 'no errors but the failed request').toStrictEqual([]);
  expect(external, 'no request left the origin').toStrictEqual([]);
});
