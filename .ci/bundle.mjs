// Makes the page light for the network (the first visit's budget: 160 KB
// gzip -9, everything included; .ci/check-size.mjs). Run by .ci/build after
// the wasm and the vendored CSS are in place; writes only gitignored build
// output:
//
//   www/dist/page.css   the one render-blocking style sheet: Designsystemet's
//                       theme and components cut down to what the page uses,
//                       then app.css, share.css, print.css, municipality.css
//                       (in the order index.html used to link them), minified,
//                       without their `@media print` rules:
//   www/dist/print.css  the `@media print` rules of those four (the printout
//                       on paper): app.js loads it with the printout's
//                       module, when the page is in use or before printing
//   www/dist/main.js    what index.html runs: registers the service worker
//                       (offline.js), lets the browser paint the static
//                       header, then imports app.js
//   www/dist/app.js     the page's JavaScript (app.js and what it imports),
//                       bundled and minified by esbuild into this one file;
//                       index.html preloads it. What the modules load with
//                       import() (the printout, the caseworker view, …) is
//                       built apart (www/dist/printout-*.js, chunk-*.js),
//                       fetched when used, and takes the modules it shares
//                       with the page from app.js (see pageJs())
//   www/sw.min.js       the service worker (www/sw.js) minified; offline.js
//                       registers this one. A worker controls only its own
//                       folder and those below, so it cannot be in dist/
//                       (www/.gitignore keeps it out of git)
//   www/pkg/bpa.js      minified in place (wasm-bindgen's glue). It stays its
//                       own module at the same URL: the bundle imports
//                       ../pkg/bpa.js, so a test's import('./pkg/bpa.js') in
//                       the page gets the instance the page initialised.
//
// The sources (www/*.js, www/*.css) are untouched and stay readable: this is
// only how they are shipped.
//
//   node .ci/bundle.mjs        (from the repository root; .ci/build runs it)
import { createRequire } from 'node:module';
import { chmod, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve, dirname } from 'node:path';
import { gzipSync } from 'node:zlib';

const require = createRequire(new URL('../tests/package.json', import.meta.url));
const esbuild = require('esbuild');

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const www = join(root, 'www');

/** Browsers the page supports: recent evergreen ones (it needs wasm, ES modules, :has()). */
const TARGET = ['chrome111', 'firefox121', 'safari16.4'];

// ---- What the page's markup and scripts can ask for ---------------------------

/**
 * Every word in the page's own HTML and JavaScript (class names, attribute
 * values, custom property names). Generous on purpose: a CSS rule is dropped
 * only when nothing could ever match it, never on a guess.
 */
async function sourceWords() {
  const names = (await readdir(www)).filter((f) => /\.(js|html)$/.test(f) && !/^sw(\.min)?\.js$/.test(f));
  const text = (await Promise.all(names.map((f) => readFile(join(www, f), 'utf8')))).join('\n');
  const words = new Set(text.match(/[A-Za-z0-9_-]+/g));
  // Colour schemes and typographies are set in markup only
  // (data-color-scheme="light"): one never written there (dark, auto,
  // secondary) cannot be on the page.
  const markup = (name) => new Set([...text.matchAll(new RegExp(`${name}="([a-z-]+)"`, 'g'))].map((m) => m[1]));
  const fixed = { 'data-color-scheme': markup('data-color-scheme'), 'data-typography': markup('data-typography') };
  // Roles as written (role="tab", role: 'tab'); `switch` is also a keyword.
  fixed.role = new Set([...text.matchAll(/\brole(?:=|:\s*)["']([a-z]+)["']/g)].map((m) => m[1]));
  // Custom properties the scripts set or read (`--ds-color-accent-${n}`
  // is a prefix: every property that starts with it counts as used).
  const props = [...text.matchAll(/--[A-Za-z0-9_-]+/g)].map((m) => m[0]);
  return { words, fixed, props: new Set(props), prefixes: props.filter((p) => p.endsWith('-')) };
}

// ---- A small CSS reader: blocks, rules and declarations -----------------------

/**
 * Parses CSS into nodes: `{ decl: text }` for a declaration or an at-rule
 * without a block (`@layer a, b;`), `{ prelude, children }` for a rule or
 * an at-rule with a block. Strings, comments and parentheses are skipped
 * over, so a `;` or `{` inside url(...) or "..." does not split.
 */
function parseCss(css) {
  let i = 0;
  const block = () => {
    const nodes = [];
    let start = i;
    let depth = 0;
    while (i < css.length) {
      const c = css[i];
      if (c === '"' || c === "'") {
        const q = c;
        for (i++; i < css.length && css[i] !== q; i++) if (css[i] === '\\') i++;
        i++;
      } else if (c === '/' && css[i + 1] === '*') {
        const end = css.indexOf('*/', i + 2);
        // Comments are dropped (the licence note is added back by name).
        css = css.slice(0, i) + css.slice(end < 0 ? css.length : end + 2);
      } else if (c === '(' || c === '[') {
        depth++;
        i++;
      } else if (c === ')' || c === ']') {
        depth--;
        i++;
      } else if (depth > 0) {
        i++;
      } else if (c === '{') {
        const prelude = css.slice(start, i).trim();
        i++;
        const children = block();
        nodes.push({ prelude, children });
        start = i;
      } else if (c === '}') {
        const rest = css.slice(start, i).trim();
        if (rest) nodes.push({ decl: rest });
        i++;
        return nodes;
      } else if (c === ';') {
        const decl = css.slice(start, i).trim();
        if (decl) nodes.push({ decl });
        i++;
        start = i;
      } else {
        i++;
      }
    }
    const rest = css.slice(start).trim();
    if (rest) nodes.push({ decl: rest });
    return nodes;
  };
  return block();
}

function printCss(nodes) {
  return nodes
    .map((n) => (n.decl !== undefined ? `${n.decl};` : `${n.prelude}{${printCss(n.children)}}`))
    .join('');
}

/** Splits on commas outside parentheses and brackets. */
function splitTop(s) {
  const out = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out.map((x) => x.trim()).filter(Boolean);
}

// ---- Cutting Designsystemet down to the page ------------------------------------

/**
 * Whether a selector could match something the page makes: each
 * Designsystemet class in it (`.ds-button`) is one the page's sources name,
 * and each data-*, aria-* or role attribute it asks for is one they write.
 * Inside :is()/:where() one alternative that could match is enough; what
 * is inside :not()/:has() is not judged (keeping a rule is always safe).
 */
function selectorCanMatch(sel, used) {
  // Take out each top-level functional pseudo-class (:is(…), :not(…), …):
  // for :is()/:where() one of its alternatives must be able to match; what
  // :not(), :has() and the like take is not judged.
  let s = '';
  for (let i = 0; i < sel.length; ) {
    const m = /^:([a-z-]+)\(/.exec(sel.slice(i));
    if (!m) {
      s += sel[i++];
      continue;
    }
    let depth = 1;
    let j = i + m[0].length;
    for (; j < sel.length && depth > 0; j++) {
      if (sel[j] === '(') depth++;
      else if (sel[j] === ')') depth--;
    }
    if (['is', 'where', 'matches'].includes(m[1])) {
      const inner = sel.slice(i + m[0].length, j - 1);
      if (!splitTop(inner).some((alt) => selectorCanMatch(alt, used))) return false;
    }
    i = j;
  }
  for (const [, cls] of s.matchAll(/\.(ds-[A-Za-z0-9_-]+)/g)) if (!used.words.has(cls)) return false;
  // Attributes only the page's own markup and scripts set (data-*, aria-*,
  // role): the name must be one they write, and an exact value one of their
  // words (`[data-zebra]`, `[aria-sort]`, `[role=switch]` go when unused).
  for (const [, name, op, value] of s.matchAll(/\[\s*([a-z-]+)\s*(?:([~|^$*]?=)\s*["']?([^"'\]]*?)["']?\s*(?:\si)?)?\]/g)) {
    if (!/^(data-|aria-)|^role$/.test(name)) continue;
    if (!used.words.has(name)) return false;
    if (op === '=' && !(used.fixed[name] ?? used.words).has(value)) return false;
  }
  return true;
}

/** Drops the rules no element of the page can match; empty blocks go too. */
function dropUnmatched(nodes, used) {
  const out = [];
  for (const n of nodes) {
    if (n.decl !== undefined) {
      out.push(n);
      continue;
    }
    if (n.prelude.startsWith('@')) {
      // @keyframes, @font-face, @property: kept as they are (the unused ones
      // are dropped afterwards, by name).
      if (/^@(keyframes|-webkit-keyframes|font-face|property)\b/.test(n.prelude)) {
        out.push(n);
        continue;
      }
      const children = dropUnmatched(n.children, used);
      if (children.length) out.push({ prelude: n.prelude, children });
      continue;
    }
    const selectors = splitTop(n.prelude).filter((s) => selectorCanMatch(s, used));
    if (!selectors.length) continue;
    out.push({ prelude: selectors.join(','), children: dropUnmatched(n.children, used) });
  }
  return out;
}

const propName = (decl) => /^(--[A-Za-z0-9_-]+)\s*:/.exec(decl)?.[1];
const propsIn = (text) => text.match(/--[A-Za-z0-9_-]+/g) ?? [];

function walkDecls(nodes, fn) {
  for (const n of nodes) {
    if (n.decl !== undefined) fn(n.decl);
    else if (/^@property\s/.test(n.prelude)) fn(`${n.prelude.slice(10).trim()}:${printCss(n.children)}`);
    else walkDecls(n.children, fn);
  }
}

/**
 * The custom properties something uses: those the page's own CSS and the
 * kept Designsystemet rules read in an ordinary declaration, those the
 * scripts name, and, repeatedly, those the values of used ones read.
 */
function usedProps(trees, used) {
  const defs = new Map(); // name -> [value text]
  const seen = new Set(used.props);
  const queue = [...used.props];
  const add = (p) => {
    if (!seen.has(p)) {
      seen.add(p);
      queue.push(p);
    }
  };
  for (const tree of trees) {
    walkDecls(tree, (d) => {
      const name = propName(d);
      if (name) {
        if (!defs.has(name)) defs.set(name, []);
        defs.get(name).push(d.slice(d.indexOf(':') + 1));
      } else {
        propsIn(d).forEach(add);
      }
    });
  }
  for (const name of defs.keys()) if (used.prefixes.some((p) => name.startsWith(p))) add(name);
  while (queue.length) {
    const p = queue.pop();
    for (const v of defs.get(p) ?? []) propsIn(v).forEach(add);
  }
  return seen;
}

/** Drops declarations of unused custom properties, then rules left empty. */
function dropUnusedProps(nodes, keep) {
  const out = [];
  for (const n of nodes) {
    if (n.decl !== undefined) {
      const name = propName(n.decl);
      if (!name || keep.has(name)) out.push(n);
      continue;
    }
    if (/^@property\s/.test(n.prelude)) {
      if (keep.has(n.prelude.slice(10).trim())) out.push(n);
      continue;
    }
    if (/^@(-webkit-)?keyframes\b/.test(n.prelude)) {
      out.push(n);
      continue;
    }
    const children = dropUnusedProps(n.children, keep);
    if (children.length) out.push({ prelude: n.prelude, children });
  }
  return out;
}

/** Drops @keyframes no kept animation names. */
function dropUnusedKeyframes(nodes, text) {
  return nodes
    .filter((n) => {
      const m = /^@(?:-webkit-)?keyframes\s+([A-Za-z0-9_-]+)/.exec(n.prelude ?? '');
      return !m || new RegExp(`animation[a-z-]*:[^;}]*\\b${m[1]}\\b`).test(text);
    })
    .map((n) => (n.children ? { ...n, children: dropUnusedKeyframes(n.children, text) } : n));
}

async function pageCss() {
  const used = await sourceWords();
  const read = (p) => readFile(join(www, p), 'utf8');
  // The order index.html linked them in: the cascade stays the same.
  const vendor = ['vendor/designsystemet-theme.css', 'vendor/designsystemet.css'];
  const own = ['app.css', 'share.css', 'print.css', 'municipality.css'];
  const vendorTrees = (await Promise.all(vendor.map(read))).map((css) => dropUnmatched(parseCss(css), used));
  const ownTrees = (await Promise.all(own.map(read))).map(parseCss);
  const keep = usedProps([...vendorTrees, ...ownTrees], used);
  let vendorCss = vendorTrees.map((t) => printCss(dropUnusedProps(t, keep))).join('\n');
  // The page's own `@media print` rules go to dist/print.css (see below).
  const [ownCss, paperCss] = (await Promise.all(own.map(read)))
    .map((css) => {
      const nodes = parseCss(css);
      const paper = (n) => n.prelude !== undefined && /^@media\s+print$/.test(n.prelude);
      return [printCss(nodes.filter((n) => !paper(n))), printCss(nodes.filter(paper))];
    })
    .reduce(([a, b], [x, y]) => [`${a}\n${x}`, `${b}\n${y}`], ['', '']);
  vendorCss = printCss(dropUnusedKeyframes(parseCss(vendorCss), vendorCss + ownCss));
  const licence =
    '/*! Designsystemet (@digdir/designsystemet-css), MIT licence: vendor/designsystemet-LICENSE. ' +
    'Cut down to the rules this page uses by .ci/bundle.mjs. */\n';
  const { code } = await esbuild.transform(`${licence}${vendorCss}\n${ownCss}`, {
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
 * The page's entry (dist/main.js), and pkg/bpa.js left a module of its own.
 *
 * The entry waits for the first frame before it starts the calculator:
 * building the whole page is one long task (hundreds of ms on a slow
 * phone), and started at once it can hold back the first paint of the
 * heading and lead text that index.html already has (Lighthouse's FCP and
 * LCP). app.js is an entry of its own, so it keeps its name and index.html
 * can preload it while the first frame is drawn.
 */
const pagePlugin = {
  name: 'bpa-page',
  setup(build) {
    build.onResolve({ filter: /^bpa:page$/ }, () => ({ path: 'page', namespace: 'bpa' }));
    build.onLoad({ filter: /.*/, namespace: 'bpa' }, () => ({
      contents: [
        "import './offline.js';",
        'await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));',
        "await import('./app.js');",
      ].join('\n'),
      resolveDir: www,
      loader: 'js',
    }));
    glueExternal(build);
  },
};

/**
 * pkg/bpa.js is kept at its own URL (see the top of this file); www/dist/
 * is one folder down, so the bundle imports it as ../pkg/bpa.js.
 */
function glueExternal(build) {
  build.onResolve({ filter: /(^|\/)pkg\/bpa\.js$/ }, () => ({ path: '../pkg/bpa.js', external: true }));
}

const common = {
  bundle: true,
  format: 'esm',
  minify: true,
  target: TARGET,
  legalComments: 'none',
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
  return [...new Set(named.flatMap((m) => m[1].split(',').map((x) => x.trim().split(/\\s+as\\s+/)[0]).filter(Boolean)))];
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
      build.onResolve({ filter: /^\.\/app\.js$/, namespace: 'bpa-bridge' }, () => ({ path: './app.js', external: true }));
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
    for (const i of info.imports) if (i.path === './app.js') {
      const code = await readFile(resolve(root, out), 'utf8');
      for (const m of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*"\.\/app\.js"/g)) {
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
    entryPoints: { main: 'bpa:page', app: join(www, 'app.js') },
    splitting: true,
    outdir,
    chunkNames: 'chunk-[hash]',
    plugins: [pagePlugin, {
      name: 'bpa-later-parts',
      setup(build) {
        build.onLoad({ filter: /\/www\/app\.js$/ }, async (args) => ({
          contents: `${await readFile(args.path, 'utf8')}\n// For the parts loaded later (.ci/bundle.mjs):\n${extra}\n`,
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

async function minifyGlue() {
  const path = join(www, 'pkg', 'bpa.js');
  const src = await readFile(path, 'utf8');
  const { code } = await esbuild.transform(src, { minify: true, format: 'esm', target: TARGET, legalComments: 'none' });
  await writeFile(`${path}.tmp`, code);
  await rename(`${path}.tmp`, path);
}

// ---- Build into a new folder, then swap it in ------------------------------------

const tmp = await mkdtemp(join(www, '.dist-'));
try {
  await pageJs(tmp);
  const css = await pageCss();
  await writeFile(join(tmp, 'page.css'), css.page);
  await writeFile(join(tmp, 'print.css'), css.print);
  await minifyGlue();
  await minifyWorker();
  await chmod(tmp, 0o755);
  await rm(join(www, 'dist'), { recursive: true, force: true });
  await rename(tmp, join(www, 'dist'));
} catch (err) {
  await rm(tmp, { recursive: true, force: true });
  throw err;
}

for (const f of ['dist/page.css', 'dist/print.css', ...(await readdir(join(www, 'dist'))).filter((f) => f.endsWith('.js')).map((f) => `dist/${f}`), 'pkg/bpa.js', 'sw.min.js']) {
  const body = await readFile(join(www, f));
  console.log(`bundle:   www/${f.padEnd(30)} ${String(body.length).padStart(8)} B  ${String(gzipSync(body, { level: 9 }).length).padStart(8)} B gzip`);
}
