// Lit's css`` literals reach the bundle as written: the JavaScript minifier leaves a template's
// text alone, comments and indentation included. This minifies the static ones in our *.styles.ts
// with lightningcss (Vite's own CSS minifier) before bundling, for every build that ships.
import { transform } from 'lightningcss';

/** A css`` literal without `${…}`, its text as written (escapes kept). */
const STATIC_CSS_LITERAL = /\bcss`((?:[^`\\$]|\\[^])*)`/g;

export function minifyStyleLiterals() {
  return {
    name: 'kyc-upload:minify-style-literals',
    transform(code, id) {
      if (!/\.styles\.ts$/.test(id)) return undefined;
      return {
        code: code.replace(STATIC_CSS_LITERAL, (_literal, text) => `css\`${minifyCss(text, id)}\``),
        map: null,
      };
    },
  };
}

function minifyCss(text, id) {
  // The only escapes in our styles are backquotes in comments; the minified text keeps none.
  const source = text.replace(/\\`/g, '`');
  const { code } = transform({ filename: id, code: Buffer.from(source), minify: true });
  const minified = code.toString();
  if (/[`\\]|\$\{/.test(minified)) throw new Error(`${id}: minified CSS holds a character a template literal would change`);
  return minified;
}
