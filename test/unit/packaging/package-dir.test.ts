// A real `electron-builder --dir` run, offline: a stand-in Electron
// distribution (with the fuse sentinel) replaces the download, and a stand-in
// out/ replaces the build. It checks what the globs put in the asar, that
// native modules are unpacked, that the Electron-ABI sqlite binary ships as a
// resource, and that afterPack flipped the fuses of the packaged binary.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage: (file: string, opts: object) => string[] };

let project = '';
let unpacked = '';
let run: ReturnType<typeof spawnSync>;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'paku-package-'));
  const write = (rel: string, text: string | Buffer) => {
    mkdirSync(join(project, rel, '..'), { recursive: true });
    writeFileSync(join(project, rel), text);
  };
  cpSync(join(root, 'package.json'), join(project, 'package.json'));
  cpSync(join(root, 'electron-builder.yml'), join(project, 'electron-builder.yml'));
  cpSync(join(root, 'build'), join(project, 'build'), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'));
  write('out/main/index.js', 'export {};\n');
  write('out/preload/index.cjs', '"use strict";\n');
  write('out/renderer/index.html', '<!doctype html>\n');
  write('src-not-shipped/secret.ts', 'never packaged\n');
  write('.electron-native/better_sqlite3.node', 'stand-in addon');
  const wire = Buffer.concat([Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 9]), Buffer.from('111111111')]);
  write('fake-electron/electron', Buffer.concat([Buffer.alloc(256, 7), wire, Buffer.alloc(256, 7)]));
  write('fake-electron/version', 'v45.6.1');
  run = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'electron-builder', 'cli.js'), '--dir', '--linux', '--x64', '--config', 'electron-builder.yml', '-c.electronDist=fake-electron', '-c.electronVersion=45.6.1'],
    { cwd: project, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CI: '1' } },
  );
  unpacked = join(project, 'dist', 'linux-unpacked');
}, 150_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('electron-builder --dir (offline, stand-in Electron)', () => {
  it('packages without errors', () => {
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(existsSync(join(unpacked, 'paku-ecoflow'))).toBe(true);
  });

  it('puts out/** and package.json in the asar, and no sources', () => {
    const files = asar.listPackage(join(unpacked, 'resources', 'app.asar'), {}).map((f) => f.replaceAll('\\', '/'));
    expect(files).toEqual(expect.arrayContaining(['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html']));
    expect(files.filter((f) => f.startsWith('/src-not-shipped') || f.startsWith('/build') || f.startsWith('/.electron-native'))).toEqual([]);
    expect(files.some((f) => f.startsWith('/node_modules/zod/'))).toBe(true);
  });

  it('unpacks native modules from the asar', () => {
    expect(existsSync(join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
  });

  it('ships the Electron-ABI sqlite binary where main/index.ts looks for it', () => {
    expect(existsSync(join(unpacked, 'resources', 'native', 'better_sqlite3.node'))).toBe(true);
  });

  it('flipped the fuses of the packaged binary', async () => {
    const fuses = await getCurrentFuseWire(join(unpacked, 'paku-ecoflow'));
    expect(fuses[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
  });
});
