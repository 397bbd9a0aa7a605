// Accessibility beyond axe: 200 % zoom without sideways scrolling, and
// Chromium's own accessibility tree (what a screen reader is given): every
// control has a name, the status region is there. A summary goes to
// tests/e2e/out/a11y-tree-summary.json for the accessibility report
// (www/tilgjengelighetsrapport.html).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, axeScan, describeViolations, nb, OUT, openPage, finish, seedCase, openDetails, shoot } from './support.mjs';

// ---- Zoom and the accessibility tree ---------------------------------------------

test.describe('at 200 % zoom', () => {
  test.use({ viewport: { width: 640, height: 800 }, deviceScaleFactor: 2 });

  test('200 % zoom (1280 px at 200 % = 640 CSS px): no sideways scrolling, everything open', async ({ page }) => {
    const b = await openPage(page);
    await seedCase(page, 'nb', { goal: 'Et ganske langt mål med mange ord, for å se at teksten brytes.' });
    await openDetails(page);
    await page.check('#print-caseworker');
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll <= widths.client, `no sideways scrolling at 640 px (${widths.scroll} > ${widths.client})`).toBeTruthy();
    const v = await axeScan(page);
    expect(v, describeViolations(v)).toStrictEqual([]);
    await shoot(page, 'zoom-200');
    finish(b);
  });
});

test('accessibility tree (what a screen reader gets): every control named, the status region present', async ({ page, context }) => {
  const b = await openPage(page);
  await seedCase(page, 'nb', { goal: 'x' });
  await openDetails(page);
  const cdp = await context.newCDPSession(page);
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
  expect(unnamed, 'every control has an accessible name').toStrictEqual([]);
  expect(counts.textbox >= 7, 'the notes and the other text fields are text boxes').toBeTruthy();
  expect(counts.image >= 2, 'the clock and the week are images with names').toBeTruthy();
  const status = nodes.filter((n) => !n.ignored && n.role?.value === 'status');
  expect(status.length >= 1, 'a status region for live announcements').toBeTruthy();
  expect(await page.getAttribute('#status', 'role'), 'the page’s own, present from load').toBe('status');
  counts.status = status.length;
  const goal = nodes.find((n) => n.role?.value === 'textbox' && n.name?.value === nb['ui.notes.goal.label']);
  expect(goal, 'the goal field is named by its label').toBeTruthy();
  const desc = goal.properties?.find((p) => p.name === 'describedby') || goal.description;
  expect(desc, 'and described by its help text').toBeTruthy();
  await mkdir(OUT, { recursive: true });
  await writeFile(join(OUT, 'a11y-tree-summary.json'), `${JSON.stringify({ counts, unnamed }, null, 1)}\n`);
  finish(b);
});

test('the accessibility report is reached from the page, and passes what it reports', async ({ page }) => {
  const b = await openPage(page);
  await page.locator('a[href="tilgjengelighetsrapport.html"]').click();
  await page.waitForSelector('h1');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('nb');
  const text = await page.locator('main').innerText();
  for (const s of ['axe-core 4.13.0', 'Chromium', '200 %', '320', '4.1.2 Navn, rolle, verdi', 'Hva som gjenstår']) {
    expect(text.includes(s), `the report names ${s}`).toBeTruthy();
  }
  const v = await axeScan(page);
  expect(v, describeViolations(v)).toStrictEqual([]);
  finish(b);
});
