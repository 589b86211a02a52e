import { describe, expect, it } from 'vitest';
import { CHART_FIELDS, CHARTS, chartsData, type ChartDef } from '../../../../renderer/views/charts/chart-defs';
import { sumFields, visibleInputs } from '../../../../renderer/views/dashboard/PowerFlow';
import { emptyReading } from '../../../../common/reading';

const v = (x: number) => [x, x, x] as [number, number, number];
const chartRows = (series: Parameters<typeof chartsData>[0], def: ChartDef) => chartsData(series).find((c) => c.def === def)!;
const outputs = CHARTS.find((c) => c.id === 'outputs')!;
const soc = CHARTS.find((c) => c.id === 'soc')!;

describe('chart definitions', () => {
  it('one query covers every field the charts draw', () => {
    for (const c of CHARTS) for (const l of c.lines) for (const f of l.fields) expect(CHART_FIELDS).toContain(f);
  });

  it('sums composite output lines per bucket and keeps gaps as gaps', () => {
    const series = {
      bucketMs: 60_000,
      points: [
        { ts: 0, values: { usb1Watts: v(5), qcUsb1Watts: v(10), acOutWatts: v(300), socPercent: v(50) } },
        { ts: 600_000, values: { usb1Watts: v(7), acOutWatts: v(200), socPercent: v(51) } },
      ],
    };
    const { rows, lines } = chartRows(series, outputs);
    expect(lines.map((l) => l.key)).toEqual(['ac-out', 'usb-a']);
    expect(rows.map((r) => r['usb-a'])).toEqual([15, null, 7]);
    expect(rows.map((r) => r['usb-c'])).toEqual([null, null, null]);
    expect(chartRows(series, soc).rows.map((r) => r.socPercent)).toEqual([50, null, 51]);
  });
});

describe('solar chart', () => {
  const solar = CHARTS.find((c) => c.id === 'solar')!;
  it('hides a lone input that would retrace the total, shows two inputs', () => {
    const one = { bucketMs: 1000, points: [{ ts: 0, values: { solarWatts: v(100), solar1Watts: v(100) } }] };
    expect(chartRows(one, solar).lines.map((l) => l.key)).toEqual(['solarWatts']);
    const two = { bucketMs: 1000, points: [{ ts: 0, values: { solarWatts: v(100), solar1Watts: v(60), solar2Watts: v(40) } }] };
    expect(chartRows(two, solar).lines.map((l) => l.key)).toEqual(['solarWatts', 'solar1Watts', 'solar2Watts']);
  });
});

describe('power flow lines', () => {
  it('sumFields is null only when nothing is known', () => {
    expect(sumFields({ usb1Watts: null, usb2Watts: null }, ['usb1Watts', 'usb2Watts'])).toBeNull();
    expect(sumFields({ usb1Watts: 0, usb2Watts: null }, ['usb1Watts', 'usb2Watts'])).toBe(0);
  });
  it('shows solar per input when the device reports inputs, else the total', () => {
    const r = { ...emptyReading('A1', 0), solarWatts: 300, acInWatts: 0 };
    expect(visibleInputs(r).map((l) => l.id)).toEqual(['ac-in', 'solar']);
    const perInput = { ...r, solar1Watts: 200, solar2Watts: 100 };
    expect(visibleInputs(perInput).map((l) => l.id)).toEqual(['ac-in', 'solar1', 'solar2']);
    // A single input (Delta Pro) is just "Solar", not "Solar 1".
    expect(visibleInputs({ ...r, solar1Watts: 300 }).map((l) => l.id)).toEqual(['ac-in', 'solar']);
  });
});
