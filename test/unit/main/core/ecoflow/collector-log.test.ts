// A long outage must not flood the log: the collector retries a failed start
// every few minutes, so only a new (or changed) failure is an ERROR line; the
// same failure again is DEBUG. Real TCP on localhost, no cloud needed.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../../main/core/clock';
import { Collector } from '../../../../../main/core/ecoflow/collector';
import { createLogger } from '../../../../../main/core/logger';

const memoryKv = () => {
  const m = new Map<string, string>();
  return { get: (k: string) => m.get(k) ?? null, set: (k: string, v: string) => void m.set(k, v) };
};

const listen = (srv: Server, port = 0): Promise<number> =>
  new Promise((resolve) => srv.listen(port, '127.0.0.1', () => resolve((srv.address() as { port: number }).port)));
const close = (srv: Server): Promise<void> => new Promise((resolve) => srv.close(() => resolve()));

const until = async (cond: () => boolean): Promise<void> => {
  const end = Date.now() + 5_000;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting for the retry');
    await new Promise((r) => setTimeout(r, 10));
  }
};

let collector: Collector | null = null;
afterEach(async () => {
  await collector?.stop();
});

describe('collector start failures in the log', () => {
  it('logs the first failure at ERROR, identical retries at DEBUG, a changed failure at ERROR again', async () => {
    // A port with nothing listening: connection refused.
    const probe = createServer();
    const port = await listen(probe);
    await close(probe);

    const lines: string[] = [];
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    collector = new Collector({
      keys: { accessKey: 'access-key-1', secretKey: 'secret-key-1' },
      baseUrl: `https://127.0.0.1:${port}`,
      clock,
      logger: createLogger({ sink: (line) => lines.push(line), level: 'debug', now: () => clock.now() }),
      kv: memoryKv(),
    });
    const failures = () => lines.filter((l) => l.includes('could not connect to the EcoFlow cloud'));
    const retry = async (): Promise<void> => {
      const before = failures().length;
      clock.advance(300_000); // past the longest backoff
      await until(() => failures().length > before);
    };

    expect((await collector.start()).ok).toBe(false);
    for (let i = 0; i < 3; i++) await retry();
    expect(failures().map((l) => l.split(' ')[1])).toEqual(['ERROR', 'DEBUG', 'DEBUG', 'DEBUG']);
    expect(failures()[0]).toContain('refused');
    expect(failures()[3]).toContain('attempt=4');

    // Something now answers on the port but drops the connection: a different failure.
    const dropper = createServer((socket) => socket.destroy());
    await listen(dropper, port);
    try {
      await retry();
      expect(failures().at(-1)).toMatch(/ ERROR .*could not connect to the EcoFlow cloud error=/);
      expect(failures().at(-1)).not.toContain('refused');
    } finally {
      await close(dropper);
    }
  });
});
