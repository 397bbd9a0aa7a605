// Helpers for the end-to-end tests in tests/e2e/*.test.mjs.
//
// The tests drive Debian's Chromium (/usr/bin/chromium) through
// playwright-core: no browser is ever downloaded. `.ci/test` serves www/ on
// a free localhost port and passes its address as BASE_URL.
//
//   import { BASE_URL, launch, axeScan, blockExternal } from './browser.mjs';
//   const browser = await launch();
//   try {
//     const external = await blockExternal(browser.context);
//     const page = browser.page;
//     await page.goto(BASE_URL);
//     assert.deepEqual(await axeScan(page), []);
//     assert.deepEqual(external, []);
//   } finally {
//     await browser.close();
//   }
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

/** Where www/ is served, always ending in "/" (from $BASE_URL). */
export const BASE_URL = (() => {
  const url = process.env.BASE_URL;
  if (!url) {
    throw new Error('BASE_URL is not set: run the e2e tests with `bash .ci/test`, or serve www/ and set BASE_URL=http://127.0.0.1:PORT/');
  }
  return url.endsWith('/') ? url : `${url}/`;
})();

/** Debian's Chromium, and the flags that make it work here as root and offline. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox', // Chromium refuses to run as root (CI) with its sandbox
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these Chromium calls Google's hosts at start, which this
  // machine's closed network refuses, many at a time.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts Chromium with a fresh, empty profile (its own temporary
 * --user-data-dir, so nothing a test saves in localStorage leaks into the
 * next). Returns `{ context, page, close }`: `context` is the browser
 * context, `page` its first tab, `close()` ends Chromium and deletes the
 * profile. Options are Playwright's context options (viewport, locale, …);
 * the locale defaults to Norwegian bokmål.
 */
export async function launch(options = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'bpa-e2e-profile-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      locale: 'nb-NO',
      ...options,
    });
  } catch (e) {
    await rm(profile, { recursive: true, force: true });
    throw e;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Scans the page with axe-core for WCAG 2.0 and 2.1, levels A and AA (what
 * norske nettsteder must meet), and returns the violations: `[]` means none.
 */
export async function axeScan(page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations;
}

/** Violations as short lines, for a readable assertion message. */
export function describeViolations(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`)
    .join('\n');
}

/**
 * Blocks every request to another origin than BASE_URL's and records it:
 * no data may leave the device, and the page must not need a CDN. Resolves
 * to the list (filled as the page runs) of URLs that were tried; a test
 * asserts it is empty at the end. Await it before navigating.
 */
export async function blockExternal(context) {
  const own = new URL(BASE_URL).origin;
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
