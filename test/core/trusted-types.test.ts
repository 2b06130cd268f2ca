import { expect } from '@open-wc/testing';
import { COMPRESSOR_WORKER, QUALITY_WORKER, assetUrl, setAssetBase } from '../../src/core/assets.js';
import { workerUrl } from '../../src/core/trusted-types.js';

interface Policy {
  createHTML?(input: string): unknown;
  createScriptURL(input: string): unknown;
}

/**
 * The `kyc-upload` policy sits on the global object (the script-tag build may carry its module
 * twice, and a name makes one policy per page), so any script of the page can call it: it must
 * be worth nothing to that script. Trusted Types exist in Chromium (and in the other engines
 * only where they ship them); elsewhere there is no policy to misuse.
 */
describe('the kyc-upload Trusted Types policy, in the hands of a page script', () => {
  const scope = globalThis as { trustedTypes?: unknown; [key: symbol]: unknown };
  let policy: Policy;
  before(function () {
    if (!scope.trustedTypes) this.skip();
    setAssetBase('/__assets__/');
    workerUrl(COMPRESSOR_WORKER); // the widget creates its policy on first use
    policy = scope[Symbol.for('kyc-upload.trusted-types-policy')] as Policy;
    expect(policy, 'the policy is reachable through the global symbol').to.exist;
  });
  after(() => setAssetBase('/__assets__/'));

  it('gives no trusted HTML, whatever the string', () => {
    expect(() => policy.createHTML!('<img src=x onerror="window.kycTrustedHtml = 1">')).to.throw(TypeError);
    expect(() => policy.createHTML!('')).to.throw(TypeError);
  });

  it("gives a script URL for the widget's two worker files, and for nothing else", () => {
    expect(String(policy.createScriptURL(assetUrl(COMPRESSOR_WORKER)))).to.equal(new URL('/__assets__/kyc-upload-compressor.js', location.href).href);
    expect(String(policy.createScriptURL(assetUrl(QUALITY_WORKER)))).to.equal(new URL('/__assets__/kyc-upload-quality.js', location.href).href);
    // libheif is a script the worker imports, never a worker of its own: the page has no use for its URL.
    for (const url of ['https://evil.example/x.js', 'data:text/javascript,1', `${location.origin}/evil.js`, assetUrl('kyc-upload-pipeline.js'), assetUrl('libheif.js'), `${assetUrl(COMPRESSOR_WORKER)}?x`, `${assetUrl(QUALITY_WORKER)}#x`]) {
      expect(() => policy.createScriptURL(url), url).to.throw(TypeError);
    }
  });

  it('gives no script URL on another origin, even after the asset base is moved there', () => {
    setAssetBase('https://evil.example/kyc/');
    expect(() => policy.createScriptURL(assetUrl(COMPRESSOR_WORKER))).to.throw(TypeError);
    expect(() => policy.createScriptURL('https://evil.example/kyc/kyc-upload-compressor.js')).to.throw(TypeError);
    expect(() => policy.createScriptURL(assetUrl(QUALITY_WORKER))).to.throw(TypeError);
  });
});
