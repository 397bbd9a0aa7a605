// Municipality profiles on the page: `?kommune=oslo` loads
// www/profiles/oslo.json, the engine takes it (assess's third argument), and
// the page shows the municipality's contact, form and processing time, its own
// next steps and documents, links on the documents, and its accent colour; an
// unknown name shows the engine's visible note without a failed request. The
// expected texts are read from the profile files and the catalogue.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, axeScan, describeViolations, nb, text, flat, WWW, openPage, finish, seedCase, printPdf } from './support.mjs';

const profile = async (id) => JSON.parse(await readFile(join(WWW, 'profiles', `${id}.json`), 'utf8'));
const oslo = await profile('oslo');
const bergen = await profile('bergen');
const own = (p, code) => p.items.find((i) => i.code === code).text.nb;

/** The documents and next steps the page lists, and the links beside them. */
async function lists(page) {
  return page.evaluate(() => {
    const block = (id) => document.getElementById(id)?.closest('section');
    const items = (id) => [...(block(id)?.querySelectorAll(':scope > ul > li, :scope > ol > li') || [])];
    const read = (li) => ({ text: li.querySelector(':scope > span').textContent, link: li.querySelector(':scope > a.ds-link')?.href ?? null });
    return { docs: items('docs-h').map(read), next: items('next-h').map(read) };
  });
}

test('a profile changes the documents, next steps and links: ?kommune=oslo against none', async ({ page, newContext }) => {
  // First without a profile, in a browser profile of its own.
  const plain = await openPage(await (await newContext()).newPage());
  await seedCase(plain.page);
  const without = await lists(plain.page);
  expect(await plain.page.locator('#municipality-steps').count(), 'no municipality box without a profile').toBe(0);
  expect(await plain.page.evaluate(() => document.querySelector('.page').classList.contains('has-accent'))).toBe(false);
  finish(plain);

  const b = await openPage(page, '?kommune=oslo');
  await seedCase(page);
  expect((await page.evaluate(() => window.bpaApp.getCase())).settings.municipality, 'the case is for Oslo').toBe('oslo');
  const withOslo = await lists(page);
  // Oslo's own next steps are added, after the engine's.
  for (const code of ['OSLO_SIGN_AND_POST', 'OSLO_DOGNKLOKKE']) {
    expect(withOslo.next.some((n) => n.text === own(oslo, code)), `Oslo's step ${code}`).toBeTruthy();
    expect(!without.next.some((n) => n.text === own(oslo, code))).toBeTruthy();
  }
  // The application now links to Oslo's form; without a profile it links nowhere.
  const application = text(nb, 'note.DOC_APPLICATION');
  expect(withOslo.docs.find((d) => d.text === application)?.link).toBe(oslo.form);
  expect(without.docs.find((d) => d.text === application)?.link).toBe(null);

  // The municipality's form, contact page, processing time in its own words: with the next steps.
  const box = page.locator('#municipality-steps');
  expect(await box.isVisible()).toBeTruthy();
  expect(await box.locator('h4').innerText()).toBe(text(nb, 'ui.next.municipality', { name: oslo.name }));
  const hrefs = await box.locator('a').evaluateAll((as) => as.map((a) => a.href));
  expect(hrefs).toStrictEqual([oslo.form, oslo.contact]);
  expect((await box.innerText()).includes(oslo.processing_time.text.nb)).toBeTruthy();
  // Its accent colour as a CSS variable on the calculator's root.
  const accent = await page.evaluate(() => getComputedStyle(document.querySelector('.page')).getPropertyValue('--bpa-accent').trim());
  expect(accent.toLowerCase()).toBe(oslo.accent.toLowerCase());
  const v = await axeScan(page);
  expect(v, `Oslo's accent keeps the page accessible:\n${describeViolations(v)}`).toStrictEqual([]);

  // The printout names the municipality's contact and processing time.
  const pdf = await printPdf(page, 'printout-oslo');
  expect(pdf.pages <= 3, `still at most 3 pages with Oslo's steps (${pdf.pages})`).toBeTruthy();
  for (const s of [oslo.name, oslo.processing_time.text.nb, own(oslo, 'OSLO_SIGN_AND_POST')]) {
    expect(pdf.text.includes(flat(s)), `the PDF says «${s.slice(0, 40)}…»`).toBeTruthy();
  }
  finish(b);
});

test('a profile adds its own documents: Bergen asks for a power of attorney when someone helps you apply', async ({ page }) => {
  const b = await openPage(page, '?kommune=bergen');
  await seedCase(page); // applicant: self
  const { docs } = await lists(page);
  expect(docs.some((d) => d.text === own(bergen, 'BERGEN_HELPER_POA')), 'Bergen’s own document is listed').toBeTruthy();
  const c = await page.evaluate(() => window.bpaApp.getCase());
  c.person.applicant = 'guardian';
  await page.evaluate((x) => window.bpaApp.setCase(x), c);
  const after = await lists(page);
  expect(!after.docs.some((d) => d.text === own(bergen, 'BERGEN_HELPER_POA')), 'only when its condition holds').toBeTruthy();
  finish(b);
});

test('an unknown municipality: the engine’s note at the top, the neutral answer, no failed request', async ({ page }) => {
  const b = await openPage(page, '?kommune=atlantis');
  await seedCase(page);
  const notice = page.locator('#municipality-notice');
  expect(await notice.isVisible(), 'the note is visible').toBeTruthy();
  expect(await notice.innerText()).toBe(text(nb, 'note.PROFILE_UNKNOWN', { name: 'atlantis' }));
  expect(await page.locator('#municipality-steps').count()).toBe(0);
  expect(await page.locator('#verdict-title').innerText()).toBe(nb['verdict.likely_right_unless_cost.title']);
  const v = await axeScan(page);
  expect(v, describeViolations(v)).toStrictEqual([]);
  // finish() checks there was no console error: no 404 for a profile that does not exist.
  finish(b);
});
