// The ways a draft was lost (issue: "losing their draft is the worst
// failure"), one test each, every one reproduced on the page before the
// engine owned drafts: a value out of range, a long non-ASCII ?kommune=, a
// link from an embedding page, a newer version's draft, storage that
// throws, storage that is full, a form emptied, and a stored case that is
// no object. Faults are injected with page.addInitScript overriding
// Storage.prototype methods; expected words come from the catalogues.
import { test, expect, guard, finish, serve, collectErrors, nb, text as catalogueText, expectNoViolations, shoot } from './support.mjs';

const text = (key, vars = {}) => catalogueText(nb, key, vars);
/** An engine error (a notice) in bokmål words, as errorText() writes it. */
const engineText = (code, values = {}) => text(`error.${code}`, values);

async function ready(page) {
  await page.waitForSelector('#app:not([hidden])');
  await page.waitForSelector('#save-h');
}

const getCase = (page) => page.evaluate(() => window.bpaApp.getCase());
/** Every key of a storage with its value. */
const stored = (page, which) =>
  page.evaluate((w) => {
    const s = window[w];
    const out = {};
    for (let i = 0; i < s.length; i++) out[s.key(i)] = s.getItem(s.key(i));
    return out;
  }, which);
/** This version's draft key, from the stored keys (`bpa-draft-v<N>`, N the engine's). */
const draftKey = (keys) =>
  Object.keys(keys)
    .filter((k) => /^bpa-draft-v\d+$/.test(k))
    .sort((a, b) => Number(a.slice(11)) - Number(b.slice(11)))[0]; // ours: a newer version's is higher
const draftCase = async (page, which = 'sessionStorage') => {
  const all = await stored(page, which);
  const k = draftKey(all);
  return k ? JSON.parse(all[k]).case : null;
};
const status = (page) => page.locator('#draft-status').innerText();

/** Waits for autosave (~300 ms after a change) to hold what `check` wants. */
async function savedWhere(page, check) {
  await expect.poll(async () => check(await draftCase(page)), { timeout: 5000 }).toBeTruthy();
}

test('1. a value out of range is saved as typed and opens again marked, never deleted', async ({ page }) => {
  const b = await guard(page);
  await page.goto('');
  await ready(page);
  await page.getByRole('button', { name: text('ui.template.morning_evening') }).click();
  const needs = (await getCase(page)).needs.length;
  expect(needs).toBeGreaterThan(0);
  await page.fill('#f-age', '200');
  await page.fill('#f-leisure', '1000');
  await savedWhere(page, (c) => c && c.person?.age === 200 && c.monthly?.[0]?.hours_per_month === 1000);
  await page.reload();
  await ready(page);
  const c = await getCase(page);
  expect(c.person.age, 'the age as typed').toBe(200);
  expect(c.needs.length, 'the template’s needs are all there').toBe(needs);
  expect(c.monthly[0].hours_per_month).toBe(1000);
  expect(await page.inputValue('#f-age')).toBe('200');
  expect(await status(page)).toContain(text('ui.draft.opened_with_errors'));
  // Marked in error at the field (errors.js), and still in storage.
  await expect(page.locator('#f-age')).toHaveAttribute('aria-invalid', 'true');
  expect((await draftCase(page)).person.age).toBe(200);
  finish(b);
});

test('2. a long non-ASCII ?kommune= is a setting of the page: the page works and the draft stays valid', async ({ page }) => {
  const b = await guard(page);
  const kommune = 'ø'.repeat(33); // 33 characters, 66 bytes: over the engine's 64
  await page.goto(`?kommune=${encodeURIComponent(kommune)}`);
  await ready(page);
  await page.fill('#f-age', '34');
  await page.getByRole('button', { name: text('ui.template.morning_evening') }).click();
  await savedWhere(page, (c) => c && c.person?.age === 34 && c.needs?.length > 0);
  const c = await draftCase(page);
  expect(c.settings?.municipality, 'not in the case').toBeUndefined();
  expect(await page.locator('#verdict-title').innerText(), 'the page answers').not.toBe('');
  await page.reload();
  await ready(page);
  expect((await getCase(page)).person.age, 'the kept draft opens').toBe(34);
  expect(await status(page)).not.toContain(text('ui.draft.opened_with_errors'));
  finish(b);
});

test('3. embedded: a foreign framer is ignored, and a named host’s link asks first and keeps the old draft', async ({ page, baseURL }) => {
  // The host pages are on other origins: no guard on requests here.
  const errors = collectErrors(page);
  const link = await (async () => {
    await page.goto('');
    await ready(page);
    return page.evaluate(async () => {
      const bpa = window.bpaEngine;
      return bpa.encode_link(bpa.example_case()).link;
    });
  })();
  const pages = {};
  const named = await serve(pages);
  const foreign = await serve(pages);
  const frameHtml = (src) => `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>K</title><link rel="icon" href="data:,"></head>
<body><main><h1>BPA</h1><iframe data-bpa-kalkulator src="${src}" title="BPA-kalkulator" height="700"></iframe>
<script src="${baseURL}embed.js" defer></script></main></body></html>`;
  const calcFrame = () => page.frames().find((f) => f.url().startsWith(`${baseURL}index.html`));
  const send = (l) => page.evaluate((x) => document.querySelector('iframe').contentWindow.postMessage({ bpa: 'host', type: 'link', link: x }, '*'), l);
  try {
    // Another origin frames the calculator, naming nobody: its link is ignored.
    pages['/foreign.html'] = { html: frameHtml(`${baseURL}index.html`) };
    await page.goto(`${foreign.origin}/foreign.html`);
    await page.waitForFunction(() => frames.length === 1);
    await calcFrame().waitForSelector('#app:not([hidden])');
    await calcFrame().fill('#f-age', '41');
    await calcFrame().waitForFunction(() => [...Array(sessionStorage.length).keys()].some((i) => /^bpa-draft-v\d+$/.test(sessionStorage.key(i)) && sessionStorage.getItem(sessionStorage.key(i)).includes('"age":41')));
    await send(link);
    await page.waitForTimeout(800);
    expect((await calcFrame().evaluate(() => window.bpaApp.getCase())).person.age, 'a foreign framer’s link changes nothing').toBe(41);
    expect(await calcFrame().evaluate(() => window.bpaApp.getCase().needs.length)).toBe(0);

    // A host that names itself (?host=): its link asks before it replaces the draft.
    pages['/host.html'] = { html: frameHtml(`${baseURL}index.html?host=${encodeURIComponent(named.origin)}`) };
    await page.goto(`${named.origin}/host.html`);
    await page.waitForFunction(() => frames.length === 1);
    await calcFrame().waitForSelector('#app:not([hidden])');
    await calcFrame().fill('#f-age', '52');
    await calcFrame().waitForFunction(() => [...Array(sessionStorage.length).keys()].some((i) => sessionStorage.getItem(sessionStorage.key(i)).includes('"age":52')));
    await send(link);
    const f = calcFrame();
    await f.waitForSelector('#share-notice:not([hidden])');
    expect(await f.locator('#share-notice').innerText()).toContain(text('ui.share.ask'));
    expect((await f.evaluate(() => window.bpaApp.getCase())).person.age, 'nothing replaced before the person chooses').toBe(52);
    await f.getByRole('button', { name: text('ui.share.use_link') }).click();
    await f.waitForFunction(() => window.bpaApp.getCase().needs.length > 0);
    // The old draft is kept in storage, to go back to.
    const previous = await f.evaluate(() => {
      for (let i = 0; i < sessionStorage.length; i++) if (/^bpa-draft-previous-v\d+$/.test(sessionStorage.key(i))) return JSON.parse(sessionStorage.getItem(sessionStorage.key(i))).case;
      return null;
    });
    expect(previous?.person?.age, 'the old draft is recoverable').toBe(52);
    await f.locator('#share-notice').getByRole('button', { name: text('ui.draft.go_back') }).click();
    await f.waitForFunction(() => window.bpaApp.getCase().person.age === 52);
  } finally {
    await named.close();
    await foreign.close();
  }
  expect(errors).toStrictEqual([]);
});

test('4. a draft from a newer version stays for that version, and the page says so', async ({ page }) => {
  const b = await guard(page);
  await page.goto('');
  await ready(page);
  // This version's key, with a newer version's envelope in it.
  await page.fill('#f-age', '30');
  await savedWhere(page, (c) => c?.person?.age === 30);
  const ours = draftKey(await stored(page, 'sessionStorage'));
  const version = Number(ours.match(/\d+$/)[0]);
  const newer = JSON.stringify({ format: 'bpa-draft', version: version + 1, saved: new Date().toISOString(), case: { version: 99, person: { age: 77 } } });
  await page.evaluate(([k, v]) => sessionStorage.setItem(k, v), [ours, newer]);
  await page.reload();
  await ready(page);
  expect(await status(page)).toContain(engineText('DRAFT_NEWER_KEPT'));
  // Keystrokes save this version's draft; the newer one is untouched, under its own key.
  await page.fill('#f-age', '31');
  await savedWhere(page, (c) => c?.person?.age === 31);
  await page.fill('#f-age', '32');
  await savedWhere(page, (c) => c?.person?.age === 32);
  const all = await stored(page, 'sessionStorage');
  expect(all[`bpa-draft-v${version + 1}`], 'the newer draft, as it was, under its own key').toBe(newer);
  finish(b);
});

test('5. storage that throws: said once, nothing deleted, and "delete" says only what was done', async ({ page, newContext }) => {
  // (a) Reading throws, once: the page says it once, deletes nothing; the next load opens the draft.
  const b = await guard(page);
  await page.goto('');
  await ready(page);
  await page.fill('#f-age', '45');
  await savedWhere(page, (c) => c?.person?.age === 45);
  await page.evaluate(() => sessionStorage.setItem('bpa-test-fail-reads', '1'));
  await page.addInitScript(() => {
    const get = Storage.prototype.getItem;
    Storage.prototype.getItem = function (k) {
      if (get.call(sessionStorage, 'bpa-test-fail-reads') === '1' && k !== 'bpa-test-fail-reads') throw new DOMException('a passing fault', 'UnknownError');
      return get.call(this, k);
    };
  });
  await page.reload();
  await ready(page);
  const said = await status(page);
  expect(said).toContain(engineText('DRAFT_READ_FAILED'));
  expect(said.split(engineText('DRAFT_READ_FAILED')).length - 1, 'said once').toBe(1);
  expect(said).not.toContain(text('ui.draft.problem.unreadable'));
  await page.evaluate(() => sessionStorage.removeItem('bpa-test-fail-reads'));
  await page.reload();
  await ready(page);
  expect((await getCase(page)).person.age, 'the draft was never deleted').toBe(45);
  finish(b);

  // (b) Storage.key() throws: "delete everything" does not say it is all gone.
  const context = await newContext();
  const p2 = await context.newPage();
  const b2 = await guard(p2);
  await p2.goto('');
  await ready(p2);
  await p2.locator('#draft-keep').check();
  await p2.fill('#f-age', '46');
  await expect.poll(async () => draftKey(await stored(p2, 'localStorage')) !== undefined).toBeTruthy();
  await savedWhere(p2, (c) => c?.person?.age === 46);
  await p2.evaluate(() => {
    Storage.prototype.key = () => {
      throw new DOMException('key is broken', 'UnknownError');
    };
  });
  await p2.click('#delete-button');
  await p2.click('#delete-yes');
  const msg = await p2.locator('#draft-msg').innerText();
  expect(msg).not.toContain(text('ui.draft.deleted'));
  expect(msg).toContain(engineText('DRAFT_CLEAR_FAILED').split('{')[0].slice(0, 20));
  finish(b2);

  // (c) "Slett mine opplysninger" on ?kommune=oslo leaves no new draft behind.
  const p3 = await (await newContext()).newPage();
  const b3 = await guard(p3);
  await p3.goto('?kommune=oslo');
  await ready(p3);
  await p3.fill('#f-age', '47');
  await savedWhere(p3, (c) => c?.person?.age === 47);
  await p3.click('#delete-button');
  await p3.click('#delete-yes');
  expect(await p3.locator('#draft-msg').innerText()).toBe(text('ui.draft.deleted'));
  await p3.waitForTimeout(800);
  expect(await stored(p3, 'sessionStorage'), 'no draft holding only the municipality').toStrictEqual({});
  expect(await stored(p3, 'localStorage')).toStrictEqual({});
  finish(b3);
});

test('6. storage full: the page says the draft is only in this tab, deletes nothing, and saves again when there is room', async ({ page }) => {
  const b = await guard(page);
  // setItem throws QuotaExceededError on our keys while the page says so.
  await page.addInitScript(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (window.__storageFull && k.startsWith('bpa-draft')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return set.call(this, k, v);
    };
  });
  await page.goto('');
  await ready(page);
  await page.getByRole('button', { name: text('ui.template.morning_evening') }).click();
  await page.fill('#f-age', '34');
  await savedWhere(page, (c) => c?.person?.age === 34 && c.needs.length > 0);
  const before = await stored(page, 'sessionStorage');

  await page.evaluate(() => (window.__storageFull = true));
  await page.fill('#f-age', '35');
  const full = engineText('DRAFT_STORAGE_FULL');
  await expect.poll(() => status(page)).toContain(full);
  const said = await status(page);
  expect(said.split(full).length - 1, 'said once').toBe(1);
  expect(said, 'it does not say the draft is being saved').not.toContain(text('ui.draft.saved_tab'));
  await expectNoViolations(page, 'storage full');
  expect(await stored(page, 'sessionStorage'), 'nothing stored is deleted or changed').toStrictEqual(before);
  expect(await page.inputValue('#f-age'), 'what was typed stays').toBe('35');
  expect((await getCase(page)).person.age).toBe(35);

  // Room again: the next change saves, and the message goes.
  await page.evaluate(() => (window.__storageFull = false));
  await page.fill('#f-age', '36');
  await savedWhere(page, (c) => c?.person?.age === 36);
  await expect.poll(() => status(page)).not.toContain(full);
  expect(await status(page)).toContain(text('ui.draft.saved_tab'));
  finish(b);
});

test('7. emptying the form keeps the week: after a reload it is offered back, and «Slett mine opplysninger» clears it too', async ({ page }) => {
  const b = await guard(page);
  await page.goto('');
  await ready(page);
  await page.getByRole('button', { name: text('ui.template.through_day') }).click();
  await page.fill('#f-age', '34');
  const week = (await getCase(page)).needs;
  expect(week.length).toBeGreaterThan(2);
  await savedWhere(page, (c) => c?.person?.age === 34 && c.needs.length === week.length);
  // Emptied as a person does it, one thing at a time, each saved before the next.
  for (let left = week.length; left > 0; left--) {
    await page.locator('#need-list .need-actions').first().getByRole('button', { name: new RegExp(text('ui.need.delete')) }).click();
    await savedWhere(page, (c) => c && c.needs.length === left - 1);
  }
  await page.fill('#f-age', '');
  const offer = page.locator('#emptied-offer');
  await expect(offer).toContainText(text('ui.needs.emptied', { count: week.length }));
  await page.waitForTimeout(800);
  expect(await draftCase(page), 'the empty form is what opens again').toBeNull();

  await page.reload();
  await ready(page);
  expect((await getCase(page)).needs, 'the page opens as it was left').toStrictEqual([]);
  await expect(offer).toBeVisible();
  await expectNoViolations(page, 'the week offered back');
  await offer.scrollIntoViewIfNeeded();
  await shoot(page, 'draft-emptied-offer');
  await page.getByRole('button', { name: text('ui.needs.take_back') }).click();
  const back = await getCase(page);
  expect(back.needs, 'the week, as it was').toStrictEqual(week);
  expect(back.person.age).toBe(34);
  await expect(offer).toHaveCount(0);
  expect(await page.evaluate(() => document.activeElement?.closest('.need')?.id), 'focus on the first need put back').toBe('need-0');
  await savedWhere(page, (c) => c?.needs.length === week.length);
  const keys = Object.keys(await stored(page, 'sessionStorage'));
  expect(keys.some((k) => /^bpa-draft-emptied-v\d+$/.test(k)), 'taken back, it is the draft, not kept twice').toBe(false);

  // Emptied again, then «Slett mine opplysninger»: nothing of it is left anywhere.
  for (let left = week.length; left > 0; left--) {
    await page.locator('#need-list .need-actions').first().getByRole('button', { name: new RegExp(text('ui.need.delete')) }).click();
    await savedWhere(page, (c) => c && c.needs.length === left - 1);
  }
  await expect(offer).toBeVisible();
  await page.click('#delete-button');
  await page.click('#delete-yes');
  expect(await page.locator('#draft-msg').innerText()).toBe(text('ui.draft.deleted'));
  await expect(offer).toHaveCount(0);
  await page.waitForTimeout(800);
  expect(await stored(page, 'sessionStorage'), 'cleared, and checked').toStrictEqual({});
  expect(await stored(page, 'localStorage')).toStrictEqual({});
  await page.reload();
  await ready(page);
  await expect(offer).toHaveCount(0);
  finish(b);
});

test('8. a stored draft whose case is no object is set aside under its own key, said once, and never written over', async ({ page }) => {
  const b = await guard(page);
  await page.goto('');
  await ready(page);
  await page.fill('#f-age', '30');
  await savedWhere(page, (c) => c?.person?.age === 30);
  const ours = draftKey(await stored(page, 'sessionStorage'));
  const version = Number(ours.match(/\d+$/)[0]);
  // The value is put in as the next page starts, before its scripts: the
  // page going away saves its draft as it goes (pagehide), which would
  // otherwise write over a value put in while it is open.
  await page.addInitScript(() => {
    const v = sessionStorage.getItem('test-put');
    if (v === null) return;
    const [k, value] = JSON.parse(v);
    sessionStorage.clear();
    sessionStorage.setItem(k, value);
  });
  for (const odd of [5, [1, 2, 3]]) {
    const value = JSON.stringify({ format: 'bpa-draft', version, saved: new Date().toISOString(), case: odd });
    await page.evaluate((kv) => sessionStorage.setItem('test-put', JSON.stringify(kv)), [ours, value]);
    await page.reload();
    await ready(page);
    // (The notice comes with the page's first draw of the draft status.)
    await expect.poll(async () => (await status(page)).split(engineText('DRAFT_SET_ASIDE')).length - 1, { message: 'said once' }).toBe(1);
    // Keystrokes save a new draft; the value stays as it was, under its own key.
    await page.fill('#f-age', '31');
    await savedWhere(page, (c) => c?.person?.age === 31);
    await page.fill('#f-age', '32');
    await savedWhere(page, (c) => c?.person?.age === 32);
    const all = await stored(page, 'sessionStorage');
    const aside = Object.keys(all).filter((k) => /^bpa-draft-set-aside-\d+$/.test(k));
    expect(aside.length, JSON.stringify(all)).toBe(1);
    expect(all[aside[0]], 'as it was').toBe(value);
    await page.reload();
    await ready(page);
    expect(await status(page), 'said once: not again on the next visit').not.toContain(engineText('DRAFT_SET_ASIDE'));
    expect((await getCase(page)).person.age).toBe(32);
  }
  finish(b);
});

test('9. a large map: a reload right after a keystroke keeps it, though the page draws it in steps', async ({ page }) => {
  const b = await guard(page);
  await page.goto('');
  await ready(page);
  const count = await page.evaluate(async () => {
    const c = window.bpaEngine.example_case();
    c.needs = Array.from({ length: 200 }, (_, i) => ({ ...c.needs[i % c.needs.length], label: `Behov ${i + 1}` }));
    window.bpaApp.setCase(c);
    return c.needs.length;
  });
  await savedWhere(page, (c) => c?.needs.length === count);
  // The key and the reload at once: no time for the steps after the frame, nor for the save's 300 ms.
  await page.locator('#f-age').fill('58');
  await page.reload();
  await ready(page);
  const c = await getCase(page);
  expect(c.person.age, 'the last keystroke was saved').toBe(58);
  expect(c.needs.length).toBe(count);
  finish(b);
});
