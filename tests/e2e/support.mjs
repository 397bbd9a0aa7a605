// What the browser tests (tests/e2e/*.spec.mjs) share, on Playwright Test
// (tests/playwright.config.mjs serves www/ and starts Debian's Chromium):
//
//   - `test`, Playwright's own with one more fixture, `newContext`: another
//     browser context (a fresh, empty profile: nothing of the test's `page`)
//     with the test's base URL, locale and viewport, closed at the end;
//   - guards: no request leaves the page's origin (`blockExternal`), no
//     console error or uncaught exception (`collectErrors`), axe-core's
//     WCAG 2.0/2.1 A and AA scan (`axeScan`);
//   - `openPage`/`finish`: open the page with those guards, and check them;
//   - the catalogues (www/i18n/*.json) and `text()`: expected words are read
//     from them, never written in the tests;
//   - the seed's example case, printing to PDF read back with poppler's
//     pdfinfo and pdftotext, screenshots, and a small server for a host page
//     on another origin.
import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { test as base, expect } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';

export { expect };

export const test = base.extend({
  newContext: async ({ browser, baseURL, locale, viewport }, use) => {
    const contexts = [];
    await use(async (options = {}) => {
      const context = await browser.newContext({ baseURL, locale, viewport, ...options });
      contexts.push(context);
      return context;
    });
    for (const context of contexts) await context.close().catch(() => {});
  },
});

export const run = promisify(execFile);
export const here = dirname(fileURLToPath(import.meta.url));
/** Screenshots, PDFs and the accessibility tree's summary, for a person to look at (not committed). */
export const OUT = join(here, 'out');
export const WWW = join(here, '../../www');
export const catalogue = async (lang) => JSON.parse(await readFile(join(WWW, 'i18n', `${lang}.json`), 'utf8'));
export const nb = await catalogue('nb');
export const LANGS = { nb, nn: await catalogue('nn'), en: await catalogue('en') };

/** A catalogue text with `{name}` filled in, as the page writes it. */
export function text(cat, key, vars = {}) {
  expect(key in cat, `the catalogue has ${key}`).toBeTruthy();
  return cat[key].replace(/\{([a-z_0-9]+)\}/gi, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** Text with its white space made single spaces (pdftotext breaks lines). */
export const flat = (s) => s.replace(/\s+/g, ' ').trim();

/** A catalogue key as it would show if a text were missing: "ui.print.title", "note.DOC_…". */
export const RAW_KEY = /\b(?:ui|note|reason|verdict|kind|cause|status|day|place|report)\.[a-z_]+(?:\.[A-Za-z_]+)*\b/;

/**
 * Blocks every request to another origin than `baseURL`'s and records it:
 * no data may leave the device, and the page must not need a CDN. Resolves
 * to the list (filled as the page runs) of URLs that were tried; a test
 * asserts it is empty at the end. Await it before navigating.
 */
export async function blockExternal(context, baseURL) {
  const own = new URL(baseURL).origin;
  const external = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === own) return route.continue();
    external.push(url);
    return route.abort('blockedbyclient');
  });
  return external;
}

/**
 * Records the page's console errors and uncaught exceptions, which a test
 * asserts are none (a missing file or a throw shows up here first).
 */
export function collectErrors(page) {
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  return errors;
}

/**
 * Scans the page with axe-core for WCAG 2.0 and 2.1, levels A and AA (what
 * norske nettsteder must meet), and returns the violations: `[]` means none.
 */
export async function axeScan(page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations;
}

/** Violations as short lines, for a readable assertion message. */
export function describeViolations(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`)
    .join('\n');
}

/** Asserts axe finds nothing, naming the state in the message. */
export async function expectNoViolations(page, state = '') {
  const v = await axeScan(page);
  expect(v, `${state ? `${state}:\n` : ''}${describeViolations(v)}`).toStrictEqual([]);
}

/**
 * Opens the page (the base URL + `path`) in `page` with the guards, and waits
 * until the calculator is shown. Returns `{ page, context, external, errors,
 * warnings }` for finish(); `warnings` are the page's notes of a missing
 * catalogue key.
 */
export async function openPage(page, path = '') {
  const b = await guard(page);
  await page.goto(path);
  await page.waitForSelector('#app:not([hidden])');
  return b;
}

/**
 * The guards of openPage() on a page not opened yet: requests elsewhere
 * blocked (for the whole context), console errors and missing catalogue
 * keys recorded. Returns `{ page, context, external, errors, warnings }`.
 */
export async function guard(page) {
  const context = page.context();
  const external = await blockExternal(context, baseURLOf());
  const errors = collectErrors(page);
  const warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' && m.text().includes('i18n')) warnings.push(m.text());
  });
  return { page, context, external, errors, warnings };
}

/** What must hold on every page: no error, no request elsewhere, no missing text. */
export function finish(b) {
  expect(b.errors, 'no console errors or uncaught exceptions').toStrictEqual([]);
  expect(b.external, 'no request left the page’s origin').toStrictEqual([]);
  expect(b.warnings, 'no missing catalogue keys').toStrictEqual([]);
}

/** The base URL the test runs against (always ending in "/"), from the config. */
export function baseURLOf() {
  const url = test.info().project.use.baseURL;
  if (!url) throw new Error('no baseURL: run the tests with tests/playwright.config.mjs');
  return url;
}

/** The seed's example week (4 visits a day, 28 hours), in a language, with notes. */
export async function seedCase(page, lang = 'nb', notes = undefined) {
  return page.evaluate(
    async ({ lang, notes }) => {
      const c = window.bpaEngine.example_case();
      if (lang !== 'nb') c.settings.lang = lang;
      if (notes) c.notes = notes;
      window.bpaApp.setCase(c);
      return c;
    },
    { lang, notes },
  );
}

/** The seed's example case, from the page's engine. */
export const exampleCase = (page) => page.evaluate(async () => window.bpaEngine.example_case());

export async function openDetails(page) {
  await page.evaluate(() => {
    for (const d of document.querySelectorAll('#own-words, #caseworker')) d.open = true;
  });
  // Drawn before anything reads them (Chromium lays out an opened <details> lazily).
  await page.locator('#f-notes-goal').waitFor({ state: 'visible' });
  if (await page.locator('#caseworker .moment').count()) await page.locator('#caseworker .moment').last().waitFor({ state: 'visible' });
}

export async function shoot(page, name) {
  await mkdir(OUT, { recursive: true });
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
}

/** Prints the page to an A4 PDF as Chromium's "Save as PDF" does; returns its pages and text. */
export async function printPdf(page, name) {
  await mkdir(OUT, { recursive: true });
  const file = join(OUT, `${name}.pdf`);
  await page.emulateMedia({ media: 'print' });
  // The page draws its printout when it turns to print; the printout's
  // module is loaded once the page is in use, and may still be on its way
  // right after a test filled the page in.
  await page.waitForFunction(() => document.querySelector('#printout')?.childElementCount > 0);
  await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  const info = (await run('pdfinfo', [file])).stdout;
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const body = (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout;
  return { file, pages, text: flat(body) };
}

/**
 * Serves pages made by a test from their own origin (127.0.0.1 on another
 * port than the calculator's): a municipality's page, or another frame on
 * it. A real server, so the page has real headers (its CSP) and Chromium
 * treats it as the loopback address it is. `pages` maps a path to
 * { html, headers }. Resolves to { origin, close() }.
 */
export async function serve(pages) {
  const server = createServer((req, res) => {
    const page = pages[new URL(req.url, 'http://x').pathname];
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...(page.headers || {}) });
    res.end(page.html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}
