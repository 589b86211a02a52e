// The only module that knows the paku table `ecoflow_measurements`
// (shared/design/paku-schema.md): its columns, their units, how to create it
// when missing, and how a Reading (SI units) becomes one of its rows.
// The table's units are what Grafana already applies: W, °C, and mV/mA/mAh
// where marked. Solar is written in real watts (the older collector wrote the
// Delta Pro's 0.1 W raw value unscaled).
import type { Reading } from '../../../common/reading';

export const PAKU_TABLE = 'ecoflow_measurements';

type Value = number | null;
type ColumnType = 'INTEGER' | 'NUMERIC';

interface ColumnSpec {
  type: ColumnType;
  value: (r: Reading) => Value;
}

const scaled = (v: Value, factor: number): Value => (v === null ? null : v * factor);
/** Sum of the known parts; null only when every part is unknown. */
const sum = (...parts: Value[]): Value => (parts.every((p) => p === null) ? null : parts.reduce<number>((a, p) => a + (p ?? 0), 0));
const milli = (v: Value): Value => scaled(v, 1000);

/** Minutes to full while charging, else minutes to empty (the device's single remainTime figure). */
function remainMinutes(r: Reading): Value {
  return r.chargeState === 1 ? (r.minutesToFull ?? r.minutesToEmpty) : (r.minutesToEmpty ?? r.minutesToFull);
}

/** Contract columns (besides id, device_sn, ts) and where each value comes from. */
const CONTRACT_COLUMNS: Record<string, ColumnSpec> = {
  // The LCD figure over all packs; the built-in pack's figure when that is all we know.
  soc_percent: { type: 'INTEGER', value: (r) => r.socPercent ?? r.socMainPercent },
  remain_time_min: { type: 'INTEGER', value: remainMinutes },
  watts_in_sum: { type: 'INTEGER', value: (r) => r.wattsIn },
  watts_out_sum: { type: 'INTEGER', value: (r) => r.wattsOut },
  ac_out_watts: { type: 'INTEGER', value: (r) => r.acOutWatts },
  dc_out_watts: { type: 'INTEGER', value: (r) => sum(r.carOutWatts, r.usb1Watts, r.usb2Watts, r.qcUsb1Watts, r.qcUsb2Watts) },
  typec_out_watts: { type: 'INTEGER', value: (r) => sum(r.typec1Watts, r.typec2Watts) },
  usb_out_watts: { type: 'INTEGER', value: (r) => sum(r.usb1Watts, r.usb2Watts, r.qcUsb1Watts, r.qcUsb2Watts) },
  pv_in_watts: { type: 'INTEGER', value: (r) => r.solarWatts },
  car_watts: { type: 'INTEGER', value: (r) => r.carOutWatts },
  usb1_watts: { type: 'INTEGER', value: (r) => r.usb1Watts },
  usb2_watts: { type: 'INTEGER', value: (r) => r.usb2Watts },
  qcusb1_watts: { type: 'INTEGER', value: (r) => r.qcUsb1Watts },
  qcusb2_watts: { type: 'INTEGER', value: (r) => r.qcUsb2Watts },
  typec1_watts: { type: 'INTEGER', value: (r) => r.typec1Watts },
  typec2_watts: { type: 'INTEGER', value: (r) => r.typec2Watts },
  inv_out_temp: { type: 'NUMERIC', value: (r) => r.inverterTempC },
  bms_temp: { type: 'NUMERIC', value: (r) => r.batteryTempC },
  bms_max_cell_temp: { type: 'NUMERIC', value: (r) => r.cellMaxTempC },
  bms_min_cell_temp: { type: 'NUMERIC', value: (r) => r.cellMinTempC },
  mppt_temp: { type: 'NUMERIC', value: (r) => r.mpptTempC },
  inv_input_watts: { type: 'NUMERIC', value: (r) => r.acInWatts },
  inv_ac_in_vol: { type: 'NUMERIC', value: (r) => milli(r.acInVolts) },
  inv_out_vol: { type: 'NUMERIC', value: (r) => milli(r.acOutVolts) },
  inv_ac_in_amp: { type: 'NUMERIC', value: (r) => milli(r.acInAmps) },
  inv_out_amp: { type: 'NUMERIC', value: (r) => milli(r.acOutAmps) },
  bms_amp: { type: 'NUMERIC', value: (r) => milli(r.batteryAmps) },
  bms_vol: { type: 'NUMERIC', value: (r) => milli(r.batteryVolts) },
  bms_min_cell_vol: { type: 'NUMERIC', value: (r) => milli(r.cellMinVolts) },
  bms_max_cell_vol: { type: 'NUMERIC', value: (r) => milli(r.cellMaxVolts) },
  bms_remain_cap: { type: 'NUMERIC', value: (r) => milli(r.remainCapacityAh) },
  bms_full_cap: { type: 'NUMERIC', value: (r) => milli(r.fullCapacityAh) },
  bms_cycles: { type: 'INTEGER', value: (r) => r.cycles },
  wifi_rssi: { type: 'INTEGER', value: (r) => r.wifiRssi },
};

/** Columns later migrations added on some installations that the reading model also knows (0/1 flags, %). */
const MIGRATION_COLUMNS: Record<string, ColumnSpec> = {
  ems_min_dsg_soc: { type: 'INTEGER', value: (r) => r.dischargeLimitPercent },
  ems_max_charge_soc: { type: 'INTEGER', value: (r) => r.chargeLimitPercent },
  inv_cfg_ac_enabled: { type: 'INTEGER', value: (r) => r.acOutEnabled },
  mppt_car_state: { type: 'INTEGER', value: (r) => r.carOutEnabled },
};

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

/** Which table columns the app writes, in COPY order, with a text encoder per row. */
export interface RowPlan {
  columns: string[];
  /** Contract columns the table lacks (written nowhere, reported once). */
  missing: string[];
  /** One COPY text line (tab separated, \N for null, newline-terminated). */
  encode(r: Reading): string;
}

const INTEGER_TYPES = new Set(['smallint', 'integer', 'bigint']);

function encodeNumber(v: Value, integer: boolean, boolean: boolean): string {
  if (v === null || !Number.isFinite(v)) return '\\N';
  if (boolean) return v ? 't' : 'f';
  // mV/mA/mAh are integers on the device; rounding also hides float noise (52.301 * 1000).
  return String(integer ? Math.round(v) : Math.round(v * 1000) / 1000);
}

function escapeText(s: string): string {
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
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
  const writers: { name: string; value: (r: Reading) => Value; integer: boolean; boolean: boolean }[] = [];
  for (const [name, spec] of Object.entries(known)) {
    const type = types.get(name);
    if (type === undefined) continue;
    writers.push({ name, value: spec.value, integer: INTEGER_TYPES.has(type), boolean: type === 'boolean' });
  }
  const missing = Object.keys(CONTRACT_COLUMNS).filter((c) => !types.has(c));
  return {
    columns: ['device_sn', 'ts', ...writers.map((w) => w.name)],
    missing,
    encode(r) {
      let line = `${escapeText(r.sn)}\t${new Date(r.ts).toISOString()}`;
      for (const w of writers) line += '\t' + encodeNumber(w.value(r), w.integer, w.boolean);
      return line + '\n';
    },
  };
}
