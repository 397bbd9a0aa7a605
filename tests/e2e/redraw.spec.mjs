// A keystroke redraws only what changed (app.js drawParts/unchanged,
// dom.js patch), and what moved off the keystroke still happens: the draft
// is saved, the verdict is announced, the printout has the current case.
// These are behaviours, not timings (timings are in `.ci/bench`).
import { test, expect, nb, text, flat, openPage, finish, seedCase, printPdf } from './support.mjs';

// The seed's week for a child of 4 with normal care not yet answered: 28
// hours, over the cost test, so the engine asks (its key names the variant).
const CHILD = text(nb, 'reason.CHILD_NORMAL_CARE.unknown.ask', { age: 4, counted: 28 });
const PARENTS_SIGN = text(nb, 'note.DOC_PARENTS_SIGN');

/** Starts counting the changes (MutationObserver records) under each selector. */
async function watch(page, selectors) {
  await page.evaluate((sels) => {
    window.__changes = Object.fromEntries(sels.map((s) => [s, 0]));
    window.__watchers = sels.map((s) => {
      const o = new MutationObserver((records) => {
        window.__changes[s] += records.length;
      });
      o.observe(document.querySelector(s), { subtree: true, childList: true, characterData: true, attributes: true });
      return o;
    });
  }, selectors);
}

/** The changes counted since watch(), per selector; stops counting. */
async function changes(page) {
  return page.evaluate(() => {
    for (const o of window.__watchers) o.disconnect();
    return window.__changes;
  });
}

test('typing an age redraws the reasons and documents, and keeps what did not change', async ({ page }) => {
  const b = await openPage(page);
  await seedCase(page);
  const age = page.locator('#f-age');
  await age.fill('45');
  await page.waitForFunction((t) => !document.querySelector('#results').textContent.includes(t), CHILD);

  // An open "why?" under the hours stays open through a redraw.
  await page.locator('#results details[data-key="hours"] > summary').click();
  // (The day tabs and the panel's label are set again on every render; the
  // drawings inside are what a redraw would change.)
  await watch(page, ['#need-list', '#day-panel .clock-wrap', '#day-panel table', '#week', '#results']);

  await age.press('Backspace'); // 45 → 4: a child
  await page.waitForFunction((t) => document.querySelector('#results').textContent.includes(t), CHILD);
  expect((await page.locator('#results').innerText()).includes(PARENTS_SIGN), 'the parents sign, for a child').toBeTruthy();
  expect(await page.evaluate(() => document.activeElement?.id), 'the focus stays in the age field').toBe('f-age');
  const changed = await changes(page);
  expect(changed['#results'] > 0, 'the results are redrawn').toBeTruthy();
  // The needs, the day's drawing and the week show nothing that depends on the age.
  expect(changed['#need-list'], 'the list of needs is left as it is').toBe(0);
  expect(changed['#day-panel .clock-wrap'], 'the day’s clock is left as it is').toBe(0);
  expect(changed['#day-panel table'], 'the day’s table is left as it is').toBe(0);
  expect(changed['#week'], 'the week is left as it is').toBe(0);
  expect(await page.locator('#results details[data-key="hours"]').getAttribute('open'), 'the open “why?” stays open').toBe('');

  await age.press('5'); // 4 → 45: an adult again
  await page.waitForFunction((t) => !document.querySelector('#results').textContent.includes(t), CHILD);
  expect(!(await page.locator('#results').innerText()).includes(PARENTS_SIGN), 'no parents’ signature for an adult').toBeTruthy();

  // A change the drawing shows: another day is drawn, and the clock with it.
  await watch(page, ['#day-panel .clock-wrap', '#week', '#results']);
  await page.locator('#tab-mon').focus();
  await page.keyboard.press('ArrowRight');
  expect(await page.getAttribute('#tab-tue', 'aria-selected')).toBe('true');
  const day = await changes(page);
  expect(day['#day-panel .clock-wrap'] > 0 && day['#week'] > 0, 'the clock and the week are drawn for Tuesday').toBeTruthy();
  expect(day['#results'], 'the results do not depend on the day shown').toBe(0);
  expect(await page.locator('#day-panel svg title').first().textContent()).toMatch(new RegExp(text(nb, 'day.tue'), 'i'));
  finish(b);
});

test('after typing: the draft is saved, the verdict announced, the printout current', async ({ page }) => {
  const b = await openPage(page);
  await seedCase(page);
  const age = page.locator('#f-age');
  await age.fill('45');
  await age.press('Backspace');
  // The draft is saved a moment after the last key, with the newest age.
  // (Under the engine's key for this version, `bpa-draft-v<N>`: README, "Drafts".)
  await page.waitForFunction(() => {
    const key = Object.keys(sessionStorage).find((k) => /^bpa-draft-v\d+$/.test(k));
    const raw = key && sessionStorage.getItem(key);
    return raw && JSON.parse(raw).case?.person?.age === 4;
  });
  // The status region says the answer once typing stops.
  await page.waitForFunction(() => document.querySelector('#status').textContent.length > 0);
  // The printout is drawn from the case as it is now.
  const pdf = await printPdf(page, 'after-typing');
  expect(pdf.text.includes(flat(CHILD)), 'the printout has the child’s reason').toBeTruthy();
  expect(pdf.text.includes(flat(PARENTS_SIGN)), 'and the parents’ signature').toBeTruthy();
  finish(b);
});

test('a map of hundreds of needs is drawn whole, in steps: every row, every change, the “why?” opened', async ({ page }) => {
  const b = await openPage(page);
  // More needs than the list draws at once, each with its own name.
  const count = 150;
  const made = await page.evaluate(async (n) => {
    const c = window.bpaEngine.example_case();
    const base = c.needs[0];
    c.needs = Array.from({ length: n }, (_, i) => ({ ...base, label: `Behov nummer ${i + 1}` }));
    window.bpaApp.setCase(c);
    return c.needs.length;
  }, count);
  expect(made).toBe(count);
  const rows = page.locator('#need-list ol.needs > li.need');
  await expect(rows).toHaveCount(count);
  await expect(rows.nth(count - 1)).toContainText(`Behov nummer ${count}`);

  // A change to the last need reaches its row, which is drawn after the first ones.
  await page.evaluate(() => {
    const c = window.bpaApp.getCase();
    c.needs[c.needs.length - 1].label = 'Den siste, endret';
    window.bpaApp.setCase(c);
  });
  await expect(rows.nth(count - 1)).toContainText('Den siste, endret');
  await expect(rows.nth(count - 2)).toContainText(`Behov nummer ${count - 1}`);

  // The trace table is built when its “why?” is opened: a row for every need.
  const hours = page.locator('#results details[data-key="hours"]');
  await hours.locator('> summary').click();
  await expect(hours.locator('tbody tr')).toHaveCount(count);
  await expect(hours.locator('tbody tr').last()).toContainText('Den siste, endret');

  // Deleting a need far down the list: the rows after it move up, the focus goes to undo.
  await page.locator('#need-list li.need').nth(120).getByRole('button', { name: new RegExp(text(nb, 'ui.need.delete')) }).click();
  await expect(rows).toHaveCount(count - 1);
  await expect(rows.nth(120)).toContainText('Behov nummer 122');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('undo-button');
  // Typing goes on while the rest is drawn: the answer follows the last key.
  await page.locator('#f-age').fill('45');
  await expect(page.locator('#f-age')).toHaveValue('45');
  await expect(hours.locator('tbody tr')).toHaveCount(count - 1);
  finish(b);
});
