// One device's live state: the merged raw key map (seeded from quota/all,
// updated by partial MQTT messages) and the reading decoded from it.
import type { Reading, ReadingField } from '../../../common/reading';
import type { DeviceFamily } from '../../../common/schemas';
import { decoderFor, guardReading, type Decoder } from './decoders';
import { emptyRawMap, type RawMap } from './raw';

export interface DecodeResult {
  reading: Reading;
  /** Fields the plausibility guard dropped from this reading. */
  implausible: ReadingField[];
}

export class DeviceState {
  readonly sn: string;
  readonly family: DeviceFamily;
  readonly #decode: Decoder;
  #raw: RawMap = emptyRawMap();
  #keyCount = 0;
  #latest: Reading | null = null;

  constructor(sn: string, family: DeviceFamily) {
    this.sn = sn;
    this.family = family;
    this.#decode = decoderFor(family);
  }

  /** Applies a full snapshot (quota/all). Keys the snapshot lacks keep their last value. */
  seed(snapshot: RawMap): void {
    this.merge(snapshot);
  }

  /** Merges a partial update into the raw map. */
  merge(keys: RawMap): void {
    const raw = this.#raw;
    for (const k in keys) {
      if (!(k in raw)) this.#keyCount++;
      raw[k] = keys[k] as RawMap[string];
    }
  }

  /** Decodes the merged map at ts, drops impossible values, and keeps the result as latest. */
  decode(ts: number): DecodeResult {
    const reading = this.#decode(this.#raw, this.sn, ts);
    const implausible = guardReading(reading);
    this.#latest = reading;
    return { reading, implausible };
  }

  get latest(): Reading | null {
    return this.#latest;
  }

  get rawKeyCount(): number {
    return this.#keyCount;
  }

  /** A copy of the raw map (for "show raw keys" and diagnostics); still null-prototype. */
  rawSnapshot(): RawMap {
    return Object.assign(emptyRawMap(), this.#raw);
  }
}
