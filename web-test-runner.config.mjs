import { defaultReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs'; // pinned 26.0.3: 27+ silently break under WTR
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, chromiumPath } from './test/runner/chromium.mjs';
import { countReporter } from './test/runner/wtr-count-reporter.mjs';
import { testRoutes } from './test/runner/test-routes.mjs';

// file-type → @tokenizer/inflate → debug (CJS), token-types → ieee754 (CJS): the dev server
// serves ESM only, so these are converted.
const commonjs = fromRollup(rollupCommonjs);

export default {
  files: ['test/core/**/*.test.ts', 'test/element/**/*.test.ts'],
  middleware: [testRoutes],
  nodeResolve: { browser: true, exportConditions: ['browser', 'production'] },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }),
    commonjs({ include: ['**/node_modules/debug/**', '**/node_modules/ms/**', '**/node_modules/ieee754/**'] }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS },
    }),
  ],
  reporters: [defaultReporter(), countReporter()],
  testFramework: { config: { timeout: 15000 } },
};
