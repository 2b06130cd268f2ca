// `npx tsx test/package/write-size-budgets.ts`: renders size-budgets.json into README.md's table,
// after a budget changed (the package test fails until the two agree).
import { readFileSync, writeFileSync } from 'node:fs';
import { withReadmeBlock } from '../support/readme-block.js';
import { README_BLOCK, readSizeBudgets, renderSizeBudgets } from './size-budgets.js';

const readme = new URL('../../README.md', import.meta.url);
writeFileSync(readme, withReadmeBlock(readFileSync(readme, 'utf8'), README_BLOCK, renderSizeBudgets(readSizeBudgets())));
console.log('README.md: size budgets rewritten from test/package/size-budgets.json');
