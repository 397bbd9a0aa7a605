// Hosting: a real nginx (Debian's, installed by .ci/setup) serves www/ with
// the shipped hosting/nginx.conf, and
//   - the response headers a municipality's host must send arrive: the CSP
//     (the page's own <meta> CSP, word for word, plus frame-ancestors),
//     nosniff, no-referrer, application/wasm for the module, and
//     Cache-Control: a year (immutable) for the files named by a hash, no-cache
//     for the page and every other file, and for a 404;
//   - the page works through it (the example week gets its verdict);
//   - a page of an origin named in frame-ancestors can frame it, and a page of
//     any other origin cannot: Chromium refuses the frame (a meta CSP cannot
//     say frame-ancestors, so only the header does this).
// nginx runs as an unprivileged process (user nobody when the test runs as
// root) with its prefix, pid, logs and temporary folders in a folder of its
// own under the system's temp dir, on a free port of 127.0.0.1: nothing of
// the machine's own nginx (/etc/nginx, /run/nginx.pid, /var/log/nginx) is
// used or touched.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, collectErrors, nb, seedCase, serve, WWW } from './support.mjs';

const SNIPPET = join(WWW, '..', 'hosting', 'nginx.conf');
/** The example origin the shipped file names in frame-ancestors, which a municipality replaces. */
const EXAMPLE_FRAMER = 'https://www.kommune.no';

const NGINX = [...(process.env.PATH || '').split(':'), '/usr/sbin', '/usr/local/sbin']
  .map((d) => join(d, 'nginx'))
  .find((p) => existsSync(p));

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

/**
 * Starts nginx with hosting/nginx.conf included in a server block on
 * 127.0.0.1:port serving www/, `framers` put in frame-ancestors in place of
 * the example origin. Resolves to { origin, stop() }.
 */
async function startNginx(framers) {
  const dir = await mkdtemp(join(tmpdir(), 'bpa-nginx-'));
  const port = await freePort();
  const snippet = await readFile(SNIPPET, 'utf8');
  expect(snippet.split(EXAMPLE_FRAMER).length - 1, `hosting/nginx.conf names ${EXAMPLE_FRAMER} in frame-ancestors once`).toBe(1);
  await writeFile(join(dir, 'bpa-kalkulator.conf'), snippet.replace(EXAMPLE_FRAMER, framers.join(' ')));
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${join(dir, t)};`).join('\n');
  await writeFile(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 64; }
http {
  access_log off;
${temp}
  server {
    listen 127.0.0.1:${port};
    server_name _;
    root ${WWW};
    include ${join(dir, 'bpa-kalkulator.conf')};
  }
}
`,
  );
  const args = ['-e', join(dir, 'error.log'), '-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'];
  let cmd = NGINX;
  let argv = args;
  if (process.getuid?.() === 0) {
    // Never as root: the whole server runs as nobody, in its own folder.
    await chown(dir, 65534, 65534);
    cmd = 'setpriv';
    argv = ['--reuid=65534', '--regid=65534', '--clear-groups', '--', NGINX, ...args];
  }
  const child = spawn(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) {
      const log = await readFile(join(dir, 'error.log'), 'utf8').catch(() => '');
      throw new Error(`nginx stopped at start (${child.exitCode}): ${stderr}${log}`);
    }
    const up = await fetch(`${origin}/index.html`, { method: 'HEAD' }).then((r) => r.ok, () => false);
    if (up) break;
    if (i > 100) throw new Error(`nginx did not answer on ${origin} within 10 s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    origin,
    async stop() {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The hashed files the built page names (www/index.html, written by
 * .ci/bundle.mjs), and the wasm its glue names: `{ main, app, css, glue, wasm }`,
 * each a path from www/.
 */
async function release() {
  const html = await readFile(join(WWW, 'index.html'), 'utf8');
  const named = (re) => {
    const m = re.exec(html);
    expect(m, `www/index.html names ${re}`).toBeTruthy();
    return m[1];
  };
  const glue = named(/<link rel="modulepreload" href="(dist\/bpa-[A-Z2-7]{8}\.js)">/);
  const wasm = /"(bpa_bg-[A-Z2-7]{8}\.wasm)"/.exec(await readFile(join(WWW, glue), 'utf8'));
  expect(wasm, `${glue} names its hashed wasm`).toBeTruthy();
  return {
    main: named(/<script type="module" src="(dist\/main-[A-Z2-7]{8}\.js)">/),
    app: named(/<link rel="modulepreload" href="(dist\/app-[0-9a-f]{16}\.js)">/),
    css: named(/<link rel="stylesheet" href="(dist\/page-[A-Z2-7]{8}\.css)">/),
    glue,
    wasm: `dist/${wasm[1]}`,
  };
}

/** The CSP of www/index.html's <meta> tag. */
async function metaCsp() {
  const html = await readFile(join(WWW, 'index.html'), 'utf8');
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  expect(m, 'www/index.html has a CSP meta tag').toBeTruthy();
  return m[1];
}

test.describe('hosting on nginx (hosting/nginx.conf)', () => {
  test.skip(!NGINX, 'nginx is not installed (Debian package nginx-light; bash .ci/setup installs it): the hosting tests need a real nginx');

  let nginx;
  let allowed;
  let foreign;
  test.beforeAll(async () => {
    // The framers' pages name the nginx page, whose port is chosen when it
    // starts; they are served before it, since the allowed one's origin goes
    // into its config.
    const pages = {};
    allowed = await serve(pages);
    foreign = await serve(pages);
    // The shipped file keeps 'self'; the test names the allowed framer in
    // place of the example origin, as a municipality names its own pages.
    nginx = await startNginx([allowed.origin]);
    pages['/host.html'] = {
      html: `<!doctype html><html lang="nb"><title>Kommunens side</title><h1>Kommunens side</h1>
<iframe src="${nginx.origin}/index.html" title="BPA-kalkulator" width="900" height="900"></iframe>`,
    };
  });
  test.afterAll(async () => {
    await nginx?.stop();
    await allowed?.close();
    await foreign?.close();
  });

  test('the response headers arrive on the page, its scripts and its module; hashed files are kept a year, the rest checked', async () => {
    const csp = `${await metaCsp()}; frame-ancestors 'self' ${allowed.origin}`;
    const built = await release();
    const IMMUTABLE = 'public, max-age=31536000, immutable';
    // [type, Cache-Control]: a file named by a hash of its bytes never
    // changes, so it is kept; a file whose name stays across releases is
    // checked on every use.
    const want = {
      '/': ['text/html; charset=utf-8', 'no-cache'],
      '/index.html': ['text/html; charset=utf-8', 'no-cache'],
      [`/${built.main}`]: ['text/javascript; charset=utf-8', IMMUTABLE],
      [`/${built.app}`]: ['text/javascript; charset=utf-8', IMMUTABLE],
      [`/${built.css}`]: ['text/css; charset=utf-8', IMMUTABLE],
      [`/${built.glue}`]: ['text/javascript; charset=utf-8', IMMUTABLE],
      [`/${built.wasm}`]: ['application/wasm', IMMUTABLE],
      '/sw.min.js': ['text/javascript; charset=utf-8', 'no-cache'],
      '/embed.js': ['text/javascript; charset=utf-8', 'no-cache'],
      '/i18n/nb.json': ['application/json; charset=utf-8', 'no-cache'],
    };
    for (const [path, [type, cache]] of Object.entries(want)) {
      const res = await fetch(`${nginx.origin}${path}`);
      expect(res.status, path).toBe(200);
      const h = Object.fromEntries(res.headers);
      expect(h['content-type'], `${path}: Content-Type`).toBe(type);
      expect(h['content-security-policy'], `${path}: the meta tag's CSP plus frame-ancestors`).toBe(csp);
      expect(h['x-content-type-options'], path).toBe('nosniff');
      expect(h['referrer-policy'], path).toBe('no-referrer');
      expect(h['cache-control'], `${path}: Cache-Control`).toBe(cache);
      expect(h['last-modified'] || h.etag, `${path}: a validator, so a check costs a 304`).toBeTruthy();
      await res.arrayBuffer();
    }
    // A missing file gets the headers too (`always`), and no server version.
    const missing = await fetch(`${nginx.origin}/no-such-file.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
    expect(missing.headers.get('server')).toBe('nginx');
    expect(missing.headers.get('cache-control'), 'a 404 is not kept').toBe('no-cache');
    // A hashed name that is not there (an older release's, or a deploy half
    // done) is a 404 that no browser keeps.
    const gone = await fetch(`${nginx.origin}/dist/printout-AAAAAAAA.js`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('cache-control'), 'a missing hashed file is not kept a year').toBe('no-cache');
    // Revalidation answers 304.
    const first = await fetch(`${nginx.origin}/index.html`);
    await first.arrayBuffer();
    const again = await fetch(`${nginx.origin}/index.html`, { headers: { 'If-Modified-Since': first.headers.get('last-modified') } });
    expect(again.status, 'an unchanged page is answered 304').toBe(304);
  });

  test('the page works through nginx: the example week gets its verdict', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto(`${nginx.origin}/`);
    await page.waitForSelector('#app:not([hidden])');
    await seedCase(page);
    await expect(page.locator('#verdict-title')).toHaveText(nb['verdict.likely_right_unless_cost.title']);
    expect(await page.evaluate(() => window.isSecureContext && !!navigator.serviceWorker), 'a secure context: the worker can register').toBe(true);
    expect(errors, 'no console errors under the header CSP').toStrictEqual([]);
  });

  test('a page of a named origin can frame it; a page of any other origin cannot', async ({ page }) => {
    // Named in frame-ancestors: the calculator starts in the frame.
    await page.goto(`${allowed.origin}/host.html`);
    const inside = page.frameLocator('iframe');
    await inside.locator('#app:not([hidden])').waitFor();
    expect(page.frames().some((f) => f.url() === `${nginx.origin}/index.html`), 'the frame holds the page').toBe(true);

    // Not named: Chromium refuses the frame; the calculator never starts in it.
    const refused = [];
    page.on('console', (m) => {
      if (/frame-ancestors/.test(m.text())) refused.push(m.text());
    });
    await page.goto(`${foreign.origin}/host.html`);
    await expect.poll(() => refused.length, { message: 'Chromium reports the frame-ancestors violation', timeout: 10_000 }).toBeGreaterThan(0);
    expect(refused[0], 'refused by the header the config sends').toContain(`frame-ancestors 'self' ${allowed.origin}`);
    // Give a loading frame every chance to start, then look inside.
    await page.waitForTimeout(1500);
    const child = page.mainFrame().childFrames()[0];
    expect(child, 'the iframe is there').toBeTruthy();
    expect(child.url(), 'the frame does not hold the page').not.toBe(`${nginx.origin}/index.html`);
    const started = await child.evaluate(() => !!document.getElementById('app')).catch(() => false);
    expect(started, 'no calculator in the refused frame').toBe(false);
  });
});
