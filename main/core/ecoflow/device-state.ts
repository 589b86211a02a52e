// One device's live state: the merged raw key map (seeded from quota/all,
// updated by partial MQTT messages) and the reading decoded from it. A
// partial update re-decodes only what it touches; every decode yields a new
// reading object (earlier ones may still be held by the sampler).
import type { Reading, ReadingField } from '../../../common/reading';
import type { DeviceFamily } from '../../../common/schemas';
import { blankReading, copyReading, decoderFor, type Decoder } from './decoders';
import { emptyRawMap, type RawMap } from './raw';

/** More changed keys than this: decode everything instead of key by key. */
const FULL_DECODE_KEYS = 100;

export interface DecodeResult {
  reading: Reading;
  /** Fields the plausibility guard dropped from this reading. */
  implausible: ReadingField[];
}

export class DeviceState {
  readonly sn: string;
  readonly family: DeviceFamily;
  readonly #decoder: Decoder;
  #raw: RawMap = emptyRawMap();
  #latest: Reading | null = null;
  /** Keys merged since the last decode; null = decode everything (after a snapshot). */
  #changed: string[] | null = null;

  constructor(sn: string, family: DeviceFamily) {
    this.sn = sn;
    this.family = family;
    this.#decoder = decoderFor(family);
  }

  /** Applies a full snapshot (quota/all). Keys the snapshot lacks keep their last value. */
  seed(snapshot: RawMap): void {
    this.#copy(snapshot, Object.keys(snapshot));
    this.#changed = null;
  }

  /** Merges a partial update into the raw map; names = Object.keys(keys) when the caller has them. */
  merge(keys: RawMap, names: readonly string[] = Object.keys(keys)): void {
    this.#copy(keys, names);
    if (this.#changed) for (const k of names) this.#changed.push(k);
  }

  /** Decodes the merged map at ts (plausibility-guarded) and keeps the result as latest. */
  decode(ts: number): DecodeResult {
    const prev = this.#latest;
    let reading: Reading;
    let implausible: ReadingField[];
    // A message carrying most keys (a full snapshot over MQTT) is cheaper to decode whole.
    if (prev === null || this.#changed === null || this.#changed.length > FULL_DECODE_KEYS) {
      reading = blankReading(this.sn, ts);
      implausible = this.#decoder.full(this.#raw, reading);
    } else {
      reading = copyReading(prev, ts);
      implausible = this.#decoder.update(this.#raw, reading, this.#changed);
    }
    this.#changed = [];
    this.#latest = reading;
    return { reading, implausible };
  }

  get latest(): Reading | null {
    return this.#latest;
  }

  get rawKeyCount(): number {
    return Object.keys(this.#raw).length;
  }

  /** A copy of the raw map (for "show raw keys" and diagnostics); still null-prototype. */
  rawSnapshot(): RawMap {
    return Object.assign(emptyRawMap(), this.#raw);
  }

  #copy(keys: RawMap, names: readonly string[]): void {
    const raw = this.#raw;
    for (const k of names) raw[k] = keys[k] as RawMap[string];
  }
}
