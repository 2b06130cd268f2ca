import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { ResolvedStorage } from '../../demo/storage/storage-config.js';

export interface ProviderChild {
  url: string;
  process: ChildProcess;
  /** SIGTERM: the emulator closes cleanly (its delivery in flight finishes). */
  stop(): Promise<void>;
  /** SIGKILL: no clean-up of any kind, as a crash or `kill -9`. */
  kill(): Promise<void>;
}

export interface ProviderChildOptions {
  /** A SQLite file or a postgres:// URL. */
  database: string;
  storage: Pick<ResolvedStorage, 'endpoint' | 'region' | 'bucket'>;
  webhookUrl?: string;
  webhookSecret?: string;
  pollMs?: number;
}

const SCRIPT = fileURLToPath(new URL('./provider-process.ts', import.meta.url));

/** Starts the emulated provider in a process of its own and resolves once it serves. */
export async function startProviderChild(options: ProviderChildOptions): Promise<ProviderChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      PROVIDER_DATABASE: options.database,
      // The embedded storage's fixed account (demo/storage/embedded-s3.ts).
      PROVIDER_STORAGE: JSON.stringify({
        endpoint: options.storage.endpoint,
        region: options.storage.region,
        bucket: options.storage.bucket,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      }),
      ...(options.webhookUrl ? { PROVIDER_WEBHOOK_URL: options.webhookUrl } : {}),
      ...(options.webhookSecret ? { PROVIDER_WEBHOOK_SECRET: options.webhookSecret } : {}),
      ...(options.pollMs ? { PROVIDER_POLL_MS: String(options.pollMs) } : {}),
    },
  });
  const exited = once(child, 'exit');
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const ready = /^READY (\S+)$/m.exec(output);
      if (ready) {
        child.stdout!.off('data', onData);
        child.off('exit', onExit);
        child.stdout!.resume();
        resolve(ready[1]!);
      }
    };
    const onExit = (code: number | null) => reject(new Error(`the provider process exited (${code}) before it served`));
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
  const endWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { url, process: child, stop: () => endWith('SIGTERM'), kill: () => endWith('SIGKILL') };
}
