import vue from '@vitejs/plugin-vue';
import { kycUpload } from 'kyc-upload/vite';
import { defineConfig } from 'vite';

// Served by the reference backend under /apps/vue/ (the same origin as its API). Vue is told
// that <kyc-upload> is a custom element, not a component of its own.
export default defineConfig({
  base: '/apps/vue/',
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'kyc-upload' } } }), kycUpload()],
});
