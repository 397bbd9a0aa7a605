// The page and the CLI accept and refuse exactly the same inputs.
//
// Every file in tests/hostile/ (see make.py there), one made here over the
// 1 MB limit, and the input of every case file in tests/cases/ are opened
//   - by the CLI: `bpa assess FILE --json`, whose refusal is `{ok: false, errors}`;
//   - by the page's WebAssembly (www/pkg, as .ci/build made it): `open_file`
//     with the file's bytes, then `assess` with the case it gave;
// and the outcome must be the same: accepted by both, or refused by both
// with the same list of (field, code).
//
// Then the same for the page's own state: every input that JSON.parse reads
// is also passed as a JS value to `validate` and compared. JSON.parse reads
// a few numbers otherwise than serde_json does: those are listed, with why,
// and must differ only there.
//
//   node tests/same_answers.mjs [path/to/bpa]
// Prints one line per disagreement and `same answers: N passed, M failed`.
import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(new URL('..', import.meta.url).pathname);
const cli = process.argv[2] ?? join(root, 'target/debug/bpa');
const tmp = await mkdtemp(join(tmpdir(), 'bpa-same-'));
await copyFile(join(root, 'www/pkg/bpa.js'), join(tmp, 'bpa.mjs'));
const bpa = await import(pathToFileURL(join(tmp, 'bpa.mjs')).href);
bpa.initSync({ module: await readFile(join(root, 'www/pkg/bpa_bg.wasm')) });

/** [(name, path)] of every input. */
const inputs = [];
for (const f of (await readdir(join(root, 'tests/hostile'))).sort()) {
  if (f.endsWith('.json')) inputs.push([`hostile/${f}`, join(root, 'tests/hostile', f)]);
}
const big = join(tmp, 'over_1_mb.json');
await writeFile(big, JSON.stringify({ notes: { goal: 'x'.repeat(1024 * 1024) } }));
inputs.push(['made here: over_1_mb.json', big]);
for (const f of (await readdir(join(root, 'tests/cases'))).sort()) {
  if (!f.endsWith('.json')) continue;
  const file = JSON.parse(await readFile(join(root, 'tests/cases', f), 'utf8'));
  const path = join(tmp, `case-${f}`);
  await writeFile(path, JSON.stringify(file.input));
  inputs.push([`cases/${f}`, path]);
}

/** An outcome as comparable text: "accepted", or the sorted (field, code) list. */
const outcome = (reply) =>
  reply.ok ? 'accepted' : JSON.stringify(reply.errors.map((e) => [e.field, e.code]));

function byCli(path) {
  try {
    execFileSync(cli, ['assess', path, '--json'], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
    return 'accepted';
  } catch (e) {
    if (e.status !== 2) return `exit code ${e.status}: ${e.stderr}`;
    return outcome(JSON.parse(e.stdout.toString()));
  }
}

function byPage(bytes) {
  const opened = bpa.open_file(bytes);
  return opened.ok ? outcome(bpa.assess(opened.case)) : outcome(opened);
}

/**
 * Texts whose numbers JSON.parse reads as other numbers, so that the page's
 * state, written back by JSON.stringify, is another text: -0 becomes 0,
 * 4.5e1 becomes 45, 1.0 becomes 1, 1e-400 becomes 0, and ±1e400 becomes
 * Infinity, which JSON.stringify writes as null (an age not given). A value
 * nested 100 000 deep overflows JSON.stringify's own stack: refused as a
 * whole. Each must differ, or be dropped from here.
 */
const JS_READS_OTHERWISE = {
  'hostile/age_minus_zero.json': '-0 is 0 in JavaScript',
  'hostile/age_exponent.json': '4.5e1 is 45',
  'hostile/version_float.json': '1.0 is 1',
  'hostile/age_tiny.json': '1e-400 is 0',
  'hostile/age_huge.json': '1e400 is Infinity, written as null',
  'hostile/age_minus_huge.json': '-1e400 is -Infinity, written as null',
  'hostile/deep_100000.json': 'JSON.stringify runs out of stack; refused as a whole',
};

let passed = 0;
let failed = 0;
let valueChecked = 0;
for (const [name, path] of inputs) {
  const bytes = await readFile(path);
  const [cliSays, pageSays] = [byCli(path), byPage(bytes)];
  if (cliSays === pageSays) passed += 1;
  else {
    failed += 1;
    console.log(`DIFFERENT ${name}\n  cli:  ${cliSays}\n  page: ${pageSays}`);
  }
  // The page's own state: the same text as a JS value.
  let value;
  try {
    value = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    continue;
  }
  const opened = bpa.open_file(bytes);
  if (!opened.ok && opened.errors.some((e) => /^FILE_|INPUT_TOO_LARGE/.test(e.code))) continue;
  valueChecked += 1;
  const asValue = outcome(bpa.validate(value));
  const asFile = outcome(opened);
  const same = asValue === asFile;
  if (same && JS_READS_OTHERWISE[name]) {
    failed += 1;
    console.log(`LISTED BUT SAME ${name}: drop it from JS_READS_OTHERWISE`);
  } else if (!same && !JS_READS_OTHERWISE[name]) {
    failed += 1;
    console.log(`DIFFERENT AS A JS VALUE ${name}\n  file:  ${asFile}\n  value: ${asValue}`);
  } else passed += 1;
}
await rm(tmp, { recursive: true, force: true });
console.log(`${inputs.length} inputs through the CLI and the page; ${valueChecked} also as JS values`);
console.log(`same answers: ${passed} passed, ${failed} failed`);
if (failed > 0 || passed === 0) process.exitCode = 1;
