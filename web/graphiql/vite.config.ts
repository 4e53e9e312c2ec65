import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * GraphiQL (React) as a page of its own, built into web/dist/graphiql after the web app (which empties
 * web/dist first), and served at /graphiql by src/web/web.module.ts. No CDN: everything is in the bundle.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/graphiql/',
  build: {
    outDir: fileURLToPath(new URL('../dist/graphiql', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2048,
    rolldownOptions: {
      checks: { pluginTimings: false },
      // GraphiQL's React libraries mark modules "use client", which means nothing outside a React server.
      onwarn: (warning, warn) => {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
