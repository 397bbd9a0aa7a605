// Loads the built module in Node and checks the seed's example week gives
// the answer the rules give natively, so a wasm-opt pass that breaks the
// module (as Debian's binaryen does) fails the build, not the page.
//
// Usage: node .ci/check-wasm.mjs www/pkg
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = resolve(process.argv[2] ?? 'www/pkg');
// bpa.js is an ES module in a folder without {"type": "module"}: import a
// copy named .mjs, so no Node version has to guess.
const tmp = await mkdtemp(join(tmpdir(), 'bpa-check-'));
await copyFile(`${dir}/bpa.js`, join(tmp, 'bpa.mjs'));
const bpa = await import(pathToFileURL(join(tmp, 'bpa.mjs')).href);
await rm(tmp, { recursive: true, force: true });
bpa.initSync({ module: await readFile(`${dir}/bpa_bg.wasm`) });

const reply = bpa.assess(bpa.example_case());
const a = reply.assessment;
const problems = [];
if (reply.ok !== true) problems.push(`ok is ${reply.ok}: ${JSON.stringify(reply.errors)}`);
else {
  if (a.verdict !== 'likely_right_unless_cost') problems.push(`verdict is ${a.verdict}`);
  if (a.hours.counted !== 28) problems.push(`counted is ${a.hours.counted}`);
}
const bad = bpa.assess(5);
if (bad.ok !== false) problems.push('a number was accepted as a case');

if (problems.length > 0) {
  console.error(`check-wasm: ${dir}/bpa_bg.wasm is broken:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-wasm: ok (rules ${bpa.rules_version()}, ${a.verdict}, ${a.hours.counted} h)`);
