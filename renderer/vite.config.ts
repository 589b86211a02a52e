// Builds the window (React + recharts) into out/renderer. Used by
// `npm run build:renderer` (served by the headless HTTP face) and imported by
// electron.vite.config.ts for the Electron renderer. Paths are relative to the
// repository root, where every build runs (as in the electron-vite template);
// base './' lets the build load both from file:// and from the HTTP face.
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

export const rendererConfig: UserConfig = {
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    // Relative to root.
    outDir: '../out/renderer',
    emptyOutDir: true,
    // No inline scripts or eval anywhere: the CSP forbids them.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
};

export default defineConfig(rendererConfig);
