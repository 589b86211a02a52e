// The simulated models: pack sizes, panel size and household size per family.
import type { PackSpec } from './battery';

export type SimFamily = 'delta-pro' | 'delta-2';

export interface StationProfile {
  readonly family: SimFamily;
  readonly productName: string;
  readonly snPrefix: string;
  readonly packs: readonly PackSpec[];
  /** Panel watts in full overhead sun. */
  readonly solarPeakWatts: number;
  /** The MPPT input limit. */
  readonly mpptMaxWatts: number;
  /** Multiplier on the household loads. */
  readonly loadScale: number;
  /** Default AC charging watts (inv.cfgSlowChgWatts / mppt.cfgChgWatts). */
  readonly acChargeWatts: number;
}

export const PROFILES: Readonly<Record<SimFamily, StationProfile>> = {
  'delta-pro': {
    family: 'delta-pro',
    productName: 'DELTA Pro',
    snPrefix: 'DCABZ',
    // The built-in pack and one extra battery (bmsSlave1), 15 LFP cells each.
    packs: [
      { designCapMah: 80000, fullCapMah: 76000, cells: 15, cycles: 41 },
      { designCapMah: 80000, fullCapMah: 75200, cells: 15, cycles: 37 },
    ],
    solarPeakWatts: 1600,
    mpptMaxWatts: 1600,
    loadScale: 1,
    acChargeWatts: 400,
  },
  'delta-2': {
    family: 'delta-2',
    productName: 'DELTA 2',
    snPrefix: 'R331',
    packs: [{ designCapMah: 20000, fullCapMah: 19600, cells: 16, cycles: 112 }],
    solarPeakWatts: 500,
    mpptMaxWatts: 500,
    loadScale: 0.5,
    acChargeWatts: 500,
  },
};
