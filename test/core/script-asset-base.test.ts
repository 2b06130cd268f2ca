import { expect } from '@open-wc/testing';
import { assetUrl, scriptAssetBase, setAssetBase } from '../../src/core/assets.js';

declare global {
  interface Window {
    kycAssetBaseProbe?: (document: Document) => void;
  }
}

/**
 * The script-tag build loads its pipeline (and so every check) from the folder of its own
 * <script>. HTML a host lets users write (`<img name="currentScript" src=…>`, a `<form>` by that
 * name) shadows `document.currentScript`; that must not move the widget's code elsewhere.
 */
describe('the script-tag build finds its own folder (scriptAssetBase)', () => {
  afterEach(() => {
    delete window.kycAssetBaseProbe;
    document.querySelectorAll('[data-test-clobber]').forEach((element) => element.remove());
    setAssetBase('/__assets__/');
  });

  const probe = new URL('asset-base-probe.js', import.meta.url).href;
  const cases: Array<[string, string, string]> = [
    ['<img name="currentScript" src=…>', '<img name="currentScript" src="https://evil.example/x.js">', '[object HTMLImageElement]'],
    ['an <img> and a <form> of that name', '<img name="currentScript" src="https://evil.example/x.js"><form name="currentScript"></form>', '[object HTMLCollection]'],
  ];
  for (const [what, clobber, plainReadIs] of cases) {
    it(`is the folder of the running <script src>, even with ${what} in the page`, async () => {
      const seen = new Promise<{ base: string | undefined; plainRead: unknown }>((resolve) => {
        window.kycAssetBaseProbe = (probed) => resolve({ base: scriptAssetBase(probed), plainRead: probed.currentScript });
      });
      const frame = document.createElement('iframe');
      frame.dataset.testClobber = '';
      // img-src 'none': the injected image is never fetched.
      frame.srcdoc = `<meta http-equiv="Content-Security-Policy" content="img-src 'none'">${clobber}<script src="${probe}"></script>`;
      document.body.append(frame);
      const { base, plainRead } = await seen;
      // The clobbering is real: read as a plain property (as the script-tag build used to),
      // currentScript is the injected markup, and an <img>'s src would have been taken for ours.
      expect(Object.prototype.toString.call(plainRead)).to.equal(plainReadIs);
      expect(base).to.equal(new URL('./', import.meta.url).href);
    });
  }

  it('is nothing when no classic script is running (a module, as here), or for a forged element', () => {
    expect(scriptAssetBase(document)).to.equal(undefined);
    const forged = { currentScript: Object.create(HTMLScriptElement.prototype) } as unknown as Document;
    expect(() => scriptAssetBase(forged)).not.to.throw();
    expect(scriptAssetBase(forged)).to.equal(undefined);
  });

  it('setAssetBase resolves against the real base URI, even where page HTML clobbers document.baseURI', () => {
    const image = Object.assign(document.createElement('img'), { name: 'baseURI' });
    image.dataset.testClobber = '';
    document.body.append(image);
    expect((document as unknown as Record<string, unknown>).baseURI).to.equal(image);
    setAssetBase('/elsewhere/');
    expect(assetUrl('kyc-upload-pipeline.js')).to.equal(`${location.origin}/elsewhere/kyc-upload-pipeline.js`);
  });
});
