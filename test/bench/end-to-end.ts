// A 4,000,000-byte PDF to storage: the widget against a raw fetch of the same kind of form.
//
// Ours: from `kyc-upload-select` (the widget announcing the file the person chose) to
// `kyc-upload-success`, both timed by listeners on the page: loading the pipeline on first use,
// inspection, the PDF checks, presign and the POST with progress all count, as the person waits
// for all of them. Raw: in the same page, what a hand-written page would do with the same File:
// ask the demo's endpoint for a form (same request body as the widget's), build the FormData
// with every field in order then `file`, POST it to `form.action`. Each run is a fresh page with
// both; the order alternates between runs. With an `uplink`, the page's network is throttled
// through the DevTools protocol (both sides alike), as on a phone: on loopback a 4 MB POST takes
// ~80 ms, so fixed costs that no person would notice dominate the ratio.
import type { Browser, Page } from 'playwright';
import type { Demo } from '../../demo/server.js';
import { type WidgetOutcome, loadFileIntoPage, openDemoPage, uploadThroughWidget } from './browser.js';
import type { BenchFile } from './inputs.js';
import { type Busy, busyMeter, waitForQuiet } from './quiet.js';
import { median } from './stats.js';

export interface EndToEndRun {
  run: number;
  order: 'ours first' | 'raw first';
  oursMs: number;
  rawMs: number;
  /**
   * Where ours spent its time (ms): `load` from selection to the first measure (the pipeline's
   * code arriving on first use), then the pipeline's own measures, then `after` (to the event).
   */
  oursSteps: Record<string, number>;
  /** Where raw spent it: asking for the form, then the POST. */
  rawSteps: { form: number; post: number };
  rawStatus: number;
  /** How busy the machine was during each, and how much of it was other processes: see quiet.ts. */
  machineBusy: { ours: Busy; raw: Busy };
}

/** A phone's connection, as the DevTools protocol emulates it. */
export interface Uplink {
  label: string;
  uploadBitsPerSecond: number;
  downloadBitsPerSecond: number;
  latencyMs: number;
}

export interface EndToEndResult {
  file: { name: string; bytes: number };
  uplink?: Uplink;
  runs: EndToEndRun[];
  oursMedianMs: number;
  rawMedianMs: number;
  ratio: number;
}

/** The raw upload, timed in the page from asking for the form to storage's answer. */
function rawUpload(page: Page, documentType: number): Promise<{ ms: number; formMs: number; status: number }> {
  return page.evaluate(async (type) => {
    const file = window.__bench.file;
    if (!file) throw new Error('no file loaded into the page');
    const start = performance.now();
    const answer = await fetch('/api/kyc/document-form', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ documentType: type, fileName: file.name, contentType: file.type, size: file.size }),
    });
    if (!answer.ok) throw new Error(`document-form answered ${answer.status}`);
    const form = (await answer.json()) as { form?: { action: string }; formFields?: Record<string, string>; url?: string; fields?: Record<string, string> };
    const action = form.form?.action ?? form.url;
    const fields = form.formFields ?? form.fields;
    if (!action || !fields) throw new Error(`unexpected form: ${JSON.stringify(form)}`);
    const formMs = performance.now() - start;
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    body.append('file', file);
    const stored = await fetch(action, { method: 'POST', body });
    const end = performance.now();
    if (!stored.ok) throw new Error(`storage answered ${stored.status}: ${await stored.text()}`);
    return { ms: end - start, formMs, status: stored.status };
  }, documentType);
}

async function stepDurations(page: Page, selectedAt: number, endedAt: number): Promise<Record<string, number>> {
  const measures = await page.evaluate(() => performance.getEntriesByType('measure')
    .filter((m) => m.name.startsWith('kyc-upload:'))
    .map((m) => ({ name: m.name.slice('kyc-upload:'.length), start: m.startTime, end: m.startTime + m.duration })));
  if (measures.length === 0) throw new Error('the pipeline recorded no measures');
  const steps: Record<string, number> = { load: measures[0]!.start - selectedAt };
  for (const m of measures) steps[m.name] = (steps[m.name] ?? 0) + (m.end - m.start);
  steps.after = endedAt - measures.at(-1)!.end;
  return steps;
}

async function throttle(page: Page, uplink: Uplink): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: uplink.latencyMs,
    uploadThroughput: uplink.uploadBitsPerSecond / 8,
    downloadThroughput: uplink.downloadBitsPerSecond / 8,
  });
}

export async function compareEndToEnd(options: { demo: Demo; browser: Browser; file: BenchFile; runs: number; uplink?: Uplink; log: (line: string) => void }): Promise<EndToEndResult> {
  const { demo, browser, file, uplink, log } = options;
  const runs: EndToEndRun[] = [];
  for (let i = 0; i < options.runs; i++) {
    const dp = await openDemoPage(browser, demo.url, demo.storage.endpoint);
    if (uplink) await throttle(dp.page, uplink);
    const oursFirst = i % 2 === 0;
    const idle: Busy = { machine: 0, others: 0 };
    const busy = { ours: idle, raw: idle };
    const ours = async () => {
      await waitForQuiet();
      const meter = busyMeter();
      const outcome = await uploadThroughWidget(dp.page, file);
      busy.ours = meter.stop();
      if (outcome.type !== 'kyc-upload-success') throw new Error(`our upload ended with ${outcome.type}: ${JSON.stringify(outcome.detail)}`);
      return outcome;
    };
    const raw = async () => {
      await loadFileIntoPage(dp.page, file);
      await waitForQuiet();
      const meter = busyMeter();
      const result = await rawUpload(dp.page, 9);
      busy.raw = meter.stop();
      return result;
    };
    let outcome: WidgetOutcome;
    let rawResult: { ms: number; formMs: number; status: number };
    if (oursFirst) {
      outcome = await ours();
      rawResult = await raw();
    } else {
      rawResult = await raw();
      outcome = await ours();
    }
    const oursMs = outcome.endedAt - outcome.selectedAt;
    const oursSteps = await stepDurations(dp.page, outcome.selectedAt, outcome.endedAt);
    await dp.close();
    const rawSteps = { form: rawResult.formMs, post: rawResult.ms - rawResult.formMs };
    runs.push({ run: i + 1, order: oursFirst ? 'ours first' : 'raw first', oursMs, rawMs: rawResult.ms, oursSteps, rawSteps, rawStatus: rawResult.status, machineBusy: busy });
    const parts = (steps: Record<string, number>) => Object.entries(steps).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ');
    log(`  PDF${uplink ? ` (${uplink.label})` : ''} run ${i + 1}/${options.runs}: ours ${Math.round(oursMs)} ms (${parts(oursSteps)}), raw ${Math.round(rawResult.ms)} ms (${parts(rawSteps)}); other processes ${Math.round(busy.ours.others * 100)}% / ${Math.round(busy.raw.others * 100)}% of the CPUs`);
  }
  const oursMedianMs = median(runs.map((r) => r.oursMs));
  const rawMedianMs = median(runs.map((r) => r.rawMs));
  return { file: { name: file.name, bytes: file.size }, ...(uplink ? { uplink } : {}), runs, oursMedianMs, rawMedianMs, ratio: oursMedianMs / rawMedianMs };
}
