// The published package as a consumer gets it: exports that resolve with their types (publint,
// arethetypeswrong), a manifest that lists the whole public API, and the size budget of what a
// page loads. Runs on the built dist/ (npm test builds first).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { publint } from 'publint';
import type { RuntimeFilesManifest } from '../../src/core/runtime-files.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const gzipped = (path: string) => gzipSync(readFileSync(new URL(path, root)), { level: 9 }).length;
const KiB = 1024;

describe('package', () => {
  it('publint finds nothing, suggestions included', async () => {
    const { messages } = await publint({ pkgDir: root.pathname, level: 'suggestion', pack: 'npm' });
    assert.deepEqual(messages.map((m) => `${m.type} ${m.code} ${JSON.stringify(m.args)}`), []);
  });

  it('arethetypeswrong finds nothing for an ESM-only package', async () => {
    // Exits non-zero on any problem; "ESM-only" ignores the node10 and require() resolutions,
    // which an ESM-only package fails by design.
    const { stdout } = await promisify(execFile)('node_modules/.bin/attw', ['--pack', '.', '--profile', 'esm-only', '--format', 'json'], { cwd: root });
    const report = JSON.parse(stdout) as { analysis: { problems?: Array<{ resolutionKind?: string }> } };
    const ignored = new Set(['node10', 'node16-cjs']);
    assert.deepEqual((report.analysis.problems ?? []).filter((p) => !ignored.has(p.resolutionKind ?? '')), []);
  });

  describe('custom-elements.json', () => {
    const manifest = JSON.parse(read('dist/custom-elements.json')) as {
      modules: Array<{ declarations?: Array<Record<string, unknown> & { customElement?: boolean; tagName?: string }> }>;
    };
    const declarations = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement);
    const sharedStyles = read('src/element/shared.styles.ts');
    // Each element: its class, what its templates render, what its styles read, its events.
    const elements = [
      {
        tag: 'kyc-upload',
        source: read('src/element/kyc-upload.ts'),
        templates: read('src/element/state-view.ts') + read('src/element/icons.ts'),
        styles: read('src/element/kyc-upload.styles.ts'),
        events: read('src/element/events.ts'),
      },
      {
        tag: 'kyc-document-set',
        source: read('src/element/document-set/kyc-document-set.ts'),
        templates: read('src/element/document-set/set-view.ts'),
        styles: read('src/element/document-set/kyc-document-set.styles.ts'),
        events: read('src/element/document-set/events.ts'),
      },
    ];

    it('names both tags', () => assert.deepEqual(declarations.map((d) => d.tagName).sort(), ['kyc-document-set', 'kyc-upload']));

    for (const { tag, source, templates, styles, events: eventSource } of elements) {
      describe(`<${tag}>`, () => {
        const element = declarations.find((d) => d.tagName === tag) as Record<string, Array<{ name: string; type?: { text: string } }>>;
        const names = (key: string) => (element[key] ?? []).map((entry) => entry.name).sort();

        it('lists every attribute the element declares, and no other', () => {
          const declared = [...source.matchAll(/@property\((.*)\)\s+(\w+)/g)].flatMap(([, options = '', name]) =>
            options.includes('attribute: false') ? [] : [options.match(/attribute: '([\w-]+)'/)?.[1] ?? name!.toLowerCase()],
          );
          assert.ok(declared.length >= 9);
          assert.deepEqual(names('attributes'), declared.sort());
        });

        it('lists every event, typed with its class', () => {
          const events = Object.fromEntries((element.events ?? []).map((e) => [e.name, e.type?.text]));
          const classes = [...eventSource.matchAll(/class (\w+) extends CustomEvent[\s\S]*?eventName = '([\w-]+)'/g)];
          assert.ok(classes.length >= 4);
          for (const match of classes) assert.equal(events[match[2]!], match[1], match[2]);
          assert.equal(events.change, 'Event');
        });

        it('lists every part the templates render (and re-export), every custom property the styles read, every state set', () => {
          const rendered = [...(source + templates).matchAll(/part="([\w\s-]+)"/g)].flatMap((m) => m[1]!.split(/\s+/));
          const reexported = [...(source.match(/UPLOAD_PARTS = \[([^\]]*)\]/)?.[1] ?? '').matchAll(/'([\w-]+)'/g)].map((m) => `upload-${m[1]}`);
          assert.deepEqual(names('cssParts'), [...new Set([...rendered, ...reexported])].sort());
          const properties = new Set([...(sharedStyles + styles).matchAll(/var\((--kyc-upload-[\w-]+)/g)].map((m) => m[1]!));
          assert.deepEqual(names('cssProperties'), [...properties].sort());
          const states = source.match(/setStates\(\{([\s\S]*?)\}\)/)![1]!;
          assert.deepEqual(names('cssStates'), [...states.matchAll(/^\s*'?([\w-]+)'?:/gm)].map((m) => m[1]!).sort());
        });
      });
    }
  });

  // What a page downloads, gzip: the budget fails a change that grows it unnoticed. The
  // script-tag bundle is what every onboarding page pays before anyone touches the widget.
  describe('size budget (gzip)', () => {
    // The run-time files' names carry a content hash: the manifest the build writes says which.
    const runtimeFiles = JSON.parse(read('dist/runtime-files.json')) as RuntimeFilesManifest;
    const budgets: Array<[string, string[], number]> = [
      // 15 → 15.5 KiB and 2 → 2.25 KiB: the script tag carries the content-hashed names of the pipeline
      // and of the five catalogues it loads (their hex is incompressible), and each catalogue gained
      // the sentence refusing a HEIC in an app built without the decoder. Then 22 KiB and 3 KiB: the
      // script tag registers <kyc-document-set> too (its element, styles and English words, about
      // 6.5 KiB), and each catalogue gained the set's words (about 0.5 KiB).
      ['the script-tag bundle (initial JS)', ['dist/kyc-upload.iife.js'], 22 * KiB],
      ['one extra language', [`dist/${runtimeFiles.scriptTagFiles.languages.de}`], 3 * KiB],
      ['the pipeline, loaded on the first file', [`dist/${runtimeFiles.scriptTagFiles.pipeline}`, ...readdirSync(new URL('dist/', root)).filter((f) => /^kyc-upload-(esm|source|trusted-types)-.*\.js$/.test(f)).map((f) => `dist/${f}`)], 47 * KiB],
      ["the compressor's worker and its library", [`dist/${runtimeFiles.runtimeFiles.compressorWorker}`, `dist/${runtimeFiles.runtimeFiles.imageLibrary}`], 22 * KiB],
      ['the React wrapper', ['dist/react.js'], 1 * KiB],
    ];
    for (const [what, files, budget] of budgets) {
      it(`${what}: at most ${+(budget / KiB).toFixed(2)} KiB`, () => {
        const size = files.reduce((sum, file) => sum + gzipped(file), 0);
        assert.ok(size <= budget, `${files.join(' + ')}: ${(size / KiB).toFixed(1)} KiB`);
      });
    }
  });
});
