// Signed REST calls to the EcoFlow Open API (spec §2–3). GET signs the query
// and sends no Content-Type; POST/PUT send JSON and sign the body; every
// request gets a fresh nonce and timestamp. Every failure is a CodedError
// whose message says what to do.
import { CodedError } from '../../../common/errors';
import type { Clock } from '../clock';
import { quotaMapFrom } from './envelopes';
import { httpsRequest, type HttpAnswer } from './https-request';
import type { RawMap } from './raw';
import { ApiEnvelopeSchema, CertificationSchema, CloudDeviceSchema, type CloudDevice, type MqttCredentials } from './rest-schemas';
import { signRequest, type SignValue } from './signing';

export const REGION_URLS = { eu: 'https://api-e.ecoflow.com', us: 'https://api-a.ecoflow.com' } as const;
export type Region = keyof typeof REGION_URLS;
export const REGION_LABELS: Readonly<Record<Region, string>> = { eu: 'Europe', us: 'Americas' };

/** 'eu' / 'us' or a custom base URL (trailing slash removed). */
export function resolveBaseUrl(regionOrUrl: string): string {
  const v = regionOrUrl.trim();
  return v in REGION_URLS ? REGION_URLS[v as Region] : v.replace(/\/+$/, '');
}

/** The region a base URL belongs to, or null for a custom URL. */
export function regionOf(baseUrl: string): Region | null {
  const url = resolveBaseUrl(baseUrl);
  return (Object.keys(REGION_URLS) as Region[]).find((r) => REGION_URLS[r] === url) ?? null;
}

export interface EcoFlowKeys {
  accessKey: string;
  secretKey: string;
}

export interface RestClientOptions {
  keys: EcoFlowKeys;
  baseUrl: string;
  ca?: string;
  clock: Clock;
  timeoutMs?: number;
}

const MAX_SKEW_MS = 60_000;

export class EcoFlowRestClient {
  readonly baseUrl: string;
  readonly #keys: EcoFlowKeys;
  readonly #ca: string | undefined;
  readonly #clock: Clock;
  readonly #timeoutMs: number;

  constructor(opts: Readonly<RestClientOptions>) {
    this.baseUrl = resolveBaseUrl(opts.baseUrl);
    this.#keys = { accessKey: opts.keys.accessKey.trim(), secretKey: opts.keys.secretKey.trim() };
    this.#ca = opts.ca;
    this.#clock = opts.clock;
    this.#timeoutMs = opts.timeoutMs ?? 15_000;
  }

  get host(): string {
    try {
      return new URL(this.baseUrl).host;
    } catch {
      return this.baseUrl;
    }
  }

  /** MQTT broker and credentials for this account. */
  async certification(): Promise<MqttCredentials> {
    return this.#parse(CertificationSchema, await this.#call('GET', '/iot-open/sign/certification'), 'certification');
  }

  /** Devices bound to this account (shared devices are not listed). Invalid entries are skipped. */
  async deviceList(): Promise<CloudDevice[]> {
    const data = await this.#call('GET', '/iot-open/sign/device/list');
    if (!Array.isArray(data)) throw this.#badAnswer('device list', 'data is not a list');
    return data.flatMap((d) => {
      const p = CloudDeviceSchema.safeParse(d);
      return p.success ? [p.data] : [];
    });
  }

  /** The full quota snapshot of one device (last known values, even when offline). */
  async quotaAll(sn: string): Promise<RawMap> {
    return this.#quotaMap(await this.#call('GET', '/iot-open/sign/device/quota/all', { sn }), sn);
  }

  /** Selected quotas (keep lists at 10 or fewer: the server's order for [10] is unknown, spec §2.3). */
  async quotaGet(sn: string, quotas: readonly string[]): Promise<RawMap> {
    return this.#quotaMap(await this.#call('POST', '/iot-open/sign/device/quota', { sn, params: { quotas: [...quotas] } }), sn);
  }

  /** A set command (spec §6). Success means the cloud accepted it, not that the device applied it. */
  async quotaSet(body: Record<string, SignValue>): Promise<void> {
    await this.#call('PUT', '/iot-open/sign/device/quota', body);
  }

  #quotaMap(data: unknown, sn: string): RawMap {
    const map = quotaMapFrom(data);
    if (typeof map === 'string') throw this.#badAnswer(`quota of ${sn}`, map);
    return map;
  }

  async #call(method: 'GET' | 'POST' | 'PUT', path: string, params?: Record<string, SignValue>): Promise<unknown> {
    const url = new URL(this.baseUrl + path);
    const signed = signRequest(params, this.#keys, this.#clock.now());
    const headers: Record<string, string> = { accessKey: signed.accessKey, nonce: signed.nonce, timestamp: signed.timestamp, sign: signed.sign };
    let body: string | undefined;
    if (method === 'GET') {
      for (const [k, v] of Object.entries(params ?? {})) url.searchParams.set(k, String(v));
    } else {
      headers['Content-Type'] = 'application/json;charset=UTF-8';
      body = JSON.stringify(params ?? {});
    }
    const answer = await httpsRequest({ url, method, headers, ...(body !== undefined && { body }), ...(this.#ca && { ca: this.#ca }), timeoutMs: this.#timeoutMs });
    return this.#check(answer, path);
  }

  #check(answer: HttpAnswer, path: string): unknown {
    let json: unknown;
    try {
      json = JSON.parse(answer.body);
    } catch {
      json = undefined;
    }
    const env = ApiEnvelopeSchema.safeParse(json);
    if (answer.status !== 200 && !(env.success && env.data.code !== '0')) {
      throw new CodedError('ecoflow-error', `${this.host} answered HTTP ${answer.status} for ${path}; check the API URL (expected https://api-e.ecoflow.com or https://api-a.ecoflow.com).`);
    }
    if (!env.success) throw this.#badAnswer(path, 'not an Open API answer');
    const { code, message, data } = env.data;
    if (code === '0') return data;
    throw this.#apiError(code, message ?? '', answer.serverDate);
  }

  #apiError(code: string, message: string, serverDate: number | null): CodedError {
    const host = this.host;
    if (code === '8513') {
      const region = regionOf(this.baseUrl);
      const other = region === 'eu' ? 'us' : region === 'us' ? 'eu' : null;
      const hint = other
        ? `check the access key, or, if your developer account is in ${REGION_LABELS[other]}, switch the region to ${REGION_LABELS[other]} (${new URL(REGION_URLS[other]).host})`
        : 'check the access key and the API URL (Europe: api-e.ecoflow.com, Americas: api-a.ecoflow.com)';
      return new CodedError('ecoflow-bad-key', `EcoFlow rejected the access key on ${host} (8513 ${message || 'accessKey is invalid'}): ${hint}.`);
    }
    if (code === '8521') {
      const skewS = serverDate === null ? 0 : Math.round((this.#clock.now() - serverDate) / 1000);
      if (Math.abs(skewS) * 1000 > MAX_SKEW_MS) {
        return new CodedError('clock-skew', `EcoFlow rejected the request signature on ${host} (8521): your clock is off by ${skewS} s (${skewS > 0 ? 'ahead' : 'behind'}); sync the system clock (NTP) and try again.`);
      }
      return new CodedError('ecoflow-bad-signature', `EcoFlow rejected the request signature on ${host} (8521 ${message || 'signature is wrong'}): check the secret key (paste it again without spaces).`);
    }
    if (code === '1006') {
      return new CodedError('ecoflow-model-not-allowed', `EcoFlow refused this device (1006 ${message}): the model is not opened to the developer API, or it is not bound to this account.`);
    }
    return new CodedError('ecoflow-error', `EcoFlow answered code ${code} on ${host}: ${message || 'no message'}.`);
  }

  #badAnswer(what: string, why: string): CodedError {
    return new CodedError('ecoflow-error', `Unexpected answer from ${this.host} for ${what} (${why}); check the API URL.`);
  }

  #parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, data: unknown, what: string): T {
    const p = schema.safeParse(data);
    if (!p.success) throw this.#badAnswer(what, 'fields missing or of the wrong type');
    return p.data;
  }
}
