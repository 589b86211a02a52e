import { describe, expect, it } from 'vitest';
import { flattenParams, hmacHex, signRequest, signString, type SignValue } from '../../../../../main/core/ecoflow/signing';

const AK = 'Fp4SvIprYSDPXtYJidEtUAd1o';
const SK = 'WIbFEKre0s6sLnh4ei7SPUeYnptHG6V';
const NONCE = '345164';
const TS = '1671171709428';

const vector = (body: Record<string, SignValue> | undefined) => {
  const s = signString(body, AK, NONCE, TS);
  return { s, sign: hmacHex(SK, s) };
};

describe('EcoFlow signing (spec §2.5)', () => {
  it('matches the official vector V1', () => {
    const { s, sign } = vector({ sn: '123456789', params: { cmdSet: 11, id: 24, eps: 0 } });
    expect(s).toBe('params.cmdSet=11&params.eps=0&params.id=24&sn=123456789&accessKey=Fp4SvIprYSDPXtYJidEtUAd1o&nonce=345164&timestamp=1671171709428');
    expect(sign).toBe('07c13b65e037faf3b153d51613638fa80003c4c38d2407379a7f52851af1473e');
  });

  it('flattens like the official example V2', () => {
    const pairs = flattenParams({ name: 'demo1', ids: [1, 2, 3], deviceInfo: { id: 1 }, deviceList: [{ id: 1 }, { id: 2 }] });
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    expect(pairs.map(([k, v]) => `${k}=${v}`).join('&')).toBe('deviceInfo.id=1&deviceList[0].id=1&deviceList[1].id=2&ids[0]=1&ids[1]=2&ids[2]=3&name=demo1');
  });

  it.each([
    ['D1 no params', undefined, '4409ae9efeaf0be9b8b48f02ebef8e804387e745e513588c136955606ca496f5'],
    ['D2 quota/all query', { sn: '123456789' }, '2296b02874dc12a165e0691e8f0c76c4424c582b335b48cd9c95518bebefbef5'],
    ['D3 quota list', { sn: 'DCABZ0123456789', params: { quotas: ['pd.soc', 'bmsMaster.soc'] } }, 'fed5b17fc27071714d0bdcc58364eb3da609d906c86f178951dae0433854e472'],
    ['D4 Delta Pro AC on', { sn: 'DCABZ0123456789', params: { cmdSet: 32, id: 66, enabled: 1 } }, '397f37ddc496935f41933c8016b9299562578bb7f069ade049d8cac2c1436688'],
    [
      'D5 Delta 2 acOutCfg',
      { id: 123456789, version: '1.0', sn: 'R331ZEB4ZEAL0528', moduleType: 5, operateType: 'acOutCfg', params: { enabled: 1, xboost: 255, out_voltage: -1, out_freq: 255 } },
      '0c30f15c367d7d9a97606302564e3fe14656ed477bec041741bbf76650a53b71',
    ],
    [
      'D6 Delta Pro 3 booleans',
      { sn: 'MR51ZAS2PG330026', cmdId: 17, dirDest: 1, dirSrc: 1, cmdFunc: 254, dest: 2, needAck: true, params: { cfgBeepEn: true } },
      '8f01cf943d436467622067ec4344d70355e109f7dfa9612725172ce7f655aeb5',
    ],
  ] as [string, Record<string, SignValue> | undefined, string][])('matches derived vector %s', (_name, body, expected) => {
    expect(vector(body).sign).toBe(expected);
  });

  it('sorts by code unit order, not locale order', () => {
    const s = signString({ params: { out_freq: 1, outVoltage: 2 } }, 'a', '1', '2');
    expect(s.startsWith('params.outVoltage=2&params.out_freq=1')).toBe(true);
  });

  it('uses a fresh 6-digit nonce and the given timestamp per request', () => {
    const a = signRequest(undefined, { accessKey: AK, secretKey: SK }, 1000);
    const b = signRequest(undefined, { accessKey: AK, secretKey: SK }, 2000);
    expect(a.nonce).toMatch(/^\d{6}$/);
    expect(a.timestamp).toBe('1000');
    expect(b.timestamp).toBe('2000');
    expect(a.sign).not.toBe(b.sign);
  });
});
