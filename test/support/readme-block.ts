// A block of README.md that is generated, not written: it sits between `<!-- NAME:start -->` and
// `<!-- NAME:end -->`, and a package test compares it with what its source renders to.

const markers = (name: string) => ({ start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` });

/** The block's current text, or an error saying what is wrong with its markers. */
export function readmeBlock(readme: string, name: string): string {
  const { start, end } = markers(name);
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < 0 || to < from) throw new Error(`README.md: no ${start} … ${end} pair`);
  if (readme.indexOf(start, from + 1) >= 0 || readme.indexOf(end, to + 1) >= 0) throw new Error(`README.md: the ${name} markers appear twice`);
  return readme.slice(from + start.length, to).replace(/^\n/, '');
}

/** `readme` with `text` between the block's markers; the rest untouched. */
export function withReadmeBlock(readme: string, name: string, text: string): string {
  readmeBlock(readme, name); // the markers are there, once each
  const { start, end } = markers(name);
  const from = readme.indexOf(start) + start.length;
  return `${readme.slice(0, from)}\n${text}${readme.slice(readme.indexOf(end))}`;
}
