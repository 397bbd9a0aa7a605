// After the map (issue 16): the application letter (copied, downloaded,
// printed, the documents ticked as attached), the complaint after a
// decision with its deadline, and the cost with the optional income
// question, which stays out of a share link unless asked for. Axe in each
// new state. Expected words come from the catalogues, never written here.
import { readFile } from 'node:fs/promises';
import { test, expect, nb, LANGS, text, openPage, finish, seedCase, expectNoViolations } from './support.mjs';

/** The letter's plain text as the CLI renders it, from the page's engine and the nb catalogue. */
async function letterOf(page, lang = 'nb') {
  return page.evaluate(async (lang) => {
    const { letter } = window.bpaEngine;
    return letter(window.bpaApp.getCase(), undefined, lang).letter;
  }, lang);
}

test('the letter: a week filled in, the letter written, ticked, copied and downloaded', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const b = await openPage(page);
  await seedCase(page, 'nb', { help: 'Jeg trenger hjelp <b>hele</b> dagen.\nOgså om kvelden.' });
  const section = page.locator('#letter');
  await expect(section.locator('#letter-h')).toHaveText(text(nb, 'ui.letter.title'));
  await expect(section.locator('.letter-text')).toContainText(text(nb, 'letter.title'));
  // The person's own words are text, never markup; their line break kept.
  await expect(section.locator('.letter-text b')).toHaveCount(0);
  await expect(section.locator('.letter-text')).toContainText('Jeg trenger hjelp <b>hele</b> dagen.');
  await expectNoViolations(page, 'the letter');

  // Tick the doctor's statement as attached: the case has it, the letter says so.
  await page.check('#letter-doc-DOC_DOCTOR_STATEMENT');
  await expect.poll(() => page.evaluate(() => window.bpaApp.getCase().attached)).toStrictEqual(['DOC_DOCTOR_STATEMENT']);
  const attachedLine = text(nb, 'letter.attached', { document: nb['letter.doc.DOC_DOCTOR_STATEMENT'] });
  await expect(section.locator('.letter-text')).toContainText(attachedLine);
  const l = await letterOf(page);
  expect(l.attached).toStrictEqual(['DOC_DOCTOR_STATEMENT']);

  // Copy: the clipboard holds the letter's text, the status region says so.
  await page.click('#letter-copy');
  await expect(page.locator('#status')).toHaveText(text(nb, 'ui.letter.copied'));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.startsWith(`${nb['letter.title']}\n\n`), 'the title, then a blank line').toBeTruthy();
  expect(copied).toContain(`- ${attachedLine}\n`);
  expect(copied).toContain(text(nb, 'letter.hours', { counted: '28' }));
  expect(copied).toContain('Jeg trenger hjelp <b>hele</b> dagen.\nOgså om kvelden.');
  expect(copied).toContain(`${nb['letter.field.date']}\n${nb['letter.field.name']}\n`);

  // Download: the same text as a file.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#letter-download')]);
  expect(download.suggestedFilename()).toMatch(/^soknad-bpa-\d{4}-\d{2}-\d{2}\.txt$/);
  expect(await readFile(await download.path(), 'utf8')).toBe(copied);

  // Nynorsk: the letter in nynorsk, the page still in bokmål.
  await page.check('#letter-lang-nn');
  await expect(section.locator('.letter-text')).toContainText(LANGS.nn['letter.title']);
  await expect(section.locator('.letter-text')).toHaveAttribute('lang', 'nn');

  // Print alone: the printout holds the letter and nothing else.
  await page.evaluate(() => (window.print = () => {}));
  await page.click('#letter-print');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#printout .po-document')).toContainText(LANGS.nn['letter.title']);
  expect(await page.locator('#printout > *').count()).toBe(1);
  await page.emulateMedia({ media: 'screen' });
  finish(b);
});

test('the letter on an English page: explained in English, written in Norwegian', async ({ page }) => {
  const b = await openPage(page);
  await seedCase(page, 'en');
  await expect(page.locator('#letter-h')).toHaveText(LANGS.en['ui.letter.title']);
  await expect(page.locator('#letter')).toContainText(LANGS.en['ui.letter.norwegian']);
  await expect(page.locator('#letter .letter-text')).toContainText(nb['letter.title']);
  await expect(page.locator('#letter .letter-text')).toHaveAttribute('lang', 'nb');
  await expectNoViolations(page, 'the letter in English');
  finish(b);
});

test('the complaint: a refusal received 2026-01-31 gives the deadline 2026-02-28 and a draft', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const b = await openPage(page);
  await seedCase(page);
  // Asked without answers: the error summary links to the field.
  await page.click('#appeal-submit');
  await expect(page.locator('#appeal-errors')).toBeFocused();
  await expect(page.locator('#appeal-error-list a')).toHaveText([text(nb, 'ui.appeal.error.decision')]);
  await expect(page.locator('#appeal-decision-refused')).toHaveAttribute('aria-invalid', 'true');
  await expectNoViolations(page, 'the complaint with errors');
  await page.locator('#appeal-error-list a').click();
  await expect(page.locator('#appeal-decision-refused')).toBeFocused();

  await page.check('#appeal-decision-refused');
  await page.fill('#appeal-received', '2026-01-31');
  await page.click('#appeal-submit');
  await expect(page.locator('#appeal-errors')).toBeHidden();
  const deadline = text(nb, 'report.appeal.deadline', { day: nb['day.sat'], date: text(nb, 'format.date', { day: 28, month: nb['month.2'], year: 2026 }) });
  await expect(page.locator('#appeal-deadline-date')).toContainText(deadline);
  // The deadline's source, where to send it, who may complain, free help.
  await expect(page.locator('#appeal-deadline')).toContainText('Pasient- og brukerrettighetsloven § 7-5');
  await expect(page.locator('#appeal-result')).toContainText(nb['note.APPEAL_SEND_TO']);
  await expect(page.locator('#appeal-result')).toContainText(nb['note.APPEAL_WHO']);
  await expect(page.locator('#appeal-result')).toContainText(nb['note.APPEAL_OMBUD']);
  await expect(page.locator('#appeal-result .letter-text')).toContainText(nb['appeal.title']);
  const received = text(nb, 'appeal.decision.refused', { received: text(nb, 'format.date', { day: 31, month: nb['month.1'], year: 2026 }) });
  await expect(page.locator('#appeal-result .letter-text')).toContainText(received);
  await expectNoViolations(page, 'the complaint');

  await page.click('#appeal-copy');
  await expect(page.locator('#status')).toHaveText(text(nb, 'ui.appeal.copied'));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.startsWith(`${nb['appeal.title']}\n\n`)).toBeTruthy();
  expect(copied).toContain(received);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#appeal-download')]);
  expect(download.suggestedFilename()).toMatch(/^klage-bpa-\d{4}-\d{2}-\d{2}\.txt$/);
  expect(await readFile(await download.path(), 'utf8')).toBe(copied);

  // Print with the egenkartlegging: the complaint's words first, as text, then the egenkartlegging.
  await page.evaluate(() => (window.print = () => {}));
  await page.click('#appeal-print-map');
  await expect.poll(() => page.evaluate(() => [...document.querySelectorAll('#printout > *')].slice(0, 2).map((e) => e.className))).toStrictEqual(['po-section po-document', 'po-head']);
  await expect(page.locator('#printout .po-document')).toContainText(received);
  await expect(page.locator('#printout .po-document')).toHaveAttribute('lang', 'nb');
  await page.evaluate(() => dispatchEvent(new Event('afterprint')));

  // Fewer hours without the hours: the engine's error, linked to the field.
  await page.check('#appeal-decision-fewer_hours');
  await page.click('#appeal-submit');
  await expect(page.locator('#appeal-error-list a')).toHaveText([text(nb, 'error.GRANTED_HOURS_NEEDED')]);
  await page.locator('#appeal-error-list a').click();
  await expect(page.locator('#appeal-granted')).toBeFocused();
  // Granted as many hours as the map counts: no basis, said honestly, no draft.
  await page.fill('#appeal-granted', '30');
  await page.click('#appeal-submit');
  await expect(page.locator('#appeal-standing-APPEAL_HOURS_NOT_FEWER')).toBeVisible();
  await expect(page.locator('#appeal-result .letter-text')).toHaveCount(0);
  await expect(page.locator('#appeal-result')).toContainText(nb['report.appeal.no_draft']);
  await expectNoViolations(page, 'the complaint without a draft');
  finish(b);
});

test('the cost: the income question, the estimate with the year, and out of share links by default', async ({ page }) => {
  const b = await openPage(page);
  const c = await seedCase(page);
  // Household help may carry a charge: the income question shows.
  c.needs.push({ kind: 'household', days: ['mon', 'wed', 'fri'], start: '10:00', end: '12:00' });
  await page.evaluate((c) => window.bpaApp.setCase(c), c);
  await expect(page.locator('#fs-income_band')).toBeVisible();
  await expect(page.locator('#cost-h')).toHaveText(nb['report.cost']);
  await page.check('#f-income_band-under_2g');
  await expect.poll(() => page.evaluate(() => window.bpaApp.getCase().person.income_band)).toBe('under_2g');
  const cost = await page.evaluate(async () => window.bpaEngine.assess(window.bpaApp.getCase()).assessment.cost);
  expect(cost.income_band).toBe('under_2g');
  await expect(page.locator('#cost-estimate')).toContainText(String(cost.year));
  await expect(page.locator('#cost')).toContainText(text(nb, 'ui.cost.figures', { year: cost.year }));
  await expectNoViolations(page, 'the cost with the income answered');
  // A share link leaves the income out unless the person includes it.
  const opened = await page.evaluate(async () => {
    const { encode_link, decode_link } = window.bpaEngine;
    const c = window.bpaApp.getCase();
    return [decode_link(encode_link(c).link).case.person.income_band ?? null, decode_link(encode_link(c, true).link).case.person.income_band ?? null];
  });
  expect(opened).toStrictEqual([null, 'under_2g']);
  // On the page: the share panel's link has it only when the person ticks it.
  const incomeInLink = async () => {
    await page.click('#share-copy');
    const url = await page.locator('#share-link').inputValue();
    return page.evaluate(async (u) => {
      const { decode_link } = window.bpaEngine;
      return decode_link(u.slice(u.indexOf('#') + 1)).case.person.income_band ?? null;
    }, url);
  };
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  expect(await incomeInLink(), 'left out unless ticked').toBeNull();
  await page.check('#share-income');
  expect(await incomeInLink(), 'in the link once ticked').toBe('under_2g');
  finish(b);
});

test.describe('at 390 px with the text at 200 %', () => {
  test.use({ viewport: { width: 390, height: 800 } });

  test('the letter, the complaint and the cost reflow: nothing sticks out', async ({ page }) => {
    const b = await openPage(page);
    const c = await seedCase(page, 'nb', { help: 'Et ganske langt avsnitt med egne ord om hjelpen, for å se at teksten brytes.' });
    c.needs.push({ kind: 'household', days: ['mon'], start: '10:00', end: '12:00' });
    await page.evaluate((c) => window.bpaApp.setCase(c), c);
    await page.check('#appeal-decision-fewer_hours');
    await page.fill('#appeal-received', '2026-01-31');
    await page.fill('#appeal-granted', '10');
    await page.click('#appeal-submit');
    await expect(page.locator('#appeal-result .letter-text')).toBeVisible();
    await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
    // The other parts of the page are their own tests' (a11y.spec.mjs, at 640 px): here, these three.
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('#letter *, #appeal *, #cost *')]
        .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .map((e) => `${e.tagName}#${e.id} «${e.textContent.slice(0, 40)}»`),
    );
    expect(wide, 'nothing of the letter, the complaint or the cost sticks out').toStrictEqual([]);
    await expectNoViolations(page, 'fewer hours at 200 %');
    finish(b);
  });
});
