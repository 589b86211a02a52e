// The headless HTTP face over real HTTP on 127.0.0.1: token, Host/Origin
// checks, CSP, SSE, static files without traversal, body limit. The service
// behind it is the real AppService over fake collector/store/sync.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppService } from '../../main/core/app-service';
import { startHttpFace, type HttpFace } from '../../main/core/http/http-face';
import { fakeDeps, type FakeCollector } from '../unit/main/core/app-service.fakes';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

let root: string;
let face: HttpFace;
let collector: FakeCollector;

function call(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: face.port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${face.port}`, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const auth = () => ({ authorization: `Bearer ${face.token}` });
const post = (channel: string, body: unknown, headers: Record<string, string> = auth()) =>
  call(`/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? '' : JSON.stringify(body) });

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'paku-http-'));
  const renderer = join(root, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>paku</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(root, 'secret.txt'), 'TOP-SECRET-OUTSIDE');
  symlinkSync(join(root, 'secret.txt'), join(renderer, 'assets', 'link.js'));
  const fakes = fakeDeps();
  collector = fakes.collector;
  face = await startHttpFace({ service: new AppService(fakes.deps), rendererDir: renderer, logger: fakes.deps.logger });
});

afterAll(async () => {
  await face?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('HTTP face', () => {
  it('listens on loopback and prints a URL carrying a 256-bit token', () => {
    expect(face.url).toBe(`http://127.0.0.1:${face.port}/?token=${face.token}`);
    expect(face.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('requires the token on every /api request', async () => {
    const none = await post('status:get', undefined, {});
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect((await post('status:get', undefined, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await post('status:get', undefined, { authorization: `Bearer ${face.token}x` })).status).toBe(401);
    // The query token is for the page and the event stream only, not for calls.
    expect((await call(`/api/status:get?token=${face.token}`, { method: 'POST', headers: { 'content-type': 'application/json' } })).status).toBe(401);
    const good = await post('status:get', undefined);
    expect(good.status).toBe(200);
    expect(JSON.parse(good.body)).toMatchObject({ ok: true, value: { collector: { connection: 'connected' } } });
  });

  it('refuses foreign Host headers (DNS rebinding) with 403', async () => {
    for (const host of ['evil.example', `evil.example:${face.port}`, `127.0.0.1:${face.port + 1}`, '0.0.0.0']) {
      const r = await call('/api/status:get', { method: 'POST', headers: { ...auth(), host, 'content-type': 'application/json' } });
      expect(r.status, host).toBe(403);
    }
    expect((await call('/', { headers: { host: 'attacker.test' } })).status).toBe(403);
    expect((await post('status:get', undefined, { ...auth(), host: `localhost:${face.port}` })).status).toBe(200);
  });

  it('refuses foreign Origin headers with 403 and accepts our own', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${face.port + 1}`, `https://127.0.0.1:${face.port}`, 'null']) {
      expect((await post('status:get', undefined, { ...auth(), origin })).status, origin).toBe(403);
    }
    expect((await post('status:get', undefined, { ...auth(), 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await post('status:get', undefined, { ...auth(), origin: `http://127.0.0.1:${face.port}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await post('status:get', undefined, { ...auth(), origin: `http://localhost:${face.port}` })).status).toBe(200);
  });

  it('sends the strict CSP and safety headers with the page and the API', async () => {
    const page = await call(`/?token=${face.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>paku</title>');
    const csp = String(page.headers['content-security-policy']);
    for (const d of ["default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"]) {
      expect(csp).toContain(d);
    }
    expect(csp).not.toMatch(/unsafe-eval|\*/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const api = await post('status:get', undefined);
    expect(api.headers['content-security-policy']).toBe(csp);
    expect(api.headers['cache-control']).toBe('no-store');
  });

  it('serves the renderer with types, falls back to index.html for routes, 404 for missing files', async () => {
    const js = await call('/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect((await call('/settings')).body).toContain('<title>paku</title>');
    expect((await call('/assets/missing.js')).status).toBe(404);
    expect((await call('/', { method: 'DELETE' })).status).toBe(405);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/assets/link.js', '/%00index.html', '/%E0%A4%A']) {
      const r = await call(path);
      expect([400, 404], path).toContain(r.status);
      expect(r.body, path).not.toContain('TOP-SECRET');
    }
  });

  it('validates calls against the contract', async () => {
    const bad = await post('series:query', { sn: 'SN1', from: 5, to: 1, fields: ['wattsIn'] });
    expect(bad.status).toBe(200);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const good = await post('series:query', { sn: 'SN1', from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 0, 1) + 3000, fields: ['wattsIn'] });
    expect(JSON.parse(good.body).value.points).toHaveLength(3);
    expect((await post('nothing:here', {})).status).toBe(404);
    expect((await call('/api/status:get', { headers: auth() })).status).toBe(405);
    expect((await call('/api/status:get', { method: 'POST', headers: { ...auth(), 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
    expect((await call('/api/status:get', { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: '{not json' })).status).toBe(400);
  });

  it('refuses bodies over the limit with 413', async () => {
    const huge = JSON.stringify({ theme: 'dark', pad: 'x'.repeat(70 * 1024) });
    const r = await call('/api/settings:update', { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: huge });
    expect(r.status).toBe(413);
    // A chunked body without Content-Length is counted as it arrives.
    const chunked = await new Promise<number>((resolve) => {
      const req = request({ host: '127.0.0.1', port: face.port, path: '/api/settings:update', method: 'POST', headers: { host: `127.0.0.1:${face.port}`, 'content-type': 'application/json', ...auth() } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(413));
      for (let i = 0; i < 80; i++) req.write('x'.repeat(1024));
      req.end();
    });
    expect(chunked).toBe(413);
  });

  it('pushes contract events over SSE to a client holding the token', async () => {
    expect((await call('/api/events')).status).toBe(401);
    const received = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: face.port, path: `/api/events?token=${face.token}`, headers: { host: `127.0.0.1:${face.port}`, accept: 'text/event-stream' } }, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes(': connected')) collector.push({ connection: 'reconnecting' });
          const frame = /event: status:changed\ndata: (.*)\n\n/.exec(text);
          if (frame?.[1]) {
            req.destroy();
            resolve(frame[1]);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(received)).toMatchObject({ connection: 'reconnecting' });
  });

  it('keeps secrets out of every answer', async () => {
    const key = 'K'.repeat(32);
    const r = await post('settings:update', { secrets: { ecoflowAccessKey: key } });
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { secrets: { ecoflowAccessKey: { isSet: true } } } });
    expect(r.body).not.toContain(key);
    expect((await post('settings:get', undefined)).body).not.toContain(key);
    expect((await post('diagnostics:get', undefined)).body).not.toContain(key);
  });
});
