// The one MQTT connection of an account (spec §4): TLS with certificate
// verification, the persisted client id, QoS 1 subscriptions to every
// device's quota/status/set_reply. Reconnects itself (the library's own
// reconnect is off) with backoff; on an auth refusal it fetches new
// credentials, at most once per minute. The password is never logged.
import { isIP } from 'node:net';
import { connect as mqttConnect, type IClientOptions, type MqttClient } from 'mqtt';
import type { AppError } from '../../../common/result';
import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../logger';
import { isAuthRefusal } from '../mqtt-refusal';
import { Backoff } from './backoff';
import type { MqttCredentials } from './rest-schemas';

export type ConnectMqtt = (url: string, opts: IClientOptions) => MqttClient;

export type SessionState = 'connecting' | 'connected' | 'reconnecting' | 'auth-failed' | 'stopped';

export interface MqttSessionOptions {
  clientId: string;
  credentials: MqttCredentials;
  refreshCredentials(): Promise<MqttCredentials>;
  serials: readonly string[];
  ca?: string;
  clock: Clock;
  logger: Logger;
  connect?: ConnectMqtt;
  random?: () => number;
  keepaliveSeconds?: number;
  onMessage(topic: string, payload: Buffer): void;
  onState(state: SessionState, error: AppError | null): void;
}

const CERT_MIN_INTERVAL_MS = 60_000;
const STOP_GRACE_MS = 1_500;

export const topicsFor = (account: string, sn: string): string[] => ['quota', 'status', 'set_reply'].map((k) => `/open/${account}/${sn}/${k}`);

export class MqttSession {
  readonly #o: MqttSessionOptions;
  readonly #log: Logger;
  readonly #backoff: Backoff;
  #creds: MqttCredentials;
  #client: MqttClient | null = null;
  #timer: TimerHandle | null = null;
  #stopped = false;
  #authRefused = false;
  #lastCertTs: number;
  #everConnected = false;
  #reconnects = 0;

  constructor(opts: Readonly<MqttSessionOptions>) {
    this.#o = opts;
    this.#log = opts.logger;
    this.#creds = opts.credentials;
    this.#lastCertTs = opts.clock.now();
    this.#backoff = new Backoff(opts.random ? { random: opts.random } : {});
  }

  /** Reconnections since start (not counting the first connection). */
  get reconnects(): number {
    return this.#reconnects;
  }

  start(): void {
    this.#open();
  }

  /** Drops the connection and connects again at once (resume from sleep, watchdog). */
  reconnectNow(): void {
    if (this.#stopped) return;
    this.#backoff.reset();
    this.#timer?.cancel();
    this.#retire();
    this.#open();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#timer?.cancel();
    const client = this.#client;
    this.#client = null;
    if (client) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => client.end(true, {}, () => resolve()), STOP_GRACE_MS);
        client.end(false, {}, () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    this.#o.onState('stopped', null);
  }

  #open(): void {
    if (this.#stopped) return;
    const c = this.#creds;
    if (this.#everConnected) this.#reconnects++;
    this.#o.onState(this.#everConnected ? 'reconnecting' : 'connecting', null);
    // Always TLS: certification says "mqtts" in every observed answer, and a plain-text fallback would leak credentials.
    const url = `mqtts://${c.url}:${c.port}`;
    this.#log.info('connecting to the EcoFlow broker', { broker: `${c.url}:${c.port}`, clientId: this.#o.clientId });
    const options: IClientOptions = {
      clientId: this.#o.clientId,
      username: c.certificateAccount,
      password: c.certificatePassword,
      protocolVersion: 4,
      clean: true,
      keepalive: this.#o.keepaliveSeconds ?? 30,
      reconnectPeriod: 0,
      connectTimeout: 15_000,
      rejectUnauthorized: true,
      // SNI carries host names only (RFC 6066); an IP broker (the simulator) is verified by its IP SAN.
      ...(isIP(c.url) === 0 && { servername: c.url }),
      ...(this.#o.ca && { ca: this.#o.ca }),
    };
    const client = (this.#o.connect ?? mqttConnect)(url, options);
    this.#client = client;
    const current = () => this.#client === client;
    client.on('connect', () => {
      if (!current()) return;
      this.#everConnected = true;
      this.#authRefused = false;
      this.#backoff.reset();
      const topics = this.#o.serials.flatMap((sn) => topicsFor(c.certificateAccount, sn));
      // "connected" only once subscribed: the session is clean, so anything published before the SUBACK is never delivered.
      client.subscribe(topics, { qos: 1 }, (e, granted) => {
        if (!current()) return;
        const refused = (granted ?? []).filter((g) => g.qos === 128).map((g) => g.topic);
        if (e || refused.length) this.#log.warn('the broker refused some subscriptions', { error: e?.message, topics: refused.join(',') });
        // A failed SUBSCRIBE means the connection went away; its close event reconnects.
        if (e) return;
        this.#log.info('connected to the EcoFlow broker', { devices: this.#o.serials.length });
        this.#o.onState('connected', null);
      });
    });
    client.on('message', (topic, payload) => {
      if (current()) this.#o.onMessage(topic, payload);
    });
    client.on('error', (e) => {
      if (!current()) return;
      const code = (e as { code?: unknown }).code;
      if (isAuthRefusal(code)) {
        this.#authRefused = true;
        this.#log.warn('the EcoFlow broker refused the login', { code });
        this.#o.onState('auth-failed', { code: 'mqtt-auth', message: `The EcoFlow broker refused the login (${e.message}); fetching new credentials. If this repeats, the account may have hit the daily client-id limit: re-create the key pair on the developer portal.` });
      } else {
        this.#log.warn('MQTT connection problem', { error: e.message });
      }
    });
    client.on('close', () => {
      if (!current() || this.#stopped) return;
      this.#retire();
      this.#schedule();
    });
  }

  #schedule(): void {
    const delay = this.#backoff.next();
    if (!this.#authRefused) this.#o.onState('reconnecting', { code: 'network', message: `Lost the connection to the EcoFlow broker ${this.#creds.url}; retrying in ${Math.round(delay / 1000)} s.` });
    this.#log.info('reconnecting later', { inSeconds: Math.round(delay / 1000) });
    this.#timer = this.#o.clock.setTimeout(() => void this.#retry(), delay);
  }

  async #retry(): Promise<void> {
    if (this.#stopped) return;
    if (this.#authRefused && this.#o.clock.now() - this.#lastCertTs >= CERT_MIN_INTERVAL_MS) {
      this.#lastCertTs = this.#o.clock.now();
      try {
        this.#creds = await this.#o.refreshCredentials();
        this.#log.info('fetched new MQTT credentials');
      } catch (e) {
        this.#log.warn('could not fetch new MQTT credentials', { error: e instanceof Error ? e.message : String(e) });
      }
    }
    this.#open();
  }

  /** Forgets the current client without letting its close event schedule anything. */
  #retire(): void {
    const old = this.#client;
    this.#client = null;
    old?.removeAllListeners('close');
    old?.on('error', () => {});
    old?.end(true);
  }
}
