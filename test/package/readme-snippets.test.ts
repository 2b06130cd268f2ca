// Every ```ts and ```tsx block of the README compiles against the built package (dist/ types,
// through the exports map) under the official Vite templates' settings: strict,
// noUnusedLocals/Parameters, verbatimModuleSyntax, moduleResolution bundler, jsx react-jsx. Each
// block is a module of its own in a scratch folder whose node_modules links this repo as
// `kyc-upload`. Every ```json block parses. Vue single-file components are left to vue-tsc in
// test/e2e/framework-app.ts (their script alone has "unused" handlers only the template uses),
// which also type-checks the vite.config.ts blocks against the real Vite plugins stubbed here.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { readmeBlocks } from '../../demo/readme-blocks.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const blocks = readmeBlocks();
const typescript = blocks.filter((b) => b.lang === 'ts' || b.lang === 'tsx');
const fileOf = (block: { line: number; lang: string }) => `readme-L${block.line}.${block.lang}`;

// The settings both templates (react-ts, vue-ts of create-vite 9.3.0) put in tsconfig.app.json.
const TSCONFIG = {
  compilerOptions: {
    target: 'es2023',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    module: 'esnext',
    types: ['vite/client'],
    skipLibCheck: true,
    moduleResolution: 'bundler',
    allowImportingTsExtensions: true,
    verbatimModuleSyntax: true,
    moduleDetection: 'force',
    noEmit: true,
    jsx: 'react-jsx',
    strict: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    erasableSyntaxOnly: true,
    noFallthroughCasesInSwitch: true,
  },
  include: ['*.ts', '*.tsx'],
};

// What the templates install and this repo does not: the framework plugins' call shapes.
const STUBS = `declare module '@vitejs/plugin-react' {
  export default function react(options?: object): import('vite').PluginOption;
}
declare module '@vitejs/plugin-vue' {
  export default function vue(options?: { template?: { compilerOptions?: { isCustomElement?: (tag: string) => boolean } } }): import('vite').PluginOption;
}
declare module '*.vue' {
  const component: import('vue').DefineComponent;
  export default component;
}
`;

let errors = new Map<string, string[]>();
let scratch: string;
before(async () => {
  assert.ok(existsSync(join(root, 'dist/types/index.d.ts')), 'run `npm run build` first: the blocks are checked against dist/');
  scratch = await mkdtemp(join(tmpdir(), 'kyc-upload-readme-'));
  await mkdir(join(scratch, 'node_modules'));
  for (const name of await readdir(join(root, 'node_modules'))) {
    if (!name.startsWith('.')) await symlink(join(root, 'node_modules', name), join(scratch, 'node_modules', name));
  }
  await symlink(root, join(scratch, 'node_modules/kyc-upload'));
  await writeFile(join(scratch, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  await writeFile(join(scratch, 'stubs.d.ts'), STUBS);
  for (const block of typescript) await writeFile(join(scratch, fileOf(block)), block.code);
  // Proof that the settings bite: this one must be reported (TS6133 under noUnusedLocals).
  await writeFile(join(scratch, 'canary.ts'), "import { KycUpload } from 'kyc-upload';\n");
  const output = await new Promise<string>((resolve) =>
    execFile(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json', '--pretty', 'false'], { cwd: scratch }, (_error, stdout, stderr) => resolve(stdout + stderr)),
  );
  errors = new Map();
  for (const [, file, line, message] of output.matchAll(/^(\S+)\((\d+),\d+\): (error .*)$/gm)) {
    const block = typescript.find((b) => fileOf(b) === file);
    // Reported at the README's own line, so the failure points at the text to fix.
    const where = block ? `README.md:${block.line + Number(line) - 1}` : `${file}:${line}`;
    errors.set(file!, [...(errors.get(file!) ?? []), `${where} ${message}`]);
  }
  // A broken set-up (tsconfig, links) must not pass as "no errors in any block".
  const unattributed = output.split('\n').filter((line) => /error TS\d+/.test(line) && !/^\S+\(\d+,\d+\): error/.test(line));
  assert.deepEqual(unattributed, []);
  assert.match(errors.get('canary.ts')?.join('\n') ?? '', /error TS6133: 'KycUpload' is declared but its value is never read/, output);
  errors.delete('canary.ts');
  for (const file of errors.keys()) assert.ok(typescript.some((b) => fileOf(b) === file), `${file}: ${errors.get(file)}`);
});
after(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('README code blocks', () => {
  it('has the TypeScript blocks the framework sections promise', () => {
    assert.ok(typescript.length >= 8, `${typescript.length} blocks`);
    assert.ok(typescript.some((b) => b.lang === 'tsx'));
  });

  for (const block of typescript) {
    it(`${block.section}, line ${block.line} (${block.lang}${block.file ? `, ${block.file}` : ''}) type-checks`, () => {
      assert.deepEqual(errors.get(fileOf(block)) ?? [], []);
    });
  }

  for (const block of blocks.filter((b) => b.lang === 'json')) {
    it(`${block.section}, line ${block.line} (json) parses`, () => {
      assert.doesNotThrow(() => JSON.parse(block.code));
    });
  }
});
