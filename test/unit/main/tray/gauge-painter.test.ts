import { describe, expect, it } from 'vitest';
import {
  GAUGE_COLORS,
  fillWidth,
  gaugeGeometry,
  gaugeKey,
  gaugeSizes,
  gaugeTheme,
  paintGauge,
  type GaugeLook,
  type Pixels,
  type Rect,
} from '../../../../main/tray/gauge-painter';
import { encodePng } from '../../../../main/tray/png-encode';
import { inflateSync } from 'node:zlib';

const base: GaugeLook = { bucket: 50, charging: false, low: false, stale: false, error: false };

function px(p: Pixels, x: number, y: number): number[] {
  const i = (y * p.width + x) * 4;
  return Array.from(p.data.subarray(i, i + 4));
}

function count(p: Pixels, color: readonly number[], r: Rect = { x0: 0, y0: 0, x1: p.width - 1, y1: p.height - 1 }): number {
  let n = 0;
  for (let y = r.y0; y <= r.y1; y++) for (let x = r.x0; x <= r.x1; x++) if (px(p, x, y).join() === color.join()) n++;
  return n;
}

describe('gauge painter', () => {
  it.each([16, 22, 32, 64])('fills the interior in proportion to the level at %i px', (size) => {
    const g = gaugeGeometry(size);
    const iw = g.interior.x1 - g.interior.x0 + 1;
    const ih = g.interior.y1 - g.interior.y0 + 1;
    for (let bucket = 0; bucket <= 100; bucket += 5) {
      const p = paintGauge({ ...base, bucket }, size, 'dark');
      const filled = count(p, GAUGE_COLORS.fill, g.interior);
      const ratio = filled / (iw * ih);
      // Within one pixel column of the exact level, and never empty above 0.
      expect(Math.abs(ratio - bucket / 100)).toBeLessThanOrEqual(1 / iw + 1e-9);
      if (bucket > 0) expect(filled).toBeGreaterThan(0);
      else expect(filled).toBe(0);
    }
  });

  it('fills columns from the left, whole rows at a time', () => {
    const p = paintGauge({ ...base, bucket: 40 }, 32, 'dark');
    const g = gaugeGeometry(32);
    const w = fillWidth(g.interior.x1 - g.interior.x0 + 1, 40);
    for (let y = g.interior.y0; y <= g.interior.y1; y++) {
      expect(px(p, g.interior.x0, y)).toEqual([...GAUGE_COLORS.fill]);
      expect(px(p, g.interior.x0 + w - 1, y)).toEqual([...GAUGE_COLORS.fill]);
      expect(px(p, g.interior.x0 + w, y)[3]).toBe(0);
    }
  });

  it('draws a full gauge at 100 and an empty one at 0 and when unknown', () => {
    const g = gaugeGeometry(16);
    const area = (g.interior.x1 - g.interior.x0 + 1) * (g.interior.y1 - g.interior.y0 + 1);
    expect(count(paintGauge({ ...base, bucket: 100 }, 16, 'light'), GAUGE_COLORS.fill, g.interior)).toBe(area);
    expect(count(paintGauge({ ...base, bucket: 0 }, 16, 'light'), GAUGE_COLORS.fill, g.interior)).toBe(0);
    expect(count(paintGauge({ ...base, bucket: null }, 16, 'light'), GAUGE_COLORS.fill, g.interior)).toBe(0);
  });

  it('uses the outline colour for the background it sits on', () => {
    expect(px(paintGauge(base, 16, 'dark'), 0, gaugeGeometry(16).body.y0)).toEqual([...GAUGE_COLORS.outlineOnDark]);
    expect(px(paintGauge(base, 16, 'light'), 0, gaugeGeometry(16).body.y0)).toEqual([...GAUGE_COLORS.outlineOnLight]);
  });

  it('turns the fill red under the low threshold', () => {
    const p = paintGauge({ ...base, bucket: 15, low: true }, 32, 'dark');
    expect(count(p, GAUGE_COLORS.low)).toBeGreaterThan(0);
    expect(count(p, GAUGE_COLORS.fill)).toBe(0);
  });

  it.each([16, 32])('draws a charging bolt at %i px, and none when not charging', (size) => {
    const g = gaugeGeometry(size);
    const outline = GAUGE_COLORS.outlineOnDark;
    const plain = count(paintGauge(base, size, 'dark'), outline, g.interior);
    const charging = count(paintGauge({ ...base, charging: true }, size, 'dark'), outline, g.interior);
    expect(plain).toBe(0);
    expect(charging).toBeGreaterThanOrEqual(size / 2);
  });

  it('cuts the bolt out of a template image', () => {
    const g = gaugeGeometry(32);
    const full = { ...base, bucket: 100 };
    const holes = (p: Pixels) => count(p, [0, 0, 0, 0], g.interior);
    expect(holes(paintGauge(full, 32, 'template'))).toBe(0);
    expect(holes(paintGauge({ ...full, charging: true }, 32, 'template'))).toBeGreaterThan(8);
  });

  it('greys a stale gauge and marks it with a slash', () => {
    const p = paintGauge({ ...base, stale: true }, 32, 'dark');
    expect(count(p, GAUGE_COLORS.fill)).toBe(0);
    expect(count(p, GAUGE_COLORS.grey)).toBeGreaterThan(50);
    // The slash is drawn in the mark colour across the body.
    expect(count(p, GAUGE_COLORS.outlineOnDark)).toBeGreaterThan(10);
  });

  it('dims a stale template image instead of colouring it', () => {
    const p = paintGauge({ ...base, stale: true }, 32, 'template');
    expect(count(p, GAUGE_COLORS.templateDim)).toBeGreaterThan(50);
  });

  it('adds a red error mark', () => {
    const plain = paintGauge({ ...base, bucket: 100 }, 16, 'dark');
    const failed = paintGauge({ ...base, bucket: 100, error: true }, 16, 'dark');
    expect(count(plain, GAUGE_COLORS.error)).toBe(0);
    expect(count(failed, GAUGE_COLORS.error)).toBeGreaterThanOrEqual(8);
  });

  it('uses template images on macOS except when red must show', () => {
    expect(gaugeTheme('darwin', base, true)).toBe('template');
    expect(gaugeTheme('darwin', { ...base, low: true }, true)).toBe('dark');
    expect(gaugeTheme('darwin', { ...base, error: true }, false)).toBe('light');
    expect(gaugeTheme('win32', base, false)).toBe('light');
    expect(gaugeTheme('linux', base, true)).toBe('dark');
  });

  it('asks for 16/32 px on macOS and Windows and one rep at the largest scale on Linux', () => {
    expect(gaugeSizes('win32', 2)).toEqual([
      { scaleFactor: 1, size: 16 },
      { scaleFactor: 2, size: 32 },
    ]);
    expect(gaugeSizes('linux', 2)).toEqual([{ scaleFactor: 2, size: 44 }]);
    expect(gaugeSizes('linux', 0.5)).toEqual([{ scaleFactor: 1, size: 22 }]);
  });

  it('keys images by exactly what they show', () => {
    expect(gaugeKey(base, 'dark')).toBe(gaugeKey({ ...base }, 'dark'));
    expect(gaugeKey(base, 'dark')).not.toBe(gaugeKey(base, 'light'));
    expect(gaugeKey(base, 'dark')).not.toBe(gaugeKey({ ...base, charging: true }, 'dark'));
    expect(gaugeKey(base, 'dark')).not.toBe(gaugeKey({ ...base, bucket: 55 }, 'dark'));
  });

  it('encodes a valid PNG that round-trips the pixels', () => {
    const p = paintGauge({ ...base, charging: true }, 16, 'dark');
    const png = encodePng(p);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(16);
    const idatLen = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('latin1')).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLen));
    expect(raw.length).toBe((16 * 4 + 1) * 16);
    expect(Array.from(raw.subarray(1 + 5 * 65, 1 + 5 * 65 + 64))).toEqual(Array.from(p.data.subarray(5 * 64, 6 * 64)));
  });
});
