// Reading the answer (UX issue): the result leads with the verdict and the
// four conditions, each with its status in words, then the hours as figures
// that add up, then what to do next (with the municipality's form, contact
// and processing time when the page is for one) and the documents; the
// reasons with their sources are one step away. Every "why?" says what it
// explains; no jargon; the status region speaks the language chosen.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, nb, LANGS, text, openPage, finish, exampleCase, seedCase, axeScan, describeViolations, shoot, printPdf, flat, WWW } from './support.mjs';

const oslo = JSON.parse(await readFile(join(WWW, 'profiles', 'oslo.json'), 'utf8'));

/** A week that gives many "why?"s: health help left out, help at night, two helpers, a monthly need. */
async function busyWeek(page) {
  const c = await exampleCase(page);
  c.needs.push({ kind: 'health', days: ['mon', 'wed'], start: '09:00', end: '10:30' });
  c.needs.push({ kind: 'personal', days: ['tue'], start: '02:00', end: '03:00' });
  c.needs.push({ kind: 'personal', days: ['thu'], start: '18:00', end: '19:00', helpers: 2 });
  c.needs.push({ kind: 'personal', days: ['fri'], start: '10:00', end: '11:00', place: 'work' });
  c.monthly.push({ kind: 'leisure', hours_per_month: 12 });
  await page.evaluate((x) => window.bpaApp.setCase(x), c);
  await page.locator('#results #verdict-title').waitFor();
  return c;
}

/** Every "why?" on the page with its accessible name (a summary's name is its text). */
const whyNames = (page) =>
  page.locator('details.why > summary').evaluateAll((els) => els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()));

test('every “why?” has a name of its own that says what it explains', async ({ page }) => {
  const b = await openPage(page);
  await busyWeek(page);
  const names = await whyNames(page);
  expect(names.length >= 15, `many “why?”s (${names.length})`).toBeTruthy();
  const seen = new Map();
  for (const n of names) seen.set(n, (seen.get(n) || 0) + 1);
  const twice = [...seen].filter(([, k]) => k > 1).map(([n]) => n);
  expect(twice, `names given more than once:\n${twice.join('\n')}`).toStrictEqual([]);
  expect(names.includes(nb['ui.why']), 'never the bare “Hvorfor?”').toBeFalsy();
  // The night's says what it explains.
  expect(names).toContain(nb['ui.why.cause.night']);
  expect(names).toContain(nb['ui.why.cause.health']);
  finish(b);
});

test('the answer in order: verdict, conditions, hours, next steps; the details one step away', async ({ page }) => {
  const b = await openPage(page);
  await seedCase(page);
  const order = await page.evaluate(() => {
    const at = (sel) => document.querySelector(sel);
    const ids = ['#verdict', '#conditions-h', '#hours-h', '#next-h', '#docs-h'];
    const els = ids.map(at);
    return { missing: ids.filter((_, i) => !els[i]), ordered: els.every((el, i) => i === 0 || (els[i - 1] && els[i - 1].compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) };
  });
  expect(order.missing).toStrictEqual([]);
  expect(order.ordered, 'verdict → conditions → hours → next steps → documents').toBeTruthy();
  // The four conditions, each with its status in words; met ones before “Kommunen vurderer”.
  const conditions = page.locator('#results .condition');
  expect(await conditions.evaluateAll((els) => els.map((e) => e.dataset.code).sort())).toStrictEqual(['AGE', 'ARBEIDSLEDER', 'HOURS', 'LONG_LASTING']);
  const tags = await page.locator('#results .condition .ds-tag').allInnerTexts();
  expect(tags).toStrictEqual([nb['status.met'], nb['status.met'], nb['status.met'], nb['status.municipality']]);
  // The reasons and the sources are in a closed disclosure.
  expect(await page.locator('#results details[data-key="more"]').getAttribute('open')).toBe(null);
  expect(await page.locator('#results details[data-key="more"] #reasons-h').count()).toBe(1);
  expect(await page.locator('#results details[data-key="more"] #sources-h').count()).toBe(1);
  // "Det er kommunen som bestemmer" once.
  const shown = await page.locator('#results').innerText();
  expect(shown.split(nb['ui.results.decides']).length - 1, 'said once').toBe(1);
  finish(b);
});

test('no jargon: the rules by their date in words, no version, no command, no storage names', async ({ page }) => {
  const b = await openPage(page);
  await busyWeek(page);
  await page.evaluate(() => document.querySelectorAll('#results details').forEach((d) => (d.open = true)));
  await page.locator('#caseworker summary').click();
  await page.locator('#caseworker .moment').last().waitFor({ state: 'visible' });
  const shown = flat(`${await page.locator('#results').innerText()} ${await page.locator('#caseworker').innerText()}`);
  for (const word of ['regelversjon', 'bpa assess', 'sessionStorage', 'localStorage', '2020-07-01']) {
    expect(shown.includes(word), `the answer does not say «${word}»`).toBeFalsy();
  }
  expect(await page.locator('#results .rules-version').innerText()).toMatch(/etter reglene som gjelder fra 1\. juli 2020\.$/);
  // BPA and “Kommunen vurderer” explained where first used.
  expect(shown.includes(nb['ui.results.conditions_intro'])).toBeTruthy();
  const pdf = await printPdf(page, 'answer-printout');
  expect(pdf.text.includes('regelversjon')).toBeFalsy();
  expect(pdf.text.includes('1. juli 2020')).toBeTruthy();
  finish(b);
});

test('with a municipality, its form, contact and processing time come with the next steps, right after the verdict', async ({ page }) => {
  const b = await openPage(page, '?kommune=oslo');
  await seedCase(page);
  const steps = page.locator('#next-h + #municipality-steps, section[aria-labelledby="next-h"] #municipality-steps');
  await steps.first().waitFor();
  expect(await page.locator('#municipality-steps-h').innerText()).toBe(text(nb, 'ui.next.municipality', { name: oslo.name }));
  expect(await page.locator('#municipality-steps a').evaluateAll((as) => as.map((a) => a.href))).toStrictEqual([oslo.form, oslo.contact]);
  expect((await page.locator('#municipality-steps').innerText()).includes(oslo.processing_time.text.nb)).toBeTruthy();
  // Only the conditions and the hours lie between the verdict and it: before the documents, reasons and sources.
  const between = await page.evaluate(() => {
    const blocks = [...document.querySelectorAll('#results > *')];
    const next = blocks.findIndex((el) => el.contains(document.getElementById('municipality-steps')));
    return { before: blocks.slice(0, next).map((el) => el.id || el.getAttribute('aria-labelledby') || el.dataset.key), first: el0(next) };
    function el0(i) { return blocks[i].querySelector('h3').id; }
  });
  expect(between.first).toBe('next-h');
  expect(between.before.filter((x) => !['verdict', 'conditions-h', 'hours-h', 'excluded-h'].includes(x)), between.before.join(', ')).toStrictEqual([]);
  // Shown once: not again in a box after the sources.
  expect(await page.locator('#municipality-steps').count()).toBe(1);
  expect(await page.locator('#municipality').isVisible(), 'not again in a box after the sources').toBe(false);
  let v = await axeScan(page);
  expect(v, `Oslo's next steps:\n${describeViolations(v)}`).toStrictEqual([]);
  finish(b);
});

test('without a municipality, the next steps say how and where to apply and how to find the form', async ({ page }) => {
  const b = await openPage(page);
  await seedCase(page);
  const how = await page.locator('section[aria-labelledby="next-h"] #apply-how').innerText();
  expect(how.includes(nb['ui.next.apply_how']) && how.includes(nb['ui.next.find_form']), how).toBeTruthy();
  expect(await page.locator('#municipality-steps').count()).toBe(0);
  finish(b);
});

test('languages: Norwegian source titles marked lang="nb", the status region speaks the chosen language', async ({ page }) => {
  const b = await openPage(page);
  await seedCase(page);
  await page.waitForFunction((t) => document.getElementById('status').textContent.includes(t), nb['verdict.likely_right_unless_cost.title']);
  for (const code of ['nn', 'en']) {
    await page.locator(`#languages button[lang="${code}"]`).click();
    await page.waitForFunction((c) => document.documentElement.lang === c, code);
    const title = LANGS[code]['verdict.likely_right_unless_cost.title'];
    await page.waitForFunction((t) => document.getElementById('status').textContent.includes(t), title);
  }
  // English page: a source whose title is a Norwegian name carries lang="nb".
  const marked = await page.evaluate(() => {
    const a = window.bpaApp && document.querySelectorAll('#results ul.sources a[lang]');
    return [...a].map((x) => x.lang);
  });
  expect(marked.length > 0 && marked.every((l) => l === 'nb'), JSON.stringify(marked)).toBeTruthy();
  finish(b);
});

test('no axe violations in the new states, at 390 px and 1280 px and with text at 200 %', async ({ page }) => {
  const b = await openPage(page);
  await busyWeek(page);
  // What a person sees first (all closed), for a person to look at.
  const out = (name) => join(WWW, '../tests/e2e/out', `${name}.png`);
  await page.locator('#results').screenshot({ path: out('answer-closed-1280') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('#results').screenshot({ path: out('answer-closed-390') });
  await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
  await page.locator('#results').screenshot({ path: out('answer-closed-390-text200') });
  await page.evaluate(() => (document.documentElement.style.fontSize = ''));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.evaluate(() => document.querySelectorAll('#results details').forEach((d) => (d.open = true)));
  let v = await axeScan(page);
  expect(v, `all open at 1280 px:\n${describeViolations(v)}`).toStrictEqual([]);
  await page.locator('#results').screenshot({ path: join(WWW, '../tests/e2e/out/answer-1280.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  v = await axeScan(page);
  expect(v, `all open at 390 px:\n${describeViolations(v)}`).toStrictEqual([]);
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow(), 'no sideways scrolling at 390 px').toBe(0);
  await page.locator('#results').screenshot({ path: join(WWW, '../tests/e2e/out/answer-390.png') });
  // Text at 200 % (WCAG 1.4.4): the root font size doubled at 390 px.
  await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
  // The answer's own parts (the forms above it are other parts' checks): nothing past the edge
  // but inside a table's own scrolling region.
  const past = await page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    return [...document.querySelectorAll('#results *, #caseworker *')]
      .filter((e) => !e.closest('.table-scroll') && e.getBoundingClientRect().right > w + 1)
      .map((e) => `${e.tagName}.${e.className}: ${e.textContent.slice(0, 30)}`);
  });
  expect(past, 'nothing of the answer past the edge with text at 200 %').toStrictEqual([]);
  await page.locator('#results').screenshot({ path: join(WWW, '../tests/e2e/out/answer-390-text200.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.locator('#results').screenshot({ path: join(WWW, '../tests/e2e/out/answer-1280-text200.png') });
  finish(b);
});
