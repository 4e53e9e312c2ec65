import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The web app: built into web/dist, which the server serves at `/` (src/web/web.module.ts). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server serves web/dist as it is: maps would publish the sources (issue 15).
    sourcemap: false,
    target: 'es2022',
    // The build is small; rolldown's plugin-timing report is noise here.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  server: {
    // `npm run dev:web` beside `npm start`: the API (and its graphql-ws socket) stays on the server.
    proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true } },
  },
});
