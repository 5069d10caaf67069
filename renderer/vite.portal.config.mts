import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { sharedAlias } from './vite.config.mts';

/**
 * Autoatendimento, the citizens' portal: a bundle of its own (~670 kB, ~200 kB gzipped, against the
 * desk's 1.7 MB: no tiptap, recharts or socket.io), for phones on mobile data. Built after the desk's into the same dist without
 * emptying it; its files are named apart (autoatendimento-*). One chunk, like the desk's: its entry
 * turns zod's eval off before any schema is built (zod-without-eval.ts), and the CSP allows no eval.
 */
export default defineConfig({
  plugins: [react()],
  base: '/',
  resolve: { alias: sharedAlias },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      input: 'autoatendimento.html',
      output: {
        entryFileNames: 'assets/autoatendimento-[hash].js',
        chunkFileNames: 'assets/autoatendimento-[name]-[hash].js',
        assetFileNames: 'assets/autoatendimento-[hash][extname]',
      },
    },
  },
});
