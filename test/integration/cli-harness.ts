// Runs the real `paku-ecoflow` bin as a child process against the simulated
// EcoFlow cloud (HTTPS + TLS MQTT with its own CA, trusted through
// NODE_EXTRA_CA_CERTS as a user would), collecting its output for assertions.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { statusReport } from '../../main/cli/status';
import { systemClock } from '../../main/core/clock';
import { DEMO_STORE_FILE_NAME, STORE_FILE_NAME } from '../../main/core/data-dir';
import { silentLogger } from '../../main/core/logger';
import { startCloudSim, type CloudSim, type CloudSimOptions } from '../../main/core/simulator/cloud-sim';
import { ReadingStore } from '../../main/core/store/store';

const root = resolve(import.meta.dirname, '..', '..');
const BIN = join(root, 'bin', 'paku-ecoflow.js');

/** Variables of the parent that would change what the CLI does; a child starts without them. */
const CLI_VARIABLES = /^(ECOFLOW_|PAKU_|NODE_EXTRA_CA_CERTS$|NODE_OPTIONS$)/;

export type Env = Record<string, string>;

export interface CliWorld {
  sim: CloudSim;
  /** A fresh temporary folder (the CA file lives here too). */
  dir: string;
  /** ECOFLOW_* keys and URL of the simulator, NODE_EXTRA_CA_CERTS, PAKU_DATA_DIR, PAKU_SAMPLE_SECONDS=1. */
  env: Env;
  close(): Promise<void>;
}

export async function startCliWorld(simOptions: CloudSimOptions = {}): Promise<CliWorld> {
  const sim = await startCloudSim(simOptions);
  const dir = mkdtempSync(join(tmpdir(), 'paku-cli-'));
  const caFile = join(dir, 'sim-ca.pem');
  writeFileSync(caFile, sim.caPem);
  return {
    sim,
    dir,
    env: {
      ECOFLOW_ACCESS_KEY: sim.accessKey,
      ECOFLOW_SECRET_KEY: sim.secretKey,
      ECOFLOW_API_URL: sim.restUrl,
      NODE_EXTRA_CA_CERTS: caFile,
      PAKU_DATA_DIR: join(dir, 'data'),
      PAKU_SAMPLE_SECONDS: '1',
    },
    async close() {
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function childEnv(env: Env): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !CLI_VARIABLES.test(k)));
  return { ...base, ...env };
}

export interface CliRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resolves when stderr or stdout (or only stdout) so far match. */
  waitFor(pattern: RegExp, opts?: { timeoutMs?: number; stdoutOnly?: boolean }): Promise<void>;
  /** Sends the signal and resolves with the exit code and how long the exit took. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
}

/** Starts `paku-ecoflow ...args` with only the given CLI variables set. */
export function startCli(args: string[], env: Env): CliRun {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: root, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const changed = () => {
    for (const w of waiters) w();
  };
  child.stdout!.on('data', (b: Buffer) => ((out += b.toString()), changed()));
  child.stderr!.on('data', (b: Buffer) => ((err += b.toString()), changed()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => (changed(), done(code))));
  let exitedNow = false;
  void exited.then(() => (exitedNow = true));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(pattern, { timeoutMs = 30_000, stdoutOnly = false } = {}) {
      return new Promise((done, fail) => {
        const check = () => {
          if ((!stdoutOnly && pattern.test(err)) || pattern.test(out)) finish(done);
          else if (exitedNow) finish(() => fail(new Error(`paku-ecoflow ${args.join(' ')} exited before printing ${pattern}:\n${err}${out}`)));
        };
        const timer = setTimeout(() => finish(() => fail(new Error(`timed out after ${timeoutMs} ms waiting for ${pattern} from paku-ecoflow ${args.join(' ')}:\n${err}${out}`))), timeoutMs);
        const finish = (then: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          then();
        };
        waiters.add(check);
        check();
      });
    },
    async stop(signal = 'SIGINT') {
      const t0 = Date.now();
      child.kill(signal);
      const code = await exited;
      return { code, ms: Date.now() - t0 };
    },
  };
}

/** Runs a command to its end. */
export async function runCli(args: string[], env: Env): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = startCli(args, env);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/** `status --json` (or `status --demo --json`), parsed. */
export async function statusJson(env: Env, demo = false): Promise<StatusJson> {
  const args = ['status', ...(demo ? ['--demo'] : []), '--json'];
  const r = await runCli(args, env);
  if (r.code !== 0) throw new Error(`${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as StatusJson;
}

/**
 * Waits until the status of the data folder satisfies `ok`, then returns what
 * the real `status --json` says. The waiting reads the store in this process:
 * a node child per poll would take a core from the collector under test.
 */
export async function waitForStatus(env: Env, ok: (s: StatusJson) => boolean, timeoutMs: number, what: string, demo = false): Promise<StatusJson> {
  const path = join(env.PAKU_DATA_DIR!, demo ? DEMO_STORE_FILE_NAME : STORE_FILE_NAME);
  const read = async (): Promise<StatusJson | null> => {
    if (!existsSync(path)) return null;
    const store = ReadingStore.open({ path, clock: systemClock, logger: silentLogger });
    try {
      return JSON.parse(JSON.stringify(statusReport(store))) as StatusJson;
    } finally {
      store.close();
    }
  };
  await poll(read, (s) => s !== null && ok(s), timeoutMs, what);
  return poll(() => statusJson(env, demo), ok, 10_000, `${what} (status --json)`);
}

export interface StatusJson {
  collecting: boolean;
  notCollecting: string | null;
  devices: {
    sn: string;
    model: string;
    name: string;
    online: boolean | null;
    state: string;
    readings: number;
    latest: ({ ts: number } & Record<string, number>) | null;
  }[];
  unsynced: number;
  lastSyncError: string | null;
}

export async function poll<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
