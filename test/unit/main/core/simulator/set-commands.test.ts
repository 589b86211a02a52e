import { describe, expect, it } from 'vitest';
import { PowerStation } from '../../../../../main/core/simulator/physics/power-station';
import { applySetCommand } from '../../../../../main/core/simulator/set-commands';

const settings = () => new PowerStation({ family: 'delta-pro', seed: 1, startMs: 0 }).settings;

describe('set commands', () => {
  it('Delta Pro cmdSet 32: AC (66), car (81), DC (34), limits (49, 51), AC charge watts (69)', () => {
    const s = settings();
    expect(applySetCommand('delta-pro', { sn: 'X', params: { cmdSet: 32, id: 66, enabled: 0 } }, s)).toEqual({ ok: true, data: { cmdSet: 32, id: 66, ack: 0 } });
    expect(s.acEnabled).toBe(false);
    expect(s.xboost).toBe(true);
    applySetCommand('delta-pro', { params: { cmdSet: 32, id: 81, enabled: 0 } }, s);
    applySetCommand('delta-pro', { params: { cmdSet: 32, id: 34, enabled: 0 } }, s);
    applySetCommand('delta-pro', { params: { cmdSet: 32, id: 49, maxChgSoc: 80 } }, s);
    applySetCommand('delta-pro', { params: { cmdSet: 32, id: 51, minDsgSoc: 10 } }, s);
    applySetCommand('delta-pro', { params: { cmdSet: 32, id: 69, slowChgPower: 1200 } }, s);
    expect(s).toMatchObject({ carEnabled: false, dcEnabled: false, maxChargeSoc: 80, minDsgSoc: 10, acChargeWatts: 1200 });
  });

  it('255 keeps a switch; out-of-range or unknown commands are refused and change nothing', () => {
    const s = settings();
    applySetCommand('delta-pro', { params: { cmdSet: 32, id: 66, enabled: 255, xboost: 0 } }, s);
    expect(s).toMatchObject({ acEnabled: true, xboost: false });
    const before = { ...s };
    expect(applySetCommand('delta-pro', { params: { cmdSet: 32, id: 49, maxChgSoc: 30 } }, s).ok).toBe(false);
    expect(applySetCommand('delta-pro', { params: { cmdSet: 32, id: 66, enabled: 2 } }, s).data).toEqual({ cmdSet: 32, id: 66, ack: 1 });
    expect(applySetCommand('delta-pro', { params: { cmdSet: 11, id: 24 } }, s).ok).toBe(false);
    expect(applySetCommand('delta-pro', 'garbage', s).ok).toBe(false);
    expect(s).toEqual(before);
  });

  it('Delta 2 moduleType/operateType commands', () => {
    const s = settings();
    const cmd = (moduleType: number, operateType: string, params: object) =>
      applySetCommand('delta-2', { id: 1, version: '1.0', sn: 'R331', moduleType, operateType, params }, s);
    expect(cmd(5, 'acOutCfg', { enabled: 0, xboost: 255, out_voltage: -1, out_freq: 255 })).toEqual({ ok: true, data: { ack: 0 } });
    cmd(1, 'dcOutCfg', { enabled: 0 });
    cmd(5, 'mpptCar', { enabled: 0 });
    cmd(2, 'upsConfig', { maxChgSoc: 90 });
    cmd(2, 'dsgCfg', { minDsgSoc: 15 });
    expect(s).toMatchObject({ acEnabled: false, xboost: true, dcEnabled: false, carEnabled: false, maxChargeSoc: 90, minDsgSoc: 15 });
    expect(cmd(3, 'acOutCfg', { enabled: 1 }).ok).toBe(false); // Delta 2 Max's module type, not this model
  });
});
