// The sync worker the faces talk to; a new Postgres URL, password or TLS mode
// replaces the worker underneath, keeping the pause switch and the listeners.
import type { SyncStatus } from '../../../common/schemas';
import type { SyncLike } from '../app-service/deps';
import type { SyncWorker } from '../sync/sync-worker';

export class SyncHost implements SyncLike {
  #inner: SyncWorker;
  #detach: () => void;
  #paused = false;
  readonly #listeners = new Set<(s: SyncStatus) => void>();

  constructor(first: SyncWorker) {
    this.#inner = first;
    this.#detach = this.#attach(first);
  }

  get current(): SyncWorker {
    return this.#inner;
  }

  /** Puts `next` in place (paused if the user paused sync) and returns the old worker for the caller to stop. */
  swap(next: SyncWorker): SyncWorker {
    const old = this.#inner;
    this.#detach();
    this.#inner = next;
    this.#detach = this.#attach(next);
    if (this.#paused) next.pause();
    this.#emit(next.status());
    return old;
  }

  status(): SyncStatus {
    return this.#inner.status();
  }

  setPaused(paused: boolean): void {
    this.#paused = paused;
    if (paused) this.#inner.pause();
    else this.#inner.resume();
  }

  onStatus(listener: (status: SyncStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #attach(w: SyncWorker): () => void {
    return w.onStatus((s) => this.#emit(s));
  }

  #emit(s: SyncStatus): void {
    for (const l of this.#listeners) l(s);
  }
}
