// One simulated device as the cloud sees it: identity, online flag, the
// physics, the last snapshot the cloud holds (quota/all answers from it, so an
// offline device keeps returning stale values) and the baseline for MQTT diffs.
import { delta2Quota } from './physics/delta-2-quota';
import { deltaProQuota } from './physics/delta-pro-quota';
import { seedOf, unit } from './physics/noise';
import { PowerStation, type StationOptions } from './physics/power-station';
import { PROFILES, type SimFamily } from './physics/profiles';
import type { QuotaMap, QuotaValue } from './physics/quota-common';

export interface SimDeviceSpec {
  family: SimFamily;
  /** Default: the family prefix plus seeded characters (16 in all). */
  sn?: string;
  deviceName?: string;
  /** false: every call for it answers 1006 (model not opened to the developer API). */
  allowed?: boolean;
  online?: boolean;
  initialSoc?: number;
  site?: StationOptions['site'];
}

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

export function defaultSerial(family: SimFamily, seed: number, index: number): string {
  const prefix = PROFILES[family].snPrefix;
  let sn = prefix;
  for (let i = 0; sn.length < 16; i++) sn += ALNUM[Math.floor(unit(seed + index * 131, 500 + i) * ALNUM.length)];
  return sn;
}

export function quotaOf(st: PowerStation): QuotaMap {
  return st.profile.family === 'delta-pro' ? deltaProQuota(st) : delta2Quota(st);
}

function sameValue(a: QuotaValue | undefined, b: QuotaValue): boolean {
  if (a === b) return true;
  return Array.isArray(a) && Array.isArray(b) && JSON.stringify(a) === JSON.stringify(b);
}

export class SimDevice {
  readonly sn: string;
  readonly family: SimFamily;
  readonly productName: string;
  readonly deviceName: string;
  readonly station: PowerStation;
  allowed: boolean;
  online: boolean;
  stalled = false;
  #cloudView: QuotaMap;
  #pushed: QuotaMap = {};

  constructor(spec: SimDeviceSpec, seed: number, index: number, startMs: number) {
    this.family = spec.family;
    this.sn = spec.sn ?? defaultSerial(spec.family, seed, index);
    this.productName = PROFILES[spec.family].productName;
    this.deviceName = spec.deviceName ?? `${this.productName}-${this.sn.slice(-4)}`;
    this.allowed = spec.allowed ?? true;
    this.online = spec.online ?? true;
    this.station = new PowerStation({
      family: spec.family,
      seed: seedOf(seed, this.sn),
      startMs,
      ...(spec.initialSoc !== undefined ? { initialSoc: spec.initialSoc } : {}),
      ...(spec.site ? { site: spec.site } : {}),
    });
    this.#cloudView = quotaOf(this.station);
  }

  /** The device's present keys (what it would push now). */
  quota(): QuotaMap {
    return quotaOf(this.station);
  }

  /** What quota/all answers: the last snapshot the cloud received. */
  cloudView(): QuotaMap {
    return this.#cloudView;
  }

  /** The device reported in: the cloud's snapshot becomes the present state. */
  syncCloud(): QuotaMap {
    this.#cloudView = this.quota();
    return this.#cloudView;
  }

  /** Keys that changed since the last push (all keys after resetPushBaseline), and remembers them. */
  takeChanges(): QuotaMap {
    const now = this.#cloudView;
    const changed: QuotaMap = {};
    for (const [k, v] of Object.entries(now)) if (!sameValue(this.#pushed[k], v)) changed[k] = v;
    this.#pushed = now;
    return changed;
  }

  /** The next push carries every key (device reconnected). */
  resetPushBaseline(): void {
    this.#pushed = {};
  }
}
