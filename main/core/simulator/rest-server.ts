// The simulated REST API (spec §3) over node:https: routing, method checks,
// signature checks, the API's envelopes and error codes, and a Date header from
// the simulated clock so clients can detect clock skew.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SignValue } from '../ecoflow/signing';
import type { QuotaMap } from './physics/quota-common';
import { API_ERRORS, verifySignedRequest, type ApiError } from './rest-auth';
import type { SimDevice } from './sim-device';

export interface RestCall {
  method: string;
  path: string;
  /** The envelope code answered ("0" for success, "405" for a wrong method). */
  code: string;
  at: number;
}

/** What the REST face needs from the simulator. */
export interface RestBackend {
  now(): number;
  keys(): { accessKey: string; secretKey: string };
  maxSkewMs: number;
  rejectAccessKey(): boolean;
  certification(): Record<string, string>;
  devices(): readonly SimDevice[];
  /** Applies a set command (REST PUT) and publishes the reply and changes over MQTT. */
  setCommand(device: SimDevice, body: Record<string, unknown>): void;
  record(call: RestCall): void;
}

const ROUTES: Readonly<Record<string, string>> = {
  '/iot-open/sign/certification': 'GET',
  '/iot-open/sign/device/list': 'GET',
  '/iot-open/sign/device/quota/all': 'GET',
  '/iot-open/sign/device/quota': 'POST,PUT',
};

const MAX_BODY = 64 * 1024;

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function pickQuotas(view: QuotaMap, wanted: unknown): QuotaMap | null {
  if (!Array.isArray(wanted) || !wanted.every((q) => typeof q === 'string')) return null;
  const out: QuotaMap = {};
  for (const q of wanted as string[]) if (Object.hasOwn(view, q)) out[q] = view[q] as QuotaMap[string];
  return out;
}

export function createRestHandler(b: RestBackend): (req: IncomingMessage, res: ServerResponse) => void {
  const seen = new Map<string, number>();

  const send = (req: IncomingMessage, res: ServerResponse, status: number, envelope: Record<string, unknown>): void => {
    const url = new URL(req.url ?? '/', 'https://sim');
    b.record({ method: req.method ?? '', path: url.pathname, code: String(envelope['code']), at: b.now() });
    const text = JSON.stringify(envelope);
    res.writeHead(status, {
      'Content-Type': 'application/json;charset=UTF-8',
      'Content-Length': Buffer.byteLength(text),
      Date: new Date(b.now()).toUTCString(),
    });
    res.end(text);
  };
  const fail = (req: IncomingMessage, res: ServerResponse, e: ApiError): void =>
    send(req, res, 200, { code: e.code, message: e.message, eagleEyeTraceId: randomBytes(16).toString('hex'), tid: '' });
  const ok = (req: IncomingMessage, res: ServerResponse, data?: unknown): void =>
    send(req, res, 200, {
      code: '0',
      message: 'Success',
      ...(data === undefined ? {} : { data }),
      eagleEyeTraceId: randomBytes(16).toString('hex'),
      tid: '',
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'https://sim');
    const method = req.method ?? 'GET';
    const allowed = ROUTES[url.pathname];
    if (!allowed) return send(req, res, 404, { code: '404', message: 'Not Found' });
    if (!allowed.split(',').includes(method)) return send(req, res, 405, { code: '405', message: 'Method Not Allowed' });
    const text = await readBody(req);
    if (text === null) return send(req, res, 413, { code: '413', message: 'Payload Too Large' });
    let body: Record<string, SignValue> | undefined;
    if (text.trim()) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (!isObj(parsed)) throw new Error('not an object');
        body = parsed as Record<string, SignValue>;
      } catch {
        return send(req, res, 400, { code: '400', message: 'Bad Request' });
      }
    }
    const keys = b.keys();
    const authError = verifySignedRequest(
      { headers: req.headers, query: url.searchParams, body },
      { ...keys, nowMs: b.now(), maxSkewMs: b.maxSkewMs, rejectAccessKey: b.rejectAccessKey(), seen },
    );
    if (authError) return fail(req, res, authError);

    if (url.pathname === '/iot-open/sign/certification') return ok(req, res, b.certification());
    if (url.pathname === '/iot-open/sign/device/list') {
      return ok(
        req,
        res,
        b.devices().map((d) => ({ sn: d.sn, deviceName: d.deviceName, online: d.online ? 1 : 0, productName: d.productName })),
      );
    }
    const sn = method === 'GET' ? url.searchParams.get('sn') : typeof body?.['sn'] === 'string' ? body['sn'] : null;
    const device = b.devices().find((d) => d.sn === sn);
    if (!device || !device.allowed) return fail(req, res, method === 'PUT' ? API_ERRORS.noPermission : API_ERRORS.notAllowed);
    if (method === 'GET') return ok(req, res, device.cloudView());
    if (method === 'POST') {
      const picked = pickQuotas(device.cloudView(), isObj(body?.['params']) ? body['params']['quotas'] : undefined);
      return picked ? ok(req, res, picked) : send(req, res, 400, { code: '400', message: 'Bad Request' });
    }
    b.setCommand(device, body ?? {});
    return ok(req, res);
  };

  return (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(req, res, 500, { code: '500', message: 'Internal Server Error' });
      else res.destroy();
    });
  };
}
