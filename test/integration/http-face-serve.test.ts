// `serve` over an injected runtime: the first stdout line is the address with
// the token, it answers, and a stop signal closes the face and the runtime.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isCodedError } from '../../common/errors';
import { AppService } from '../../main/core/app-service';
import { runServe, serveOptionsFrom, type ServeIo, type ServeRuntimeFactory } from '../../main/cli/serve';
import { fakeDeps } from '../unit/main/core/app-service.fakes';

function harness() {
  const out: string[] = [];
  const err: string[] = [];
  let stop!: () => void;
  let firstLine!: (line: string) => void;
  const urlPrinted = new Promise<string>((r) => (firstLine = r));
  const io: ServeIo = {
    out: (l) => (out.push(l), out.length === 1 && firstLine(l)),
    err: (l) => err.push(l),
    stopped: new Promise<void>((r) => (stop = r)),
  };
  const closed: string[] = [];
  const factory: ServeRuntimeFactory = async ({ demo }) => {
    const { deps } = fakeDeps({ app: { name: 'paku-ecoflow', version: '0.1.0', face: 'http', demo } });
    return { service: new AppService(deps), logger: deps.logger, close: async () => void closed.push('runtime') };
  };
  return { out, err, io, stop: () => stop(), urlPrinted, closed, factory };
}

describe('paku-ecoflow serve', () => {
  it('prints the URL with the token first, serves the API, and stops cleanly', async () => {
    const h = harness();
    const done = runServe(serveOptionsFrom({ demo: true }, '/nonexistent/renderer'), h.factory, h.io);
    const url = await h.urlPrinted;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    const { origin, searchParams } = new URL(url);
    const res = await fetch(`${origin}/api/status:get`, { method: 'POST', headers: { authorization: `Bearer ${searchParams.get('token')}`, 'content-type': 'application/json' }, body: 'null' });
    expect(await res.json()).toMatchObject({ ok: true, value: { app: { demo: true, face: 'http' } } });
    expect(h.err.join('\n')).toContain('npm run build:renderer');
    h.stop();
    expect(await done).toBe(0);
    expect(h.closed).toEqual(['runtime']);
    await expect(fetch(`${origin}/`)).rejects.toThrow();
  });

  it('says what to do when the port is taken, and closes the runtime', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const h = harness();
    const e = await runServe(serveOptionsFrom({ port: String(port) }), h.factory, h.io).catch((x: unknown) => x);
    blocker.close();
    expect(isCodedError(e) && e.message).toContain(`Port ${port} is already in use`);
    expect(h.closed).toEqual(['runtime']);
    expect(h.out).toEqual([]);
  });

  it('checks --port', () => {
    expect(() => serveOptionsFrom({ port: 'eighty' })).toThrow('--port must be a whole number from 1 to 65535 (got "eighty").');
    expect(serveOptionsFrom({ port: '8080' })).toMatchObject({ port: 8080, demo: false });
  });
});
