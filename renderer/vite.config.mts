import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const server = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  // Absolute asset URLs: the server answers every page path (/receptivo, /atendimentos/123) with
  // index.html, whose scripts must load from the root whatever the depth.
  base: '/',
  resolve: {
    alias: {
      '@receptivo/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)),
    },
  },
  // The desk's own bundle is ~500 kB (React, the router, zod, Socket.IO, TanStack Query); the
  // administration editors and the supervision charts are split off and loaded on demand (App.tsx).
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 600 },
  server: {
    proxy: {
      '/api': server,
      '/socket.io': { target: server, ws: true },
    },
  },
});
