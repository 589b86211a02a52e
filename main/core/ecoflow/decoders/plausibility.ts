// The one place that decides a decoded value is impossible. Such values are
// set to null (never stored) and counted, so a scale mistake or a garbled
// message shows up as a counter instead of a spike in the charts.
import { READING_FIELDS, READING_FIELD_NAMES, type Reading, type ReadingField } from '../../../../common/reading';

type Range = readonly [min: number, max: number];

const MAX_WATTS = 10_000;

const BY_UNIT: Readonly<Record<string, Range>> = {
  '%': [0, 100],
  W: [0, MAX_WATTS],
  '°C': [-40, 150],
  min: [0, 6000],
  Ah: [0, 2000],
  Wh: [0, 1e10],
  Hz: [0, 70],
  dBm: [-127, 0],
  count: [0, 1e6],
  flag: [0, 1],
  state: [-1, 1],
};

/** Exceptions to the per-unit range, field by field. */
const BY_FIELD: Partial<Record<ReadingField, Range>> = {
  batteryVolts: [0, 100],
  batteryAmps: [-300, 300],
  cellMinVolts: [0, 5],
  cellMaxVolts: [0, 5],
  acInVolts: [0, 300],
  acOutVolts: [0, 300],
  acInAmps: [0, 100],
  acOutAmps: [0, 100],
};

const RANGES = new Map<ReadingField, Range>(
  READING_FIELD_NAMES.flatMap((f) => {
    const range = BY_FIELD[f] ?? BY_UNIT[READING_FIELDS[f].unit];
    return range ? [[f, range] as [ReadingField, Range]] : [];
  }),
);

/** Nulls impossible values among the given fields in place; returns the fields it dropped. */
export function guardFields(r: Reading, fields: readonly ReadingField[]): ReadingField[] {
  const dropped: ReadingField[] = [];
  for (const f of fields) {
    const v = r[f];
    const range = RANGES.get(f);
    if (v !== null && range && !(v >= range[0] && v <= range[1])) {
      r[f] = null;
      dropped.push(f);
    }
  }
  return dropped;
}

/** Nulls every impossible value of a reading in place; returns the fields it dropped. */
export function guardReading(r: Reading): ReadingField[] {
  return guardFields(r, READING_FIELD_NAMES);
}
