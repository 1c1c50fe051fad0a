// Vite build of the web console into console/dist, served by `warden server` at /console.
// Everything is emitted as files (no inline script or style, no data: assets), so the
// server's Content-Security-Policy can forbid 'unsafe-inline'.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  // Preact's automatic JSX runtime through Vite's own esbuild transform: no plugin needed.
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server finds a build by its manifest (console/dist/.vite/manifest.json).
    manifest: true,
    assetsInlineLimit: 0,
    // The preload polyfill is code the page does not need (every supported browser preloads modules).
    modulePreload: { polyfill: false },
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
});
