// What the end-to-end tests share: the real demo (backend + embedded S3), Debian Chromium, a page
// that records every request it makes, and a person's way of choosing a file.
import assert from 'node:assert/strict';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Browser, Page } from 'playwright';
import { type Demo, startDemo, type StartDemoOptions } from '../../demo/server.js';
import { launchChromium } from '../runner/chromium.mjs';

export const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url);

export interface Harness {
  demo: Demo;
  /** Other origins the page may reach (a proxy in front of the storage). */
  extraOrigins?: string[];
  browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(
  options: Pick<StartDemoOptions, 'storagePublicEndpoint' | 'policyOnEveryResponse' | 'apps' | 'formLifetime' | 'env'> = {},
): Promise<Harness> {
  const demo = await startDemo({ port: 0, env: {}, ...options });
  const browser = await launchChromium();
  return {
    demo,
    browser,
    async close() {
      await browser.close();
      await demo.close();
    },
  };
}

export async function storedKeys(demo: Demo): Promise<string[]> {
  const listing = await demo.s3.send(new ListObjectsV2Command({ Bucket: demo.bucket }));
  return (listing.Contents ?? []).map((object) => object.Key!);
}

/** The object stored for a documentId, with its bytes and Content-Type. */
export async function storedObject(demo: Demo, documentId: string): Promise<{ key: string; type?: string; bytes: Buffer }> {
  const key = (await storedKeys(demo)).find((k) => k.includes(`_${documentId}_`));
  assert.ok(key, `no object for ${documentId}`);
  const object = await demo.s3.send(new GetObjectCommand({ Bucket: demo.bucket, Key: key }));
  return { key, ...(object.ContentType ? { type: object.ContentType } : {}), bytes: Buffer.from(await object.Body!.transformToByteArray()) };
}

export interface DemoPage {
  page: Page;
  /** Every URL the page and its workers asked for that was not the demo or its storage. */
  foreignRequests: string[];
  /** Every URL the page and its workers asked for. */
  requests: string[];
}

export interface OpenDemoOptions {
  /**
   * On the applicant's page (path ''), the identity document chosen once the page has given the
   * set its requirements: `Passport` (the default) leaves one upload on the page, as a single
   * `<kyc-upload>` would; null chooses nothing.
   */
  identity?: string | null;
}

/**
 * Opens the demo page in a fresh context (a fresh session, so a fresh demo user). Any request to
 * another host is recorded and refused, so a test can prove nothing ever leaves for a CDN.
 */
export async function openDemo(harness: Harness, path = '', options: OpenDemoOptions = {}): Promise<DemoPage> {
  const context = await harness.browser.newContext();
  const own = [new URL(harness.demo.url).origin, new URL(harness.demo.storage.endpoint).origin, ...(harness.extraOrigins ?? [])];
  const foreignRequests: string[] = [];
  await context.route(
    (url) => !own.includes(url.origin) && url.protocol !== 'blob:' && url.protocol !== 'data:',
    (route) => {
      foreignRequests.push(route.request().url());
      return route.abort();
    },
  );
  // Counted from the first byte of the page: the demo is served under a strict CSP.
  await context.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = violations;
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  await page.goto(new URL(path, harness.demo.url).href);
  await whenReady(page, path, options);
  return { page, foreignRequests, requests };
}

/** Reloads the demo page (a tab closed and opened again) and waits until it can be used again. */
export async function reloadDemo(page: Page, path = '', options: OpenDemoOptions = {}): Promise<void> {
  await page.reload();
  await whenReady(page, path, options);
}

/** The widget is defined and, on the applicant's page, the identity document chosen. */
async function whenReady(page: Page, path: string, options: OpenDemoOptions): Promise<void> {
  await page.waitForFunction(() => customElements.get('kyc-upload') !== undefined);
  if (path === '') {
    await page.waitForFunction(() => document.body.dataset['requirements'] === 'loaded');
    const identity = options.identity === undefined ? 'Passport' : options.identity;
    if (identity) await page.getByRole('radio', { name: identity, exact: true }).check();
  }
}

export interface WidgetEvent {
  type: string;
  detail: Record<string, unknown>;
}

/** The next outcome event of the widget, as the host page receives it. */
export function nextOutcome(page: Page): Promise<WidgetEvent> {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        // The document set's slots send their events retargeted to the set.
        const upload = document.querySelector('kyc-document-set') ?? document.querySelector('kyc-upload')!;
        for (const type of ['kyc-upload-success', 'kyc-upload-error', 'kyc-upload-reject']) {
          upload.addEventListener(type, (event) => {
            const { detail } = event as CustomEvent;
            resolve({ type, detail: { ...detail, file: detail.file instanceof File ? { name: detail.file.name } : detail.file } });
          }, { once: true });
        }
      }),
  );
}

/** Clicks the widget's own button and answers the native file chooser, as a person would. */
export async function choose(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a file' }).click();
  await (await chooser).setFiles(file);
}

/** Chooses a file and waits for how it ends. */
export async function upload(page: Page, file: Parameters<typeof choose>[1]): Promise<WidgetEvent> {
  const outcome = nextOutcome(page);
  await choose(page, file);
  return outcome;
}

/** The widget's own "Replace" button (success state), as a person uploads a second document. */
export async function replaceInWidget(page: Page, file: string): Promise<string> {
  const outcome = page.evaluate(
    () => new Promise<string>((resolve) => document.getElementById('upload')!.addEventListener('kyc-upload-success', (event) => resolve((event as CustomEvent).detail.documentId), { once: true })),
  );
  const chooser = page.waitForEvent('filechooser');
  await page.locator('#upload').getByRole('button', { name: 'Replace', exact: true }).click();
  await (await chooser).setFiles(file);
  return outcome;
}

/** Clicks "Validate" until the server accepts it: it answers `form-open` until the upload form expired. */
export async function validateOnceFormClosed(reviewer: Page, documentId: string): Promise<void> {
  const doc = reviewer.locator(`li[data-document-id="${documentId}"]`);
  await doc.waitFor();
  for (let attempt = 0; attempt < 50; attempt++) {
    if ((await doc.getAttribute('data-review')) === 'validated') return;
    const answer = reviewer.waitForResponse((response) => response.url().endsWith(`/api/review/documents/${documentId}/validate`));
    await doc.getByRole('button', { name: 'Validate', exact: true }).click();
    const response = await answer;
    if (response.status() === 200) {
      await reviewer.locator(`li[data-document-id="${documentId}"][data-review="validated"]`).waitFor();
      return;
    }
    assert.equal(response.status(), 409, await response.text());
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    assert.equal(error.code, 'form-open');
    // The reviewer is told until when; the next try waits for that moment to pass.
    await doc.locator('.error').filter({ hasText: /can still replace/ }).waitFor();
    const closesAt = Date.parse(/until (\S+?);/.exec(error.message)![1]!);
    await reviewer.waitForFunction((time) => Date.now() > time, closesAt);
  }
  assert.fail(`${documentId} was never validated`);
}
