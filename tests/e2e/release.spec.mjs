// Releases never mix: a person has the page open at one release, a new one is
// put on the server, and then
//   - the page reloads, with the service worker in charge: every part runs
//     from the new release, and offline the page still works on it;
//   - the page reloads, with no service worker at all (blocked, or before it
//     is in charge): the HTML is asked for again, and every other file has
//     a new name, so no old file can be taken from the browser's cache;
//   - without a reload, the person opens a part loaded on first use (the
//     caseworker view), whose file of the old release is gone: the page says
//     it reloads, reloads once, and runs the new release whole, with the
//     draft as it was.
//
// The server is the worst case for caches: tests/e2e/serve-www.mjs sends
// Last-Modified and no Cache-Control, and the files of the first release are
// dated 30 days back, so a browser may keep them about 3 days without asking
// (heuristic freshness: a tenth of their age).
//
// The second release is the built www/ with every hashed file of dist/
// under another name and another release id (as a build with other sources
// gives): the new files written beside the old ones, then the page that
// names them put in place whole (written beside it, then renamed), then the
// old files removed, as a deploy does (.ci/bundle.mjs does the same).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { test, expect, collectErrors, nb, seedCase, here, OUT, WWW } from './support.mjs';

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

/** A copy of the built www/ served by serve-www.mjs: `{ site, origin, stop() }`. */
async function serveCopy() {
  const dir = await mkdtemp(join(tmpdir(), 'bpa-release-'));
  const site = join(dir, 'www');
  await cp(WWW, site, { recursive: true, filter: (src) => !/[/\\]\.dist-/.test(src) });
  await dateBack(site, 30 * 24 * 3600);
  const port = await freePort();
  const server = spawn(process.execPath, [join(here, 'serve-www.mjs'), site, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, BPA_SERVE_LOG: 'all' },
  });
  await new Promise((ok) => server.stdout.once('data', ok));
  // What the browser asked the server for, as the server answered it: `304 GET /`.
  const asked = [];
  let rest = '';
  server.stdout.on('data', (d) => {
    const lines = (rest + d).split('\n');
    rest = lines.pop();
    asked.push(...lines);
  });
  return {
    site,
    asked,
    origin: `http://127.0.0.1:${port}`,
    async stop() {
      server.kill('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The release id the site's page carries (`<meta name="bpa-release">`). */
async function releaseOf(site) {
  const html = await readFile(join(site, 'index.html'), 'utf8');
  const id = /<meta name="bpa-release" content="([0-9a-f]{16})">/.exec(html)?.[1];
  expect(id, 'the built page carries its release id').toBeTruthy();
  return id;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const otherHash = () => [...randomBytes(8)].map((b) => BASE32[b & 31]).join('');

/**
 * Puts a second release on the site: every file of dist/ renamed (a new
 * hash, or the new release id for app-<id>.js), every name and the release
 * id replaced in the files that carry them. Returns `{ id, files }`: the new
 * release id and the names of its files in dist/.
 */
async function deploySecond(site) {
  const old = await releaseOf(site);
  const id = randomBytes(8).toString('hex');
  const dist = join(site, 'dist');
  const before = await readdir(dist);
  const renamed = new Map();
  for (const f of before) {
    const m = /^(.+)-([A-Z2-7]{8}|[0-9a-f]{16})(\.[a-z]+)$/.exec(f);
    expect(m, `dist/${f} is named by a hash`).toBeTruthy();
    renamed.set(f, m[2] === old ? `${m[1]}-${id}${m[3]}` : `${m[1]}-${otherHash()}${m[3]}`);
  }
  const rewrite = (text) => {
    let out = text;
    for (const [from, to] of renamed) out = out.split(from).join(to);
    return out.split(old).join(id);
  };
  for (const f of before) {
    const body = await readFile(join(dist, f));
    await writeFile(join(dist, renamed.get(f)), /\.(js|css)$/.test(f) ? rewrite(body.toString('utf8')) : body);
  }
  const page = join(site, 'index.html');
  await writeFile(`${page}.new`, rewrite(await readFile(page, 'utf8')));
  await rename(`${page}.new`, page);
  for (const f of before) await rm(join(dist, f));
  return { id, files: [...renamed.values()] };
}

/**
 * What the page runs: the release of the entry (main), of the bundle it
 * preloads (app) and of the engine it started (glue), and every file of
 * dist/ it loaded (Resource Timing, by name).
 */
const running = (page) =>
  page.evaluate(async () => {
    const app = document.querySelector('link[rel="modulepreload"][href*="/app-"]')?.href;
    return {
      main: globalThis.bpaRelease,
      app: app ? (await import(app)).bpaRelease : null,
      glue: window.bpaEngine?.bpaRelease,
      loaded: [...new Set(performance.getEntriesByType('resource').map((e) => new URL(e.name)).filter((u) => u.pathname.startsWith('/dist/')).map((u) => u.pathname.slice(6)))].sort(),
    };
  });

/** Asserts the page runs release `id` whole: each part carries it, and every file it loaded is one of `files`. */
async function expectWhole(page, { id, files }, when) {
  const now = await running(page);
  expect({ main: now.main, app: now.app, glue: now.glue }, `${when}: main, app and the engine of the release`).toStrictEqual({ main: id, app: id, glue: id });
  expect(now.loaded.filter((f) => !files.includes(f)), `${when}: no file of another release`).toStrictEqual([]);
  expect(now.loaded.some((f) => /^bpa_bg-[A-Z2-7]{8}\.wasm$/.test(f)), `${when}: the module is this release's`).toBe(true);
}

/** Reloads, counting the loads, and waits for the calculator. */
async function reload(page) {
  let loads = 0;
  const count = () => loads++;
  page.on('load', count);
  await page.reload();
  await page.waitForSelector('#app:not([hidden])');
  page.off('load', count);
  return loads;
}

test('a release put on the server mid-session: the reload runs every part from the new one, and offline too', async ({ newContext }) => {
  const host = await serveCopy();
  try {
    const context = await newContext({ baseURL: `${host.origin}/` });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto('');
    await page.waitForSelector('#app:not([hidden])');
    await expectWhole(page, { id: await releaseOf(host.site), files: await readdir(join(host.site, 'dist')) }, 'the first release');
    // The worker is in charge before the new release comes (as after any visit but the very first).
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });

    const second = await deploySecond(host.site);
    expect(await reload(page), 'one load: the page did not have to reload itself for a mix').toBe(1);
    await expectWhole(page, second, 'after the reload');
    expect(await page.evaluate(() => sessionStorage.getItem('bpa-release-reload')), 'no mismatch was met').toBeNull();
    await seedCase(page);
    await expect(page.locator('#verdict-title')).toHaveText(nb['verdict.likely_right_unless_cost.title']);
    expect(errors, 'online: no console errors or uncaught exceptions').toStrictEqual([]);

    // Offline: the worker's copies are the new release's, and the page works.
    await context.setOffline(true);
    await reload(page);
    await expectWhole(page, second, 'offline');
    await seedCase(page);
    await expect(page.locator('#verdict-title')).toHaveText(nb['verdict.likely_right_unless_cost.title']);
    // (Chromium logs each request the worker tries on the network first.)
    expect(errors.filter((e) => !e.includes('Failed to load resource')), 'offline: no errors but the failed requests').toStrictEqual([]);
  } finally {
    await host.stop();
  }
});

test('a release put on the server mid-session, no service worker: the reload asks for the page again, and every file it names is new', async ({ newContext }) => {
  const host = await serveCopy();
  try {
    const context = await newContext({ baseURL: `${host.origin}/`, serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    // What the browser asks the server for, and what it answers (a 304: the copy in the cache is current).
    const { asked } = host;
    const settled = async () => {
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(200); // the server's last lines
    };
    await page.goto('');
    await page.waitForSelector('#app:not([hidden])');
    expect(await page.evaluate(() => navigator.serviceWorker.controller), 'no worker controls the page').toBeNull();
    await expectWhole(page, { id: await releaseOf(host.site), files: await readdir(join(host.site, 'dist')) }, 'the first release');
    // A reload before the release: the old files, 30 days old, come from the
    // browser's cache without a request (heuristic freshness), and the page
    // is checked with the server: the case this test is about.
    await settled();
    asked.length = 0;
    expect(await reload(page)).toBe(1);
    await settled();
    expect(asked.filter((a) => / \/$/.test(a)), 'the page itself is checked on reload').toStrictEqual(['304 GET /']);
    expect(asked.filter((a) => a.includes('/dist/')), 'the files of the release are not asked for again').toStrictEqual([]);

    const second = await deploySecond(host.site);
    asked.length = 0;
    expect(await reload(page), 'one load: the page did not have to reload itself for a mix').toBe(1);
    await settled();
    expect(asked.filter((a) => / \/$/.test(a)), 'the new page came from the server').toStrictEqual(['200 GET /']);
    expect(asked.filter((a) => a.includes('/dist/')).every((a) => a.startsWith('200 ')), 'each file it names fetched new').toBe(true);
    expect(asked.filter((a) => a.includes('/dist/')).length, 'the new files were fetched').toBeGreaterThan(3);
    await expectWhole(page, second, 'after the reload');
    expect(await page.evaluate(() => sessionStorage.getItem('bpa-release-reload')), 'no mismatch was met').toBeNull();
    await seedCase(page);
    await expect(page.locator('#verdict-title')).toHaveText(nb['verdict.likely_right_unless_cost.title']);
    expect(errors, 'no console errors or uncaught exceptions').toStrictEqual([]);
  } finally {
    await host.stop();
  }
});

/**
 * The page opened (with the service worker in charge, when `worker`) and a
 * draft in it: the example week, and an age typed in. What a session left
 * open across a release holds.
 */
async function openWithDraft(context, { worker }) {
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto('');
  await page.waitForSelector('#app:not([hidden])');
  if (worker) await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
  await seedCase(page);
  await page.fill('#f-age', '41');
  await expect.poll(() => page.evaluate(() => window.bpaApp.getCase().person?.age)).toBe(41);
  const draft = await page.evaluate(() => window.bpaApp.getCase());
  await page.waitForLoadState('networkidle');
  return { page, errors, draft };
}

for (const worker of [true, false]) {
  test(`a part first opened after a release ${worker ? 'with' : 'without'} the service worker: the page says it reloads, reloads once, and runs the new release with the draft as it was`, async ({ newContext }) => {
    const host = await serveCopy();
    try {
      // (Without the worker on a phone's width, to see the notice there too.)
      const context = await newContext({ baseURL: `${host.origin}/`, ...(worker ? {} : { serviceWorkers: 'block', viewport: { width: 390, height: 844 } }) });
      const { page, errors, draft } = await openWithDraft(context, { worker });
      const first = await running(page);
      expect(first.loaded.some((f) => f.startsWith('caseworker-')), 'the caseworker view is not loaded yet').toBe(false);

      const second = await deploySecond(host.site);
      await mkdir(OUT, { recursive: true });
      // The caseworker view, opened now, names its file of the old release: gone.
      let loads = 0;
      page.on('load', () => loads++);
      await page.locator('#caseworker > summary').click();
      const notice = page.locator('#release-reload');
      await expect(notice, 'the page says what happens before it reloads').toHaveText(nb['ui.release_reload']);
      await expect(notice).toHaveAttribute('role', 'alert');
      await expect(notice, 'the notice is in view where the person is').toBeInViewport();
      await page.screenshot({ path: join(OUT, `release-reload-notice-${worker ? 1280 : 390}.png`) });
      if (!worker) {
        // Text at 200 % (WCAG 1.4.4): the notice grows with it and stays whole in view.
        await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
        await expect(notice).toBeInViewport({ ratio: 1 });
        await page.screenshot({ path: join(OUT, 'release-reload-notice-390-text200.png') });
      }
      await page.waitForEvent('load');
      await page.waitForSelector('#app:not([hidden])');
      expect(loads, 'one reload').toBe(1);

      // The draft, as it was, in the new release.
      expect(await page.evaluate(() => window.bpaApp.getCase()), 'the draft as it was').toStrictEqual(draft);
      await expect(page.locator('#verdict-title')).toHaveText(nb['verdict.likely_right_unless_cost.title']);
      const box = page.locator('#caseworker');
      if (!(await box.evaluate((d) => d.open))) await page.locator('#caseworker > summary').click();
      await expect(box.locator('.cw-body'), 'the caseworker view of the new release is drawn').not.toBeEmpty();
      await expectWhole(page, second, 'after the reload');
      expect(await page.evaluate(() => sessionStorage.getItem('bpa-release-reload')), 'the new release started: no mark left').toBeNull();
      await expect(page.locator('#release-reload')).toHaveCount(0);
      // Only the old part's file failed (a 404), nothing else.
      expect(errors.filter((e) => !/Failed to load resource.*404/.test(e)), 'no other error').toStrictEqual([]);
    } finally {
      await host.stop();
    }
  });
}

test('a language first opened after a release: its texts are the new release\'s, after one reload that keeps the draft and the language chosen', async ({ newContext }) => {
  const host = await serveCopy();
  try {
    const context = await newContext({ baseURL: `${host.origin}/` });
    const { page, errors, draft } = await openWithDraft(context, { worker: true });
    expect((await running(page)).loaded.some((f) => f.startsWith('nn-')), 'nynorsk is not loaded yet').toBe(false);

    // The new release renames every file, the catalogues too: this page's
    // nynorsk (dist/nn-HASH.json) is gone, and the new one may hold other keys.
    const second = await deploySecond(host.site);
    let loads = 0;
    page.on('load', () => loads++);
    await page.locator('#languages button[lang="nn"]').click();
    await expect(page.locator('#release-reload'), 'the page says what happens before it reloads').toHaveText(nb['ui.release_reload']);
    await page.waitForEvent('load');
    await page.waitForSelector('#app:not([hidden])');
    expect(loads, 'one reload').toBe(1);
    await expect(page.locator('html'), 'the page opens in the language chosen').toHaveAttribute('lang', 'nn');
    await expect(page.locator('#languages button[lang="nn"]')).toHaveAttribute('aria-pressed', 'true');
    const now = await running(page);
    const nn = second.files.find((f) => /^nn-/.test(f));
    expect(now.loaded, 'nynorsk came from the new release').toContain(nn);
    expect(now.loaded.filter((f) => !second.files.includes(f)), 'nothing of the old release').toStrictEqual([]);
    expect(await page.evaluate(() => window.bpaApp.getCase().person?.age), 'the draft as it was').toBe(draft.person.age);
    expect(await page.evaluate(() => window.bpaApp.getCase().needs), 'the week as it was').toStrictEqual(draft.needs);
    expect(errors.filter((e) => !/Failed to load resource.*404/.test(e)), 'no other error').toStrictEqual([]);
  } finally {
    await host.stop();
  }
});

test('offline, a part never loaded waits for the network: no reload, and it opens once the network is back', async ({ newContext }) => {
  const host = await serveCopy();
  try {
    const context = await newContext({ baseURL: `${host.origin}/` });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto('');
    await page.waitForSelector('#app:not([hidden])');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
    await seedCase(page);
    await page.waitForLoadState('networkidle');
    let loads = 0;
    page.on('load', () => loads++);
    await context.setOffline(true);
    const box = page.locator('#caseworker');
    await page.locator('#caseworker > summary').click();
    // Long enough for a reload (the notice waits 2.5 s) to have started.
    await page.waitForTimeout(4000);
    expect(loads, 'offline: no reload').toBe(0);
    await expect(page.locator('#release-reload')).toHaveCount(0);
    await expect(box.locator('.cw-body'), 'offline: the part is not there').toBeEmpty();
    // Back online: the next time it is opened, it loads.
    await context.setOffline(false);
    await page.locator('#caseworker > summary').click();
    await page.locator('#caseworker > summary').click();
    await expect(box.locator('.cw-body'), 'online again: the part is drawn').not.toBeEmpty();
    expect(loads).toBe(0);
    expect(errors.filter((e) => !e.includes('Failed to load resource')), 'no errors but the failed request').toStrictEqual([]);
  } finally {
    await host.stop();
  }
});
