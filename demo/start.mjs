// `npm start`: installs what is missing, builds the widget, then runs the reference backend with
// its embedded storage and prints the page's URL. Plain Node on purpose: it must run before
// `npm ci` has installed anything.
import { spawn, spawnSync } from 'node:child_process';
import { ensureDependencies } from '../test/support/ensure-dependencies.mjs';

const root = new URL('..', import.meta.url);
const inRoot = { cwd: root, stdio: 'inherit' };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function step(label, command, args) {
  console.log(`kyc-upload: ${label}…`);
  const { status } = spawnSync(command, args, inRoot);
  if (status !== 0) process.exit(status ?? 1);
}

ensureDependencies();
step('building the widget', npm, ['run', '--silent', 'build']);

const server = spawn(process.execPath, ['--import', 'tsx', 'demo/server.ts'], inRoot);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
