// What the local broker gets for one device: a small power summary for
// displays and Home Assistant tiles, and the fuller normalized state.
import { READING_FIELD_NAMES, type Reading } from '../../../common/reading';

export interface PowerSummary {
  soc: number | null;
  solar_w: number | null;
  ac_in_w: number | null;
  ac_out_w: number | null;
  /** Every non-AC output: 12 V car and DC, USB-A, fast USB-A, USB-C. */
  dc_out_w: number | null;
  watts_in: number | null;
  watts_out: number | null;
}

const round = (v: number | null): number | null => (v === null || !Number.isFinite(v) ? null : Math.round(v));

function sum(values: (number | null)[]): number | null {
  return values.every((v) => v === null) ? null : values.reduce<number>((a, v) => a + (v ?? 0), 0);
}

export function powerSummary(r: Reading): PowerSummary {
  return {
    soc: round(r.socPercent ?? r.socMainPercent),
    solar_w: round(r.solarWatts),
    ac_in_w: round(r.acInWatts),
    ac_out_w: round(r.acOutWatts),
    dc_out_w: round(sum([r.carOutWatts, r.dc12vOutWatts, r.usb1Watts, r.usb2Watts, r.qcUsb1Watts, r.qcUsb2Watts, r.typec1Watts, r.typec2Watts])),
    watts_in: round(r.wattsIn),
    watts_out: round(r.wattsOut),
  };
}

/** Newer known values win; a field the newer reading does not know keeps its last value; older readings are ignored. */
export function mergeReading(prev: Reading | undefined, next: Reading): Reading {
  if (!prev) return next;
  if (next.ts < prev.ts) return prev;
  const merged: Reading = { ...prev, ts: next.ts };
  for (const f of READING_FIELD_NAMES) {
    const v = next[f];
    if (v !== null && Number.isFinite(v)) merged[f] = v;
  }
  return merged;
}

/** Topic-safe serial: MQTT wildcards and separators never come from device data. */
export function topicSn(sn: string): string {
  return sn.replace(/[^A-Za-z0-9_-]/g, '_');
}
