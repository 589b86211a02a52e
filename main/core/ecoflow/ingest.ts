// The message path: MQTT topic + payload → envelope → merged device state →
// decoded, plausibility-guarded reading. Never throws: malformed payloads and
// unknown topics are counted and skipped and never reach a reading.
import type { Reading } from '../../../common/reading';
import type { Logger } from '../logger';
import type { DeviceState } from './device-state';
import { parseEnvelope, type TopicKind } from './envelopes';
import type { RawMap } from './raw';

export interface IngestCounters {
  messages: number;
  malformed: number;
  implausible: number;
  snapshots: number;
}

export interface IngestHooks {
  /** A device's merged state changed; the reading is decoded and guarded. */
  reading(device: DeviceState, reading: Reading): void;
  /** A quota message arrived on the stream (not a snapshot). */
  streamData(sn: string): void;
  status(sn: string, online: boolean): void;
  setReply(sn: string, id: string, ok: boolean): void;
}

const TOPIC_KINDS: ReadonlySet<string> = new Set<TopicKind>(['quota', 'status', 'set_reply']);

/** A device timestamp further than this from the receive time is not trusted. */
const MAX_TS_DRIFT_MS = 5 * 60_000;

export class Ingest {
  readonly counters: IngestCounters = { messages: 0, malformed: 0, implausible: 0, snapshots: 0 };
  readonly #devices = new Map<string, DeviceState>();
  /** Resolved topics of known devices (bounded: three per device), so most messages skip the split. */
  readonly #topics = new Map<string, { device: DeviceState; kind: TopicKind }>();
  readonly #hooks: IngestHooks;
  readonly #log: Logger;

  constructor(logger: Logger, hooks: IngestHooks) {
    this.#log = logger;
    this.#hooks = hooks;
  }

  add(device: DeviceState): void {
    this.#devices.set(device.sn, device);
  }

  device(sn: string): DeviceState | undefined {
    return this.#devices.get(sn);
  }

  /** Handles one MQTT message received at nowMs. Never throws. */
  handle(topic: string, payload: Uint8Array, nowMs: number): void {
    try {
      this.counters.messages++;
      const route = this.#route(topic);
      if (!route) return this.#malformed(`unexpected topic ${String(topic).slice(0, 120)}`);
      const { device, kind } = route;
      const env = parseEnvelope(kind, payload);
      switch (env.kind) {
        case 'malformed':
          return this.#malformed(env.reason, device.sn);
        case 'status':
          return this.#hooks.status(device.sn, env.online);
        case 'set_reply':
          return this.#hooks.setReply(device.sn, env.id, env.ok);
        case 'quota': {
          const ts = env.ts !== undefined && Math.abs(env.ts - nowMs) <= MAX_TS_DRIFT_MS ? env.ts : nowMs;
          device.merge(env.keys, env.names);
          this.#hooks.streamData(device.sn);
          this.#emit(device, ts);
        }
      }
    } catch (e) {
      // A bug in a hook must not take the MQTT client down with it.
      this.#log.error('message handler failed', { error: e instanceof Error ? e.message : String(e) });
    }
  }

  /** /open/{account}/{sn}/{quota|status|set_reply} of a known device, or null. */
  #route(topic: string): { device: DeviceState; kind: TopicKind } | null {
    const cached = this.#topics.get(topic);
    if (cached) return cached;
    const parts = typeof topic === 'string' ? topic.split('/') : [];
    const kind = parts[4];
    const device = parts.length === 5 && parts[0] === '' && parts[1] === 'open' && kind && TOPIC_KINDS.has(kind) ? this.#devices.get(parts[3] ?? '') : undefined;
    if (!device || !kind) return null;
    const route = { device, kind: kind as TopicKind };
    if (this.#topics.size < this.#devices.size * 3) this.#topics.set(topic, route);
    return route;
  }

  /** Applies a REST quota/all snapshot. */
  applySnapshot(sn: string, raw: RawMap, nowMs: number): void {
    const device = this.#devices.get(sn);
    if (!device) return;
    this.counters.snapshots++;
    device.seed(raw);
    this.#emit(device, nowMs);
  }

  #emit(device: DeviceState, ts: number): void {
    const { reading, implausible } = device.decode(ts);
    if (implausible.length) {
      this.counters.implausible += implausible.length;
      this.#log.debug('dropped implausible values', { sn: device.sn, fields: implausible.join(',') });
    }
    this.#hooks.reading(device, reading);
  }

  #malformed(reason: string, sn?: string): void {
    this.counters.malformed++;
    this.#log.debug('skipped a malformed message', { sn, reason });
  }
}
