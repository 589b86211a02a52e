// Holds the rules' state, re-evaluates on every snapshot and on a timer
// (grid-lost, stalled and sync-failing depend on elapsed time even when no
// new status arrives), and hands notices to a sink (Electron Notification).
import type { SyncStatus } from '../../common/schemas';
import type { Clock, TimerHandle } from '../core/clock';
import { INITIAL_NOTIFY_STATE, stepNotifications, type Notice, type NotifyConfig, type NotifySnapshot, type NotifyState } from './notify-rules';

export const NOTIFY_TICK_MS = 10_000;

/** When the sync started failing: kept while it keeps failing, cleared when it works, is paused or is off. */
export function syncFailingSince(prev: number | null, sync: SyncStatus | null, now: number): number | null {
  const failing = sync !== null && sync.configured && !sync.paused && sync.lastError !== null;
  return failing ? (prev ?? now) : null;
}

export class Notifier {
  #state: NotifyState = INITIAL_NOTIFY_STATE;
  #snapshot: Omit<NotifySnapshot, 'now'> | null = null;
  #timer: TimerHandle | null = null;
  readonly #clock: Clock;
  readonly #config: () => NotifyConfig;
  readonly #show: (n: Notice) => void;

  constructor(opts: Readonly<{ clock: Clock; config: () => NotifyConfig; show: (n: Notice) => void }>) {
    this.#clock = opts.clock;
    this.#config = opts.config;
    this.#show = opts.show;
  }

  update(snapshot: Omit<NotifySnapshot, 'now'>): void {
    this.#snapshot = snapshot;
    this.#evaluate();
  }

  start(): void {
    if (this.#timer) return;
    const tick = () => {
      this.#evaluate();
      this.#timer = this.#clock.setTimeout(tick, NOTIFY_TICK_MS);
    };
    this.#timer = this.#clock.setTimeout(tick, NOTIFY_TICK_MS);
  }

  stop(): void {
    this.#timer?.cancel();
    this.#timer = null;
  }

  #evaluate(): void {
    if (!this.#snapshot) return;
    const { state, notices } = stepNotifications(this.#state, { ...this.#snapshot, now: this.#clock.now() }, this.#config());
    this.#state = state;
    for (const n of notices) this.#show(n);
  }
}
