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

  it('says for how long its code works, as the server set it', async () => {
    const el = await fixture<KycUpload>(html`<kyc-upload endpoint="/backend" handoff-endpoint="/handoff" document-type="9"></kyc-upload>`);
    const original = window.fetch;
    // This computer's clock is an hour off: the minutes are the server's.
    const expiresAt = new Date(Date.now() - 50 * 60_000).toISOString();
    window.fetch = async (input) => {
      // The code is made; its status never comes, so the dialog stays on it.
      if (String(input) !== '/handoff') return new Promise<Response>(() => {});
      const started = { handoffId: 'h1', url: 'https://host.example/phone?lang=en#t', expiresAt, expiresIn: 600, statusUrl: '/handoff/h1', eventsUrl: '/handoff/h1/events' };
      return new Response(JSON.stringify(started), { status: 201, headers: { 'content-type': 'application/json' } });
    };
    try {
      part(el, 'phone-button')!.click();
      await until(el.shadowRoot!, () => part(el, 'handoff-code')?.querySelector('svg'));
    } finally {
      window.fetch = original;
    }
    expect(part(el, 'handoff')!.textContent).to.contain('It works once, for 10 minutes.');
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

describe("the phone's page: its claimed session, across a reload", () => {
  const TOKEN = 't'.repeat(43);
  const kept = () => Object.keys(sessionStorage).filter((key) => key.startsWith('kyc-upload-handoff'));
  const phone = (scenario: string) => fixture<KycUpload>(html`<kyc-upload endpoint="/backend" handoff-endpoint=${`/__test__/handoff/${scenario}`}></kyc-upload>`);
  /** The phone's element after its code was claimed: its session is kept in this tab. */
  async function claimed(scenario: string, token = TOKEN): Promise<KycUpload> {
    const el = await phone(scenario);
    el.handoffToken = token;
    await el.updateComplete;
    await el.handoffSettled;
    return el;
  }
  /** The upload as the element asks for it: the settings it gives, then a stored document. */
  function recording(el: KycUpload) {
    const calls: Array<{ documentType: unknown; slot: unknown; session: string | null }> = [];
    el.uploader = async (file, settings) => {
      const headers = new Headers(typeof settings.headers === 'function' ? await settings.headers() : settings.headers);
      calls.push({ documentType: settings.documentType, slot: settings.slot, session: headers.get('kyc-handoff-session') });
      return { documentId: 'doc-7', file: { name: file.name, type: file.type, size: file.size }, originalSize: file.size, transformations: [], supersededDocumentIds: [] };
    };
    return calls;
  }
  const photo = () => new File([new Uint8Array([0xff, 0xd8, 0xff])], 'photo.jpg', { type: 'image/jpeg' });

  beforeEach(() => sessionStorage.clear());
  afterEach(() => sessionStorage.clear());

  it('keeps the session, never the token, in sessionStorage; a new page in the tab continues with it, until the handoff completes', async () => {
    const first = await claimed('ok');
    expect(kept().length, 'kept in this tab').to.equal(1);
    const stored = sessionStorage.getItem(kept()[0]!)!;
    expect(stored).to.contain('ok-session').and.not.contain(TOKEN);
    // A reload: the page is gone, the tab's sessionStorage is not, and the URL has no token any more.
    first.remove();
    const second = await phone('ok');
    const calls = recording(second);
    expect(await second.resumeHandoff()).to.equal(true);
    second.select(photo());
    await second.uploadComplete;
    await second.handoffSettled;
    expect(calls).to.deep.equal([{ documentType: 9, slot: { kind: 'identity-proof', subtype: 'id-card', side: 'front' }, session: 'ok-session'.padEnd(43, 's') }]);
    expect(second.shadowRoot!.textContent).to.contain('Sent. You can go back to your computer.');
    expect(kept(), 'gone once the computer has the document').to.deep.equal([]);
    second.remove();
    expect(await (await phone('ok')).resumeHandoff(), 'nothing to continue').to.equal(false);
  });

  it('takes no file while its code is being claimed: the session and the slot come with the claim', async () => {
    const el = await phone('ok');
    const calls = recording(el);
    const realFetch = window.fetch;
    let claimAsked!: () => void;
    const claiming = new Promise<void>((resolve) => (claimAsked = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    window.fetch = async (input, init) => {
      if (String(input instanceof Request ? input.url : input).endsWith('/claim')) {
        claimAsked();
        await held;
      }
      return realFetch(input, init);
    };
    try {
      el.handoffToken = TOKEN;
      await claiming;
      await el.updateComplete;
      expect(part(el, 'choose-button')?.hasAttribute('disabled'), 'nothing to choose with yet').to.equal(true);
      el.select(photo());
      expect(el.busy, 'a file chosen now is not sent without the session').to.equal(false);
      release();
      await el.handoffSettled;
      await el.updateComplete;
      expect(part(el, 'choose-button')?.hasAttribute('disabled')).to.equal(false);
      el.select(photo());
      await el.uploadComplete;
      await el.handoffSettled;
      expect(calls).to.deep.equal([{ documentType: 9, slot: { kind: 'identity-proof', subtype: 'id-card', side: 'front' }, session: 'ok-session'.padEnd(43, 's') }]);
    } finally {
      window.fetch = realFetch;
      release();
    }
  });

  it('takes no file after a reload that has no session to continue, nor while it looks for one', async () => {
    const el = await phone('ok');
    const calls = recording(el);
    const continuing = el.resumeHandoff();
    await el.updateComplete;
    expect(part(el, 'choose-button')?.hasAttribute('disabled'), 'while the tab is looked in').to.equal(true);
    el.select(photo());
    expect(el.busy, 'not sent without a session').to.equal(false);
    expect(await continuing, 'nothing kept').to.equal(false);
    await el.updateComplete;
    expect(part(el, 'choose-button')?.hasAttribute('disabled'), 'nor after').to.equal(true);
    el.select(photo());
    expect(el.busy).to.equal(false);
    expect(calls).to.deep.equal([]);
  });

  it('a kept session past its expiry is not continued: the phone says so, and forgets it', async () => {
    (await claimed('past')).remove();
    expect(kept().length).to.equal(1);
    const el = await phone('past');
    expect(await el.resumeHandoff()).to.equal(true);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('This code has expired. Make a new one on your computer.');
    expect(kept()).to.deep.equal([]);
  });

  it('a refused claim forgets what the tab kept', async () => {
    (await claimed('ok')).remove();
    expect(kept().length).to.equal(1);
    const el = await claimed('ok', 'expired'.padEnd(43, 't'));
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('This code has expired. Make a new one on your computer.');
    expect(kept()).to.deep.equal([]);
  });

  it('a completion the server refuses (the handoff ended) forgets the session', async () => {
    const el = await claimed('ended');
    recording(el);
    el.select(photo());
    await el.uploadComplete;
    await el.handoffSettled;
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('This code has expired. Make a new one on your computer.');
    expect(kept()).to.deep.equal([]);
  });
});
