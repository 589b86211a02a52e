// Pure battery-gauge painter: (look, pixel size, theme) → RGBA pixels.
// A horizontal battery with a terminal nub; the interior fills from the left
// in proportion to the 5 % bucket. Charging adds a bolt, low turns the fill
// red, stale greys everything and adds a slash, error adds a red "!".
// No Electron here: gauge-image.ts turns the pixels into a NativeImage.

export interface GaugeLook {
  /** 0..100 in 5 % steps, or null when no level is known. */
  bucket: number | null;
  charging: boolean;
  low: boolean;
  stale: boolean;
  error: boolean;
}

/** light/dark name the background the icon sits on; template is macOS's black + alpha. */
export type GaugeTheme = 'light' | 'dark' | 'template';

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, row-major, straight alpha. */
  data: Uint8ClampedArray;
}

export interface Rect {
  x0: number;
  y0: number;
  /** Inclusive. */
  x1: number;
  y1: number;
}

export interface GaugeGeometry {
  body: Rect;
  interior: Rect;
  nub: Rect;
}

type Rgba = readonly [number, number, number, number];

export const GAUGE_COLORS = {
  fill: [52, 199, 89, 255],
  low: [255, 59, 48, 255],
  grey: [142, 142, 147, 255],
  error: [255, 59, 48, 255],
  outlineOnDark: [240, 240, 240, 255],
  outlineOnLight: [32, 32, 32, 255],
  template: [0, 0, 0, 255],
  templateDim: [0, 0, 0, 110],
} as const satisfies Record<string, Rgba>;

export function gaugeGeometry(size: number): GaugeGeometry {
  const t = Math.max(1, Math.round(size / 16));
  const nubW = Math.max(1, Math.round((size * 2) / 16));
  const y0 = Math.round((size * 3) / 16);
  const body = { x0: 0, y0, x1: size - nubW - 1, y1: size - 1 - y0 };
  const inset = 2 * t; // outline plus an equal gap
  const interior = { x0: body.x0 + inset, y0: body.y0 + inset, x1: body.x1 - inset, y1: body.y1 - inset };
  const nubInset = Math.round((body.y1 - body.y0 + 1) * 0.3);
  const nub = { x0: body.x1 + 1, y0: body.y0 + nubInset, x1: size - 1, y1: body.y1 - nubInset };
  return { body, interior, nub };
}

/** Width in pixels of the level fill: never zero for a non-zero bucket, so 5 % still shows. */
export function fillWidth(interiorWidth: number, bucket: number | null): number {
  if (bucket === null || bucket <= 0) return 0;
  return Math.min(interiorWidth, Math.max(1, Math.round((interiorWidth * bucket) / 100)));
}

const inRect = (r: Rect, x: number, y: number) => x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1;

// Polygons in unit coordinates over a rect, tested at pixel centres.
const BOLT: readonly (readonly [number, number])[] = [
  [0.62, 0], [0.22, 0.56], [0.47, 0.56], [0.38, 1], [0.78, 0.44], [0.53, 0.44],
];

function inPolygon(poly: readonly (readonly [number, number])[], u: number, v: number): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i] ?? [0, 0];
    const [xj, yj] = poly[j] ?? [0, 0];
    if (yi > v !== yj > v && u < ((xj - xi) * (v - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function unit(r: Rect, x: number, y: number): [number, number] {
  return [(x + 0.5 - r.x0) / (r.x1 - r.x0 + 1), (y + 0.5 - r.y0) / (r.y1 - r.y0 + 1)];
}

function isBolt(g: GaugeGeometry, x: number, y: number): boolean {
  const r = { x0: g.body.x0 + 1, y0: g.body.y0 + 1, x1: g.body.x1 - 1, y1: g.body.y1 - 1 };
  if (!inRect(r, x, y)) return false;
  const [u, v] = unit(r, x, y);
  return inPolygon(BOLT, u, v);
}

/** A slash from the body's bottom-left to its top-right, about one outline thick. */
function isSlash(g: GaugeGeometry, size: number, x: number, y: number): boolean {
  if (!inRect(g.body, x, y)) return false;
  const [u, v] = unit(g.body, x, y);
  const w = g.body.x1 - g.body.x0 + 1;
  const h = g.body.y1 - g.body.y0 + 1;
  const dist = Math.abs(u + v - 1) * Math.min(w, h); // distance in pixels, roughly
  return dist <= Math.max(0.75, size / 24);
}

/** "!" centred on the body: a bar, a one-pixel gap, a square dot. */
function isBang(g: GaugeGeometry, size: number, x: number, y: number): boolean {
  const w = Math.max(2, Math.round(size / 8));
  const left = Math.floor((g.body.x0 + g.body.x1 + 1 - w) / 2);
  if (x < left || x >= left + w) return false;
  const top = g.body.y0 + 1;
  const bottom = g.body.y1 - 1;
  const dotTop = bottom - w + 1;
  return (y >= top && y < dotTop - 1) || (y >= dotTop && y <= bottom);
}

function isHalo(mark: (x: number, y: number) => boolean, x: number, y: number): boolean {
  return !mark(x, y) && (mark(x - 1, y) || mark(x + 1, y) || mark(x, y - 1) || mark(x, y + 1));
}

export function paintGauge(look: GaugeLook, size: number, theme: GaugeTheme): Pixels {
  const g = gaugeGeometry(size);
  const data = new Uint8ClampedArray(size * size * 4);
  const template = theme === 'template';
  const outline: Rgba = template
    ? look.stale ? GAUGE_COLORS.templateDim : GAUGE_COLORS.template
    : look.stale ? GAUGE_COLORS.grey : theme === 'dark' ? GAUGE_COLORS.outlineOnDark : GAUGE_COLORS.outlineOnLight;
  const fill: Rgba = template
    ? outline
    : look.stale ? GAUGE_COLORS.grey : look.low ? GAUGE_COLORS.low : GAUGE_COLORS.fill;
  const markColor: Rgba = template ? GAUGE_COLORS.template : theme === 'dark' ? GAUGE_COLORS.outlineOnDark : GAUGE_COLORS.outlineOnLight;
  const filled = fillWidth(g.interior.x1 - g.interior.x0 + 1, look.bucket);
  const bang = (x: number, y: number) => isBang(g, size, x, y);
  const t = Math.max(1, Math.round(size / 16));

  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let c: Rgba | null = null;
      const onOutline = inRect(g.body, x, y) && !inRect({ x0: g.body.x0 + t, y0: g.body.y0 + t, x1: g.body.x1 - t, y1: g.body.y1 - t }, x, y);
      if (onOutline || inRect(g.nub, x, y)) c = outline;
      const isFill = inRect(g.interior, x, y) && x < g.interior.x0 + filled;
      if (isFill) c = fill;
      if (look.charging && !look.error && isBolt(g, x, y)) {
        // Template: the bolt is cut out of the fill and drawn over the empty part.
        c = isFill ? (template ? null : markColor) : template ? GAUGE_COLORS.template : markColor;
      }
      if (look.stale && isSlash(g, size, x, y)) c = markColor;
      if (look.error) {
        if (bang(x, y)) c = template ? GAUGE_COLORS.template : GAUGE_COLORS.error;
        else if (isHalo(bang, x, y) && inRect(g.body, x, y)) c = null;
      }
      if (c) data.set(c, (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}

export type TrayPlatform = 'darwin' | 'win32' | 'linux';

/**
 * macOS wants template images (they follow the menu bar's colours), but a template
 * loses red, so low and error are drawn in colour for the current appearance.
 */
export function gaugeTheme(platform: TrayPlatform, look: GaugeLook, prefersDark: boolean): GaugeTheme {
  if (platform === 'darwin' && !look.low && !look.error) return 'template';
  return prefersDark ? 'dark' : 'light';
}

/** The representations each OS wants: 16/32 px on macOS and Windows; one at the largest scale on Linux. */
export function gaugeSizes(platform: TrayPlatform, maxScaleFactor: number): { scaleFactor: number; size: number }[] {
  if (platform === 'linux') {
    const scale = Math.max(1, maxScaleFactor);
    return [{ scaleFactor: scale, size: Math.round(22 * scale) }];
  }
  return [
    { scaleFactor: 1, size: 16 },
    { scaleFactor: 2, size: 32 },
  ];
}

/** A key that changes exactly when the painted image would. */
export function gaugeKey(look: GaugeLook, theme: GaugeTheme): string {
  return [look.bucket ?? 'x', +look.charging, +look.low, +look.stale, +look.error, theme].join(':');
}
