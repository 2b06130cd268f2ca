// The phone's page of a handoff (createHandoffPhonePage): in the language the computer's widget
// speaks, which the handoff URL carries in its query (`?lang=fr`), else the host's. Its policy and
// headers through the demo: handoff-demo.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createHandoffPhonePage } from '../../src/server/handoff/phone-page.js';
import { en } from '../../src/element/translations/en.js';
import { enHandoff } from '../../src/element/translations/en-handoff.js';
import { de } from '../../src/element/translations/de.js';
import { es } from '../../src/element/translations/es.js';
import { fr } from '../../src/element/translations/fr.js';
import { it as italian } from '../../src/element/translations/it.js';
import { nl } from '../../src/element/translations/nl.js';

const base = { scriptUrl: '/assets/kyc-upload.iife.js', endpoint: '/api/kyc/document-form' };

async function open(options: Parameters<typeof createHandoffPhonePage>[0], query = '') {
  const html = await (await createHandoffPhonePage(options)(new Request(`https://host.test/kyc/phone${query}`))).text();
  return {
    html,
    lang: /<html lang="([^"]*)">/.exec(html)?.[1],
    title: /<title>([^<]*)<\/title>/.exec(html)?.[1],
    heading: /<h1>([^<]*)<\/h1>/.exec(html)?.[1],
    noCode: /<p id="no-code" hidden>([^<]*)<\/p>/.exec(html)?.[1],
  };
}

describe('the phone page, in the computer\'s language', () => {
  test('without ?lang, the host\'s language (English by default)', async () => {
    const page = await open(base);
    assert.deepEqual([page.lang, page.title, page.heading], ['en', 'Continue on your phone', 'Continue on your phone']);
    assert.equal(page.noCode, 'Open this page by scanning the code shown on your computer.');
    assert.equal((await open({ ...base, lang: 'fr' })).heading, 'Continuer sur votre téléphone');
  });

  test('?lang=fr: the page and the element in French', async () => {
    const page = await open(base, '?lang=fr');
    assert.equal(page.lang, 'fr', 'the element follows <html lang>');
    assert.equal(page.heading, fr.handoff!.title);
    assert.equal(page.title, fr.handoff!.title);
    assert.equal(page.noCode, 'Ouvrez cette page en scannant le code affiché sur votre ordinateur.');
  });

  test('every language the widget ships: the heading is its own title for the handoff', async () => {
    for (const t of [en, de, es, fr, italian, nl]) {
      const page = await open(base, `?lang=${t.$code}`);
      assert.equal(page.lang, t.$code);
      assert.equal(page.heading, (t.handoff ?? enHandoff).title, t.$code);
      assert.ok(page.noCode && (t.$code === 'en' || page.noCode !== (await open(base)).noCode), `${t.$code} says it in its own words`);
    }
  });

  test('a region speaks its language; a language without words here is kept for the element, in English words', async () => {
    const austrian = await open(base, '?lang=de-AT');
    assert.deepEqual([austrian.lang, austrian.heading], ['de-AT', de.handoff!.title]);
    const portuguese = await open(base, '?lang=pt-BR');
    assert.deepEqual([portuguese.lang, portuguese.heading], ['pt-BR', 'Continue on your phone']);
  });

  test('a malformed ?lang is ignored: nothing of it reaches the markup', async () => {
    for (const lang of ['"><script>alert(1)</script>', 'fr_FR', 'x'.repeat(40), '']) {
      const page = await open(base, `?lang=${encodeURIComponent(lang)}`);
      assert.equal(page.lang, 'en', lang);
      assert.ok(!page.html.includes('alert(1)'));
    }
  });

  test('the host\'s words: a string in every language, a record per language', async () => {
    const own = { ...base, text: { title: 'Photograph your ID', noCode: { en: 'Scan the code first.', fr: 'Scannez d’abord le code.' } } };
    const french = await open(own, '?lang=fr');
    assert.deepEqual([french.heading, french.noCode], ['Photograph your ID', 'Scannez d’abord le code.']);
    const german = await open(own, '?lang=de');
    assert.equal(german.noCode, 'Öffnen Sie diese Seite, indem Sie den Code auf Ihrem Computer scannen.', 'the built-in words where the host has none');
  });
});
