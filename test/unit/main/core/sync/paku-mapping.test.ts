import { describe, expect, test } from 'vitest';
import { emptyReading } from '../../../../../common/reading';
import { createTableSql, missingRequiredColumn, PAKU_CONTRACT_COLUMNS, planRows, type ExistingColumn } from '../../../../../main/core/sync/paku-mapping';
import { sampleReading } from '../../../../helpers/sync-fixtures';

const contract: ExistingColumn[] = PAKU_CONTRACT_COLUMNS.map((name) => ({
  name,
  dataType: /temp|vol|amp|cap|inv_input/.test(name) ? 'numeric' : name === 'device_sn' ? 'text' : name === 'ts' ? 'timestamp with time zone' : 'integer',
}));

function fields(line: string, plan: ReturnType<typeof planRows>): Record<string, string> {
  const parts = line.replace(/\n$/, '').split('\t');
  return Object.fromEntries(plan.columns.map((c, i) => [c, parts[i] ?? '?']));
}

describe('paku mapping', () => {
  test('SI reading → table units: W ints, mV/mA/mAh, °C, remaining minutes by charge state', () => {
    const plan = planRows(contract);
    expect(plan.missing).toEqual([]);
    expect(plan.columns).not.toContain('id');
    const row = fields(plan.encode(sampleReading('DCABZ1', 2)), plan);
    expect(row).toMatchObject({
      device_sn: 'DCABZ1',
      ts: '2026-01-01T00:00:02.000Z',
      soc_percent: '52',
      remain_time_min: '90',
      pv_in_watts: '313',
      dc_out_watts: '18',
      typec_out_watts: '20',
      bms_vol: '52301',
      bms_amp: '-2345',
      bms_remain_cap: '41200',
      inv_out_temp: '31.25',
      inv_ac_in_amp: '',
      wifi_rssi: '-61',
    });
    const discharging = fields(plan.encode({ ...sampleReading('X', 0), chargeState: -1 }), plan);
    expect(discharging.remain_time_min).toBe('600');
  });

  test('all-unknown reading is all null (empty fields) except sn and ts; sums of nothing stay null', () => {
    const plan = planRows(contract);
    const row = fields(plan.encode(emptyReading('SN', 0)), plan);
    const values = Object.entries(row).filter(([k]) => k !== 'device_sn' && k !== 'ts');
    expect(values.every(([, v]) => v === '')).toBe(true);
    expect(plan.copySql).toMatch(/FROM STDIN WITH \(NULL ''\)$/);
  });

  test('writes only the columns that exist, in their own types; text escaped for COPY', () => {
    const plan = planRows([
      { name: 'id', dataType: 'bigint' },
      { name: 'ts', dataType: 'timestamp with time zone' },
      { name: 'device_sn', dataType: 'text' },
      { name: 'bms_vol', dataType: 'integer' },
      { name: 'inv_cfg_ac_enabled', dataType: 'boolean' },
      { name: 'raw_extra', dataType: 'jsonb' },
    ]);
    expect(plan.columns).toEqual(['device_sn', 'ts', 'bms_vol', 'inv_cfg_ac_enabled']);
    expect(plan.missing).toContain('soc_percent');
    expect(plan.encode({ ...sampleReading('a\tb\\c\nd', 0), batteryVolts: 52.3005 })).toBe('a\\tb\\\\c\\nd\t2026-01-01T00:00:00.000Z\t52301\tt\n');
  });

  test('non-finite values become null; required columns are checked', () => {
    const plan = planRows(contract);
    const row = fields(plan.encode({ ...emptyReading('S', 0), wattsIn: Number.NaN, batteryTempC: Infinity }), plan);
    expect(row.watts_in_sum).toBe('');
    expect(row.bms_temp).toBe('');
    expect(missingRequiredColumn([{ name: 'ts', dataType: 'timestamp with time zone' }])).toBe('device_sn');
    expect(missingRequiredColumn(contract)).toBeNull();
  });

  test('CREATE TABLE carries every contract column and the three indexes', () => {
    const [table, ...indexes] = createTableSql();
    for (const c of PAKU_CONTRACT_COLUMNS) expect(table).toMatch(new RegExp(`\\b${c}\\b`));
    expect(indexes.map((s) => s.replace(/.*\(/, '('))).toEqual(['(ts)', '(device_sn)', '(device_sn, ts DESC)']);
  });
});
