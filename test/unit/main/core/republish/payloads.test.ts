import { expect, test } from 'vitest';
import { emptyReading } from '../../../../../common/reading';
import { mergeReading, powerSummary, topicSn } from '../../../../../main/core/republish/payloads';
import { sampleReading } from '../../../../helpers/sync-fixtures';

test('power summary: rounded watts, DC = every non-AC output, null when unknown', () => {
  expect(powerSummary(sampleReading('S', 3))).toEqual({ soc: 53, solar_w: 313, ac_in_w: 0, ac_out_w: 100, dc_out_w: 38, watts_in: 303, watts_out: 120 });
  expect(powerSummary(emptyReading('S', 0))).toEqual({ soc: null, solar_w: null, ac_in_w: null, ac_out_w: null, dc_out_w: null, watts_in: null, watts_out: null });
});

test('merge keeps known values, newer wins, older readings ignored', () => {
  const a = { ...emptyReading('S', 1000), socPercent: 40, wattsIn: 5 };
  const b = { ...emptyReading('S', 2000), wattsIn: 7 };
  const merged = mergeReading(mergeReading(undefined, a), b);
  expect(merged).toMatchObject({ ts: 2000, socPercent: 40, wattsIn: 7 });
  expect(mergeReading(merged, { ...emptyReading('S', 1500), wattsIn: 1 })).toBe(merged);
});

test('serials never inject topic levels or wildcards', () => {
  expect(topicSn('DCABZ1')).toBe('DCABZ1');
  expect(topicSn('a/b+#c')).toBe('a_b__c');
});
