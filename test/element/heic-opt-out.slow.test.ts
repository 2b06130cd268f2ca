import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import { setAssetBase } from '../../src/core/assets.js';
import { compressorWorker, heicDecoder } from '../../src/core/runtime-files.js';
import type { KycUpload } from '../../src/element/kyc-upload.js';
import { fixtureFile } from '../core/files.js';

// An app built with `kycUpload({ heic: false })`: the plugin defines __KYC_UPLOAD_HEIC__ as false
// (in dev, Vite's client sets it on the global object, as done here) and ships no HEIC decoder.
const flags = globalThis as { __KYC_UPLOAD_HEIC__?: boolean };

describe('a build without the HEIC decoder', () => {
  before(() => {
    setAssetBase('/__assets__/');
    flags.__KYC_UPLOAD_HEIC__ = false;
  });
  after(() => delete flags.__KYC_UPLOAD_HEIC__);

  for (const [lang, sentence] of [
    ['en', 'HEIC photos are not accepted here. Please choose a JPEG, PNG or PDF file.'],
    ['fr', 'Les photos HEIC ne sont pas acceptées ici. Choisissez un fichier JPEG, PNG ou PDF.'],
  ] as const) {
    it(`refuses a HEIC as type-not-allowed and says why (${lang}), never fetching the decoder`, async () => {
      const el = await fixture<KycUpload>(html`<kyc-upload endpoint="/__test__/status/500" lang=${lang}></kyc-upload>`);
      const file = await fixtureFile('photo.heic', 'IMG_0001.HEIC', 'image/heic');
      const reject = oneEvent(el, 'kyc-upload-reject');
      el.select(file);
      const { detail } = await reject;
      expect(detail.code).to.equal('type-not-allowed');
      expect(detail.message).to.equal(sentence);
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(sentence);
      const fetched = performance.getEntriesByType('resource').map((entry) => entry.name);
      expect(fetched.filter((url) => url.includes(heicDecoder) || url.includes(compressorWorker))).to.deep.equal([]);
    });
  }
});
