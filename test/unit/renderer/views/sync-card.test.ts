import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../common/schemas';
import { syncState } from '../../../../renderer/views/dashboard/SyncCard';

const base: SyncStatus = {
  configured: true,
  connected: true,
  paused: false,
  target: 'paku@db:5432/paku',
  unsynced: 0,
  oldestUnsyncedTs: null,
  syncedLastHour: 0,
  lastSyncTs: null,
  lastError: null,
  nextRetryTs: null,
  missingColumns: [],
  backlogWarning: null,
};

describe('sync state', () => {
  it('names what the sync is doing, paused before anything else', () => {
    expect(syncState(null)).toBe('not-configured');
    expect(syncState({ ...base, configured: false })).toBe('not-configured');
    expect(syncState(base)).toBe('synced');
    expect(syncState({ ...base, unsynced: 12 })).toBe('syncing');
    expect(syncState({ ...base, connected: false, unsynced: 12 })).toBe('offline');
    expect(syncState({ ...base, connected: false, paused: true })).toBe('paused');
  });
});
