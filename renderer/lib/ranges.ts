// Chart time ranges: the presets, and pan / zoom as pure moves of [from, to].
export const RANGE_PRESETS = ['1h', '24h', '7d', '30d', '1y'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export type RangeKind = RangePreset | 'custom';

export interface TimeRange {
  from: number;
  to: number;
}

const H = 3_600_000;
export const PRESET_MS: Record<RangePreset, number> = { '1h': H, '24h': 24 * H, '7d': 7 * 24 * H, '30d': 30 * 24 * H, '1y': 365 * 24 * H };
/** The narrowest window a zoom may reach. */
export const MIN_SPAN_MS = 5 * 60_000;

export function presetRange(preset: RangePreset, now: number): TimeRange {
  return { from: now - PRESET_MS[preset], to: now };
}

/** Moves the window by a fraction of its span (negative = back in time), never past `now`. */
export function pan(range: TimeRange, fraction: number, now: number): TimeRange {
  const span = range.to - range.from;
  let shift = span * fraction;
  if (range.to + shift > now) shift = now - range.to;
  return { from: range.from + shift, to: range.to + shift };
}

/** Scales the window around `center` (factor < 1 zooms in), clamped to [MIN_SPAN_MS, 1 y] and to `now`. */
export function zoom(range: TimeRange, factor: number, now: number, center = (range.from + range.to) / 2): TimeRange {
  const span = range.to - range.from;
  const next = Math.min(PRESET_MS['1y'], Math.max(MIN_SPAN_MS, span * factor));
  const ratio = span > 0 ? (center - range.from) / span : 0.5;
  let from = center - next * ratio;
  let to = from + next;
  if (to > now) {
    to = now;
    from = now - next;
  }
  return { from: Math.round(from), to: Math.round(to) };
}

/** Parses two <input type="datetime-local"> values into a range, or explains what is wrong. */
export function customRange(fromText: string, toText: string): TimeRange | 'invalid' | 'reversed' {
  const from = Date.parse(fromText);
  const to = Date.parse(toText);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return 'invalid';
  if (to - from < MIN_SPAN_MS) return 'reversed';
  return { from, to };
}
