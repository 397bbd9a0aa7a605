// Issue 7, print and the parts around it (Chromium prints to PDF; poppler's
// pdfinfo and pdftotext read it back): at most 3 A4 pages for the seed's
// week with the verdict, hours, documents, sources and the person's own
// words; black on white; the share link and the caseworker view only when
// ticked. And the caseworker view and the own-words fields on screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nb, text, flat, openPage, finish, seedCase, printPdf } from './issue7-helpers.mjs';

// ---- Print ---------------------------------------------------------------------

test('print: the seed’s week is at most 3 A4 pages with the verdict, hours, documents, sources and own words', async () => {
  const b = await openPage();
  const { page } = b;
  try {
    const goal = 'Bo hjemme og ta utdanning.';
    await seedCase(page, 'nb', { goal });
    const pdf = await printPdf(page, 'printout-nb');
    assert.ok(pdf.pages >= 1 && pdf.pages <= 3, `3 A4 pages at most, got ${pdf.pages}`);
    const a = await page.evaluate(async () => (await import('./pkg/bpa.js')).assess(window.bpaApp.getCase()).assessment);
    const must = [
      text(nb, `verdict.${a.verdict}.title`),
      text(nb, 'verdict.not_a_decision'),
      text(nb, 'ui.hours.counted', { hours: 28 }),
      text(nb, 'note.DOC_DIAGNOSIS'),
      'Pasient- og brukerrettighetsloven § 2-1 d',
      text(nb, 'ui.print.title'),
      text(nb, 'ui.notes.goal.label'),
      goal,
      `regelversjon ${a.rules_version}`,
      text(nb, 'ui.print.week'),
    ];
    for (const s of must) assert.ok(pdf.text.includes(flat(s)), `the PDF says «${s}»`);
    // Each day's hours from the engine, and the four needs by name.
    assert.ok(pdf.text.includes(flat(text(nb, 'ui.clock.day_hours', { day: 'søndag', counted: 4 }))), 'Sunday’s hours');
    for (const n of (await page.evaluate(() => window.bpaApp.getCase())).needs) assert.ok(pdf.text.includes(n.label), n.label);
    // Not printed unless asked for: the share link and the caseworker view.
    assert.ok(!pdf.text.includes(text(nb, 'ui.print.link_title')), 'no share link by default');
    assert.ok(!pdf.text.includes('#v'), 'no fragment in the PDF');
    assert.ok(!pdf.text.includes(text(nb, 'ui.caseworker.col_open')), 'no caseworker view by default');
    // No page chrome: neither the forms nor the buttons.
    for (const key of ['ui.form.add', 'ui.print.panel_help', 'ui.templates.title']) {
      assert.ok(!pdf.text.includes(flat(text(nb, key))), `not printed: ${key}`);
    }
    // Both options ticked: the caseworker view and the link are printed.
    await page.check('#print-caseworker');
    await page.check('#print-link');
    const more = await printPdf(page, 'printout-nb-caseworker-link');
    assert.ok(more.text.includes(flat(text(nb, 'ui.caseworker.crpd.title'))), 'the tenth moment is printed');
    assert.ok(more.text.includes(flat(text(nb, 'ui.print.link_warning'))), 'the link comes with its warning');
    const link = await page.evaluate(async () => (await import('./pkg/bpa.js')).encode_link(window.bpaApp.getCase()).link);
    assert.ok(more.text.replace(/ /g, '').includes(link.slice(0, 40)), 'the share link is printed');
    console.log(`printout: ${pdf.pages} A4 pages (seed week); ${more.pages} with the caseworker view and the link`);
  } finally {
    await finish(b);
  }
});

test('print: the printout in black on white, no colour carries meaning', async () => {
  const b = await openPage();
  const { page } = b;
  try {
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
    assert.equal(found.page, 'none', 'the screen page is not printed');
    assert.ok(found.visible > 50, 'the printout is printed');
    assert.deepEqual(found.colours, ['rgb(0, 0, 0)'], 'text and lines are black');
  } finally {
    await finish(b);
  }
});

// ---- Caseworker view and own words ----------------------------------------------

test('caseworker view: the ten momenter, each with what the map says and what is open, from the engine’s answer', async () => {
  const b = await openPage();
  const { page } = b;
  try {
    assert.equal(await page.locator('#caseworker').isVisible(), false, 'not shown before there is a map');
    const c = await seedCase(page);
    assert.equal(await page.evaluate(() => document.querySelector('#caseworker').open), false, 'closed until asked for');
    await page.locator('#caseworker summary').click();
    await page.waitForFunction(() => document.querySelector('#caseworker').open);
    await page.locator('#caseworker .moment').last().waitFor({ state: 'visible' });
    const moments = page.locator('#caseworker .moment');
    assert.equal(await moments.count(), 10);
    const titles = await page.locator('#caseworker .moment h3').allInnerTexts();
    assert.equal(titles[9], nb['ui.caseworker.crpd.title']);
    const scope = await page.locator('.moment[data-moment="scope"] .cw-map').innerText();
    assert.match(scope, new RegExp(text(nb, 'ui.caseworker.fact.hours', { mapped: 28, counted: 28 }).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    const right = await page.locator('.moment[data-moment="right"]').innerText();
    assert.ok(right.includes(nb['verdict.likely_right_unless_cost.title']), 'moment 2 shows the engine’s verdict');
    assert.ok(right.includes(text(nb, 'reason.COST_TEST.municipality', { hours_cost_test: 25, hours_right: 32 })), 'and what the municipality must still assess');
    const health = await page.locator('.moment[data-moment="health_records"] .cw-map').innerText();
    assert.equal(health.trim(), nb['ui.caseworker.nothing'], 'no health help in the seed week');

    // Health help in the map: moment 6 says so with the hours the engine left out.
    c.needs.push({ kind: 'health', days: ['mon', 'wed'], start: '09:00', end: '10:30' });
    await page.evaluate((x) => window.bpaApp.setCase(x), c);
    const health2 = await page.locator('.moment[data-moment="health_records"] .cw-map').innerText();
    assert.ok(health2.includes(text(nb, 'ui.caseworker.fact.health', { hours: 3 })), health2);
    const children = await page.locator('.moment[data-moment="children"] .cw-map').innerText();
    assert.ok(children.includes(text(nb, 'ui.caseworker.fact.age', { age: 45 })), children);
  } finally {
    await finish(b);
  }
});

test('own words: five labelled fields by keyboard, kept in the case as notes, too long is an error at the field', async () => {
  const b = await openPage();
  const { page } = b;
  try {
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
    assert.equal(active, 'f-notes-goal', 'Tab from the open group goes to its first field');
    await page.keyboard.type('Jobbe og bo hjemme.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Stell og mat.');
    const notes = (await page.evaluate(() => window.bpaApp.getCase())).notes;
    assert.deepEqual(notes, { goal: 'Jobbe og bo hjemme.', help: 'Stell og mat.' });
    assert.equal(await page.getAttribute('#f-notes-goal', 'maxlength'), '2000');

    // A case from elsewhere with a note over the engine's limit.
    await page.evaluate(() => window.bpaApp.setCase({ version: 1, needs: [], notes: { other: 'x'.repeat(2001) } }));
    const link = page.locator('#error-list a[href="#f-notes-other"]');
    assert.equal(await link.count(), 1, 'the error summary links to the field');
    await link.click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-notes-other');
    assert.equal(await page.getAttribute('#f-notes-other', 'aria-invalid'), 'true');
    assert.equal(await page.locator('#f-notes-other-error').count(), 1, 'the message sits beside the field');
  } finally {
    await finish(b);
  }
});
