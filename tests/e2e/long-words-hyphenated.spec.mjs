// Long words break at their syllables when the page's lines are short
// (issue 15, WCAG 1.4.4): www/hyphenate.js loads the hyphen package's
// patterns on use and puts soft hyphens (U+00AD) into the text shown. At an
// ordinary size nothing is loaded; what is copied never carries them.
// (The whole page's layout at 200 % text, with these hyphens, is checked in
// clock-draw.spec.mjs.)
import { test, expect, openPage, finish, exampleCase, shoot } from './support.mjs';

/** The hyphenation files the page fetched (dist/hyphen-no-HASH.js, …), by pattern set: no (bokmål and nynorsk), en. */
function patternRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    const m = /\/dist\/hyphen-(no|en)-[A-Z2-7]{8}\.js$/.exec(new URL(r.url()).pathname);
    if (m) seen.push(m[1]);
  });
  return seen;
}

/** The answer's text, as shown (with any soft hyphens). */
const answerText = (page) => page.evaluate(() => document.querySelector('#result').textContent);

async function withCase(page) {
  const c = await exampleCase(page);
  await page.evaluate((x) => window.bpaApp.setCase(x), c);
  await page.locator('#letter .letter-text').waitFor();
}

const SOFT = /\u00AD/;
/** `word` in `text`, written with or without soft hyphens: its first occurrence as written there, or null. */
const found = (text, word) => text.match(new RegExp(word.split('').join('\u00AD?')))?.[0] ?? null;
/** True when `word` is in `text` and carries a soft hyphen inside. */
const hyphenated = (text, word) => SOFT.test(found(text, word) ?? '');

test('at ordinary size on a phone no patterns are loaded and the law names stay as written', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 900 });
  const seen = patternRequests(page);
  const b = await openPage(page);
  await withCase(page);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  expect(seen).toStrictEqual([]);
  const text = await answerText(page);
  expect(found(text, 'brukerrettighetsloven')).toBe('brukerrettighetsloven');
  finish(b);
});

// Bokmål and nynorsk share TeX's Norwegian patterns; an English page also loads them, for the Norwegian names it uses.
for (const [code, word, sets] of [
  ['nb', 'brukerrettighetsloven', ['no']],
  ['nn', 'arbeidsleiar', ['no']],
  ['en', 'brukerrettighetsloven', ['en', 'no']],
]) {
  test(`${code}: at 200 % text on a phone the long words get soft hyphens, from the patterns of their own language`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 900 });
    const seen = patternRequests(page);
    const b = await openPage(page);
    await withCase(page);
    // The language chosen after the case is in (the example case carries bokmål in its settings).
    if (code !== 'nb') {
      await page.locator(`#languages [lang="${code}"]`).click();
      await page.waitForFunction((l) => document.documentElement.lang === l, code);
    }
    await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
    // Each set of patterns fetched once (an English page's Norwegian words with it).
    await expect.poll(() => [...seen].sort()).toStrictEqual(sets.sort());
    // The word as the catalogue and the sources write it, now with soft hyphens inside.
    await expect
      .poll(async () => hyphenated(await answerText(page), word))
      .toBe(true);
    expect([...seen].sort(), 'no set fetched twice').toStrictEqual(sets.sort());
    // A field's value is never touched.
    const values = await page.evaluate(() => [...document.querySelectorAll('input, textarea')].map((el) => el.value).join(''));
    expect(values).not.toMatch(SOFT);
    await shoot(page, `hyphenated-200-390-${code}`);
    finish(b);
  });
}

test('hyphenation starts when the text is made larger and the letter is copied without soft hyphens', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.setViewportSize({ width: 390, height: 900 });
  const seen = patternRequests(page);
  const b = await openPage(page);
  await withCase(page);
  expect(seen).toStrictEqual([]);
  await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
  await expect.poll(() => seen.length).toBe(1);
  await expect.poll(async () => SOFT.test(await page.locator('#letter .letter-text').textContent())).toBe(true);
  // The letter's copy button copies the engine's text: no soft hyphen.
  await page.locator('#letter-copy').click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('brukerrettighetsloven');
  expect(copied).not.toMatch(SOFT);
  // Text selected and copied by hand loses its soft hyphens too.
  await page.evaluate(() => {
    const el = document.querySelector('#letter .letter-text');
    getSelection().selectAllChildren(el);
  });
  await page.keyboard.press('Control+C');
  const byHand = await page.evaluate(() => navigator.clipboard.readText());
  expect(byHand).toContain('brukerrettighetsloven');
  expect(byHand).not.toMatch(SOFT);
  finish(b);
});

test('a newly drawn part of the page is hyphenated too, and the words read the same without the hyphens', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 900 });
  const b = await openPage(page);
  await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
  await withCase(page);
  // The answer was drawn after the patterns were asked for: it gets them on its next pass.
  await expect.poll(async () => hyphenated(await answerText(page), 'brukerrettighetsloven')).toBe(true);
  const shown = await answerText(page);
  await page.evaluate(() => (document.documentElement.style.fontSize = ''));
  // Back at ordinary size, the hyphens stay but do not show: the text, without them, is the engine's.
  expect(shown.replace(/\u00AD/g, '')).toContain('pasient- og brukerrettighetsloven');
  finish(b);
});
