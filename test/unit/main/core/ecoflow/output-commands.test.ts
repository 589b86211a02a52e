import { describe, expect, it } from 'vitest';
import { outputCommand } from '../../../../../main/core/ecoflow/output-commands';
import { hmacHex, signString, type SignValue } from '../../../../../main/core/ecoflow/signing';

const AK = 'Fp4SvIprYSDPXtYJidEtUAd1o';
const SK = 'WIbFEKre0s6sLnh4ei7SPUeYnptHG6V';
const sign = (body: Record<string, SignValue>) => hmacHex(SK, signString(body, AK, '345164', '1671171709428'));

describe('output commands (spec §6)', () => {
  it('Delta Pro AC on is vector D4', () => {
    const c = outputCommand('delta-pro', 'DCABZ0123456789', 'ac', true, 1);
    expect(c.ok && c.value.field).toBe('acOutEnabled');
    expect(c.ok && sign(c.value.body)).toBe('397f37ddc496935f41933c8016b9299562578bb7f069ade049d8cac2c1436688');
    expect(outputCommand('delta-pro', 'S', 'car', false, 1)).toMatchObject({ ok: true, value: { body: { params: { cmdSet: 32, id: 81, enabled: 0 } }, field: 'carOutEnabled' } });
  });

  it('Delta 2 AC is vector D5 when given the same id; Delta 2 Max uses module 3', () => {
    const c = outputCommand('delta-2', 'R331ZEB4ZEAL0528', 'ac', true, 123456789);
    expect(c.ok && sign(c.value.body)).toBe('0c30f15c367d7d9a97606302564e3fe14656ed477bec041741bbf76650a53b71');
    expect(outputCommand('delta-2-max', 'S', 'ac', false, 5)).toMatchObject({ ok: true, value: { body: { moduleType: 3, operateType: 'acOutCfg' } } });
    expect(outputCommand('delta-2', 'S', 'dc', true, 5)).toMatchObject({ ok: true, value: { body: { moduleType: 1, operateType: 'dcOutCfg', params: { enabled: 1 } } } });
    expect(outputCommand('river-2', 'S', 'car', true, 5)).toMatchObject({ ok: true, value: { body: { moduleType: 5, operateType: 'mpptCar' } } });
  });

  it('Delta Pro 3 uses booleans; unsupported combinations are a clear error', () => {
    expect(outputCommand('delta-pro-3', 'MR51', 'ac', true, 1)).toMatchObject({ ok: true, value: { body: { cmdId: 17, cmdFunc: 254, needAck: true, params: { cfgHvAcOutOpen: true } } } });
    expect(outputCommand('delta-pro-3', 'MR51', 'dc', true, 1)).toMatchObject({ ok: false, error: { code: 'command-failed' } });
    expect(outputCommand('unknown', 'X', 'ac', true, 1)).toMatchObject({ ok: false, error: { code: 'command-failed', message: expect.stringContaining('cannot be switched') } });
  });
});
