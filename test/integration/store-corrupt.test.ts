// A damaged database file is moved aside with a clear message and a new store starts.
import { closeSync, existsSync, openSync, readFileSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { ReadingStore } from '../../main/core/store/store';
import { SN, T0, capturingLogger, steady, tempDir } from '../unit/main/core/store/fixtures';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function openAt(path: string) {
  const { logger, lines } = capturingLogger();
  const store = ReadingStore.open({ path, clock: new ManualClock(Date.UTC(2026, 4, 1, 12, 0, 0)), logger });
  return { store, lines };
}

describe('corrupt database file', () => {
  it('moves a file that is not a database aside and starts a new one', () => {
    const dir = join(tmp.dir, 'garbage');
    const path = join(dir, 'paku.sqlite');
    const { store: first } = openAt(path);
    first.close();
    writeFileSync(path, 'this is not a database '.repeat(500));
    const { store, lines } = openAt(path);
    try {
      const aside = `${path}.corrupt-2026-05-01T12-00-00-000Z`;
      expect(existsSync(aside)).toBe(true);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('ERROR');
      expect(lines[0]).toContain(`The local database ${path} is damaged (file is not a database)`);
      expect(lines[0]).toContain(`Moved it aside to ${aside}`);
      expect(store.insert(steady(T0, 3, 1000, { socPercent: 1 }))).toEqual([1, 2, 3]);
      expect(store.count(SN)).toBe(3);
    } finally {
      store.close();
    }
  });

  it('moves a malformed database (damaged schema page) aside, keeping its WAL beside it', () => {
    const dir = join(tmp.dir, 'malformed');
    const path = join(dir, 'paku.sqlite');
    const { store: first } = openAt(path);
    first.insert(steady(T0, 100, 1000, { socPercent: 1 }));
    first.database.pragma('wal_checkpoint(TRUNCATE)');
    first.insert(steady(T0 + 200_000, 10, 1000, { socPercent: 2 }));
    const wal = readFileSync(`${path}-wal`); // newest commits, still only in the WAL
    first.close();
    // Overwrite the schema table's b-tree on page 1 (after the 100-byte file header).
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(3000, 0xa5), 0, 3000, 100);
    closeSync(fd);
    writeFileSync(`${path}-wal`, wal);
    const { store, lines } = openAt(path);
    try {
      expect(lines.join('\n')).toMatch(/is damaged \((database disk image is malformed|malformed database schema)/);
      const names = readdirSync(dir).sort();
      expect(names).toContain('paku.sqlite.corrupt-2026-05-01T12-00-00-000Z');
      expect(names).toContain('paku.sqlite.corrupt-2026-05-01T12-00-00-000Z-wal');
      expect(statSync(join(dir, 'paku.sqlite.corrupt-2026-05-01T12-00-00-000Z-wal')).size).toBe(wal.length);
      expect(store.count()).toBe(0);
      expect(store.database.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      store.close();
    }
  });

  it('does not touch a healthy file', () => {
    const path = join(tmp.dir, 'healthy', 'paku.sqlite');
    const { store: a } = openAt(path);
    a.insert(steady(T0, 5, 1000, {}));
    a.close();
    const { store: b, lines } = openAt(path);
    expect(lines).toEqual([]);
    expect(b.count()).toBe(5);
    b.close();
  });
});
