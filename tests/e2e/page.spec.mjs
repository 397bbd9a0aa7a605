// End-to-end tests of the page (www/index.html) in Debian's Chromium: what a
// person does on it, with the keyboard where it matters, and what must hold
// (WCAG 2.1 AA by axe, 320 px without sideways scrolling, no request leaving
// the page's origin, typed text never run as HTML).
//
// Expected words are read from the catalogue (www/i18n/nb.json), never
// written here, so a change of wording does not break the tests but a wrong
// verdict does. Screenshots of the empty, filled and error states at 1280
// and 375 px go to tests/e2e/out/ (not committed) for a person to look at.
import { test, expect, axeScan, describeViolations, nb, LANGS, openPage, finish, exampleCase, shoot, text as catalogueText } from './support.mjs';

/** A bokmål catalogue text with `{name}` filled in, as the page writes it. */
const text = (key, vars = {}) => catalogueText(nb, key, vars);

/** Moves the focus with the Tab key only, until `selector` has it. */
async function tabTo(page, selector, max = 250) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? '');

async function setCase(page, c) {
  await page.evaluate((x) => window.bpaApp.setCase(x), c);
}

const verdictTitle = (page) => page.locator('#verdict-title').innerText();
const counted = (page) => page.locator('.big-number').innerText();
const status = (page) => page.locator('#status').innerText();

/**
 * Whether Chromium shows time fields with 12 hours and AM/PM. It shows 24
 * hours in Norwegian, but this machine's Chromium has only its en-US
 * language pack. On a 12-hour field "0700" is not yet a time (AM or PM is
 * missing), so the field stays empty.
 */
async function twelveHourFields(page) {
  await page.focus('#nf-start');
  await page.keyboard.type('0700');
  const twelve = (await page.inputValue('#nf-start')) === '';
  // Start again from a fresh page, so the keyboard walk starts at the top.
  await page.reload();
  await page.waitForSelector('#app:not([hidden])');
  return twelve;
}

/** Types a time into a native time field as a person does: 07:00 is "0700" (or "0700a"). */
async function typeTime(page, hhmm, twelve) {
  const [h, m] = hhmm.split(':').map(Number);
  if (!twelve) return page.keyboard.type(hhmm.replace(':', ''));
  const h12 = String(((h + 11) % 12) + 1).padStart(2, '0');
  await page.keyboard.type(`${h12}${String(m).padStart(2, '0')}${h < 12 ? 'a' : 'p'}`);
}

/** Adds a need with the form, by keyboard: times typed into the native time fields. */
async function addNeedByKeyboard(page, { start, end, label }, twelve) {
  await tabTo(page, '#nf-start');
  await typeTime(page, start, twelve);
  expect(await page.inputValue('#nf-start')).toBe(start);
  await tabTo(page, '#nf-end', 4);
  await typeTime(page, end, twelve);
  expect(await page.inputValue('#nf-end')).toBe(end);
  await tabTo(page, '#nf-label');
  await page.keyboard.type(label);
  await page.keyboard.press('Enter');
}

test('keyboard only: the seed’s four visits a day give 28 hours and the 25–32 verdict', async ({ page }) => {
  const b = await openPage(page);
  const twelve = await twelveHourFields(page);
  // The person: 45, need lasts more than 2 years, applies for self, is arbeidsleder.
  await tabTo(page, '#f-age');
  await page.keyboard.type('45');
  await tabTo(page, 'input[name="long_lasting"]');
  expect(await activeId(page)).toBe('f-long_lasting-yes');
  await page.keyboard.press('Space');
  await tabTo(page, 'input[name="applicant"]');
  await page.keyboard.press('Space');
  await tabTo(page, 'input[name="arbeidsleder"]');
  await page.keyboard.press('Space');

  const example = await exampleCase(page);
  for (const need of example.needs) {
    await addNeedByKeyboard(page, need, twelve);
    // Adding never throws the focus somewhere else.
    expect(await page.evaluate(() => document.getElementById('need-form').contains(document.activeElement)), 'focus stays in the form').toBeTruthy();
  }

  const got = await page.evaluate(() => window.bpaApp.getCase());
  expect(got.needs, 'the form builds the same needs as the seed example').toStrictEqual(example.needs);
  expect(got.person).toStrictEqual(example.person);

  expect(await verdictTitle(page)).toBe(text('verdict.likely_right_unless_cost.title'));
  expect(await counted(page)).toBe(text('ui.hours.counted', { hours: 28 }));
  expect(await page.locator('#live-summary').innerText()).toMatch(new RegExp(text('verdict.likely_right_unless_cost.title')));
  // The hours bar marks the law's two limits with words.
  const marks = await page.locator('svg.hours-bar text').allTextContents();
  expect(marks).toStrictEqual([text('ui.hours.mark', { hours: 25 }), text('ui.hours.mark', { hours: 32 })]);
  // The verdict went into the status region, politely, without moving focus.
  await page.waitForFunction((t) => document.getElementById('status').textContent.includes(t), text('verdict.likely_right_unless_cost.title'));
  const last = example.needs[3].label;
  // Needs added quickly are said together (the region is written once a
  // moment after the last change); what was done comes before the answer.
  const said = await status(page);
  const added = said.indexOf(text('ui.announce.added', { name: last, hours: 28 }));
  expect(added >= 0 && added < said.indexOf(text('verdict.likely_right_unless_cost.title')), 'what was done is said first').toBeTruthy();
  expect(await page.getAttribute('#status', 'role')).toBe('status');

  await shoot(page, 'filled-1280');
  await page.setViewportSize({ width: 375, height: 800 });
  await shoot(page, 'filled-375');
  finish(b);
});

test('help through the night changes the verdict once someone must be there all night, announced in the status region', async ({ page }) => {
  const b = await openPage(page);
  await setCase(page, await exampleCase(page));
  expect(await verdictTitle(page)).toBe(text('verdict.likely_right_unless_cost.title'));
  expect(await page.isVisible('#fs-awake_at_night'), 'no night question without help at night').toBe(false);

  await page.fill('#nf-start', '23:00');
  await page.fill('#nf-end', '07:00');
  // The end is before the start: "past midnight" appears and is needed.
  await page.waitForSelector('#nf-cross-wrap:not([hidden])');
  await page.check('#nf-cross');
  await page.fill('#nf-label', 'Våken nattevakt');
  await page.click('#nf-submit');
  // Added: the focus is where the next need starts; the verdict did not move it.
  expect(await activeId(page), 'the verdict change did not move the focus').toBe('nf-start');

  // The night counts only when someone must be there all night (a
  // question about the person, asked once the map has help at night).
  await page.waitForSelector('#fs-awake_at_night:not([hidden])');
  await page.check('#f-awake_at_night-yes');
  expect(await verdictTitle(page)).toBe(text('verdict.likely_right.title'));
  expect(await counted(page)).toBe(text('ui.hours.counted', { hours: 84 }));
  await page.waitForFunction((t) => document.getElementById('status').textContent.includes(t), text('verdict.likely_right.title'));
  expect(await activeId(page), 'the verdict change did not move the focus').toBe('f-awake_at_night-yes');

  // Nobody needs to be there all night: the night is help now and then, and does not count.
  await page.check('#f-awake_at_night-no');
  expect(await verdictTitle(page)).toBe(text('verdict.likely_right_unless_cost.title'));
  const excluded = await page.locator('section[aria-labelledby="excluded-h"]').innerText();
  expect(excluded).toMatch(new RegExp(text('cause.night')));
  finish(b);
});

test('health help is left out of the count, with its reason and source', async ({ page }) => {
  const b = await openPage(page);
  await setCase(page, await exampleCase(page));
  expect(await page.locator('section[aria-labelledby="excluded-h"]').count(), 'nothing left out yet').toBe(0);

  await page.click('#edit-0');
  expect(await activeId(page), 'Endre moves to the form').toBe('need-form-h');
  await page.check('#nf-kind-health');
  await page.click('#nf-submit');

  const got = await page.evaluate(() => window.bpaApp.getCase());
  expect(got.needs[0].kind).toBe('health');
  expect(await counted(page)).toBe(text('ui.hours.counted', { hours: 21 }));
  expect(await verdictTitle(page)).toBe(text('verdict.no_right_by_hours.title'));
  const block = page.locator('section[aria-labelledby="excluded-h"]');
  const words = await block.innerText();
  expect(words).toMatch(new RegExp(text('cause.health')));
  expect(words.includes(text('note.EXCLUDED_HEALTH', { hours: 7 })), 'the reason, with 7 hours').toBeTruthy();
  // Its "why?" names the need and links the legal source.
  await block.locator('summary').first().click();
  const links = await block.locator('a[href^="https://"]').count();
  expect(links > 0, 'the exclusion links its source').toBeTruthy();
  expect(await page.locator('#need-0').innerText()).toMatch(new RegExp(text('ui.need.counted_part', { counted: 0, mapped: 7 })));
  // Alternatives appear when the answer is no.
  expect(await page.locator('#alt-h').count(), 'alternatives are shown').toBeTruthy();
  finish(b);
});

test('the clock draws one arc per need on the chosen day, and an arc leads to its need', async ({ page }) => {
  const b = await openPage(page);
  const c = await exampleCase(page);
  c.needs.push({ kind: 'household', days: ['mon'], start: '09:00', end: '10:00' });
  c.needs.push({ kind: 'personal', days: ['sun'], start: '22:00', end: '02:00', crosses_midnight: true });
  c.needs.push({ kind: 'leisure', days: ['mon'], start: '12:30', end: '14:00' }); // overlaps need 2
  await setCase(page, c);

  const arcsOn = () => page.locator('svg.clock path.arc').evaluateAll((els) => els.map((e) => Number(e.dataset.need)).sort((a, b) => a - b));
  // Monday: the four visits, the Monday needs, and Sunday's night past midnight.
  expect(await arcsOn()).toStrictEqual([0, 1, 2, 3, 4, 5, 6]);
  expect(await page.locator('#day-panel tbody tr').count(), 'a table row per period').toBe(7);
  const desc = await page.locator('svg.clock desc').textContent();
  expect(desc, 'the text alternative names the part from Sunday').toMatch(/00:00–02:00/);
  expect(await page.getAttribute('svg.clock', 'role')).toBe('img');
  expect(await page.getAttribute('svg.clock', 'aria-labelledby')).toBe('clock-title clock-desc');

  // Overlapping help is drawn on its own ring, not under the other.
  const rings = await page.locator('svg.clock path.arc').evaluateAll((els) => new Set(els.map((e) => e.getAttribute('d').split(' ')[1])).size);
  expect(rings >= 2, 'overlaps drawn on separate rings').toBeTruthy();

  // Tabs follow the tab pattern: arrow keys move between days.
  await page.focus('#tab-mon');
  await page.keyboard.press('ArrowRight');
  expect(await activeId(page)).toBe('tab-tue');
  expect(await page.getAttribute('#tab-tue', 'aria-selected')).toBe('true');
  expect(await arcsOn(), 'Tuesday: the four daily visits only').toStrictEqual([0, 1, 2, 3]);
  await page.keyboard.press('End');
  expect(await activeId(page)).toBe('tab-sun');
  expect(await arcsOn(), 'Sunday: the visits and the need that starts at 22:00').toStrictEqual([0, 1, 2, 3, 5]);

  // Clicking an arc selects its need in the list and moves the focus there.
  await page.locator('svg.clock path.arc[data-need="5"]').click();
  expect(await activeId(page)).toBe('need-5');
  expect(await page.getAttribute('#need-5', 'aria-current')).toBe('true');
  // And from the day's table, the keyboard reaches the same need.
  await page.locator('#day-panel tbody button').first().focus();
  await page.keyboard.press('Enter');
  expect(await activeId(page)).toMatch(/^need-\d$/);
  // The week strip shows all seven days.
  expect(await page.locator('svg.week .week-row').count()).toBe(7);
  finish(b);
});

test('delete with undo, and copy a day to other days', async ({ page }) => {
  const b = await openPage(page);
  const c = await exampleCase(page);
  c.needs = [{ kind: 'personal', days: ['mon'], start: '08:00', end: '10:00', label: 'Dusj' }, ...c.needs];
  await setCase(page, c);
  await page.focus('#need-0 button:has-text("Slett")');
  await page.keyboard.press('Enter');
  expect((await page.evaluate(() => window.bpaApp.getCase())).needs.length).toBe(4);
  expect(await activeId(page), 'focus moves to Angre').toBe('undo-button');
  await page.keyboard.press('Enter');
  const back = await page.evaluate(() => window.bpaApp.getCase());
  expect(back.needs, 'undo puts the need back where it was').toStrictEqual(c.needs);

  await page.locator('#copy-day > summary').click();
  // As a person would: the opened group is drawn before it is used (Chromium
  // may not have laid out a just-opened <details>; a click then misses, 1 in
  // ~3 runs on a busy machine).
  await page.waitForFunction(() => document.querySelector('#copy-day').open);
  await page.locator('#copy-to-wed').waitFor({ state: 'visible' });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.selectOption('#copy-from', 'mon');
  for (const id of ['#copy-to-wed', '#copy-to-sat']) {
    await page.locator(id).setChecked(true);
    expect(await page.locator(id).isChecked(), `${id} is ticked`).toBe(true);
  }
  await page.locator('#copy-day button').click();
  const copied = await page.evaluate(() => window.bpaApp.getCase());
  expect(copied.needs[0].days).toStrictEqual(['mon', 'wed', 'sat']);
  finish(b);
});

test('errors: a summary at the top links to each field, the message sits beside it', async ({ page }) => {
  const b = await openPage(page);
  await page.fill('#nf-start', '10:00');
  await page.fill('#nf-end', '10:00');
  await page.focus('#nf-submit');
  await page.keyboard.press('Enter');
  expect(await activeId(page), 'focus moves to the summary on submit').toBe('error-summary');
  const links = page.locator('#error-list a');
  expect(await links.count()).toBe(1);
  // The engine's own words for a need that lasts no time, linked to the end time.
  expect(await links.first().getAttribute('href')).toBe('#nf-end');
  expect(await page.getAttribute('#nf-end', 'aria-invalid')).toBe('true');
  const described = await page.getAttribute('#nf-end', 'aria-describedby');
  expect(described.split(' ').includes('nf-end-error')).toBeTruthy();
  expect(await page.locator('#nf-end-error').innerText()).toBe(await links.first().innerText());
  await links.first().press('Enter');
  expect(await activeId(page), 'the link moves the focus to the field').toBe('nf-end');
  expect(new URL(page.url()).hash, 'the address is left alone').toBe('');

  // Empty times, an impossible age: each named, nothing counted with them.
  await page.fill('#nf-start', '');
  await page.fill('#nf-end', '');
  await page.fill('#f-age', '200');
  await page.click('#nf-submit');
  const messages = await links.allInnerTexts();
  expect(messages.includes(text('ui.error.start_missing'))).toBeTruthy();
  expect(messages.includes(text('ui.error.end_missing'))).toBeTruthy();
  expect(await links.first().getAttribute('href')).toBe('#f-age');
  expect((await page.evaluate(() => window.bpaApp.getCase())).needs.length, 'nothing was added').toBe(0);
  await shoot(page, 'error-1280');
  const violations = await axeScan(page);
  expect(violations, describeViolations(violations)).toStrictEqual([]);
  await page.setViewportSize({ width: 375, height: 800 });
  await shoot(page, 'error-375');
  finish(b);
});

test('axe finds no WCAG 2.1 AA violations: empty and filled, wide and narrow', async ({ page }) => {
  const b = await openPage(page);
  let v = await axeScan(page);
  expect(v, `empty:\n${describeViolations(v)}`).toStrictEqual([]);
  await shoot(page, 'empty-1280');
  await page.setViewportSize({ width: 375, height: 800 });
  await shoot(page, 'empty-375');
  v = await axeScan(page);
  expect(v, `empty at 375 px:\n${describeViolations(v)}`).toStrictEqual([]);

  const c = await exampleCase(page);
  c.needs.push({ kind: 'health', days: ['mon', 'wed'], start: '22:00', end: '01:00', crosses_midnight: true, helpers: 2 });
  c.monthly.push({ kind: 'leisure', hours_per_month: 12 });
  await setCase(page, c);
  // Open every "why?", so that what is inside is scanned too.
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  v = await axeScan(page);
  expect(v, `filled at 375 px:\n${describeViolations(v)}`).toStrictEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });
  v = await axeScan(page);
  expect(v, `filled:\n${describeViolations(v)}`).toStrictEqual([]);
  finish(b);
});

test.describe('320 px wide', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('320 px wide: no sideways scrolling, the clock becomes a 0–24 bar', async ({ page }) => {
    const b = await openPage(page);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow(), 'empty page fits').toBe(0);
    const c = await exampleCase(page);
    c.needs.push({ kind: 'parenting', days: ['mon', 'tue', 'wed'], start: '15:00', end: '16:30', place: 'out', label: 'Hente i barnehagen og lage middag til barna' });
    await setCase(page, c);
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    expect(await overflow(), 'filled page fits').toBe(0);
    expect(await page.locator('svg.daybar').isVisible(), 'the straight bar is shown').toBeTruthy();
    expect(!(await page.locator('svg.clock').isVisible()), 'the round clock is not').toBeTruthy();
    const tabs = await page.locator('[role="tab"]').evaluateAll((els) => els.every((e) => e.getBoundingClientRect().right <= 320));
    expect(tabs, 'all seven day tabs are on screen').toBeTruthy();
    finish(b);
  });
});

test('a label with HTML in it shows as text and never runs', async ({ page }) => {
  const b = await openPage(page);
  const evil = '<img src=x onerror="window.__xss=1">';
  await page.fill('#nf-start', '08:00');
  await page.fill('#nf-end', '09:00');
  await page.fill('#nf-label', evil);
  await page.click('#nf-submit');
  await page.waitForTimeout(200);
  expect((await page.locator('#need-0 .need-name').innerText()).includes(evil), 'shown as the text typed').toBeTruthy();
  expect(await page.locator('#app img').count(), 'no image element was made').toBe(0);
  expect(await page.evaluate(() => window.__xss), 'the handler never ran').toBe(undefined);
  const desc = await page.locator('svg.clock desc').textContent();
  expect(desc.includes(evil), 'the clock’s text alternative holds it as text').toBeTruthy();
  finish(b);
});

test('asks about BPA granted before 67 only from 67, and leisure hours are guidance, never a cap', async ({ page }) => {
  const b = await openPage(page);
  const granted = page.locator('#fs-granted_before_67');
  expect(!(await granted.isVisible()), 'hidden while the age is unknown').toBeTruthy();
  await page.fill('#f-age', '66');
  expect(!(await granted.isVisible()), 'hidden at 66').toBeTruthy();
  await page.fill('#f-age', '67');
  expect(await granted.isVisible(), 'asked at 67').toBeTruthy();
  await page.check('#f-granted_before_67-yes');
  expect((await page.evaluate(() => window.bpaApp.getCase())).person.granted_before_67).toBe('yes');

  // The guidance is shown with the law file's numbers; a larger need is taken as it is.
  const help = await page.locator('#f-leisure-help').innerText();
  expect(help).toBe(text('ui.leisure.help', { low: 8, high: 16 }));
  await page.fill('#f-leisure', '40,5');
  const c = await page.evaluate(() => window.bpaApp.getCase());
  expect(c.monthly).toStrictEqual([{ kind: 'leisure', hours_per_month: 40.5 }]);
  expect(await page.locator('#error-summary').isVisible(), 'no error for more than the guidance').toBe(false);
  expect((await page.locator('.big-number').innerText()).startsWith('9,35'), 'counted as 40.5 × 12 ÷ 52 = 9,35 hours a week, in Norwegian style').toBeTruthy();
  await page.fill('#f-leisure', 'tolv');
  expect(await page.locator('#error-summary').isVisible()).toBeTruthy();
  expect(await page.locator('#error-list a').first().innerText()).toBe(text('ui.error.leisure_number'));
  await page.fill('#f-leisure', '');
  expect((await page.evaluate(() => window.bpaApp.getCase())).monthly).toStrictEqual([]);
  finish(b);
});

test('the language switch: nynorsk and English, each named in itself', async ({ page }) => {
  const b = await openPage(page);
  const { nn, en } = LANGS;
  // Each language is named in itself, as its catalogue names it ("Norsk nynorsk").
  expect(await page.locator('#languages button').allInnerTexts()).toStrictEqual([nb._name, nn._name, en._name]);
  await setCase(page, await exampleCase(page));

  await page.locator('#languages button[lang="nn"]').click();
  await page.waitForFunction(() => document.documentElement.lang === 'nn');
  expect(await page.locator('h1').innerText()).toBe(nn['ui.title']);
  expect(await verdictTitle(page)).toBe(nn['verdict.likely_right_unless_cost.title']);
  expect(await page.locator('#person-h').innerText()).toBe(nn['ui.person.title']);
  expect(await page.getAttribute('#languages button[lang="nn"]', 'aria-pressed')).toBe('true');

  await page.locator('#languages button[lang="en"]').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  expect(await page.locator('#needs-h').innerText()).toBe(en['ui.needs.title']);
  expect(await verdictTitle(page)).toBe(en['verdict.likely_right_unless_cost.title']);
  expect((await page.evaluate(() => window.bpaApp.getCase())).settings.lang, 'the language is part of the case').toBe('en');
  const v = await axeScan(page);
  expect(v, `English:\n${describeViolations(v)}`).toStrictEqual([]);

  await page.locator('#languages button[lang="nb"]').click();
  await page.waitForFunction(() => document.documentElement.lang === 'nb');
  expect((await page.evaluate(() => window.bpaApp.getCase())).settings.lang, 'bokmål is the default, not written').toBe(undefined);
  finish(b);
});
