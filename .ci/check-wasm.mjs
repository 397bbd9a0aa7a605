// Loads the built module in Node and checks the seed's example week gives
// the answer the rules give natively, so a wasm-opt pass that breaks the
// module (as Debian's binaryen does) fails the build, not the page.
//
// Usage: node .ci/check-wasm.mjs www/pkg
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = resolve(process.argv[2] ?? 'www/pkg');
const bpa = await import(pathToFileURL(`${dir}/bpa.js`).href);
bpa.initSync({ module: await readFile(`${dir}/bpa_bg.wasm`) });

const reply = bpa.assess(bpa.example_case(), '2026-11-23');
const a = reply.assessment;
const problems = [];
if (reply.ok !== true) problems.push(`ok is ${reply.ok}: ${JSON.stringify(reply.errors)}`);
else {
  if (a.verdict !== 'likely_right_unless_cost') problems.push(`verdict is ${a.verdict}`);
  if (a.hours.counted !== 28) problems.push(`counted is ${a.hours.counted}`);
}
const bad = bpa.assess(5, '2026-11-23');
if (bad.ok !== false) problems.push('a number was accepted as a case');

if (problems.length > 0) {
  console.error(`check-wasm: ${dir}/bpa_bg.wasm is broken:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-wasm: ok (rules ${bpa.rules_version()}, ${a.verdict}, ${a.hours.counted} h)`);
