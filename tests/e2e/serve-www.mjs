// A small static file server for the browser tests: serves a folder (www/)
// on 127.0.0.1 as Python's `http.server` does (what `.ci/serve` runs), with
// the types a browser needs (`.wasm` as application/wasm), Last-Modified and
// 304s, index.html for a folder, and a redirect for a folder without its
// "/". It logs only what went wrong (4xx/5xx), so the test report stays
// readable; with BPA_SERVE_LOG=all it also writes every answer to standard
// output (`304 GET /`: tests/e2e/release.spec.mjs reads what the browser
// asked for). tests/playwright.config.mjs starts it and stops it.
//
//   node tests/e2e/serve-www.mjs DIR PORT
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const [dir, port] = process.argv.slice(2);
if (!dir || !port) {
  console.error('usage: node serve-www.mjs DIR PORT');
  process.exit(2);
}
const root = resolve(dir);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/vnd.microsoft.icon',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
};

function send(res, status, headers = {}, body = '') {
  res.writeHead(status, headers).end(body);
  return status;
}

async function answer(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { Allow: 'GET, HEAD' });
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    return send(res, 400);
  }
  let file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) return send(res, 404);
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    if (!path.endsWith('/')) return send(res, 301, { Location: `${path}/` });
    file = join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) return send(res, 404, { 'Content-Type': 'text/plain' }, 'not found\n');
  const modified = new Date(Math.floor(info.mtimeMs / 1000) * 1000);
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  const headers = {
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Last-Modified': modified.toUTCString(),
  };
  if (!Number.isNaN(since) && modified.getTime() <= since) return send(res, 304, headers);
  res.writeHead(200, { ...headers, 'Content-Length': info.size });
  if (req.method === 'HEAD') {
    res.end();
    return 200;
  }
  createReadStream(file).pipe(res);
  return 200;
}

createServer((req, res) => {
  answer(req, res)
    .then((status) => {
      if (status >= 400) console.error(`${status} ${req.method} ${req.url}`);
      if (process.env.BPA_SERVE_LOG === 'all') console.log(`${status} ${req.method} ${req.url}`);
    })
    .catch((e) => {
      console.error(`500 ${req.method} ${req.url}: ${e.message}`);
      if (!res.headersSent) send(res, 500);
    });
}).listen(Number(port), '127.0.0.1', () => {
  console.log(`serving ${root} on http://127.0.0.1:${port}/`);
});
