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
/** A switch or condition as the devices send it. */
export const flag = (b: boolean): number => (b ? 1 : 0);

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

/** Pack °C: ambient plus self-heating with current. */
export function packTempC(st: PowerStation, index: number): number {
  return Math.round(ambientC(st) + 2 + Math.abs(st.packs[index]?.watts ?? 0) / 250);
}

export const inverterTempC = (st: PowerStation): number => Math.round(ambientC(st) + 5 + st.flows.acOut / 40);
export const mpptTempC = (st: PowerStation): number => Math.round(ambientC(st) + 4 + st.flows.solar / 40);

/** The four cell-temperature sensors of a pack, °C. */
export function cellTempsC(st: PowerStation, index: number): number[] {
  const temp = packTempC(st, index);
  const seed = st.seed + index * 7919;
  return [0, 1, 2, 3].map((i) => temp - 1 + Math.round(unit(seed, 200 + i) * 2));
}

/** Inverter electrics in the wire units (mV, mA, Hz); zeros when that side is idle/off. */
export function acElectrics(st: PowerStation): { outMv: number; outMa: number; outHz: number; inMv: number; inMa: number; inHz: number } {
  const on = st.settings.acEnabled;
  const outMv = on ? 230000 + ((st.seed % 400) - 200) : 0;
  const charging = st.flows.acIn > 0;
  return {
    outMv,
    outMa: on ? Math.round((st.flows.acOut / (outMv / 1000)) * 1000) : 0,
    outHz: on ? 50 : 0,
    inMv: charging ? 231400 : 0,
    inMa: charging ? Math.round((st.flows.acIn / 231.4) * 1000) : 0,
    inHz: charging ? 50 : 0,
  };
}

/** Fixed per-cell offsets (mV) around the pack's mean cell voltage; cached per seed. */
const cellOffsetCache = new Map<string, { offsets: number[]; min: number; max: number }>();
function cellOffsets(seed: number, cells: number): { offsets: number[]; min: number; max: number } {
  const key = `${seed}:${cells}`;
  let c = cellOffsetCache.get(key);
  if (!c) {
    const offsets = Array.from({ length: cells }, (_, i) => (unit(seed, 100 + i) - 0.5) * 6);
    c = { offsets, min: Math.min(...offsets), max: Math.max(...offsets) };
    if (cellOffsetCache.size > 1000) cellOffsetCache.clear();
    cellOffsetCache.set(key, c);
  }
  return c;
}

/** Per-cell millivolts: the pack's cell voltage with a small fixed spread per cell. */
export function cellMillivolts(p: Pack, seed: number): number[] {
  const cell = (packVolts(p) / p.spec.cells) * 1000;
  return cellOffsets(seed, p.spec.cells).offsets.map((o) => Math.round(cell + o));
}

/** Lowest and highest cell millivolts without building the array. */
export function cellMinMax(p: Pack, seed: number): [number, number] {
  const cell = (packVolts(p) / p.spec.cells) * 1000;
  const c = cellOffsets(seed, p.spec.cells);
  return [Math.round(cell + c.min), Math.round(cell + c.max)];
}

const PACK_KEYS = [
  'soc', 'f32ShowSoc', 'vol', 'amp', 'temp', 'minCellTemp', 'maxCellTemp', 'minCellVol', 'maxCellVol', 'maxVolDiff',
  'minMosTemp', 'maxMosTemp', 'cellVol', 'cellTemp', 'cycles', 'soh', 'designCap', 'fullCap', 'remainCap',
  'totalDsgCap', 'totalChgCap', 'ecloudOcv', 'inputWatts', 'outputWatts', 'remainTime', 'tagChgAmp', 'bmsFault',
  'errCode', 'type', 'cellId', 'num', 'openBmsIdx', 'bqSysStatReg', 'sysVer', 'maxCellVolNum', 'minCellVolNum',
  'ocvVol', 'fullChgAmp',
] as const;

/** Adds the BMS keys of one pack to q (same sub-keys on Delta Pro bmsMaster/bmsSlaveN and Delta 2 bms_bmsStatus). */
export function addPackKeys(q: QuotaMap, prefix: string, st: PowerStation, index: number): void {
  const p = st.packs[index];
  if (!p) return;
  const seed = st.seed + index * 7919;
  const cells = cellMillivolts(p, seed);
  const temp = packTempC(st, index);
  const cellTemps = cellTempsC(st, index);
  const soc = packSoc(p);
  const minV = Math.min(...cells);
  const maxV = Math.max(...cells);
  const values: QuotaValue[] = [
    Math.round(soc * 100), pct2(soc), Math.round(packVolts(p) * 1000), Math.round(packAmps(p) * 1000), temp,
    Math.min(...cellTemps), Math.max(...cellTemps), minV, maxV, maxV - minV, temp + 1, temp + 3, cells, cellTemps,
    packCycles(p), 100, p.spec.designCapMah, p.spec.fullCapMah, Math.round(soc * p.spec.fullCapMah),
    4294967295, 4294967295, 65535, Math.max(0, Math.round(p.watts)), Math.max(0, Math.round(-p.watts)), 0, 50000, 0,
    0, 1, 2, index, 1, 0, 33620026, cells.indexOf(maxV), cells.indexOf(minV),
    Math.round(cellOcv(soc) * p.spec.cells * 1000), 0,
  ];
  PACK_KEYS.forEach((k, i) => (q[`${prefix}.${k}`] = values[i] ?? 0));
}

export const packCycles = (p: Pack): number => p.spec.cycles + Math.floor(p.dischargedWh / p.capacityWh);

const counterBase = new WeakMap<PowerStation, number[]>();

/** The device's lifetime counters, Wh: a seeded history before the simulation plus what truly flowed. */
export function energyCounters(st: PowerStation): { sun: number; acIn: number; dcIn: number; acOut: number; dcOut: number } {
  let b = counterBase.get(st);
  if (!b) {
    b = [200_000, 60_000, 2_000, 180_000, 20_000].map((scale, n) => Math.floor(scale * (0.5 + unit(st.seed, 301 + n))));
    counterBase.set(st, b);
  }
  const l = st.flowedWh;
  return {
    sun: Math.floor((b[0] ?? 0) + l.solarInWh),
    acIn: Math.floor((b[1] ?? 0) + l.acInWh),
    dcIn: Math.floor((b[2] ?? 0) + l.dcInWh),
    acOut: Math.floor((b[3] ?? 0) + l.acOutWh),
    dcOut: Math.floor((b[4] ?? 0) + l.dcOutWh),
  };
}

/** PV volts for the watts the panels give (open-circuit at dawn or when curtailed, 0 at night). */
export function pvVolts(st: PowerStation): number {
  if (sunElevationSin(st.timeMs, st.site) <= 0) return 0;
  if (st.flows.solar <= 0) return 78;
  return 68 + 4 * unit(st.seed, Math.floor(st.timeMs / 60_000));
}

/**
 * One map from its parts, in order (the key order the real devices send).
 * Not spreads into one literal: V8 builds a literal this large with spreads about 100× slower.
 */
export const joinQuota = (...parts: QuotaMap[]): QuotaMap => Object.assign({}, ...parts);

// Key groups both families send with the same logic, each a part for joinQuota.

/** State of charge, remaining times and limits under the family's EMS prefix (ems / bms_emsStatus). */
export function emsSocKeys(ems: string, st: PowerStation, remain: ReturnType<typeof remainingMinutes>): QuotaMap {
  const soc = st.soc();
  return {
    [`${ems}.lcdShowSoc`]: Math.round(soc * 100),
    [`${ems}.f32LcdShowSoc`]: pct2(soc),
    [`${ems}.chgRemainTime`]: remain.chg,
    [`${ems}.dsgRemainTime`]: remain.dsg,
    [`${ems}.maxChargeSoc`]: st.settings.maxChargeSoc,
    [`${ems}.minDsgSoc`]: st.settings.minDsgSoc,
  };
}

/** pd.* DC port watts and the DC/car switches. */
export function pdPortKeys(st: PowerStation): QuotaMap {
  const f = st.flows;
  return {
    'pd.usb1Watts': f.usb1,
    'pd.usb2Watts': f.usb2,
    'pd.qcUsb1Watts': f.qcUsb1,
    'pd.qcUsb2Watts': f.qcUsb2,
    'pd.typec1Watts': f.typec1,
    'pd.typec2Watts': f.typec2,
    'pd.carWatts': f.carOut,
    'pd.carState': flag(st.settings.carEnabled),
    'pd.dcOutState': flag(st.settings.dcEnabled),
  };
}

/**
 * pd.* lifetime energy counters (Wh) and the port temperatures next to them.
 * Delta 2 spells the counters chgPowerAC/DC, Delta Pro chgPowerAc/Dc.
 */
export function pdEnergyKeys(st: PowerStation, e: ReturnType<typeof energyCounters>, ac: 'AC' | 'Ac', dc: 'DC' | 'Dc'): QuotaMap {
  const f = st.flows;
  const amb = Math.round(ambientC(st));
  return {
    'pd.chgSunPower': e.sun,
    [`pd.chgPower${ac}`]: e.acIn,
    [`pd.chgPower${dc}`]: e.dcIn,
    [`pd.dsgPower${ac}`]: e.acOut,
    [`pd.dsgPower${dc}`]: e.dcOut,
    'pd.typec1Temp': amb + Math.round(f.typec1 / 10),
    'pd.typec2Temp': amb + Math.round(f.typec2 / 10),
    'pd.carTemp': amb + Math.round(f.carOut / 20),
  };
}

/** inv.* AC power and electrics (mV, mA, Hz) and the inverter temperature. */
export function invAcKeys(st: PowerStation): QuotaMap {
  const ac = acElectrics(st);
  return {
    'inv.inputWatts': st.flows.acIn,
    'inv.outputWatts': st.flows.acOut,
    'inv.invOutVol': ac.outMv,
    'inv.invOutAmp': ac.outMa,
    'inv.invOutFreq': ac.outHz,
    'inv.acInVol': ac.inMv,
    'inv.acInAmp': ac.inMa,
    'inv.acInFreq': ac.inHz,
    'inv.outTemp': inverterTempC(st),
  };
}

/** Multipliers from W, V and A to a family's mppt.* wire units (Delta 2: W/mV/mA; Delta Pro: 0.1 W/0.1 V/0.01 A). */
export interface MpptUnits {
  watts: number;
  volts: number;
  amps: number;
}

/** The battery bus volts: the main pack's, or the family's nominal when it has none. */
export function busVolts(st: PowerStation, nominal: number): number {
  const main = st.packs[0];
  return main ? packVolts(main) : nominal;
}

/** mppt.* PV input, the MPPT's output onto the battery bus (98 % efficient) and its temperature. */
export function mpptPvKeys(st: PowerStation, busV: number, u: MpptUnits): QuotaMap {
  const solar = st.flows.solar;
  const pvV = pvVolts(st);
  return {
    'mppt.inWatts': solar * u.watts,
    'mppt.inVol': Math.round(pvV * u.volts),
    'mppt.inAmp': pvV > 0 ? Math.round((solar / pvV) * u.amps) : 0,
    'mppt.outWatts': Math.round(solar * 0.98 * u.watts),
    'mppt.outVol': Math.round(busV * u.volts),
    'mppt.outAmp': Math.round(((solar * 0.98) / busV) * u.amps),
    'mppt.mpptTemp': mpptTempC(st),
  };
}

/** mppt.* car (12 V) output at 13.2 V. */
export function mpptCarKeys(st: PowerStation, u: MpptUnits): QuotaMap {
  const carOut = st.flows.carOut;
  const on = st.settings.carEnabled;
  return {
    'mppt.carState': flag(on),
    // 10× the watts on both families (the scale conflict of spec §5.1).
    'mppt.carOutWatts': carOut * 10,
    'mppt.carOutVol': on ? Math.round(13.2 * u.volts) : 0,
    'mppt.carOutAmp': Math.round((carOut / 13.2) * u.amps),
    'mppt.carTemp': Math.round(ambientC(st)) + Math.round(carOut / 15),
  };
}
