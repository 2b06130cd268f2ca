/**
 * What a CSS text (a `<style>` element, a `style` attribute, any presentation attribute, since
 * those are parsed as CSS too) may not hold, as a refusal reason, or undefined. Only references
 * to the document's own fragments (`url(#id)`) may stay.
 *
 * Any backslash is refused outright: a CSS escape can spell every keyword (`u\72l(`,
 * `@\69mport`), so no keyword check means anything once escapes are allowed. No honest drawing
 * needs one. Comments are taken out before matching, so `@im/**\/port` is read as the
 * `@import` a careless reader might take it for (refusing too much is the safe side).
 */
export function cssProblem(css: string): string | undefined {
  if (css.includes('\\')) return 'css-escape';
  const plain = css.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '').toLowerCase();
  // Fetch without url(): @import "…", image-set("…"), image("…"), src("…"), cross-fade(…), element(…).
  if (/@import|(?:^|[^a-z0-9_-])(?:-webkit-)?(?:image-set|image|src|cross-fade|element)\s*\(/.test(plain)) return 'external-reference';
  for (const [, target = ''] of plain.matchAll(/url\(\s*['"]?\s*([^'")\s]*)/g)) {
    if (target.startsWith('#')) continue;
    return linkProblem(target);
  }
  return undefined;
}

/**
 * A link (`href`, `xlink:href`) may point only inside the document. Whitespace and control
 * characters are dropped first, as URL parsing drops them (`java&#9;script:` is `javascript:`).
 */
export function hrefProblem(value: string): string | undefined {
  const target = withoutSpace(value);
  return /^#./.test(target) ? undefined : linkProblem(target);
}

/** Why a link that is not a #fragment is refused. `data:` has its own reason: it is a whole file inside this one. */
function linkProblem(target: string): string {
  if (/^[a-z]*script:/i.test(target)) return 'javascript-url';
  if (/^data:/i.test(target)) return 'data-url';
  return 'external-reference';
}

export const withoutSpace = (value: string) => value.replace(/[\u0000-\u0020\u007f-\u00a0\u2000-\u200b\u2028\u2029\u3000\ufeff]+/g, '');
