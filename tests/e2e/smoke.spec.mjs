// Smoke test of the served build: the WebAssembly module that .ci/build put
// in www/pkg loads in Chromium from the same origin and gives the seed's
// example week the answer the rules give natively. It does not need the
// page (www/index.html): it opens a file that is always there and imports
// the module itself.
import { test, expect, blockExternal, collectErrors } from './support.mjs';

test('the wasm module loads in Chromium and assesses the example week', async ({ page, context, baseURL }) => {
  const external = await blockExternal(context, baseURL);
  const errors = collectErrors(page);
  const response = await page.goto('i18n/nb.json');
  expect(response?.status(), 'www/i18n/nb.json is served').toBe(200);

  const result = await page.evaluate(async (base) => {
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
  }, baseURL);

  // Served as application/wasm, so the browser compiles it as it streams in.
  expect(result.type).toBe('application/wasm');
  expect(result.ok).toBe(true);
  expect(result.verdict).toBe('likely_right_unless_cost');
  expect(result.counted).toBe(28);
  expect(result.excludedIsPlain, 'hours.excluded is a plain object').toBe(true);
  expect(result.badOk).toBe(false);
  expect(result.badField).toBe('needs[0].start');
  expect(result.rules).toMatch(/^\d{4}-\d{2}-\d{2}/);
  expect(errors, 'no console errors').toStrictEqual([]);
  expect(external, 'no request left localhost').toStrictEqual([]);
});
