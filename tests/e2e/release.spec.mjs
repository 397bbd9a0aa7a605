// Releases never mix: a person has the page open at one release, a new one is
// put on the server, and the page reloads. Every part must then run from the
// new release (dist/main.js, dist/app.js, pkg/bpa.js and the wasm's URL each
// carry the release id: .ci/bundle.mjs), and offline the page must still work
// on the new one.
//
// The server is the worst case for caches: tests/e2e/serve-www.mjs sends
// Last-Modified and no Cache-Control, and the files of the first release are
// dated 30 days back, so a browser may keep them about 3 days without asking
// (heuristic freshness: a tenth of their age). What keeps the reload right is
// the service worker, which fetches with cache: 'no-cache' (www/sw.js).
//
// The second release is the built www/ with another release id written in
// place of the first in the three files that carry it, each file put in
// place whole (written beside it, then renamed), as a deploy does.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, collectErrors, nb, seedCase, here, WWW } from './support.mjs';

const CARRIERS = ['dist/main.js', 'dist/app.js', 'pkg/bpa.js'];

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function dateBack(dir, seconds) {
  const t = Date.now() / 1000 - seconds;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) await utimes(join(e.parentPath ?? e.path, e.name), t, t);
  }
}

/** What the page runs: the release of each part, and the wasm URLs it fetched. */
const releases = (page) =>
  page.evaluate(async () => ({
    main: globalThis.bpaRelease,
    app: (await import('./dist/app.js')).bpaRelease,
    glue: window.bpaEngine.bpaRelease,
    wasm: performance.getEntriesByType('resource').map((e) => e.name).filter((u) => u.includes('bpa_bg.wasm')),
  }));

const allOf = (id, origin) => ({ main: id, app: id, glue: id, wasm: [`${origin}/pkg/bpa_bg.wasm?r=${id}`] });

test('a release put on the server mid-session: the reload runs every part from the new one, and offline too', async ({ newContext }) => {
  const dir = await mkdtemp(join(tmpdir(), 'bpa-release-'));
  const site = join(dir, 'www');
  await cp(WWW, site, { recursive: true, filter: (src) => !/[/\\]\.dist-/.test(src) });
  await dateBack(site, 30 * 24 * 3600);
  const port = await freePort();
  const server = spawn(process.execPath, [join(here, 'serve-www.mjs'), site, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((ok) => server.stdout.once('data', ok));
  const origin = `http://127.0.0.1:${port}`;
  try {
    const context = await newContext({ baseURL: `${origin}/` });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto('');
    await page.waitForSelector('#app:not([hidden])');
    const old = (await readFile(join(site, 'pkg', 'bpa.js'), 'utf8')).match(/bpaRelease = "([0-9a-f]+)"/)[1];
    expect(await releases(page), 'the first release, whole').toStrictEqual(allOf(old, origin));
    // The worker is in charge before the new release comes (as after any visit but the very first).
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });

    // The new release goes on the server.
    const id = randomBytes(8).toString('hex');
    for (const f of CARRIERS) {
      const path = join(site, f);
      const body = await readFile(path, 'utf8');
      expect(body.includes(old), `${f} carries the release id`).toBe(true);
      await writeFile(`${path}.new`, body.split(old).join(id));
      await rename(`${path}.new`, path);
    }

    // Reload: all of it from the new release, in one load (no second reload for a mix).
    let loads = 0;
    page.on('load', () => loads++);
    await page.reload();
    await page.waitForSelector('#app:not([hidden])');
    expect(await releases(page), 'every part from the new release').toStrictEqual(allOf(id, origin));
    expect(loads, 'one load: the page did not have to reload itself for a mix').toBe(1);
    expect(await page.evaluate(() => sessionStorage.getItem('bpa-release-reload')), 'no mismatch was met').toBeNull();
    await seedCase(page);
    await expect(page.locator('#verdict-title')).toHaveText(nb['verdict.likely_right_unless_cost.title']);

    expect(errors, 'online: no console errors or uncaught exceptions').toStrictEqual([]);

    // Offline: the worker's copies are the new release's, and the page works.
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('#app:not([hidden])');
    expect(await releases(page), 'offline, every part from the new release').toStrictEqual(allOf(id, origin));
    await seedCase(page);
    await expect(page.locator('#verdict-title')).toHaveText(nb['verdict.likely_right_unless_cost.title']);
    // (Chromium logs each request the worker tries on the network first.)
    expect(errors.filter((e) => !e.includes('Failed to load resource')), 'offline: no errors but the failed requests').toStrictEqual([]);
  } finally {
    server.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
});
