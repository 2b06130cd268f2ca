// The React and Vue apps, made as a newcomer makes them: the official scaffolder (create-vite,
// pinned), the packed package (`npm pack`, after `npm run build`) installed like any dependency,
// and nothing but the README's own blocks written into them (plus an App rendering the step).
// `npm run demo:apps` builds them for `npm start` (served at /apps/react/ and /apps/vue/);
// test/e2e/framework-*.test.ts do the same in a scratch folder, and type-check mistakes too.
// The templates' dependencies (Vite 8 bundles with Rolldown) install without the `rollup`
// override the project itself needs.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readmeBlocks, readmeFile } from './readme-blocks.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
export const APPS = ['react', 'vue'];
export const CREATE_VITE = 'create-vite@9.3.0';

const README_LINES = {
  vueTypes: '"types": ["vite/client", "kyc-upload/vue"]',
  strictTemplates: '"vueCompilerOptions": { "strictTemplates": true }',
};

/** What each template gets, all of it from the README but the App that renders the step. */
export const TEMPLATES = {
  react: {
    template: 'react-ts',
    section: 'React',
    typecheck: ['tsc', '-b'],
    step: 'src/IdentityStep.tsx',
    files: () => ({
      'vite.config.ts': readmeFile('React', 'vite.config.ts'),
      'src/IdentityStep.tsx': readmeFile('React', 'src/IdentityStep.tsx'),
      'src/DocumentsStep.tsx': readmeFile('React', 'src/DocumentsStep.tsx'),
      'src/App.tsx':
        "import { DocumentsStep } from './DocumentsStep.tsx';\nimport { IdentityStep } from './IdentityStep.tsx';\n\nexport default function App() {\n  return (\n    <>\n      <IdentityStep />\n      <DocumentsStep />\n    </>\n  );\n}\n",
    }),
  },
  vue: {
    template: 'vue-ts',
    section: 'Vue 3',
    typecheck: ['vue-tsc', '-b'],
    step: 'src/components/IdentityStep.vue',
    files: () => ({
      'src/main.ts': readmeFile('Vue 3', 'src/main.ts'),
      'vite.config.ts': readmeFile('Vue 3', 'vite.config.ts'),
      'src/components/IdentityStep.vue': readmeFile('Vue 3', 'src/components/IdentityStep.vue'),
      'src/components/DocumentsStep.vue': readmeFile('Vue 3', 'src/components/DocumentsStep.vue'),
      'src/App.vue':
        "<script setup lang=\"ts\">\nimport DocumentsStep from './components/DocumentsStep.vue';\nimport IdentityStep from './components/IdentityStep.vue';\n</script>\n\n<template>\n  <IdentityStep />\n  <DocumentsStep />\n</template>\n",
    }),
  },
};

/** Runs a command; resolves with its exit code and output, never rejects on a non-zero exit. */
export function run(command, args, cwd) {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, maxBuffer: 32 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

async function mustRun(command, args, cwd) {
  const result = await run(command, args, cwd);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${result.code}:\n${result.output}`);
  return result.output;
}

/** `npm pack` of this repo into `dir`; returns the tarball's path. */
export async function packPackage(dir) {
  const output = await mustRun('npm', ['pack', '--silent', '--pack-destination', dir], root);
  const tarball = join(dir, 'kyc-upload.tgz');
  await rename(join(dir, output.trim().split('\n').at(-1)), tarball);
  return tarball;
}

/** The README's edits to the vue-ts template's tsconfig.app.json (JSON with comments: edited as text). */
function editVueTsconfig(text) {
  const readme = readmeBlocks().find((b) => b.section === 'Vue 3' && b.file === 'tsconfig.app.json');
  for (const line of Object.values(README_LINES)) {
    if (!readme?.code.includes(line)) throw new Error(`README's tsconfig.app.json block no longer says ${line}`);
  }
  const edited = text.replace('"types": ["vite/client"]', README_LINES.vueTypes).replace(/^\{/, `{\n  ${README_LINES.strictTemplates},`);
  if (!edited.includes(README_LINES.vueTypes)) throw new Error('the template\'s tsconfig.app.json has no "types": ["vite/client"] any more');
  return edited;
}

/** The README's `npm install …` line for `section` (else "Install"), the package as the tarball. */
function installArguments(section, tarball) {
  const line = (name) =>
    readmeBlocks()
      .filter((b) => b.section === name && b.lang === 'sh')
      .flatMap((b) => b.code.split('\n'))
      .find((l) => l.startsWith('npm install '));
  const words = (line(section) ?? line('Install'))?.split(/\s+/).slice(2).filter(Boolean);
  if (!words?.includes('kyc-upload')) throw new Error(`README: no "npm install kyc-upload" line under "${section}" or "Install"`);
  return words.map((word) => (word === 'kyc-upload' ? tarball : word));
}

/** Scaffolds `dir`/<app>-app from the template, installs the tarball, applies the README. */
export async function scaffoldApp(dir, app, tarball) {
  const { template, files } = TEMPLATES[app];
  const name = `${app}-app`;
  const appDir = join(dir, name);
  await mustRun('npx', ['--yes', '--prefer-offline', CREATE_VITE, name, '--template', template, '--no-interactive', '--no-immediate'], dir);
  // --prefer-offline: what npm's cache holds is not fetched again (a second run takes seconds).
  await mustRun('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...installArguments(TEMPLATES[app].section, tarball)], appDir);
  for (const [path, text] of Object.entries(files())) await writeFile(join(appDir, path), text);
  if (app === 'vue') {
    const tsconfig = join(appDir, 'tsconfig.app.json');
    await writeFile(tsconfig, editVueTsconfig(await readFile(tsconfig, 'utf8')));
  }
  return appDir;
}

/** The template's own type check (`tsc -b` / `vue-tsc -b`). */
export function typecheck(appDir, app) {
  const [bin, ...args] = TEMPLATES[app].typecheck;
  return run(join(appDir, 'node_modules/.bin', bin), args, appDir);
}

/** `vite build` for serving under `base`; returns the built folder. */
export async function viteBuild(appDir, base) {
  await mustRun(join(appDir, 'node_modules/.bin/vite'), ['build', '--base', base, '--logLevel', 'warn'], appDir);
  return join(appDir, 'dist');
}

/** Type-checks, then builds for serving under `base`; returns the built folder. */
export async function buildApp(appDir, app, base) {
  const checked = await typecheck(appDir, app);
  if (checked.code !== 0) throw new Error(`${TEMPLATES[app].typecheck.join(' ')} failed in ${appDir}:\n${checked.output}`);
  return viteBuild(appDir, base);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await mustRun('npm', ['run', '--silent', 'build'], root);
  const scratch = await mkdtemp(join(tmpdir(), 'kyc-upload-apps-'));
  try {
    const tarball = await packPackage(scratch);
    for (const app of APPS) {
      const dist = await buildApp(await scaffoldApp(scratch, app, tarball), app, `/apps/${app}/`);
      // Where demo/server.ts looks for them (ignored by git, like every dist/).
      const target = fileURLToPath(new URL(`./${app}-app/dist/`, import.meta.url));
      await rm(target, { recursive: true, force: true });
      await cp(dist, target, { recursive: true });
      console.log(`${app}: ${target}`);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
