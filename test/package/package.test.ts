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
import { readmeBlock } from '../support/readme-block.js';
import { README_BLOCK, ceiling, readSizeBudgets, renderSizeBudgets, scriptTagFiles, withoutHash } from './size-budgets.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const gzipped = (path: string) => gzipSync(readFileSync(new URL(path, root)), { level: 9 }).length;

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
        templates: read('src/element/state-view.ts') + read('src/element/icons.ts') + read('src/element/camera/camera-dialog.ts') + read('src/element/handoff/handoff-dialog.ts'),
        styles: read('src/element/kyc-upload.styles.ts') + read('src/element/camera/camera-dialog.styles.ts') + read('src/element/handoff/handoff-dialog.styles.ts'),
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
          // One line per reactive property in `static override properties = { name: { options }, … }`.
          const block = source.match(/static override properties: PropertyDeclarations = \{\n([\s\S]*?)\n {2}\};/)![1]!;
          const declared = [...block.matchAll(/^ {4}(\w+): (\{.*\}),$/gm)].flatMap(([, name, options = '']) =>
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
          // Lit templates say part="…"; the dialogs' plain DOM says part: '…' or setAttribute('part', '…').
          const rendered = [...(source + templates).matchAll(/part(?:="|: '|', ')([\w\s-]+)["']/g)].flatMap((m) => m[1]!.split(/\s+/));
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

  // What a page downloads, gzip: each file against its budget (size-budgets.json), so a change
  // that grows one unnoticed fails, and a file nobody budgeted fails too.
  describe('size budgets (gzip)', () => {
    const { files: budgets } = readSizeBudgets();
    // The run-time files' names carry a content hash: the manifest the build writes says which.
    const { runtimeFiles, scriptTagFiles: scriptTag } = JSON.parse(read('dist/runtime-files.json')) as RuntimeFilesManifest;
    const { languages, ...modules } = scriptTag;
    const named = [...Object.values(runtimeFiles), ...Object.values(modules), ...Object.values(languages)];
    const shipped = [...scriptTagFiles(readdirSync(new URL('dist/', root)), named), 'react.js'];

    it('budgets every file a page downloads through the script tag, and no file that is gone', () => {
      assert.ok(shipped.length >= 20, shipped.join(' '));
      assert.deepEqual(shipped.map(withoutHash).sort(), Object.keys(budgets).sort());
    });
    for (const file of shipped) {
      const budget = budgets[withoutHash(file)];
      it(`${file}: at most ${budget ? ceiling(budget) : '?'} B`, () => {
        assert.ok(budget, `${withoutHash(file)} has no budget in test/package/size-budgets.json`);
        const size = gzipped(`dist/${file}`);
        assert.ok(size <= ceiling(budget), `${file}: ${size} B gzip, over ${ceiling(budget)} B; raise its budget in size-budgets.json and say why in its note`);
      });
    }

    it("are the README's table (else: npx tsx test/package/write-size-budgets.ts)", () => {
      assert.equal(readmeBlock(read('README.md'), README_BLOCK), renderSizeBudgets(readSizeBudgets()));
    });
  });
});
