// A TCP proxy between the app and a PostgreSQL server, for two failure shapes
// the sync must survive: a slow link (added latency each way, order kept) and
// the worst moment to lose a connection, right after the client's COMMIT was
// forwarded: the server commits, the client never sees the acknowledgement.
// COMMIT detection parses the client→server PostgreSQL protocol (plain TCP only).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, Socket, type Server } from 'node:net';
import { setPriority } from 'node:os';
import { join } from 'node:path';

export interface TcpProxy {
  readonly port: number;
  /** Added delay per direction, ms (a 50 ms round trip is latencyMs 25). */
  latencyMs: number;
  /** Cut the next n connections whose client sends COMMIT, right after forwarding it. */
  cutNextCommits(n: number): void;
  /** How many connections were cut after a COMMIT so far. */
  readonly commitsCut: number;
  /** Closes every open connection now (both sides). */
  dropAll(): void;
  close(): Promise<void>;
}

/** Splits the client→server byte stream into protocol messages and reports COMMITs. */
class FrontendParser {
  #buf: Buffer = Buffer.alloc(0);
  #startupDone = false;

  /** Feeds bytes; returns the byte offset just after the first COMMIT-carrying message in this chunk, or -1. */
  push(chunk: Buffer): number {
    const before = this.#buf.length;
    this.#buf = before ? Buffer.concat([this.#buf, chunk]) : chunk;
    let pos = 0;
    let hit = -1;
    for (;;) {
      if (!this.#startupDone) {
        // Untyped messages: SSLRequest/GSSENCRequest (8 bytes) then the StartupMessage.
        if (this.#buf.length - pos < 8) break;
        const len = this.#buf.readUInt32BE(pos);
        if (this.#buf.length - pos < len) break;
        const code = this.#buf.readUInt32BE(pos + 4);
        if (code === 196608) this.#startupDone = true;
        pos += len;
        continue;
      }
      if (this.#buf.length - pos < 5) break;
      const type = String.fromCharCode(this.#buf[pos] ?? 0);
      const len = this.#buf.readUInt32BE(pos + 1);
      if (this.#buf.length - pos < len + 1) break;
      if ((type === 'Q' || type === 'P') && hit < 0) {
        const text = this.#buf.toString('utf8', pos + 5, pos + 1 + len);
        if (/\bCOMMIT\b/i.test(text)) hit = pos + 1 + len - before;
      }
      pos += len + 1;
    }
    this.#buf = this.#buf.subarray(pos);
    return hit;
  }
}

export async function startTcpProxy(opts: { targetHost?: string; targetPort: number; latencyMs?: number }): Promise<TcpProxy> {
  const host = opts.targetHost ?? '127.0.0.1';
  const open = new Set<Socket>();
  let cutsArmed = 0;
  let commitsCut = 0;

  const api = {
    port: 0,
    latencyMs: opts.latencyMs ?? 0,
    cutNextCommits(n: number) {
      cutsArmed += n;
    },
    get commitsCut() {
      return commitsCut;
    },
    dropAll() {
      for (const s of open) s.destroy();
    },
    close: () => new Promise<void>((resolve) => {
      api.dropAll();
      server.close(() => resolve());
    }),
  };

  const later = (fn: () => void): void => {
    if (api.latencyMs > 0) setTimeout(fn, api.latencyMs);
    else fn();
  };

  const server: Server = createServer((client) => {
    const upstream = new Socket();
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    open.add(client);
    open.add(upstream);
    const parser = new FrontendParser();
    let cut = false;
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', closeBoth);
    upstream.on('error', closeBoth);
    client.on('close', () => later(() => upstream.end()));
    upstream.on('close', () => later(() => client.destroy()));
    upstream.connect(opts.targetPort, host);

    client.on('data', (chunk: Buffer) => {
      if (cut) return;
      const at = parser.push(chunk);
      if (at < 0 || cutsArmed <= 0) {
        later(() => upstream.write(chunk));
        return;
      }
      // Forward through the COMMIT, let the server have it, and never answer the client.
      cut = true;
      cutsArmed--;
      commitsCut++;
      client.destroy();
      later(() => upstream.end(chunk.subarray(0, at)));
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!cut) later(() => client.write(chunk));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  api.port = typeof addr === 'object' && addr ? addr.port : 0;
  return api;
}

/**
 * The same proxy in a child process, for benchmarks: the link then costs the
 * measured process no event-loop time, as a real network would not.
 * Only the latency option applies (no COMMIT cuts across processes).
 */
export async function startTcpProxyProcess(opts: { targetHost?: string; targetPort: number; latencyMs: number }): Promise<{ port: number; close(): Promise<void> }> {
  const code = `
    import { startTcpProxy } from ${JSON.stringify(import.meta.filename)};
    const p = await startTcpProxy(${JSON.stringify(opts)});
    process.stdout.write('port ' + p.port + '\\n');
    process.stdin.resume();
    process.stdin.on('end', () => process.exit(0));
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: join(import.meta.dirname, '..', '..'),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  try {
    // A real link is not slowed by this machine's other work: keep the stand-in ahead of it (needs root; else as is).
    setPriority(child.pid ?? 0, -10);
  } catch {
    // not permitted: the proxy runs at normal priority
  }
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (c) => reject(new Error(`proxy process exited (${c}) before listening`)));
    child.stdout.on('data', (b: Buffer) => {
      const m = /port (\d+)/.exec((out += b.toString()));
      if (m) resolve(Number(m[1]));
    });
  });
  return {
    port,
    async close() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.stdin.end(); // the child exits when its stdin closes, so it never outlives this process
      await exited;
    },
  };
}
