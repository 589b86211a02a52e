import { describe, expect, it } from 'vitest';
import { deviceLine, formatAgo, formatDuration, socBucket, tooltipText, trayModel, type TrayInput } from '../../../../main/tray/tray-model';
import { T0, device } from './device-fixture';

const input = (over: Partial<TrayInput> = {}): TrayInput => ({
  devices: [device()],
  chosenSn: null,
  lowPercent: 20,
  connection: 'connected',
  cloudError: null,
  sync: { state: 'ok', lastSyncedTs: T0 - 2 * 60_000 },
  appError: null,
  now: T0,
  ...over,
});

describe('tray model', () => {
  it.each([
    [0, 0],
    [4.9, 0],
    [5, 5],
    [73, 70],
    [99.9, 95],
    [100, 100],
    [101, 100],
    [-3, 0],
  ])('buckets %f %% into %i', (soc, bucket) => {
    expect(socBucket(soc)).toBe(bucket);
  });

  it('has no bucket for an unknown level', () => {
    expect(socBucket(null)).toBeNull();
    expect(socBucket(Number.NaN)).toBeNull();
  });

  it('writes the tooltip line of the brief', () => {
    expect(trayModel(input()).tooltipLines).toEqual(['Delta Pro 73 % · ↓ 240 W · 3 h 10 m left · synced 2 min ago']);
  });

  it('shows charging with input power and time to full', () => {
    const m = trayModel(input({ devices: [device({ latest: { chargeState: 1, wattsIn: 500, wattsOut: 20, minutesToFull: 65 } })] }));
    expect(m.gauge.charging).toBe(true);
    expect(m.tooltipLines[0]).toBe('Delta Pro 73 % · ↑ 500 W · full in 1 h 5 m · synced 2 min ago');
  });

  it('marks the gauge low under the threshold, and not at it', () => {
    expect(trayModel(input({ devices: [device({ latest: { socPercent: 19.5 } })] })).gauge.low).toBe(true);
    expect(trayModel(input({ devices: [device({ latest: { socPercent: 20 } })] })).gauge.low).toBe(false);
  });

  it('greys a stale or offline device and says why', () => {
    const d = device({ state: 'offline', online: false, reason: 'device offline', lastDataTs: T0 - 12 * 60_000 });
    const m = trayModel(input({ devices: [d], sync: { state: 'off', lastSyncedTs: null } }));
    expect(m.gauge.stale).toBe(true);
    expect(m.tooltipLines).toEqual(['Delta Pro 73 % · device offline · last data 12 min ago']);
    expect(m.title).toBe('73%?');
  });

  it('shows the error mark and the reason first when the keys fail', () => {
    const m = trayModel(input({ connection: 'auth-failed', cloudError: { code: 'ecoflow-bad-key', message: 'EcoFlow rejected the access key' } }));
    expect(m.gauge.error).toBe(true);
    expect(m.tooltipLines[0]).toBe('EcoFlow rejected the access key');
    expect(m.title).toBe('73%!');
  });

  it('surfaces a process-level failure as an error', () => {
    const m = trayModel(input({ appError: 'disk full' }));
    expect(m.gauge.error).toBe(true);
    expect(m.tooltipLines[0]).toBe('Problem: disk full');
  });

  it('shows the chosen device on the icon and every device in the tooltip', () => {
    const a = device({ sn: 'A1', name: 'Garage', latest: { socPercent: 40 } });
    const b = device({ sn: 'B2', name: 'Cabin', latest: { socPercent: 90, chargeState: 0, wattsOut: 0 } });
    const m = trayModel(input({ devices: [a, b], chosenSn: 'B2' }));
    expect(m.sn).toBe('B2');
    expect(m.gauge.bucket).toBe(90);
    expect(m.title).toBe('90%');
    expect(m.tooltipLines).toEqual(['Garage 40 % · ↓ 240 W · 3 h 10 m left · synced 2 min ago', 'Cabin 90 % · idle · synced 2 min ago']);
    expect(trayModel(input({ devices: [a, b], chosenSn: 'gone' })).sn).toBe('A1');
  });

  it('handles no devices and a missing setup', () => {
    const m = trayModel(input({ devices: [], connection: 'not-configured' }));
    expect(m.sn).toBeNull();
    expect(m.gauge).toEqual({ bucket: null, charging: false, low: false, stale: true, error: false });
    expect(m.tooltipLines).toEqual(['Not set up: add your EcoFlow keys in Settings', 'No devices yet']);
    expect(m.title).toBe('');
  });

  it('describes the sync state', () => {
    const d = device();
    expect(deviceLine(d, { state: 'paused', lastSyncedTs: null }, T0)).toMatch(/· sync paused$/);
    expect(deviceLine(d, { state: 'ok', lastSyncedTs: null }, T0)).toMatch(/· not synced yet$/);
    expect(deviceLine(d, { state: 'failing', lastSyncedTs: T0 - 3 * 3600_000 }, T0)).toMatch(/· sync failing, last synced 3 h ago$/);
  });

  it('keeps the gauge equal while only the watts change', () => {
    const a = trayModel(input({ devices: [device({ latest: { socPercent: 71, wattsOut: 100 } })] }));
    const b = trayModel(input({ devices: [device({ latest: { socPercent: 74.9, wattsOut: 900 } })] }));
    expect(a.gauge).toEqual(b.gauge);
  });

  it('formats durations and ages', () => {
    expect(formatDuration(45)).toBe('45 m');
    expect(formatDuration(120)).toBe('2 h');
    expect(formatAgo(30_000)).toBe('just now');
    expect(formatAgo(3 * 86_400_000)).toBe('3 d ago');
  });

  it('keeps whole tooltip lines under a length limit', () => {
    expect(tooltipText(['a'.repeat(60), 'b'.repeat(60), 'c'.repeat(60)], 127)).toBe(`${'a'.repeat(60)}\n${'b'.repeat(60)}`);
    expect(tooltipText(['x'.repeat(200)], 127)).toHaveLength(127);
  });
});
