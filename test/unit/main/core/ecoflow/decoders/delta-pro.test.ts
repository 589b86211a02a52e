import { describe, expect, it } from 'vitest';
import { DeviceState } from '../../../../../../main/core/ecoflow/device-state';
import { parseEnvelope } from '../../../../../../main/core/ecoflow/envelopes';
import { decode, fixtureBytes, restQuota } from '../fixtures/load';

const SN = 'DCABZ0123456789';
const TS = 1767225600000;

describe('Delta Pro decoder (spec §5.1)', () => {
  const r = decode('delta-pro', restQuota('delta-pro-quota-all.json'), SN, TS);

  it('takes the headline SoC from ems.lcdShowSoc and per-pack SoC from master/slave', () => {
    expect(r.sn).toBe(SN);
    expect(r.ts).toBe(TS);
    expect(r.socPercent).toBe(54);
    expect(r.socMainPercent).toBe(56);
    expect(r.socExtra1Percent).toBe(52);
    // ems.bms2Online 0: the empty slot's 0 % is not a reading.
    expect(r.socExtra2Percent).toBeNull();
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
    expect(r.batteryVolts).toBe(50.133);
    expect(r.batteryAmps).toBe(3.105);
    expect(r.batteryTempC).toBe(28);
    expect(r.cellMinVolts).toBe(3.332);
    expect(r.cellMaxVolts).toBe(3.337);
    expect(r.cellMinTempC).toBe(27);
    expect(r.cellMaxTempC).toBe(29);
    expect(r.designCapacityAh).toBe(80);
    expect(r.fullCapacityAh).toBe(76);
    expect(r.remainCapacityAh).toBe(42.191);
    expect(r.cycles).toBe(41);
    expect(r.sohPercent).toBe(100);
  });

  it('reads inverter, switches, limits and energy counters', () => {
    expect(r.acOutVolts).toBe(230.168);
    expect(r.acOutAmps).toBe(1.39);
    expect(r.acOutHz).toBe(50);
    expect(r.inverterTempC).toBe(31);
    expect(r.mpptTempC).toBe(42);
    expect(r.acOutEnabled).toBe(1);
    expect(r.xboostEnabled).toBe(1);
    expect(r.dcOutEnabled).toBe(1);
    expect(r.carOutEnabled).toBe(0);
    expect(r.chargeLimitPercent).toBe(100);
    expect(r.dischargeLimitPercent).toBe(5);
    expect(r.acChargeLimitWatts).toBe(400);
    expect(r.energySolarInWh).toBe(123456);
    expect(r.energyAcInWh).toBe(45678);
    expect(r.energyDcInWh).toBe(1200);
    expect(r.energyAcOutWh).toBe(98765);
    expect(r.energyDcOutWh).toBe(4321);
    // RSSI 0 is "not populated via the cloud", not 0 dBm.
    expect(r.wifiRssi).toBeNull();
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
    expect(d.chargeState).toBe(-1);
    expect(d.minutesToEmpty).toBe(240);
    expect(d.minutesToFull).toBeNull();
    expect(d.batteryAmps).toBe(-4.591);
    expect(d.acOutWatts).toBe(155);
    expect(d.solarWatts).toBe(0);
    // SoH 0 appears on some firmware and means "not reported".
    expect(d.sohPercent).toBeNull();
    // Keys not in the update keep their snapshot value.
    expect(d.socPercent).toBe(54);
  });

  it('treats sentinels and remaining time > 6000 as unknown, and parses string values', () => {
    const d = decode('delta-pro', 
      Object.assign(Object.create(null), {
        'ems.lcdShowSoc': '77', 'bmsMaster.fullCap': 65535, 'bmsMaster.remainCap': 4294967295,
        'pd.wattsInSum': 500, 'pd.wattsOutSum': 0, 'ems.chgRemainTime': 6001,
      }),
      SN, TS,
    );
    expect(d.socPercent).toBe(77);
    expect(d.fullCapacityAh).toBeNull();
    expect(d.remainCapacityAh).toBeNull();
    expect(d.chargeState).toBe(1);
    expect(d.minutesToFull).toBeNull();
  });

  it('idle when in ≈ out and no current', () => {
    const d = decode('delta-pro', Object.assign(Object.create(null), { 'pd.wattsInSum': 3, 'pd.wattsOutSum': 0, 'bmsMaster.amp': 0 }), SN, TS);
    expect(d.chargeState).toBe(0);
    expect(d.minutesToFull).toBeNull();
    expect(d.minutesToEmpty).toBeNull();
  });
});
