// The collector the faces talk to. Settings changes replace the real
// Collector underneath (new keys, region, devices); the faces keep one object
// and one set of status listeners across those swaps.
import { err, type Result } from '../../../common/result';
import type { CollectorStatus, OutputKind } from '../../../common/schemas';
import type { CollectorLike } from '../app-service/deps';
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

export class CollectorHost implements CollectorLike {
  #inner: Collector | null = null;
  #detach: (() => void) | null = null;
  readonly #listeners = new Set<(s: CollectorStatus) => void>();

  get current(): Collector | null {
    return this.#inner;
  }

  /** Puts `next` (or nothing) in place and tells the listeners; the caller stops the old one. */
  swap(next: Collector | null): Collector | null {
    const old = this.#inner;
    this.#detach?.();
    this.#inner = next;
    this.#detach = next ? next.onStatus((s) => this.#emit(s)) : null;
    this.#emit(this.status());
    return old;
  }

  status(): CollectorStatus {
    return this.#inner?.status() ?? notConfiguredStatus();
  }

  onStatus(listener: (status: CollectorStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async setOutput(sn: string, output: OutputKind, on: boolean): Promise<Result<void>> {
    if (!this.#inner) return err('not-configured', 'Outputs can be switched once the EcoFlow keys are set in Settings → EcoFlow.');
    return this.#inner.setOutput(sn, output, on);
  }

  #emit(s: CollectorStatus): void {
    for (const l of this.#listeners) l(s);
  }
}
