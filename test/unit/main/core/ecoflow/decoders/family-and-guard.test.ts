import { describe, expect, it } from 'vitest';
import { emptyReading } from '../../../../../../common/reading';
import { detectFamily, guardReading } from '../../../../../../main/core/ecoflow/decoders';

describe('detectFamily', () => {
  it.each([
    [{ sn: 'X1', productName: 'DELTA Pro' }, 'delta-pro'],
    [{ sn: 'X1', productName: 'delta pro' }, 'delta-pro'],
    [{ sn: 'X1', productName: 'Delta Pro 3' }, 'delta-pro-3'],
    [{ sn: 'X1', productName: 'DELTA Pro 3' }, 'delta-pro-3'],
    [{ sn: 'X1', productName: 'DELTA Pro Ultra' }, 'unknown'],
    [{ sn: 'X1', productName: 'DELTA Max' }, 'delta-max'],
    [{ sn: 'X1', productName: 'DELTA 2' }, 'delta-2'],
    [{ sn: 'X1', productName: 'DELTA 2 Max' }, 'delta-2-max'],
    [{ sn: 'X1', productName: 'RIVER 2' }, 'river-2'],
    [{ sn: 'X1', productName: 'RIVER 2 Max' }, 'river-2'],
    [{ sn: 'X1', productName: 'RIVER 2 Pro' }, 'river-2'],
    [{ sn: 'X1', productName: 'PowerStream' }, 'unknown'],
    [{ sn: 'X1', productName: 'DELTA 3 Max Plus' }, 'unknown'],
    [{ sn: 'X1', deviceName: 'RIVER 2-1003' }, 'river-2'],
    [{ sn: 'X1', deviceName: 'DELTA Pro-3456' }, 'delta-pro'],
    [{ sn: 'DCABZ0123456789' }, 'delta-pro'],
    [{ sn: 'dcebz0123456789' }, 'delta-pro'],
    [{ sn: 'R331ZEB4ZEAL0528' }, 'delta-2'],
    [{ sn: 'MR51ZAS2PG330026' }, 'delta-pro-3'],
    [{ sn: 'HW51ZEH4SF4R0001', deviceName: 'My stream' }, 'unknown'],
    [{ sn: 'R331ZEB4ZEAL0528', productName: 'Unknown thing', deviceName: 'Camper' }, 'delta-2'],
  ])('%j → %s', (device, family) => {
    expect(detectFamily(device)).toBe(family);
  });
});

describe('plausibility guard', () => {
  it('nulls and reports impossible values, keeps plausible ones', () => {
    const r = { ...emptyReading('S', 1), socPercent: 101, socMainPercent: -1, batteryVolts: 150, batteryAmps: -40, wattsIn: 10_001, solarWatts: -5, acOutWatts: 2000, cellMaxVolts: 3.4, minutesToFull: 90, chargeState: 2 };
    expect(guardReading(r).sort()).toEqual(['batteryVolts', 'chargeState', 'socMainPercent', 'socPercent', 'solarWatts', 'wattsIn']);
    expect(r.socPercent).toBeNull();
    expect(r.batteryVolts).toBeNull();
    expect(r.batteryAmps).toBe(-40);
    expect(r.acOutWatts).toBe(2000);
    expect(r.cellMaxVolts).toBe(3.4);
    expect(r.minutesToFull).toBe(90);
  });

  it('accepts the edges', () => {
    const r = { ...emptyReading('S', 1), socPercent: 0, socExtra1Percent: 100, wattsOut: 10_000, batteryVolts: -0 };
    expect(guardReading(r)).toEqual([]);
  });
});
