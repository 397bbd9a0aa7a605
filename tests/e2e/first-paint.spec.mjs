// The first paint (Lighthouse 100, no layout shift, a light first visit).
// Deterministic checks only; timings go in `bash .ci/bench`.
//
// - The header's heading and texts are in index.html in bokmål, so they show
//   before any script runs (they are the page's largest paint), and they are
//   the catalogue's texts, so app.js setting them again changes nothing.
// - Nothing a person sees moves while the calculator loads (layout shift 0),
//   on a phone and on a desktop screen.
// - The page links one style sheet and one script (the bundle .ci/build
//   makes), and asks for no language or municipality it does not show.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, nb, WWW, collectErrors } from './support.mjs';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the texts written into index.html are the bokmål catalogue’s', async ({ page }) => {
    await page.goto('');
    const written = await page.evaluate(() =>
      [...document.querySelectorAll('[data-i18n]')]
        .filter((el) => el.textContent.trim())
        .map((el) => [el.dataset.i18n, el.textContent]),
    );
    expect(written.length >= 5, `the header and footer texts are in the HTML (found ${written.length})`).toBeTruthy();
    for (const [key, text] of written) expect(text, `index.html's text for ${key} is i18n/nb.json's`).toBe(nb[key]);
    const keys = written.map(([k]) => k);
    for (const key of ['ui.title', 'ui.intro', 'ui.privacy', 'ui.footer']) expect(keys.includes(key), `${key} is written in index.html`).toBeTruthy();
    // The heading and lead are shown (not hidden) without any script.
    expect(await page.locator('h1').isVisible()).toBeTruthy();
    expect(await page.locator('.page-header .lead').isVisible()).toBeTruthy();
    // The language buttons written into the HTML are the ones the build lists.
    const languages = JSON.parse(await readFile(join(WWW, 'i18n/languages.json'), 'utf8'));
    const buttons = await page.locator('#languages button').evaluateAll((bs) => bs.map((x) => [x.lang, x.textContent]));
    expect(buttons, 'index.html has a button per language in i18n/languages.json').toStrictEqual(languages.map((l) => [l.code, l.name]));
  });
});

for (const [name, viewport] of [['a phone (412 px)', { width: 412, height: 823 }], ['a desktop (1280 px)', { width: 1280, height: 900 }]]) {
  test.describe(`on ${name}`, () => {
    test.use({ viewport });

    test(`nothing moves while the calculator loads, on ${name}`, async ({ page }) => {
      const errors = collectErrors(page);
      await page.addInitScript(() => {
        window.__shifts = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            window.__shifts.push({
              value: e.value,
              moved: e.sources.map((s) => `${s.node?.nodeName ?? '?'}#${s.node?.id ?? ''}.${s.node?.className ?? ''}`),
            });
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto('');
      await page.waitForSelector('#app:not([hidden])');
      await page.waitForTimeout(500);
      const shifts = await page.evaluate(() => window.__shifts);
      expect(shifts, 'no layout shift from page load until the calculator is shown').toStrictEqual([]);
      expect(errors).toStrictEqual([]);
    });
  });
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 412, height: 823 } });

  test('one style sheet, one script, and only what the first view uses', async ({ page, context, baseURL }) => {
    const requested = new Set();
    context.on('request', (r) => requested.add(new URL(r.url()).pathname));
    await page.goto('');
    await page.waitForSelector('#app:not([hidden])');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForTimeout(1000);
    const head = await page.evaluate(() => ({
      styles: [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.getAttribute('href')),
      scripts: [...document.querySelectorAll('script')].map((s) => s.getAttribute('src')),
    }));
    // Every file but the page itself is named by a hash (.ci/bundle.mjs).
    expect(head, 'index.html links the bundle .ci/build makes').toStrictEqual({
      styles: [expect.stringMatching(/^dist\/page-[A-Z2-7]{8}\.css$/)],
      scripts: [expect.stringMatching(/^dist\/main-[A-Z2-7]{8}\.js$/)],
    });
    // The engine the page started, on its one stable name (its file's name
    // changes with each build): tests and the console rely on this.
    expect(await page.evaluate(() => window.bpaEngine.example_case().needs.length > 0)).toBe(true);
    const ahead = [...requested].filter((p) => /\/i18n\/(nn|en)\.json$|\/profiles(\.json|\/)/.test(p));
    expect(ahead, 'no other language and no municipality profile is fetched on a first visit in bokmål').toStrictEqual([]);
    // What a first visit runs is three files: the entry, the page in one
    // bundle (no chunks of modules shared with the parts loaded later) and
    // the engine's glue; the printout and the caseworker view wait for use.
    const base = new URL(baseURL).pathname;
    const scripts = [...requested].filter((p) => p.endsWith('.js') && p !== `${base}sw.min.js`).map((p) => p.slice(base.length)).sort();
    expect(scripts.map((p) => p.replace(/-[A-Z2-7]{8}\.js$|-[0-9a-f]{16}\.js$/, '.js')), 'the scripts of a first visit').toStrictEqual(['dist/app.js', 'dist/bpa.js', 'dist/main.js']);
    // The printout's style sheet (dist/print.css) comes with its module.
    const styles = [...requested].filter((p) => p.endsWith('.css')).map((p) => p.slice(base.length));
    expect(styles, 'the style sheets of a first visit').toStrictEqual([head.styles[0]]);
  });
});
