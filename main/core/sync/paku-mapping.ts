// The only module that knows the paku table `ecoflow_measurements`
// (shared/design/paku-schema.md): its columns, their units, how to create it
// when missing, and how a Reading (SI units) becomes one of its rows.
// The table's units are what Grafana already applies: W, °C, and mV/mA/mAh
// where marked. Solar is written in real watts (the older collector wrote the
// Delta Pro's 0.1 W raw value unscaled).
import type { Reading, ReadingField } from '../../../common/reading';

export const PAKU_TABLE = 'ecoflow_measurements';

type Value = number | null;
type ColumnType = 'INTEGER' | 'NUMERIC';

/**
 * Where a column's value comes from, declaratively, so the same rule runs in
 * JS (encode) and in SQL over the local store (sqlLine):
 * one field; the first known of several; the sum of the known ones (null when
 * none is known); or the device's single "remaining minutes" figure (to full
 * while charging, else to empty). `factor` converts SI to the table's unit.
 */
type Source =
  | { kind: 'field'; field: ReadingField; factor?: number }
  | { kind: 'first'; fields: ReadingField[] }
  | { kind: 'sum'; fields: ReadingField[] }
  | { kind: 'remain' };

interface ColumnSpec {
  type: ColumnType;
  source: Source;
}

const int = (field: ReadingField): ColumnSpec => ({ type: 'INTEGER', source: { kind: 'field', field } });
const num = (field: ReadingField, factor?: number): ColumnSpec => ({ type: 'NUMERIC', source: { kind: 'field', field, factor } });
const intSum = (...fields: ReadingField[]): ColumnSpec => ({ type: 'INTEGER', source: { kind: 'sum', fields } });
/** mV, mA, mAh: the raw device units the dashboards expect. */
const milli = (field: ReadingField): ColumnSpec => num(field, 1000);

/** Contract columns (besides id, device_sn, ts) and where each value comes from. */
const CONTRACT_COLUMNS: Record<string, ColumnSpec> = {
  // The LCD figure over all packs; the built-in pack's figure when that is all we know.
  soc_percent: { type: 'INTEGER', source: { kind: 'first', fields: ['socPercent', 'socMainPercent'] } },
  remain_time_min: { type: 'INTEGER', source: { kind: 'remain' } },
  watts_in_sum: int('wattsIn'),
  watts_out_sum: int('wattsOut'),
  ac_out_watts: int('acOutWatts'),
  dc_out_watts: intSum('carOutWatts', 'usb1Watts', 'usb2Watts', 'qcUsb1Watts', 'qcUsb2Watts'),
  typec_out_watts: intSum('typec1Watts', 'typec2Watts'),
  usb_out_watts: intSum('usb1Watts', 'usb2Watts', 'qcUsb1Watts', 'qcUsb2Watts'),
  pv_in_watts: int('solarWatts'),
  car_watts: int('carOutWatts'),
  usb1_watts: int('usb1Watts'),
  usb2_watts: int('usb2Watts'),
  qcusb1_watts: int('qcUsb1Watts'),
  qcusb2_watts: int('qcUsb2Watts'),
  typec1_watts: int('typec1Watts'),
  typec2_watts: int('typec2Watts'),
  inv_out_temp: num('inverterTempC'),
  bms_temp: num('batteryTempC'),
  bms_max_cell_temp: num('cellMaxTempC'),
  bms_min_cell_temp: num('cellMinTempC'),
  mppt_temp: num('mpptTempC'),
  inv_input_watts: num('acInWatts'),
  inv_ac_in_vol: milli('acInVolts'),
  inv_out_vol: milli('acOutVolts'),
  inv_ac_in_amp: milli('acInAmps'),
  inv_out_amp: milli('acOutAmps'),
  bms_amp: milli('batteryAmps'),
  bms_vol: milli('batteryVolts'),
  bms_min_cell_vol: milli('cellMinVolts'),
  bms_max_cell_vol: milli('cellMaxVolts'),
  bms_remain_cap: milli('remainCapacityAh'),
  bms_full_cap: milli('fullCapacityAh'),
  bms_cycles: int('cycles'),
  wifi_rssi: int('wifiRssi'),
};

/** Columns later migrations added on some installations that the reading model also knows (0/1 flags, %). */
const MIGRATION_COLUMNS: Record<string, ColumnSpec> = {
  ems_min_dsg_soc: int('dischargeLimitPercent'),
  ems_max_charge_soc: int('chargeLimitPercent'),
  inv_cfg_ac_enabled: int('acOutEnabled'),
  mppt_car_state: int('carOutEnabled'),
};

function valueOf(source: Source, r: Reading): Value {
  switch (source.kind) {
    case 'field': {
      const v = r[source.field];
      return v === null || source.factor === undefined ? v : v * source.factor;
    }
    case 'first':
      return source.fields.reduce<Value>((a, f) => a ?? r[f], null);
    case 'sum': {
      let total: Value = null;
      for (const f of source.fields) {
        const v = r[f];
        if (v !== null) total = (total ?? 0) + v;
      }
      return total;
    }
    case 'remain':
      return r.chargeState === 1 ? (r.minutesToFull ?? r.minutesToEmpty) : (r.minutesToEmpty ?? r.minutesToFull);
  }
}

/** The same rule as valueOf, as an SQL expression over columns named by col(field). */
function sqlOf(source: Source, col: (f: ReadingField) => string): string {
  switch (source.kind) {
    case 'field':
      return source.factor === undefined ? col(source.field) : `(${col(source.field)} * ${source.factor})`;
    case 'first':
      return `coalesce(${source.fields.map(col).join(', ')})`;
    case 'sum': {
      const cols = source.fields.map(col);
      return `(CASE WHEN coalesce(${cols.join(', ')}) IS NULL THEN NULL ELSE ${cols.map((c) => `ifnull(${c}, 0)`).join(' + ')} END)`;
    }
    case 'remain': {
      const [full, empty] = [col('minutesToFull'), col('minutesToEmpty')];
      return `(CASE WHEN ${col('chargeState')} = 1 THEN coalesce(${full}, ${empty}) ELSE coalesce(${empty}, ${full}) END)`;
    }
  }
}

/** Every field a source reads (for validity checks over stored rows). */
function fieldsOf(source: Source): ReadingField[] {
  switch (source.kind) {
    case 'field':
      return [source.field];
    case 'first':
    case 'sum':
      return source.fields;
    case 'remain':
      return ['chargeState', 'minutesToFull', 'minutesToEmpty'];
  }
}

/** Contract columns in table order, including the three the app always needs. */
export const PAKU_CONTRACT_COLUMNS = ['id', 'device_sn', 'ts', ...Object.keys(CONTRACT_COLUMNS)];
const REQUIRED = ['device_sn', 'ts'] as const;

/** The statements that create the contract table and its three indexes (only run when the table is missing). */
export function createTableSql(): string[] {
  const cols = Object.entries(CONTRACT_COLUMNS).map(([name, spec]) => `  ${name} ${spec.type}`);
  return [
    `CREATE TABLE IF NOT EXISTS ${PAKU_TABLE} (\n  id BIGSERIAL PRIMARY KEY,\n  device_sn TEXT NOT NULL,\n  ts TIMESTAMPTZ NOT NULL DEFAULT now(),\n${cols.join(',\n')}\n)`,
    `CREATE INDEX IF NOT EXISTS ${PAKU_TABLE}_ts_idx ON ${PAKU_TABLE} (ts)`,
    `CREATE INDEX IF NOT EXISTS ${PAKU_TABLE}_device_sn_idx ON ${PAKU_TABLE} (device_sn)`,
    `CREATE INDEX IF NOT EXISTS ${PAKU_TABLE}_device_sn_ts_idx ON ${PAKU_TABLE} (device_sn, ts DESC)`,
  ];
}

/** A column as found in information_schema.columns. */
export interface ExistingColumn {
  name: string;
  /** information_schema data_type, e.g. "integer", "numeric", "boolean". */
  dataType: string;
}

/** Which table columns the app writes, in COPY order, and how a row becomes COPY text. */
export interface RowPlan {
  columns: string[];
  /** Contract columns the table lacks (written nowhere, reported once). */
  missing: string[];
  /** The COPY statement for these columns (NULL is the empty field: no text column can be empty). */
  copySql: string;
  /** One COPY text line (tab separated, empty for null, newline-terminated). */
  encode(r: Reading): string;
  /**
   * The same line as one SQL expression over a table with columns `sn`, `ts`
   * (epoch ms) and col(field) per reading field (the local SQLite store), or
   * NULL for a row with a value that is not a finite number (skipped, as the
   * store's own decoder skips it). Lets the store render rows itself.
   */
  sqlLine(col: (field: ReadingField) => string): string;
}

const INTEGER_TYPES = new Set(['smallint', 'integer', 'bigint']);
type Format = 'integer' | 'numeric' | 'boolean';

/** Half away from zero, as SQLite's round() does, so both encoders agree. */
const roundHalfAway = (v: number): number => Math.sign(v) * Math.round(Math.abs(v));

/** A REAL as SQLite prints it (%!.15g: "24.0", "31.25", "1.0e+20"), so both encoders agree. */
function sqliteReal(v: number): string {
  if (Math.abs(v) < 1e15) return Number.isInteger(v) ? v.toFixed(1) : String(v);
  const [mantissa = '', exp = ''] = v.toExponential(14).split('e');
  return `${mantissa.replace(/0+$/, '').replace(/\.$/, '.0')}e${exp[0]}${exp.slice(1).padStart(2, '0')}`;
}

function encodeNumber(v: Value, format: Format): string {
  if (v === null || !Number.isFinite(v)) return '';
  if (format === 'boolean') return v ? 't' : 'f';
  // 3 decimals hide float noise (0.1 + 0.2) in °C and W.
  return format === 'integer' ? String(roundHalfAway(v)) : sqliteReal(roundHalfAway(v * 1000) / 1000);
}

/** The value as SQL for printf's %s, which prints NULL as the empty field. */
function sqlNumber(expr: string, format: Format): string {
  if (format === 'boolean') return `(CASE WHEN ${expr} <> 0 THEN 't' WHEN ${expr} = 0 THEN 'f' END)`;
  return format === 'integer' ? `CAST(round(${expr}) AS INTEGER)` : `round(${expr}, 3)`;
}

const TEXT_ESCAPES: [string, string, string][] = [
  ['\\', "'\\'", "'\\\\'"],
  ['\t', 'char(9)', "'\\t'"],
  ['\n', 'char(10)', "'\\n'"],
  ['\r', 'char(13)', "'\\r'"],
];

function escapeText(s: string): string {
  let out = s;
  for (const [raw, , escaped] of TEXT_ESCAPES) out = out.split(raw).join(escaped.slice(1, -1));
  return out;
}

/** Missing required columns, or null when the table can take our rows. */
export function missingRequiredColumn(existing: ExistingColumn[]): string | null {
  const names = new Set(existing.map((c) => c.name));
  return REQUIRED.find((c) => !names.has(c)) ?? null;
}

/** Builds the write plan for the columns the table really has: never more, whatever the contract says. */
export function planRows(existing: ExistingColumn[]): RowPlan {
  const types = new Map(existing.map((c) => [c.name, c.dataType.toLowerCase()]));
  const known = { ...CONTRACT_COLUMNS, ...MIGRATION_COLUMNS };
  const writers: { name: string; source: Source; format: Format }[] = [];
  for (const [name, spec] of Object.entries(known)) {
    const type = types.get(name);
    if (type === undefined) continue;
    // mV/mA/mAh (a factor) are integers on the device: written as such even into NUMERIC columns.
    const integer = INTEGER_TYPES.has(type) || (spec.source.kind === 'field' && spec.source.factor !== undefined);
    writers.push({ name, source: spec.source, format: type === 'boolean' ? 'boolean' : integer ? 'integer' : 'numeric' });
  }
  const missing = Object.keys(CONTRACT_COLUMNS).filter((c) => !types.has(c));
  const columns = ['device_sn', 'ts', ...writers.map((w) => w.name)];
  return {
    columns,
    missing,
    copySql: `COPY ${PAKU_TABLE} (${columns.join(', ')}) FROM STDIN WITH (NULL '')`,
    encode(r) {
      let line = `${escapeText(r.sn)}\t${new Date(r.ts).toISOString()}`;
      for (const w of writers) line += '\t' + encodeNumber(valueOf(w.source, r), w.format);
      return line + '\n';
    },
    sqlLine(col) {
      const sn = TEXT_ESCAPES.reduce((e, [, raw, escaped]) => `replace(${e}, ${raw}, ${escaped})`, 'sn');
      const parts = [sn, `strftime('%Y-%m-%dT%H:%M:%fZ', ts / 1000.0, 'unixepoch')`, ...writers.map((w) => sqlNumber(sqlOf(w.source, col), w.format))];
      const used = [...new Set(writers.flatMap((w) => fieldsOf(w.source)))].map(col);
      const valid = [
        `typeof(sn) = 'text' AND length(sn) BETWEEN 1 AND 64 AND typeof(ts) = 'integer' AND ts >= 0`,
        // One comparison rejects text, blobs (they sort above numbers) and infinities; NULL is fine.
        ...used.map((c) => `ifnull(${c} BETWEEN -1e300 AND 1e300, 1)`),
      ];
      // One printf per row: far cheaper than concatenating ~40 pieces with ||.
      return `CASE WHEN ${valid.join(' AND ')} THEN printf('${parts.map(() => '%s').join('\t')}\n', ${parts.join(', ')}) END`;
    },
  };
}
