// Table-driven decoding shared by every family: each reading field names the
// raw keys to try (first present wins) and the factor to SI units. Decoding
// is incremental: a partial MQTT update recomputes only the fields whose raw
// keys it carries, plus the family's derived fields. Both paths give the same
// reading for the same raw map: rules → guard → derive → guard derived.
import { emptyReading, READING_FIELD_NAMES, type Reading, type ReadingField } from '../../../../common/reading';
import { firstNumber, type RawMap } from '../raw';
import { guardFields } from './plausibility';

export interface FieldRule {
  readonly keys: readonly string[];
  /** Multiplier from the wire unit to the reading unit (0.001 for mV → V). */
  readonly scale: number;
  /** Take the magnitude (Delta Pro 3 reports outputs as negative watts). */
  readonly magnitude?: boolean;
  /** 0 means "not reported" (Wi-Fi RSSI 0, SoH 0 on some firmware). */
  readonly zeroUnknown?: boolean;
}

export type FieldTable = Partial<Record<ReadingField, FieldRule>>;

/** A rule: raw keys tried in order, times scale. */
export const rule = (scale: number, ...keys: string[]): FieldRule => ({ keys, scale });

/** Computes the family's derived fields (charge state, minutes, sums) from raw keys and decoded fields. */
export type Derive = (raw: RawMap, r: Reading) => void;

export interface Decoder {
  /** Decodes every field. Returns the fields the plausibility guard dropped. */
  full(raw: RawMap, r: Reading): ReadingField[];
  /** Recomputes the fields that depend on the changed keys, and the derived ones. */
  update(raw: RawMap, r: Reading, changed: readonly string[]): ReadingField[];
}

// Floating point scaling (691 × 0.1) should not print as 69.10000000000001.
const tidy = (n: number): number => Math.round(n * 1e6) / 1e6;

interface CompiledRule extends FieldRule {
  readonly field: ReadingField;
}

function evaluate(raw: RawMap, c: CompiledRule): number | null {
  let n = firstNumber(raw, c.keys, c.scale);
  if (n === null || (c.zeroUnknown && n === 0)) return null;
  if (c.magnitude) n = Math.abs(n);
  return tidy(n);
}

/** Decodes with a table plus the family's derived fields (listed, so they are guarded too). */
export function tableDecoder(table: FieldTable, derive: Derive, derived: readonly ReadingField[]): Decoder {
  const rules: CompiledRule[] = (Object.entries(table) as [ReadingField, FieldRule][]).map(([field, r]) => ({ ...r, field }));
  const byKey = new Map<string, CompiledRule[]>();
  for (const c of rules) for (const k of c.keys) byKey.set(k, [...(byKey.get(k) ?? []), c]);
  const finish = (raw: RawMap, r: Reading, dropped: ReadingField[]): ReadingField[] => {
    derive(raw, r);
    return dropped.concat(guardFields(r, derived));
  };
  return {
    full(raw, r) {
      for (const c of rules) r[c.field] = evaluate(raw, c);
      return finish(raw, r, guardFields(r, rules.map((c) => c.field)));
    },
    update(raw, r, changed) {
      const touched: ReadingField[] = [];
      for (const k of changed) {
        const hit = byKey.get(k);
        if (!hit) continue;
        for (const c of hit) {
          r[c.field] = evaluate(raw, c);
          touched.push(c.field);
        }
      }
      return finish(raw, r, touched.length ? guardFields(r, touched) : []);
    },
  };
}

/** The decoder of unknown models: nothing to decode, the raw keys are kept. */
export const NO_DECODER: Decoder = { full: () => [], update: () => [] };

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

/** Total of the known values, null when none is known. */
export function sumKnown(...values: (number | null)[]): number | null {
  let sum: number | null = null;
  for (const v of values) if (v !== null) sum = (sum ?? 0) + v;
  return sum === null ? null : tidy(sum);
}

/**
 * A copy of a reading at another time, built as one object literal with every field in
 * READING_FIELD_NAMES order. Decoding runs for every MQTT message: a spread copy costs several
 * times more, because the fields decoders then write (null → number) keep changing the copies'
 * hidden class, while these copies all share one. Generated from the field table (not user input),
 * so adding a field stays a one-line change.
 */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
if (!READING_FIELD_NAMES.every((f) => IDENTIFIER.test(f))) throw new Error('A reading field name is not a plain identifier: copyReading cannot be generated.');

export const copyReading = new Function(
  'p',
  'ts',
  `return { sn: p.sn, ts: ts, ${READING_FIELD_NAMES.map((f) => `${f}: p.${f}`).join(', ')} };`,
) as (p: Reading, ts: number) => Reading;

const BLANK = emptyReading('', 0);

/** A reading with every field unknown (same as emptyReading, fast). */
export const blankReading = (sn: string, ts: number): Reading => {
  const r = copyReading(BLANK, ts);
  r.sn = sn;
  return r;
};
