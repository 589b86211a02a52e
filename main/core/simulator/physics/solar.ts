// Clear-sky solar curve from the sun's elevation at a site, dimmed by slowly
// drifting clouds. Zero whenever the sun is below the horizon.
import { smoothNoise } from './noise';

export interface SolarSite {
  /** Degrees north. */
  latitude: number;
  /** Degrees east. */
  longitude: number;
  /** Panel output at full sun overhead, W. */
  peakWatts: number;
}

const DEG = Math.PI / 180;
const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.2422;

/** Sine of the sun's elevation at epoch ms t (simple declination + hour-angle model). */
export function sunElevationSin(t: number, site: SolarSite): number {
  // Days since 2000-01-01 folded into a tropical year (no Date objects: this runs millions of times).
  const dayOfYear = ((((t / DAY_MS - 10957) % YEAR_DAYS) + YEAR_DAYS) % YEAR_DAYS);
  const decl = -23.44 * DEG * Math.cos((2 * Math.PI * (dayOfYear + 10)) / YEAR_DAYS);
  const utcHours = (((t % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000;
  const solarHours = utcHours + site.longitude / 15;
  const hourAngle = (solarHours - 12) * 15 * DEG;
  const lat = site.latitude * DEG;
  return Math.sin(lat) * Math.sin(decl) + Math.cos(lat) * Math.cos(decl) * Math.cos(hourAngle);
}

/** Cloud transmission 0.25–1, changing over tens of minutes. */
export function cloudFactor(t: number, seed: number): number {
  const slow = smoothNoise(seed, t, 3 * 3_600_000);
  const fast = smoothNoise(seed + 1, t, 20 * 60_000);
  const cover = Math.max(0, slow * 1.3 - 0.35) * (0.6 + 0.4 * fast);
  return Math.max(0.25, 1 - cover);
}

/** Integer watts from the panels at time t. */
export function solarWatts(t: number, site: SolarSite, seed: number): number {
  const s = sunElevationSin(t, site);
  if (s <= 0) return 0;
  // Low sun loses more to the atmosphere and the panel angle.
  const clearSky = site.peakWatts * Math.pow(s, 1.15);
  return Math.round(clearSky * cloudFactor(t, seed));
}
