// Pieces of a quota key map shared by the families: pack (BMS) keys, remaining
// times, temperatures and the device's own energy counters.
import { cellOcv, packAmps, packSoc, packVolts, type Pack } from './battery';
import { unit } from './noise';
import { inWatts, outWatts, type PowerStation } from './power-station';
import { sunElevationSin } from './solar';

export type QuotaValue = number | string | readonly number[] | readonly Readonly<Record<string, string | number>>[];
export type QuotaMap = Record<string, QuotaValue>;

/** "Not applicable" remaining time, as the devices send it. */
export const NO_REMAIN = 143999;

const round2 = (n: number): number => Math.round(n * 100) / 100;
export const pct2 = (frac: number): number => round2(frac * 100);

/** Minutes to the charge limit and to the discharge limit at the present net power. */
export function remainingMinutes(st: PowerStation): { chg: number; dsg: number; state: 0 | 1 | 2 } {
  const net = inWatts(st.flows) - outWatts(st.flows);
  const cap = st.capacityWh();
  const soc = st.soc();
  if (net > 5) {
    const wh = Math.max(0, st.settings.maxChargeSoc / 100 - soc) * cap;
    return { chg: Math.min(NO_REMAIN, Math.ceil((wh / net) * 60)), dsg: NO_REMAIN, state: 2 };
  }
  if (net < -5) {
    const wh = Math.max(0, soc - st.settings.minDsgSoc / 100) * cap;
    return { chg: NO_REMAIN, dsg: Math.min(NO_REMAIN, Math.ceil((wh / -net) * 60)), state: 1 };
  }
  return { chg: NO_REMAIN, dsg: NO_REMAIN, state: 0 };
}

/** Ambient °C: a daily swing around 20. */
export function ambientC(st: PowerStation): number {
  const h = (st.timeMs / 3_600_000 + st.site.longitude / 15) % 24;
  return 20 + 3 * Math.sin(((h - 9) / 24) * 2 * Math.PI);
}

/** Per-cell millivolts: the pack's cell voltage with a small fixed spread per cell. */
export function cellMillivolts(p: Pack, seed: number): number[] {
  const cell = (packVolts(p) / p.spec.cells) * 1000;
  return Array.from({ length: p.spec.cells }, (_, i) => Math.round(cell + (unit(seed, 100 + i) - 0.5) * 6));
}

/** The BMS keys of one pack (same sub-keys on Delta Pro bmsMaster/bmsSlaveN and Delta 2 bms_bmsStatus). */
export function packKeys(prefix: string, st: PowerStation, index: number): QuotaMap {
  const p = st.packs[index];
  if (!p) return {};
  const seed = st.seed + index * 7919;
  const cells = cellMillivolts(p, seed);
  const temp = Math.round(ambientC(st) + 2 + Math.abs(p.watts) / 250);
  const cellTemps = [0, 1, 2, 3].map((i) => temp - 1 + Math.round(unit(seed, 200 + i) * 2));
  const soc = packSoc(p);
  const minV = Math.min(...cells);
  const maxV = Math.max(...cells);
  const k = (name: string): string => `${prefix}.${name}`;
  return {
    [k('soc')]: Math.round(soc * 100),
    [k('f32ShowSoc')]: pct2(soc),
    [k('vol')]: Math.round(packVolts(p) * 1000),
    [k('amp')]: Math.round(packAmps(p) * 1000),
    [k('temp')]: temp,
    [k('minCellTemp')]: Math.min(...cellTemps),
    [k('maxCellTemp')]: Math.max(...cellTemps),
    [k('minCellVol')]: minV,
    [k('maxCellVol')]: maxV,
    [k('maxVolDiff')]: maxV - minV,
    [k('minMosTemp')]: temp + 1,
    [k('maxMosTemp')]: temp + 3,
    [k('cellVol')]: cells,
    [k('cellTemp')]: cellTemps,
    [k('cycles')]: p.spec.cycles + Math.floor(p.dischargedWh / p.capacityWh),
    [k('soh')]: 100,
    [k('designCap')]: p.spec.designCapMah,
    [k('fullCap')]: p.spec.fullCapMah,
    [k('remainCap')]: Math.round(soc * p.spec.fullCapMah),
    [k('totalDsgCap')]: 4294967295,
    [k('totalChgCap')]: 4294967295,
    [k('ecloudOcv')]: 65535,
    [k('inputWatts')]: Math.max(0, Math.round(p.watts)),
    [k('outputWatts')]: Math.max(0, Math.round(-p.watts)),
    [k('remainTime')]: 0,
    [k('tagChgAmp')]: 50000,
    [k('bmsFault')]: 0,
    [k('errCode')]: 0,
    [k('type')]: 1,
    [k('cellId')]: 2,
    [k('num')]: index,
    [k('openBmsIdx')]: 1,
    [k('bqSysStatReg')]: 0,
    [k('sysVer')]: 33620026,
    [k('maxCellVolNum')]: cells.indexOf(maxV),
    [k('minCellVolNum')]: cells.indexOf(minV),
    [k('ocvVol')]: Math.round(cellOcv(soc) * p.spec.cells * 1000),
    [k('fullChgAmp')]: 0,
  };
}

/** The device's lifetime counters, Wh: a seeded history before the simulation plus the true ledger. */
export function energyCounters(st: PowerStation): { sun: number; acIn: number; dcIn: number; acOut: number; dcOut: number } {
  const l = st.ledger();
  const base = (n: number, scale: number): number => Math.floor(scale * (0.5 + unit(st.seed, 300 + n)));
  return {
    sun: Math.floor(base(1, 200_000) + l.solarInWh),
    acIn: Math.floor(base(2, 60_000) + l.acInWh),
    dcIn: Math.floor(base(3, 2_000) + l.dcInWh),
    acOut: Math.floor(base(4, 180_000) + l.acOutWh),
    dcOut: Math.floor(base(5, 20_000) + l.dcOutWh),
  };
}

/** PV volts for the watts the panels give (open-circuit at dawn or when curtailed, 0 at night). */
export function pvVolts(st: PowerStation): number {
  if (sunElevationSin(st.timeMs, st.site) <= 0) return 0;
  if (st.flows.solar <= 0) return 78;
  return 68 + 4 * unit(st.seed, Math.floor(st.timeMs / 60_000));
}
