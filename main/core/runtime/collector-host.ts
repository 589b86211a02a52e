// The collector the faces talk to. Settings changes replace the real
// Collector underneath (new keys, region, devices); the faces keep one object
// and one set of status listeners across those swaps.
import { err, type Result } from '../../../common/result';
import type { CollectorStatus, DeviceStatus, OutputKind } from '../../../common/schemas';
import type { CollectorLike } from '../app-service/deps';
import { systemClock, type Clock, type TimerHandle } from '../clock';
import type { Collector } from '../ecoflow/collector';

/** The status while no keys are set: nothing to collect, and the words to fix it. */
export function notConfiguredStatus(): CollectorStatus {
  return {
    connection: 'not-configured',
    lastError: { code: 'not-configured', message: 'Add your EcoFlow access and secret key in Settings → EcoFlow (from the EcoFlow developer portal), or try the demo.' },
    devices: [],
    counters: { messages: 0, malformed: 0, implausible: 0, snapshots: 0, reconnects: 0 },
  };
}

/** Devices known only from the local store are listed this way, so their history stays reachable. */
export const STORED_ONLY_REASON = 'not connected to the EcoFlow cloud now: showing stored data';

/** New readings are pushed to the status listeners at most this often. */
export const LIVE_STATUS_EVERY_MS = 1000;

export class CollectorHost implements CollectorLike {
  readonly #stored: () => readonly DeviceStatus[];
  readonly #clock: Clock;
  #inner: Collector | null = null;
  #detach: (() => void) | null = null;
  #liveTimer: TimerHandle | null = null;
  readonly #listeners = new Set<(s: CollectorStatus) => void>();

  /** `stored`: the devices the local store holds, as offline statuses (called on every status). */
  constructor(stored: () => readonly DeviceStatus[] = () => [], clock: Clock = systemClock) {
    this.#stored = stored;
    this.#clock = clock;
  }

  get current(): Collector | null {
    return this.#inner;
  }

  /** Puts `next` (or nothing) in place and tells the listeners; the caller stops the old one. */
  swap(next: Collector | null): Collector | null {
    const old = this.#inner;
    this.#detach?.();
    this.#inner = next;
    if (next) {
      const detach = [next.onStatus(() => this.#emit()), next.onReading(() => this.#emitSoon())];
      this.#detach = () => detach.forEach((d) => d());
    } else this.#detach = null;
    this.#emit();
    return old;
  }

  status(): CollectorStatus {
    const s = this.#inner?.status() ?? notConfiguredStatus();
    const live = new Set(s.devices.map((d) => d.sn));
    const extra = this.#stored().filter((d) => !live.has(d.sn));
    return extra.length ? { ...s, devices: [...s.devices, ...extra] } : s;
  }

  onStatus(listener: (status: CollectorStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async setOutput(sn: string, output: OutputKind, on: boolean): Promise<Result<void>> {
    if (!this.#inner) return err('not-configured', 'Outputs can be switched once the EcoFlow keys are set in Settings → EcoFlow.');
    return this.#inner.setOutput(sn, output, on);
  }

  #emitSoon(): void {
    this.#liveTimer ??= this.#clock.setTimeout(() => this.#emit(), LIVE_STATUS_EVERY_MS);
  }

  #emit(): void {
    this.#liveTimer?.cancel();
    this.#liveTimer = null;
    const s = this.status();
    for (const l of this.#listeners) l(s);
  }
}
