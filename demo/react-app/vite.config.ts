import react from '@vitejs/plugin-react';
import { kycUpload } from 'kyc-upload/vite';
import { defineConfig } from 'vite';

// Served by the reference backend under /apps/react/ (the same origin as its API).
export default defineConfig({ base: '/apps/react/', plugins: [react(), kycUpload()] });
