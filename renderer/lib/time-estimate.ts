// Minutes to full / to empty for the dashboard. The device reports its own
// figure, but it is often wild (it jumps with every load change and counts
// to 0 % rather than to the discharge limit), so we smooth recent net power
// and count to the charge / discharge limit, and take the device's figure
// only when it agrees with ours well enough to be believed.

export interface PowerSample {
  ts: number;
  /** Net power into the battery, W (input minus output). */
  netWatts: number;
}

export interface EstimateInput {
  socPercent: number | null;
  /** Usable full capacity, Wh. */
  capacityWh: number | null;
  chargeLimitPercent: number | null;
  dischargeLimitPercent: number | null;
  /** Recent samples, any order; the smoothing weights recent ones more. */
  samples: readonly PowerSample[];
  deviceMinutesToFull: number | null;
  deviceMinutesToEmpty: number | null;
  now: number;
}

export type EstimateDirection = 'charging' | 'discharging' | 'idle';

export interface Estimate {
  direction: EstimateDirection;
  /** null when it cannot be known (no capacity, no samples). */
  minutes: number | null;
  source: 'device' | 'estimate' | 'none';
  smoothedWatts: number | null;
}

/** Net power below this magnitude is "idle" (standby draw, sensor noise). */
export const IDLE_WATTS = 5;
/** Smoothing time constant: samples older than a few of these barely count. */
export const SMOOTHING_TAU_MS = 5 * 60_000;
const MAX_SANE_MINUTES = 14 * 24 * 60;

/** Time-weighted exponential average of net power, favouring the last few minutes. */
export function smoothNetWatts(samples: readonly PowerSample[], now: number, tauMs = SMOOTHING_TAU_MS): number | null {
  let weighted = 0;
  let total = 0;
  for (const s of samples) {
    if (!Number.isFinite(s.netWatts) || s.ts > now) continue;
    const w = Math.exp(-(now - s.ts) / tauMs);
    weighted += w * s.netWatts;
    total += w;
  }
  return total > 1e-9 ? weighted / total : null;
}

/** The device's figure is believed when it is positive, bounded, and within 2x of our own estimate. */
export function isSaneDeviceMinutes(device: number | null, ours: number | null): device is number {
  if (device === null || !Number.isFinite(device) || device <= 0 || device > MAX_SANE_MINUTES) return false;
  if (ours === null) return true;
  const ratio = device / Math.max(ours, 1);
  return ratio >= 0.5 && ratio <= 2;
}

export function estimateMinutes(input: EstimateInput): Estimate {
  const watts = smoothNetWatts(input.samples, input.now);
  if (watts === null || Math.abs(watts) < IDLE_WATTS) return { direction: 'idle', minutes: null, source: 'none', smoothedWatts: watts };
  const charging = watts > 0;
  const direction: EstimateDirection = charging ? 'charging' : 'discharging';
  const soc = input.socPercent;
  let ours: number | null = null;
  if (soc !== null && input.capacityWh !== null && input.capacityWh > 0) {
    const target = charging ? (input.chargeLimitPercent ?? 100) : (input.dischargeLimitPercent ?? 0);
    const percentLeft = charging ? Math.max(0, target - soc) : Math.max(0, soc - target);
    ours = ((percentLeft / 100) * input.capacityWh * 60) / Math.abs(watts);
  }
  const device = charging ? input.deviceMinutesToFull : input.deviceMinutesToEmpty;
  if (isSaneDeviceMinutes(device, ours)) return { direction, minutes: device, source: 'device', smoothedWatts: watts };
  if (ours !== null) return { direction, minutes: ours, source: 'estimate', smoothedWatts: watts };
  return { direction, minutes: null, source: 'none', smoothedWatts: watts };
}

/** Usable capacity from the pack's reported full capacity and voltage, Wh. */
export function capacityWhOf(fullCapacityAh: number | null, batteryVolts: number | null): number | null {
  if (fullCapacityAh === null || batteryVolts === null || fullCapacityAh <= 0 || batteryVolts <= 0) return null;
  return fullCapacityAh * batteryVolts;
}
