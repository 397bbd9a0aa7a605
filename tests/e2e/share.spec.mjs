// End-to-end tests of share links, drafts and files in Debian's Chromium:
// a link opens the same case in another browser; drafts live in this tab
// unless the person opts in, and "Slett mine opplysninger" leaves both
// storages empty; a damaged or hostile link, a bad file or garbage in
// storage changes nothing and says so; what comes from a link is only text.
//
// Expected words come from the catalogue (www/i18n/nb.json) or from the
// engine itself (its own message for the same bad link), never written
// here. Links are made by the page's engine (encode_link), as a person's
// "Kopier lenken" makes them. "A fresh browser" is a new browser context:
// an empty profile that shares nothing with the one before.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  test,
  expect,
  axeScan,
  describeViolations,
  blockExternal,
  collectErrors,
  guard,
  finish,
  exampleCase,
  nb,
  LANGS,
  here,
  text as catalogueText,
} from './support.mjs';

const { en } = LANGS;
const golden = (name) => readFile(join(here, '../links', `${name}.json`), 'utf8').then(JSON.parse);

/** A bokmål catalogue text with `{name}` filled in, as the page writes it. */
const text = (key, vars = {}) => catalogueText(nb, key, vars);

/** Waits until the page and its share part have started. */
async function ready(page) {
  await page.waitForSelector('#app:not([hidden])');
  await page.waitForSelector('#save-h');
}

/** Opens `url` (relative to the base URL, or whole) in a fresh browser context, with the guards. */
async function openFresh(newContext, url = '', options = {}) {
  const page = await (await newContext(options)).newPage();
  const b = await guard(page);
  await page.goto(url);
  await ready(page);
  return b;
}

/**
 * Starts Chromium on a profile folder that outlives it, to see what the
 * browser keeps after it is closed (localStorage) and what it does not
 * (sessionStorage). Close with `close()`; the folder is the caller's.
 */
async function openProfile(browserType, profile, { baseURL, locale, viewport }) {
  // The config's launch options (Debian's Chromium, its flags) apply here too.
  const context = await browserType.launchPersistentContext(profile, { baseURL, locale, viewport });
  const page = context.pages()[0] ?? (await context.newPage());
  const b = await guard(page);
  await page.goto('');
  await ready(page);
  return { ...b, close: () => context.close() };
}

async function noViolations(page, state) {
  const v = await axeScan(page);
  expect(v, `${state}:\n${describeViolations(v)}`).toStrictEqual([]);
}

/** A link's layout, `v3.` (the engine's LINK_VERSION; the number is its business). */
const linkLayout = /^v(\d+)\./;

const getCase = (page) => page.evaluate(() => window.bpaApp.getCase());
const setCase = (page, c) => page.evaluate((x) => window.bpaApp.setCase(x), c);
/** The share link the engine makes for a case: the text after `#`. */
const linkFor = (page, c) =>
  page.evaluate(async (x) => {
    const reply = window.bpaEngine.encode_link(x);
    if (!reply.ok) throw new Error(JSON.stringify(reply.errors));
    return reply.link;
  }, c);
/** The engine's error for a bad link in bokmål words: its catalogue text. */
const linkError = async (page, link) => {
  const e = await page.evaluate(async (x) => window.bpaEngine.decode_link(x).errors[0], link);
  expect(e.message_nb, 'the WebAssembly sends no words, only the code and values').toBe(undefined);
  return text(`error.${e.code}`, e.values);
};

/** The same case, whatever empty parts are written out (as share.js compares). */
function canonical(v) {
  if (Array.isArray(v)) return v.map(canonical);
  if (!v || typeof v !== 'object') return v;
  const out = {};
  for (const k of Object.keys(v).sort()) {
    const c = canonical(v[k]);
    if (!(c === undefined || c === null || (typeof c === 'object' && !Object.keys(c).length))) out[k] = c;
  }
  return out;
}
const assertSameCase = (a, b, message) => expect(canonical(a), message).toStrictEqual(canonical(b));

/** The engine's keys for this draft version (src/draft/mod.rs DRAFT_VERSION; README "Drafts"). */
const DRAFT_KEY = 'bpa-draft-v3';
const PREVIOUS_KEY = 'bpa-draft-previous-v3';

/** Our keys in a storage, with their values. */
const stored = (page, which) =>
  page.evaluate((w) => {
    const s = window[w];
    const out = {};
    for (let i = 0; i < s.length; i++) out[s.key(i)] = s.getItem(s.key(i));
    return out;
  }, which);

/** Waits until this tab's draft holds `needs` needs (autosave is ~300 ms after a change). */
async function draftSaved(page, needs) {
  await page.waitForFunction((n) => {
    // The engine's draft key for this version (bpa-draft-v<N>; a newer version's is higher).
    const keys = [...Array(sessionStorage.length).keys()].map((i) => sessionStorage.key(i)).filter((k) => /^bpa-draft-v\d+$/.test(k));
    const k = keys.sort((a, b) => Number(a.slice(11)) - Number(b.slice(11)))[0];
    const raw = k ? sessionStorage.getItem(k) : null;
    return raw !== null && JSON.parse(raw).case.needs?.length === n;
  }, needs);
}

const verdictTitle = (page) => page.locator('#verdict-title').innerText();
const counted = (page) => page.locator('.big-number').innerText();
const notice = (page) => page.locator('#share-notice').innerText();
/** Which needs have an arc on the clock's day (Monday unless a tab was chosen). */
const arcs = (page) => page.locator('svg.clock path.arc').evaluateAll((els) => els.map((e) => Number(e.dataset.need)).sort((a, b) => a - b));

/** Adds one need with the page's own form (a change a person makes). */
async function addNeed(page, { start, end, label }) {
  await page.fill('#nf-start', start);
  await page.fill('#nf-end', end);
  await page.fill('#nf-label', label);
  await page.click('#nf-submit');
}

/** Opens a link in this tab as a new page load (sessionStorage stays: same tab). */
async function loadLink(page, link) {
  await page.goto('about:blank');
  await page.goto(`#${link}`);
  await ready(page);
}

test('a copied link opens the same clock and verdict in a fresh browser, says it is pre-filled, and leaves the address', async ({ newContext, baseURL }) => {
  const a = await openFresh(newContext);
  let url;
  let before;
  await test.step('copy the link', async () => {
    const { page } = a;
    await a.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const c = await exampleCase(page);
    c.needs.push({ kind: 'household', days: ['mon', 'thu'], start: '10:00', end: '11:30', label: 'Handle og vaske' });
    await setCase(page, c);
    await addNeed(page, { start: '15:00', end: '16:00', label: 'Tur i parken' });
    // The warning sits beside the share actions, and the buttons point to it.
    expect(await page.locator('#share-warning').innerText()).toBe(text('ui.share.warning'));
    expect(await page.getAttribute('#share-copy', 'aria-describedby')).toBe('share-warning');
    expect(await page.locator('#file-warning').innerText()).toBe(text('ui.file.warning'));

    await page.click('#share-copy');
    await page.waitForFunction(() => document.getElementById('share-msg').textContent !== '');
    url = await page.inputValue('#share-link');
    expect(url.startsWith(`${baseURL}#`) && linkLayout.test(url.slice(baseURL.length + 1)), `the case is in the fragment: ${url}`).toBeTruthy();
    expect(!url.includes('?'), 'nothing in the query string').toBeTruthy();
    expect(await page.locator('#share-msg').innerText()).toBe(text('ui.share.copied'));
    expect(await page.evaluate(() => navigator.clipboard.readText()), 'the clipboard holds the link').toBe(url);
    console.log(`link for the example week + 2 needs: ${url.length - baseURL.length - 1} characters after #`);

    // The e-mail: two lines (verdict, counted hours), then the link.
    await page.focus('#share-email');
    const href = await page.getAttribute('#share-email', 'href');
    const body = new URL(href).searchParams.get('body').split('\r\n');
    expect(body[0]).toBe(await verdictTitle(page));
    const hours = await page.evaluate(async () => window.bpaEngine.assess(window.bpaApp.getCase()).assessment.hours.counted);
    const nbHours = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 2 }).format(hours);
    expect(body[1]).toBe(text('ui.share.email_hours', { hours: nbHours }));
    expect(body.includes(url), 'the e-mail holds the link').toBeTruthy();
    expect(body.includes(text('ui.share.warning')), 'and says who sees what').toBeTruthy();
    expect(new URL(href).searchParams.get('subject')).toBe(text('ui.share.email_subject'));

    before = { case: await getCase(page), verdict: await verdictTitle(page), counted: await counted(page), arcs: await arcs(page) };
    await noViolations(page, 'after copying the link');
    finish(a);
  });

  const b = await openFresh(newContext, url);
  await test.step('open it in a fresh browser', async () => {
    const { page } = b;
    expect(await notice(page)).toBe(text('ui.share.prefilled'));
    assertSameCase(await getCase(page), before.case, 'the same case');
    expect(await verdictTitle(page)).toBe(before.verdict);
    expect(await counted(page)).toBe(before.counted);
    expect(await arcs(page), 'the same arcs on the clock').toStrictEqual(before.arcs);
    expect(await page.evaluate(() => location.hash), 'the link is gone from the address').toBe('');
    expect(page.url()).toBe(baseURL);
    expect(await page.evaluate(() => document.activeElement.closest('#share-notice') !== null), 'the notice has the focus').toBe(true);
    // It is this tab's draft now: a reload keeps it.
    await draftSaved(page, before.case.needs.length);
    await page.reload();
    await ready(page);
    assertSameCase(await getCase(page), before.case, 'kept over a reload');
    await noViolations(page, 'opened from a link');
    finish(b);
  });
});

// The ceilings sit just over today's figures (seed week 369, 20 needs
// without labels 681, 20 labelled 985 characters), so a link that grows
// fails here. They are far above the bit-packed v2 layout's (57, 197): v3
// links are the case as serde JSON, deflated, the price accepted for one
// model that serde reads and writes everywhere (no hand-written codec to
// keep in step with the case format).
const LINK_CEILINGS = { seed: 375, bare: 700, labelled: 1000 };

test('link lengths: the seed’s example week and a week of 20 needs stay under their ceilings', async ({ newContext }) => {
  const b = await openFresh(newContext);
  const seed = await linkFor(b.page, await exampleCase(b.page));
  const twenty = await linkFor(b.page, (await golden('week_20_needs')).case);
  const bare = await linkFor(b.page, (await golden('week_20_needs_without_labels')).case);
  console.log(`characters after #: seed week ${seed.length}; 20 needs, all labelled ${twenty.length}; 20 needs without labels ${bare.length}`);
  expect(seed.length, `seed week ${seed.length}`).toBeLessThan(LINK_CEILINGS.seed);
  expect(bare.length, `20 needs without labels ${bare.length}`).toBeLessThan(LINK_CEILINGS.bare);
  // Labels are the person's own words and cost what they cost; the page
  // still makes the link, and the address stays within what mail handles.
  expect(twenty.length, `20 labelled needs ${twenty.length}`).toBeLessThan(LINK_CEILINGS.labelled);
  finish(b);
});

test('drafts: a reload keeps it, a new browser has none, opt-in keeps it there, and deleting leaves both storages empty', async ({ playwright, baseURL, locale, viewport }) => {
  const profile = await mkdtemp(join(tmpdir(), 'bpa-e2e-drafts-'));
  const options = { baseURL, locale, viewport };
  try {
    // 1. Filled in, reloaded: still there, in this tab only.
    let opened = await openProfile(playwright.chromium, profile, options);
    try {
      const { page } = opened;
      expect(await page.locator('#draft-where').innerText()).toBe(text('ui.draft.saved_tab'));
      await addNeed(page, { start: '07:00', end: '08:30', label: 'Morgenstell' });
      await addNeed(page, { start: '20:00', end: '21:00', label: 'Kveld' });
      await page.reload();
      await ready(page);
      const c = await getCase(page);
      expect(c.needs.map((n) => n.label), 'the reload kept the draft').toStrictEqual(['Morgenstell', 'Kveld']);
      expect(Object.keys(await stored(page, 'sessionStorage'))).toStrictEqual([DRAFT_KEY]);
      expect(await stored(page, 'localStorage'), 'nothing on the device without opt-in').toStrictEqual({});
      // The language is part of the draft.
      await page.locator('#languages button[lang="nn"]').click();
      await page.waitForFunction((k) => JSON.parse(sessionStorage.getItem(k)).case.settings.lang === 'nn', DRAFT_KEY);
      await page.reload();
      await ready(page);
      await page.waitForFunction(() => document.documentElement.lang === 'nn');
      await page.locator('#languages button[lang="nb"]').click();
      await page.waitForFunction(() => document.documentElement.lang === 'nb');
      finish(opened);
    } finally {
      await opened.close();
    }

    // 2. The browser closed and opened again: no draft without the opt-in.
    opened = await openProfile(playwright.chromium, profile, options);
    try {
      const { page } = opened;
      expect((await getCase(page)).needs, 'no draft after the browser was closed').toStrictEqual([]);
      expect(await stored(page, 'localStorage')).toStrictEqual({});
      // Now with the opt-in.
      await addNeed(page, { start: '12:00', end: '13:00', label: 'Lunsj' });
      await page.check('#draft-keep');
      expect(await page.locator('#draft-where').innerText()).toBe(text('ui.draft.saved_device', { days: 30 }));
      const local = await stored(page, 'localStorage');
      const kept = JSON.parse(local[DRAFT_KEY]);
      expect(kept.case.needs[0].label).toBe('Lunsj');
      const days = (Date.parse(kept.expires) - Date.now()) / 86_400_000;
      expect(days > 29.9 && days <= 30, `expires in 30 days (${days})`).toBeTruthy();
      await noViolations(page, 'draft kept on the device');
      finish(opened);
    } finally {
      await opened.close();
    }

    // 3. Opened again: the draft is there, and the box still ticked.
    opened = await openProfile(playwright.chromium, profile, options);
    try {
      const { page } = opened;
      expect((await getCase(page)).needs.map((n) => n.label), 'the opt-in kept the draft').toStrictEqual(['Lunsj']);
      expect(await page.isChecked('#draft-keep')).toBe(true);

      // Deleting asks first, inline; "Nei" changes nothing.
      await page.click('#delete-button');
      expect(await page.isVisible('#delete-confirm')).toBe(true);
      expect(await page.evaluate(() => document.activeElement.id), 'the question has the focus').toBe('delete-confirm');
      expect(await page.getAttribute('#delete-confirm', 'role')).toBe('group');
      expect(await page.locator('#delete-q').innerText()).toBe(text('ui.draft.delete_confirm'));
      await noViolations(page, 'asked before deleting');
      await page.click('#delete-no');
      expect(await page.isVisible('#delete-confirm')).toBe(false);
      expect(await page.evaluate(() => document.activeElement.id)).toBe('delete-button');
      expect((await getCase(page)).needs.length, 'nothing deleted').toBe(1);

      await page.click('#delete-button');
      await page.click('#delete-yes');
      expect(await stored(page, 'sessionStorage'), 'sessionStorage is empty').toStrictEqual({});
      expect(await stored(page, 'localStorage'), 'localStorage is empty').toStrictEqual({});
      expect((await getCase(page)).needs, 'the page is empty').toStrictEqual([]);
      expect(await page.isChecked('#draft-keep')).toBe(false);
      expect(await page.locator('#draft-msg').innerText()).toBe(text('ui.draft.deleted'));
      // Autosave does not put it back.
      await page.waitForTimeout(600);
      expect(await stored(page, 'sessionStorage')).toStrictEqual({});
      expect(await stored(page, 'localStorage')).toStrictEqual({});
      await page.reload();
      await ready(page);
      expect((await getCase(page)).needs).toStrictEqual([]);
      finish(opened);
    } finally {
      await opened.close();
    }
    opened = await openProfile(playwright.chromium, profile, options);
    try {
      expect((await getCase(opened.page)).needs, 'nothing after the browser was opened again').toStrictEqual([]);
      expect(await stored(opened.page, 'localStorage')).toStrictEqual({});
      finish(opened);
    } finally {
      await opened.close();
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});

test('a damaged link or one from a newer version says what is wrong and leaves the draft alone', async ({ newContext }) => {
  const b = await openFresh(newContext);
  const { page } = b;
  const draft = await exampleCase(page);
  await setCase(page, draft);
  await draftSaved(page, 4);
  const other = structuredClone(draft);
  other.needs = other.needs.slice(0, 2);
  const good = await linkFor(page, other);

  // One character changed in the middle, the end cut off, a newer layout.
  const mid = Math.floor(good.length / 2);
  const flipped = good.slice(0, mid) + (good[mid] === 'A' ? 'B' : 'A') + good.slice(mid + 1);
  const cut = good.slice(0, -7);
  // The layout after the one the engine writes now.
  const newer = good.replace(linkLayout, (_, n) => `v${Number(n) + 1}.`);
  for (const [name, bad] of [['flipped', flipped], ['truncated', cut], ['newer', newer]]) {
    await loadLink(page, bad);
    const said = await notice(page);
    const expected = await linkError(page, bad);
    expect(said.includes(expected), `${name}: the engine's sentence is shown: ${said}`).toBeTruthy();
    expect(said.includes(text('ui.draft.unchanged')), `${name}: says the draft is unchanged`).toBeTruthy();
    assertSameCase(await getCase(page), draft, `${name}: the draft is untouched`);
    expect(JSON.parse((await stored(page, 'sessionStorage'))[DRAFT_KEY]).case.needs.length, `${name}: and so is the stored draft`).toBe(4);
    expect(await page.evaluate(() => location.hash), `${name}: the address is cleaned`).toBe('');
  }
  expect(await notice(page), 'the newer link says so').toMatch(/laget med en nyere versjon/);
  await noViolations(page, 'a bad link');

  // A link pasted into the address bar of the open page is read too.
  await page.evaluate((l) => {
    location.hash = l;
  }, flipped);
  await page.waitForFunction(() => location.hash === '');
  expect((await notice(page)).includes(await linkError(page, flipped))).toBeTruthy();
  assertSameCase(await getCase(page), draft);
  // A case with errors makes no link (it would not open again), and says why.
  const wrong = structuredClone(draft);
  wrong.person.age = 200;
  await setCase(page, wrong);
  await page.click('#share-copy');
  const refused = await page.locator('#share-msg').innerText();
  expect(refused.startsWith(text('ui.share.cannot', { message: '' }).trim()), refused).toBeTruthy();
  expect(await page.isVisible('#share-link'), 'no link shown').toBe(false);
  await page.click('#share-email');
  expect((await page.locator('#share-msg').innerText()).startsWith(text('ui.share.cannot', { message: '' }).trim()), 'nor an e-mail').toBeTruthy();
  await setCase(page, draft);

  // The skip link's #main is not a link.
  await page.evaluate(() => {
    location.hash = 'main';
  });
  await page.waitForTimeout(100);
  expect((await notice(page)).includes(await linkError(page, flipped)), 'the last notice stays').toBeTruthy();
  finish(b);
});

test('HTML in a label from a link is shown as text and never runs', async ({ newContext }) => {
  let link;
  let payloads;
  const a = await openFresh(newContext);
  await test.step('make a link with HTML in its labels', async () => {
    payloads = ['<img src=x onerror=window.__x=1>', '</script><script>window.__x=2</script>', '"><svg onload=window.__x=3>'];
    const c = { version: 1, needs: payloads.map((label, i) => ({ kind: 'personal', days: ['mon'], start: `0${i + 6}:00`, end: `0${i + 7}:00`, label })) };
    link = await linkFor(a.page, c);
    finish(a);
  });
  const b = await openFresh(newContext, `#${link}`);
  await test.step('open it in a fresh browser', async () => {
    const { page } = b;
    expect(await notice(page)).toBe(text('ui.share.prefilled'));
    const names = await page.locator('#need-list .need-name').allInnerTexts();
    for (const [i, p] of payloads.entries()) expect(names[i].includes(p), `shown as text: ${names[i]}`).toBeTruthy();
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => window.__x), 'nothing ran').toBe(undefined);
    expect(await page.locator('#app img, #app script, [onerror], [onload]').count(), 'no element was made from the labels').toBe(0);
    const desc = await page.locator('svg.clock desc').textContent();
    expect(desc.includes(payloads[0]), 'the clock’s text alternative holds it as text').toBeTruthy();
    finish(b);
  });
});

test('a link over another draft asks first; the old draft can be had back; older rules and the language travel', async ({ newContext }) => {
  const b = await openFresh(newContext);
  await test.step('a link over a draft', async () => {
    const { page } = b;
    const draft = await exampleCase(page);
    await setCase(page, draft);
    await draftSaved(page, 4);
    const other = { version: 1, person: { age: 30 }, needs: [{ kind: 'personal', days: ['tue'], start: '09:00', end: '10:00', label: 'Fra lenken' }], settings: { lang: 'en' } };
    const link = await linkFor(page, other);

    // Asked: the page still shows the draft, in an inline question.
    await loadLink(page, link);
    expect((await notice(page)).includes(text('ui.share.ask'))).toBeTruthy();
    assertSameCase(await getCase(page), draft, 'the draft is shown while asking');
    expect(await page.getAttribute('#share-notice .ds-alert', 'role')).toBe('group');
    await noViolations(page, 'asked before replacing a draft');
    await page.click(`#share-notice button:has-text("${text('ui.share.keep_draft')}")`);
    expect(await notice(page)).toBe(text('ui.share.kept_draft'));
    assertSameCase(await getCase(page), draft, 'kept');
    // A link an embedding host passes on is asked about the same way.
    await page.evaluate((l) => window.bpaApp.openLink(l), link);
    expect((await notice(page)).includes(text('ui.share.ask'))).toBeTruthy();
    assertSameCase(await getCase(page), draft);

    // Asked again, and this time the link: the page switches to its language.
    await loadLink(page, link);
    await page.click(`#share-notice button:has-text("${text('ui.share.use_link')}")`);
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assertSameCase(await getCase(page), other, 'the link’s case');
    expect((await notice(page)).includes(en['ui.share.prefilled']), 'said in the link’s language').toBeTruthy();
    expect(Object.keys(await stored(page, 'sessionStorage')).includes(PREVIOUS_KEY), 'the old draft is kept').toBeTruthy();
    await noViolations(page, 'opened from a link, in English');

    // Kept over a reload too, and one button takes it back.
    await page.reload();
    await ready(page);
    assertSameCase(await getCase(page), other);
    await page.click(`#draft-previous button`);
    assertSameCase(await getCase(page), { ...draft, settings: {} }, 'the old draft is back');
    expect((await notice(page)).includes(text('ui.draft.went_back'))).toBeTruthy();
    expect(!Object.keys(await stored(page, 'sessionStorage')).includes(PREVIOUS_KEY)).toBeTruthy();
    finish(b);
  });

  // A link made under older rules opens under today's, and says so.
  const older = await golden('made_under_older_rules');
  const c = await openFresh(newContext, `#${older.link}`);
  await test.step('a link made under older rules', async () => {
    const said = await notice(c.page);
    expect(said.includes(text('ui.share.prefilled'))).toBeTruthy();
    expect(said.includes(text('ui.share.rules_changed'))).toBeTruthy();
    assertSameCase(await getCase(c.page), older.case);
    finish(c);
  });
});

test('garbage, a newer version’s draft, or no storage at all: the page works and says so', async ({ newContext, baseURL }) => {
  const b = await openFresh(newContext);
  await test.step('garbage or a newer version’s draft in storage', async () => {
    const { page } = b;
    const errorText = (code) => text(`error.${code}`);
    // An older version's draft that is not valid: opened as typed, marked,
    // never deleted; HTML in it is text and never runs.
    const old = '{"app":"bpa-kalkulator","format":1,"expires":9e15,"case":{"needs":"<img src=x onerror=window.__x=1>"}}';
    await page.evaluate((v) => localStorage.setItem('bpa-kalkulator.draft', v), old);
    await page.reload();
    await ready(page);
    expect(await page.locator('#draft-status').innerText()).toContain(text('ui.draft.opened_with_errors'));
    expect((await getCase(page)).needs, 'no needs could be read from it').toStrictEqual([]);
    expect(await page.evaluate(() => window.__x)).toBe(undefined);
    expect((await stored(page, 'localStorage'))['bpa-kalkulator.draft'], 'the draft is not deleted').toBe(old);
    await noViolations(page, 'an invalid draft in storage');
    // What is no draft at all: set aside, said, not deleted.
    await page.evaluate((k) => sessionStorage.setItem(k, 'not json at all'), DRAFT_KEY);
    await page.reload();
    await ready(page);
    expect(await page.locator('#draft-status').innerText()).toContain(errorText('DRAFT_SET_ASIDE'));
    expect(Object.values(await stored(page, 'sessionStorage')), 'kept, under another key').toContain('not json at all');

    // A newer version's draft: not opened, said, left for that version.
    const newerKey = DRAFT_KEY.replace(/\d+$/, (n) => String(Number(n) + 1));
    const future = JSON.stringify({ format: 'bpa-draft', version: Number(newerKey.match(/\d+$/)[0]), saved: new Date().toISOString(), case: { needs: [] } });
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [newerKey, future]);
    await page.reload();
    await ready(page);
    expect(await page.locator('#draft-status').innerText()).toContain(errorText('DRAFT_NEWER_KEPT'));
    expect((await stored(page, 'localStorage'))[newerKey], 'left for the newer version').toBe(future);
    // And the page still works.
    await setCase(page, await exampleCase(page));
    expect(await verdictTitle(page)).toBe(text('verdict.likely_right_unless_cost.title'));
    finish(b);
  });

  // Private mode or a sandbox: the storages throw.
  await test.step('no storage at all', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const errors = collectErrors(page);
    const external = await blockExternal(context, baseURL);
    await context.addInitScript(() => {
      for (const name of ['localStorage', 'sessionStorage']) {
        Object.defineProperty(window, name, {
          get() {
            throw new DOMException('storage is off', 'SecurityError');
          },
        });
      }
    });
    await page.goto('');
    await ready(page);
    expect((await page.locator('#draft-status').innerText()).includes(text('error.DRAFT_STORAGE_UNAVAILABLE'))).toBeTruthy();
    expect(await page.isVisible('#draft-keep'), 'keeping on the device is not offered').toBe(false);
    await addNeed(page, { start: '08:00', end: '09:00', label: 'Frokost' });
    expect((await getCase(page)).needs.length, 'the form still works').toBe(1);
    // No clipboard either (an iframe without the permission): the link
    // stands selected in its field, to copy with Ctrl+C.
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('not allowed', 'NotAllowedError'));
    });
    await page.click('#share-copy');
    await page.waitForFunction(() => document.getElementById('share-msg').textContent !== '');
    expect(await page.locator('#share-msg').innerText()).toBe(text('ui.share.copy_yourself'));
    const field = await page.evaluate(() => {
      const el = document.activeElement;
      return { id: el.id, value: el.value, selected: el.value.slice(el.selectionStart, el.selectionEnd), readOnly: el.readOnly };
    });
    expect(field.id, 'the field has the focus').toBe('share-link');
    expect(field.value.startsWith(`${baseURL}#`) && linkLayout.test(field.value.slice(baseURL.length + 1))).toBeTruthy();
    expect(field.selected, 'the whole link is selected').toBe(field.value);
    expect(field.readOnly).toBe(true);
    await noViolations(page, 'no storage, no clipboard');
    expect(errors).toStrictEqual([]);
    expect(external).toStrictEqual([]);
  });
});

test('a file downloads and opens again; a bad or newer file changes nothing', async ({ newContext }) => {
  const dir = await mkdtemp(join(tmpdir(), 'bpa-e2e-files-'));
  try {
    let path;
    let saved;
    const a = await openFresh(newContext, '', { acceptDownloads: true });
    await test.step('download the case as a file', async () => {
      const { page } = a;
      const c = await exampleCase(page);
      c.monthly = [{ kind: 'leisure', hours_per_month: 12 }];
      await setCase(page, c);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#file-download')]);
      expect(download.suggestedFilename()).toMatch(/^bpa-kartlegging-\d{4}-\d{2}-\d{2}\.json$/);
      path = join(dir, 'kartlegging.json');
      await download.saveAs(path);
      saved = JSON.parse(await readFile(path, 'utf8'));
      expect(saved, 'the file is the case, as the CLI reads it').toStrictEqual(await getCase(page));
      expect(await page.locator('#file-msg').innerText()).toBe(text('ui.file.downloaded'));
      finish(a);
    });

    const b = await openFresh(newContext);
    await test.step('open bad files, then the downloaded one', async () => {
      const { page } = b;
      const draft = { version: 1, needs: [{ kind: 'household', days: ['sat'], start: '10:00', end: '12:00', label: 'Rydde' }] };
      await setCase(page, draft);
      const before = await getCase(page);

      // Bad files: each says what is wrong, and nothing changes.
      const newer = (await exampleCase(page)).version + 1; // after the engine's own format
      const bad = {
        'not-json.json': ['{ "needs": [', text('ui.file.not_json')],
        'array.json': ['[]', text('ui.file.not_case')],
        'typo.json': [JSON.stringify({ version: 1, needs: [{ kind: 'personal', days: ['mon'], start: '07:00', end: '08:00', lable: 'x' }] }), '«lable»'],
        'newer.json': [JSON.stringify({ version: newer, needs: [], something_new: true }), 'laget med en nyere versjon'],
        'impossible.json': [JSON.stringify({ version: 1, needs: [{ kind: 'personal', days: ['mon'], start: '25:00', end: '08:00' }] }), null],
      };
      for (const [name, [content, expected]] of Object.entries(bad)) {
        const p = join(dir, name);
        await writeFile(p, content);
        await page.setInputFiles('#file-input', p);
        await page.waitForFunction(() => document.getElementById('file-msg').textContent !== '');
        const said = await page.locator('#file-msg').innerText();
        expect(said.startsWith(text('ui.file.failed', { message: '' }).trim()), `${name}: ${said}`).toBeTruthy();
        if (expected) expect(said.includes(expected), `${name}: ${said}`).toBeTruthy();
        expect(said.includes(text('ui.draft.unchanged')), `${name}: says the draft is unchanged`).toBeTruthy();
        expect(await getCase(page), `${name}: the draft is untouched`).toStrictEqual(before);
        await page.evaluate(() => {
          document.getElementById('file-msg').textContent = '';
        });
      }
      await noViolations(page, 'a bad file');

      // The downloaded file opens the same case; the draft it replaced can be had back.
      await page.setInputFiles('#file-input', path);
      await page.waitForFunction(() => document.getElementById('file-msg').textContent !== '');
      expect(await page.locator('#file-msg').innerText()).toBe(text('ui.file.opened_here'));
      expect(await getCase(page), 'round trip through the file').toStrictEqual(saved);
      expect((await notice(page)).includes(text('ui.file.opened'))).toBeTruthy();
      await page.click(`#share-notice button:has-text("${text('ui.draft.go_back')}")`);
      assertSameCase(await getCase(page), draft, 'back to the draft');
      finish(b);
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
