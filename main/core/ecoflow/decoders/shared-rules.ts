// Rules the Delta Pro and Delta 2 key layouts share: the same pd./inv./mppt.
// keys, or the same sub-keys under the family's BMS prefix (bmsMaster /
// bms_bmsStatus). Units are the same on both (mV/mA, W, °C) for these keys.
import { rule, type FieldRule, type FieldTable } from './field-table';

const MV = 0.001;

/** 0 means "not reported": Wi-Fi RSSI is 0 in every cloud sample, SoH 0 on some firmware. */
export const unsetWhenZero = (r: FieldRule): FieldRule => ({ ...r, zeroUnknown: true });

/** Total and AC power. */
export const POWER_RULES: FieldTable = {
  wattsIn: rule(1, 'pd.wattsInSum'),
  wattsOut: rule(1, 'pd.wattsOutSum'),
  acInWatts: rule(1, 'inv.inputWatts'),
  acOutWatts: rule(1, 'inv.outputWatts'),
};

/** USB and USB-C port watts. */
export const PD_PORT_RULES: FieldTable = {
  usb1Watts: rule(1, 'pd.usb1Watts'),
  usb2Watts: rule(1, 'pd.usb2Watts'),
  qcUsb1Watts: rule(1, 'pd.qcUsb1Watts'),
  qcUsb2Watts: rule(1, 'pd.qcUsb2Watts'),
  typec1Watts: rule(1, 'pd.typec1Watts'),
  typec2Watts: rule(1, 'pd.typec2Watts'),
};

/** The main pack's electrics, temperatures, cycles and capacities under the family's BMS prefix. */
export function packRules(bms: string): FieldTable {
  return {
    batteryVolts: rule(MV, `${bms}.vol`),
    batteryAmps: rule(MV, `${bms}.amp`),
    batteryTempC: rule(1, `${bms}.temp`),
    cellMinVolts: rule(MV, `${bms}.minCellVol`),
    cellMaxVolts: rule(MV, `${bms}.maxCellVol`),
    cellMinTempC: rule(1, `${bms}.minCellTemp`),
    cellMaxTempC: rule(1, `${bms}.maxCellTemp`),
    cycles: rule(1, `${bms}.cycles`),
    sohPercent: unsetWhenZero(rule(1, `${bms}.soh`)),
    designCapacityAh: rule(MV, `${bms}.designCap`),
    fullCapacityAh: rule(MV, `${bms}.fullCap`),
    remainCapacityAh: rule(MV, `${bms}.remainCap`),
  };
}

/** Inverter and MPPT temperatures and the inverter's AC electrics. */
export const AC_RULES: FieldTable = {
  inverterTempC: rule(1, 'inv.outTemp'),
  mpptTempC: rule(1, 'mppt.mpptTemp'),
  acInVolts: rule(MV, 'inv.acInVol'),
  acInAmps: rule(MV, 'inv.acInAmp'),
  acOutVolts: rule(MV, 'inv.invOutVol'),
  acOutAmps: rule(MV, 'inv.invOutAmp'),
  acOutHz: rule(1, 'inv.invOutFreq'),
};
