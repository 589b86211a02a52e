// Delta Pro (spec §5.1). REST keys = MQTT params keys. Scales from the real
// fixture arithmetic: mppt.* are 0.1 W / 0.1 V / 0.01 A (the doc's W/mV/mA is
// wrong there); battery and inverter mV/mA; temperatures integer °C.
import type { Reading } from '../../../../common/reading';
import { rawNumber, type RawMap } from '../raw';
import type { ReadingField } from '../../../../common/reading';
import { firstNumber } from '../raw';
import { chargeDirection, rule, tableDecoder, validMinutes, type FieldTable } from './field-table';
import { AC_RULES, packRules, PD_PORT_RULES, POWER_RULES, unsetWhenZero } from './shared-rules';

/** The Delta Pro / Delta Max key layout (bmsMaster/bmsSlaveN/ems/inv/mppt/pd). */
export const DELTA_PRO_TABLE: FieldTable = {
  socPercent: rule(1, 'ems.lcdShowSoc', 'ems.f32LcdShowSoc'),
  socMainPercent: rule(1, 'bmsMaster.soc', 'bmsMaster.f32ShowSoc'),
  ...POWER_RULES,
  solar1Watts: rule(0.1, 'mppt.inWatts'),
  // Car output: pd.carWatts is W per the doc; mppt.carOutWatts has a scale conflict (§5.1).
  carOutWatts: rule(1, 'pd.carWatts'),
  dc12vOutWatts: rule(1, 'mppt.dcdc12vWatts'),
  ...PD_PORT_RULES,
  ...packRules('bmsMaster'),
  ...AC_RULES,
  acOutEnabled: rule(1, 'inv.cfgAcEnabled'),
  xboostEnabled: rule(1, 'inv.cfgAcXboost'),
  dcOutEnabled: rule(1, 'pd.dcOutState'),
  carOutEnabled: rule(1, 'mppt.carState', 'pd.carState'),
  chargeLimitPercent: rule(1, 'ems.maxChargeSoc'),
  dischargeLimitPercent: rule(1, 'ems.minDsgSoc'),
  acChargeLimitWatts: rule(1, 'inv.cfgSlowChgWatts'),
  wifiRssi: unsetWhenZero(rule(1, 'pd.wifiRssi')),
  energySolarInWh: rule(1, 'pd.chgSunPower'),
  energyAcInWh: rule(1, 'pd.chgPowerAc'),
  energyDcInWh: rule(1, 'pd.chgPowerDc'),
  energyAcOutWh: rule(1, 'pd.dsgPowerAc'),
  energyDcOutWh: rule(1, 'pd.dsgPowerDc'),
};

// Built once: this runs for every message.
const EXTRA_PACKS = ([1, 2] as const).map((n) => ({ online: `ems.bms${n}Online`, soc: [`bmsSlave${n}.soc`, `bmsSlave${n}.f32ShowSoc`] }));

/** Extra-pack SoC; a slot reported offline (ems.bmsNOnline 0) holds a stale value. */
const extraSoc = (raw: RawMap, n: 1 | 2): number | null => {
  const pack = EXTRA_PACKS[n - 1]!;
  return rawNumber(raw, pack.online) === 0 ? null : firstNumber(raw, pack.soc);
};

export const DELTA_PRO_DERIVED: readonly ReadingField[] = ['socExtra1Percent', 'socExtra2Percent', 'solarWatts', 'chargeState', 'minutesToFull', 'minutesToEmpty'];

/** Derived fields, shared with Delta Max. */
export function deriveDeltaPro(raw: RawMap, r: Reading): void {
  r.socExtra1Percent = extraSoc(raw, 1);
  r.socExtra2Percent = extraSoc(raw, 2);
  // A single MPPT input: the solar total is that input.
  r.solarWatts = r.solar1Watts;
  r.chargeState = chargeDirection(r);
  // Direction from power flow; magnitudes from ems.* (pd.remainTime's sign is unreliable here).
  r.minutesToFull = r.chargeState === 1 ? validMinutes(rawNumber(raw, 'ems.chgRemainTime')) : null;
  r.minutesToEmpty = r.chargeState === -1 ? validMinutes(rawNumber(raw, 'ems.dsgRemainTime')) : null;
}

export const decodeDeltaPro = tableDecoder(DELTA_PRO_TABLE, deriveDeltaPro, DELTA_PRO_DERIVED);
