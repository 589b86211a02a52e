// The layering rules of ARCHITECTURE.md §3.3, enforced as a test so they hold
// even when nobody runs a linter: only a short allowlist of adapter files may
// import `electron` at runtime; core, common, CLI and renderer run without it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');

/**
 * Files allowed to import `electron` at runtime (the Electron adapters). The tray
 * controller, secret box and e2e hooks take Electron objects by injection instead.
 */
export const ELECTRON_ALLOWLIST = [
  'main/index.ts',
  'main/windows.ts',
  'main/web-security.ts',
  'main/ipc-electron.ts',
  'main/app-menu.ts',
  'main/notifications.ts',
  'main/tray/gauge-image.ts',
  'main/settings/electron-settings.ts',
  'preload/index.ts',
];

function sourceFiles(dir: string): string[] {
  let out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(join(root, dir));
  } catch {
    return out;
  }
  for (const name of entries) {
    const rel = `${dir}/${name}`;
    if (statSync(join(root, rel)).isDirectory()) out = out.concat(sourceFiles(rel));
    else if (/\.(ts|tsx|mts|cts)$/.test(name) && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

interface Import {
  spec: string;
  line: number;
  typeOnly: boolean;
}

export function importsOf(text: string): Import[] {
  const found: Import[] = [];
  const re = /(^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(re)) {
    const spec = m[4] ?? m[5];
    if (!spec) continue;
    const line = text.slice(0, m.index).split('\n').length + (m[1] === '\n' ? 1 : 0);
    found.push({ spec, line, typeOnly: Boolean(m[3]) });
  }
  return found;
}

const toPosix = (p: string) => p.split(sep).join('/');

function violations(files: string[], rule: (file: string, imp: Import) => string | null): string[] {
  const out: string[] = [];
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const imp of importsOf(text)) {
      const why = rule(file, imp);
      if (why) out.push(`${file}:${imp.line} imports '${imp.spec}': ${why}`);
    }
  }
  return out;
}

const isElectron = (spec: string) => spec === 'electron' || spec.startsWith('electron/') || spec === 'electron-store' || spec === 'electron-log';

describe('layering', () => {
  const all = ['main', 'common', 'preload', 'renderer'].flatMap(sourceFiles).map(toPosix);

  it('finds the source tree', () => {
    expect(all.length).toBeGreaterThan(3);
  });

  it('imports electron at runtime only in the allowlisted adapter files', () => {
    const bad = violations(all, (file, imp) =>
      isElectron(imp.spec) && !imp.typeOnly && !ELECTRON_ALLOWLIST.includes(file) ? 'not an Electron adapter (see ELECTRON_ALLOWLIST)' : null,
    );
    expect(bad).toEqual([]);
  });

  it('keeps electron out of main/core, common and renderer entirely (not even types)', () => {
    const scoped = all.filter((f) => f.startsWith('main/core/') || f.startsWith('common/') || f.startsWith('renderer/'));
    const bad = violations(scoped, (_f, imp) => (isElectron(imp.spec) ? 'core, common and renderer must run without Electron' : null));
    expect(bad).toEqual([]);
  });

  it('keeps node builtins and main/preload out of renderer and common', () => {
    const scoped = all.filter((f) => f.startsWith('common/') || f.startsWith('renderer/'));
    const bad = violations(scoped, (_f, imp) => {
      if (imp.spec.startsWith('node:')) return 'renderer and common run in a browser';
      if (/(^|\/)(main|preload)\//.test(imp.spec)) return 'renderer and common talk to main only through the contract';
      return null;
    });
    expect(bad).toEqual([]);
  });

  it('never lets main/core reach up into its adapters', () => {
    const scoped = all.filter((f) => f.startsWith('main/core/'));
    const bad = violations(scoped, (file, imp) => {
      if (!imp.spec.startsWith('.')) return null;
      const target = toPosix(relative(root, join(root, file, '..', imp.spec)));
      return target.startsWith('main/') && !target.startsWith('main/core/') ? 'core must not import main/* outside core' : null;
    });
    expect(bad).toEqual([]);
  });

  it('lets the preload import only electron and common', () => {
    const scoped = all.filter((f) => f.startsWith('preload/'));
    const bad = violations(scoped, (_f, imp) =>
      imp.spec === 'electron' || imp.spec.includes('/common/') || imp.spec.startsWith('zod') ? null : 'preload may import only electron and common',
    );
    expect(bad).toEqual([]);
  });

  it('lists the allowlist files that exist', () => {
    // Printed so the report shows which files touch Electron at all.
    const present = ELECTRON_ALLOWLIST.filter((f) => all.includes(f));
    console.log(`Electron adapter files present: ${present.join(', ') || '(none yet)'}`);
    expect(present.every((f) => ELECTRON_ALLOWLIST.includes(f))).toBe(true);
  });
});
