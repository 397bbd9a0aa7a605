// The browser tests (tests/e2e/*.spec.mjs) on Playwright Test, in Debian's
// Chromium (/usr/bin/chromium): no browser is ever downloaded
// (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 in .ci/setup).
//
//   bash .ci/build                                              # once: www/pkg, www/dist, www/index.html
//   npx --prefix tests playwright test -c tests/playwright.config.mjs [file or title filter]
//
// The run serves www/ itself on a free port of 127.0.0.1 (tests/e2e/serve-www.mjs)
// and stops the server at the end. With BASE_URL set it starts nothing and
// tests the page served there (`bash .ci/serve` in another terminal, say).
//
// Prints Playwright's list report and writes tests/e2e/out/report.json
// (.ci/test reads its counts); a failed test keeps its trace in
// tests/e2e/out/test-results/ (`npx --prefix tests playwright show-trace FILE`).
// BPA_E2E_REPORT and BPA_E2E_RESULTS put those two elsewhere (.ci/test uses
// its own, so a run beside it in the same checkout cannot clear or overwrite
// them).
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const here = dirname(fileURLToPath(import.meta.url));
const www = join(here, '..', 'www');

/** A port nobody listens on now, from the system. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// The config is read by the runner and again by each worker; the workers
// inherit the runner's environment, so the port chosen first is the one
// they all use.
let baseURL = process.env.BASE_URL;
let webServer;
if (baseURL) {
  if (!baseURL.endsWith('/')) baseURL += '/';
} else {
  if (!existsSync(join(www, 'pkg', 'bpa.js')) || !existsSync(join(www, 'index.html'))) {
    throw new Error('www/ is not built (no www/pkg/bpa.js or www/index.html, which .ci/bundle.mjs writes): run `bash .ci/build` first, or `bash .ci/test`');
  }
  process.env.BPA_E2E_PORT ??= String(await freePort());
  const port = process.env.BPA_E2E_PORT;
  baseURL = `http://127.0.0.1:${port}/`;
  webServer = {
    command: `node ${JSON.stringify(join(here, 'e2e', 'serve-www.mjs'))} ${JSON.stringify(www)} ${port}`,
    url: `${baseURL}index.html`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  };
}

export default defineConfig({
  testDir: join(here, 'e2e'),
  testMatch: '*.spec.mjs',
  outputDir: process.env.BPA_E2E_RESULTS || join(here, 'e2e', 'out', 'test-results'),
  // The machines have two cores: one test at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // Some tests open several pages or browsers one after another and print PDFs.
  timeout: 180_000,
  reporter: [['list'], ['json', { outputFile: process.env.BPA_E2E_REPORT || join(here, 'e2e', 'out', 'report.json') }]],
  webServer,
  use: {
    baseURL,
    locale: 'nb-NO',
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox', // Chromium refuses to run as root (CI) with its sandbox
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        // Without these Chromium calls Google's hosts at start, which these
        // machines' closed network refuses, many at a time.
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
  },
});
