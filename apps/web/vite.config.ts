import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.EGOV_API_URL ?? 'http://localhost:3000';

// The server serves dist/ at / with an SPA fallback and the API on the same origin;
// in development Vite proxies the server's paths so cookies stay first-party.
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: `${root}dist`,
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(
      ['/api/', '/oidc', '/dev/', '/health', '/sandbox/'].map((p) => [p, { target: api, changeOrigin: false }]),
    ),
  },
});
