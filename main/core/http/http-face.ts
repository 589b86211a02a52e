// The headless HTTP face of the window contract: `POST /api/<channel>` with a
// JSON body, `GET /api/events` as Server-Sent Events, and the built renderer.
// Bound to 127.0.0.1 only; every /api request needs the random token; foreign
// Host and Origin headers are refused (DNS rebinding, other sites, other local
// ports). The page is opened as /?token=…; the renderer moves the token into
// memory and drops it from the address (history.replaceState), and
// Referrer-Policy: no-referrer keeps it out of any Referer.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isEventChannel, isInvokeChannel, type EventChannel } from '../../../common/contract';
import type { ErrorCode } from '../../../common/errors';
import { err, type Result } from '../../../common/result';
import type { Logger } from '../logger';
import { hostAllowed, newToken, originAllowed, SECURITY_HEADERS, tokenFrom, tokenMatches } from './guards';
import { staticFile } from './static-files';

/** What the face needs from AppService. */
export interface ContractService {
  handle(channel: string, raw: unknown): Promise<Result<unknown>>;
  onAny(listener: (name: EventChannel, payload: unknown) => void): () => void;
}

export interface HttpFaceOptions {
  service: ContractService;
  rendererDir: string;
  logger: Logger;
  /** 0 or absent: a free port. */
  port?: number;
  /** Fixed token (tests); absent: 256 random bits. */
  token?: string;
  /** Largest accepted JSON body. */
  maxBodyBytes?: number;
  /** SSE keep-alive comment interval. */
  heartbeatMs?: number;
}

export interface HttpFace {
  /** The address to open, with the token: http://127.0.0.1:PORT/?token=… */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

class BodyTooLarge extends Error {}

function send(res: ServerResponse, status: number, body: string, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

function sendResult(res: ServerResponse, status: number, result: Result<unknown>, extra: Record<string, string> = {}): void {
  send(res, status, JSON.stringify(result), 'application/json; charset=utf-8', extra);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHttpFace(opts: HttpFaceOptions): Promise<HttpFace> {
  const token = opts.token ?? newToken();
  const limit = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log = opts.logger.child('http');
  const streams = new Set<ServerResponse>();
  let port = 0;

  const refuse = (req: IncomingMessage, res: ServerResponse, status: number, code: ErrorCode, message: string, extra?: Record<string, string>) => {
    log.warn('refused a request', { status, method: req.method, path: (req.url ?? '').split('?')[0], reason: message });
    sendResult(res, status, err(code, message), extra);
  };

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const isEvents = url.pathname === '/api/events';
    if (!tokenMatches(tokenFrom(req.headers.authorization, url, isEvents && req.method === 'GET'), token)) {
      return refuse(req, res, 401, 'bad-request', 'Missing or wrong token: open the address printed by "paku-ecoflow serve" (it carries the token).', {
        'WWW-Authenticate': 'Bearer',
      });
    }
    if (isEvents) {
      if (req.method !== 'GET') return refuse(req, res, 405, 'bad-request', 'Use GET for /api/events.', { Allow: 'GET' });
      return openStream(req, res);
    }
    const channel = url.pathname.slice('/api/'.length);
    if (!isInvokeChannel(channel)) return refuse(req, res, 404, 'not-found', `There is no call named "${channel}".`);
    if (req.method !== 'POST') return refuse(req, res, 405, 'bad-request', `Use POST for /api/${channel}.`, { Allow: 'POST' });
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return refuse(req, res, 415, 'bad-request', 'Send the request as JSON (Content-Type: application/json).');
    }
    let raw: unknown;
    try {
      const text = await readBody(req, limit);
      raw = text.trim() === '' ? undefined : JSON.parse(text);
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        res.setHeader('Connection', 'close');
        return refuse(req, res, 413, 'bad-request', `The request is larger than ${limit} bytes.`);
      }
      return refuse(req, res, 400, 'bad-request', 'The request body is not valid JSON.');
    }
    sendResult(res, 200, await opts.service.handle(channel, raw));
  }

  function openStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write('retry: 2000\n: connected\n\n');
    streams.add(res);
    req.socket.setNoDelay(true);
    req.on('close', () => streams.delete(res));
  }

  async function page(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(req, res, 405, 'bad-request', 'Only GET is served here.', { Allow: 'GET, HEAD' });
    const answer = await staticFile(opts.rendererDir, url.pathname);
    if (answer.status !== 200) return send(res, answer.status, answer.message, 'text/plain; charset=utf-8');
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': answer.type, 'Cache-Control': 'no-cache', 'Content-Length': answer.body.length });
    res.end(req.method === 'HEAD' ? undefined : answer.body);
  }

  const server = createServer((req, res) => {
    const handle = async () => {
      if (!hostAllowed(req.headers.host, port)) return refuse(req, res, 403, 'bad-request', 'Unexpected Host header: open the address printed by "paku-ecoflow serve".');
      if (!originAllowed(req.headers, port)) return refuse(req, res, 403, 'bad-request', 'Requests from other sites are not accepted.');
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return api(req, res, url);
      return page(req, res, url);
    };
    handle().catch((e: unknown) => {
      log.error('request failed', { error: e instanceof Error ? e.message : String(e) });
      if (!res.headersSent) sendResult(res, 500, err('internal', 'The server failed to answer; the log has the details.'));
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  const heartbeat = setInterval(() => {
    for (const s of streams) s.write(': ping\n\n');
  }, opts.heartbeatMs ?? 20_000);
  heartbeat.unref();

  const unsubscribe = opts.service.onAny((name, payload) => {
    if (!isEventChannel(name) || streams.size === 0) return;
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const s of streams) s.write(frame);
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/?token=${token}`;
  log.info('window server listening', { address: `http://127.0.0.1:${port}/` });

  return {
    url,
    port,
    token,
    close: async () => {
      unsubscribe();
      clearInterval(heartbeat);
      for (const s of streams) s.end();
      streams.clear();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
}
