// Smoke test of the served build: the WebAssembly module that .ci/build put
// in www/pkg loads in Chromium from the same origin and gives the seed's
// example week the answer the rules give natively. It does not need the
// page (www/index.html): it opens a file that is always there and imports
// the module itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, blockExternal, collectErrors } from './browser.mjs';

test('the wasm module loads in Chromium and assesses the example week', async () => {
  const browser = await launch();
  try {
    const external = await blockExternal(browser.context);
    const errors = collectErrors(browser.page);
    const response = await browser.page.goto(`${BASE_URL}i18n/nb.json`);
    assert.equal(response?.status(), 200, 'www/i18n/nb.json is served');

    const result = await browser.page.evaluate(async (base) => {
      const type = (await fetch(`${base}pkg/bpa_bg.wasm`)).headers.get('content-type');
      const bpa = await import(`${base}pkg/bpa.js`);
      await bpa.default();
      const reply = bpa.assess(bpa.example_case());
      const bad = bpa.assess({ needs: [{ kind: 'personal', days: ['mon'], start: '25:00', end: '08:00' }] });
      return {
        type,
        ok: reply.ok,
        verdict: reply.assessment?.verdict,
        counted: reply.assessment?.hours?.counted,
        excludedIsPlain: Object.getPrototypeOf(reply.assessment?.hours?.excluded) === Object.prototype,
        badOk: bad.ok,
        badField: bad.errors?.[0]?.field,
        rules: bpa.rules_version(),
      };
    }, BASE_URL);

    // Served as application/wasm, so the browser compiles it as it streams in.
    assert.equal(result.type, 'application/wasm');
    assert.equal(result.ok, true);
    assert.equal(result.verdict, 'likely_right_unless_cost');
    assert.equal(result.counted, 28);
    assert.equal(result.excludedIsPlain, true, 'hours.excluded is a plain object');
    assert.equal(result.badOk, false);
    assert.equal(result.badField, 'needs[0].start');
    assert.match(result.rules, /^\d{4}-\d{2}-\d{2}/);
    assert.deepEqual(errors, [], 'no console errors');
    assert.deepEqual(external, [], 'no request left localhost');
  } finally {
    await browser.close();
  }
});
