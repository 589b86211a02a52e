// The Delta Pro quota map (spec §5.1): the same dotted keys in quota/all and in
// MQTT params. mppt.* use 0.1 W / 0.1 V / 0.01 A; battery and inverter mV/mA;
// temperatures integer °C; energy counters Wh. A few hundred keys like a real one.
import { inWatts, outWatts, type PowerStation } from './power-station';
import { addPackKeys, ambientC, busVolts, emsSocKeys, energyCounters, flag, invAcKeys, joinQuota, mpptCarKeys, mpptPvKeys, pdEnergyKeys, pdPortKeys, remainingMinutes, type MpptUnits, type QuotaMap } from './quota-common';

const MPPT_UNITS: MpptUnits = { watts: 10, volts: 10, amps: 100 };

export function deltaProQuota(st: PowerStation): QuotaMap {
  const f = st.flows;
  const s = st.settings;
  const remain = remainingMinutes(st);
  const amb = Math.round(ambientC(st));
  const busV = busVolts(st, 50);
  const q = joinQuota(
    emsSocKeys('ems', st, remain),
    {
      'ems.bms1Online': st.packs.length > 1 ? 3 : 0,
      'ems.bms2Online': st.packs.length > 2 ? 3 : 0,
      'ems.chgState': remain.state === 2 ? 1 : 0,
      'ems.chgCmd': flag(remain.state === 2),
      'ems.dsgCmd': 1,
      'ems.chgVol': 54000,
      'ems.chgAmp': 50000,
      'ems.fanLevel': f.acIn + f.solar > 800 ? 2 : f.acOut > 500 ? 1 : 0,
      'ems.maxAvailNum': st.packs.length,
      'ems.openBmsIdx': (1 << st.packs.length) - 1,
      'ems.paraVolMin': 0,
      'ems.paraVolMax': 0,
      'ems.bmsModel': 2,
      'ems.openUpsFlag': 1,
      'ems.bmsWarningState': 0,
      'ems.emsIsNormalFlag': 1,
      'ems.bmsIsConnt': [3, st.packs.length > 1 ? 3 : 0, 0],
      'ems.maxCloseOilEbSoc': 100,
      'ems.minOpenOilEbSoc': 20,
      'ems.lcdShowSocExt': 0,
      'pd.soc': Math.round(st.packSoc(0) * 100),
      'pd.wattsInSum': inWatts(f),
      'pd.wattsOutSum': outWatts(f),
      'pd.remainTime': remain.state === 1 ? remain.dsg : remain.state === 2 ? remain.chg : 0,
      'pd.sysChgDsgState': remain.state,
      'pd.chgDsgState': remain.state,
    },
    pdPortKeys(st),
    {
      'pd.wifiRssi': 0,
      'pd.ext4p8Port': st.packs.length > 1 ? 1 : 0,
      'pd.ext3p8Port': 0,
      'pd.extRj45Port': 0,
      'pd.beepState': flag(s.beepOff),
    },
    pdEnergyKeys(st, energyCounters(st), 'Ac', 'Dc'),
    {
      'pd.usbUsedTime': 1_203_400,
      'pd.usbqcUsedTime': 884_120,
      'pd.typccUsedTime': 1_530_020,
      'pd.carUsedTime': 604_800,
      'pd.invUsedTime': 5_120_300,
      'pd.dcInUsedTime': 12_000,
      'pd.mpptUsedTime': 3_820_400,
      'pd.lcdOffSec': 300,
      'pd.lcdBrightness': 100,
      'pd.standByMode': 0,
      'pd.bppowerSoc': 20,
      'pd.watthisconfig': 0,
      'pd.model': 3,
      'pd.sysVer': 16908868,
      'pd.wifiVer': 16843014,
      'pd.wifiAutoRcvy': 0,
      'pd.errCode': 0,
      'pd.iconWifiMode': 1,
      'pd.iconSolarBracketMode': 0,
      'pd.iconAcFreqMode': 1,
      'pd.iconSocUpsMode': 0,
      'pd.iconCarMode': flag(f.carOut > 0),
      'pd.iconBtMode': 0,
      'pd.reserved': [0, 0, 0, 0, 0],
    },
    invAcKeys(st),
    {
      'inv.dcInTemp': amb + 3 + Math.round(f.acIn / 60),
      'inv.dcInVol': Math.round(busV * 1000),
      'inv.dcInAmp': Math.round(((f.acOut - f.acIn) / busV) * 1000),
      'inv.fanState': f.acOut > 600 || f.acIn > 600 ? 1 : 0,
      'inv.cfgAcEnabled': flag(s.acEnabled),
      'inv.cfgAcXboost': flag(s.xboost),
      'inv.cfgAcOutVoltage': 230000,
      'inv.cfgAcOutFreq': 1,
      'inv.cfgAcWorkMode': 0,
      'inv.cfgSlowChgWatts': s.acChargeWatts,
      'inv.cfgFastChgWatts': 2900,
      'inv.acDipSwitch': 2,
      'inv.cfgStandbyMin': 720,
      'inv.chargerType': f.acIn > 0 ? 1 : 0,
      'inv.chgPauseFlag': 0,
      'inv.invType': 0,
      'inv.sysVer': 33620022,
      'inv.errCode': 0,
    },
    mpptPvKeys(st, busV, MPPT_UNITS),
    mpptCarKeys(st, MPPT_UNITS),
    {
      'mppt.dcdc12vWatts': f.dc12v,
      'mppt.dcdc12vVol': 0,
      'mppt.dcdc12vAmp': 0,
      'mppt.dc24vState': 1,
      'mppt.dc24vTemp': amb + 1,
      'mppt.cfgDcChgCurrent': 8000,
      'mppt.cfgChgType': 0,
      'mppt.chgType': f.solar > 0 ? 1 : 0,
      'mppt.chgState': flag(f.solar > 0),
      'mppt.xt60ChgType': 0,
      'mppt.dischargeType': 0,
      'mppt.faultCode': 0,
      'mppt.swVer': 50397467,
      'mppt.beepState': flag(s.beepOff),
      'mppt.cfgDcChgCurrentMax': 8000,
      'mppt.scrStandbyMin': 0,
      'mppt.powStandbyMin': 0,
      'kit.productInfoDetails': st.packs.length > 1 ? [{ sn: 'DCEBZ5RA' + String(st.seed % 100000).padStart(8, '0'), productType: 13 }] : [],
      'kit.watts': 0,
      'kit.protocolVer': 2,
    },
  );
  addPackKeys(q, 'bmsMaster', st, 0);
  if (st.packs.length > 1) addPackKeys(q, 'bmsSlave1', st, 1);
  return q;
}
