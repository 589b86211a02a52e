// What `npm start` runs after `electron-vite build`: the built out/ (into a
// temp folder), its layout as main/index.ts and electron-builder expect it,
// and the built main bundle itself started on the demo with a stand-in
// `electron` (no binary here). Unlike the composition test, electron-store is
// the real one, bundled as in the app.
import type { SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/web-security';
import { root, stageBuiltApp } from '../../e2e/electron/stage-app';
import { launchMain, type LaunchedApp } from '../main/ipc/fake-electron';

vi.mock('electron', async () => {
  const { electronModule } = await import('../main/ipc/fake-electron');
  return { default: electronModule, ...electronModule };
});

let project = '';
let out = '';
let build: SpawnSyncReturns<string>;
let launched: LaunchedApp | null = null;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'paku-built-'));
  out = join(project, 'out');
  build = stageBuiltApp(project);
}, 150_000);

afterAll(async () => {
  await launched?.cleanup();
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('electron-vite build', () => {
  it('builds main, preload and renderer', () => {
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
    for (const f of ['main/index.js', 'preload/index.cjs', 'renderer/index.html']) expect(existsSync(join(out, f)), f).toBe(true);
  });

  it('emits the preload as one CommonJS file that needs nothing but electron (sandbox)', () => {
    const preload = readFileSync(join(out, 'preload', 'index.cjs'), 'utf8');
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    expect([...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['electron']);
  });

  it('emits the renderer with relative asset paths (file://) and the CSP meta main/web-security.ts also sends', () => {
    const html = readFileSync(join(out, 'renderer', 'index.html'), 'utf8');
    expect(html).toContain(CONTENT_SECURITY_POLICY);
    const assets = [...html.matchAll(/(?:src|href)="(\.\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(1);
    for (const a of assets) expect(existsSync(join(out, 'renderer', a)), a).toBe(true);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('keeps only real runtime dependencies external in the main bundle (electron-builder ships "dependencies")', () => {
    const main = readFileSync(join(out, 'main', 'index.js'), 'utf8');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const bare = new Set([...main.matchAll(/^import\s[^;]*?from\s*"([^".][^"]*)"|^import\s*"([^".][^"]*)"/gm)].map((m) => (m[1] ?? m[2])!).filter((s) => !s.startsWith('node:')));
    bare.delete('electron');
    for (const name of bare) expect(Object.keys(pkg.dependencies), `${name} is imported at runtime`).toContain(name);
  });
});

describe('the built main bundle (stand-in electron, demo)', () => {
  it('starts: tray shows the demo battery, the window loads the built renderer with the built preload', async () => {
    launched = await launchMain(() => import(join(out, 'main', 'index.js')));
    expect(launched.window.loaded).toEqual({ file: join(out, 'renderer', 'index.html') });
    expect(launched.window.options.webPreferences?.preload).toBe(join(out, 'preload', 'index.cjs'));
    expect(launched.hooks.trayState()?.tooltip).toMatch(/\d+ %/);
  }, 30_000);

  it('answers IPC and keeps settings through the bundled electron-store', async () => {
    const r = (await launched!.invoke('settings:update', { sampleSeconds: 42 })) as { ok: boolean };
    expect(r.ok).toBe(true);
    const saved = JSON.parse(readFileSync(join(launched!.userData, 'settings.json'), 'utf8')) as { sampleSeconds: number };
    expect(saved.sampleSeconds).toBe(42);
  });

  it('quits within 5 s', async () => {
    expect(await launched!.quitFromTray()).toBeLessThan(5_000);
  });
});
