// A reader (like `paku-ecoflow status` or the window) works on the file while
// another process writes: no "database is locked", monotonic progress, and every
// snapshot it sees has rollups that agree with its readings.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { ReadingStore } from '../../main/core/store/store';
import { SN, T0, capturingLogger, rollupMismatches, tempDir } from '../unit/main/core/store/fixtures';

const CHILD = join(import.meta.dirname, '../unit/main/core/store/writer-child.ts');
const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('concurrent reader and writer processes', () => {
  it('reads consistent snapshots while the writer keeps committing', async () => {
    const path = join(tmp.dir, 'shared.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path, String(T0)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const firstCommit = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.resume();
    try {
      await firstCommit;
      const { logger, lines } = capturingLogger();
      const reader = ReadingStore.open({ path, clock: new ManualClock(T0), logger });
      try {
        let lastCount = 0;
        let lastId = 0;
        let checks = 0;
        const until = Date.now() + 3000;
        while (Date.now() < until) {
          const count = reader.count(SN);
          const latest = reader.latest(SN);
          expect(count).toBeGreaterThanOrEqual(lastCount);
          expect(latest!.id).toBeGreaterThanOrEqual(lastId);
          lastCount = count;
          lastId = latest!.id;
          expect(reader.outbox.unsyncedCount()).toBeGreaterThanOrEqual(count);
          const s = reader.series({ sn: SN, from: T0, to: latest!.ts, fields: ['socPercent', 'wattsIn'], maxPoints: 500 });
          expect(s.points.length).toBeLessThanOrEqual(500);
          if (checks % 5 === 0) {
            // One read transaction = one snapshot of both tables.
            expect(reader.database.transaction(() => rollupMismatches(reader))()).toEqual([]);
          }
          checks++;
          await sleep(20);
        }
        expect(lastCount).toBeGreaterThan(1000);
        expect(checks).toBeGreaterThan(10);
        expect(lines).toEqual([]);
      } finally {
        reader.close();
      }
    } finally {
      child.kill('SIGTERM');
    }
  });
});
