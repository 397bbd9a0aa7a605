// Languages: bokmål, nynorsk and English each render with every text from
// the catalogue (no raw keys), lang on the calculator's root and <html>, and
// no axe violations (WCAG 2.1 A/AA); a new language is one file, and its
// untranslated keys fall back to bokmål visibly (a test-only catalogue
// served by the test, not a Sámi text we cannot check).
import {
  test,
  expect,
  axeScan,
  describeViolations,
  blockExternal,
  collectErrors,
  nb,
  LANGS,
  RAW_KEY,
  openPage,
  finish,
  seedCase,
  openDetails,
  shoot,
  text,
  flat,
} from './support.mjs';

// ---- Languages ----------------------------------------------------------------

// The engine sends an error as a code with values and no words (the texts
// are not in the WebAssembly); the page words it from the catalogue, so a
// nynorsk reader gets nynorsk, not the bokmål it once got.
test('an error from the engine is shown in the words of each language', async ({ newContext }) => {
  for (const [code, cat] of Object.entries(LANGS)) {
    // Each language in a fresh profile: no draft of the one before.
    const page = await (await newContext()).newPage();
    const b = await openPage(page, `?lang=${code}`);
    const person = { age: 200 };
    const engine = await page.evaluate(async (p) => window.bpaEngine.validate({ version: 1, person: p }).errors[0], person);
    expect(engine.code, JSON.stringify(engine)).toBe('AGE_TOO_HIGH');
    expect(engine.message_nb, 'no words from the WebAssembly').toBe(undefined);
    await page.evaluate(([p, lang]) => window.bpaApp.setCase({ version: 1, person: p, needs: [], monthly: [], settings: { lang } }), [person, code]);
    await page.waitForSelector('#error-summary:not([hidden])');
    expect(flat(await page.locator('#error-list').innerText()), code).toBe(flat(text(cat, 'error.AGE_TOO_HIGH', engine.values)));
    expect(b.errors).toStrictEqual([]);
  }
});

for (const [code, cat] of Object.entries(LANGS)) {
  test(`${code}: every text from the catalogue (no raw keys), lang on the root, no axe violations`, async ({ page }) => {
    const b = await openPage(page, `?lang=${code}`);
    expect(await page.evaluate(() => document.documentElement.lang), '?lang= picks the language').toBe(code);
    await seedCase(page, code, { goal: 'x' });
    await openDetails(page);
    await page.waitForFunction((c) => document.documentElement.lang === c, code);
    expect(await page.getAttribute('.page', 'lang'), 'lang on the calculator’s root').toBe(code);
    expect(await page.locator('.page-header h1').innerText()).toBe(cat['ui.title']);
    expect(await page.locator('#caseworker summary').innerText()).toBe(cat['ui.caseworker.title']);
    expect(await page.locator('#print-button').innerText()).toBe(cat['ui.print']);
    expect(await page.locator('label[for="f-notes-goal"]').innerText()).toBe(cat['ui.notes.goal.label']);
    const shown = await page.evaluate(() => [
      document.body.innerText,
      document.title,
      ...[...document.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label')),
      ...[...document.querySelectorAll('title, desc')].map((e) => e.textContent),
      document.getElementById('printout').textContent,
    ]);
    for (const s of shown) expect(s, `no raw catalogue key in «${s.match(RAW_KEY)?.[0]}»`).not.toMatch(RAW_KEY);
    expect(await page.locator('#lang-fallback').isVisible(), 'a complete language needs no fallback notice').toBe(false);
    expect(await page.locator('[data-fallback]').count(), 'nothing falls back to bokmål').toBe(0);
    const v = await axeScan(page);
    expect(v, `${code}:\n${describeViolations(v)}`).toStrictEqual([]);
    await shoot(page, `language-${code}`);
    finish(b);
  });
}

test('a new language is one file: untranslated keys fall back to bokmål, marked lang="nb", with a notice', async ({ page, context, baseURL }) => {
  const errors = collectErrors(page);
  const external = await blockExternal(context, baseURL);
  // A test-only catalogue (not Sámi: we do not write Sámi we cannot check),
  // served as if www/i18n/se.json existed and the build had listed it.
  const fixture = { _lang: 'se', _name: 'Test-sámegiella', 'ui.title': '[se] BPA (test)', 'ui.person.intro': '[se] test intro' };
  await page.route('**/i18n/languages.json', async (route) => {
    const list = JSON.parse((await route.fetch().then((r) => r.text())) || '[]');
    await route.fulfill({ json: [...list, { code: 'se', name: fixture._name }] });
  });
  await page.route('**/i18n/se.json', (route) => route.fulfill({ json: fixture }));
  await page.goto('?lang=se');
  await page.waitForSelector('#app:not([hidden])');
  await seedCase(page, 'se');
  await page.waitForFunction(() => document.querySelector('#lang-fallback:not([hidden])'));

  expect(await page.evaluate(() => document.documentElement.lang)).toBe('se');
  expect(await page.getAttribute('.page', 'lang')).toBe('se');
  expect(await page.locator('.page-header h1').innerText(), 'the translated key is used').toBe(fixture['ui.title']);
  expect(await page.evaluate(() => document.querySelector('h1').closest('[lang]').lang), 'and is marked as the language').toBe('se');
  // An untranslated key: the bokmål text, inside lang="nb".
  expect(await page.locator('#person-h').innerText()).toBe(nb['ui.person.title']);
  expect(await page.evaluate(() => document.querySelector('#person-h').closest('[lang]').lang), 'fallback text is marked lang="nb"').toBe('nb');
  const verdict = await page.locator('#verdict-title').innerText();
  expect(await page.evaluate(() => document.querySelector('#verdict-title').closest('[lang]').lang), verdict).toBe('nb');
  expect(await page.locator('#lang-fallback').innerText(), 'the notice says why').toBe(nb['ui.lang_fallback.notice']);
  expect((await page.locator('#languages button').allInnerTexts()).includes(fixture._name), 'the switch offers it, named in itself').toBeTruthy();
  expect((await page.evaluate(() => window.bpaApp.getCase())).settings.lang).toBe('se');
  expect(await page.evaluate(() => document.body.innerText)).not.toMatch(RAW_KEY);
  const v = await axeScan(page);
  expect(v, describeViolations(v)).toStrictEqual([]);

  // Back to a complete language: the marks go.
  await page.locator('#languages button[lang="nn"]').click();
  await page.waitForFunction(() => document.documentElement.lang === 'nn');
  await page.waitForFunction(() => document.querySelector('#lang-fallback').hidden);
  expect(await page.locator('[data-fallback]').count(), 'no fallback marks left').toBe(0);
  expect(await page.evaluate(() => document.querySelector('#person-h').closest('[lang]').lang)).toBe('nn');
  expect(errors).toStrictEqual([]);
  expect(external).toStrictEqual([]);
});
