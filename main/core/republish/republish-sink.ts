// Optional sink: each device's merged state, retained, on a local MQTT broker
// (paku/ecoflow/{sn}/power and …/state) for displays and Home Assistant.
// It can never slow or break collection or the Postgres sync: publish() is
// synchronous and never throws, messages wait in a bounded queue while the
// broker is away (oldest dropped, counted), and mqtt's own offline queue is
// never used.
import { readFileSync } from 'node:fs';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Reading } from '../../../common/reading';
import type { AppError } from '../../../common/result';
import { silentLogger, type Logger } from '../logger';
import { mergeReading, powerSummary, topicSn } from './payloads';
import { isAuthRefusal } from '../mqtt-refusal';

export interface RepublishSettings {
  /** mqtt://host:1883 or mqtts://host:8883 */
  url: string;
  username?: string | null;
  password?: string | null;
  /** PEM CA file for mqtts with a private CA. */
  caFile?: string | null;
  /** Default "paku/ecoflow". */
  topicPrefix?: string;
}

export interface RepublishOptions extends RepublishSettings {
  logger?: Logger;
  /** Messages kept while the broker is away (default 200). */
  queueLimit?: number;
  /** Wait between reconnect attempts (default 5000 ms). */
  reconnectMs?: number;
}

export interface RepublishStatus {
  connected: boolean;
  published: number;
  /** Messages dropped because the queue was full while the broker was away. */
  dropped: number;
  queued: number;
  lastError: AppError | null;
}

interface Message {
  topic: string;
  payload: string;
}

export class RepublishSink {
  readonly #o: RepublishOptions;
  readonly #log: Logger;
  readonly #prefix: string;
  readonly #limit: number;
  readonly #states = new Map<string, Reading>();
  #queue: Message[] = [];
  #client: MqttClient | null = null;
  #published = 0;
  #dropped = 0;
  #lastError: AppError | null = null;

  constructor(opts: RepublishOptions) {
    this.#o = opts;
    this.#log = opts.logger ?? silentLogger;
    this.#prefix = (opts.topicPrefix ?? 'paku/ecoflow').replace(/\/+$/, '');
    this.#limit = Math.max(2, opts.queueLimit ?? 200);
  }

  start(): void {
    if (this.#client) return;
    let options: IClientOptions;
    try {
      options = {
        username: this.#o.username ?? undefined,
        password: this.#o.password ?? undefined,
        ca: this.#o.caFile ? readFileSync(this.#o.caFile) : undefined,
        reconnectPeriod: this.#o.reconnectMs ?? 5000,
        connectTimeout: 10_000,
        queueQoSZero: false,
        clean: true,
        clientId: `paku-ecoflow-republish-${Math.random().toString(16).slice(2, 10)}`,
      };
    } catch {
      this.#lastError = { code: 'bad-request', message: `Cannot read the broker CA file ${this.#o.caFile}` };
      return;
    }
    const client = mqtt.connect(this.#o.url, options);
    this.#client = client;
    client.on('connect', () => {
      this.#lastError = null;
      this.#log.info('connected to the local broker');
      this.#flush();
    });
    client.on('error', (e) => this.#fail(e));
    client.on('offline', () => {
      if (!this.#lastError) this.#lastError = { code: 'network', message: `local broker unreachable: ${this.#where()}` };
    });
  }

  async stop(): Promise<void> {
    const client = this.#client;
    this.#client = null;
    if (client) await client.endAsync(true).catch(() => {});
  }

  /** Merges the reading into its device's state and publishes it; never throws, never waits. */
  publish(reading: Reading): void {
    try {
      const state = mergeReading(this.#states.get(reading.sn), reading);
      this.#states.set(reading.sn, state);
      const base = `${this.#prefix}/${topicSn(state.sn)}`;
      this.#enqueue({ topic: `${base}/power`, payload: JSON.stringify(powerSummary(state)) });
      this.#enqueue({ topic: `${base}/state`, payload: JSON.stringify(state) });
      if (this.#client?.connected) this.#flush();
    } catch (e) {
      this.#log.warn('republish skipped a reading', { error: e instanceof Error ? e : String(e) });
    }
  }

  status(): RepublishStatus {
    return { connected: this.#client?.connected ?? false, published: this.#published, dropped: this.#dropped, queued: this.#queue.length, lastError: this.#lastError };
  }

  #enqueue(m: Message): void {
    this.#queue.push(m);
    while (this.#queue.length > this.#limit) {
      this.#queue.shift();
      this.#dropped++;
    }
  }

  #flush(): void {
    const client = this.#client;
    while (client?.connected && this.#queue.length > 0) {
      const m = this.#queue.shift()!;
      client.publish(m.topic, m.payload, { qos: 0, retain: true }, (e) => {
        if (e) this.#fail(e);
      });
      this.#published++;
    }
  }

  #where(): string {
    try {
      const u = new URL(this.#o.url);
      return `${u.hostname}:${u.port || (u.protocol === 'mqtts:' ? 8883 : 1883)}`;
    } catch {
      return 'the configured broker';
    }
  }

  #fail(e: unknown): void {
    const code = (e as { code?: unknown }).code;
    const text = e instanceof Error ? e.message : String(e);
    const error: AppError =
      isAuthRefusal(code) || /not authori[sz]ed|bad user name or password/i.test(text)
        ? { code: 'mqtt-auth', message: `the local broker ${this.#where()} refused the login${this.#o.username ? ` for user ${this.#o.username}` : ''}: check the republish username and password` }
        : code === 'ECONNREFUSED'
          ? { code: 'network', message: `local broker unreachable: connection refused at ${this.#where()}` }
          : { code: 'network', message: `local broker ${this.#where()}: ${text}` };
    if (error.message !== this.#lastError?.message) this.#log.warn('republish failed', { error: error.message });
    this.#lastError = error;
  }
}
