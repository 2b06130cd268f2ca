// Continue on your phone, in the element: what a computer offers, and what the phone's page keeps
// across a reload. The routes themselves are test/server's; both browsers together, test/e2e's.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { KycUpload } from '../../src/element/kyc-upload.js';

const part = (el: KycUpload, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

// A touch screen is a phone: it is never offered the QR code. These tests run on a computer's pointer.
const touch = matchMedia('(pointer: coarse)').matches;

(touch ? describe.skip : describe)('"Use your phone" on a computer', () => {
  it('is offered for a document type the handoff routes take: a whole number', async () => {
    const el = await fixture<KycUpload>(html`<kyc-upload endpoint="/backend" handoff-endpoint="/handoff" document-type="9"></kyc-upload>`);
    expect(part(el, 'phone-button')?.textContent).to.equal('Use your phone');
  });

  for (const [what, type] of [['no document type', undefined], ['a type given by name', 'passport'], ['a fraction', '9.5'], ['a negative number', '-9'], ['a number past the safe range', '99999999999999999999']] as const) {
    it(`is not offered with ${what}: the server would refuse the handoff`, async () => {
      const el = await fixture<KycUpload>(html`<kyc-upload endpoint="/backend" handoff-endpoint="/handoff" document-type=${type ?? ''}></kyc-upload>`);
      // Booleans: a failing comparison of elements would have the runner serialise a Lit element.
      expect(!!part(el, 'choose-button'), 'the element rendered').to.equal(true);
      expect(!!part(el, 'phone-button'), 'offered').to.equal(false);
    });
  }
});
