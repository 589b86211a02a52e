// Builds the window (React + recharts) into out/renderer. Used by
// `npm run build:renderer` (served by the headless HTTP face) and imported by
// electron.vite.config.ts for the Electron renderer. base './' so the build
// loads both from file:// (Electron) and from the HTTP face's root.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));

export const rendererConfig: UserConfig = {
  root: rendererRoot,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    // No inline scripts or eval anywhere: the CSP forbids them.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
};

export default defineConfig(rendererConfig);
