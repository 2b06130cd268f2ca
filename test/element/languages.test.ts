// Which language <kyc-upload> speaks, and that every language says everything.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import { SCRIPT_TAG_FILES } from '../../src/core/runtime-files.js';
import { ERROR_MESSAGE_KEYS } from '../../src/element/error-message.js';
import type { KycUpload } from '../../src/element/kyc-upload.js';
import { languageOf } from '../../src/element/lang-controller.js';
import { en } from '../../src/element/translations/en.js';
import { enCamera } from '../../src/element/translations/en-camera.js';
import { enErrors } from '../../src/element/translations/en-errors.js';
import { enHandoff } from '../../src/element/translations/en-handoff.js';
import { enDocumentSet } from '../../src/element/translations/en-document-set.js';
import { es } from '../../src/element/translations/es.js';
import { fr } from '../../src/element/translations/fr.js';
import { it as italian } from '../../src/element/translations/it.js';
import { nl } from '../../src/element/translations/nl.js';
import { loadBuiltInTranslation } from '../../src/element/translations/load-translation.js';
import { loadBuiltInTranslation as loadBuiltInTranslationByUrl } from '../../src/element/translations/load-translation.script-tag.js';
import { registerTranslation, resolveTranslation } from '../../src/element/translations/registry.js';
import type { Translation } from '../../src/element/translations/translation.js';
import { BUILT_IN_CATALOGUES } from './built-in-catalogues.js';

const chooseButton = (el: KycUpload) => el.shadowRoot!.querySelector('[part~="choose-button"]')!.textContent!.trim();

/** Mutation records are delivered in a microtask queued by the change itself: ahead of this one. */
const mutationsDelivered = () => Promise.resolve();

/** An error sentence as a person reads it, with sample values where it quotes some. */
const errorSentence = (t: Translation, key: (typeof ERROR_MESSAGE_KEYS)[number]) => {
  // English's sentences ship apart from `en`; every other built-in catalogue has its own.
  const sentence = (t === en ? enErrors : t.errors!)[key]!;
  return typeof sentence === 'string' ? sentence : sentence({ size: '7 MB', maxSize: '4.5 MB' });
};

/** Runs `body` with `<html lang>` set, and puts the page's own back. */
async function withPageLang<T>(lang: string | null, body: () => Promise<T>): Promise<T> {
  const root = document.documentElement;
  const before = root.getAttribute('lang');
  if (lang === null) root.removeAttribute('lang');
  else root.setAttribute('lang', lang);
  try {
    return await body();
  } finally {
    if (before === null) root.removeAttribute('lang');
    else root.setAttribute('lang', before);
  }
}

describe('languages', () => {
  for (const t of BUILT_IN_CATALOGUES) {
    it(`${t.$code}: the idle state is in ${t.$code}`, async () => {
      const el = await fixture<KycUpload>(html`<kyc-upload lang=${t.$code}></kyc-upload>`);
      expect(chooseButton(el)).to.equal(t.chooseFile);
      expect(el.shadowRoot!.textContent).to.contain(t.dropHere);
    });

    it(`${t.$code}: a translated sentence for every error, with its values filled in`, () => {
      for (const key of ERROR_MESSAGE_KEYS) {
        const message = errorSentence(t, key);
        expect(message, key).to.be.a('string').and.not.equal('');
        expect(message, key).not.to.match(/undefined|\$\{/);
        if (t !== en) expect(message, `${key} is translated`).not.to.equal(errorSentence(en, key));
      }
      expect(errorSentence(t, 'too-large')).to.contain('7 MB').and.contain('4.5 MB');
      expect(errorSentence(t, 'too-large-tiff')).to.contain('7 MB').and.contain('4.5 MB');
      expect(new Set(ERROR_MESSAGE_KEYS.map((key) => errorSentence(t, key))).size, 'one sentence per key').to.equal(ERROR_MESSAGE_KEYS.length);
    });

    it(`${t.$code}: plurals and interpolations`, () => {
      expect(t.pages(1)).not.to.equal(t.pages(2).replace('2', '1'));
      expect(t.pages(2)).to.contain('2');
      expect(t.pages(12)).to.contain('12');
      expect(t.uploading(40)).to.contain('40');
      expect(t.preparing(7)).to.contain('7');
      expect(t.retrying(3)).to.contain('3');
      expect(t.retryingNow).not.to.match(/\d/);
      expect(t.hint('PDF, JPEG', '4,5 MB')).to.contain('PDF, JPEG').and.contain('4,5 MB');
    });
  }

  it('English and the catalogues of src/core/runtime-files.js, no more, no fewer, in both builds', async () => {
    // The one list is SCRIPT_TAG_FILES.languages; a bundler needs each catalogue's import spelled
    // out, so the module builds' loader and these tests name them again, and are held to it here.
    const others = Object.keys(SCRIPT_TAG_FILES.languages).sort();
    expect(BUILT_IN_CATALOGUES.map((t) => t.$code).sort()).to.deep.equal(['en', ...others].sort());
    expect(Object.keys(loadBuiltInTranslation).sort()).to.deep.equal(others);
    expect(Object.keys(loadBuiltInTranslationByUrl).sort()).to.deep.equal(others);
    for (const code of others) expect((await loadBuiltInTranslation[code]!()).$code).to.equal(code);
  });

  it('every catalogue has every key English has, and the set\'s and the camera\'s words for every key English has', () => {
    const keys = (t: object) => Object.keys(t).filter((key) => !['documentSet', 'camera', 'handoff', 'errors'].includes(key)).sort();
    for (const t of BUILT_IN_CATALOGUES) expect(keys(t), t.$code).to.deep.equal(keys(en));
    // English's set, camera and handoff words and its failure sentences ship apart; every other built-in language carries its own.
    const nested = (words: object | undefined) => Object.entries(words ?? {}).flatMap(([key, value]) => (typeof value === 'object' ? Object.keys(value).map((inner) => `${key}.${inner}`) : [key])).sort();
    for (const t of BUILT_IN_CATALOGUES.filter((t) => t !== en)) {
      expect(nested(t.documentSet), t.$code).to.deep.equal(nested(enDocumentSet));
      expect(nested(t.camera), t.$code).to.deep.equal(nested(enCamera));
      expect(nested(t.handoff), t.$code).to.deep.equal(nested(enHandoff));
      expect(Object.keys(t.errors ?? {}).sort(), t.$code).to.deep.equal(Object.keys(enErrors).sort());
    }
  });

  const resolutions: Array<[string, string | null, () => ReturnType<typeof html>, string]> = [
    ['its own lang wins', 'it', () => html`<div lang="fr"><kyc-upload lang="de"></kyc-upload></div>`, 'de'],
    ['then the nearest [lang]', 'it', () => html`<div lang="fr"><section lang="es"><kyc-upload></kyc-upload></section></div>`, 'es'],
    ['then <html lang>', 'nl', () => html`<div><kyc-upload></kyc-upload></div>`, 'nl'],
    ['an empty lang is passed over', 'nl', () => html`<div lang="fr"><kyc-upload lang=""></kyc-upload></div>`, 'fr'],
    ['a region falls back to its language', null, () => html`<kyc-upload lang="de-AT"></kyc-upload>`, 'de'],
    ['a language without a catalogue falls back to English', 'fr', () => html`<kyc-upload lang="pt-BR"></kyc-upload>`, 'en'],
    ['no lang anywhere is English', null, () => html`<kyc-upload></kyc-upload>`, 'en'],
  ];
  for (const [what, pageLang, template, expected] of resolutions) {
    it(`resolves: ${what}`, () =>
      withPageLang(pageLang, async () => {
        const root = await fixture<HTMLElement>(template());
        const el = root.localName === 'kyc-upload' ? (root as KycUpload) : root.querySelector('kyc-upload')!;
        expect(chooseButton(el)).to.equal(resolveTranslation(expected).chooseFile);
        expect(resolveTranslation(expected).$code).to.equal(expected);
      }));
  }

  it('follows the lang of a shadow host it is rendered in', async () => {
    const host = await fixture<HTMLDivElement>(html`<div lang="it"></div>`);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<kyc-upload></kyc-upload>';
    const el = root.querySelector('kyc-upload')!;
    await el.updateComplete;
    expect(languageOf(el)).to.equal('it');
    expect(chooseButton(el)).to.equal(italian.chooseFile);
  });

  it('switches when the page switches language', () =>
    withPageLang('en', async () => {
      const el = await fixture<KycUpload>(html`<kyc-upload></kyc-upload>`);
      expect(chooseButton(el)).to.equal(en.chooseFile);
      document.documentElement.setAttribute('lang', 'es');
      await mutationsDelivered();
      await el.updateComplete;
      expect(chooseButton(el)).to.equal(es.chooseFile);
      el.setAttribute('lang', 'nl');
      await mutationsDelivered();
      await el.updateComplete;
      expect(chooseButton(el)).to.equal(nl.chooseFile);
    }));

  it('takes a host-registered language, and a regional variant before its language', async () => {
    registerTranslation({ ...fr, $code: 'fr-CA', chooseFile: 'Choisir un fichier (CA)' });
    const canadian = await fixture<KycUpload>(html`<kyc-upload lang="fr-CA"></kyc-upload>`);
    expect(chooseButton(canadian)).to.equal('Choisir un fichier (CA)');
    const french = await fixture<KycUpload>(html`<kyc-upload lang="fr-FR"></kyc-upload>`);
    expect(chooseButton(french)).to.equal(fr.chooseFile);
  });
});
