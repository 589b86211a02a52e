// The EcoFlow checks of `doctor` and the settings "Test" button, in the order
// a person would fix things: keys set, clock, keys on the region, MQTT login,
// devices on the account, each device's quota. A check that makes the later
// ones meaningless (host unreachable, keys refused) ends the list there.
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { connect as mqttConnect } from 'mqtt';
import { CodedError, isCodedError } from '../../../common/errors';
import type { ConnectionCheck, ConnectionTestResult } from '../../../common/schemas';
import type { Clock } from '../clock';
import { httpsRequest, transportError } from '../ecoflow/https-request';
import { diagnoseRegion, type RegionHosts } from '../ecoflow/region-probe';
import { EcoFlowRestClient, REGION_LABELS, REGION_URLS, type Region, type RestClientOptions } from '../ecoflow/rest-client';
import type { CloudDevice, MqttCredentials } from '../ecoflow/rest-schemas';
import type { Logger } from '../logger';
import { failed, failedFrom, passed, resultOf } from './check-result';
import { isAuthRefusal } from '../mqtt-refusal';

/** How the person names what they set, where they set it (the window's fields, or doctor's environment). */
export interface CheckWording {
  accessKey: string;
  secretKey: string;
  /** The fix when the keys belong to the region `label` whose base URL is `url`. */
  switchRegion(label: string, url: string): string;
  /** Where the watched devices are chosen. */
  devices: string;
}

export const SETTINGS_WORDING: CheckWording = {
  accessKey: 'the access key',
  secretKey: 'the secret key',
  switchRegion: (label) => `Switch the region to ${label} and test again.`,
  devices: 'the devices to watch',
};

export interface EcoflowCheckOptions {
  baseUrl: string;
  /** null (or a null key) when not set: one failed check says what to set. */
  keys: { accessKey: string | null; secretKey: string | null } | null;
  /** Serials to check; absent or empty: every device on the account. */
  devices?: readonly string[];
  ca?: string;
  /** Region → host (and CA) for the wrong-region probe; default the real EcoFlow hosts. */
  hosts?: RegionHosts;
  clock: Clock;
  logger: Logger;
  wording?: CheckWording;
  timeoutMs?: number;
}

const MAX_SKEW_MS = 60_000;
/** The Date header has whole seconds: the server's time lies within the second after it. */
const DATE_RESOLUTION_MS = 1000;

/**
 * doctor's own MQTT client id: stable (EcoFlow counts distinct ids per day, so repeated runs reuse
 * one) and distinct from the collector's, so a doctor run never kicks a running collector off.
 */
export function doctorClientId(accessKey: string): string {
  return `paku-ecoflow-${createHash('sha256').update(accessKey.trim()).digest('hex').slice(0, 12)}-doctor`;
}

export async function checkEcoflow(opts: Readonly<EcoflowCheckOptions>): Promise<ConnectionTestResult> {
  const log = opts.logger;
  const checks: ConnectionCheck[] = [];
  const add = (c: ConnectionCheck): boolean => {
    checks.push(c);
    if (c.ok) log.info(`${c.name}: ok`, { detail: c.message });
    else log.warn(`${c.name}: failed`, { code: c.code, detail: c.message });
    return c.ok;
  };
  await runChecks(opts, add);
  return resultOf(checks, [opts.keys?.accessKey, opts.keys?.secretKey]);
}

async function runChecks(opts: Readonly<EcoflowCheckOptions>, add: (c: ConnectionCheck) => boolean): Promise<void> {
  const wording = opts.wording ?? SETTINGS_WORDING;
  const accessKey = opts.keys?.accessKey?.trim();
  const secretKey = opts.keys?.secretKey?.trim();
  if (!accessKey || !secretKey) {
    const missing = [!accessKey && wording.accessKey, !secretKey && wording.secretKey].filter(Boolean).join(' and ');
    add(
      failed(
        'keys',
        'not-configured',
        `No EcoFlow keys to test: ${missing} ${missing.includes(' and ') ? 'are' : 'is'} not set.`,
        `Set ${missing}: create the key pair on the EcoFlow developer portal (Europe: developer-eu.ecoflow.com, Americas: developer.ecoflow.com; approval can take a few days, one key pair per account).`,
      ),
    );
    return;
  }
  const keys = { accessKey, secretKey };
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const common = { baseUrl, clock: opts.clock, timeoutMs, ...(opts.ca && { ca: opts.ca }) };

  const clock = await checkClock(common);
  if (!add(clock.check) && clock.skewMs === null) return;
  // Sign with the server's time when ours is off, so the key checks still say whether the keys are right.
  const skew = clock.skewMs;
  const signClock: Clock = skew === null ? opts.clock : { now: () => opts.clock.now() - skew, setTimeout: (fn, ms) => opts.clock.setTimeout(fn, ms) };
  const client = new EcoFlowRestClient({ ...common, keys, clock: signClock });

  const creds = await checkKeys(client, { ...common, keys, clock: signClock }, opts.hosts ?? REGION_URLS, wording);
  if (!add(creds.check) || !creds.value) return;

  add(await checkMqtt(creds.value, doctorClientId(accessKey), opts.ca, timeoutMs));

  let list: CloudDevice[];
  try {
    list = await client.deviceList();
  } catch (e) {
    add(failedFrom('devices', e));
    return;
  }
  const wanted = opts.devices?.length ? [...opts.devices] : list.map((d) => d.sn);
  add(devicesCheck(list, wanted, wording));
  for (const sn of wanted) add(await checkQuota(client, sn, list.find((d) => d.sn === sn)));
}

/** skewMs: local − server, set when beyond the limit (later checks sign with the server's time); null otherwise. */
async function checkClock(o: { baseUrl: string; ca?: string; clock: Clock; timeoutMs: number }): Promise<{ check: ConnectionCheck; skewMs: number | null }> {
  const url = new URL(o.baseUrl + '/');
  let serverDate: number | null;
  try {
    ({ serverDate } = await httpsRequest({ url, method: 'GET', headers: {}, timeoutMs: o.timeoutMs, ...(o.ca && { ca: o.ca }) }));
  } catch (e) {
    // The first contact with the host: when it fails, that is the news, not the clock.
    return { check: failedFrom('connection', e), skewMs: null };
  }
  if (serverDate === null) return { check: passed('clock', `${url.host} sent no time to compare with; the clock was not checked.`), skewMs: null };
  const skewMs = o.clock.now() - (serverDate + DATE_RESOLUTION_MS / 2);
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  if (Math.abs(skewMs) <= MAX_SKEW_MS) {
    return { check: passed('clock', `The clock agrees with ${url.host} (within ${Math.max(1, seconds)} s).`), skewMs: null };
  }
  return {
    check: failed('clock', 'clock-skew', `The clock is off by ${seconds} s (${skewMs > 0 ? 'ahead of' : 'behind'} ${url.host}); EcoFlow refuses requests more than 60 s off.`),
    skewMs,
  };
}

async function checkKeys(
  client: EcoFlowRestClient,
  probe: Readonly<RestClientOptions>,
  hosts: RegionHosts,
  wording: CheckWording,
): Promise<{ check: ConnectionCheck; value: MqttCredentials | null }> {
  const where = regionLabel(client.baseUrl, hosts);
  try {
    const creds = await client.certification();
    return { check: passed('keys', `The keys work on ${client.host}${where ? ` (${where})` : ''}.`), value: creds };
  } catch (e) {
    if (!isCodedError(e) || e.code !== 'ecoflow-bad-key') return { check: failedFrom('keys', e), value: null };
  }
  // 8513: a wrong key, or a key of the other region (spec §1). Ask the other region's host too.
  const diagnosis = await diagnoseRegion(probe, hosts);
  if (diagnosis.ok) return { check: failed('keys', 'ecoflow-error', `${client.host} refused the keys once and accepted them the next time; test again.`), value: null };
  const { code, message } = diagnosis.error;
  // diagnoseRegion names the region the keys work in; its label picks the host for the fix.
  const right = code === 'ecoflow-wrong-region' ? (Object.keys(hosts) as Region[]).find((r) => message.includes(REGION_LABELS[r])) : undefined;
  const fix = right ? wording.switchRegion(REGION_LABELS[right], hostUrl(hosts[right])) : undefined;
  return { check: failed('keys', code, message, fix), value: null };
}

const hostUrl = (h: RegionHosts[Region]): string => (typeof h === 'string' ? h : h.url);

function regionLabel(baseUrl: string, hosts: RegionHosts): string | null {
  const r = (Object.keys(hosts) as Region[]).find((k) => hostUrl(hosts[k]).replace(/\/+$/, '') === baseUrl);
  return r ? REGION_LABELS[r] : null;
}

/** A real TLS login to the broker certification names, then a clean disconnect. */
async function checkMqtt(creds: MqttCredentials, clientId: string, ca: string | undefined, timeoutMs: number): Promise<ConnectionCheck> {
  const broker = `${creds.url}:${creds.port}`;
  const client = mqttConnect(`mqtts://${broker}`, {
    clientId,
    username: creds.certificateAccount,
    password: creds.certificatePassword,
    protocolVersion: 4,
    clean: true,
    reconnectPeriod: 0,
    connectTimeout: timeoutMs,
    rejectUnauthorized: true,
    // SNI carries host names only (RFC 6066); an IP broker is verified by its IP SAN.
    ...(isIP(creds.url) === 0 && { servername: creds.url }),
    ...(ca && { ca }),
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new CodedError('network', `The EcoFlow broker ${broker} did not answer the login within ${Math.round(timeoutMs / 1000)} s.`)), timeoutMs);
      client.once('connect', () => resolve());
      client.once('error', (e) => reject(mqttError(broker, e, timeoutMs)));
      client.once('close', () => reject(new CodedError('network', `The EcoFlow broker ${broker} closed the connection during the login.`)));
    });
    return passed('mqtt', `Logged in to the EcoFlow broker ${broker} over TLS (client id ${clientId}).`);
  } catch (e) {
    return failedFrom('mqtt', e);
  } finally {
    clearTimeout(timer);
    client.removeAllListeners();
    client.on('error', () => {});
    await new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
  }
}

function mqttError(broker: string, e: Error, timeoutMs: number): CodedError {
  const code = (e as { code?: unknown }).code;
  if (isAuthRefusal(code)) {
    return new CodedError('mqtt-auth', `The EcoFlow broker ${broker} refused the login (${e.message}).`, { cause: e });
  }
  if (typeof code === 'number') return new CodedError('ecoflow-error', `The EcoFlow broker ${broker} refused the connection (${e.message}).`, { cause: e });
  return transportError(broker, e, timeoutMs);
}

const describeDevice = (d: CloudDevice): string => `${d.sn} (${d.productName || d.deviceName || 'unknown model'}, ${d.online ? 'online' : 'offline'})`;

function devicesCheck(list: readonly CloudDevice[], wanted: readonly string[], wording: CheckWording): ConnectionCheck {
  if (list.length === 0) {
    return failed('devices', 'not-found', 'No devices are bound to this EcoFlow account.', 'Add the power station to this account in the EcoFlow app (devices shared with you are not listed), then test again.');
  }
  const all = list.map(describeDevice).join(', ');
  const missing = wanted.filter((sn) => !list.some((d) => d.sn === sn));
  if (missing.length) {
    return failed(
      'devices',
      'not-found',
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not on this account; it has ${all}.`,
      `Check the serial numbers in ${wording.devices} (devices shared with you are not listed).`,
    );
  }
  return passed('devices', `${list.length} device${list.length === 1 ? '' : 's'} on the account: ${all}.`);
}

async function checkQuota(client: EcoFlowRestClient, sn: string, device: CloudDevice | undefined): Promise<ConnectionCheck> {
  const name = `device ${sn}`;
  const model = device?.productName || device?.deviceName;
  const label = model || 'This device';
  try {
    const quota = await client.quotaAll(sn);
    const n = Object.keys(quota).length;
    return passed(name, `${label}: the cloud answered ${n} values${device && !device.online ? ' (the device is offline: these are its last known values)' : ''}.`);
  } catch (e) {
    if (isCodedError(e) && e.code === 'ecoflow-model-not-allowed') {
      return failed(name, e.code, `${label}: this model is not opened to the developer API (EcoFlow answered 1006), so the app cannot read it.`);
    }
    return failedFrom(name, e);
  }
}
