import { describe, expect, it } from 'vitest';
import { emptyReading } from '../../../../../../common/reading';
import type { DeviceFamily } from '../../../../../../common/schemas';
import { isSupportedFamily } from '../../../../../../main/core/ecoflow/decoders';
import { DeviceState } from '../../../../../../main/core/ecoflow/device-state';
import { parseEnvelope } from '../../../../../../main/core/ecoflow/envelopes';
import { decode, fixtureBytes, restQuota } from '../fixtures/load';

const TS = 1767225600000;

function stateWith(sn: string, family: DeviceFamily, snapshot: string | null, ...messages: string[]): DeviceState {
  const s = new DeviceState(sn, family);
  if (snapshot) s.seed(restQuota(snapshot));
  for (const m of messages) {
    const e = parseEnvelope('quota', fixtureBytes(m));
    if (e.kind !== 'quota') throw new Error(`${m}: ${e.kind}`);
    s.merge(e.keys);
  }
  return s;
}

describe('Delta Max (Delta Pro layout)', () => {
  it('decodes with Delta Pro keys and scales, without an Anderson port', () => {
    const r = decode('delta-max', restQuota('delta-max-quota-all.json'), 'DAEBZ1', TS);
    expect(r).toMatchObject({
      socPercent: 88,
      batteryVolts: 52.3,
      chargeState: -1,
      minutesToEmpty: 310,
      fullCapacityAh: 40,
      dc12vOutWatts: null,
    });
  });
});

describe('Delta 2 (typeCode modules)', () => {
  it('snapshot: discharging, minutes from pd.remainTime < 0', () => {
    const r = decode('delta-2', restQuota('delta-2-quota-all.json'), 'R331ZEB4ZEAL0528', TS);
    expect(r).toMatchObject({
      socPercent: 46,
      socMainPercent: 46,
      batteryVolts: 50.112,
      batteryAmps: -3.753,
      chargeState: -1,
      minutesToEmpty: 164,
      minutesToFull: null,
      wattsOut: 201,
      fullCapacityAh: 50,
      acOutEnabled: 0,
      acChargeLimitWatts: 600,
    });
  });

  it('module updates merge over the snapshot: Delta 2 solar is plain W', () => {
    const s = stateWith('R331ZEB4ZEAL0528', 'delta-2', 'delta-2-quota-all.json', 'delta-2-mqtt-pd.json', 'delta-2-mqtt-inv.json');
    const r = s.decode(TS).reading;
    expect(r).toMatchObject({
      wattsIn: 420,
      acInWatts: 420,
      acInVolts: 229.5,
      acInAmps: 1.95,
      chargeState: 1,
      minutesToFull: 95,
      usb1Watts: 5,
      typec1Watts: 55,
      dcOutEnabled: 1,
      inverterTempC: 33,
      socPercent: 46,
    });
  });

  it('Delta 2 Max second extra battery and second PV input', () => {
    const s = new DeviceState('R351X', 'delta-2-max');
    s.merge(Object.assign(Object.create(null), { 'mppt.inWatts': 200, 'mppt.pv2InWatts': 150, 'inv.SlowChgWatts': 1200 }));
    const e = parseEnvelope('quota', fixtureBytes('delta-2-max-mqtt-slave.json'));
    if (e.kind === 'quota') s.merge(e.keys);
    const r = s.decode(TS).reading;
    expect(r.socExtra2Percent).toBe(88);
    expect(r.solarWatts).toBe(350);
    expect(r.solar2Watts).toBe(150);
    expect(r.acChargeLimitWatts).toBe(1200);
  });
});

describe('River 2 family (best effort)', () => {
  it('decodes string values from REST', () => {
    const r = decode('river-2', restQuota('river-2-pro-quota-all.json'), 'R621X', TS);
    expect(r).toMatchObject({
      socPercent: 81,
      batteryVolts: 28.45,
      batteryAmps: 1.82,
      solarWatts: 60,
      chargeState: 1,
      minutesToFull: 120,
      fullCapacityAh: 27,
      socExtra1Percent: null,
    });
  });
});

describe('Delta Pro 3 (flat keys)', () => {
  it('flat message: float watts, negative outputs as magnitudes, flowInfo 2 = on', () => {
    const r = stateWith('MR51ZAS2PG330026', 'delta-pro-3', null, 'delta-pro-3-mqtt-flat.json').decode(TS).reading;
    expect(r).toMatchObject({
      socPercent: 72.4,
      socMainPercent: 72.9,
      wattsIn: 812.5,
      wattsOut: 230.2,
      acOutWatts: 180.4,
      solar1Watts: 512.3,
      solar2Watts: 300.2,
      solarWatts: 812.5,
      carOutWatts: 24.1,
      typec1Watts: 15.7,
      acOutEnabled: 1,
      carOutEnabled: 1,
      xboostEnabled: 1,
      chargeState: 1,
      minutesToFull: 95,
      minutesToEmpty: null,
      designCapacityAh: 80,
      acChargeLimitWatts: 1500,
    });
  });

  it('params envelope accepted too', () => {
    const r = stateWith('MR51ZAS2PG330026', 'delta-pro-3', null, 'delta-pro-3-mqtt-flat.json', 'delta-pro-3-mqtt-params.json').decode(TS).reading;
    expect(r.socPercent).toBe(73);
    expect(r.chargeState).toBe(-1);
    expect(r.minutesToEmpty).toBe(410);
    expect(r.acOutEnabled).toBe(0); // HV switched off, LV was already off
  });
});

describe('unknown models', () => {
  it('only sn/ts in the reading; raw keys kept', () => {
    const s = stateWith('HW51ZEH4SF4R0001', 'unknown', null, 'powerstream-mqtt.json');
    expect(isSupportedFamily('unknown')).toBe(false);
    expect(s.decode(TS).reading).toEqual(emptyReading('HW51ZEH4SF4R0001', TS));
    expect(s.rawKeyCount).toBe(4);
    expect(s.rawSnapshot()['20_1.batSoc']).toBe(64);
  });
});

describe('incremental decoding', () => {
  it('gives the same reading as a full decode of the same raw map, for every family', () => {
    const cases: [DeviceFamily, string, string | null, string[]][] = [
      ['delta-pro', 'DCABZ0123456789', 'delta-pro-quota-all.json', ['delta-pro-mqtt-discharging.json']],
      ['delta-max', 'DAEBZ1', 'delta-max-quota-all.json', ['delta-pro-mqtt-discharging.json']],
      ['delta-2', 'R331ZEB4ZEAL0528', 'delta-2-quota-all.json', ['delta-2-mqtt-pd.json', 'delta-2-mqtt-inv.json']],
      ['delta-2-max', 'R351X', 'delta-2-quota-all.json', ['delta-2-max-mqtt-slave.json', 'delta-2-mqtt-pd.json']],
      ['river-2', 'R621X', 'river-2-pro-quota-all.json', ['delta-2-mqtt-pd.json']],
      ['delta-pro-3', 'MR51ZAS2PG330026', null, ['delta-pro-3-mqtt-flat.json', 'delta-pro-3-mqtt-params.json']],
    ];
    for (const [family, sn, snapshot, messages] of cases) {
      const s = new DeviceState(sn, family);
      if (snapshot) s.seed(restQuota(snapshot));
      s.decode(TS);
      for (const m of messages) {
        const e = parseEnvelope('quota', fixtureBytes(m));
        if (e.kind !== 'quota') throw new Error(m);
        s.merge(e.keys);
        const incremental = s.decode(TS).reading;
        expect(incremental, `${family} after ${m}`).toEqual(decode(family, s.rawSnapshot(), sn, TS));
      }
    }
  });

  it('an extra battery coming online updates its SoC although its own key did not change', () => {
    const s = new DeviceState('DCABZ1', 'delta-pro');
    s.seed(Object.assign(Object.create(null), { 'ems.bms1Online': 0, 'bmsSlave1.soc': 40 }));
    expect(s.decode(TS).reading.socExtra1Percent).toBeNull();
    s.merge(Object.assign(Object.create(null), { 'ems.bms1Online': 3 }));
    expect(s.decode(TS).reading.socExtra1Percent).toBe(40);
  });

  it('each decode returns a new object; earlier readings are not changed', () => {
    const s = new DeviceState('DCABZ1', 'delta-pro');
    s.seed(Object.assign(Object.create(null), { 'ems.lcdShowSoc': 40 }));
    const first = s.decode(TS).reading;
    s.merge(Object.assign(Object.create(null), { 'ems.lcdShowSoc': 41 }));
    const second = s.decode(TS + 1).reading;
    expect(first.socPercent).toBe(40);
    expect(second.socPercent).toBe(41);
  });
});
