/**
 * The SVG elements a drawing may use: shapes, text, paint servers, clipping and masking,
 * filters, structure and the four SMIL animations (whose targets svg-rules checks). Names are
 * case-sensitive, as in XML: `Script` is not `script`, and not on this list either.
 *
 * Left out on purpose: `script` and `handler` (code), `foreignObject` (HTML inside), `iframe`,
 * `video`, `audio`, `canvas` and the other HTML-like names (they would break out of SVG when the
 * file is parsed as HTML), `cursor`, `color-profile`, the SVG font elements (`font-face-uri`…)
 * and `tref` (they fetch), `animateColor` and `discard` (obsolete or barely implemented).
 */
export const SVG_ELEMENTS: ReadonlySet<string> = new Set([
  // structure
  'svg', 'g', 'defs', 'symbol', 'use', 'switch', 'a', 'view', 'title', 'desc', 'metadata', 'style',
  // shapes and text
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'textPath',
  // an <image> may stay: its link must be a #fragment like every other, which leaves it empty
  'image',
  // paint, clipping, masking
  'linearGradient', 'radialGradient', 'stop', 'pattern', 'clipPath', 'mask', 'marker',
  // filters
  'filter', 'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feConvolveMatrix',
  'feDiffuseLighting', 'feDisplacementMap', 'feDistantLight', 'feDropShadow', 'feFlood', 'feFuncA',
  'feFuncB', 'feFuncG', 'feFuncR', 'feGaussianBlur', 'feImage', 'feMerge', 'feMergeNode',
  'feMorphology', 'feOffset', 'fePointLight', 'feSpecularLighting', 'feSpotLight', 'feTile', 'feTurbulence',
  // animation
  'animate', 'animateMotion', 'animateTransform', 'set', 'mpath',
]);

export const ANIMATIONS: ReadonlySet<string> = new Set(['animate', 'animateMotion', 'animateTransform', 'set']);

/** The attributes of an animation that hold the values it writes into its target. */
export const ANIMATION_VALUES: ReadonlySet<string> = new Set(['values', 'from', 'to', 'by']);

/** Attributes (no namespace) that send a request by themselves. */
export const FETCHING_ATTRIBUTES: ReadonlySet<string> = new Set(['src', 'ping']);
