import { UploadError } from '../errors.js';
import { parseInert } from '../trusted-types.js';

/**
 * Refuses SVG with active content rather than sanitising it: a KYC reviewer must see exactly what
 * the person sent, and an SVG that carries scripts or fetches from elsewhere is not a scan of an
 * identity document. The document is parsed (not pattern-matched) so entity tricks and odd
 * casing cannot hide an element or attribute.
 */
export async function checkSvg(file: Blob): Promise<void> {
  const text = await file.text();
  // A DOCTYPE can declare entities that expand into markup after any check on the raw text.
  if (/<!ENTITY/i.test(text)) throw unsafe('external-reference');
  const document = parseInert(text, 'image/svg+xml');
  for (const element of document.getElementsByTagName('*')) {
    const name = element.localName.toLowerCase();
    if (name === 'script') throw unsafe('script');
    if (name === 'foreignobject') throw unsafe('foreign-object');
    for (const attribute of element.attributes) {
      const attributeName = attribute.localName.toLowerCase();
      const value = attribute.value.replace(/[\s\u0000-\u001f]+/g, '').toLowerCase();
      if (attributeName.startsWith('on')) throw unsafe('event-handler');
      if (value.startsWith('javascript:') || value.includes('url(javascript:')) throw unsafe('javascript-url');
      if ((attributeName === 'href' || attributeName === 'src') && !value.startsWith('#') && !value.startsWith('data:image/')) {
        throw unsafe('external-reference');
      }
      if (/url\((?!['"]?#)/.test(value)) throw unsafe('external-reference');
    }
    if (name === 'style' && /@import|url\((?!['"]?#)/i.test(element.textContent ?? '')) throw unsafe('external-reference');
  }
}

function unsafe(reason: string): UploadError {
  return new UploadError('unsafe-content', `The SVG carries active content (${reason}).`, { reason });
}
