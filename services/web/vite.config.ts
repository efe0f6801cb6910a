import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The api the dev server (and `vite preview`) forwards /api, /docs and the queue dashboard to.
const API = process.env.PASSERELLE_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: API, changeOrigin: false },
      '/docs': { target: API, changeOrigin: false },
      // bull-board is a page of the api, not of this app.
      '/admin/queues': { target: API, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: API, changeOrigin: false },
      '/docs': { target: API, changeOrigin: false },
      '/admin/queues': { target: API, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The initial route must stay under 200 KB of gzipped JS: role areas are lazy chunks.
    chunkSizeWarningLimit: 400,
  },
});
