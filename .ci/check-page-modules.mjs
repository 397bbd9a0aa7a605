// The page's modules (www/*.js) import each other in one direction only,
// and only www/engine.js imports the WebAssembly's glue (www/pkg/).
//
// Reads every `import … from './x.js'`, `import './x.js'`, `export … from
// './x.js'` and `import('./x.js')` of each module, with esbuild's own parser
// (a comment or a string that mentions an import is not one), builds the
// graph and fails when it has a cycle (a dynamic import() counts: a module
// loaded later must not import back what loads it), when a module other than
// engine.js imports pkg/, when an npm package is imported other than by its
// one wrapper (PACKAGES), or when an import names a file that is not there.
// Prints each module with what it imports, in an order where each comes
// after all it imports.
//
//   node .ci/check-page-modules.mjs [www]      (from the repository root)
//
// Prints `test result: ok. N passed; M failed` (the form .ci/test adds up).
import { createRequire } from 'node:module';
import { readdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';

const require = createRequire(new URL('../tests/package.json', import.meta.url));
const esbuild = require('esbuild');

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const www = resolve(root, process.argv[2] ?? 'www');
/** The one module that may import pkg/ (the engine's glue). */
const ENGINE = 'engine.js';
/**
 * The npm packages the page bundles, each imported by one module of its own
 * that the page loads on use: the hyphenation patterns (hyphenate.js).
 */
const PACKAGES = { 'hyphen/no': 'hyphen-no.js', 'hyphen/en-us': 'hyphen-en.js' };

// The page's own modules; sw.min.js is the build's copy of sw.js.
const modules = readdirSync(www).filter((f) => f.endsWith('.js') && f !== 'sw.min.js').sort();

/** module -> [{ to, dynamic }] */
const imports = new Map(modules.map((m) => [m, []]));
const problems = [];
/** module -> the pkg/ file it imports (outside the graph: the glue imports none of the page) */
const glue = new Map();

await esbuild.build({
  entryPoints: modules.map((m) => join(www, m)),
  bundle: true,
  write: false,
  outdir: join(www, '.check-page-modules'),
  format: 'esm',
  logLevel: 'silent',
  plugins: [{
    name: 'record-imports',
    setup(build) {
      // Every import of an entry is recorded and left out: nothing is read
      // but the modules themselves.
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const from = basename(args.importer);
        const dynamic = args.kind === 'dynamic-import';
        if (!args.path.startsWith('.')) {
          if (PACKAGES[args.path] !== from) problems.push(`${from} imports '${args.path}': the page has no packages but ${Object.keys(PACKAGES).join(', ')}, each imported by its own module (${Object.values(PACKAGES).join(', ')})`);
        } else {
          const file = resolve(args.resolveDir, args.path);
          const rel = relative(www, file);
          if (rel.split('/')[0] === 'pkg') {
            if (from !== ENGINE) problems.push(`${from} imports '${args.path}': only ${ENGINE} imports pkg/ (import what you need from ./${ENGINE})`);
            glue.set(from, rel);
          } else if (!modules.includes(rel)) {
            problems.push(`${from} imports '${args.path}', which is not a module of ${relative(root, www)}/`);
          } else {
            imports.get(from).push({ to: rel, dynamic });
          }
        }
        return { path: args.path, external: true };
      });
    },
  }],
});

// Cycles: a depth-first walk; a module met again while it is still on the
// path closes a cycle, printed as the path from it back to it.
const state = new Map(); // module -> 'open' | 'done'
const order = [];
const cycles = [];
function walk(m, path) {
  state.set(m, 'open');
  path.push(m);
  for (const { to, dynamic } of imports.get(m)) {
    if (state.get(to) === 'open') {
      const at = path.indexOf(to);
      cycles.push([...path.slice(at), to].map((x, i, all) => (i && imports.get(all[i - 1]).find((e) => e.to === x)?.dynamic ? `import(${x})` : x)).join(' → '));
    } else if (!state.has(to)) walk(to, path);
  }
  path.pop();
  state.set(m, 'done');
  order.push(m);
}
for (const m of modules) if (!state.has(m)) walk(m, []);
for (const c of cycles) problems.push(`import cycle: ${c}`);

for (const m of order) {
  const list = [...(glue.has(m) ? [glue.get(m)] : []), ...imports.get(m).map(({ to, dynamic }) => (dynamic ? `import(${to})` : to))];
  console.log(`page-modules: ${m.padEnd(18)} ${list.length ? list.join(', ') : '(nothing)'}`);
}
for (const p of problems) console.log(`page-modules: FAILED: ${p}`);
const checks = 3; // no cycle, pkg/ only from engine.js, every import a module here
const failed = new Set(problems.map((p) => (p.startsWith('import cycle') ? 'cycle' : p.includes('pkg/') ? 'pkg' : 'file'))).size;
console.log(`test result: ${failed ? 'FAILED' : 'ok'}. ${checks - failed} passed; ${failed} failed; ${modules.length} modules`);
process.exitCode = failed ? 1 : 0;
