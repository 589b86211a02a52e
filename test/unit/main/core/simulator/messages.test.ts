import { describe, expect, it } from 'vitest';
import { bigMessageId, quotaMessages, setReplyMessage, statusMessage } from '../../../../../main/core/simulator/messages';

const ids = (): (() => string) => {
  let n = 0;
  return () => bigMessageId(7, ++n);
};

describe('simulated MQTT messages', () => {
  it('Delta Pro: shape A per module, with a 19-digit id above 2^53 written as a JSON number', () => {
    const texts = quotaMessages('delta-pro', { 'pd.wattsInSum': 10, 'bmsMaster.soc': 50, 'pd.soc': 49 }, 1_767_225_600_000, ids());
    expect(texts).toHaveLength(2);
    const first = texts[0] ?? '';
    expect(first).toMatch(/^\{"id":\d{19},"version":"1.0","timestamp":1767225600000,"addr":0,"cmdFunc":0,"cmdId":0,"params":/);
    const idText = /"id":(\d+)/.exec(first)?.[1] ?? '';
    expect(BigInt(idText) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(JSON.parse(first).params).toEqual({ 'pd.wattsInSum': 10, 'pd.soc': 49 });
  });

  it('Delta 2: shape B, one typeCode message per module with the prefix removed', () => {
    const texts = quotaMessages(
      'delta-2',
      { 'pd.soc': 40, 'bms_emsStatus.lcdShowSoc': 40, 'bms_bmsStatus.vol': 51000, 'kit.watts': 0 },
      1,
      ids(),
    );
    const parsed = texts.map((t) => JSON.parse(t) as { typeCode: string; params: object });
    expect(parsed.map((p) => [p.typeCode, p.params])).toEqual([
      ['pdStatus', { soc: 40 }],
      ['emsStatus', { lcdShowSoc: 40 }],
      ['bmsStatus', { vol: 51000 }],
    ]);
  });

  it('status and set_reply envelopes (numeric ids come back as numbers)', () => {
    expect(JSON.parse(statusMessage(false, 5, '123'))).toEqual({ id: '123', version: '1.0', timestamp: 5, params: { status: 0 } });
    expect(setReplyMessage('123456789', '0', { ack: 0 })).toBe('{"id":123456789,"version":"1.0","operateType":"TCP","code":"0","data":{"ack":0}}');
    expect(JSON.parse(setReplyMessage('abc', '-2', { ack: 1 }, 'device offline'))).toMatchObject({ id: 'abc', code: '-2' });
  });
});
