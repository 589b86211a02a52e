// One collecting process per data folder: a second is refused in words naming
// the first; a lock left by a process that is gone is taken over.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireCollectorLock, LOCK_FILE_NAME } from '../../../../../main/core/runtime/collector-lock';

const root = mkdtempSync(join(tmpdir(), 'paku-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const folder = () => {
  const dir = join(root, String(n++));
  mkdirSync(dir);
  return dir;
};

describe('acquireCollectorLock', () => {
  it('takes the lock, records the owner, and releases it', () => {
    const dir = folder();
    const lock = acquireCollectorLock(dir, 'http', 1_000);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8'))).toEqual({ pid: process.pid, face: 'http', since: 1_000 });
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  it('refuses while another live process holds it, naming it and the way out', () => {
    const dir = folder();
    const other = process.ppid;
    writeFileSync(join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: other, face: 'electron', since: Date.UTC(2026, 0, 1) }));
    expect(() => acquireCollectorLock(dir, 'http', 0)).toThrow(
      `Another paku-ecoflow (the tray app, pid ${other}, since 2026-01-01T00:00:00.000Z) is collecting into ${dir}: stop it first, or give this one its own data folder (--data-dir or PAKU_DATA_DIR). If no paku-ecoflow runs, delete ${join(dir, LOCK_FILE_NAME)}.`,
    );
  });

  it('takes over a lock whose process is gone, or that does not parse', () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    for (const text of [JSON.stringify({ pid: gone, face: 'http', since: 0 }), 'garbage']) {
      const dir = folder();
      writeFileSync(join(dir, LOCK_FILE_NAME), text);
      const lock = acquireCollectorLock(dir, 'electron', 5);
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')).pid).toBe(process.pid);
      lock.release();
    }
  });

  it('release leaves a lock someone else has since taken', () => {
    const dir = folder();
    const lock = acquireCollectorLock(dir, 'http', 0);
    writeFileSync(join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: process.ppid, face: 'http', since: 0 }));
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(true);
  });
});
