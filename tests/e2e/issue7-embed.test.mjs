// Issue 7, embedding: the example page loads the calculator in an iframe
// that works and resizes to its content, with no style leaks either way; from
// another origin under a strict CSP the host's language and a share link pass
// in, and forged messages from another frame are ignored both ways; the
// <bpa-kalkulator> element makes the iframe itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, axeScan, describeViolations, blockExternal, collectErrors } from './browser.mjs';
import { LANGS, shoot, serve } from './issue7-helpers.mjs';

// ---- Embedding ------------------------------------------------------------------

test('embed example: the calculator in an iframe works, resizes to its content, and styles do not leak', async () => {
  const b = await launch({ viewport: { width: 1280, height: 900 } });
  const external = await blockExternal(b.context);
  const errors = collectErrors(b.page);
  const { page } = b;
  try {
    await page.goto(`${BASE_URL}embed-example.html`);
    const frame = page.frameLocator('iframe[data-bpa-kalkulator]');
    await frame.locator('#app:not([hidden])').waitFor();
    const iframe = page.locator('iframe[data-bpa-kalkulator]');
    const inner = () => page.frame({ url: /index\.html/ });
    const contentHeight = () => inner().evaluate(() => Math.ceil(document.querySelector('.page').getBoundingClientRect().bottom + scrollY + (parseFloat(getComputedStyle(document.body).marginBottom) || 0)));
    await page.waitForFunction(() => document.querySelector('iframe[data-bpa-kalkulator]').height !== '1200');
    const before = Number(await iframe.getAttribute('height'));
    assert.ok(Math.abs(before - (await contentHeight())) <= 2, 'the iframe is as tall as the calculator');

    // Works inside: add a need with a starting point, see the verdict.
    await frame.locator('#templates button').first().click();
    await frame.locator('#verdict-title').waitFor();
    assert.ok((await frame.locator('#verdict-title').innerText()).length > 0);
    await page.waitForFunction((h) => Number(document.querySelector('iframe[data-bpa-kalkulator]').height) !== h, before);
    const after = Number(await iframe.getAttribute('height'));
    assert.ok(after > before, `the iframe grew with the results (${before} → ${after})`);
    assert.ok(Math.abs(after - (await contentHeight())) <= 2);

    // No style leaks either way.
    const host = await page.evaluate(() => ({
      font: getComputedStyle(document.body).fontFamily,
      ds: getComputedStyle(document.documentElement).getPropertyValue('--ds-color-neutral-text-default'),
    }));
    assert.match(host.font, /Georgia/, 'the host keeps its own font');
    assert.equal(host.ds, '', 'Designsystemet’s variables stay inside the iframe');
    const calc = await inner().evaluate(() => getComputedStyle(document.body).fontFamily);
    assert.doesNotMatch(calc, /Georgia/, 'the host’s font does not reach the calculator');

    // A pre-filled link opens the standalone page in its own tab.
    const open = frame.locator('a.open-full');
    await open.focus();
    assert.equal(await open.getAttribute('target'), '_blank');
    const href = await open.getAttribute('href');
    assert.match(href, /index\.html\?kommune=oslo#./, href);

    const v = await axeScan(page);
    assert.deepEqual(v, [], describeViolations(v));
    await shoot(page, 'issue7-embed-example');
    assert.deepEqual(errors, []);
    assert.deepEqual(external, []);
  } finally {
    await b.close();
  }
});

test('embedding from another origin under a strict CSP: height, host language, share link; forged messages ignored', async () => {
  const b = await launch({ viewport: { width: 1100, height: 900 } });
  const errors = collectErrors(b.page);
  const { page } = b;
  const calc = new URL(BASE_URL).origin;
  // Another frame on the host's page, from a third origin.
  const other = await serve({ '/frame.html': { html: '<!doctype html><html lang="nn"><title>Anna</title><link rel="icon" href="data:,"><p>Anna innhald</p></html>' } });
  const hostHtml = `<!doctype html><html lang="nn"><head><meta charset="utf-8"><title>Kommune</title><link rel="icon" href="data:,"></head>
<body><main><h1>BPA i kommunen</h1>
<iframe data-bpa-kalkulator data-pass-fragment src="${BASE_URL}index.html?kommune=oslo" title="BPA-kalkulator" height="700"></iframe>
<iframe src="${other.origin}/frame.html" title="Anna innhald" height="40"></iframe>
<script src="${BASE_URL}embed.js" defer></script></main></body></html>`;
  // A strict policy: scripts and frames only from the calculator (and the other frame), no styles at all.
  const csp = `default-src 'none'; script-src ${calc}; frame-src ${calc} ${other.origin}; style-src 'none'; img-src data:`;
  const host = await serve({ '/bpa.html': { html: hostHtml, headers: { 'Content-Security-Policy': csp } } });
  try {
    await page.goto(BASE_URL);
    await page.waitForSelector('#app:not([hidden])');
    const link = await page.evaluate(async () => {
      const bpa = await import('./pkg/bpa.js');
      return bpa.encode_link(bpa.example_case()).link;
    });

    await page.goto(`${host.origin}/bpa.html#${link}`);
    const frame = () => page.frames().find((f) => f.url().startsWith(`${BASE_URL}index.html`));
    await page.waitForFunction(() => frames.length === 2);
    await frame().waitForSelector('#app:not([hidden])');
    // The host's language (nn), and the share link from the host's own fragment.
    await frame().waitForFunction(() => document.documentElement.lang === 'nn');
    await frame().waitForFunction(() => window.bpaApp.getCase().needs.length === 4);
    assert.equal(await frame().locator('#verdict-title').innerText(), LANGS.nn['verdict.likely_right_unless_cost.title']);
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
    assert.equal(await frame().evaluate(() => document.documentElement.lang), 'nn', 'the calculator ignores a language from another frame');
    assert.equal(await frame().evaluate(() => window.bpaApp.getCase().needs.length), 4, 'and a link');
    assert.equal(Number(await page.getAttribute('iframe[data-bpa-kalkulator]', 'height')), height, 'the host ignores a height from another frame');

    // The host switches language: the calculator follows (the channel itself works).
    await page.evaluate(() => {
      document.documentElement.lang = 'en';
    });
    await frame().waitForFunction(() => document.documentElement.lang === 'en');
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
    await host.close();
    await other.close();
  }
});

test('the element <bpa-kalkulator> makes the iframe itself and takes the language of its place on the page', async () => {
  const b = await launch({ viewport: { width: 1100, height: 900 } });
  const errors = collectErrors(b.page);
  const { page } = b;
  const host = await serve({
    '/element.html': {
      html: `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>K</title><link rel="icon" href="data:,"></head><body><main><h1>BPA</h1>
<section lang="en"><bpa-kalkulator kommune="oslo"></bpa-kalkulator></section><script src="${BASE_URL}embed.js" defer></script></main></body></html>`,
    },
  });
  try {
    await page.goto(`${host.origin}/element.html`);
    await page.waitForSelector('bpa-kalkulator iframe[title]');
    const src = new URL(await page.getAttribute('bpa-kalkulator iframe', 'src'));
    assert.equal(src.origin, new URL(BASE_URL).origin, 'the iframe comes from where embed.js came from');
    assert.equal(src.searchParams.get('lang'), 'en', 'the language of its place on the page');
    assert.equal(src.searchParams.get('kommune'), 'oslo');
    const frame = () => page.frames().find((f) => f.url().startsWith(`${BASE_URL}index.html`));
    await page.waitForFunction(() => document.querySelector('bpa-kalkulator iframe').height !== '900');
    assert.equal(await frame().evaluate(() => document.documentElement.lang), 'en');
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
    await host.close();
  }
});
