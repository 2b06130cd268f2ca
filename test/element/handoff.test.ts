// Continue on your phone, in the element: what a computer offers, and what the phone's page keeps
// across a reload. The routes themselves are test/server's; both browsers together, test/e2e's.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { KycUpload } from '../../src/element/kyc-upload.js';
import { fr } from '../../src/element/translations/fr.js';
import { until } from '../support/until-dom.js';

const part = (el: KycUpload, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

// A touch screen is a phone: it is never offered the QR code. These tests run on a computer's pointer.
const touch = matchMedia('(pointer: coarse)').matches;

(touch ? describe.skip : describe)('"Use your phone" on a computer', () => {
  it('is offered for a document type the handoff routes take: a whole number', async () => {
    const el = await fixture<KycUpload>(html`<kyc-upload endpoint="/backend" handoff-endpoint="/handoff" document-type="9"></kyc-upload>`);
    expect(part(el, 'phone-button')?.textContent).to.equal('Use your phone');
  });

  it("asks for the code in its own language, for the phone's page to speak it", async () => {
    const el = await fixture<KycUpload>(html`<kyc-upload lang="fr" endpoint="/backend" handoff-endpoint="/handoff" document-type="9" side="front"></kyc-upload>`);
    const sent: Array<{ url: string; body: unknown }> = [];
    const original = window.fetch;
    // The backend refuses: the request is what this test reads.
    window.fetch = async (input, init) => {
      sent.push({ url: String(input), body: JSON.parse(String(init?.body)) });
      return new Response('{"error":{"code":"unavailable"}}', { status: 503, headers: { 'content-type': 'application/json' } });
    };
    try {
      expect(part(el, 'phone-button')!.textContent).to.equal(fr.usePhone);
      part(el, 'phone-button')!.click();
      await until(el.shadowRoot!, () => part(el, 'handoff-status')?.textContent === fr.handoff!.failed);
    } finally {
      window.fetch = original;
    }
    expect(sent).to.deep.equal([{ url: '/handoff', body: { side: 'front', documentType: 9, lang: 'fr' } }]);
    part(el, 'handoff-close-button')!.click();
    await until(el.shadowRoot!, () => !part(el, 'handoff'));
  });

  it('leaves out a language that is not a language tag', async () => {
    const el = await fixture<KycUpload>(html`<kyc-upload lang="fr_FR" endpoint="/backend" handoff-endpoint="/handoff" document-type="9"></kyc-upload>`);
    const sent: unknown[] = [];
    const original = window.fetch;
    window.fetch = async (_input, init) => {
      sent.push(JSON.parse(String(init?.body)));
      return new Response('{}', { status: 503, headers: { 'content-type': 'application/json' } });
    };
    try {
      part(el, 'phone-button')!.click();
      await until(el.shadowRoot!, () => sent.length > 0 && part(el, 'handoff-status')?.textContent !== 'Waiting for your phone…');
    } finally {
      window.fetch = original;
    }
    expect(sent).to.deep.equal([{ documentType: 9 }]);
    part(el, 'handoff-close-button')!.click();
    await until(el.shadowRoot!, () => !part(el, 'handoff'));
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
