import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The editor compiles shared/ from source, so the browser gets the same catalogue and compiler as the server.
const sharedSource = fileURLToPath(new URL('../shared/src/index.ts', import.meta.url));
const sharedTesting = fileURLToPath(new URL('../shared/src/testing/index.ts', import.meta.url));
// The gallery's cards without the templates' builders (which need the whole catalogue): the flow list loads only these.
const sharedTemplateCards = fileURLToPath(new URL('../shared/src/templates/template-cards.ts', import.meta.url));
const apiUrl = process.env.API_URL ?? 'http://127.0.0.1:3000';
const apiProxy = Object.fromEntries(['/v1', '/health', '/docs'].map((prefix) => [prefix, { target: apiUrl, changeOrigin: true }]));

export default defineConfig({
  plugins: [react()],
  // The subpath first: '@dmflow/shared' also matches '@dmflow/shared/…' as a prefix.
  resolve: {
    alias: {
      '@dmflow/shared/testing': sharedTesting,
      '@dmflow/shared/template-cards': sharedTemplateCards,
      '@dmflow/shared': sharedSource,
    },
  },
  esbuild: { tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } } },
  server: { host: '127.0.0.1', port: 5173, proxy: apiProxy },
  preview: { host: '0.0.0.0', port: 5173, proxy: apiProxy },
  // No source maps in the build: the server would serve them to anyone (the editor's whole source, 3 MB).
  build: { outDir: 'dist', sourcemap: false },
  // Components (*.spec.tsx) render into jsdom; the rest is plain logic and runs in Node: a jsdom window costs each
  // spec file seconds of CPU to set up (most of what the editor's tests cost), for nothing where no DOM is touched.
  test: {
    projects: [
      { extends: true, test: { name: 'components', environment: 'jsdom', include: ['src/**/*.spec.tsx'] } },
      { extends: true, test: { name: 'logic', environment: 'node', include: ['src/**/*.spec.ts'] } },
    ],
  },
});
