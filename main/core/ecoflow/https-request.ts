// One HTTPS request with a timeout and a body cap, over node:https so a
// private CA (the simulator's) can be passed; without one, Node's trust store
// and NODE_EXTRA_CA_CERTS apply. Transport failures become CodedErrors.
import http from 'node:http';
import https from 'node:https';
import { CodedError } from '../../../common/errors';

export interface HttpAnswer {
  status: number;
  /** The server's Date header as epoch ms, or null. */
  serverDate: number | null;
  body: string;
}

export interface HttpRequest {
  url: URL;
  method: 'GET' | 'POST' | 'PUT';
  headers: Record<string, string>;
  body?: string;
  ca?: string;
  timeoutMs: number;
}

const MAX_BODY_BYTES = 8 * 1024 * 1024;

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|ERR_TLS|ERR_SSL|EPROTO/;

/** Words a person can act on for a network or TLS failure reaching host. */
export function transportError(host: string, e: unknown, timeoutMs: number): CodedError {
  const code = (e as { code?: unknown }).code;
  const text = typeof code === 'string' ? code : e instanceof Error ? e.message : String(e);
  if (TLS_CODES.test(text)) {
    return new CodedError('tls', `The certificate of ${host} could not be verified (${text}). If you use a private CA, set NODE_EXTRA_CA_CERTS; otherwise check the system clock and any proxy intercepting HTTPS.`, { cause: e });
  }
  const why: Record<string, string> = {
    ECONNREFUSED: 'the connection was refused',
    ENOTFOUND: 'the host name could not be resolved',
    EAI_AGAIN: 'the host name could not be resolved (DNS not answering)',
    ETIMEDOUT: `there was no answer within ${Math.round(timeoutMs / 1000)} s`,
    ECONNRESET: 'the connection was reset',
    EHOSTUNREACH: 'the host is unreachable',
    ENETUNREACH: 'the network is unreachable',
  };
  return new CodedError('network', `Could not reach ${host}: ${why[text] ?? text}. Check the internet connection and the API URL.`, { cause: e });
}

export function httpsRequest(req: HttpRequest): Promise<HttpAnswer> {
  const host = req.url.host;
  const lib = req.url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const options: https.RequestOptions = { method: req.method, headers: req.headers, timeout: req.timeoutMs };
    if (req.ca) options.ca = req.ca;
    const r = lib.request(req.url, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY_BYTES) {
          r.destroy(new CodedError('ecoflow-error', `The answer from ${host} was larger than ${MAX_BODY_BYTES} bytes; is the API URL right?`));
        } else chunks.push(c);
      });
      res.on('end', () => {
        const date = res.headers.date ? Date.parse(res.headers.date) : NaN;
        resolve({ status: res.statusCode ?? 0, serverDate: Number.isFinite(date) ? date : null, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', (e) => reject(transportError(host, e, req.timeoutMs)));
    });
    r.on('timeout', () => r.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    r.on('error', (e) => reject(e instanceof CodedError ? e : transportError(host, e, req.timeoutMs)));
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}
