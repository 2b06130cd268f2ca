import { defineConfig } from 'vite';

// `vite build`             → dist/index.js, dist/define.js (ESM; lit, zod, file-type… left to the app's bundler)
// `vite build --mode iife` → dist/kyc-upload.iife.js (one file for <script src>, registers the tag)
export default defineConfig(({ mode }) => {
  const iife = mode === 'iife';
  return {
    build: {
      target: 'es2022',
      emptyOutDir: !iife, // the second build must not wipe the first
      sourcemap: true,
      lib: iife
        ? { entry: 'src/iife.ts', name: 'KycUpload', formats: ['iife'], fileName: () => 'kyc-upload.iife.js' }
        : { entry: { index: 'src/index.ts', define: 'src/define.ts' }, formats: ['es'] },
      rolldownOptions: {
        external: iife ? [] : [/^lit(\/.*)?$/, /^@lit\//, /^zod(\/.*)?$/, 'file-type', 'browser-image-compression'],
      },
      // The ESM output stays readable for the app's own minifier; the IIFE ships as is.
      minify: iife,
    },
  };
});
