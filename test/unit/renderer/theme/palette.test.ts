import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../../../renderer/lib/contrast';
import { PALETTES, SERIES_TOKENS, cssVariables, type ThemeName } from '../../../../renderer/theme/palette';

const themes: ThemeName[] = ['light', 'dark'];

describe('contrastRatio', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});

describe.each(themes)('%s palette passes WCAG AA', (theme) => {
  const p = PALETTES[theme];
  const backgrounds = { bg: p.bg, surface: p.surface, surfaceAlt: p.surfaceAlt };

  it.each(['text', 'textMuted', 'accent', 'ok', 'warn', 'danger'] as const)('%s text reaches 4.5:1 on every background', (token) => {
    for (const [name, bg] of Object.entries(backgrounds)) {
      expect(contrastRatio(p[token], bg), `${token} on ${name}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('text on the accent button reaches 4.5:1', () => {
    expect(contrastRatio(p.onAccent, p.accent)).toBeGreaterThanOrEqual(4.5);
  });

  it('focus ring and control borders reach 3:1 (non-text contrast)', () => {
    for (const bg of Object.values(backgrounds)) {
      expect(contrastRatio(p.focus, bg)).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(p.controlBorder, bg)).toBeGreaterThanOrEqual(3);
    }
  });

  it.each(SERIES_TOKENS)('chart colour %s reaches 3:1 on the chart surface', (token) => {
    expect(contrastRatio(p.series[token], p.surface)).toBeGreaterThanOrEqual(3);
  });

  it('exposes every token as a CSS variable', () => {
    const vars = cssVariables(theme);
    expect(vars['--c-text']).toBe(p.text);
    expect(vars['--c-series-solar']).toBe(p.series.solar);
  });
});
