import { describe, expect, it } from 'vitest';
import { syncState } from '../../../../renderer/views/dashboard/SyncCard';
import { syncStatus } from '../../main/core/app-service.fakes';

const base = syncStatus();

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
