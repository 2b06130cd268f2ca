import { assetUrl } from './assets.js';
import { workerUrl } from './trusted-types.js';

interface Boot {
  worker: Worker;
  /** The script's URL when it was booted: a host may move its asset base meanwhile. */
  url: string;
  failed: boolean;
  heard: (event: Event) => void;
}

/** Workers booted ahead of their first use, one per run-time file. */
const booted = new Map<string, Boot>();

/** Takes `name`'s boot out of the map, and its listener off the worker. */
function unboot(name: string): Boot | undefined {
  const boot = booted.get(name);
  booted.delete(name);
  boot?.worker.removeEventListener('error', boot.heard);
  return boot;
}

/**
 * Starts a worker for the run-time file `name` while the person is still choosing a file, so its
 * scripts are fetched and compiled by the time it is needed; `takeWorker` hands it over. Only a
 * head start: one that cannot be constructed (no asset base yet, a CSP that throws) is left to
 * `takeWorker`, whose user hears why.
 */
export function bootWorker(name: string): void {
  try {
    const url = assetUrl(name);
    if (booted.get(name)?.url === url) return;
    // Booted from an asset base the host has since moved: nobody will take it.
    unboot(name)?.worker.terminate();
    const boot: Boot = { worker: new Worker(workerUrl(name)), url, failed: false, heard: () => (boot.failed = true) };
    boot.worker.addEventListener('error', boot.heard);
    booted.set(name, boot);
  } catch {
    // No asset base yet, or no worker allowed: no head start. The same failure comes again, with its
    // message, when the worker is needed.
  }
}

/**
 * The worker booted for `name`, else a new one. One whose script failed to load meanwhile (a 404,
 * the host's CSP) is replaced: its error came before its user listened, and a request to it would
 * never be answered; the new one fails again where the failure lasts, and its user hears it. One
 * booted from an earlier asset base is replaced too.
 */
export function takeWorker(name: string): Worker {
  const boot = unboot(name);
  if (boot && !boot.failed && boot.url === assetUrl(name)) return boot.worker;
  boot?.worker.terminate();
  return new Worker(workerUrl(name));
}
