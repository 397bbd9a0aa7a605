// Shared helpers for the issue 7 end-to-end tests (tests/e2e/issue7-*.test.mjs):
// opening the page, the seed's example case, printing to PDF and reading it
// back with poppler's pdfinfo and pdftotext, and a small server for a host
// page on another origin. Expected words come from the catalogues
// (www/i18n/*.json), never written in the tests.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BASE_URL, launch, blockExternal, collectErrors } from './browser.mjs';

export const run = promisify(execFile);
export const here = dirname(fileURLToPath(import.meta.url));
export const OUT = join(here, 'out');
export const WWW = join(here, '../../www');
export const catalogue = async (lang) => JSON.parse(await readFile(join(WWW, 'i18n', `${lang}.json`), 'utf8'));
export const nb = await catalogue('nb');
export const LANGS = { nb, nn: await catalogue('nn'), en: await catalogue('en') };

/** A catalogue text with `{name}` filled in, as the page writes it. */
export function text(cat, key, vars = {}) {
  assert.ok(key in cat, `the catalogue has ${key}`);
  return cat[key].replace(/\{([a-z_0-9]+)\}/gi, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** Text with its white space made single spaces (pdftotext breaks lines). */
export const flat = (s) => s.replace(/\s+/g, ' ').trim();

/** A catalogue key as it would show if a text were missing: "ui.print.title", "note.DOC_…". */
export const RAW_KEY = /\b(?:ui|note|reason|verdict|kind|cause|status|day|place|report)\.[a-z_]+(?:\.[A-Za-z_]+)*\b/;

export async function openPage(path = '', options = {}) {
  const browser = await launch({ viewport: { width: 1280, height: 900 }, ...options });
  const external = await blockExternal(browser.context);
  const errors = collectErrors(browser.page);
  const warnings = [];
  browser.page.on('console', (m) => {
    if (m.type() === 'warning' && m.text().includes('i18n')) warnings.push(m.text());
  });
  await browser.page.goto(`${BASE_URL}${path}`);
  await browser.page.waitForSelector('#app:not([hidden])');
  return { ...browser, external, errors, warnings };
}

export async function finish(b) {
  try {
    assert.deepEqual(b.errors, [], 'no console errors or uncaught exceptions');
    assert.deepEqual(b.external, [], 'no request left the page’s origin');
    assert.deepEqual(b.warnings, [], 'no missing catalogue keys');
  } finally {
    await b.close();
  }
}

/** The seed's example week (4 visits a day, 28 hours), in a language, with notes. */
export async function seedCase(page, lang = 'nb', notes = undefined) {
  return page.evaluate(
    async ({ lang, notes }) => {
      const c = (await import('./pkg/bpa.js')).example_case();
      if (lang !== 'nb') c.settings.lang = lang;
      if (notes) c.notes = notes;
      window.bpaApp.setCase(c);
      return c;
    },
    { lang, notes },
  );
}

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
