// The SQLite column layout, derived from READING_FIELDS so adding a field to the
// reading model adds its column (migrations.ts reconciles missing columns).
import { READING_FIELD_NAMES, type ReadingField } from '../../../common/reading';

/** socPercent → soc_percent; field names are unique even case-insensitively. */
export function columnOf(field: string): string {
  return field.replace(/[A-Z0-9]+/g, (m) => '_' + m.toLowerCase());
}

export const READING_COLUMNS: readonly string[] = READING_FIELD_NAMES.map(columnOf);

/** The DC output ports: charted one by one, and summed for the DC-out energy ledger (energy-math). */
export const DC_OUT_FIELDS = [
  'carOutWatts',
  'dc12vOutWatts',
  'usb1Watts',
  'usb2Watts',
  'qcUsb1Watts',
  'qcUsb2Watts',
  'typec1Watts',
  'typec2Watts',
] as const satisfies readonly ReadingField[];

/** Fields with min/avg/max kept in the minute and hour rollups (the charted ones). */
export const ROLLUP_FIELDS = [
  'socPercent',
  'socMainPercent',
  'socExtra1Percent',
  'socExtra2Percent',
  'wattsIn',
  'wattsOut',
  'acInWatts',
  'acOutWatts',
  'solarWatts',
  'solar1Watts',
  'solar2Watts',
  'carInWatts',
  ...DC_OUT_FIELDS,
  'batteryVolts',
  'batteryAmps',
  'batteryTempC',
  'inverterTempC',
  'mpptTempC',
] as const satisfies readonly ReadingField[];

export type RollupField = (typeof ROLLUP_FIELDS)[number];

const ROLLUP_SET: ReadonlySet<ReadingField> = new Set(ROLLUP_FIELDS);
export function isRollupField(f: ReadingField): f is RollupField {
  return ROLLUP_SET.has(f);
}

/** The four rollup columns of a charted field: sum and count (so averages merge), min, max. */
export function rollupColumnsOf(field: RollupField): { min: string; max: string; sum: string; n: string } {
  const c = columnOf(field);
  return { min: `${c}_min`, max: `${c}_max`, sum: `${c}_sum`, n: `${c}_n` };
}

/** Ledger quantities, in EnergyBucket's key order. */
export const ENERGY_KEYS = ['whIn', 'whOut', 'whSolar', 'whAcIn', 'whCarIn', 'whAcOut', 'whDcOut'] as const;
export type EnergyKey = (typeof ENERGY_KEYS)[number];

export function energyColumnOf(key: EnergyKey): string {
  return columnOf(key);
}

export const ROLLUP_TABLES = { minute: 'rollup_minute', hour: 'rollup_hour' } as const;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
