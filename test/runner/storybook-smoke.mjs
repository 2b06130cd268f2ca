// Render every story of a built storybook-static in headless Debian Chromium, wait for the
// play function to finish, fail on render/play errors, and save a screenshot per story.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium as launch } from './chromium.mjs';

const root = path.resolve(process.argv[2] || 'storybook-static');
const outDir = path.resolve(process.argv[3] || 'test-results/storybook');
fs.mkdirSync(outDir, { recursive: true });
const types = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
const server = http.createServer((req, res) => {
  const p = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!p.startsWith(root) || !fs.existsSync(p) || fs.statSync(p).isDirectory()) { res.writeHead(404); return res.end(); }
  res.writeHead(200, { 'content-type': types[path.extname(p)] || 'application/octet-stream' });
  fs.createReadStream(p).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const index = JSON.parse(fs.readFileSync(path.join(root, 'index.json'), 'utf8'));
const stories = Object.values(index.entries).filter((e) => e.type === 'story');
const browser = await launch();
let passed = 0, failed = 0;
for (const s of stories) {
  const page = await browser.newPage({ viewport: { width: 800, height: 400 } });
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.addInitScript(() => {
    window.__sbResult = new Promise((resolve) => {
      const hook = () => {
        const ch = window.__STORYBOOK_ADDONS_CHANNEL__;
        if (!ch) return setTimeout(hook, 10);
        ch.on('storyRendered', () => resolve({ ok: true }));
        ch.on('playFunctionThrewException', (e) => resolve({ ok: false, error: 'play: ' + (e?.message ?? e) }));
        ch.on('storyThrewException', (e) => resolve({ ok: false, error: 'render: ' + (e?.message ?? e) }));
        ch.on('storyErrored', (e) => resolve({ ok: false, error: 'errored: ' + (e?.title ?? '') + ' ' + (e?.description ?? '') }));
        ch.on('storyMissing', () => resolve({ ok: false, error: 'story missing' }));
      };
      hook();
    });
  });
  await page.goto(`${base}/iframe.html?id=${s.id}&viewMode=story`);
  const r = await Promise.race([page.evaluate(() => window.__sbResult), new Promise((r) => setTimeout(() => r({ ok: false, error: 'timeout' }), 15000))]);
  if (pageErrors.length) Object.assign(r, { ok: false, error: (r.error ?? '') + ' pageerror: ' + pageErrors.join('; ') });
  await page.screenshot({ path: path.join(outDir, `${s.id}.png`) });
  r.ok ? passed++ : failed++;
  console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${s.id}${r.error ? ' — ' + r.error : ''}`);
  await page.close();
}
await browser.close();
server.close();
console.log(`storybook: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
