// Per-device liveness (spec §4.5, §8): decides each device's state and the
// reason for it from when data last arrived, and asks for the remedies:
// a REST snapshot when the stream is quiet, a device-list check before
// calling a device offline, and a full MQTT reconnect when all went silent.
// Pure: time comes from the injected clock; actions are callbacks.
import type { DeviceStateKind } from '../../../common/schemas';
import type { Clock, TimerHandle } from '../clock';

export type LinkState = 'up' | 'down' | 'auth-failed';

export interface WatchdogActions {
  requestSnapshot(sn: string): void;
  confirmOffline(sn: string): void;
  requestReconnect(): void;
  changed(sn: string, state: DeviceStateKind, reason: string): void;
}

export interface WatchdogTimings {
  quietMs: number;
  snapshotEveryMs: number;
  assumeOfflineMs: number;
  offlineMs: number;
  /** Every (not offline) device silent this long → reconnect MQTT, at most every reconnectEveryMs. */
  allSilentMs: number;
  reconnectEveryMs: number;
  tickMs: number;
}

export const DEFAULT_TIMINGS: WatchdogTimings = {
  quietMs: 60_000,
  snapshotEveryMs: 30_000,
  assumeOfflineMs: 300_000,
  offlineMs: 900_000,
  allSilentMs: 180_000,
  reconnectEveryMs: 600_000,
  tickMs: 5_000,
};

interface Watched {
  addedTs: number;
  /** The cloud's view (device list / status topic), null when unknown. */
  online: boolean | null;
  lastStreamTs: number | null;
  lastSnapshotTs: number | null;
  lastSnapshotAskTs: number | null;
  offlineAsked: boolean;
  /** The device list said "online" while the stream was silent past the offline threshold. */
  listedOnlineWhileSilent: boolean;
  state: DeviceStateKind;
  reason: string;
}

const LINK_REASON: Readonly<Record<LinkState, string | null>> = { up: null, down: 'network down', 'auth-failed': 'auth rejected' };

export class Watchdog {
  readonly #clock: Clock;
  readonly #t: WatchdogTimings;
  readonly #act: WatchdogActions;
  readonly #devices = new Map<string, Watched>();
  #link: LinkState = 'down';
  #lastReconnectAskTs: number | null = null;
  #timer: TimerHandle | null = null;

  constructor(clock: Clock, actions: WatchdogActions, timings: Partial<WatchdogTimings> = {}) {
    this.#clock = clock;
    this.#act = actions;
    this.#t = { ...DEFAULT_TIMINGS, ...timings };
  }

  start(): void {
    this.stop();
    const loop = (): void => {
      this.tick();
      this.#timer = this.#clock.setTimeout(loop, this.#t.tickMs);
    };
    this.#timer = this.#clock.setTimeout(loop, this.#t.tickMs);
  }

  stop(): void {
    this.#timer?.cancel();
    this.#timer = null;
  }

  addDevice(sn: string, online: boolean | null): void {
    const now = this.#clock.now();
    this.#devices.set(sn, { addedTs: now, online, lastStreamTs: null, lastSnapshotTs: null, lastSnapshotAskTs: null, offlineAsked: false, listedOnlineWhileSilent: false, state: 'connecting', reason: 'waiting for the first data' });
    this.#evaluate(sn);
  }

  /** A quota message arrived on the MQTT stream. */
  streamData(sn: string): void {
    const d = this.#devices.get(sn);
    if (!d) return;
    d.lastStreamTs = this.#clock.now();
    d.online = true;
    d.offlineAsked = false;
    d.listedOnlineWhileSilent = false;
    this.#evaluate(sn);
  }

  /** A REST quota/all snapshot was applied. */
  snapshotData(sn: string): void {
    const d = this.#devices.get(sn);
    if (!d) return;
    d.lastSnapshotTs = this.#clock.now();
    this.#evaluate(sn);
  }

  /** The cloud's online flag, from the status topic or the device list. */
  setOnline(sn: string, online: boolean): void {
    const d = this.#devices.get(sn);
    if (!d) return;
    d.online = online;
    if (online && d.offlineAsked) d.listedOnlineWhileSilent = true;
    this.#evaluate(sn);
  }

  setLink(link: LinkState): void {
    this.#link = link;
    for (const sn of this.#devices.keys()) this.#evaluate(sn);
  }

  state(sn: string): { state: DeviceStateKind; reason: string } | null {
    const d = this.#devices.get(sn);
    return d ? { state: d.state, reason: d.reason } : null;
  }

  tick(): void {
    for (const sn of this.#devices.keys()) this.#evaluate(sn);
    this.#checkAllSilent();
  }

  #silence(d: Watched, now: number): number {
    return now - (d.lastStreamTs ?? d.addedTs);
  }

  #evaluate(sn: string): void {
    const d = this.#devices.get(sn);
    if (!d) return;
    const now = this.#clock.now();
    const silence = this.#silence(d, now);
    const link = LINK_REASON[this.#link];
    let state: DeviceStateKind;
    let reason: string;
    if (d.online === false) {
      [state, reason] = ['offline', 'device offline (the cloud reports it offline)'];
    } else if (silence <= this.#t.quietMs) {
      [state, reason] = d.lastStreamTs !== null ? ['live', 'receiving live data'] : ['connecting', link ?? 'waiting for the first data'];
    } else if (silence <= this.#t.assumeOfflineMs) {
      if (d.lastSnapshotAskTs === null || now - d.lastSnapshotAskTs >= this.#t.snapshotEveryMs) {
        d.lastSnapshotAskTs = now;
        this.#act.requestSnapshot(sn);
      }
      const fromSnapshot = d.lastSnapshotTs !== null && d.lastSnapshotTs > (d.lastStreamTs ?? d.addedTs);
      [state, reason] = [fromSnapshot ? 'snapshot' : 'stalled', link ?? 'cloud stream stalled'];
    } else if (silence <= this.#t.offlineMs) {
      [state, reason] = ['assumed-offline', link ?? `no data for ${Math.floor(silence / 60_000)} min`];
    } else if (d.listedOnlineWhileSilent) {
      [state, reason] = ['stalled', link ?? 'cloud stream stalled (the cloud lists the device online but sends no data)'];
    } else {
      if (!d.offlineAsked) {
        d.offlineAsked = true;
        this.#act.confirmOffline(sn);
      }
      [state, reason] = ['offline', link ?? `device offline (no data for ${Math.floor(silence / 60_000)} min)`];
    }
    if (state !== d.state || reason !== d.reason) {
      d.state = state;
      d.reason = reason;
      this.#act.changed(sn, state, reason);
    }
  }

  #checkAllSilent(): void {
    if (this.#link !== 'up') return;
    const now = this.#clock.now();
    const watched = [...this.#devices.values()].filter((d) => d.online !== false);
    if (watched.length === 0 || !watched.every((d) => this.#silence(d, now) > this.#t.allSilentMs)) return;
    if (this.#lastReconnectAskTs !== null && now - this.#lastReconnectAskTs < this.#t.reconnectEveryMs) return;
    this.#lastReconnectAskTs = now;
    this.#act.requestReconnect();
  }
}
