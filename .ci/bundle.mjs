// Makes the page light for the network (the first visit's budget: 160 KB
// gzip -9, everything included; .ci/check-size.mjs). Run by .ci/build after
// the wasm and the vendored CSS are in place; writes only gitignored build
// output. Every file of a release is in www/dist/, named by a hash of its
// bytes (`-HASH`: 8 characters of base32, esbuild's [hash] or this file's
// hashed()), and only the page that names them, www/index.html, keeps its
// name:
//
//   www/index.html      the page, from www/index.src.html (the source, as a
//                       person edits it, naming the files by their readable
//                       names: dist/page.css, dist/main.js, dist/app.js,
//                       pkg/bpa.js), each name replaced by this build's
//                       file, with the release id in <meta name="bpa-release">
//   dist/page-HASH.css  the one render-blocking style sheet: Designsystemet's
//                       theme and components cut down to what the page uses
//                       (by PurgeCSS, from the page's HTML and JavaScript),
//                       then app.css, share.css, print.css, municipality.css
//                       (in the order index.html used to link them), minified,
//                       without their `@media print` rules:
//   dist/print-HASH.css the `@media print` rules of those four (the printout
//                       on paper): print-panel.js loads it with the
//                       printout's module (its name given as BPA_PRINT_CSS,
//                       an esbuild `define`)
//   dist/main-HASH.js   what index.html runs: registers the service worker
//                       (offline.js), lets the browser paint the static
//                       header, then imports app.js
//   dist/app-RELEASE.js the page's JavaScript (app.js and what it imports),
//                       bundled and minified by esbuild into this one file;
//                       index.html preloads it. What the modules load with
//                       import() (the printout, the caseworker view, …) is
//                       built apart (dist/printout-HASH.js, chunk-HASH.js),
//                       fetched when used, and takes the modules it shares
//                       with the page from app.js (see pageJs()). app.js and
//                       those parts name each other, so app's name cannot be
//                       a hash of its own bytes: it is the release id (below),
//                       which every later part names and so carries in its
//                       own hash. Among those parts: the hyphenation
//                       patterns (dist/hyphen-no-HASH.js, hyphen-en-HASH.js,
//                       from the npm package hyphen in tests/node_modules),
//                       which hyphenate.js fetches only for short lines
//   dist/bpa-HASH.js    wasm-bindgen's glue (pkg/bpa.js) minified, naming
//                       dist/bpa_bg-HASH.wasm (the module, copied from pkg/).
//                       It stays its own module, which app.js and main.js
//                       import: one instance, which main.js also gives tests
//                       and the console as `window.bpaEngine`. pkg/ is left
//                       as wasm-pack wrote it (tests load it there)
//   dist/nb-HASH.json   the catalogues (www/i18n/nb.json, nn.json, en.json,
//                       …) under their hashed names, which the page gets
//                       as BPA_TEXTS (an esbuild `define`; i18n.js)
//   www/sw.min.js       the service worker (www/sw.js) minified; offline.js
//                       registers this one. A worker controls only its own
//                       folder and those below, so it cannot be in dist/
//                       (www/.gitignore keeps it out of git)
//
// Unhashed, on purpose: the files whose URL others name or a browser asks
// for by a fixed name. index.html (the address a person opens; a reload
// asks the server for it again, so it names the newest release), sw.min.js
// (a browser checks the registered worker's URL for updates), embed.js and
// embed-example.html (host pages name them), tilgjengelighetsrapport.html
// (linked from the page), the municipality profiles (profiles.json,
// profiles/*.json: a municipality edits its own file, not part of a build)
// and the list of languages (i18n/languages.json: the names on the language
// buttons; a language listed after the page's build has no hashed file, and
// is fetched as i18n/<code>.json). hosting/nginx.conf sends `Cache-Control:
// public, max-age=31536000, immutable` for the hashed files and `no-cache`
// for all of these.
//
// Releases never mix. A release's files have new names whenever their bytes
// change, so no cache can hand a page a file of another release under the
// name it asks for; the page (index.html) is the one file a cache could hold
// old, and a reload asks the server for it again (a 304 when current). Belt
// and braces: every build has a release id (a hash of what it is built
// from: the page's sources, catalogues, the wasm, this file, esbuild's
// version), written into main.js, app.js and the glue (`export const
// bpaRelease`). main.js checks the glue's id before it imports app.js, and
// app.js checks main.js's before anything of the page starts: on a mismatch
// the page reloads once, and if that does not help says so plainly and
// starts nothing (the draft stays where it is). A part loaded later whose
// file is gone (a release put on the server while the page was open) makes
// the page reload once, saying so (draw.js, loader()). The service worker
// fetches with `cache: 'no-cache'`, and serves a hashed file from its copy
// (sw.js).
//
// Files are put in place as a deploy should: the new dist/ files beside the
// old ones, then index.html (written beside it, then renamed), then the old
// files go, so a page being served names files that are there.
//
// The sources (www/*.js, www/*.css) are untouched and stay readable: this is
// only how they are shipped.
//
//   node .ci/bundle.mjs        (from the repository root; .ci/build runs it)
import { createRequire } from 'node:module';
import { chmod, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve, dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';

const require = createRequire(new URL('../tests/package.json', import.meta.url));
const esbuild = require('esbuild');
const { PurgeCSS } = require('purgecss');
// PostCSS, the CSS reader PurgeCSS itself uses (its dependency).
const postcss = createRequire(require.resolve('purgecss'))('postcss');

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const www = join(root, 'www');

/**
 * The release id: a hash of what the build is made from (the page's own
 * sources and style sheets, catalogues, the wasm, this file). The same
 * sources give the same id; any change gives another.
 */
async function releaseId() {
  const h = createHash('sha256');
  // Not what this writes: sw.min.js, and index.html (made from index.src.html).
  const names = (await readdir(www)).filter((f) => /\.(js|css|html)$/.test(f) && f !== 'sw.min.js' && f !== 'index.html').sort();
  for (const f of names) h.update(f).update(await readFile(join(www, f)));
  for (const f of (await readdir(join(www, 'i18n'))).sort()) h.update(f).update(await readFile(join(www, 'i18n', f)));
  h.update(await readFile(join(www, 'pkg', 'bpa_bg.wasm')));
  h.update(await readFile(new URL(import.meta.url)));
  // The tools that turn the sources into the files: another esbuild may write other bytes.
  h.update(`esbuild ${esbuild.version}`);
  return h.digest('hex').slice(0, 16);
}
const RELEASE = await releaseId();

/**
 * A file's name with a hash of its bytes (`page-3FJ6ZV2Q.css`), in the
 * style of esbuild's `[hash]` (8 characters of base32): the same bytes give
 * the same name, other bytes another.
 */
function hashed(name, bytes) {
  const digest = createHash('sha256').update(bytes).digest();
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 8) {
      out += abc[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === 8) break;
  }
  const dot = name.lastIndexOf('.');
  return `${name.slice(0, dot)}-${out}${name.slice(dot)}`;
}

/** Browsers the page supports: recent evergreen ones (it needs wasm, ES modules, :has()). */
const TARGET = ['chrome111', 'firefox121', 'safari16.4'];

// ---- The style sheet: Designsystemet cut down by PurgeCSS ------------------------

/**
 * The page's own files that can name a class, an attribute or a custom
 * property (its HTML and JavaScript; the service worker draws nothing), as
 * PurgeCSS reads them: every word counts. Generous on purpose: a rule goes
 * only when nothing the page writes could ever match it, never on a guess.
 */
async function pageSources() {
  const names = (await readdir(www)).filter((f) => /\.(js|html)$/.test(f) && !/^sw(\.min)?\.js$/.test(f) && f !== 'index.html');
  return Promise.all(names.map(async (f) => ({ raw: await readFile(join(www, f), 'utf8'), extension: f.split('.').pop() })));
}

/** The page's own style sheets split in two: for the screen, and their top-level `@media print` rules. */
function splitPaper(css) {
  const screen = postcss.parse(css);
  const paper = postcss.root();
  screen.each((n) => {
    if (n.type === 'atrule' && n.name === 'media' && n.params.trim() === 'print') paper.append(n.remove());
  });
  return [screen.toString(), paper.toString()];
}

/**
 * `:is(` and `:where(` inside `:not(…)` or `:has(…)` renamed, so that
 * PurgeCSS leaves what those take unjudged, as it means to: it judges the
 * selectors of every `:is()`/`:where()`, nested ones too, and one that ends
 * up empty takes the whole selector with it (`.ds-input:not([size],
 * select:where([data-width=auto]))`, which styles every input, would go).
 */
function guardNested(selector) {
  let out = '';
  const open = []; // the functional pseudo-class of each open parenthesis ('' for others)
  for (let i = 0; i < selector.length; ) {
    const m = /^:([a-z-]+)\(/.exec(selector.slice(i, i + 24));
    if (m) {
      const inside = open.some((p) => p === 'not' || p === 'has');
      out += (m[1] === 'is' || m[1] === 'where') && inside ? `:-bpa-${m[1]}(` : m[0];
      open.push(m[1]);
      i += m[0].length;
      continue;
    }
    if (selector[i] === '(') open.push('');
    else if (selector[i] === ')') open.pop();
    out += selector[i++];
  }
  return out;
}

/**
 * A selector with what its `:is()`/`:where()` take left out: PurgeCSS
 * changes a selector it keeps only there, so a kept selector and the one it
 * came from look the same this way.
 */
function skeleton(selector) {
  let out = '';
  for (let i = 0; i < selector.length; ) {
    const m = /^:(-bpa-)?(is|where)\(/.exec(selector.slice(i, i + 16));
    if (!m) {
      out += selector[i++];
      continue;
    }
    let depth = 1;
    let j = i + m[0].length;
    for (; j < selector.length && depth > 0; j++) {
      if (selector[j] === '(') depth++;
      else if (selector[j] === ')') depth--;
    }
    out += `:${m[2]}()`;
    i = j;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * Designsystemet's CSS without the rules nothing on the page can match,
 * the custom properties nothing uses and the unused @keyframes, decided by
 * PurgeCSS from the page's sources (`content`). `ownCss` (the page's own
 * style sheets) is read with it, so that the properties it uses stay, but
 * is not part of what this returns.
 *
 * Every selector kept is written as Designsystemet wrote it: PurgeCSS also
 * drops the alternatives of an `:is()` that cannot match (`ds-tab` in
 * `:is([role=tab],ds-tab)`), which can lower the selector's specificity
 * and so change which rule wins. Each rule carries a numbered comment
 * through PurgeCSS, and each selector it kept is put back as it was.
 */
async function cutDesignsystemet(vendorCss, content, ownCss) {
  const tree = postcss.parse(vendorCss);
  const written = []; // rule number -> its selectors as written
  tree.walkRules((rule) => {
    if (rule.parent.type === 'atrule' && /keyframes$/.test(rule.parent.name)) return;
    written.push(rule.selectors);
    rule.selector = guardNested(rule.selector);
    rule.prepend(postcss.comment({ text: `bpa:${written.length - 1}` }));
  });
  const own = '/*bpa:own*/';
  // Custom properties the scripts set or read; `--ds-color-accent-${n}`
  // stands for every property that starts with it.
  const props = [...new Set(content.flatMap((c) => c.raw.match(/--[A-Za-z0-9_-]+/g) ?? []))];
  const [result] = await new PurgeCSS().purge({
    content,
    css: [{ raw: `${tree.toString()}\n${own}\n${ownCss}` }],
    defaultExtractor: (text) => text.match(/[A-Za-z0-9_-]+/g) ?? [],
    variables: true,
    keyframes: true,
    fontFace: true,
    safelist: {
      // A selector of pseudo-classes only (`:checked` in `:where(:checked)`)
      // is one PurgeCSS would otherwise drop: it finds no name in it.
      standard: [/^:/],
      variables: props.map((p) => (p.endsWith('-') ? new RegExp(`^${p}`) : p)),
    },
  });
  const out = postcss.parse(result.css);
  const end = out.nodes.findIndex((n) => n.type === 'comment' && `/*${n.text}*/` === own);
  out.nodes.slice(end).forEach((n) => n.remove());
  out.walkRules((rule) => {
    const mark = rule.nodes.find((n) => n.type === 'comment' && /^bpa:\d+$/.test(n.text));
    if (!mark) return;
    mark.remove();
    const was = written[Number(mark.text.slice(4))];
    const kept = [];
    let j = 0;
    for (const s of rule.selectors) {
      while (j < was.length && skeleton(guardNested(was[j])) !== skeleton(s)) j++;
      if (j === was.length) {
        console.log(`bundle: note: PurgeCSS kept "${s}", which is not in the rule it came from: the rule is kept whole`);
        rule.selectors = was;
        return;
      }
      kept.push(was[j++]);
    }
    rule.selectors = kept;
  });
  // Rules left empty (only unused custom properties were in them), then the blocks around them.
  const prune = (container) =>
    container.each((n) => {
      if (!n.nodes) return; // a declaration, a comment, `@layer a, b;`
      prune(n);
      if (!n.nodes.length) n.remove();
    });
  prune(out);
  return out.toString();
}

async function pageCss() {
  const read = (p) => readFile(join(www, p), 'utf8');
  // The order index.html linked them in: the cascade stays the same.
  const vendor = ['vendor/designsystemet-theme.css', 'vendor/designsystemet.css'];
  const own = ['app.css', 'share.css', 'print.css', 'municipality.css'];
  const ownCss = await Promise.all(own.map(read));
  const vendorCss = await cutDesignsystemet((await Promise.all(vendor.map(read))).join('\n'), await pageSources(), ownCss.join('\n'));
  // The page's own `@media print` rules go to dist/print.css (see below);
  // the page's own CSS is shipped whole.
  const parts = ownCss.map(splitPaper);
  const screenCss = parts.map(([screen]) => screen).join('\n');
  const paperCss = parts.map(([, paper]) => paper).join('\n');
  const licence =
    '/*! Designsystemet (@digdir/designsystemet-css), MIT licence: vendor/designsystemet-LICENSE. ' +
    'Cut down to the rules this page uses by PurgeCSS (.ci/bundle.mjs). */\n';
  const { code } = await esbuild.transform(`${licence}${vendorCss}\n${screenCss}`, {
    loader: 'css',
    minify: true,
    target: TARGET,
    legalComments: 'inline',
  });
  const paper = await esbuild.transform(paperCss, { loader: 'css', minify: true, target: TARGET });
  return { page: narrowHas(code), print: paper.code };
}

/**
 * A few of Designsystemet's `:has()` rules have a bare or universal subject
 * (`:has(label) … .ds-input`, `… >*`, `:not(:has(thead)) tbody`), and with
 * those Chromium restyles every element of the page whenever any element is
 * added or removed: about 1000 elements per keystroke, most of a frame
 * (issue 4: keystroke → redraw under 16 ms; measured 1002 → 21 elements
 * restyled per keystroke). Each rewrite below narrows the subject to the
 * elements the rule can style on this page. `:where()` keeps the
 * specificity, so every computed style stays the same — which
 * tests/e2e/styles.spec.mjs checks against the full style sheets.
 * Matched against esbuild's minified output. A rewrite that no longer
 * matches (a new Designsystemet) is only a note: the page is then correct
 * but slower.
 */
const HAS_REWRITES = [
  ['.ds-field:has(.ds-input[aria-disabled=true],.ds-input:disabled)>*{',
    '.ds-field:has(.ds-input[aria-disabled=true],.ds-input:disabled)>:where(.ds-input,label,[data-field]){'],
  ['.ds-field:has(input[type=radio],input[type=checkbox])>*{',
    '.ds-field:has(input[type=radio],input[type=checkbox])>:where(.ds-input,label,[data-field]){'],
  ['.ds-field:has(input[type=radio],input[type=checkbox]):has(input:focus-visible) *{',
    '.ds-field:has(input[type=radio],input[type=checkbox]):has(input:focus-visible)>:where(.ds-input,label,[data-field]){'],
  [':has(label):not(:has(label:hover)) .ds-input', '.ds-field:has(label):not(:has(label:hover)) .ds-input'],
  [':not(:has(thead)) tbody', '.ds-table:not(:has(>thead))>tbody'],
  [':not(:has(tfoot)) tbody', '.ds-table:not(:has(>tfoot))>tbody'],
];

function narrowHas(css) {
  let out = css;
  for (const [from, to] of HAS_REWRITES) {
    if (!out.includes(from)) {
      console.log(`bundle: note: Designsystemet no longer has "${from}"; the page may restyle more per keystroke`);
      continue;
    }
    out = out.split(from).join(to);
  }
  return out;
}

// ---- JavaScript ------------------------------------------------------------------

/**
 * The page's entry (dist/main-HASH.js), and the glue left a module of its own.
 *
 * The entry waits for the first frame before it starts the calculator:
 * building the whole page is one long task (hundreds of ms on a slow
 * phone), and started at once it can hold back the first paint of the
 * heading and lead text that index.html already has (Lighthouse's FCP and
 * LCP). app.js is an entry of its own, so index.html can preload it (by its
 * name in this release) while the first frame is drawn.
 */
const pagePlugin = {
  name: 'bpa-page',
  setup(build) {
    build.onResolve({ filter: /^bpa:page$/ }, () => ({ path: 'page', namespace: 'bpa' }));
    build.onLoad({ filter: /.*/, namespace: 'bpa' }, () => ({
      contents: [
        "import './offline.js';",
        `const release = ${JSON.stringify(RELEASE)};`,
        'globalThis.bpaRelease = release;',
        // A mismatch: reload once (a cached file of another release); then say so, and start nothing.
        'const mixed = () => {',
        "  const flag = 'bpa-release-reload';",
        '  let again = false;',
        '  try { again = sessionStorage.getItem(flag) === release; sessionStorage.setItem(flag, release); } catch {}',
        '  if (!again) return location.reload();',
        "  const box = document.getElementById('loading');",
        "  if (box) box.textContent = 'Kalkulatoren ble oppdatert mens siden lastet. Last inn siden på nytt. Det du har fylt inn, er tatt vare på. (The calculator was updated while the page loaded. Reload the page; what you filled in is kept.)';",
        '};',
        'await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));',
        "const glue = await import('../pkg/bpa.js');",
        // The engine the page starts, for tests and the console: its file's name changes with each build.
        'globalThis.bpaEngine = glue;',
        'if (glue.bpaRelease !== release) mixed();',
        "else await import('./app.js').then(() => { try { sessionStorage.removeItem('bpa-release-reload'); } catch {} }, (e) => { if (String(e?.message).includes('bpa-release-mismatch')) mixed(); else throw e; });",
      ].join('\n'),
      resolveDir: www,
      loader: 'js',
    }));
    glueExternal(build);
  },
};

/**
 * The names of this build's files in dist/, as they are decided: `glue`
 * (the engine's glue, dist/bpa-HASH.js), `app` (dist/app-RELEASE.js),
 * `printCss` (dist/print-HASH.css).
 */
const shipped = {};

/**
 * The glue stays its own module (see the top of this file), in dist/ beside
 * the bundle under its hashed name: one instance, which the page starts.
 */
function glueExternal(build) {
  build.onResolve({ filter: /(^|\/)pkg\/bpa\.js$/ }, () => ({ path: `./${shipped.glue}`, external: true }));
}

const common = {
  // The npm packages the page bundles (hyphen, for hyphenate.js) are installed with the test tools.
  nodePaths: [join(root, 'tests', 'node_modules')],
  // print-panel.js loads the printout's style sheet by its hashed name.
  // i18n.js fetches the catalogues by their hashed names: given as JSON
  // text, since an object here would become a module of its own, shared.
  get define() {
    return { BPA_PRINT_CSS: JSON.stringify(`dist/${shipped.printCss}`), BPA_TEXTS: JSON.stringify(JSON.stringify(shipped.texts)) };
  },
  bundle: true,
  format: 'esm',
  minify: true,
  target: TARGET,
  // Kept, at the end of the file that bundles them: the `/*! … */` notices
  // a licence asks to ship with the code (hyphen-no.js, hyphen-en.js).
  legalComments: 'eof',
  metafile: true,
  logLevel: 'warning',
};

/**
 * Everything a first visit runs is in dist/app.js, one file: app.js and
 * every module it imports. The parts loaded later with import() (the
 * printout, the caseworker view, a municipality's profile, the embedding)
 * are built apart, and take what they share with the page (i18n.js,
 * dom.js, hooks.js, clock.js, notes.js, …) from dist/app.js itself, through
 * exports added to it for them: one instance of each module, so the
 * catalogue and the render hooks stay shared. esbuild's own code splitting
 * would instead put each shared module into a chunk of its own, and a first
 * visit would fetch four files where one does (measured: 0.9 KB gzip more,
 * and a request after app.js for each).
 *
 * Three passes: (1) which modules app.js runs and which it loads later;
 * (2) the later parts, each shared module replaced by a re-export from
 * ./app.js under a unique name (`i18n$t`); (3) main.js and app.js, with
 * those names exported and the import()s pointed at the files of (2).
 */
/**
 * The names `source` imports from `spec` when it writes only
 * `import { a, b as c } from 'spec'`; null (take every name) for any other
 * form (`import * as`, `export … from`, a default import).
 */
function importedNames(source, spec) {
  const from = `from\\s*['"]${spec.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]`;
  const named = [...source.matchAll(new RegExp(`\\bimport\\s*\\{([^}]*)\\}\\s*${from}`, 'g'))];
  const any = [...source.matchAll(new RegExp(`\\b(import|export)\\b[^;]*?${from}`, 'g'))];
  if (!named.length || any.length !== named.length) return null;
  return [...new Set(named.flatMap((m) => m[1].split(',').map((x) => x.trim().split(/\s+as\s+/)[0]).filter(Boolean)))];
}

async function pageJs(outdir) {
  const rel = (abs) => relative(root, abs);
  // (1) The modules of app.js, and the import()s among them.
  const graph = await esbuild.build({
    ...common,
    entryPoints: [join(www, 'app.js')],
    write: false,
    outdir,
    plugins: [{ name: 'bpa-graph', setup(build) {
      glueExternal(build);
      build.onResolve({ filter: /^\./, namespace: 'file' }, (args) => (args.kind === 'dynamic-import' ? { path: resolve(args.resolveDir, args.path), external: true } : undefined));
    } }],
  });
  const shared = new Set(Object.keys(graph.metafile.inputs).map((f) => resolve(root, f)));
  const later = new Set();
  for (const input of Object.values(graph.metafile.inputs)) {
    for (const i of input.imports) if (i.kind === 'dynamic-import' && i.external) later.add(i.path);
  }

  // (2) The later parts. A shared module becomes a re-export of its names from ./app.js.
  const exportsOf = async (file) => {
    const r = await esbuild.build({ entryPoints: [file], bundle: false, write: false, format: 'esm', metafile: true, outdir, logLevel: 'silent' });
    return Object.values(r.metafile.outputs)[0].exports;
  };
  const prefix = (file) => `${basename(file, '.js').replace(/[^A-Za-z0-9_]/g, '_')}$`;
  const bridge = {
    name: 'bpa-bridge',
    setup(build) {
      glueExternal(build);
      build.onResolve({ filter: /^\.\/app\.js$/, namespace: 'bpa-bridge' }, () => ({ path: `./${shipped.app}`, external: true }));
      build.onResolve({ filter: /^\./ }, (args) => {
        const file = resolve(args.resolveDir, args.path);
        if (!shared.has(file)) return undefined;
        // One re-export per importer, of the names it imports: esbuild keeps
        // every name of a re-export, used or not.
        return { path: file, suffix: `?from=${basename(args.importer)}`, namespace: 'bpa-bridge', pluginData: { importer: args.importer, spec: args.path } };
      });
      build.onLoad({ filter: /.*/, namespace: 'bpa-bridge' }, async (args) => {
        const all = await exportsOf(args.path);
        const names = importedNames(await readFile(args.pluginData.importer, 'utf8'), args.pluginData.spec) ?? all;
        for (const n of names) if (!all.includes(n)) throw new Error(`bundle: ${rel(args.pluginData.importer)} imports ${n}, which ${args.pluginData.spec} does not export`);
        return {
          contents: `export { ${names.map((n) => `${prefix(args.path)}${n} as ${n}`).join(', ')} } from './app.js';\n`,
          loader: 'js',
          resolveDir: www,
        };
      });
    },
  };
  const parts = await esbuild.build({
    ...common,
    entryPoints: [...later],
    splitting: true,
    outdir,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    plugins: [bridge],
  });
  const fileOf = new Map(); // source of a later part -> its file in dist/
  const wanted = new Map(); // shared module -> names the later parts take from app.js
  for (const [out, info] of Object.entries(parts.metafile.outputs)) {
    if (info.entryPoint) fileOf.set(resolve(root, info.entryPoint), basename(out));
    for (const i of info.imports) if (i.path === `./${shipped.app}`) {
      const code = await readFile(resolve(root, out), 'utf8');
      for (const m of code.matchAll(new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*"\\./${shipped.app.replace(/[.]/g, '\\.')}"`, 'g'))) {
        for (const spec of m[1].split(',')) {
          const name = spec.trim().split(/\s+as\s+/)[0];
          const file = [...shared].find((f) => name.startsWith(prefix(f)));
          if (!file) throw new Error(`bundle: ${out} imports ${name} from app.js, which no shared module gives`);
          const own = name.slice(prefix(file).length);
          if (new RegExp(`^export\\s+let\\s+${own.replace(/\$/g, '\\$')}\\b`, 'm').test(await readFile(file, 'utf8'))) {
            // A re-export through app.js is live, but say it: nothing here was tried with one.
            console.log(`bundle: note: ${out} takes the variable ${own} of ${rel(file)} through app.js`);
          }
          if (!wanted.has(file)) wanted.set(file, new Set());
          wanted.get(file).add(own);
        }
      }
    }
  }

  // (3) main.js and app.js, with the names the later parts take.
  const extra = [...wanted].map(([file, names]) =>
    `export { ${[...names].map((n) => `${n} as ${prefix(file)}${n}`).join(', ')} } from './${basename(file)}';`).join('\n');
  const page = await esbuild.build({
    ...common,
    entryPoints: { main: 'bpa:page', [shipped.app.replace(/\.js$/, '')]: join(www, 'app.js') },
    splitting: true,
    outdir,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    plugins: [pagePlugin, {
      name: 'bpa-later-parts',
      setup(build) {
        build.onLoad({ filter: /\/www\/app\.js$/ }, async (args) => ({
          // Before anything of the page starts: main.js must be of this release.
          contents: `if (globalThis.bpaRelease !== ${JSON.stringify(RELEASE)}) throw new Error('bpa-release-mismatch');\n${await readFile(args.path, 'utf8')}\n// For the parts loaded later (.ci/bundle.mjs):\n${extra}\nexport const bpaRelease = ${JSON.stringify(RELEASE)};\n`,
          loader: 'js',
        }));
        build.onResolve({ filter: /^\./ }, (args) => {
          if (args.kind !== 'dynamic-import') return undefined;
          const file = fileOf.get(resolve(args.resolveDir, args.path));
          return file ? { path: `./${file}`, external: true } : undefined;
        });
      },
    }],
  });
  const outputs = Object.entries(page.metafile.outputs);
  const app = outputs.find(([, o]) => o.entryPoint?.endsWith('www/app.js'))?.[1];
  const chunks = outputs.filter(([, o]) => !o.entryPoint && !o.path).map(([f]) => f);
  if (chunks.length) throw new Error(`bundle: app.js and main.js share ${chunks.join(', ')}: a first visit would load it apart`);
  for (const [file, names] of wanted) {
    for (const n of names) if (!app.exports.includes(`${prefix(file)}${n}`)) throw new Error(`bundle: app.js does not export ${prefix(file)}${n}`);
  }
}

/** www/sw.js minified to www/sw.min.js (see the top of this file). */
async function minifyWorker() {
  const src = await readFile(join(www, 'sw.js'), 'utf8');
  const { code } = await esbuild.transform(src, { minify: true, target: TARGET, legalComments: 'none' });
  const path = join(www, 'sw.min.js');
  await writeFile(`${path}.tmp`, code);
  await rename(`${path}.tmp`, path);
}

/**
 * wasm-bindgen's glue (pkg/bpa.js) minified into `outdir` as bpa-HASH.js,
 * naming the module by its hashed name (bpa_bg-HASH.wasm, copied beside
 * it) and carrying the release id (`export const bpaRelease`). pkg/ itself
 * is left as wasm-pack wrote it (tests/same_answers.mjs and the smoke test
 * load it there).
 */
async function shipGlue(outdir) {
  const wasmBytes = await readFile(join(www, 'pkg', 'bpa_bg.wasm'));
  shipped.wasm = hashed('bpa_bg.wasm', wasmBytes);
  await writeFile(join(outdir, shipped.wasm), wasmBytes);
  // (A pkg/bpa.js minified in place by an older build of this file carries a mark and a query: both go.)
  const src = (await readFile(join(www, 'pkg', 'bpa.js'), 'utf8')).split('\n/*bpa-release*/')[0];
  const { code } = await esbuild.transform(src, { minify: true, format: 'esm', target: TARGET, legalComments: 'none' });
  const wasm = /(["'`])bpa_bg\.wasm(\?r=[0-9a-f]+)?(["'`])/g;
  if ((code.match(wasm) || []).length !== 1) throw new Error('bundle: pkg/bpa.js does not name bpa_bg.wasm once: its hashed name cannot be put in');
  const glue = `${code.replace(wasm, `$1${shipped.wasm}$3`)}export const bpaRelease = ${JSON.stringify(RELEASE)};\n`;
  shipped.glue = hashed('bpa.js', glue);
  await writeFile(join(outdir, shipped.glue), glue);
}

/**
 * The catalogues (www/i18n/<code>.json) copied as dist/<code>-HASH.json, so
 * that a language first opened after a release comes from the page's own
 * release, never the newer one's texts under the old page's keys. The page
 * gets their names as BPA_TEXTS (the JSON text of { nb: "dist/nb-HASH.json",
 * … }, an esbuild `define`). languages.json, the list of names on the language buttons,
 * keeps its name: a language added to the list later than the build that
 * the page comes from is fetched by its plain name (i18n.js, textsUrl()).
 */
async function shipTexts(outdir) {
  shipped.texts = {};
  for (const f of (await readdir(join(www, 'i18n'))).sort()) {
    if (!f.endsWith('.json') || f === 'languages.json') continue;
    const bytes = await readFile(join(www, 'i18n', f));
    const name = hashed(f, bytes);
    await writeFile(join(outdir, name), bytes);
    shipped.texts[f.slice(0, -'.json'.length)] = `dist/${name}`;
  }
  if (!shipped.texts.nb) throw new Error('bundle: www/i18n/nb.json is missing: the page has no texts');
}

/**
 * dist/main.js (as pageJs() wrote it) renamed main-HASH.js: nothing but
 * index.html names it.
 */
async function hashMain(outdir) {
  const body = await readFile(join(outdir, 'main.js'));
  shipped.main = hashed('main.js', body);
  await rename(join(outdir, 'main.js'), join(outdir, shipped.main));
}

/**
 * The page, www/index.html, from its source www/index.src.html: each file
 * the source names by its readable name (dist/page.css, dist/main.js,
 * dist/app.js, pkg/bpa.js) named by this build's file, and the release id
 * in a <meta> (draw.js's loader() compares it with the server's page when a
 * part fails to load). The only file of the release without a hash in its
 * name: the one a reload asks the server for again.
 */
async function pageHtml() {
  let html = await readFile(join(www, 'index.src.html'), 'utf8');
  const names = {
    'dist/page.css': `dist/${shipped.pageCss}`,
    'dist/main.js': `dist/${shipped.main}`,
    'dist/app.js': `dist/${shipped.app}`,
    'pkg/bpa.js': `dist/${shipped.glue}`,
    'i18n/nb.json': shipped.texts.nb,
  };
  for (const [from, to] of Object.entries(names)) {
    const attr = new RegExp(`(href|src)="${from.replace(/[.]/g, '\\.')}"`, 'g');
    if (!attr.test(html)) throw new Error(`bundle: www/index.src.html does not name ${from} (in href= or src=)`);
    html = html.replace(attr, `$1="${to}"`);
  }
  const meta = `<meta name="bpa-release" content="${RELEASE}">`;
  if (!html.includes('<meta charset="utf-8">')) throw new Error('bundle: www/index.src.html has no <meta charset="utf-8">');
  html = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n${meta}`);
  // (After the doctype: anything before it puts the page in quirks mode.)
  if (!/^<!doctype html>\n/i.test(html)) throw new Error('bundle: www/index.src.html does not start with <!doctype html>');
  return html.replace(/^(<!doctype html>\n)/i, '$1<!-- Made by .ci/bundle.mjs from index.src.html: edit that file. -->\n');
}

// ---- Build into a new folder, then put it in place -------------------------------

const tmp = await mkdtemp(join(www, '.dist-'));
let files;
try {
  const css = await pageCss();
  shipped.pageCss = hashed('page.css', css.page);
  shipped.printCss = hashed('print.css', css.print);
  await writeFile(join(tmp, shipped.pageCss), css.page);
  await writeFile(join(tmp, shipped.printCss), css.print);
  await shipGlue(tmp);
  await shipTexts(tmp);
  // app.js and the parts it loads later name each other, so app's name
  // cannot be a hash of its own bytes: it is the release id, a hash of
  // everything the build is made from (see the top of this file).
  shipped.app = `app-${RELEASE}.js`;
  await pageJs(tmp);
  await hashMain(tmp);
  await minifyWorker();
  files = await readdir(tmp);
  // New files first, then the page that names them, then the old ones go:
  // a page being served names files that are there at every moment.
  const dist = join(www, 'dist');
  await mkdir(dist, { recursive: true });
  await chmod(dist, 0o755);
  for (const f of files) await rename(join(tmp, f), join(dist, f));
  const page = join(www, 'index.html');
  await writeFile(`${page}.tmp`, await pageHtml());
  await rename(`${page}.tmp`, page);
  for (const f of await readdir(dist)) if (!files.includes(f)) await rm(join(dist, f), { recursive: true, force: true });
} finally {
  await rm(tmp, { recursive: true, force: true });
}

console.log(`bundle:   release ${RELEASE}`);
for (const f of ['index.html', ...files.sort().map((f) => `dist/${f}`), 'sw.min.js']) {
  const body = await readFile(join(www, f));
  console.log(`bundle:   www/${f.padEnd(34)} ${String(body.length).padStart(8)} B  ${String(gzipSync(body, { level: 9 }).length).padStart(8)} B gzip`);
}
