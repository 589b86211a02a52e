// A DeviceStatus with sensible defaults for the tray and notification tests.
import { emptyReading, type Reading } from '../../../../common/reading';
import type { DeviceStatus } from '../../../../common/schemas';

export const T0 = Date.UTC(2026, 5, 1, 12, 0, 0);

export function device(over: Partial<Omit<DeviceStatus, 'latest'>> & { latest?: Partial<Reading> | null } = {}): DeviceStatus {
  const { latest, ...rest } = over;
  const sn = rest.sn ?? 'DCABZ1234567';
  return {
    sn,
    model: 'Delta Pro',
    name: 'Delta Pro',
    family: 'delta-pro',
    supported: true,
    online: true,
    state: 'live',
    reason: 'live',
    lastDataTs: T0,
    rawKeyCount: 120,
    pendingOutputs: [],
    ...rest,
    latest: latest === null ? null : { ...emptyReading(sn, T0), socPercent: 73, chargeState: -1, wattsIn: 0, wattsOut: 240, minutesToEmpty: 190, ...latest },
  };
}
