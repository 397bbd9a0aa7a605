// Issue 7, accessibility beyond axe: 200 % zoom without sideways
// scrolling, and Chromium's own accessibility tree (what a screen reader is
// given): every control has a name, the status region is there. A summary
// goes to tests/e2e/out/a11y-tree-summary.json for the accessibility report
// (www/tilgjengelighetsrapport.html).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { axeScan, describeViolations } from './browser.mjs';
import { nb, OUT, openPage, finish, seedCase, openDetails, shoot } from './issue7-helpers.mjs';

// ---- Zoom and the accessibility tree ---------------------------------------------

test('200 % zoom (1280 px at 200 % = 640 CSS px): no sideways scrolling, everything open', async () => {
  const b = await openPage('', { viewport: { width: 640, height: 800 }, deviceScaleFactor: 2 });
  const { page } = b;
  try {
    await seedCase(page, 'nb', { goal: 'Et ganske langt mål med mange ord, for å se at teksten brytes.' });
    await openDetails(page);
    await page.check('#print-caseworker');
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(widths.scroll <= widths.client, `no sideways scrolling at 640 px (${widths.scroll} > ${widths.client})`);
    const v = await axeScan(page);
    assert.deepEqual(v, [], describeViolations(v));
    await shoot(page, 'issue7-zoom-200');
  } finally {
    await finish(b);
  }
});

test('accessibility tree (what a screen reader gets): every control named, the status region present', async () => {
  const b = await openPage();
  const { page } = b;
  try {
    await seedCase(page, 'nb', { goal: 'x' });
    await openDetails(page);
    const cdp = await b.context.newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const named = ['button', 'checkbox', 'radio', 'textbox', 'link', 'combobox', 'spinbutton', 'tab', 'image', 'tabpanel', 'region', 'table', 'group'];
    const counts = {};
    const unnamed = [];
    for (const n of nodes) {
      if (n.ignored) continue;
      const role = n.role?.value;
      if (!named.includes(role)) continue;
      counts[role] = (counts[role] || 0) + 1;
      const name = (n.name?.value || '').trim();
      // A group without a name is fine (a layout div); every other role needs one.
      if (!name && role !== 'group') unnamed.push(`${role} (node ${n.backendDOMNodeId})`);
    }
    assert.deepEqual(unnamed, [], 'every control has an accessible name');
    assert.ok(counts.textbox >= 7, 'the notes and the other text fields are text boxes');
    assert.ok(counts.image >= 2, 'the clock and the week are images with names');
    const status = nodes.filter((n) => !n.ignored && n.role?.value === 'status');
    assert.ok(status.length >= 1, 'a status region for live announcements');
    assert.equal(await page.getAttribute('#status', 'role'), 'status', 'the page’s own, present from load');
    counts.status = status.length;
    const goal = nodes.find((n) => n.role?.value === 'textbox' && n.name?.value === nb['ui.notes.goal.label']);
    assert.ok(goal, 'the goal field is named by its label');
    const desc = goal.properties?.find((p) => p.name === 'describedby') || goal.description;
    assert.ok(desc, 'and described by its help text');
    await mkdir(OUT, { recursive: true });
    await writeFile(join(OUT, 'a11y-tree-summary.json'), `${JSON.stringify({ counts, unnamed }, null, 1)}\n`);
  } finally {
    await finish(b);
  }
});

test('the accessibility report is reached from the page, and passes what it reports', async () => {
  const b = await openPage();
  const { page } = b;
  try {
    await page.locator('a[href="tilgjengelighetsrapport.html"]').click();
    await page.waitForSelector('h1');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'nb');
    const text = await page.locator('main').innerText();
    for (const s of ['axe-core 4.13.0', 'Chromium', '200 %', '320', '4.1.2 Navn, rolle, verdi', 'Hva som gjenstår']) {
      assert.ok(text.includes(s), `the report names ${s}`);
    }
    const v = await axeScan(page);
    assert.deepEqual(v, [], describeViolations(v));
  } finally {
    await finish(b);
  }
});
