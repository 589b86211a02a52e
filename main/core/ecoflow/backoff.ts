// Exponential backoff with jitter, 1 s → 5 min (spec §4.5).
export class Backoff {
  #attempt = 0;
  readonly #minMs: number;
  readonly #maxMs: number;
  readonly #random: () => number;

  constructor(opts: { minMs?: number; maxMs?: number; random?: () => number } = {}) {
    this.#minMs = opts.minMs ?? 1_000;
    this.#maxMs = opts.maxMs ?? 300_000;
    this.#random = opts.random ?? Math.random;
  }

  /** The next delay: half fixed, half random ("equal jitter"), so clients spread out but never retry at once. */
  next(): number {
    const base = Math.min(this.#maxMs, this.#minMs * 2 ** this.#attempt);
    if (base < this.#maxMs) this.#attempt++;
    return Math.max(this.#minMs, Math.round(base / 2 + (this.#random() * base) / 2));
  }

  reset(): void {
    this.#attempt = 0;
  }
}
