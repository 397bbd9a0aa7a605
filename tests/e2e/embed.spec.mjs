// Embedding: the example page loads the calculator in an iframe
// that works and resizes to its content, with no style leaks either way; from
// another origin under a strict CSP the host's language and a share link pass
// in, and forged messages from another frame are ignored both ways; the
// <bpa-kalkulator> element makes the iframe itself.
import { test, expect, axeScan, describeViolations, blockExternal, collectErrors, LANGS, shoot, serve } from './support.mjs';

// ---- Embedding ------------------------------------------------------------------

test('embed example: the calculator in an iframe works, resizes to its content, and styles do not leak', async ({ page, context, baseURL }) => {
  const external = await blockExternal(context, baseURL);
  const errors = collectErrors(page);
  await page.goto('embed-example.html');
  const frame = page.frameLocator('iframe[data-bpa-kalkulator]');
  await frame.locator('#app:not([hidden])').waitFor();
  const iframe = page.locator('iframe[data-bpa-kalkulator]');
  const inner = () => page.frame({ url: /index\.html/ });
  const contentHeight = () => inner().evaluate(() => Math.ceil(document.querySelector('.page').getBoundingClientRect().bottom + scrollY + (parseFloat(getComputedStyle(document.body).marginBottom) || 0)));
  await page.waitForFunction(() => document.querySelector('iframe[data-bpa-kalkulator]').height !== '1200');
  const before = Number(await iframe.getAttribute('height'));
  expect(Math.abs(before - (await contentHeight())) <= 2, 'the iframe is as tall as the calculator').toBeTruthy();

  // Works inside: add a need with a starting point, see the verdict.
  await frame.locator('#templates button').first().click();
  await frame.locator('#verdict-title').waitFor();
  expect((await frame.locator('#verdict-title').innerText()).length > 0).toBeTruthy();
  await page.waitForFunction((h) => Number(document.querySelector('iframe[data-bpa-kalkulator]').height) !== h, before);
  const after = Number(await iframe.getAttribute('height'));
  expect(after > before, `the iframe grew with the results (${before} → ${after})`).toBeTruthy();
  expect(Math.abs(after - (await contentHeight())) <= 2).toBeTruthy();

  // No style leaks either way.
  const host = await page.evaluate(() => ({
    font: getComputedStyle(document.body).fontFamily,
    ds: getComputedStyle(document.documentElement).getPropertyValue('--ds-color-neutral-text-default'),
  }));
  expect(host.font, 'the host keeps its own font').toMatch(/Georgia/);
  expect(host.ds, 'Designsystemet’s variables stay inside the iframe').toBe('');
  const calc = await inner().evaluate(() => getComputedStyle(document.body).fontFamily);
  expect(calc, 'the host’s font does not reach the calculator').not.toMatch(/Georgia/);

  // A pre-filled link opens the standalone page in its own tab.
  const open = frame.locator('a.open-full');
  await open.focus();
  expect(await open.getAttribute('target')).toBe('_blank');
  const href = await open.getAttribute('href');
  expect(href, href).toMatch(/index\.html\?kommune=oslo#./);

  const v = await axeScan(page);
  expect(v, describeViolations(v)).toStrictEqual([]);
  await shoot(page, 'embed-example');
  expect(errors).toStrictEqual([]);
  expect(external).toStrictEqual([]);
});

test.describe('1100 px wide', () => {
  test.use({ viewport: { width: 1100, height: 900 } });

  test('embedding from another origin under a strict CSP: height, host language, share link; forged messages ignored', async ({ page, baseURL }) => {
    const errors = collectErrors(page);
    const calc = new URL(baseURL).origin;
    // Another frame on the host's page, from a third origin.
    const other = await serve({ '/frame.html': { html: '<!doctype html><html lang="nn"><title>Anna</title><link rel="icon" href="data:,"><p>Anna innhald</p></html>' } });
    // The host names itself (?host=): only a named origin counts as the host.
    const pages = {};
    const host = await serve(pages);
    const hostHtml = `<!doctype html><html lang="nn"><head><meta charset="utf-8"><title>Kommune</title><link rel="icon" href="data:,"></head>
<body><main><h1>BPA i kommunen</h1>
<iframe data-bpa-kalkulator data-pass-fragment src="${baseURL}index.html?kommune=oslo&amp;host=${encodeURIComponent(host.origin)}" title="BPA-kalkulator" height="700"></iframe>
<iframe src="${other.origin}/frame.html" title="Anna innhald" height="40"></iframe>
<script src="${baseURL}embed.js" defer></script></main></body></html>`;
    // A strict policy: scripts and frames only from the calculator (and the other frame), no styles at all.
    const csp = `default-src 'none'; script-src ${calc}; frame-src ${calc} ${other.origin}; style-src 'none'; img-src data:`;
    pages['/bpa.html'] = { html: hostHtml, headers: { 'Content-Security-Policy': csp } };
    try {
      await page.goto('');
      await page.waitForSelector('#app:not([hidden])');
      const link = await page.evaluate(async () => {
        const bpa = window.bpaEngine;
        return bpa.encode_link(bpa.example_case()).link;
      });

      await page.goto(`${host.origin}/bpa.html#${link}`);
      const frame = () => page.frames().find((f) => f.url().startsWith(`${baseURL}index.html`));
      await page.waitForFunction(() => frames.length === 2);
      await frame().waitForSelector('#app:not([hidden])');
      // The host's language (nn), and the share link from the host's own fragment.
      await frame().waitForFunction(() => document.documentElement.lang === 'nn');
      await frame().waitForFunction(() => window.bpaApp.getCase().needs.length === 4);
      expect(await frame().locator('#verdict-title').innerText()).toBe(LANGS.nn['verdict.likely_right_unless_cost.title']);
      // The iframe grows to the results, under the host's CSP.
      await page.waitForFunction(() => Number(document.querySelector('iframe[data-bpa-kalkulator]').height) > 2000);
      await page.waitForTimeout(300);
      const height = Number(await page.getAttribute('iframe[data-bpa-kalkulator]', 'height'));

      // Forged messages from the other frame are ignored, both ways.
      const forger = page.frames().find((f) => f.url().startsWith(other.origin));
      await forger.evaluate(() => {
        parent.postMessage({ bpa: 'kalkulator', type: 'height', height: 7 }, '*');
        parent.frames[0].postMessage({ bpa: 'host', type: 'lang', lang: 'en' }, '*');
        parent.frames[0].postMessage({ bpa: 'host', type: 'link', link: 'x' }, '*');
      });
      await page.waitForTimeout(500);
      expect(await frame().evaluate(() => document.documentElement.lang), 'the calculator ignores a language from another frame').toBe('nn');
      expect(await frame().evaluate(() => window.bpaApp.getCase().needs.length), 'and a link').toBe(4);
      expect(Number(await page.getAttribute('iframe[data-bpa-kalkulator]', 'height')), 'the host ignores a height from another frame').toBe(height);

      // The host switches language: the calculator follows (the channel itself works).
      await page.evaluate(() => {
        document.documentElement.lang = 'en';
      });
      await frame().waitForFunction(() => document.documentElement.lang === 'en');
      expect(errors).toStrictEqual([]);
    } finally {
      await host.close();
      await other.close();
    }
  });

  test('the element <bpa-kalkulator> makes the iframe itself and takes the language of its place on the page', async ({ page, baseURL }) => {
    const errors = collectErrors(page);
    const pages = {};
    const host = await serve(pages);
    pages['/element.html'] = {
      html: `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>K</title><link rel="icon" href="data:,"></head><body><main><h1>BPA</h1>
<section lang="en"><bpa-kalkulator kommune="oslo" host="${host.origin}"></bpa-kalkulator></section><script src="${baseURL}embed.js" defer></script></main></body></html>`,
    };
    try {
      await page.goto(`${host.origin}/element.html`);
      await page.waitForSelector('bpa-kalkulator iframe[title]');
      const src = new URL(await page.getAttribute('bpa-kalkulator iframe', 'src'));
      expect(src.origin, 'the iframe comes from where embed.js came from').toBe(new URL(baseURL).origin);
      expect(src.searchParams.get('lang'), 'the language of its place on the page').toBe('en');
      expect(src.searchParams.get('kommune')).toBe('oslo');
      expect(src.searchParams.get('host'), 'the host named by its attribute').toBe(host.origin);
      const frame = () => page.frames().find((f) => f.url().startsWith(`${baseURL}index.html`));
      await page.waitForFunction(() => document.querySelector('bpa-kalkulator iframe').height !== '900');
      expect(await frame().evaluate(() => document.documentElement.lang)).toBe('en');
      expect(errors).toStrictEqual([]);
    } finally {
      await host.close();
    }
  });
});
