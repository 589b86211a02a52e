import { describe, expect, it } from 'vitest';
import { DeviceState } from '../../../../../../main/core/ecoflow/device-state';
import { parseEnvelope } from '../../../../../../main/core/ecoflow/envelopes';
import { decode, fixtureBytes, restQuota } from '../fixtures/load';

const SN = 'DCABZ0123456789';
const TS = 1767225600000;

describe('Delta Pro decoder (spec §5.1)', () => {
  const r = decode('delta-pro', restQuota('delta-pro-quota-all.json'), SN, TS);

  it('takes the headline SoC from ems.lcdShowSoc and per-pack SoC from master/slave', () => {
    expect(r).toMatchObject({
      sn: SN,
      ts: TS,
      socPercent: 54,
      socMainPercent: 56,
      socExtra1Percent: 52,
      // ems.bms2Online 0: the empty slot's 0 % is not a reading.
      socExtra2Percent: null,
    });
  });

  it('scales mppt.* as 0.1 W / the fixture arithmetic', () => {
    // 0.1 V × 0.01 A gives the same power as 0.1 W: 69.1 V × 4.28 A ≈ 296 W (the doc's mV/mA/W would not agree).
    const q = restQuota('delta-pro-quota-all.json');
    expect(Number(q['mppt.inVol']) * 0.1 * Number(q['mppt.inAmp']) * 0.01).toBeCloseTo(r.solar1Watts ?? 0, -1);
    expect(r.solar1Watts).toBe(296);
    expect(r.solarWatts).toBe(296);
    expect(r.wattsIn).toBe(296);
    expect(r.wattsOut).toBe(114);
  });

  it('converts battery mV/mA/mAh to V/A/Ah and keeps integer °C', () => {
    expect(r).toMatchObject({
      batteryVolts: 50.133,
      batteryAmps: 3.105,
      batteryTempC: 28,
      cellMinVolts: 3.332,
      cellMaxVolts: 3.337,
      cellMinTempC: 27,
      cellMaxTempC: 29,
      designCapacityAh: 80,
      fullCapacityAh: 76,
      remainCapacityAh: 42.191,
      cycles: 41,
      sohPercent: 100,
    });
  });

  it('reads inverter, switches, limits and energy counters', () => {
    expect(r).toMatchObject({
      acOutVolts: 230.168,
      acOutAmps: 1.39,
      acOutHz: 50,
      inverterTempC: 31,
      mpptTempC: 42,
      acOutEnabled: 1,
      xboostEnabled: 1,
      dcOutEnabled: 1,
      carOutEnabled: 0,
      chargeLimitPercent: 100,
      dischargeLimitPercent: 5,
      acChargeLimitWatts: 400,
      energySolarInWh: 123456,
      energyAcInWh: 45678,
      energyDcInWh: 1200,
      energyAcOutWh: 98765,
      energyDcOutWh: 4321,
      // RSSI 0 is "not populated via the cloud", not 0 dBm.
      wifiRssi: null,
    });
  });

  it('charging: minutes to full from ems.chgRemainTime, the meaningless dsgRemainTime dropped', () => {
    expect(r.chargeState).toBe(1);
    expect(r.minutesToFull).toBe(660);
    expect(r.minutesToEmpty).toBeNull();
  });

  it('discharging update merged over the snapshot: direction from power flow, 143999 ignored', () => {
    const state = new DeviceState(SN, 'delta-pro');
    state.seed(restQuota('delta-pro-quota-all.json'));
    const e = parseEnvelope('quota', fixtureBytes('delta-pro-mqtt-discharging.json'));
    if (e.kind !== 'quota') throw new Error(e.kind);
    state.merge(e.keys);
    const d = state.decode(TS + 1000).reading;
    expect(d).toMatchObject({
      chargeState: -1,
      minutesToEmpty: 240,
      minutesToFull: null,
      batteryAmps: -4.591,
      acOutWatts: 155,
      solarWatts: 0,
      // SoH 0 appears on some firmware and means "not reported".
      sohPercent: null,
      // Keys not in the update keep their snapshot value.
      socPercent: 54,
    });
  });

  it('treats sentinels and remaining time > 6000 as unknown, and parses string values', () => {
    const d = decode('delta-pro', 
      Object.assign(Object.create(null), {
        'ems.lcdShowSoc': '77', 'bmsMaster.fullCap': 65535, 'bmsMaster.remainCap': 4294967295,
        'pd.wattsInSum': 500, 'pd.wattsOutSum': 0, 'ems.chgRemainTime': 6001,
      }),
      SN, TS,
    );
    expect(d).toMatchObject({
      socPercent: 77,
      fullCapacityAh: null,
      remainCapacityAh: null,
      chargeState: 1,
      minutesToFull: null,
    });
  });

  it('idle when in ≈ out and no current', () => {
    const d = decode('delta-pro', Object.assign(Object.create(null), { 'pd.wattsInSum': 3, 'pd.wattsOutSum': 0, 'bmsMaster.amp': 0 }), SN, TS);
    expect(d.chargeState).toBe(0);
    expect(d.minutesToFull).toBeNull();
    expect(d.minutesToEmpty).toBeNull();
  });
});
