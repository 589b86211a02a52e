// A writer process is SIGKILLed mid-stream, repeatedly: every batch it reported
// committed is there, ids only increase, and the rollups match the readings.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { ReadingStore } from '../../main/core/store/store';
import { SN, T0, capturingLogger, rollupMismatches, tempDir } from '../unit/main/core/store/fixtures';

const CHILD = join(import.meta.dirname, '../unit/main/core/store/writer-child.ts');
const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** Runs the writer until it has committed at least `minId`, then SIGKILLs it; returns the last id it reported. */
function runAndKill(path: string, startTs: number, minId: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path, String(startTs)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let reported = 0;
    let buf = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const l of lines) {
        const m = /^committed (\d+)$/.exec(l);
        if (m) reported = Number(m[1]);
      }
      if (reported >= minId && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(reported);
      else reject(new Error(`writer exited by itself (code ${code}): ${stderr}`));
    });
  });
}

describe('store under SIGKILL', () => {
  it('keeps every committed batch and stays consistent across repeated kills', async () => {
    const path = join(tmp.dir, 'crash.sqlite');
    let expectedMin = 0;
    let nextTs = T0;
    for (let round = 0; round < 3; round++) {
      const reported = await runAndKill(path, nextTs, expectedMin + 2000);
      const { logger, lines } = capturingLogger();
      const store = ReadingStore.open({ path, clock: new ManualClock(T0), logger });
      try {
        expect(lines).toEqual([]); // not treated as corrupt
        expect(store.database.pragma('integrity_check', { simple: true })).toBe('ok');
        const rows = [...store.range(SN, 0, Number.MAX_SAFE_INTEGER)];
        const ids = rows.map((r) => r.id);
        // Everything reported committed survived; at most the batch being written is missing.
        expect(ids[ids.length - 1]).toBeGreaterThanOrEqual(reported);
        expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
        expect(rows.every((r, i) => i === 0 || r.ts > rows[i - 1]!.ts)).toBe(true);
        expect(rollupMismatches(store)).toEqual([]);
        expectedMin = ids[ids.length - 1]!;
        nextTs = rows[rows.length - 1]!.ts;
      } finally {
        store.close();
      }
    }
  });
});
