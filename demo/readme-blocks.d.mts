export interface ReadmeBlock {
  lang: string;
  section: string;
  /** 1-based line of the block's first line of code in README.md. */
  line: number;
  code: string;
  file?: string;
}
export function readmeBlocks(text?: string): ReadmeBlock[];
export function readmeFile(section: string, file: string): string;
