import { defaultReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs'; // pinned 26.0.3: 27+ silently break under WTR
import { browserConfig, freePort } from './test/runner/wtr-browsers.mjs';
import { countReporter } from './test/runner/wtr-count-reporter.mjs';
import { testRoutes } from './test/runner/test-routes.mjs';

// file-type → @tokenizer/inflate → debug (CJS), token-types → ieee754 (CJS), and saxes → xmlchars
// (the XML reader, CJS): the dev server serves ESM only, so these are converted. Converted one
// file at a time, saxes' require() of xmlchars would get a namespace wrapper without xmlchars'
// exports on it: it gets xmlchars' module.exports instead.
const commonjs = fromRollup(rollupCommonjs);

// Chromium unless KYC_TEST_BROWSER says firefox or webkit (`npm test` runs all three).
const { browsers, concurrency, plugins = [] } = await browserConfig();

export default {
  // A free port, not the default 8000: two runs at once (a watch loop beside a full run) must not collide.
  port: await freePort(),
  files: ['test/core/**/*.test.ts', 'test/element/**/*.test.ts'],
  middleware: [testRoutes],
  nodeResolve: { browser: true, exportConditions: ['browser', 'production'] },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }),
    commonjs({
      include: ['**/node_modules/debug/**', '**/node_modules/ms/**', '**/node_modules/ieee754/**', '**/node_modules/saxes/**', '**/node_modules/xmlchars/**'],
      requireReturnsDefault: (id) => id.includes('/node_modules/xmlchars/'),
    }),
    ...plugins,
  ],
  browsers,
  ...(concurrency ? { concurrency } : {}),
  reporters: [defaultReporter(), countReporter()],
  testFramework: { config: { timeout: 15000 } },
};
