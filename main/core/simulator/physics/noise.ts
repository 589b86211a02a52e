// Deterministic noise: every value is a pure function of (seed, key), so the
// simulated world depends only on the seed and the time, never on step sizes
// or on how often it was sampled.

/** 32-bit integer hash of a seed and one integer key (splitmix-style mixing). */
export function hash32(seed: number, key: number): number {
  let h = (seed ^ Math.imul(key | 0, 0x9e3779b1) ^ Math.imul((key / 4294967296) | 0, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Uniform in [0, 1) for (seed, key). */
export function unit(seed: number, key: number): number {
  return hash32(seed, key) / 4294967296;
}

/** Smooth value noise in [0, 1): cosine interpolation between per-bucket random values. */
export function smoothNoise(seed: number, t: number, periodMs: number): number {
  const x = t / periodMs;
  const i = Math.floor(x);
  const f = x - i;
  const a = unit(seed, i);
  const b = unit(seed, i + 1);
  const w = (1 - Math.cos(f * Math.PI)) / 2;
  return a + (b - a) * w;
}

/** A string seed (e.g. a serial number) folded into a number. */
export function seedOf(...parts: (string | number)[]): number {
  let h = 2166136261;
  for (const ch of parts.join('|')) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}
