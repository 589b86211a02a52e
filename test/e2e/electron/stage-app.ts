// An app folder for tests, built the way `npm start` builds it
// (electron-vite) but into its own folder, so a test never rebuilds the out/
// that the browser specs serve at the same time. Around out/ it has what the
// repository root gives `electron .`: package.json (main, "type": "module"),
// node_modules for the external packages, and .electron-native for the
// Electron-ABI sqlite driver (main/index.ts looks under app.getAppPath()).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..', '..');

export function stageBuiltApp(dir: string): SpawnSyncReturns<string> {
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
  // 'junction': a folder link Windows allows without admin rights; ignored elsewhere.
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'junction');
  symlinkSync(join(root, '.electron-native'), join(dir, '.electron-native'), 'junction');
  return spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--outDir', join(dir, 'out'), '--logLevel', 'warn'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
}
