// The worker's status without a server (the server-backed behaviour is in test/integration/sync-*.test.ts).
import { expect, test } from 'vitest';
import { SyncStatusSchema } from '../../../../../common/schemas';
import { ManualClock } from '../../../../../main/core/clock';
import { SyncWorker } from '../../../../../main/core/sync/sync-worker';
import { MemoryOutbox, sampleReading } from '../../../../helpers/sync-fixtures';

test('not configured: says so, start is a no-op', async () => {
  const w = new SyncWorker({ outbox: new MemoryOutbox(), pg: null, installationId: 'i' });
  w.start();
  const s = w.status();
  expect(SyncStatusSchema.parse(s)).toEqual(s);
  expect(s).toMatchObject({ configured: false, connected: false, target: null, lastError: null, unsynced: 0, backlogWarning: null });
  await w.stop();
});

test('a malformed URL is a configuration error in words; the backlog warning still shows', () => {
  const outbox = new MemoryOutbox();
  outbox.add(sampleReading('S', 0));
  const w = new SyncWorker({ outbox, pg: { url: 'postgres://h/db?sslmode=allow' }, installationId: 'i', storeSizeBytes: () => 5 * 1024 ** 3 });
  expect(w.status().configured).toBe(true);
  expect(w.status().lastError).toEqual({ code: 'bad-request', message: 'sslmode=allow is not supported: use disable, require or verify-full' });
  expect(w.status().backlogWarning).toMatch(/5\.0 GB \(cap 2\.0 GB\) with 1 readings not yet in paku/);
});

test('backlog past the store cap: the user is told, nothing dropped; pause/resume reported', () => {
  const outbox = new MemoryOutbox();
  for (let i = 0; i < 3; i++) outbox.add(sampleReading('S', i));
  const clock = new ManualClock();
  const seen: boolean[] = [];
  const w = new SyncWorker({
    outbox,
    pg: { url: 'postgres://paku:secretpw@db.example/paku' },
    installationId: 'i',
    clock,
    storeSizeBytes: () => 3 * 1024 ** 3,
  });
  w.onStatus((s) => seen.push(s.paused));
  const s = w.status();
  expect(s).toMatchObject({ configured: true, target: 'paku@db.example:5432/paku', unsynced: 3, oldestUnsyncedTs: Date.UTC(2026, 0, 1) });
  expect(s.backlogWarning).toMatch(/3\.0 GB \(cap 2\.0 GB\) with 3 readings not yet in paku\. Nothing is dropped/);
  expect(JSON.stringify(s)).not.toContain('secretpw');
  w.pause();
  w.resume();
  expect(seen).toEqual([true, false]);
  expect(outbox.unsyncedCount()).toBe(3);
});
