// Lit's html`` templates reach the bundle as written: the JavaScript minifier leaves a template's
// text alone, so every line's indentation ships with the page-load script. This collapses each
// run of whitespace that holds a line break, in the static text of our html`` templates, to one
// space: what the HTML parser makes of it anyway outside <pre> and <textarea>, which our
// templates do not use. It runs after TypeScript is stripped, on the module's own syntax tree.

/** The static parts of every html`` template in an ESTree program, with their source offsets. */
function htmlTemplateQuasis(node, found = []) {
  if (!node || typeof node.type !== 'string') return found;
  if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && node.tag.name === 'html') found.push(...node.quasi.quasis);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const child of value) htmlTemplateQuasis(child, found);
    else if (value && typeof value === 'object') htmlTemplateQuasis(value, found);
  }
  return found;
}

export function collapseTemplateWhitespace() {
  return {
    name: 'kyc-upload:collapse-template-whitespace',
    enforce: 'post',
    transform(code, id) {
      if (!/\/src\/element\/.*\.ts$/.test(id) || !code.includes('html`')) return undefined;
      const quasis = htmlTemplateQuasis(this.parse(code));
      if (/<(pre|textarea)\b/.test(quasis.map((quasi) => quasi.value.raw).join(''))) throw new Error(`${id}: an html template whose whitespace matters`);
      let collapsed = code;
      // From the last to the first, so earlier offsets stay true.
      for (const { start, end } of quasis.sort((a, b) => b.start - a.start)) {
        collapsed = collapsed.slice(0, start) + collapsed.slice(start, end).replace(/\s*\n\s*/g, ' ') + collapsed.slice(end);
      }
      return { code: collapsed, map: null };
    },
  };
}
