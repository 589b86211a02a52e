// Regenerates the committed icons from the same pure painter the tray uses:
//   npx tsx build/generate-icons.ts
// build/icon.png (1024 px; electron-builder derives .icns/.ico from it).
// The tray icon itself is painted at run time (main/tray/gauge-image.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paintGauge, type Pixels } from '../main/tray/gauge-painter';
import { encodePng } from '../main/tray/png-encode';

const here = import.meta.dirname;
const TILE: readonly [number, number, number] = [28, 32, 38];

/** The gauge centred on a rounded dark tile, for the app icon. */
function appIcon(size: number): Pixels {
  const data = new Uint8ClampedArray(size * size * 4);
  const radius = size * 0.2;
  const margin = Math.round(size * 0.06);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const dx = Math.max(margin + radius - x - 0.5, 0, x + 0.5 - (size - margin - radius));
      const dy = Math.max(margin + radius - y - 0.5, 0, y + 0.5 - (size - margin - radius));
      if (Math.hypot(dx, dy) <= radius) data.set([...TILE, 255], (y * size + x) * 4);
    }
  }
  const inner = Math.round(size * 0.7);
  const gauge = paintGauge({ bucket: 75, charging: true, low: false, stale: false, error: false }, inner, 'dark');
  const offset = Math.round((size - inner) / 2);
  for (let y = 0; y < inner; y++) {
    for (let x = 0; x < inner; x++) {
      const src = (y * inner + x) * 4;
      if (gauge.data[src + 3] === 0) continue;
      data.set(gauge.data.subarray(src, src + 4), ((y + offset) * size + x + offset) * 4);
    }
  }
  return { width: size, height: size, data };
}

writeFileSync(join(here, 'icon.png'), encodePng(appIcon(1024)));
console.log('icon written to', join(here, 'icon.png'));
