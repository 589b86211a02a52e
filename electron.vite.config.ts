// electron-vite: main (ESM, as package.json is "type": "module"), preload
// (one CJS file: a sandboxed preload cannot load ES modules or require from
// node_modules, so zod and the contract are bundled in), renderer (the same
// config `npm run build:renderer` uses). Our entries live at the top level,
// not electron-vite's default src/*, so all three are set explicitly.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer/vite.config';

const at = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: at('./out/main'),
      lib: { entry: at('./main/index.ts'), formats: ['es'] },
      // Native and pg stay external; ESM-only electron-store/conf are bundled.
      externalizeDeps: { exclude: ['electron-store', 'conf'] },
      rollupOptions: { external: ['better-sqlite3', 'pg', 'pg-copy-streams', 'mqtt', 'aedes'] },
    },
  },
  preload: {
    build: {
      outDir: at('./out/preload'),
      lib: { entry: at('./preload/index.ts') },
      externalizeDeps: false,
      rollupOptions: {
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: {
      ...rendererConfig.build,
      // Absolute: electron-vite resolves a relative outDir against the working
      // directory, not the renderer root, which put the build one level above the repo.
      outDir: at('./out/renderer'),
      // rolldownOptions: electron-vite replaces the renderer's rollupOptions with it.
      rolldownOptions: { input: at('./renderer/index.html') },
    },
  },
});
