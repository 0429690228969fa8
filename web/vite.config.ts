import { defineConfig } from 'vite';

const api = {
  '/api': { target: 'http://127.0.0.1:7071', changeOrigin: false },
};

export default defineConfig({
  server: { proxy: api },
  preview: { proxy: api },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Says which chunks each page loads (dist/.vite/manifest.json); a test reads it to keep the public pages' script free of editor and admin code.
    manifest: true,
  },
});
