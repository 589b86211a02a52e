// Retry delays: doubling from minMs to maxMs, with ±20 % jitter so several
// installations that lost the same server do not reconnect in lockstep.
export interface BackoffOptions {
  minMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { minMs: 1000, maxMs: 5 * 60_000 };

export class Backoff {
  #attempt = 0;
  constructor(
    private readonly opts: BackoffOptions = DEFAULT_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {}

  /** Delay before the next attempt; each call doubles the base up to maxMs. */
  next(): number {
    const base = Math.min(this.opts.maxMs, this.opts.minMs * 2 ** Math.min(this.#attempt, 30));
    this.#attempt++;
    const jittered = base * (0.8 + 0.4 * this.random());
    return Math.round(Math.min(this.opts.maxMs, Math.max(this.opts.minMs, jittered)));
  }

  reset(): void {
    this.#attempt = 0;
  }
}
