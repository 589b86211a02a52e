// The sync worker the faces hold: a new Postgres URL or password swaps the
// worker underneath, keeping the user's pause and the status listeners.
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../../common/schemas';
import { SyncHost } from '../../../../../main/core/runtime/sync-host';
import { SyncWorker } from '../../../../../main/core/sync/sync-worker';
import { MemoryOutbox } from '../../../../helpers/sync-fixtures';

const outbox = new MemoryOutbox();
const worker = (url: string | null) => new SyncWorker({ outbox, pg: url ? { url, password: null } : null, installationId: 'host-test' });

describe('SyncHost', () => {
  it('a swap keeps the pause and the listeners, and tells them about the new worker', () => {
    const host = new SyncHost(worker(null));
    const seen: SyncStatus[] = [];
    host.onStatus((s) => seen.push(s));
    expect(host.status()).toMatchObject({ configured: false, paused: false });

    host.setPaused(true);
    expect(seen.at(-1)).toMatchObject({ paused: true });
    const first = host.current;
    const old = host.swap(worker('postgres://paku@db.invalid:5432/paku'));
    expect(old).toBe(first);
    expect(host.current).not.toBe(first);
    expect(seen.at(-1)).toMatchObject({ configured: true, paused: true, target: expect.stringContaining('db.invalid') });
    expect(host.status().paused).toBe(true);

    // The old worker no longer reaches the listeners.
    const count = seen.length;
    old.resume();
    expect(seen.length).toBe(count);

    host.setPaused(false);
    expect(host.status().paused).toBe(false);
    host.swap(worker(null));
    expect(host.status()).toMatchObject({ configured: false, paused: false });
  });
});
