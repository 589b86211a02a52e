// LiFePO4 pack: stored energy in Wh, cell voltage from a flat-plateau curve,
// capacity in mAh as the BMS reports it.

export interface PackSpec {
  designCapMah: number;
  fullCapMah: number;
  cells: number;
  cycles: number;
}

export interface Pack {
  readonly spec: PackSpec;
  /** Usable energy at 100 %, Wh (full capacity at the nominal 3.2 V per cell). */
  readonly capacityWh: number;
  energyWh: number;
  /** Watts into the pack over the last step (+ charging). */
  watts: number;
  /** Energy taken out since the start, for the cycle counter. */
  dischargedWh: number;
}

export const NOMINAL_CELL_V = 3.2;

export function createPack(spec: PackSpec, soc: number): Pack {
  const capacityWh = (spec.fullCapMah / 1000) * NOMINAL_CELL_V * spec.cells;
  return { spec, capacityWh, energyWh: capacityWh * soc, watts: 0, dischargedWh: 0 };
}

export function packSoc(p: Pack): number {
  return p.energyWh / p.capacityWh;
}

/** Open-circuit cell volts for a state of charge 0–1 (LFP: steep ends, flat middle). */
export function cellOcv(soc: number): number {
  if (soc < 0.1) return 2.95 + 2.5 * soc;
  if (soc > 0.95) return 3.36 + 2.0 * (soc - 0.95);
  return 3.2 + (0.16 * (soc - 0.1)) / 0.85;
}

/** Pack volts under load: OCV plus a small internal-resistance term. */
export function packVolts(p: Pack): number {
  const ocv = cellOcv(packSoc(p)) * p.spec.cells;
  const amps = p.watts / ocv;
  return ocv + amps * 0.012;
}

export function packAmps(p: Pack): number {
  return p.watts / packVolts(p);
}

/**
 * Moves `wh` (+ in, − out) into the packs over dtMs: the emptier pack takes more charge and the fuller one
 * gives more, never past empty or full. Sets each pack's watts; returns the energy actually moved.
 */
export function moveEnergy(packs: readonly Pack[], wh: number, dtMs: number): number {
  const movedPer = packs.map(() => 0);
  let left = wh;
  for (let round = 0; round < 3 && Math.abs(left) > 1e-9; round++) {
    const room = packs.map((p) => (left > 0 ? p.capacityWh - p.energyWh : p.energyWh));
    const weights = packs.map((p, i) => ((room[i] ?? 0) > 1e-9 ? (room[i] ?? 0) + 0.05 * p.capacityWh : 0));
    const total = weights.reduce((a, b) => a + b, 0);
    if (total === 0) break;
    let moved = 0;
    packs.forEach((p, i) => {
      const share = Math.sign(left) * Math.min((Math.abs(left) * (weights[i] ?? 0)) / total, room[i] ?? 0);
      p.energyWh += share;
      if (share < 0) p.dischargedWh -= share;
      movedPer[i] = (movedPer[i] ?? 0) + share;
      moved += share;
    });
    left -= moved;
  }
  const hours = dtMs / 3_600_000;
  packs.forEach((p, i) => (p.watts = hours > 0 ? (movedPer[i] ?? 0) / hours : 0));
  return wh - left;
}
