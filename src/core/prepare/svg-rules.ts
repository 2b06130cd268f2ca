import { decodeXml } from '../xml/decode-xml.js';
import { SVG_NS, XLINK_NS, XML_NS, XMLNS_NS, type XmlAttribute, type XmlElement, XmlMalformedError, readXml } from '../xml/read-xml.js';
import { ANIMATIONS, ANIMATION_VALUES, FETCHING_ATTRIBUTES, SVG_ELEMENTS } from './svg-allowlist.js';
import { cssProblem, hrefProblem, withoutSpace } from './svg-style.js';

/**
 * Why an SVG cannot be vouched for, as a machine-readable reason, or undefined when every part
 * of it is on the allowlist. Loaded with the XML reader, only when an SVG is checked.
 *
 * The rules, in the order they are met, with their reasons: UTF-8 XML 1.0 (`encoding`,
 * `xml-version`, `malformed`); no DOCTYPE, so no entities or external DTDs (`doctype`); no
 * processing instruction such as `<?xml-stylesheet?>` (`processing-instruction`); an `svg` root
 * (`not-svg`); only SVG-namespace elements from the allowlist (`script`, `foreign-object`,
 * `foreign-namespace`, `element-not-allowed`); no `on*` attribute (`event-handler`); attributes
 * in no namespace, or `xlink:href`/`xlink:title`, `xml:space`/`xml:lang`, and declarations of
 * the SVG and XLink namespaces only (`attribute-not-allowed`, `foreign-namespace`); links to
 * #fragments only (`javascript-url`, `data-url`, `external-reference`); every attribute and
 * `<style>` free of CSS escapes (`css-escape`) and of anything that fetches; animations that
 * never write a link (`animated-link`); nothing that turns into markup when the same bytes are
 * parsed as HTML (`polyglot`).
 */
export function svgProblem(bytes: Uint8Array): string | undefined {
  const text = decodeXml(bytes);
  if (text === undefined) return 'encoding';
  try {
    readXml(text, new SvgPolicy());
  } catch (error) {
    if (error instanceof Refusal) return error.reason;
    if (error instanceof XmlMalformedError) return 'malformed';
    throw error;
  }
  return undefined;
}

class Refusal {
  constructor(readonly reason: string) {}
}
const refuse = (reason: string | undefined) => {
  if (reason) throw new Refusal(reason);
};

class SvgPolicy {
  #open: string[] = [];
  #style = '';

  declaration(version: string | undefined, encoding: string | undefined) {
    // XML 1.1 changes which characters are allowed where; browsers and readers disagree on it.
    if (version !== '1.0') refuse('xml-version');
    if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) refuse('encoding');
  }

  doctype() {
    refuse('doctype');
  }

  processingInstruction() {
    refuse('processing-instruction');
  }

  comment(text: string) {
    // `<!-->` and `<!--->` are whole comments in HTML: what XML reads as the comment's text is markup there.
    if (/^-?>/.test(text)) refuse('polyglot');
  }

  open(element: XmlElement) {
    // A style sheet is the text of its <style>, comments left out: an element inside would split
    // a keyword between two texts (`@im<g/>port`), and a style sheet has no use for one.
    if (this.#open.at(-1) === 'style') refuse('element-not-allowed');
    refuse(elementProblem(element, this.#open.length === 0));
    for (const attribute of element.attributes) refuse(attributeProblem(attribute));
    if (ANIMATIONS.has(element.local)) refuse(animationProblem(element));
    this.#open.push(element.local);
  }

  text(text: string, cdata: boolean) {
    const inside = this.#open.at(-1);
    // CDATA is text in XML, but inside <title> or <desc> an HTML parser reads it as a bogus comment
    // that ends at the first `>`, and what follows as markup. Only style sheets get to use it.
    if (cdata && inside !== 'style') refuse('polyglot');
    if (inside === 'style') this.#style += text;
  }

  close() {
    if (this.#open.pop() !== 'style') return;
    refuse(cssProblem(this.#style));
    this.#style = '';
  }
}

function elementProblem({ local, uri }: XmlElement, root: boolean): string | undefined {
  if (local === 'script' || (uri === SVG_NS && local === 'handler')) return 'script';
  if (uri !== SVG_NS) return 'foreign-namespace';
  if (root && local !== 'svg') return 'not-svg';
  if (local === 'foreignObject') return 'foreign-object';
  if (!SVG_ELEMENTS.has(local)) return 'element-not-allowed';
  return undefined;
}

function attributeProblem({ local, uri, value }: XmlAttribute): string | undefined {
  if (uri === XMLNS_NS) return value === SVG_NS || value === XLINK_NS ? undefined : 'foreign-namespace';
  if (/^on/i.test(local)) return 'event-handler';
  if (uri === XLINK_NS) {
    if (local === 'href') return hrefProblem(value);
    if (local !== 'title') return 'attribute-not-allowed';
  } else if (uri === XML_NS) {
    if (local !== 'space' && local !== 'lang') return 'attribute-not-allowed';
  } else if (uri !== '') {
    return 'foreign-namespace';
  } else if (local === 'href') {
    return hrefProblem(value);
  } else if (FETCHING_ATTRIBUTES.has(local)) {
    return 'external-reference';
  }
  return cssProblem(value);
}

/** An animation may move and recolour, never rewrite where a link goes or what runs on an event. */
function animationProblem({ attributes }: XmlElement): string | undefined {
  for (const { local, uri, value } of attributes) {
    if (uri !== '') continue;
    if (local === 'attributeName') {
      const target = withoutSpace(value).toLowerCase();
      const targetLocal = target.slice(target.lastIndexOf(':') + 1);
      if (targetLocal.startsWith('on')) return 'event-handler';
      if (targetLocal === 'href' || targetLocal === 'base' || FETCHING_ATTRIBUTES.has(targetLocal)) return 'animated-link';
    }
    // A value with a colon outside a #fragment is a URL (`javascript:`, `https:`), whatever attribute it lands in.
    if (ANIMATION_VALUES.has(local) && value.split(';').map(withoutSpace).some((item) => item.includes(':') && !item.startsWith('#'))) {
      return 'animated-link';
    }
  }
  return undefined;
}
