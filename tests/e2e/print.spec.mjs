// Print and the parts around it (Chromium prints to PDF; poppler's
// pdfinfo and pdftotext read it back): at most 3 A4 pages for the seed's
// week with the verdict, hours, documents, sources and the person's own
// words; black on white; the share link and the caseworker view only when
// ticked. And the caseworker view and the own-words fields on screen.
import { test, expect, nb, text, flat, openPage, finish, seedCase, printPdf, expectNoViolations } from './support.mjs';

// ---- Print ---------------------------------------------------------------------

test('print: the seed’s week is at most 3 A4 pages with the verdict, hours, documents, sources and own words', async ({ page }) => {
  const b = await openPage(page);
  const goal = 'Bo hjemme og ta utdanning.';
  await seedCase(page, 'nb', { goal });
  const pdf = await printPdf(page, 'printout-nb');
  expect(pdf.pages >= 1 && pdf.pages <= 3, `3 A4 pages at most, got ${pdf.pages}`).toBeTruthy();
  const a = await page.evaluate(async () => window.bpaEngine.assess(window.bpaApp.getCase()).assessment);
  const must = [
    text(nb, `verdict.${a.verdict}.title`),
    text(nb, 'verdict.not_a_decision'),
    text(nb, 'ui.hours.counted', { hours: 28 }),
    text(nb, 'note.DOC_DIAGNOSIS'),
    'Pasient- og brukerrettighetsloven § 2-1 d',
    text(nb, 'ui.print.title'),
    text(nb, 'ui.notes.goal.label'),
    goal,
    // The rules by the date they apply from, in words (no version number for a citizen).
    'etter reglene som gjelder fra 1. juli 2020',
    text(nb, 'ui.print.week'),
  ];
  for (const s of must) expect(pdf.text.includes(flat(s)), `the PDF says «${s}»`).toBeTruthy();
  // Each day's hours from the engine, and the four needs by name.
  expect(pdf.text.includes(flat(text(nb, 'ui.clock.day_hours', { day: 'søndag', counted: 4 }))), 'Sunday’s hours').toBeTruthy();
  for (const n of (await page.evaluate(() => window.bpaApp.getCase())).needs) expect(pdf.text.includes(n.label), n.label).toBeTruthy();
  // Not printed unless asked for: the share link and the caseworker view.
  expect(!pdf.text.includes(text(nb, 'ui.print.link_title')), 'no share link by default').toBeTruthy();
  expect(!pdf.text.includes('#v'), 'no fragment in the PDF').toBeTruthy();
  expect(!pdf.text.includes(text(nb, 'ui.caseworker.col_open')), 'no caseworker view by default').toBeTruthy();
  // No page chrome: neither the forms nor the buttons.
  for (const key of ['ui.form.add', 'ui.print.panel_help', 'ui.templates.title']) {
    expect(!pdf.text.includes(flat(text(nb, key))), `not printed: ${key}`).toBeTruthy();
  }
  // Both options ticked: the caseworker view and the link are printed.
  await page.check('#print-caseworker');
  await page.check('#print-link');
  const more = await printPdf(page, 'printout-nb-caseworker-link');
  expect(more.text.includes(flat(text(nb, 'ui.caseworker.crpd.title'))), 'the tenth moment is printed').toBeTruthy();
  expect(more.text.includes(flat(text(nb, 'ui.print.link_warning'))), 'the link comes with its warning').toBeTruthy();
  const link = await page.evaluate(async () => window.bpaEngine.encode_link(window.bpaApp.getCase()).link);
  expect(more.text.replace(/ /g, '').includes(link.slice(0, 40)), 'the share link is printed').toBeTruthy();
  console.log(`printout: ${pdf.pages} A4 pages (seed week); ${more.pages} with the caseworker view and the link`);
  finish(b);
});

test('print: the letter alone, and before the egenkartlegging on pages of its own; without it the seed week stays at most 3 pages', async ({ page }) => {
  const b = await openPage(page);
  const own = 'Jeg trenger hjelp <b>hele</b> dagen.\nOgså om kvelden.';
  await seedCase(page, 'nb', { help: own });
  const week = await printPdf(page, 'printout-seed-week');
  expect(week.pages >= 1 && week.pages <= 3, `the seed week: 3 A4 pages at most, got ${week.pages}`).toBeTruthy();
  const title = nb['letter.title'];
  const mapTitle = flat(text(nb, 'ui.print.title'));
  expect(!week.text.includes(flat(title)), 'no letter in the printout unless asked for').toBeTruthy();
  // Nothing in the seed week may carry a charge: the printout says so in a line.
  const a = await page.evaluate(async () => window.bpaEngine.assess(window.bpaApp.getCase()).assessment);
  expect(a.cost.estimate.code).toBe('COST_NO_CHARGE');
  expect(week.text.includes(flat(text(nb, 'note.COST_NO_CHARGE', { year: a.cost.year }))), 'the cost in one line').toBeTruthy();
  // The print dialogue is the browser's: here it opens and closes at once.
  await page.evaluate(() => (window.print = () => {}));
  const closeDialogue = () => page.evaluate(() => dispatchEvent(new Event('afterprint')));

  // Alone: the letter and nothing of the egenkartlegging.
  await page.click('#letter-print');
  await page.locator('#printout .po-document').waitFor({ state: 'attached' });
  const alone = await printPdf(page, 'letter-alone');
  expect(alone.text.startsWith(flat(title)), `the PDF starts with the letter's title: ${alone.text.slice(0, 80)}`).toBeTruthy();
  expect(alone.text.includes(flat(text(nb, 'letter.hours', { counted: '28' }))), 'the hours the map gives').toBeTruthy();
  // The person's words as they typed them: text, never markup.
  expect(alone.text.includes('Jeg trenger hjelp <b>hele</b> dagen. Også om kvelden.'), 'own words as text').toBeTruthy();
  expect(await page.locator('#printout .po-document b').count(), 'no element from the person’s words').toBe(0);
  expect(!alone.text.includes(mapTitle), 'alone: not the egenkartlegging').toBeTruthy();
  const needsMap = nb['letter.doc.DOC_NEEDS_MAP'];
  expect(alone.text.includes(flat(text(nb, 'letter.to_follow', { document: needsMap }))), 'alone, the egenkartlegging is to follow').toBeTruthy();
  for (const key of ['ui.letter.copy', 'ui.letter.print', 'ui.letter.lang', 'ui.letter.attached']) {
    expect(!alone.text.includes(flat(text(nb, key))), `no page chrome: ${key}`).toBeTruthy();
  }
  await page.emulateMedia({ media: 'print' });
  await expectNoViolations(page, 'the letter printed alone');
  await page.emulateMedia({ media: 'screen' });
  await closeDialogue();

  // With the egenkartlegging: the letter's pages, then the egenkartlegging's own, whole.
  await page.click('#letter-print-map');
  await expect.poll(() => page.evaluate(() => document.querySelector('#printout > .po-document + .po-head') !== null)).toBe(true);
  const both = await printPdf(page, 'letter-with-map');
  expect(both.pages, `${alone.pages} page(s) of letter + ${week.pages} of egenkartlegging`).toBe(alone.pages + week.pages);
  expect(both.text.indexOf(flat(title)) === 0 && both.text.indexOf(mapTitle) > 0, 'the letter first, the egenkartlegging after it').toBeTruthy();
  // Printed with it, the letter lists the egenkartlegging as attached; the person's ticks stay theirs.
  expect(both.text.includes(flat(text(nb, 'letter.attached', { document: needsMap }))), 'with it, the egenkartlegging is attached').toBeTruthy();
  expect((await page.evaluate(() => window.bpaApp.getCase().attached)) ?? [], 'the ticks are not changed').toStrictEqual([]);
  await page.emulateMedia({ media: 'print' });
  await expectNoViolations(page, 'the letter with the egenkartlegging');
  await page.emulateMedia({ media: 'screen' });
  await closeDialogue();

  // Printed once: the next print is the egenkartlegging alone again.
  const again = await printPdf(page, 'printout-seed-week-again');
  expect(again.pages).toBe(week.pages);
  expect(!again.text.includes(flat(title)), 'the letter is gone once printed').toBeTruthy();
  console.log(`print: letter alone ${alone.pages} page(s); with the egenkartlegging ${both.pages}; the seed week ${week.pages}`);
  finish(b);
});

test('print: what it may cost, as an estimate with the year’s figures named and marked', async ({ page }) => {
  const b = await openPage(page);
  const c = await seedCase(page);
  c.needs.push({ kind: 'household', days: ['mon', 'wed', 'fri'], start: '10:00', end: '12:00' });
  c.person.income_band = 'under_2g';
  await page.evaluate((x) => window.bpaApp.setCase(x), c);
  const cost = await page.evaluate(async () => window.bpaEngine.assess(window.bpaApp.getCase()).assessment.cost);
  expect(cost.estimate.code).toBe('COST_UNDER_2G');
  const pdf = await printPdf(page, 'printout-cost');
  expect(pdf.text.includes(flat(nb['report.cost'])), 'the cost section').toBeTruthy();
  expect(pdf.text.includes(flat(text(nb, 'ui.cost.figures', { year: cost.year }))), 'the year’s figures named').toBeTruthy();
  expect(pdf.text.includes(`${cost.cap.value}`), `the cap of ${cost.year}`).toBeTruthy();
  if (cost.cap.unverified) expect(pdf.text.includes(flat(nb['report.unverified'])), 'an unchecked figure says so').toBeTruthy();
  expect(pdf.text.includes(flat(nb['ui.cost.not_a_decision'])), 'an estimate, not the decision').toBeTruthy();
  finish(b);
});

test('print: the printout in black on white, no colour carries meaning', async ({ page }) => {
  const b = await openPage(page);
  await seedCase(page);
  await page.emulateMedia({ media: 'print' });
  // The printout is drawn when the page turns to print; its module may
  // still be loading (app.js loads it once the page is in use).
  await page.waitForFunction(() => document.querySelectorAll('#printout *').length > 50);
  const found = await page.evaluate(() => {
    const colours = new Set();
    let visible = 0;
    for (const el of document.querySelectorAll('#printout *')) {
      const s = getComputedStyle(el);
      if (s.display === 'none') continue;
      visible++;
      colours.add(s.color);
      if (s.borderTopStyle !== 'none' && parseFloat(s.borderTopWidth) > 0) colours.add(s.borderTopColor);
    }
    const page = getComputedStyle(document.querySelector('.page')).display;
    return { colours: [...colours], visible, page };
  });
  expect(found.page, 'the screen page is not printed').toBe('none');
  expect(found.visible > 50, 'the printout is printed').toBeTruthy();
  expect(found.colours, 'text and lines are black').toStrictEqual(['rgb(0, 0, 0)']);
  finish(b);
});

// ---- Caseworker view and own words ----------------------------------------------

test('caseworker view: the ten momenter, each with what the map says and what is open, from the engine’s answer', async ({ page }) => {
  const b = await openPage(page);
  expect(await page.locator('#caseworker').isVisible(), 'not shown before there is a map').toBe(false);
  const c = await seedCase(page);
  expect(await page.evaluate(() => document.querySelector('#caseworker').open), 'closed until asked for').toBe(false);
  await page.locator('#caseworker summary').click();
  await page.waitForFunction(() => document.querySelector('#caseworker').open);
  await page.locator('#caseworker .moment').last().waitFor({ state: 'visible' });
  const moments = page.locator('#caseworker .moment');
  expect(await moments.count()).toBe(10);
  const titles = await page.locator('#caseworker .moment h3').allInnerTexts();
  expect(titles[9]).toBe(nb['ui.caseworker.crpd.title']);
  const scope = await page.locator('.moment[data-moment="scope"] .cw-map').innerText();
  expect(scope).toMatch(new RegExp(text(nb, 'ui.caseworker.fact.hours', { mapped: 28, counted: 28 }).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const right = await page.locator('.moment[data-moment="right"]').innerText();
  expect(right.includes(nb['verdict.likely_right_unless_cost.title']), 'moment 2 shows the engine’s verdict').toBeTruthy();
  expect(right.includes(text(nb, 'reason.COST_TEST.municipality', { hours_cost_test: 25, hours_right: 32 })), 'and what the municipality must still assess').toBeTruthy();
  const health = await page.locator('.moment[data-moment="health_records"] .cw-map').innerText();
  expect(health.trim(), 'no health help in the seed week').toBe(nb['ui.caseworker.nothing']);

  // Health help in the map: moment 6 says so with the hours the engine left out.
  c.needs.push({ kind: 'health', days: ['mon', 'wed'], start: '09:00', end: '10:30' });
  await page.evaluate((x) => window.bpaApp.setCase(x), c);
  const health2 = await page.locator('.moment[data-moment="health_records"] .cw-map').innerText();
  expect(health2.includes(text(nb, 'ui.caseworker.fact.health_week', { mapped: 3, inside: 0, excluded: 3 })), health2).toBeTruthy();
  const children = await page.locator('.moment[data-moment="children"] .cw-map').innerText();
  expect(children.includes(text(nb, 'ui.caseworker.fact.age', { age: 45 })), children).toBeTruthy();
  finish(b);
});

test('own words: five labelled fields by keyboard, kept in the case as notes, too long is an error at the field', async ({ page }) => {
  const b = await openPage(page);
  // Let the page settle (the drafts part starts after the first render).
  await page.waitForLoadState('networkidle');
  await page.focus('#own-words summary');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#own-words').open);
  // As a person would: the opened group is drawn before the next key (Chromium
  // skips content of a <details> it has not laid out yet).
  await page.locator('#f-notes-goal').waitFor({ state: 'visible' });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.keyboard.press('Tab');
  const active = await page.evaluate(() => document.activeElement.id || document.activeElement.outerHTML.slice(0, 120));
  expect(active, 'Tab from the open group goes to its first field').toBe('f-notes-goal');
  await page.keyboard.type('Jobbe og bo hjemme.');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Stell og mat.');
  const notes = (await page.evaluate(() => window.bpaApp.getCase())).notes;
  expect(notes).toStrictEqual({ goal: 'Jobbe og bo hjemme.', help: 'Stell og mat.' });
  expect(await page.getAttribute('#f-notes-goal', 'maxlength')).toBe('2000');

  // A case from elsewhere with a note over the engine's limit.
  await page.evaluate(() => window.bpaApp.setCase({ version: 1, needs: [], notes: { other: 'x'.repeat(2001) } }));
  const link = page.locator('#error-list a[href="#f-notes-other"]');
  expect(await link.count(), 'the error summary links to the field').toBe(1);
  await link.click();
  expect(await page.evaluate(() => document.activeElement.id)).toBe('f-notes-other');
  expect(await page.getAttribute('#f-notes-other', 'aria-invalid')).toBe('true');
  expect(await page.locator('#f-notes-other-error').count(), 'the message sits beside the field').toBe(1);
  finish(b);
});
