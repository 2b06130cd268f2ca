import { expect } from '@open-wc/testing';
import { COMPRESSOR_WORKER, setAssetBase } from '../../src/core/assets.js';
import { prepareFile } from '../../src/core/prepare/prepare.js';
import { prestartCompressor } from '../../src/core/prepare/image-worker.js';
import { prestartChecks } from '../../src/core/quality/checks-worker.js';
import { takeWorker } from '../../src/core/worker-boot.js';
import { fixtureFile } from './files.js';

setAssetBase('/__assets__/');

// The compressor's and the checks' workers boot while the person is still choosing a file. A boot
// whose script fails to load (a 404, the host's CSP) fails before anyone listens: the photo must
// still be prepared, by a worker started then, never wait for an answer that cannot come.

/** The workers constructed during `work`; with `failing`, each is made to load a script that is not there. */
async function workersMadeDuring(work: () => unknown, failing = false): Promise<Worker[]> {
  const Real = window.Worker;
  const made: Worker[] = [];
  window.Worker = class extends Real {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(failing ? '/__nowhere__/missing-worker.js' : url, options);
      made.push(this);
    }
  };
  try {
    await work();
  } finally {
    window.Worker = Real;
  }
  return made;
}

/** Boots a worker whose script cannot load, and waits until its failure has come and gone unheard. */
async function bootFailed(prestart: () => void): Promise<void> {
  const [booted, ...others] = await workersMadeDuring(prestart, true);
  expect(booted, 'a worker booted').to.exist;
  expect(others).to.have.length(0);
  await new Promise((resolve) => booted!.addEventListener('error', resolve, { once: true }));
}

describe('workers booted ahead of the first photo', () => {
  it("checks a photo when the checks' worker booted for it failed to load", async () => {
    await bootFailed(prestartChecks);
    const prepared = await prepareFile(await fixtureFile('id-card.jpg'), 'image/jpeg', { maxSize: 4_500_000, assess: {} });
    expect(prepared.quality, 'checked by a worker started then').to.be.an('object');
  });

  it("encodes a photo when the compressor's worker booted for it failed to load", async () => {
    await bootFailed(prestartCompressor);
    const file = await fixtureFile('id-card.jpg');
    const prepared = await prepareFile(file, 'image/jpeg', { maxSize: Math.floor(file.size * 0.8) });
    expect(prepared.transformations).to.include('compressed');
  });

  it('hands the booted compressor to the photo that needs an encode, so none starts after it is chosen', async () => {
    prestartCompressor();
    const file = await fixtureFile('id-card.jpg');
    let prepared: Awaited<ReturnType<typeof prepareFile>> | undefined;
    const made = await workersMadeDuring(async () => {
      prepared = await prepareFile(file, 'image/jpeg', { maxSize: Math.floor(file.size * 0.8) });
    });
    expect(prepared?.transformations).to.include('compressed');
    expect(made, 'workers started after the photo was chosen').to.have.length(0);
  });

  it('ends a worker booted before the host moved its asset base, and starts one from the new base', async () => {
    const [early] = await workersMadeDuring(prestartCompressor);
    let ended = false;
    early!.terminate = () => ((ended = true), Worker.prototype.terminate.call(early));
    setAssetBase('/__assets__/moved/');
    try {
      const made = await workersMadeDuring(() => {
        prestartCompressor();
        const taken = takeWorker(COMPRESSOR_WORKER);
        expect(taken, 'the early boot is not handed over').not.to.equal(early);
        taken.terminate();
      });
      expect(ended, 'the early boot ended').to.equal(true);
      expect(made, 'one boot from the new base, handed over').to.have.length(1);
    } finally {
      setAssetBase('/__assets__/');
    }
  });

  it('prepares a photo when the browser refused to construct the booted worker', async () => {
    takeWorker(COMPRESSOR_WORKER).terminate(); // none booted before this test's
    const Real = window.Worker;
    window.Worker = class {
      constructor() {
        throw new DOMException('refused by the page', 'SecurityError');
      }
    } as unknown as typeof Worker;
    try {
      expect(() => prestartCompressor(), 'a boot is only a head start').not.to.throw();
    } finally {
      window.Worker = Real;
    }
    const file = await fixtureFile('id-card.jpg');
    const prepared = await prepareFile(file, 'image/jpeg', { maxSize: Math.floor(file.size * 0.8) });
    expect(prepared.transformations).to.include('compressed');
  });
});
