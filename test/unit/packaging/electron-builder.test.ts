// Packaging checks that run offline: electron-builder's own schema validation
// of electron-builder.yml, the settings the issue asks for, and the afterPack
// hook flipping fuses in a stand-in Electron binary (the real one cannot be
// downloaded here).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId?: string;
  productName?: string;
  directories?: { buildResources?: string; output?: string };
  files?: { filter?: string[] }[];
  asarUnpack?: string[];
  afterPack?: string;
  npmRebuild?: boolean;
  extraResources?: { from: string; to: string }[];
  mac?: { target?: string; extendInfo?: Record<string, unknown>; icon?: string };
  linux?: { target?: string[]; icon?: string };
  win?: { target?: string; icon?: string };
}

async function loadConfig(): Promise<BuilderConfig> {
  const { getConfig } = require('app-builder-lib/out/util/config/config.js') as { getConfig: (dir: string, path: string, opts: null) => Promise<BuilderConfig> };
  return getConfig(root, join(root, 'electron-builder.yml'), null);
}

async function validate(config: unknown): Promise<void> {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration: (c: unknown, l: unknown) => Promise<void> };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  await validateConfiguration(config, new DebugLogger(false));
}

const afterPack = require(join(root, 'build', 'after-pack.cjs')) as ((ctx: unknown) => Promise<void>) & {
  electronBinary: (ctx: unknown) => string;
};

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('electron-builder.yml', () => {
  it("passes electron-builder's schema validation", async () => {
    await expect(validate(await loadConfig())).resolves.toBeUndefined();
  });

  it('is really validated: a misspelt key fails', async () => {
    await expect(validate({ ...(await loadConfig()), asarUnpak: ['**/*.node'] })).rejects.toThrow(/unknown property 'asarUnpak'/);
  });

  it('has the identity, folders and files the app needs', async () => {
    const c = await loadConfig();
    expect(c.appId).toBe('fi.paku.ecoflow');
    expect(c.productName).toBe('paku-ecoflow');
    expect(c.directories).toEqual({ buildResources: 'build', output: 'dist' });
    expect(c.files?.flatMap((f) => f.filter ?? [])).toEqual(['out/**', 'package.json']);
    // Windows notifications need the app to claim the id the installer gives its shortcut.
    expect(readFileSync(join(root, 'main', 'index.ts'), 'utf8')).toContain(`const APP_ID = '${c.appId}';`);
  });

  it('unpacks native modules and ships the Electron-ABI sqlite binary without rebuilding node_modules', async () => {
    const c = await loadConfig();
    expect(c.asarUnpack).toContain('**/*.node');
    expect(c.npmRebuild).toBe(false);
    expect(c.extraResources).toContainEqual(expect.objectContaining({ from: '.electron-native', to: 'native' }));
  });

  it('targets AppImage + deb, NSIS and a dock-less dmg', async () => {
    const c = await loadConfig();
    expect(c.linux?.target).toEqual(['AppImage', 'deb']);
    expect(c.win?.target).toBe('nsis');
    expect(c.mac?.target).toBe('dmg');
    expect(c.mac?.extendInfo?.LSUIElement).toBe(true);
  });

  it('points at files that exist', async () => {
    const c = await loadConfig();
    expect(existsSync(join(root, c.afterPack ?? 'missing'))).toBe(true);
    for (const icon of [c.mac?.icon, c.linux?.icon, c.win?.icon]) expect(existsSync(join(root, icon ?? 'missing'))).toBe(true);
    expect(existsSync(join(root, 'build', 'entitlements.mac.plist'))).toBe(true);
  });
});

describe('after-pack fuses', () => {
  /** A stand-in binary: filler, the fuse sentinel, wire version 1 with every fuse on ('1') or off ('0'). */
  function fakeElectron(dir: string, name: string, fill: '0' | '1'): string {
    const wire = Buffer.concat([Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 9]), Buffer.from(fill.repeat(9))]);
    const file = join(dir, name);
    writeFileSync(file, Buffer.concat([Buffer.alloc(4096, 7), wire, Buffer.alloc(1024, 9)]));
    return file;
  }

  const context = (appOutDir: string, platform: string) => ({
    electronPlatformName: platform,
    appOutDir,
    arch: 1,
    packager: { appInfo: { productFilename: 'paku-ecoflow' }, executableName: 'paku-ecoflow' },
  });

  /** Runs the hook on a stand-in binary for a platform and reads the fuses back. */
  async function flipped(platform: string, name: string, fill: '0' | '1') {
    const dir = mkdtempSync(join(tmpdir(), 'paku-fuses-'));
    dirs.push(dir);
    const bin = fakeElectron(dir, name, fill);
    await afterPack(context(dir, platform));
    return getCurrentFuseWire(bin);
  }

  it('flips run-as-node, NODE_OPTIONS and inspect off (Linux)', async () => {
    const fuses = await flipped('linux', 'paku-ecoflow', '1');
    expect(fuses[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
  });

  it('turns only-load-from-asar on and leaves asar integrity as built on Linux', async () => {
    const fuses = await flipped('linux', 'paku-ecoflow', '0');
    expect(fuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(fuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.DISABLE);
  });

  it('also asks for asar integrity validation on Windows', async () => {
    const fuses = await flipped('win32', 'paku-ecoflow.exe', '0');
    expect(fuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(fuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
  });

  it('finds the binary inside the macOS bundle', () => {
    expect(afterPack.electronBinary(context('/x', 'darwin'))).toBe('/x/paku-ecoflow.app');
    expect(afterPack.electronBinary(context('/x', 'win32'))).toBe('/x/paku-ecoflow.exe');
    expect(afterPack.electronBinary(context('/x', 'linux'))).toBe('/x/paku-ecoflow');
  });
});
