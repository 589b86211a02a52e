// The normalized reading a decoder would produce from this station's quota
// map, computed straight from the physics (no key map in between), for bulk
// history generation. Same helpers as the quota builders, so they agree.
import { emptyReading, type Reading } from '../../../../common/reading';
import { packAmps, packVolts } from './battery';
import { inWatts, outWatts, type PowerStation } from './power-station';
import { acElectrics, cellMinMax, cellTempsC, energyCounters, flag, inverterTempC, mpptTempC, packCycles, packTempC, remainingMinutes } from './quota-common';

const milli = (n: number): number => Math.round(n * 1000) / 1000;
/** Minutes the decoders accept as real (the rest is "not applicable"). */
const minutes = (n: number): number | null => (n > 6000 ? null : n);

export function readingTemplate(sn: string): Reading {
  return emptyReading(sn, 0);
}

/** Fills a copy of `template` (from readingTemplate) with the station's present values. */
export function stationReading(st: PowerStation, template: Reading): Reading {
  const f = st.flows;
  const s = st.settings;
  const master = st.packs[0];
  const r: Reading = { ...template, ts: st.timeMs };
  const remain = remainingMinutes(st);
  const e = energyCounters(st);
  r.socPercent = Math.round(st.soc() * 100);
  r.socMainPercent = Math.round(st.packSoc(0) * 100);
  r.socExtra1Percent = st.packs.length > 1 ? Math.round(st.packSoc(1) * 100) : null;
  const net = inWatts(f) - outWatts(f);
  r.chargeState = net > 5 ? 1 : net < -5 ? -1 : 0;
  r.minutesToFull = r.chargeState === 1 ? minutes(remain.chg) : null;
  r.minutesToEmpty = r.chargeState === -1 ? minutes(remain.dsg) : null;
  r.wattsIn = inWatts(f);
  r.wattsOut = outWatts(f);
  r.acInWatts = f.acIn;
  r.acOutWatts = f.acOut;
  r.solarWatts = r.solar1Watts = f.solar;
  r.carOutWatts = f.carOut;
  r.dc12vOutWatts = st.profile.family === 'delta-pro' ? f.dc12v : null;
  r.usb1Watts = f.usb1;
  r.usb2Watts = f.usb2;
  r.qcUsb1Watts = f.qcUsb1;
  r.qcUsb2Watts = f.qcUsb2;
  r.typec1Watts = f.typec1;
  r.typec2Watts = f.typec2;
  if (master) {
    r.batteryVolts = milli(packVolts(master));
    r.batteryAmps = milli(packAmps(master));
    const [minMv, maxMv] = cellMinMax(master, st.seed);
    r.cellMinVolts = minMv / 1000;
    r.cellMaxVolts = maxMv / 1000;
    r.designCapacityAh = master.spec.designCapMah / 1000;
    r.fullCapacityAh = master.spec.fullCapMah / 1000;
    r.remainCapacityAh = Math.round(st.packSoc(0) * master.spec.fullCapMah) / 1000;
    r.cycles = packCycles(master);
  }
  r.batteryTempC = packTempC(st, 0);
  const cellTemps = cellTempsC(st, 0);
  r.cellMinTempC = Math.min(...cellTemps);
  r.cellMaxTempC = Math.max(...cellTemps);
  const ac = acElectrics(st);
  r.acInVolts = ac.inMv / 1000;
  r.acInAmps = ac.inMa / 1000;
  r.acOutVolts = ac.outMv / 1000;
  r.acOutAmps = ac.outMa / 1000;
  r.acOutHz = ac.outHz;
  r.sohPercent = 100;
  r.inverterTempC = inverterTempC(st);
  r.mpptTempC = mpptTempC(st);
  r.acOutEnabled = flag(s.acEnabled);
  r.xboostEnabled = flag(s.xboost);
  r.dcOutEnabled = flag(s.dcEnabled);
  r.carOutEnabled = flag(s.carEnabled);
  r.chargeLimitPercent = s.maxChargeSoc;
  r.dischargeLimitPercent = s.minDsgSoc;
  r.acChargeLimitWatts = s.acChargeWatts;
  r.energySolarInWh = e.sun;
  r.energyAcInWh = e.acIn;
  r.energyDcInWh = e.dcIn;
  r.energyAcOutWh = e.acOut;
  r.energyDcOutWh = e.dcOut;
  return r;
}
