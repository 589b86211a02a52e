// Output switches sent but not yet reported back by the device. A switch is
// confirmed when a reading shows the new state, and fails after a timeout.
import type { Reading } from '../../../common/reading';
import type { OutputKind } from '../../../common/schemas';
import type { Clock, TimerHandle } from '../clock';
import { OUTPUT_FIELD } from './output-commands';

export interface PendingOutput {
  output: OutputKind;
  on: boolean;
  sinceTs: number;
}

interface Entry extends PendingOutput {
  timer: TimerHandle;
}

export class PendingOutputs {
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #bySn = new Map<string, Entry[]>();
  readonly #onTimeout: (sn: string, p: PendingOutput) => void;

  constructor(clock: Clock, onTimeout: (sn: string, p: PendingOutput) => void, timeoutMs = 60_000) {
    this.#clock = clock;
    this.#onTimeout = onTimeout;
    this.#timeoutMs = timeoutMs;
  }

  add(sn: string, output: OutputKind, on: boolean): void {
    this.remove(sn, output);
    const entry: Entry = {
      output,
      on,
      sinceTs: this.#clock.now(),
      timer: this.#clock.setTimeout(() => {
        if (this.remove(sn, output)) this.#onTimeout(sn, { output, on, sinceTs: entry.sinceTs });
      }, this.#timeoutMs),
    };
    this.#bySn.set(sn, [...(this.#bySn.get(sn) ?? []), entry]);
  }

  /** Removes the pending switch of one output; true when there was one. */
  remove(sn: string, output: OutputKind): boolean {
    const list = this.#bySn.get(sn) ?? [];
    const found = list.find((p) => p.output === output);
    found?.timer.cancel();
    if (found) this.#bySn.set(sn, list.filter((p) => p !== found));
    return found !== undefined;
  }

  /** Drops the switches this reading confirms; true when any was confirmed. */
  confirm(reading: Reading): boolean {
    const list = this.#bySn.get(reading.sn);
    if (!list?.length) return false;
    const done = list.filter((p) => reading[OUTPUT_FIELD[p.output]] === (p.on ? 1 : 0));
    for (const p of done) this.remove(reading.sn, p.output);
    return done.length > 0;
  }

  list(sn: string): PendingOutput[] {
    return (this.#bySn.get(sn) ?? []).map(({ output, on, sinceTs }) => ({ output, on, sinceTs }));
  }

  clear(): void {
    for (const list of this.#bySn.values()) for (const p of list) p.timer.cancel();
    this.#bySn.clear();
  }
}
