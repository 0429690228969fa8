import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { pageHeads, withHead } from './src/page-heads';

const api = {
  '/api': { target: 'http://127.0.0.1:7071', changeOrigin: false },
};

/** Writes each public page's first HTML (title, description, heading) beside index.html, from the built index.html. */
function publicPageHeads(): Plugin {
  let outDir = 'dist';
  return {
    name: 'exchange-public-page-heads',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle() {
      const shell = readFileSync(join(outDir, 'index.html'), 'utf8');
      for (const head of pageHeads) {
        writeFileSync(join(outDir, head.file), withHead(shell, head));
      }
    },
  };
}

export default defineConfig({
  plugins: [publicPageHeads()],
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
