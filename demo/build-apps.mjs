// `npm run demo:apps`: the React and Vue apps in demo/, built against the package as an app
// gets it: `npm pack` of this repo (after `npm run build`), installed like any dependency, type-checked and
// built by Vite. `npm start` then serves them at /apps/react/ and /apps/vue/. The end-to-end test
// runs the same steps in a scratch copy.
import { execFile } from 'node:child_process';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
export const APPS = ['react', 'vue'];

/**
 * Packs the widget into `dir`/kyc-upload.tgz (where each app's package.json points), then installs
 * and builds `dir`/<app>-app for every app. Returns each app's built folder by name.
 */
export async function buildApps(dir) {
  const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: root });
  await rename(join(dir, stdout.trim().split('\n').at(-1)), join(dir, 'kyc-upload.tgz'));
  const built = {};
  for (const app of APPS) {
    const appDir = join(dir, `${app}-app`);
    // No lockfile: the packed tarball's checksum changes with every build.
    await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], { cwd: appDir });
    await run('npm', ['run', '--silent', 'build'], { cwd: appDir });
    built[app] = join(appDir, 'dist');
  }
  return built;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await run('npm', ['run', '--silent', 'build'], { cwd: root });
  const built = await buildApps(fileURLToPath(new URL('.', import.meta.url)));
  for (const [app, dist] of Object.entries(built)) console.log(`${app}: ${dist}`);
}
