// The cut-down style sheet: www/dist/page-HASH.css, which .ci/bundle.mjs
// makes from Designsystemet and the page's own CSS, styles every element of
// the page exactly as the full style sheets do. Compares the computed style
// of every element (and its ::before/::after) with page.css against the
// same page with the six full style sheets linked instead, in the states a
// person sees: empty, the seed's week with its verdict, a form error, the
// caseworker view and own words open, on a phone and a desktop, and printed
// (then with dist/print-HASH.css, which the page loads with the printout).
// A rule wrongly left out of page.css shows up here as the property it
// changes.
import { test, expect, collectErrors } from './support.mjs';

const FULL = [
  'vendor/designsystemet-theme.css',
  'vendor/designsystemet.css',
  'app.css',
  'share.css',
  'print.css',
  'municipality.css',
];

/**
 * Every element's computed style in <body>, keyed by its path in the
 * document: `{ props: [names], styles: { path: "value\u0001value…" } }`.
 */
function computed() {
  const path = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
      parts.unshift(`${e.localName}${e.id ? `#${e.id}` : `:${[...e.parentElement.children].indexOf(e)}`}`);
    }
    return parts.join('>');
  };
  const props = [...getComputedStyle(document.body)].filter((p) => !p.startsWith('--'));
  const styles = {};
  for (const el of [document.body, ...document.body.querySelectorAll('*')]) {
    for (const pseudo of [null, '::before', '::after']) {
      const cs = getComputedStyle(el, pseudo);
      if (pseudo && cs.content === 'none') continue;
      styles[`${path(el)}${pseudo ?? ''}`] = props.map((p) => cs.getPropertyValue(p)).join('\u0001');
    }
  }
  return { props, styles };
}

/**
 * Runs `run` with the six full style sheets in place of the page's own
 * (dist/page-HASH.css, and dist/print-HASH.css once the page has loaded it with the
 * printout), then puts the page's own back.
 */
async function withFullCss(page, run) {
  await page.evaluate(async (hrefs) => {
    const own = [...document.querySelectorAll('link[rel="stylesheet"]')];
    const loads = hrefs.map((href) => {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      link.dataset.full = '';
      const done = new Promise((ok, fail) => {
        link.onload = ok;
        link.onerror = () => fail(new Error(`${href} did not load`));
      });
      own[0].before(link);
      return done;
    });
    await Promise.all(loads);
    for (const l of own) l.disabled = true;
  }, FULL);
  try {
    return await run();
  } finally {
    await page.evaluate(() => {
      for (const l of document.querySelectorAll('link[rel="stylesheet"][data-full]')) l.remove();
      for (const l of document.querySelectorAll('link[rel="stylesheet"]')) l.disabled = false;
    });
  }
}

function differences(cut, full) {
  const out = [];
  for (const key of new Set([...Object.keys(cut.styles), ...Object.keys(full.styles)])) {
    const a = cut.styles[key];
    const b = full.styles[key];
    if (a === b) continue;
    if (a === undefined || b === undefined) {
      out.push(`${key}: only with ${a === undefined ? 'the full CSS' : 'page.css'}`);
      continue;
    }
    const va = a.split('\u0001');
    const vb = b.split('\u0001');
    cut.props.forEach((p, i) => {
      if (va[i] !== vb[i]) out.push(`${key} { ${p}: ${va[i]} (page.css) vs ${vb[i]} (full) }`);
    });
  }
  // Deepest first: a size that differs shows in every ancestor too, and the
  // element that causes it is the deepest one.
  return out.sort((x, y) => y.split('>').length - x.split('>').length);
}

for (const [name, viewport] of [['a phone (412 px)', { width: 412, height: 823 }], ['a desktop (1280 px)', { width: 1280, height: 900 }]]) {
  test.describe(`on ${name}`, () => {
    test.use({ viewport });

    test(`page.css styles the page as the full Designsystemet does, on ${name}`, async ({ page }) => {
      const errors = collectErrors(page);
      await page.goto('');
      await page.waitForSelector('#app:not([hidden])');
      const compare = async (state) => {
        // The page must hold still while it is measured both ways (a part
        // loaded on demand may still be drawing): wait for half a second
        // without a change to the document, and no transition half-way.
        await page.waitForLoadState('networkidle');
        await page.evaluate(
          () =>
            new Promise((quiet) => {
              let timer;
              const observer = new MutationObserver(() => {
                clearTimeout(timer);
                timer = setTimeout(done, 500);
              });
              const done = () => {
                observer.disconnect();
                quiet();
              };
              observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
              timer = setTimeout(done, 500);
            }),
        );
        const cut = await page.evaluate(computed);
        const full = await withFullCss(page, async () => {
          await page.waitForTimeout(400);
          return page.evaluate(computed);
        });
        const diff = differences(cut, full);
        expect(Object.keys(cut.styles).length > 300, `${state}: the page has its elements (${Object.keys(cut.styles).length})`).toBeTruthy();
        expect(diff.slice(0, 20), `${state}: ${diff.length} computed values differ`).toStrictEqual([]);
      };
      if (viewport.width > 1000) await compare('empty');
      const example = await page.evaluate(async () => window.bpaEngine.example_case());
      await page.evaluate((c) => window.bpaApp.setCase(c), example);
      await page.waitForSelector('#verdict');
      for (const d of await page.locator('details').all()) await d.evaluate((el) => { el.open = true; });
      await compare('the seed week, every group open');
      await page.locator('#f-age').fill('-3');
      await page.locator('#f-age').blur();
      await compare('a form error');
      if (viewport.width > 1000) {
        // On paper (print.css and Designsystemet's print rules): page.css
        // with dist/print-HASH.css, which came with the printout's module.
        await page.waitForFunction(() => [...document.styleSheets].some((s) => /\/dist\/print-[A-Z2-7]{8}\.css$/.test(s.href ?? '')));
        await page.emulateMedia({ media: 'print' });
        await compare('printed');
        await page.emulateMedia({ media: 'screen' });
      }
      expect(errors).toStrictEqual([]);
    });
  });
}
