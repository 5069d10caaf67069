import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const server = 'http://127.0.0.1:3000';

/** The shared workspace's sources, compiled with the renderer's (the portal's config uses it too). */
export const sharedAlias = {
  '@receptivo/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)),
};

export default defineConfig({
  plugins: [react()],
  // Absolute asset URLs: the server answers every page path (/receptivo, /atendimentos/123) with
  // index.html, whose scripts must load from the root whatever the depth.
  base: '/',
  resolve: { alias: sharedAlias },
  // One bundle (~1.7 MB, ~500 kB gzipped), read once from the server or the desktop's cache. Not
  // split: a chunk loaded before the entry would build zod schemas before main.tsx turns zod's eval
  // off (zod-without-eval.ts), and the desk's CSP refuses eval. The citizens' portal is another
  // bundle (vite.portal.config.mts), built next into the same dist: this build empties it first.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: {
    proxy: {
      '/api': server,
      '/socket.io': { target: server, ws: true },
    },
  },
});
