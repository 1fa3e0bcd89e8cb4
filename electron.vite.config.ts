import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  main: {
    build: {
      // zod is bundled (the rest stays in node_modules): tree-shaken into one chunk it loads
      // far faster than its hundred-odd files, which every start of the command line paid.
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        // The app and the command line share one build: same services, same store. The sync's
        // writer thread and the untrusted-parsing worker are entries of their own (worker
        // scripts), beside them in out/main.
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
          'untrusted-parser': resolve(__dirname, 'src/main/services/untrusted-parser-thread.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require npm packages: bundle everything but electron.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') },
      },
    },
    plugins: [svelte()],
  },
});
