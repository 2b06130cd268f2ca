import { launchChromium } from './test/runner/chromium.mjs';
import { readFile } from 'node:fs/promises';
const browser = await launchChromium();
const page = await browser.newPage();
const external = [];
await page.route('**/*', async (route) => {
  const url = new URL(route.request().url());
  if (url.host !== 'fixtures.test') { external.push(url.href); return route.abort(); }
  await route.fulfill({ body: await readFile(`test/fixtures${url.pathname}`), contentType: 'image/svg+xml' });
});
for (const name of ['hostile-script.svg', 'hostile-onload.svg', 'hostile-javascript-href.svg', 'hostile-foreignobject.svg', 'hostile-external-ref.svg', 'hostile.svg']) {
  await page.goto(`http://fixtures.test/${name}`);
  if (name.includes('javascript')) await page.click('a');
  await page.waitForTimeout(200);
  console.log(name, await page.evaluate(() => [window.kycHostileSvg, document.querySelectorAll('foreignObject div').length]));
}
console.log('external requests (aborted):', external);
await browser.close();
