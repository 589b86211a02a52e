// One collection path: a Collector's merged states are sampled into the local
// store (and the sync worker told there is more), offered to the optional
// republish sink, and the devices it knows are recorded for the window and
// `status`. Stopping flushes what the sampler holds.
import type { CollectorStatus } from '../../../common/schemas';
import type { Clock } from '../clock';
import type { Collector } from '../ecoflow/collector';
import type { Logger } from '../logger';
import type { RepublishSink } from '../republish/republish-sink';
import { Sampler } from '../store/sampler';
import type { ReadingStore } from '../store/store';

/** A device's last-seen time is rewritten at most this often (it is a hint, not a reading). */
const SEEN_EVERY_MS = 60_000;

export interface PipelineOptions {
  collector: Collector;
  store: ReadingStore;
  sampleSeconds: number;
  clock: Clock;
  logger: Logger;
  /** Called after readings were committed (wakes the sync worker). */
  onStored?: () => void;
  /** The republish sink in use now, if any (it may change while the pipeline runs). */
  republish?: () => RepublishSink | null;
}

export class Pipeline {
  readonly collector: Collector;
  readonly #sampler: Sampler;
  readonly #store: ReadingStore;
  readonly #log: Logger;
  readonly #recorded = new Map<string, { key: string; seen: number }>();
  readonly #unsubscribe: (() => void)[];

  constructor(o: PipelineOptions) {
    this.collector = o.collector;
    this.#store = o.store;
    this.#log = o.logger;
    this.#sampler = new Sampler({
      store: {
        insert: (readings) => {
          const ids = o.store.insert(readings);
          o.onStored?.();
          return ids;
        },
      },
      clock: o.clock,
      logger: o.logger.child('sampler'),
      sampleSeconds: o.sampleSeconds,
    });
    this.#unsubscribe = [
      o.collector.onReading((reading) => {
        this.#sampler.offer(reading);
        o.republish?.()?.publish(reading);
      }),
      o.collector.onStatus((s) => this.#recordDevices(s)),
    ];
  }

  /** Stops the collector, then stores everything the sampler still holds. */
  async stop(): Promise<void> {
    for (const u of this.#unsubscribe) u();
    await this.collector.stop();
    this.#sampler.flush();
  }

  #recordDevices(s: CollectorStatus): void {
    for (const d of s.devices) {
      const key = `${d.model}\u0000${d.name}\u0000${d.family}`;
      const prev = this.#recorded.get(d.sn);
      const seen = d.lastDataTs ?? 0;
      if (prev && prev.key === key && seen - prev.seen < SEEN_EVERY_MS) continue;
      try {
        this.#store.upsertDevice({ sn: d.sn, model: d.model, name: d.name, family: d.family, lastSeenTs: d.lastDataTs });
        this.#recorded.set(d.sn, { key, seen });
      } catch (e) {
        this.#log.warn('could not record the device in the local store', { sn: d.sn, error: e instanceof Error ? e.message : String(e) });
      }
    }
  }
}
