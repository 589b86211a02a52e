import { describe, expect, it } from 'vitest';
import { en } from '../../../../renderer/i18n/en';
import { fi } from '../../../../renderer/i18n/fi';
import { translator } from '../../../../renderer/i18n/index';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('Finnish has exactly the English keys, each non-empty', () => {
    expect(Object.keys(fi).sort()).toEqual(Object.keys(en).sort());
    for (const v of Object.values(fi)) expect(v.trim()).not.toBe('');
  });
  it('each translation uses the same placeholders', () => {
    for (const k of Object.keys(en) as (keyof typeof en)[]) expect(placeholders(fi[k]), k).toEqual(placeholders(en[k]));
  });
  it('fills placeholders and leaves unknown ones visible', () => {
    const t = translator('en');
    expect(t('battery.toFull', { time: '1 h 5 min' })).toBe('1 h 5 min to full');
    expect(t('battery.toFull')).toBe('{time} to full');
    expect(translator('fi')('battery.gaugeLabel', { soc: 42 })).toBe('Varaustaso 42 %');
  });
});
