import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCodedError } from '../../../../../common/errors';
import { ManualClock } from '../../../../../main/core/clock';
import { diagnoseRegion } from '../../../../../main/core/ecoflow/region-probe';
import { EcoFlowRestClient, resolveBaseUrl } from '../../../../../main/core/ecoflow/rest-client';
import { hmacHex, signString, type SignValue } from '../../../../../main/core/ecoflow/signing';
import { json, startHttpsStub, type StubRequest } from './https-stub';

const AK = 'Fp4SvIprYSDPXtYJidEtUAd1o';
const SK = 'WIbFEKre0s6sLnh4ei7SPUeYnptHG6V';

/** Verifies the signature the way the cloud does (spec §2.4). */
function signatureValid(r: StubRequest): boolean {
  const h = r.headers;
  const isJson = h['content-type'] === 'application/json;charset=UTF-8';
  const params: Record<string, SignValue> | undefined = isJson ? (JSON.parse(r.body || '{}') as Record<string, SignValue>) : Object.fromEntries(r.url.searchParams);
  const s = signString(Object.keys(params).length ? params : undefined, String(h.accesskey), String(h.nonce), String(h.timestamp));
  return h.accesskey === AK && hmacHex(SK, s) === h.sign;
}

let mode: 'ok' | '8513' | '8521' | '1006' | '500' | 'garbage' | 'hang' = 'ok';
let serverDate: string | undefined;
const stub = await startHttpsStub((r, res) => {
  if (mode === 'hang') return;
  const headers: Record<string, string> = serverDate ? { date: serverDate } : {};
  if (mode === '500') return json(res, 'oops', 500);
  if (mode === 'garbage') return json(res, { hello: 1 });
  if (mode === '8513') return json(res, { code: '8513', message: 'accessKey is invalid' }, 200, headers);
  if (mode === '1006') return json(res, { code: '1006', message: 'current device is not allowed to get device info' });
  if (mode === '8521' || !signatureValid(r)) return json(res, { code: '8521', message: 'signature is wrong' }, 200, headers);
  if (r.url.pathname.endsWith('/certification')) return json(res, { code: '0', data: { certificateAccount: 'open-abc', certificatePassword: 'pw123456', url: 'localhost', port: '8883', protocol: 'mqtts' } });
  if (r.url.pathname.endsWith('/device/list')) return json(res, { code: '0', data: [{ sn: 'DCABZ1', deviceName: 'Camper', online: 1, productName: 'DELTA Pro' }, { sn: 'bad sn!' }, { sn: 'R331X', online: 0 }] });
  if (r.url.pathname.endsWith('/quota/all')) return json(res, { code: '0', data: { 'bmsMaster.soc': '100', sn: r.url.searchParams.get('sn') } });
  if (r.method === 'POST') return json(res, { code: '0', data: { 'inv.cfgAcEnabled': 1 } });
  return json(res, { code: '0', message: 'Success' });
});

const clock = new ManualClock(Date.now());
const client = (over: Partial<ConstructorParameters<typeof EcoFlowRestClient>[0]> = {}) =>
  new EcoFlowRestClient({ keys: { accessKey: ` ${AK}\n`, secretKey: `${SK} ` }, baseUrl: stub.url, ca: stub.ca, clock, ...over });

async function codeOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isCodedError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a failure');
}

beforeAll(() => void (mode = 'ok'));
afterAll(() => stub.close());

describe('EcoFlowRestClient over real HTTPS', () => {
  it('certification: GET, no Content-Type, trimmed keys, auth triple signed', async () => {
    mode = 'ok';
    const c = await client().certification();
    expect(c).toEqual({ certificateAccount: 'open-abc', certificatePassword: 'pw123456', url: 'localhost', port: 8883, protocol: 'mqtts' });
    const r = stub.requests.at(-1)!;
    expect(r.method).toBe('GET');
    expect(r.headers['content-type']).toBeUndefined();
    expect(r.headers.nonce).toMatch(/^\d{6}$/);
  });

  it('device list validated; entries with bad serials skipped', async () => {
    expect(await client().deviceList()).toEqual([
      { sn: 'DCABZ1', deviceName: 'Camper', online: true, productName: 'DELTA Pro' },
      { sn: 'R331X', online: false },
    ]);
  });

  it('quota/all signs the query; quota get POSTs JSON; set PUTs JSON; fresh nonce/timestamp each time', async () => {
    const all = await client().quotaAll('DCABZ1');
    expect(all['bmsMaster.soc']).toBe('100');
    expect(stub.requests.at(-1)!.url.search).toBe('?sn=DCABZ1');
    expect(await client().quotaGet('DCABZ1', ['inv.cfgAcEnabled'])).toMatchObject({ 'inv.cfgAcEnabled': 1 });
    const post = stub.requests.at(-1)!;
    expect(post.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(JSON.parse(post.body)).toEqual({ sn: 'DCABZ1', params: { quotas: ['inv.cfgAcEnabled'] } });
    clock.advance(5);
    await client().quotaSet({ sn: 'DCABZ1', params: { cmdSet: 32, id: 66, enabled: 1 } });
    const put = stub.requests.at(-1)!;
    expect(put.method).toBe('PUT');
    expect(put.headers.timestamp).not.toBe(post.headers.timestamp);
    const nonces = new Set(stub.requests.map((r) => r.headers.nonce));
    expect(nonces.size).toBeGreaterThan(stub.requests.length - 2);
  });

  it('8513 names the host and suggests the other region', async () => {
    mode = '8513';
    const e = await codeOf(client().certification());
    expect(e.code).toBe('ecoflow-bad-key');
    expect(e.message).toContain(new URL(stub.url).host);
    const eu = new EcoFlowRestClient({ keys: { accessKey: AK, secretKey: SK }, baseUrl: 'eu', clock });
    expect(eu.baseUrl).toBe('https://api-e.ecoflow.com');
    expect(resolveBaseUrl('us')).toBe('https://api-a.ecoflow.com');
  });

  it('8521: "check the secret"; with the server Date 120 s away: "your clock is off by 120 s"', async () => {
    mode = 'ok';
    const bad = await codeOf(new EcoFlowRestClient({ keys: { accessKey: AK, secretKey: 'wrong' }, baseUrl: stub.url, ca: stub.ca, clock }).certification());
    expect(bad).toMatchObject({ code: 'ecoflow-bad-signature', message: expect.stringContaining('secret key') });
    mode = '8521';
    const skewed = new ManualClock(Date.now() + 120_000);
    serverDate = new Date().toUTCString();
    const e = await codeOf(client({ clock: skewed }).certification());
    serverDate = undefined;
    expect(e.code).toBe('clock-skew');
    expect(e.message).toMatch(/clock is off by 1(19|20|21) s \(ahead\)/);
  });

  it('1006, HTTP 500 and non-API answers', async () => {
    mode = '1006';
    expect(await codeOf(client().quotaAll('R621X'))).toMatchObject({ code: 'ecoflow-model-not-allowed', message: expect.stringContaining('not opened to the developer API') });
    mode = '500';
    expect(await codeOf(client().certification())).toMatchObject({ code: 'ecoflow-error', message: expect.stringContaining('HTTP 500') });
    mode = 'garbage';
    expect(await codeOf(client().certification())).toMatchObject({ code: 'ecoflow-error', message: expect.stringContaining('Unexpected answer') });
    mode = 'ok';
  });

  it('network and TLS failures', async () => {
    const tls = await codeOf(client({ ca: undefined }).certification());
    expect(tls.code).toBe('tls');
    expect(tls.message).toContain('NODE_EXTRA_CA_CERTS');
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect(await codeOf(client({ baseUrl: `https://127.0.0.1:${port}` }).certification())).toMatchObject({ code: 'network', message: expect.stringContaining('refused') });
    expect(await codeOf(client({ baseUrl: 'https://no-such-host.invalid' }).certification())).toMatchObject({ code: 'network', message: expect.stringContaining('resolved') });
    mode = 'hang';
    expect(await codeOf(client({ timeoutMs: 300 }).certification())).toMatchObject({ code: 'network', message: expect.stringContaining('no answer within') });
    mode = 'ok';
  });
});

describe('diagnoseRegion', () => {
  it('keys rejected here but accepted on the other region → "switch region"', async () => {
    const wrong = await startHttpsStub((_r, res) => json(res, { code: '8513', message: 'accessKey is invalid' }));
    try {
      mode = 'ok';
      const opts = { keys: { accessKey: AK, secretKey: SK }, baseUrl: wrong.url, ca: stub.ca, clock };
      const res = await diagnoseRegion(opts, { eu: wrong.url, us: stub.url });
      expect(res).toEqual({ ok: false, error: { code: 'ecoflow-wrong-region', message: expect.stringContaining('switch the region to Americas') } });
      expect(await diagnoseRegion({ ...opts, baseUrl: stub.url }, { eu: wrong.url, us: stub.url })).toEqual({ ok: true, value: { baseUrl: stub.url, region: 'us' } });
      mode = '8513';
      expect(await diagnoseRegion(opts, { eu: wrong.url, us: stub.url })).toMatchObject({ ok: false, error: { code: 'ecoflow-bad-key' } });
    } finally {
      mode = 'ok';
      await wrong.close();
    }
  });
});
