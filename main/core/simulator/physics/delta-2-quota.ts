// The Delta 2 quota map (spec §5.3): module prefixes pd./mppt./inv./
// bms_bmsStatus./bms_emsStatus. in quota/all; MQTT sends one typeCode message
// per module with the prefix removed. Solar in W, volts/amps mV/mA, °C.
import { inWatts, outWatts, type PowerStation } from './power-station';
import { addPackKeys, ambientC, busVolts, emsSocKeys, energyCounters, flag, invAcKeys, joinQuota, mpptCarKeys, mpptPvKeys, pdEnergyKeys, pdPortKeys, remainingMinutes, type MpptUnits, type QuotaMap } from './quota-common';

const MPPT_UNITS: MpptUnits = { watts: 1, volts: 1000, amps: 1000 };

/** MQTT typeCode ↔ quota/all key prefix (spec §4.4 shape B). */
export const DELTA_2_MODULES: Readonly<Record<string, string>> = {
  pdStatus: 'pd.',
  mpptStatus: 'mppt.',
  invStatus: 'inv.',
  bmsStatus: 'bms_bmsStatus.',
  emsStatus: 'bms_emsStatus.',
};

export function delta2Quota(st: PowerStation): QuotaMap {
  const f = st.flows;
  const s = st.settings;
  const remain = remainingMinutes(st);
  const e = energyCounters(st);
  const amb = Math.round(ambientC(st));
  const busV = busVolts(st, 51);
  const q = joinQuota(
    emsSocKeys('bms_emsStatus', st, remain),
    {
      'bms_emsStatus.chgState': remain.state === 2 ? 1 : 0,
      'bms_emsStatus.chgCmd': flag(remain.state === 2),
      'bms_emsStatus.dsgCmd': 1,
      'bms_emsStatus.chgVol': 57600,
      'bms_emsStatus.chgAmp': 30000,
      'bms_emsStatus.fanLevel': f.acIn + f.solar > 400 ? 1 : 0,
      'bms_emsStatus.maxAvailNum': 1,
      'bms_emsStatus.openBmsIdx': 1,
      'bms_emsStatus.bmsModel': 1,
      'bms_emsStatus.openUpsFlag': 1,
      'bms_emsStatus.bmsWarState': 0,
      'bms_emsStatus.emsIsNormalFlag': 1,
      'bms_emsStatus.bmsIsConnt': [3, 0, 0],
      'bms_emsStatus.maxCloseOilEb': 100,
      'bms_emsStatus.minOpenOilEb': 20,
      'pd.soc': Math.round(st.soc() * 100),
      'pd.wattsInSum': inWatts(f),
      'pd.wattsOutSum': outWatts(f),
      'pd.remainTime': remain.state === 2 ? remain.chg : remain.state === 1 ? -remain.dsg : 0,
      'pd.chgDsgState': remain.state,
    },
    pdPortKeys(st),
    {
      'pd.acEnabled': flag(s.acEnabled),
      'pd.wifiRssi': 0,
      'pd.beepMode': flag(s.beepOff),
    },
    pdEnergyKeys(st, e, 'AC', 'DC'),
    {
      'pd.usbUsedTime': 402_100,
      'pd.usbqcUsedTime': 221_800,
      'pd.typecUsedTime': 610_330,
      'pd.carUsedTime': 98_400,
      'pd.invUsedTime': 1_840_200,
      'pd.dcInUsedTime': 3_600,
      'pd.mpptUsedTime': 1_220_100,
      'pd.lcdOffSec': 300,
      'pd.brightLevel': 3,
      'pd.standbyMin': 0,
      'pd.model': 1,
      'pd.sysVer': 16975908,
      'pd.wifiVer': 16843014,
      'pd.errCode': 0,
      'pd.wireWatts': 0,
      'pd.chgPowerAc': e.acIn,
      'pd.dsgPowerAc': e.acOut,
    },
    invAcKeys(st),
    {
      'inv.dcInVol': Math.round(busV * 1000),
      'inv.dcInAmp': Math.round(((f.acOut - f.acIn) / busV) * 1000),
      'inv.dcInTemp': amb + 3,
      'inv.fanState': f.acOut > 400 ? 1 : 0,
      'inv.cfgAcEnabled': flag(s.acEnabled),
      'inv.cfgAcXboost': flag(s.xboost),
      'inv.cfgAcOutVol': 230000,
      'inv.cfgAcOutFreq': 1,
      'inv.cfgAcWorkMode': 0,
      'inv.chargerType': f.acIn > 0 ? 1 : 0,
      'inv.chgPauseFlag': 0,
      'inv.standbyMins': 720,
      'inv.sysVer': 33620010,
      'inv.errCode': 0,
    },
    mpptPvKeys(st, busV, MPPT_UNITS),
    {
      'mppt.cfgAcEnabled': flag(s.acEnabled),
      'mppt.cfgAcXboost': flag(s.xboost),
      'mppt.cfgAcOutVol': 230,
      'mppt.cfgAcOutFreq': 1,
    },
    mpptCarKeys(st, MPPT_UNITS),
    {
      'mppt.cfgChgWatts': s.acChargeWatts,
      'mppt.cfgChgType': 0,
      'mppt.chgType': f.solar > 0 ? 1 : 0,
      'mppt.chgState': flag(f.solar > 0),
      'mppt.dcdc12vWatts': 0,
      'mppt.dc24vState': 0,
      'mppt.beepState': flag(s.beepOff),
      'mppt.faultCode': 0,
      'mppt.swVer': 50397460,
      'mppt.scrStandbyMin': 0,
      'mppt.powStandbyMin': 0,
      'mppt.acStandbyMins': 720,
      'mppt.carStandbyMin': 720,
      'kit.watts': 0,
      'kit.productInfoDetails': [],
    },
  );
  addPackKeys(q, 'bms_bmsStatus', st, 0);
  return q;
}
