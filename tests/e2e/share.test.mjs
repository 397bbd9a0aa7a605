// End-to-end tests of share links, drafts and files (issue 6) in Debian's
// Chromium: a link opens the same case in another browser; drafts live in
// this tab unless the person opts in, and "Slett mine opplysninger" leaves
// both storages empty; a damaged or hostile link, a bad file or garbage in
// storage changes nothing and says so; what comes from a link is only text.
//
// Expected words come from the catalogue (www/i18n/nb.json) or from the
// engine itself (its own message for the same bad link), never written
// here. Links are made by the page's engine (encode_link), as a person's
// "Kopier lenken" makes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { BASE_URL, CHROMIUM, CHROMIUM_ARGS, launch, axeScan, describeViolations, blockExternal, collectErrors } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const nb = JSON.parse(await readFile(join(here, '../../www/i18n/nb.json'), 'utf8'));
const en = JSON.parse(await readFile(join(here, '../../www/i18n/en.json'), 'utf8'));
const golden = (name) => readFile(join(here, '../links', `${name}.json`), 'utf8').then(JSON.parse);

/** A catalogue text with `{name}` filled in, as the page writes it. */
function text(key, vars = {}) {
  assert.ok(key in nb, `nb.json has ${key}`);
  return nb[key].replace(/\{([a-z_0-9]+)\}/gi, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

const VIEWPORT = { width: 1280, height: 900 };

/** Waits until the page and its share part have started. */
async function ready(page) {
  await page.waitForSelector('#app:not([hidden])');
  await page.waitForSelector('#save-h');
}

/** Opens `url` in a fresh Chromium (its own empty profile). */
async function openFresh(url = BASE_URL, options = {}) {
  const browser = await launch({ viewport: VIEWPORT, ...options });
  const external = await blockExternal(browser.context);
  const errors = collectErrors(browser.page);
  await browser.page.goto(url);
  await ready(browser.page);
  return { ...browser, external, errors };
}

/**
 * Starts Chromium on a profile folder that outlives it, to see what the
 * browser keeps after it is closed (localStorage) and what it does not
 * (sessionStorage). Close with `close()`; the folder is the caller's.
 */
async function openProfile(profile, url = BASE_URL) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    locale: 'nb-NO',
    viewport: VIEWPORT,
  });
  const external = await blockExternal(context);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = collectErrors(page);
  await page.goto(url);
  await ready(page);
  return { context, page, external, errors, close: () => context.close() };
}

/** Checks what must hold on every page, then closes Chromium. */
async function finish(b) {
  try {
    assert.deepEqual(b.errors, [], 'no console errors or uncaught exceptions');
    assert.deepEqual(b.external, [], 'no request left the page’s origin');
  } finally {
    await b.close();
  }
}

async function noViolations(page, state) {
  const v = await axeScan(page);
  assert.deepEqual(v, [], `${state}:\n${describeViolations(v)}`);
}

/** A link's layout, `v3.` (the engine's LINK_VERSION; the number is its business). */
const linkLayout = /^v(\d+)\./;

const exampleCase = (page) => page.evaluate(async () => (await import('./pkg/bpa.js')).example_case());
const getCase = (page) => page.evaluate(() => window.bpaApp.getCase());
const setCase = (page, c) => page.evaluate((x) => window.bpaApp.setCase(x), c);
/** The share link the engine makes for a case: the text after `#`. */
const linkFor = (page, c) =>
  page.evaluate(async (x) => {
    const reply = (await import('./pkg/bpa.js')).encode_link(x);
    if (!reply.ok) throw new Error(JSON.stringify(reply.errors));
    return reply.link;
  }, c);
/** The engine's error for a bad link in bokmål words: its catalogue text. */
const linkError = async (page, link) => {
  const e = await page.evaluate(async (x) => (await import('./pkg/bpa.js')).decode_link(x).errors[0], link);
  assert.equal(e.message_nb, undefined, 'the WebAssembly sends no words, only the code and values');
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
const assertSameCase = (a, b, message) => assert.deepEqual(canonical(a), canonical(b), message);

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
    const raw = sessionStorage.getItem('bpa-kalkulator.draft');
    return raw !== null && JSON.parse(raw).case.needs.length === n;
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
  await page.goto(`${BASE_URL}#${link}`);
  await ready(page);
}

test('a copied link opens the same clock and verdict in a fresh browser, says it is pre-filled, and leaves the address', async (t) => {
  const a = await openFresh();
  let url;
  let before;
  try {
    const { page } = a;
    await a.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const c = await exampleCase(page);
    c.needs.push({ kind: 'household', days: ['mon', 'thu'], start: '10:00', end: '11:30', label: 'Handle og vaske' });
    await setCase(page, c);
    await addNeed(page, { start: '15:00', end: '16:00', label: 'Tur i parken' });
    // The warning sits beside the share actions, and the buttons point to it.
    assert.equal(await page.locator('#share-warning').innerText(), text('ui.share.warning'));
    assert.equal(await page.getAttribute('#share-copy', 'aria-describedby'), 'share-warning');
    assert.equal(await page.locator('#file-warning').innerText(), text('ui.file.warning'));

    await page.click('#share-copy');
    await page.waitForFunction(() => document.getElementById('share-msg').textContent !== '');
    url = await page.inputValue('#share-link');
    assert.ok(url.startsWith(`${BASE_URL}#`) && linkLayout.test(url.slice(BASE_URL.length + 1)), `the case is in the fragment: ${url}`);
    assert.ok(!url.includes('?'), 'nothing in the query string');
    assert.equal(await page.locator('#share-msg').innerText(), text('ui.share.copied'));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url, 'the clipboard holds the link');
    t.diagnostic(`link for the example week + 2 needs: ${url.length - BASE_URL.length - 1} characters after #`);

    // The e-mail: two lines (verdict, counted hours), then the link.
    await page.focus('#share-email');
    const href = await page.getAttribute('#share-email', 'href');
    const body = new URL(href).searchParams.get('body').split('\r\n');
    assert.equal(body[0], await verdictTitle(page));
    const hours = await page.evaluate(async () => (await import('./pkg/bpa.js')).assess(window.bpaApp.getCase()).assessment.hours.counted);
    const nbHours = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 2 }).format(hours);
    assert.equal(body[1], text('ui.share.email_hours', { hours: nbHours }));
    assert.ok(body.includes(url), 'the e-mail holds the link');
    assert.ok(body.includes(text('ui.share.warning')), 'and says who sees what');
    assert.equal(new URL(href).searchParams.get('subject'), text('ui.share.email_subject'));

    before = { case: await getCase(page), verdict: await verdictTitle(page), counted: await counted(page), arcs: await arcs(page) };
    await noViolations(page, 'after copying the link');
  } finally {
    await finish(a);
  }

  const b = await openFresh(url);
  try {
    const { page } = b;
    assert.equal(await notice(page), text('ui.share.prefilled'));
    assertSameCase(await getCase(page), before.case, 'the same case');
    assert.equal(await verdictTitle(page), before.verdict);
    assert.equal(await counted(page), before.counted);
    assert.deepEqual(await arcs(page), before.arcs, 'the same arcs on the clock');
    assert.equal(await page.evaluate(() => location.hash), '', 'the link is gone from the address');
    assert.equal(page.url(), BASE_URL);
    assert.equal(await page.evaluate(() => document.activeElement.closest('#share-notice') !== null), true, 'the notice has the focus');
    // It is this tab's draft now: a reload keeps it.
    await draftSaved(page, before.case.needs.length);
    await page.reload();
    await ready(page);
    assertSameCase(await getCase(page), before.case, 'kept over a reload');
    await noViolations(page, 'opened from a link');
  } finally {
    await finish(b);
  }
});

test('link lengths: the seed’s example week and a week of 20 needs stay short', async (t) => {
  const b = await openFresh();
  try {
    const seed = await linkFor(b.page, await exampleCase(b.page));
    const twenty = await linkFor(b.page, (await golden('week_20_needs')).case);
    const bare = await linkFor(b.page, (await golden('week_20_needs_without_labels')).case);
    t.diagnostic(`characters after #: seed week ${seed.length}; 20 needs, all labelled ${twenty.length}; 20 needs without labels ${bare.length}`);
    assert.ok(seed.length < 300, `seed week ${seed.length}`);
    assert.ok(bare.length < 300, `20 needs without labels ${bare.length}`);
    // Labels are the person's own words and cost what they cost; the page
    // still makes the link, and the address stays within what mail handles.
    assert.ok(twenty.length < 1000, `20 labelled needs ${twenty.length}`);
  } finally {
    await finish(b);
  }
});

test('drafts: a reload keeps it, a new browser has none, opt-in keeps it there, and deleting leaves both storages empty', async () => {
  const profile = await mkdtemp(join(tmpdir(), 'bpa-e2e-drafts-'));
  try {
    // 1. Filled in, reloaded: still there, in this tab only.
    let b = await openProfile(profile);
    try {
      const { page } = b;
      assert.equal(await page.locator('#draft-where').innerText(), text('ui.draft.saved_tab'));
      await addNeed(page, { start: '07:00', end: '08:30', label: 'Morgenstell' });
      await addNeed(page, { start: '20:00', end: '21:00', label: 'Kveld' });
      await page.reload();
      await ready(page);
      const c = await getCase(page);
      assert.deepEqual(c.needs.map((n) => n.label), ['Morgenstell', 'Kveld'], 'the reload kept the draft');
      assert.deepEqual(Object.keys(await stored(page, 'sessionStorage')), ['bpa-kalkulator.draft']);
      assert.deepEqual(await stored(page, 'localStorage'), {}, 'nothing on the device without opt-in');
      // The language is part of the draft.
      await page.locator('#languages button[lang="nn"]').click();
      await page.waitForFunction(() => JSON.parse(sessionStorage.getItem('bpa-kalkulator.draft')).case.settings.lang === 'nn');
      await page.reload();
      await ready(page);
      await page.waitForFunction(() => document.documentElement.lang === 'nn');
      await page.locator('#languages button[lang="nb"]').click();
      await page.waitForFunction(() => document.documentElement.lang === 'nb');
    } finally {
      await finish(b);
    }

    // 2. The browser closed and opened again: no draft without the opt-in.
    b = await openProfile(profile);
    try {
      const { page } = b;
      assert.deepEqual((await getCase(page)).needs, [], 'no draft after the browser was closed');
      assert.deepEqual(await stored(page, 'localStorage'), {});
      // Now with the opt-in.
      await addNeed(page, { start: '12:00', end: '13:00', label: 'Lunsj' });
      await page.check('#draft-keep');
      assert.equal(await page.locator('#draft-where').innerText(), text('ui.draft.saved_device', { days: 30 }));
      const local = await stored(page, 'localStorage');
      const kept = JSON.parse(local['bpa-kalkulator.draft']);
      assert.equal(kept.case.needs[0].label, 'Lunsj');
      const days = (kept.expires - Date.now()) / 86_400_000;
      assert.ok(days > 29.9 && days <= 30, `expires in 30 days (${days})`);
      await noViolations(page, 'draft kept on the device');
    } finally {
      await finish(b);
    }

    // 3. Opened again: the draft is there, and the box still ticked.
    b = await openProfile(profile);
    try {
      const { page } = b;
      assert.deepEqual((await getCase(page)).needs.map((n) => n.label), ['Lunsj'], 'the opt-in kept the draft');
      assert.equal(await page.isChecked('#draft-keep'), true);

      // Deleting asks first, inline; "Nei" changes nothing.
      await page.click('#delete-button');
      assert.equal(await page.isVisible('#delete-confirm'), true);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'delete-confirm', 'the question has the focus');
      assert.equal(await page.getAttribute('#delete-confirm', 'role'), 'group');
      assert.equal(await page.locator('#delete-q').innerText(), text('ui.draft.delete_confirm'));
      await noViolations(page, 'asked before deleting');
      await page.click('#delete-no');
      assert.equal(await page.isVisible('#delete-confirm'), false);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'delete-button');
      assert.equal((await getCase(page)).needs.length, 1, 'nothing deleted');

      await page.click('#delete-button');
      await page.click('#delete-yes');
      assert.deepEqual(await stored(page, 'sessionStorage'), {}, 'sessionStorage is empty');
      assert.deepEqual(await stored(page, 'localStorage'), {}, 'localStorage is empty');
      assert.deepEqual((await getCase(page)).needs, [], 'the page is empty');
      assert.equal(await page.isChecked('#draft-keep'), false);
      assert.equal(await page.locator('#draft-msg').innerText(), text('ui.draft.deleted'));
      // Autosave does not put it back.
      await page.waitForTimeout(600);
      assert.deepEqual(await stored(page, 'sessionStorage'), {});
      assert.deepEqual(await stored(page, 'localStorage'), {});
      await page.reload();
      await ready(page);
      assert.deepEqual((await getCase(page)).needs, []);
    } finally {
      await finish(b);
    }
    b = await openProfile(profile);
    try {
      assert.deepEqual((await getCase(b.page)).needs, [], 'nothing after the browser was opened again');
      assert.deepEqual(await stored(b.page, 'localStorage'), {});
    } finally {
      await finish(b);
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});

test('a damaged link or one from a newer version says what is wrong and leaves the draft alone', async () => {
  const b = await openFresh();
  try {
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
      assert.ok(said.includes(expected), `${name}: the engine's sentence is shown: ${said}`);
      assert.ok(said.includes(text('ui.draft.unchanged')), `${name}: says the draft is unchanged`);
      assertSameCase(await getCase(page), draft, `${name}: the draft is untouched`);
      assert.equal(JSON.parse((await stored(page, 'sessionStorage'))['bpa-kalkulator.draft']).case.needs.length, 4, `${name}: and so is the stored draft`);
      assert.equal(await page.evaluate(() => location.hash), '', `${name}: the address is cleaned`);
    }
    assert.match(await notice(page), /laget med en nyere versjon/, 'the newer link says so');
    await noViolations(page, 'a bad link');

    // A link pasted into the address bar of the open page is read too.
    await page.evaluate((l) => {
      location.hash = l;
    }, flipped);
    await page.waitForFunction(() => location.hash === '');
    assert.ok((await notice(page)).includes(await linkError(page, flipped)));
    assertSameCase(await getCase(page), draft);
    // A case with errors makes no link (it would not open again), and says why.
    const wrong = structuredClone(draft);
    wrong.person.age = 200;
    await setCase(page, wrong);
    await page.click('#share-copy');
    const refused = await page.locator('#share-msg').innerText();
    assert.ok(refused.startsWith(text('ui.share.cannot', { message: '' }).trim()), refused);
    assert.equal(await page.isVisible('#share-link'), false, 'no link shown');
    await page.click('#share-email');
    assert.ok((await page.locator('#share-msg').innerText()).startsWith(text('ui.share.cannot', { message: '' }).trim()), 'nor an e-mail');
    await setCase(page, draft);

    // The skip link's #main is not a link.
    await page.evaluate(() => {
      location.hash = 'main';
    });
    await page.waitForTimeout(100);
    assert.ok((await notice(page)).includes(await linkError(page, flipped)), 'the last notice stays');
  } finally {
    await finish(b);
  }
});

test('HTML in a label from a link is shown as text and never runs', async () => {
  let link;
  let payloads;
  const a = await openFresh();
  try {
    payloads = ['<img src=x onerror=window.__x=1>', '</script><script>window.__x=2</script>', '"><svg onload=window.__x=3>'];
    const c = { version: 1, needs: payloads.map((label, i) => ({ kind: 'personal', days: ['mon'], start: `0${i + 6}:00`, end: `0${i + 7}:00`, label })) };
    link = await linkFor(a.page, c);
  } finally {
    await finish(a);
  }
  const b = await openFresh(`${BASE_URL}#${link}`);
  try {
    const { page } = b;
    assert.equal(await notice(page), text('ui.share.prefilled'));
    const names = await page.locator('#need-list .need-name').allInnerTexts();
    for (const [i, p] of payloads.entries()) assert.ok(names[i].includes(p), `shown as text: ${names[i]}`);
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.__x), undefined, 'nothing ran');
    assert.equal(await page.locator('#app img, #app script, [onerror], [onload]').count(), 0, 'no element was made from the labels');
    const desc = await page.locator('svg.clock desc').textContent();
    assert.ok(desc.includes(payloads[0]), 'the clock’s text alternative holds it as text');
  } finally {
    await finish(b);
  }
});

test('a link over another draft asks first; the old draft can be had back; older rules and the language travel', async () => {
  const b = await openFresh();
  try {
    const { page } = b;
    const draft = await exampleCase(page);
    await setCase(page, draft);
    await draftSaved(page, 4);
    const other = { version: 1, person: { age: 30 }, needs: [{ kind: 'personal', days: ['tue'], start: '09:00', end: '10:00', label: 'Fra lenken' }], settings: { lang: 'en' } };
    const link = await linkFor(page, other);

    // Asked: the page still shows the draft, in an inline question.
    await loadLink(page, link);
    assert.ok((await notice(page)).includes(text('ui.share.ask')));
    assertSameCase(await getCase(page), draft, 'the draft is shown while asking');
    assert.equal(await page.getAttribute('#share-notice .ds-alert', 'role'), 'group');
    await noViolations(page, 'asked before replacing a draft');
    await page.click(`#share-notice button:has-text("${text('ui.share.keep_draft')}")`);
    assert.equal(await notice(page), text('ui.share.kept_draft'));
    assertSameCase(await getCase(page), draft, 'kept');
    // A link an embedding host passes on is asked about the same way.
    await page.evaluate((l) => window.bpaApp.openLink(l), link);
    assert.ok((await notice(page)).includes(text('ui.share.ask')));
    assertSameCase(await getCase(page), draft);

    // Asked again, and this time the link: the page switches to its language.
    await loadLink(page, link);
    await page.click(`#share-notice button:has-text("${text('ui.share.use_link')}")`);
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assertSameCase(await getCase(page), other, 'the link’s case');
    assert.ok((await notice(page)).includes(en['ui.share.prefilled']), 'said in the link’s language');
    assert.ok(Object.keys(await stored(page, 'sessionStorage')).includes('bpa-kalkulator.previous'), 'the old draft is kept');
    await noViolations(page, 'opened from a link, in English');

    // Kept over a reload too, and one button takes it back.
    await page.reload();
    await ready(page);
    assertSameCase(await getCase(page), other);
    await page.click(`#draft-previous button`);
    assertSameCase(await getCase(page), { ...draft, settings: {} }, 'the old draft is back');
    assert.ok((await notice(page)).includes(text('ui.draft.went_back')));
    assert.ok(!Object.keys(await stored(page, 'sessionStorage')).includes('bpa-kalkulator.previous'));
  } finally {
    await finish(b);
  }

  // A link made under older rules opens under today's, and says so.
  const older = await golden('made_under_older_rules');
  const c = await openFresh(`${BASE_URL}#${older.link}`);
  try {
    const said = await notice(c.page);
    assert.ok(said.includes(text('ui.share.prefilled')));
    assert.ok(said.includes(text('ui.share.rules_changed')));
    assertSameCase(await getCase(c.page), older.case);
  } finally {
    await finish(c);
  }
});

test('garbage, a newer version’s draft, or no storage at all: the page works and says so', async () => {
  const b = await openFresh();
  try {
    const { page } = b;
    // Garbage: not loaded, said, removed.
    await page.evaluate(() => localStorage.setItem('bpa-kalkulator.draft', '{"app":"bpa-kalkulator","format":1,"expires":9e15,"case":{"needs":"<img src=x onerror=window.__x=1>"}}'));
    await page.reload();
    await ready(page);
    assert.ok((await page.locator('#draft-status').innerText()).includes(text('ui.draft.problem.unreadable')));
    assert.deepEqual((await getCase(page)).needs, [], 'nothing was loaded');
    assert.equal(await page.evaluate(() => window.__x), undefined);
    assert.deepEqual(await stored(page, 'localStorage'), {}, 'the garbage is removed');
    await noViolations(page, 'garbage in storage');
    await page.evaluate(() => sessionStorage.setItem('bpa-kalkulator.draft', 'not json at all'));
    await page.reload();
    await ready(page);
    assert.ok((await page.locator('#draft-status').innerText()).includes(text('ui.draft.problem.unreadable')));

    // A newer version's draft: not loaded, said, left alone.
    const newer = (await exampleCase(page)).version + 1; // after the engine's own format
    const future = JSON.stringify({ app: 'bpa-kalkulator', format: 1, expires: Date.now() + 1e9, case: { version: newer, needs: [] } });
    await page.evaluate((v) => localStorage.setItem('bpa-kalkulator.draft', v), future);
    await page.reload();
    await ready(page);
    assert.ok((await page.locator('#draft-status').innerText()).includes(text('ui.draft.problem.newer')));
    assert.equal((await stored(page, 'localStorage'))['bpa-kalkulator.draft'], future, 'left for the newer version');
    // And the page still works.
    await setCase(page, await exampleCase(page));
    assert.equal(await verdictTitle(page), text('verdict.likely_right_unless_cost.title'));
  } finally {
    await finish(b);
  }

  // Private mode or a sandbox: the storages throw.
  const c = await launch({ viewport: VIEWPORT });
  try {
    const errors = collectErrors(c.page);
    const external = await blockExternal(c.context);
    await c.context.addInitScript(() => {
      for (const name of ['localStorage', 'sessionStorage']) {
        Object.defineProperty(window, name, {
          get() {
            throw new DOMException('storage is off', 'SecurityError');
          },
        });
      }
    });
    await c.page.goto(BASE_URL);
    await ready(c.page);
    assert.ok((await c.page.locator('#draft-status').innerText()).includes(text('ui.draft.problem.unavailable')));
    assert.equal(await c.page.isVisible('#draft-keep'), false, 'keeping on the device is not offered');
    await addNeed(c.page, { start: '08:00', end: '09:00', label: 'Frokost' });
    assert.equal((await getCase(c.page)).needs.length, 1, 'the form still works');
    // No clipboard either (an iframe without the permission): the link
    // stands selected in its field, to copy with Ctrl+C.
    await c.page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('not allowed', 'NotAllowedError'));
    });
    await c.page.click('#share-copy');
    await c.page.waitForFunction(() => document.getElementById('share-msg').textContent !== '');
    assert.equal(await c.page.locator('#share-msg').innerText(), text('ui.share.copy_yourself'));
    const field = await c.page.evaluate(() => {
      const el = document.activeElement;
      return { id: el.id, value: el.value, selected: el.value.slice(el.selectionStart, el.selectionEnd), readOnly: el.readOnly };
    });
    assert.equal(field.id, 'share-link', 'the field has the focus');
    assert.ok(field.value.startsWith(`${BASE_URL}#`) && linkLayout.test(field.value.slice(BASE_URL.length + 1)));
    assert.equal(field.selected, field.value, 'the whole link is selected');
    assert.equal(field.readOnly, true);
    await noViolations(c.page, 'no storage, no clipboard');
    assert.deepEqual(errors, []);
    assert.deepEqual(external, []);
  } finally {
    await c.close();
  }
});

test('a file downloads and opens again; a bad or newer file changes nothing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bpa-e2e-files-'));
  try {
    let path;
    let saved;
    const a = await openFresh(BASE_URL, { acceptDownloads: true });
    try {
      const { page } = a;
      const c = await exampleCase(page);
      c.monthly = [{ kind: 'leisure', hours_per_month: 12 }];
      await setCase(page, c);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#file-download')]);
      assert.match(download.suggestedFilename(), /^bpa-kartlegging-\d{4}-\d{2}-\d{2}\.json$/);
      path = join(dir, 'kartlegging.json');
      await download.saveAs(path);
      saved = JSON.parse(await readFile(path, 'utf8'));
      assert.deepEqual(saved, await getCase(page), 'the file is the case, as the CLI reads it');
      assert.equal(await page.locator('#file-msg').innerText(), text('ui.file.downloaded'));
    } finally {
      await finish(a);
    }

    const b = await openFresh();
    try {
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
        assert.ok(said.startsWith(text('ui.file.failed', { message: '' }).trim()), `${name}: ${said}`);
        if (expected) assert.ok(said.includes(expected), `${name}: ${said}`);
        assert.ok(said.includes(text('ui.draft.unchanged')), `${name}: says the draft is unchanged`);
        assert.deepEqual(await getCase(page), before, `${name}: the draft is untouched`);
        await page.evaluate(() => {
          document.getElementById('file-msg').textContent = '';
        });
      }
      await noViolations(page, 'a bad file');

      // The downloaded file opens the same case; the draft it replaced can be had back.
      await page.setInputFiles('#file-input', path);
      await page.waitForFunction(() => document.getElementById('file-msg').textContent !== '');
      assert.equal(await page.locator('#file-msg').innerText(), text('ui.file.opened_here'));
      assert.deepEqual(await getCase(page), saved, 'round trip through the file');
      assert.ok((await notice(page)).includes(text('ui.file.opened')));
      await page.click(`#share-notice button:has-text("${text('ui.draft.go_back')}")`);
      assertSameCase(await getCase(page), draft, 'back to the draft');
    } finally {
      await finish(b);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
