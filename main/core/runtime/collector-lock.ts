// One collecting process per data folder. Two would share the persisted MQTT
// client id (the broker drops one connection for the other, every second) and
// the sync installation id. A lock file holds the owner's pid; one left by a
// process that no longer exists is taken over.
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { CodedError } from '../../../common/errors';

export const LOCK_FILE_NAME = 'collector.lock';

interface LockOwner {
  pid: number;
  face: string;
  since: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, owned by someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | null {
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    return typeof o.pid === 'number' ? { pid: o.pid, face: String(o.face ?? '?'), since: Number(o.since ?? 0) } : null;
  } catch {
    return null;
  }
}

const FACE_NAMES: Record<string, string> = { electron: 'the tray app', http: 'paku-ecoflow collect or serve' };

/** Takes the folder's lock or throws in words naming the process that holds it. */
export function acquireCollectorLock(dataDir: string, face: string, now: number): { release(): void } {
  const path = join(dataDir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = readOwner(path);
      if (owner && owner.pid !== process.pid && alive(owner.pid)) {
        throw new CodedError(
          'command-failed',
          `Another paku-ecoflow (${FACE_NAMES[owner.face] ?? owner.face}, pid ${owner.pid}, since ${new Date(owner.since).toISOString()}) is collecting into ${dataDir}: stop it first, or give this one its own data folder (--data-dir or PAKU_DATA_DIR). If no paku-ecoflow runs, delete ${path}.`,
        );
      }
      // Left by a process that is gone (or unreadable): take it over.
      rmSync(path, { force: true });
      continue;
    }
    writeSync(fd, JSON.stringify({ pid: process.pid, face, since: now }));
    closeSync(fd);
    return {
      release() {
        if (readOwner(path)?.pid === process.pid) rmSync(path, { force: true });
      },
    };
  }
  throw new CodedError('command-failed', `Could not take ${path}: another paku-ecoflow is starting on ${dataDir} at the same moment; try again.`);
}
