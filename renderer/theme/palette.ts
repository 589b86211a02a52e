// The one palette. main.tsx turns the active theme into CSS custom properties
// (--c-<token>), and test/unit/renderer/theme/palette.test.ts checks every
// text and graphic pairing against WCAG AA in both themes.

export type ThemeName = 'light' | 'dark';

export const SERIES_TOKENS = ['soc', 'in', 'out', 'solar', 'ac', 'car', 'dc', 'usbA', 'usbC', 'pack1', 'pack2'] as const;
export type SeriesToken = (typeof SERIES_TOKENS)[number];

export interface Palette {
  bg: string;
  surface: string;
  surfaceAlt: string;
  text: string;
  textMuted: string;
  border: string;
  /** Borders of inputs and buttons: must reach 3:1 (non-text contrast). */
  controlBorder: string;
  accent: string;
  onAccent: string;
  focus: string;
  ok: string;
  warn: string;
  danger: string;
  series: Record<SeriesToken, string>;
}

export const PALETTES: Record<ThemeName, Palette> = {
  light: {
    bg: '#f4f6f8',
    surface: '#ffffff',
    surfaceAlt: '#eef1f4',
    text: '#1b1f24',
    textMuted: '#525c67',
    border: '#d5dbe1',
    controlBorder: '#6b7683',
    accent: '#0b63bd',
    onAccent: '#ffffff',
    focus: '#0b63bd',
    ok: '#17743a',
    warn: '#8a5a00',
    danger: '#b42318',
    series: {
      soc: '#0b63bd',
      in: '#17743a',
      out: '#c2410c',
      solar: '#a15c07',
      ac: '#6d28d9',
      car: '#0e7490',
      dc: '#be185d',
      usbA: '#4d7c0f',
      usbC: '#1d4ed8',
      pack1: '#0e7490',
      pack2: '#6d28d9',
    },
  },
  dark: {
    bg: '#0f1419',
    surface: '#171d24',
    surfaceAlt: '#1f2730',
    text: '#e6e9ed',
    textMuted: '#a3adb8',
    border: '#2e3843',
    controlBorder: '#75818f',
    accent: '#5aa9f0',
    onAccent: '#0b1520',
    focus: '#7cbcf5',
    ok: '#4ade80',
    warn: '#fbbf24',
    danger: '#f87171',
    series: {
      soc: '#5aa9f0',
      in: '#4ade80',
      out: '#fb923c',
      solar: '#facc15',
      ac: '#a78bfa',
      car: '#22d3ee',
      dc: '#f472b6',
      usbA: '#a3e635',
      usbC: '#93c5fd',
      pack1: '#22d3ee',
      pack2: '#a78bfa',
    },
  },
};

/** CSS custom properties for a theme: --c-bg, --c-text, --c-series-solar, … */
export function cssVariables(theme: ThemeName): Record<string, string> {
  const p = PALETTES[theme];
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) if (typeof v === 'string') vars[`--c-${k}`] = v;
  for (const [k, v] of Object.entries(p.series)) vars[`--c-series-${k}`] = v;
  return vars;
}
