// Table-driven decoding shared by every family: each reading field names the
// raw keys to try (first present wins) and the factor to SI units.
import { emptyReading, type Reading, type ReadingField } from '../../../../common/reading';
import { firstNumber, rawNumber, type RawMap } from '../raw';

export interface FieldRule {
  readonly keys: readonly string[];
  /** Multiplier from the wire unit to the reading unit (0.001 for mV → V). */
  readonly scale: number;
}

export type FieldTable = Partial<Record<ReadingField, FieldRule>>;

/** A rule: raw keys tried in order, times scale. */
export const rule = (scale: number, ...keys: string[]): FieldRule => ({ keys, scale });

/** A decoder turns a device's merged raw map into a reading (SI units, unknown = null). */
export type Decoder = (raw: RawMap, sn: string, ts: number) => Reading;

// Floating point scaling (691 × 0.1) should not print as 69.10000000000001.
const tidy = (n: number): number => Math.round(n * 1e6) / 1e6;

export function applyTable(raw: RawMap, table: FieldTable, reading: Reading): void {
  for (const field in table) {
    const r = table[field as ReadingField];
    if (!r) continue;
    const n = firstNumber(raw, r.keys, r.scale);
    reading[field as ReadingField] = n === null ? null : tidy(n);
  }
}

/** Remaining-time values meaning "not applicable" (143999) or implausibly far away. */
export function validMinutes(n: number | null): number | null {
  return n === null || n < 0 || n > 6000 ? null : n;
}

/** 1 charging, -1 discharging, 0 idle: from power flow, else from battery current. */
export function chargeDirection(r: Reading): number | null {
  if (r.wattsIn !== null && r.wattsOut !== null) {
    const net = r.wattsIn - r.wattsOut;
    if (Math.abs(net) > 5) return Math.sign(net);
  }
  if (r.batteryAmps !== null) return Math.abs(r.batteryAmps) > 0.1 ? Math.sign(r.batteryAmps) : 0;
  return r.wattsIn !== null && r.wattsOut !== null ? 0 : null;
}

/** Total of the known solar inputs, null when none is known. */
export function sumKnown(...values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? tidy(known.reduce((a, b) => a + b, 0)) : null;
}

/** Values the devices send as "unset" rather than a reading: Wi-Fi RSSI 0, SoH 0. */
export function zeroMeansUnknown(r: Reading, fields: readonly ReadingField[]): void {
  for (const f of fields) if (r[f] === 0) r[f] = null;
}

/** Decodes with a table plus family-specific finishing touches. */
export function tableDecoder(table: FieldTable, finish: (raw: RawMap, r: Reading) => void): Decoder {
  return (raw, sn, ts) => {
    const r = emptyReading(sn, ts);
    applyTable(raw, table, r);
    finish(raw, r);
    return r;
  };
}

export { rawNumber };
