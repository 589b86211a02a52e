// Delta 2 and Delta 2 Max (spec §5.3): module prefixes pd./mppt./inv./bms_*.
// Solar mppt.inWatts is W here (unlike Delta Pro); battery/inverter mV/mA.
import type { Reading } from '../../../../common/reading';
import { rawNumber, type RawMap } from '../raw';
import type { ReadingField } from '../../../../common/reading';
import { chargeDirection, rule, sumKnown, tableDecoder, validMinutes, type FieldTable } from './field-table';
import { AC_RULES, packRules, PD_PORT_RULES, POWER_RULES, unsetWhenZero } from './shared-rules';

/** Keys shared by Delta 2, Delta 2 Max and the River 2 family. */
export const DELTA_2_BASE_TABLE: FieldTable = {
  socPercent: rule(1, 'bms_emsStatus.lcdShowSoc', 'bms_emsStatus.f32LcdShowSoc', 'pd.soc'),
  socMainPercent: rule(1, 'bms_bmsStatus.soc', 'bms_bmsStatus.f32ShowSoc'),
  ...POWER_RULES,
  solar1Watts: rule(1, 'mppt.inWatts'),
  carOutWatts: rule(1, 'pd.carWatts'),
  ...PD_PORT_RULES,
  ...packRules('bms_bmsStatus'),
  ...AC_RULES,
  acOutEnabled: rule(1, 'mppt.cfgAcEnabled', 'inv.cfgAcEnabled', 'pd.acEnabled'),
  xboostEnabled: rule(1, 'mppt.cfgAcXboost', 'inv.cfgAcXboost'),
  dcOutEnabled: rule(1, 'pd.dcOutState'),
  carOutEnabled: rule(1, 'mppt.carState', 'pd.carState'),
  chargeLimitPercent: rule(1, 'bms_emsStatus.maxChargeSoc'),
  dischargeLimitPercent: rule(1, 'bms_emsStatus.minDsgSoc'),
  acChargeLimitWatts: rule(1, 'mppt.cfgChgWatts', 'inv.SlowChgWatts', 'inv.slowChgWatts'),
  wifiRssi: unsetWhenZero(rule(1, 'pd.wifiRssi')),
  energySolarInWh: rule(1, 'pd.chgSunPower'),
  energyAcInWh: rule(1, 'pd.chgPowerAc', 'pd.chgPowerAC'),
  energyDcInWh: rule(1, 'pd.chgPowerDc', 'pd.chgPowerDC'),
  energyAcOutWh: rule(1, 'pd.dsgPowerAc', 'pd.dsgPowerAC'),
  energyDcOutWh: rule(1, 'pd.dsgPowerDc', 'pd.dsgPowerDC'),
};

const DELTA_2_TABLE: FieldTable = {
  ...DELTA_2_BASE_TABLE,
  // Delta 2 has one extra-battery port (bms_slave.*), Delta 2 Max two (…_1/_2), and a second PV input.
  socExtra1Percent: rule(1, 'bms_slave.soc', 'bms_slave_bmsSlaveStatus_1.soc'),
  socExtra2Percent: rule(1, 'bms_slave_bmsSlaveStatus_2.soc'),
  solar2Watts: rule(1, 'mppt.pv2InWatts'),
};

export const DELTA_2_DERIVED: readonly ReadingField[] = ['solarWatts', 'chargeState', 'minutesToFull', 'minutesToEmpty'];

/** pd.remainTime: > 0 minutes to full, < 0 minutes to empty (doc and fixture agree for Delta 2). */
export function deriveDelta2(raw: RawMap, r: Reading): void {
  r.solarWatts = sumKnown(r.solar1Watts, r.solar2Watts);
  const remain = rawNumber(raw, 'pd.remainTime');
  r.chargeState = chargeDirection(r) ?? (remain === null || remain === 0 ? null : Math.sign(remain));
  const toFull = remain !== null && remain > 0 ? remain : rawNumber(raw, 'bms_emsStatus.chgRemainTime');
  const toEmpty = remain !== null && remain < 0 ? -remain : rawNumber(raw, 'bms_emsStatus.dsgRemainTime');
  r.minutesToFull = r.chargeState === 1 ? validMinutes(toFull) : null;
  r.minutesToEmpty = r.chargeState === -1 ? validMinutes(toEmpty) : null;
}

export const decodeDelta2 = tableDecoder(DELTA_2_TABLE, deriveDelta2, DELTA_2_DERIVED);
