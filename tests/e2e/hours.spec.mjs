// Figures that add up (legal issue, item 5): the page, the caseworker view
// and the printout show counted + left out (by cause) + counted once because
// it overlaps other help (health help inside other help; needs that overlap)
// = mapped, for the week and for each day, and the health help mapped
// whether or not it overlaps. The figures are read from the page and added
// here: the page must never leave the sum to the reader.
import { test, expect, nb, text, openPage, finish, exampleCase, printPdf, shoot } from './support.mjs';

/** "Teller med: 30,5 timer" → 30.5 (the number in a line the page shows). */
const num = (line) => Number(/(-?\d+(?:[,.]\d+)?)/.exec(line.replace(/.*:\s*/, ''))?.[1].replace(',', '.'));

/** The seed's week, with health help inside the morning visit, an evening overlap and help at night. */
async function weekWithHealth(page) {
  const c = await exampleCase(page);
  // Eye drops during the morning routine (07:00–08:00): health help inside personal help.
  c.needs.push({ kind: 'health', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '07:30', end: '08:00' });
  // Washing up while lunch is on (12:00–13:00): two needs that overlap.
  c.needs.push({ kind: 'household', days: ['mon'], start: '12:30', end: '13:30' });
  // Turning at night, not the whole night: left out.
  c.needs.push({ kind: 'personal', days: ['sat'], start: '02:00', end: '03:00' });
  await page.evaluate((x) => window.bpaApp.setCase(x), c);
  await page.locator('#results .hours-sum').waitFor();
  return c;
}

test('the week and each day add up on the page, and the overlap is named by kind', async ({ page }) => {
  const b = await openPage(page);
  await weekWithHealth(page);
  const a = await page.evaluate(() => window.bpaApp.getAssessment?.() ?? null);
  const lines = await page.locator('#results .hours-sum li').allInnerTexts();
  const line = (key) => page.locator(`#results .hours-sum li[data-line="${key}"]`).first();
  const value = async (key) => num((await line(key).innerText()).split('\n')[0]);

  const counted = await value('counted');
  const excluded = await value('excluded');
  const overlap = await value('overlap');
  const mapped = await value('mapped');
  expect(counted, lines.join('\n')).toBe(28 + 0.5); // the washing up's half hour after lunch counts
  expect(excluded).toBe(1); // the night
  expect(overlap).toBe(2.5 + 0.5); // 5 × ½ hour of health help inside other help, ½ hour of overlapping needs
  expect(counted + excluded + overlap, 'counted + left out + counted once = mapped').toBeCloseTo(mapped, 5);
  // Left out by cause, and the overlap by kind, each with its hours.
  expect(await line('excluded.night').innerText()).toBe(`${nb['cause.night']}: ${text(nb, 'report.hours_only', { hours: 1 })}`);
  expect(await line('overlap_health').innerText()).toBe(text(nb, 'report.overlap_health', { hours: '2,5' }));
  expect(await line('overlap_needs').innerText()).toBe(text(nb, 'report.overlap_needs', { hours: '0,5' }));
  // The health help mapped, though none of it is left out (all of it is inside other help).
  expect(await line('health_mapped').innerText()).toBe(text(nb, 'report.health_mapped', { hours: '2,5' }));
  expect(a === null || a.hours.week.mapped === mapped).toBeTruthy();

  // Each day: counted + left out + counted once (both kinds) = mapped.
  await page.locator('#results details[data-key="days"] > summary').click();
  const rows = page.locator('#results .days-table tbody tr');
  expect(await rows.count()).toBe(7);
  const cols = await page.locator('#results .days-table thead th').allInnerTexts();
  expect(cols).toStrictEqual(['day', 'counted', 'excluded', 'overlap_health', 'overlap_needs', 'mapped'].map((k) => nb[`ui.hours.day_col.${k}`]));
  for (let i = 0; i < 7; i++) {
    const cells = (await rows.nth(i).locator('td').allInnerTexts()).map(num);
    const [c, x, oh, on, m] = cells;
    expect(c + x + oh + on, `day ${i + 1}: ${cells.join(' / ')}`).toBeCloseTo(m, 5);
  }
  const monday = (await rows.nth(0).locator('td').allInnerTexts()).map(num);
  expect(monday).toStrictEqual([4.5, 0, 0.5, 0.5, 5.5]);
  const saturday = await rows.nth(5).innerText();
  expect(saturday.includes(nb['cause.night']), `Saturday names the night: ${saturday}`).toBeTruthy();
  await shoot(page, 'hours-1280');
  finish(b);
});

test('the caseworker view and the printout show the same figures, and the health help mapped', async ({ page }) => {
  const b = await openPage(page);
  await weekWithHealth(page);
  await page.locator('#caseworker summary').click();
  await page.locator('#caseworker .moment').last().waitFor({ state: 'visible' });
  const scope = await page.locator('.moment[data-moment="scope"] .cw-map').innerText();
  for (const [key, hours] of [['report.counted', '28,5'], ['report.excluded', 1], ['report.overlap', 3], ['report.overlap_health', '2,5'], ['report.overlap_needs', '0,5'], ['report.mapped', '32,5']]) {
    expect(scope.includes(text(nb, key, { hours })), `moment 1 has «${text(nb, key, { hours })}»:\n${scope}`).toBeTruthy();
  }
  const health = await page.locator('.moment[data-moment="health_records"] .cw-map').innerText();
  expect(health.includes(text(nb, 'ui.caseworker.fact.health_week', { mapped: '2,5', inside: '2,5', excluded: 0 })), health).toBeTruthy();

  await page.check('#print-caseworker');
  const pdf = await printPdf(page, 'hours-printout');
  for (const s of [text(nb, 'report.overlap_health', { hours: '2,5' }), text(nb, 'report.mapped', { hours: '32,5' }), text(nb, 'report.health_mapped', { hours: '2,5' })]) {
    expect(pdf.text.includes(s), `the printout says «${s}»`).toBeTruthy();
  }
  expect(pdf.text.includes('regelversjon'), 'no rules version on paper').toBeFalsy();
  finish(b);
});
