import { describe, expect, it } from 'vitest';
import { emptyReading, type Reading } from '../../../../../../common/reading';
import { decoderFor } from '../../../../../../main/core/ecoflow/decoders';
import type { RawMap } from '../../../../../../main/core/ecoflow/raw';
import { delta2Quota } from '../../../../../../main/core/simulator/physics/delta-2-quota';
import { deltaProQuota } from '../../../../../../main/core/simulator/physics/delta-pro-quota';
import { PowerStation } from '../../../../../../main/core/simulator/physics/power-station';
import { NO_REMAIN } from '../../../../../../main/core/simulator/physics/quota-common';
import { readingTemplate, stationReading } from '../../../../../../main/core/simulator/physics/reading';

const NOON = Date.UTC(2026, 5, 21, 10, 0);
const NIGHT = Date.UTC(2026, 5, 21, 21, 0);
/** The real decoder's full decode of a quota map (the collector's path). */
function decode(family: 'delta-pro' | 'delta-2', q: object, sn: string, ts: number): Reading {
  const r = emptyReading(sn, ts);
  decoderFor(family).full(q as RawMap, r);
  return r;
}

const num = (q: Record<string, unknown>, k: string): number => {
  const v = q[k];
  if (typeof v !== 'number') throw new Error(`${k} is not a number`);
  return v;
};

describe('Delta Pro quota map', () => {
  const st = new PowerStation({ family: 'delta-pro', seed: 1, startMs: NOON, initialSoc: 0.5 }).step(60_000);
  const q = deltaProQuota(st);

  it('looks like a real one: a few hundred keys, cell arrays, both packs', () => {
    expect(Object.keys(q).length).toBeGreaterThan(200);
    expect(q['bmsMaster.cellVol']).toHaveLength(15);
    expect(q['bmsSlave1.cellTemp']).toHaveLength(4);
    expect(num(q, 'ems.bms1Online')).toBe(3);
    expect(num(q, 'bmsMaster.fullCap')).toBe(76000);
    expect(num(q, 'bmsMaster.totalDsgCap')).toBe(4294967295);
  });

  it('uses the real scales: mppt 0.1 W / 0.1 V / 0.01 A, battery mV/mA', () => {
    const solarW = st.flows.solar;
    expect(solarW).toBeGreaterThan(100);
    expect(num(q, 'mppt.inWatts')).toBe(solarW * 10);
    const vTimesA = (num(q, 'mppt.inVol') / 10) * (num(q, 'mppt.inAmp') / 100);
    expect(Math.abs(vTimesA - solarW)).toBeLessThan(solarW * 0.02 + 1);
    const battW = (num(q, 'bmsMaster.vol') / 1000) * (num(q, 'bmsMaster.amp') / 1000);
    expect(Math.abs(battW - st.packs[0]!.watts)).toBeLessThan(Math.abs(st.packs[0]!.watts) * 0.02 + 1);
    expect(num(q, 'pd.wattsInSum')).toBe(st.flows.solar + st.flows.acIn);
  });

  it('sends 143999 for the remaining time that does not apply', () => {
    const charging = num(q, 'pd.wattsInSum') > num(q, 'pd.wattsOutSum');
    expect(num(q, charging ? 'ems.dsgRemainTime' : 'ems.chgRemainTime')).toBe(NO_REMAIN);
    const night = deltaProQuota(new PowerStation({ family: 'delta-pro', seed: 1, startMs: NIGHT, initialSoc: 0.5 }).step(60_000));
    expect(num(night, 'mppt.inWatts')).toBe(0);
    expect(num(night, 'ems.chgRemainTime')).toBe(NO_REMAIN);
  });

  it('decodes (with the real decoder) to the reading the physics computes directly', () => {
    const decoded = decode('delta-pro', q, 'DCABZ1', st.timeMs);
    const direct = stationReading(st, readingTemplate('DCABZ1'));
    expect(decoded).toEqual(direct);
  });
});

describe('Delta 2 quota map', () => {
  const st = new PowerStation({ family: 'delta-2', seed: 2, startMs: NOON, initialSoc: 0.5 }).step(60_000);
  const q = delta2Quota(st);

  it('uses the module prefixes and W for solar', () => {
    const prefixes = new Set(Object.keys(q).map((k) => k.slice(0, k.indexOf('.') + 1)));
    expect([...prefixes].sort()).toEqual(['bms_bmsStatus.', 'bms_emsStatus.', 'inv.', 'kit.', 'mppt.', 'pd.']);
    expect(num(q, 'mppt.inWatts')).toBe(st.flows.solar);
    expect(q['bms_bmsStatus.cellVol']).toHaveLength(16);
  });

  it('signs pd.remainTime: + minutes to full, − minutes to empty', () => {
    const remain = num(q, 'pd.remainTime');
    if (num(q, 'pd.wattsInSum') > num(q, 'pd.wattsOutSum') + 5) expect(remain).toBe(num(q, 'bms_emsStatus.chgRemainTime'));
    const night = delta2Quota(new PowerStation({ family: 'delta-2', seed: 2, startMs: NIGHT, initialSoc: 0.5 }).step(60_000));
    expect(num(night, 'pd.remainTime')).toBe(-num(night, 'bms_emsStatus.dsgRemainTime'));
  });

  it('decodes (with the real decoder) to the reading the physics computes directly', () => {
    const decoded = decode('delta-2', q, 'R3311', st.timeMs);
    const direct = stationReading(st, readingTemplate('R3311'));
    expect(decoded).toEqual(direct);
  });
});
