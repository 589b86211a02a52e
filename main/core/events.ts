// A small typed emitter: listeners are called in order, and one that throws
// is reported and never stops the others or the emitter.

export type Unsubscribe = () => void;

type AnyListener<Events> = <K extends keyof Events>(name: K, payload: Events[K]) => void;

export class TypedEmitter<Events extends object> {
  #listeners = new Map<keyof Events, Set<(payload: never) => void>>();
  #any = new Set<AnyListener<Events>>();
  readonly #onListenerError: (error: unknown, name: keyof Events) => void;

  constructor(onListenerError: (error: unknown, name: keyof Events) => void = () => {}) {
    this.#onListenerError = onListenerError;
  }

  on<K extends keyof Events>(name: K, listener: (payload: Events[K]) => void): Unsubscribe {
    let set = this.#listeners.get(name);
    if (!set) this.#listeners.set(name, (set = new Set()));
    const fn = listener as (payload: never) => void;
    set.add(fn);
    return () => void set.delete(fn);
  }

  /** Every event, with its name (the faces forward them all). */
  onAny(listener: AnyListener<Events>): Unsubscribe {
    this.#any.add(listener);
    return () => void this.#any.delete(listener);
  }

  emit<K extends keyof Events>(name: K, payload: Events[K]): void {
    for (const fn of [...(this.#listeners.get(name) ?? [])]) this.#call(name, () => (fn as (p: Events[K]) => void)(payload));
    for (const fn of [...this.#any]) this.#call(name, () => fn(name, payload));
  }

  listenerCount(): number {
    let n = this.#any.size;
    for (const set of this.#listeners.values()) n += set.size;
    return n;
  }

  #call(name: keyof Events, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.#onListenerError(e, name);
    }
  }
}
