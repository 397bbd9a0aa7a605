// Issue 7, municipality profiles on the page: `?kommune=oslo` loads
// www/profiles/oslo.json, the engine takes it (assess's third argument), and
// the page shows the municipality's contact, form and processing time, its own
// next steps and documents, links on the documents, and its accent colour; an
// unknown name shows the engine's visible note without a failed request. The
// expected texts are read from the profile files and the catalogue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { axeScan, describeViolations } from './browser.mjs';
import { nb, text, flat, WWW, openPage, finish, seedCase, printPdf } from './issue7-helpers.mjs';

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

test('a profile changes the documents, next steps and links: ?kommune=oslo against none', async () => {
  const plain = await openPage();
  let without;
  try {
    await seedCase(plain.page);
    without = await lists(plain.page);
    assert.equal(await plain.page.locator('#municipality').isVisible(), false, 'no municipality box without a profile');
    assert.equal(await plain.page.evaluate(() => document.querySelector('.page').classList.contains('has-accent')), false);
  } finally {
    await finish(plain);
  }

  const b = await openPage('?kommune=oslo');
  const { page } = b;
  try {
    await seedCase(page);
    assert.equal((await page.evaluate(() => window.bpaApp.getCase())).settings.municipality, 'oslo', 'the case is for Oslo');
    const withOslo = await lists(page);
    // Oslo's own next steps are added, after the engine's.
    for (const code of ['OSLO_SIGN_AND_POST', 'OSLO_DOGNKLOKKE']) {
      assert.ok(withOslo.next.some((n) => n.text === own(oslo, code)), `Oslo's step ${code}`);
      assert.ok(!without.next.some((n) => n.text === own(oslo, code)));
    }
    // The application now links to Oslo's form; without a profile it links nowhere.
    const application = text(nb, 'note.DOC_APPLICATION');
    assert.equal(withOslo.docs.find((d) => d.text === application)?.link, oslo.form);
    assert.equal(without.docs.find((d) => d.text === application)?.link, null);

    // The municipality's box: contact page, form, processing time in its own words.
    const box = page.locator('#municipality');
    assert.ok(await box.isVisible());
    assert.equal(await box.locator('h3').innerText(), oslo.name);
    const hrefs = await box.locator('a').evaluateAll((as) => as.map((a) => a.href));
    assert.deepEqual(hrefs, [oslo.contact, oslo.form]);
    assert.ok((await box.innerText()).includes(oslo.processing_time.text.nb));
    // Its accent colour as a CSS variable on the calculator's root.
    const accent = await page.evaluate(() => getComputedStyle(document.querySelector('.page')).getPropertyValue('--bpa-accent').trim());
    assert.equal(accent.toLowerCase(), oslo.accent.toLowerCase());
    const v = await axeScan(page);
    assert.deepEqual(v, [], `Oslo's accent keeps the page accessible:\n${describeViolations(v)}`);

    // The printout names the municipality's contact and processing time.
    const pdf = await printPdf(page, 'printout-oslo');
    assert.ok(pdf.pages <= 3, `still at most 3 pages with Oslo's steps (${pdf.pages})`);
    for (const s of [oslo.name, oslo.processing_time.text.nb, own(oslo, 'OSLO_SIGN_AND_POST')]) {
      assert.ok(pdf.text.includes(flat(s)), `the PDF says «${s.slice(0, 40)}…»`);
    }
  } finally {
    await finish(b);
  }
});

test('a profile adds its own documents: Bergen asks for a power of attorney when someone helps you apply', async () => {
  const b = await openPage('?kommune=bergen');
  const { page } = b;
  try {
    await seedCase(page); // applicant: self
    const { docs } = await lists(page);
    assert.ok(docs.some((d) => d.text === own(bergen, 'BERGEN_HELPER_POA')), 'Bergen’s own document is listed');
    const c = await page.evaluate(() => window.bpaApp.getCase());
    c.person.applicant = 'guardian';
    await page.evaluate((x) => window.bpaApp.setCase(x), c);
    const after = await lists(page);
    assert.ok(!after.docs.some((d) => d.text === own(bergen, 'BERGEN_HELPER_POA')), 'only when its condition holds');
  } finally {
    await finish(b);
  }
});

test('an unknown municipality: the engine’s note at the top, the neutral answer, no failed request', async () => {
  const b = await openPage('?kommune=atlantis');
  const { page } = b;
  try {
    await seedCase(page);
    const notice = page.locator('#municipality-notice');
    assert.ok(await notice.isVisible(), 'the note is visible');
    assert.equal(await notice.innerText(), text(nb, 'note.PROFILE_UNKNOWN', { name: 'atlantis' }));
    assert.equal(await page.locator('#municipality').isVisible(), false);
    assert.equal(await page.locator('#verdict-title').innerText(), nb['verdict.likely_right_unless_cost.title']);
    const v = await axeScan(page);
    assert.deepEqual(v, [], describeViolations(v));
  } finally {
    // finish() checks there was no console error: no 404 for a profile that does not exist.
    await finish(b);
  }
});
