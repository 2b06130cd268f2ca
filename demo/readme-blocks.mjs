// The README's fenced code blocks. The package tests type-check every TypeScript block, and the
// framework apps are made from the blocks that name their file on their first line
// (`// vite.config.ts`, `<!-- src/components/IdentityStep.vue -->`): what the README shows is
// exactly what is built and tested.
import { readFileSync } from 'node:fs';

const README = new URL('../README.md', import.meta.url);

/** Every fenced block, with its language, the heading it sits under and its first line's number. */
export function readmeBlocks(text = readFileSync(README, 'utf8')) {
  const blocks = [];
  let section = '';
  let open;
  text.split('\n').forEach((line, index) => {
    if (open) {
      if (line.startsWith('```')) {
        blocks.push({ ...open, code: open.lines.join('\n') + '\n' });
        open = undefined;
      } else open.lines.push(line);
      return;
    }
    const heading = /^#{2,4} (.+)$/.exec(line);
    if (heading) section = heading[1].trim();
    const fence = /^```(\w*)/.exec(line);
    if (fence) open = { lang: fence[1], section, line: index + 2, lines: [] };
  });
  return blocks.map(({ lines: _, ...block }) => ({ ...block, file: fileNamed(block.code) }));
}

/** The file a block names on its first line, if it does. */
function fileNamed(code) {
  return /^(?:\/\/|<!--)\s*([\w./-]+\.(?:ts|tsx|vue|json))\b/.exec(code)?.[1];
}

/** The block of `section` that names `file`; throws if the README has none. */
export function readmeFile(section, file) {
  const block = readmeBlocks().find((b) => b.section === section && b.file === file);
  if (!block) throw new Error(`README: no block naming ${file} under "${section}"`);
  return block.code;
}
