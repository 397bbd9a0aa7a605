// The page's weight on a first visit, measured from the network, against
// its budgets (everything the page loads, gzip -9: at most 160 KB; the
// WebAssembly alone: at most 100 KB; 1 KB = 1000 bytes) and the ceilings
// the test fails above (CEILINGS below).
//
// Opens the page in Chromium with an empty cache and records every distinct
// URL fetched over the network until the page and its service worker are
// idle: the page's own requests and the service worker's (which Playwright
// reports without a body), HTML, CSS, JS, wasm, JSON, fonts, images, so a
// new file is never forgotten. Each URL is counted once, at its real size:
// node fetches it again and compresses the body with gzip -9 itself,
// whatever the server sends. Sizes are deterministic, so this is a test:
// `.ci/test` runs it against the www/ it serves.
//
//   BASE_URL=http://127.0.0.1:8080/ node .ci/check-size.mjs [--json out.json]
//
// Prints one line per file, one line per budget (met or not, with the
// figures), then the checks and `test result: ok. N passed; M failed` (the
// form .ci/test adds up). `.ci/bench` imports firstVisit() for its table.
import { createRequire } from 'node:module';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const require = createRequire(new URL('../tests/package.json', import.meta.url));
const { chromium } = require('playwright-core');

/** The budgets, in bytes (1 KB = 1000 bytes). */
export const BUDGETS = {
  wasmGzip: 100_000,
  firstVisitGzip: 160_000,
};

/**
 * Where the test fails: just over today's figures, so that neither can grow
 * unnoticed. When the engine became one model read and written by serde
 * the WebAssembly was 225.6 KB (519.9 KB raw) and the first visit 279.3 KB;
 * the merges of drafts in the engine and of the application letter, the
 * complaint and the cost estimate took them to 297.2 KB (686.2 KB raw) and
 * 358.5 KB (nb.json 14.7 -> 21.2 KB), and the ceilings were raised with them.
 * The page parts of the letter, the complaint and the cost (letter.js,
 * appeal.js, cost.js and what they share, 8.5 KB), fetched right after the
 * first paint, and the new texts brought the first visit to 373.5 KB.
 * Leaving out of the module what only readers of the law file read (the
 * notes on parameters and rules, the sources' quotes: build.rs) took the
 * WebAssembly from 299.6 to 294.7 KB and the first visit from 373.9 to
 * 369.0 KB, and the ceilings came down with them.
 *
 * Both figures are over their budgets, and the budgets are not the failing
 * line while they are: the way under them that was weighed is to write by
 * hand what serde derives (the readers and writers of the case, profiles,
 * law, items and links), which the one-model design rules out, since every
 * hand-written reader is a second description of a format to keep in step.
 * The budgets are printed on every run, met or not. When a figure drops,
 * lower its ceiling with it; once a budget is met, the budget becomes the
 * ceiling again.
 */
export const CEILINGS = {
  wasmGzip: 296_000,
  firstVisitGzip: 372_000,
};

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts Chromium with a fresh profile: `{ context, page, close }`. */
export async function launch(options = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'bpa-size-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    locale: 'nb-NO',
    ...options,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Loads `baseUrl` with an empty cache and returns every distinct URL fetched
 * over the network, as `{ url, path, status, type, by, bytes, gzip }`
 * (`by`: "page" or "service worker"; bytes as the server sends the file,
 * decoded; gzip the same compressed with gzip -9), and the total of `gzip`.
 * Waits until the page shows the calculator, its service worker is active
 * and the network is idle.
 */
export async function firstVisit(baseUrl) {
  const browser = await launch();
  const seen = new Map(); // url without #fragment -> { status, type, by }
  try {
    browser.context.on('requestfinished', async (request) => {
      const url = request.url().split('#')[0];
      if (!/^https?:/.test(url)) return;
      const response = await request.response().catch(() => null);
      const by = request.serviceWorker() ? 'service worker' : 'page';
      const prev = seen.get(url);
      seen.set(url, {
        status: Math.max(prev?.status ?? 0, response?.status() ?? 0),
        type: prev?.type || (response?.headers()['content-type'] ?? '').split(';')[0],
        by: prev ? (prev.by === by ? by : 'page, service worker') : by,
      });
    });
    browser.context.on('requestfailed', (request) => {
      const url = request.url().split('#')[0];
      if (/^https?:/.test(url) && !seen.has(url)) seen.set(url, { status: 0, type: '', by: 'failed' });
    });
    await browser.page.goto(baseUrl, { waitUntil: 'networkidle' });
    await browser.page.waitForSelector('#app:not([hidden])', { timeout: 30_000 });
    // The service worker installs after the page loads; what it fetches
    // then belongs to the first visit too.
    await browser.page.evaluate(() =>
      'serviceWorker' in navigator
        ? Promise.race([navigator.serviceWorker.ready, new Promise((ok) => setTimeout(ok, 10_000))])
        : null,
    );
    await browser.page.waitForTimeout(1500);
    await browser.page.waitForLoadState('networkidle');
  } finally {
    await browser.close();
  }
  const files = [];
  for (const [url, info] of seen) {
    let body = Buffer.alloc(0);
    try {
      const res = await fetch(url);
      body = Buffer.from(await res.arrayBuffer());
    } catch {
      // Counted as 0 B; its status (0 or 4xx) fails the test below.
    }
    files.push({
      url,
      path: new URL(url).pathname + new URL(url).search,
      ...info,
      bytes: body.length,
      gzip: body.length ? gzipSync(body, { level: 9 }).length : 0,
    });
  }
  files.sort((a, b) => b.gzip - a.gzip || a.path.localeCompare(b.path));
  const total = files.reduce((sum, f) => sum + f.gzip, 0);
  return { files, total };
}

/** "12.3 KB" with 1 KB = 1000 bytes, as the budgets are written. */
export const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

async function main() {
  const base = process.env.BASE_URL;
  if (!base) {
    console.error('check-size: BASE_URL is not set (serve www/ and set BASE_URL, or run `bash .ci/test`)');
    process.exit(2);
  }
  const jsonAt = process.argv.indexOf('--json');
  const { files, total } = await firstVisit(base.endsWith('/') ? base : `${base}/`);
  for (const f of files) {
    console.log(`size: ${String(f.status).padEnd(4)}${f.path.padEnd(36)} ${String(f.bytes).padStart(8)} B  ${kb(f.gzip).padStart(9)} gzip -9  ${f.by}`);
  }
  const wasm = files.filter((f) => new URL(f.url).pathname.endsWith('.wasm'));
  const wasmGzip = wasm.reduce((sum, f) => sum + f.gzip, 0);
  // The budgets: reported, met or not (see CEILINGS for why they are not a failure).
  const budget = (name, size, key) => {
    const met = size <= BUDGETS[key];
    const by = met ? `${kb(BUDGETS[key] - size)} under` : `${kb(size - BUDGETS[key])} over`;
    console.log(`size: budget ${met ? 'met    ' : 'NOT MET'} ${name} <= ${kb(BUDGETS[key])}: ${kb(size)} (${by})`);
  };
  budget('wasm gzip -9', wasmGzip, 'wasmGzip');
  budget(`first visit gzip -9 (${files.length} files)`, total, 'firstVisitGzip');
  const limit = (size, key) => [size <= CEILINGS[key], `${kb(size)} (${kb(CEILINGS[key] - size)} of headroom; budget ${kb(BUDGETS[key])})`];
  const checks = [
    [`the page fetched its WebAssembly`, wasm.length > 0, `${wasm.length} .wasm file(s)`],
    [`every file was found (no 4xx/5xx, no failed request)`, files.every((f) => f.status >= 200 && f.status < 400), files.filter((f) => !(f.status >= 200 && f.status < 400)).map((f) => `${f.status} ${f.path}`).join(', ') || 'all 2xx/3xx'],
    // The hyphenation patterns (dist/hyphen-no-…, dist/hyphen-en-…, 83 and 16 KB gzip) are for short lines only (www/hyphenate.js): never part of an ordinary first visit.
    [`no hyphenation patterns at ordinary size`, !files.some((f) => /\/dist\/hyphen-/.test(f.path)), files.filter((f) => /\/dist\/hyphen-/.test(f.path)).map((f) => f.path).join(', ') || 'none fetched'],
    [`wasm gzip -9 <= ceiling ${kb(CEILINGS.wasmGzip)}`, ...limit(wasmGzip, 'wasmGzip')],
    [`first visit gzip -9 <= ceiling ${kb(CEILINGS.firstVisitGzip)} (${files.length} files)`, ...limit(total, 'firstVisitGzip')],
  ];
  let passed = 0;
  for (const [name, ok, value] of checks) {
    console.log(`size: ${ok ? 'ok  ' : 'FAIL'} ${name}: ${value}`);
    if (ok) passed += 1;
  }
  if (jsonAt > 0 && process.argv[jsonAt + 1]) {
    await writeFile(process.argv[jsonAt + 1], JSON.stringify({ files, total, wasmGzip, budgets: BUDGETS, ceilings: CEILINGS }, null, 2));
  }
  const failed = checks.length - passed;
  console.log(`test result: ${failed ? 'FAILED' : 'ok'}. ${passed} passed; ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
