// `npm start` and `npm test` on a fresh clone: `npm ci` first when nothing is installed. Plain Node
// on purpose: it runs before any dependency exists.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('../..', import.meta.url);

export function ensureDependencies() {
  if (existsSync(new URL('node_modules/.package-lock.json', root))) return;
  console.log('kyc-upload: installing dependencies…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const { status } = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}
