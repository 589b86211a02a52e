// The physics of one power station: solar and loads from pure time functions,
// energy moved into or out of the packs each step, charge and discharge limits
// respected, and a true energy ledger (no hidden losses: the battery changes by
// exactly what came in minus what went out, so tests can check a ledger).
import { createPack, moveEnergy, packSoc, type Pack } from './battery';
import { loadWatts, type LoadWatts } from './loads';
import { seedOf, unit } from './noise';
import { PROFILES, type SimFamily, type StationProfile } from './profiles';
import { solarWatts, type SolarSite } from './solar';

export interface StationSettings {
  acEnabled: boolean;
  xboost: boolean;
  dcEnabled: boolean;
  carEnabled: boolean;
  /** Charge limit, % (50–100). */
  maxChargeSoc: number;
  /** Discharge limit, % (0–30). */
  minDsgSoc: number;
  acChargeWatts: number;
  beepOff: boolean;
}

/** Integer watts per channel: the household loads' outputs plus the inputs and the 12 V port. */
export interface Flows extends LoadWatts {
  solar: number;
  acIn: number;
  carIn: number;
  dc12v: number;
}

/** Energy that truly flowed since the start, Wh. */
export interface EnergyLedger {
  solarInWh: number;
  acInWh: number;
  dcInWh: number;
  acOutWh: number;
  dcOutWh: number;
  totalInWh: number;
  totalOutWh: number;
  /** Stored energy now minus at the start (= totalIn − totalOut). */
  batteryDeltaWh: number;
}

export interface StationOptions {
  family: SimFamily;
  seed: number;
  startMs: number;
  site?: Partial<SolarSite>;
  /** Combined state of charge at the start, 0–1 (default: seeded 55–80 %). */
  initialSoc?: number;
  /** Grid charging starts below this %, stops at acChargeStopSoc (a generator or shore power). */
  acChargeBelowSoc?: number;
  acChargeStopSoc?: number;
}

const MAX_SUBSTEP_MS = 60_000;
const DEFAULT_SITE: SolarSite = { latitude: 60.17, longitude: 24.94, peakWatts: 0 };

export function dcOutWatts(f: Flows): number {
  return f.usb1 + f.usb2 + f.qcUsb1 + f.qcUsb2 + f.typec1 + f.typec2 + f.carOut + f.dc12v;
}
export const inWatts = (f: Flows): number => f.solar + f.acIn + f.carIn;
export const outWatts = (f: Flows): number => f.acOut + dcOutWatts(f);

export class PowerStation {
  readonly profile: StationProfile;
  readonly seed: number;
  readonly site: SolarSite;
  readonly packs: Pack[];
  readonly settings: StationSettings;
  timeMs: number;
  flows: Flows;
  readonly #ledger = { solarInWh: 0, acInWh: 0, dcInWh: 0, acOutWh: 0, dcOutWh: 0 };
  readonly #startStoredWh: number;
  readonly #acBelow: number;
  readonly #acStop: number;
  #acCharging = false;
  #outputsShed = false;

  constructor(opts: StationOptions) {
    this.profile = PROFILES[opts.family];
    this.seed = opts.seed >>> 0;
    this.site = { ...DEFAULT_SITE, peakWatts: this.profile.solarPeakWatts, ...opts.site };
    const soc = opts.initialSoc ?? 0.55 + 0.25 * unit(this.seed, 1);
    this.packs = this.profile.packs.map((spec, i) => createPack(spec, Math.min(1, Math.max(0, soc + (i ? -0.03 : 0.02)))));
    this.settings = {
      acEnabled: true,
      xboost: true,
      dcEnabled: true,
      carEnabled: true,
      maxChargeSoc: 100,
      minDsgSoc: 5,
      acChargeWatts: this.profile.acChargeWatts,
      beepOff: false,
    };
    this.#acBelow = (opts.acChargeBelowSoc ?? 20) / 100;
    this.#acStop = (opts.acChargeStopSoc ?? 60) / 100;
    this.timeMs = opts.startMs;
    this.#startStoredWh = this.storedWh();
    this.flows = this.#computeFlows();
  }

  storedWh(): number {
    return this.packs.reduce((a, p) => a + p.energyWh, 0);
  }

  capacityWh(): number {
    return this.packs.reduce((a, p) => a + p.capacityWh, 0);
  }

  /** Combined state of charge 0–1 (capacity-weighted, like ems.f32LcdShowSoc). */
  soc(): number {
    return this.storedWh() / this.capacityWh();
  }

  packSoc(i: number): number {
    const p = this.packs[i];
    return p ? packSoc(p) : 0;
  }

  /** Battery watts (+ charging) over the last step. */
  batteryWatts(): number {
    return this.packs.reduce((a, p) => a + p.watts, 0);
  }

  /** The running per-channel totals (live, read-only; cheaper than ledger()). */
  get flowedWh(): Readonly<{ solarInWh: number; acInWh: number; dcInWh: number; acOutWh: number; dcOutWh: number }> {
    return this.#ledger;
  }

  ledger(): EnergyLedger {
    const l = this.#ledger;
    const totalInWh = l.solarInWh + l.acInWh + l.dcInWh;
    const totalOutWh = l.acOutWh + l.dcOutWh;
    return { ...l, totalInWh, totalOutWh, batteryDeltaWh: this.storedWh() - this.#startStoredWh };
  }

  /** Advances time by dtMs (in sub-steps of at most a minute) and returns this station. */
  step(dtMs: number): this {
    let left = Math.max(0, dtMs);
    while (left > 0) {
      const sub = Math.min(left, MAX_SUBSTEP_MS);
      this.#advance(sub);
      left -= sub;
    }
    return this;
  }

  /** Recomputes the flows now (after a setting changed) without moving time. */
  refresh(): void {
    this.flows = this.#computeFlows();
  }

  #advance(dtMs: number): void {
    const h = dtMs / 3_600_000;
    const f = this.flows;
    const inWh = inWatts(f) * h;
    const outWh = outWatts(f) * h;
    const cap = this.capacityWh();
    const stored = this.storedWh();
    let want = inWh - outWh;
    if (want > 0) want = Math.min(want, Math.max(0, (this.settings.maxChargeSoc / 100) * cap - stored));
    else if (want < 0) want = -Math.min(-want, Math.max(0, stored - (this.settings.minDsgSoc / 100) * cap));
    const moved = moveEnergy(this.packs, want, dtMs);
    // Whatever could not be stored was never drawn from the panels/grid; whatever could not be
    // delivered was never taken by the loads (the device curtails or sheds them).
    const actualIn = moved >= 0 ? Math.min(inWh, outWh + moved) : inWh;
    const actualOut = moved >= 0 ? Math.min(outWh, actualIn - moved) : Math.min(outWh, inWh - moved);
    const kIn = inWh > 0 ? actualIn / inWh : 0;
    const kOut = outWh > 0 ? actualOut / outWh : 0;
    const l = this.#ledger;
    l.solarInWh += f.solar * h * kIn;
    l.acInWh += f.acIn * h * kIn;
    l.dcInWh += f.carIn * h * kIn;
    l.acOutWh += f.acOut * h * kOut;
    l.dcOutWh += dcOutWatts(f) * h * kOut;
    this.timeMs += dtMs;
    this.flows = this.#computeFlows();
  }

  #computeFlows(): Flows {
    const s = this.settings;
    const soc = this.soc();
    const t = this.timeMs;
    const loads = loadWatts(this.seed, t, this.site.longitude, this.profile.loadScale);
    const floor = s.minDsgSoc / 100;
    if (soc <= floor + 1e-4) this.#outputsShed = true;
    else if (soc > floor + 0.01) this.#outputsShed = false;
    const shed = this.#outputsShed;
    const dcOn = s.dcEnabled && !shed;
    const f: Flows = {
      solar: Math.min(this.profile.mpptMaxWatts, solarWatts(t, this.site, seedOf(this.seed, 'sun'))),
      acIn: 0,
      carIn: 0,
      acOut: s.acEnabled && !shed ? loads.acOut : 0,
      usb1: dcOn ? loads.usb1 : 0,
      usb2: dcOn ? loads.usb2 : 0,
      qcUsb1: dcOn ? loads.qcUsb1 : 0,
      qcUsb2: dcOn ? loads.qcUsb2 : 0,
      typec1: dcOn ? loads.typec1 : 0,
      typec2: dcOn ? loads.typec2 : 0,
      carOut: s.carEnabled && !shed ? loads.carOut : 0,
      dc12v: 0,
    };
    const limit = s.maxChargeSoc / 100;
    if (soc < this.#acBelow) this.#acCharging = true;
    if (soc >= Math.min(this.#acStop, limit) - 1e-4) this.#acCharging = false;
    if (this.#acCharging) f.acIn = s.acChargeWatts;
    if (soc >= limit - 1e-4) {
      // At the charge limit the MPPT only covers the loads and grid charging stops.
      f.acIn = 0;
      f.solar = Math.min(f.solar, outWatts(f));
    }
    return f;
  }
}
