// Runs the end-to-end tests: every tests/e2e/*.test.mjs, one file at a time
// (each starts its own Chromium; the machines have two cores), with Node's
// built-in test runner. It starts no server: `.ci/test` serves www/ and
// passes its address as BASE_URL.
//
//   BASE_URL=http://127.0.0.1:8080/ node tests/e2e/run.mjs [name-filter]
//
// Prints Node's spec report, then one line `e2e: N passed, M failed` that
// .ci/test adds to its total. Exits non-zero when a test fails, or when no
// test ran at all (a run that tests nothing must not look green).
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

if (!process.env.BASE_URL) {
  console.error('e2e: BASE_URL is not set (serve www/ and set BASE_URL, or run `bash .ci/test`)');
  process.exit(2);
}

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const files = (await readdir(here))
  .filter((f) => f.endsWith('.test.mjs') && f.includes(filter))
  .sort()
  .map((f) => join(here, f));
if (files.length === 0) {
  console.error(`e2e: no tests/e2e/*.test.mjs${filter ? ` matching "${filter}"` : ''}`);
  process.exit(1);
}

// Node's own closing counts ("pass 3", "fail 0"), read off its diagnostics.
const counts = { pass: 0, fail: 0, cancelled: 0 };
const stream = run({ files, concurrency: 1, timeout: 300_000 });
stream.on('test:diagnostic', ({ nesting, message }) => {
  const m = /^(pass|fail|cancelled) (\d+)$/.exec(message);
  if (nesting === 0 && m) counts[m[1]] = Number(m[2]);
});
stream.on('test:fail', () => {
  process.exitCode = 1;
});
stream.compose(spec).pipe(process.stdout);
await new Promise((resolve) => stream.on('end', resolve));

const failed = counts.fail + counts.cancelled;
// Wait for the reporter to flush before the closing line.
await new Promise((resolve) => setImmediate(resolve));
console.log(`e2e: ${counts.pass} passed, ${failed} failed`);
if (failed > 0 || counts.pass === 0) process.exitCode = 1;
