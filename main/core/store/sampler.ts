// Turns the stream of merged device states into stored readings: per device at
// most one reading per sampleSeconds, and at once when the headline SoC
// changes. A reading that arrives inside the interval waits as "pending" and is
// stored when the interval ends, unless a newer one replaces it first. So each
// offered reading is stored once or not at all, never twice.
//
// Writes are batched: readings due are queued and written in one transaction
// after batchMs (or as soon as batchSize are queued). Durability guarantee: a
// reading is durable once its batch committed (≤ batchMs after it was due;
// WAL + synchronous=NORMAL keep commits across a process kill). A SIGKILL
// therefore loses only the readings of the open batch — with the default 10 s
// interval that is at most the one reading per device being written — plus
// pending values that were not yet due. The database stays consistent: a batch
// and its rollups commit together or not at all.
import type { Reading } from '../../../common/reading';
import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../logger';

export interface ReadingSink {
  insert(readings: readonly Reading[]): number[];
}

export interface SamplerOptions {
  store: ReadingSink;
  clock: Clock;
  logger: Logger;
  /** Minimum spacing of stored readings per device; 0 stores every offered reading. */
  sampleSeconds?: number;
  batchMs?: number;
  batchSize?: number;
  /** Readings kept for retry while the database refuses writes; the oldest are dropped beyond this. */
  maxQueued?: number;
}

export interface SamplerStats {
  offered: number;
  stored: number;
  /** Replaced by a newer reading inside the sample interval (by design). */
  superseded: number;
  writeErrors: number;
  /** Lost because writes kept failing and the retry queue was full. */
  dropped: number;
}

interface DeviceSampling {
  lastQueuedAt: number | null;
  lastSoc: number | null;
  pending: Reading | null;
  timer: TimerHandle | null;
}

export class Sampler {
  readonly #store: ReadingSink;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #intervalMs: number;
  readonly #batchMs: number;
  readonly #batchSize: number;
  readonly #maxQueued: number;
  readonly #devices = new Map<string, DeviceSampling>();
  #queue: Reading[] = [];
  #writeTimer: TimerHandle | null = null;
  #lastError: string | null = null;
  readonly #stats: SamplerStats = { offered: 0, stored: 0, superseded: 0, writeErrors: 0, dropped: 0 };

  constructor(opts: SamplerOptions) {
    this.#store = opts.store;
    this.#clock = opts.clock;
    this.#log = opts.logger;
    this.#intervalMs = Math.max(0, (opts.sampleSeconds ?? 10) * 1000);
    this.#batchMs = opts.batchMs ?? 250;
    this.#batchSize = opts.batchSize ?? 500;
    this.#maxQueued = opts.maxQueued ?? 100_000;
  }

  /** Called with every merged device state. */
  offer(reading: Reading): void {
    this.#stats.offered++;
    let d = this.#devices.get(reading.sn);
    if (!d) {
      d = { lastQueuedAt: null, lastSoc: null, pending: null, timer: null };
      this.#devices.set(reading.sn, d);
    }
    const now = this.#clock.now();
    const socChanged = reading.socPercent !== null && reading.socPercent !== d.lastSoc;
    if (d.lastQueuedAt === null || now - d.lastQueuedAt >= this.#intervalMs || socChanged) {
      if (d.pending) this.#stats.superseded++;
      this.#take(d, reading);
      return;
    }
    if (d.pending) this.#stats.superseded++;
    d.pending = reading;
    d.timer ??= this.#clock.setTimeout(() => {
      d.timer = null;
      if (d.pending) this.#take(d, d.pending);
    }, d.lastQueuedAt + this.#intervalMs - now);
  }

  #take(d: DeviceSampling, r: Reading): void {
    d.timer?.cancel();
    d.timer = null;
    d.pending = null;
    d.lastQueuedAt = this.#clock.now();
    if (r.socPercent !== null) d.lastSoc = r.socPercent;
    this.#queue.push(r);
    if (this.#queue.length >= this.#batchSize) this.#write();
    else this.#writeTimer ??= this.#clock.setTimeout(() => this.#write(), this.#batchMs);
  }

  #write(): void {
    this.#writeTimer?.cancel();
    this.#writeTimer = null;
    if (this.#queue.length === 0) return;
    const batch = this.#queue;
    this.#queue = [];
    try {
      this.#stats.stored += this.#store.insert(batch).length;
      this.#lastError = null;
    } catch (e) {
      this.#stats.writeErrors++;
      const msg = e instanceof Error ? e.message : String(e);
      if (msg !== this.#lastError) this.#log.error(`Could not store ${batch.length} readings in the local database; will retry: ${msg}`);
      this.#lastError = msg;
      this.#queue = batch.concat(this.#queue);
      const excess = this.#queue.length - this.#maxQueued;
      if (excess > 0) {
        this.#queue.splice(0, excess);
        this.#stats.dropped += excess;
      }
      this.#writeTimer = this.#clock.setTimeout(() => this.#write(), Math.max(1000, this.#batchMs));
    }
  }

  /** Stores every pending reading and the open batch now (shutdown). */
  flush(): void {
    for (const d of this.#devices.values()) if (d.pending) this.#take(d, d.pending);
    this.#write();
  }

  /** Readings waiting to be written (queued) or to become due (pending). */
  backlog(): { queued: number; pending: number } {
    let pending = 0;
    for (const d of this.#devices.values()) if (d.pending) pending++;
    return { queued: this.#queue.length, pending };
  }

  stats(): SamplerStats {
    return { ...this.#stats };
  }
}
