// `paku-ecoflow serve [--port N] [--demo]`: the window in a browser, served by
// the headless HTTP face on 127.0.0.1. The first line on stdout is the
// address with the token; everything else goes to stderr. The core comes from
// an injected runtime factory (the composition root builds it from settings,
// or on the simulator with --demo).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CodedError } from '../../common/errors';
import type { Logger } from '../core/logger';
import { startHttpFace, type ContractService } from '../core/http/http-face';
import { startCliRuntime } from './cli-runtime';
import { loadCliConfig } from './config';
import type { CliValues } from './index';

/** What serve needs from the running core. */
export interface ServeRuntime {
  service: ContractService;
  logger: Logger;
  /** Stops collector and sync, flushing what is pending. */
  close(): Promise<void>;
}

export type ServeRuntimeFactory = (opts: { demo: boolean; values: CliValues }) => Promise<ServeRuntime>;

export interface ServeOptions {
  /** Absent: a free port. */
  port?: number;
  demo: boolean;
  rendererDir: string;
  values: CliValues;
}

export interface ServeIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the server should stop (SIGINT/SIGTERM). */
  stopped: Promise<void>;
}

/** The built renderer next to the sources (out/renderer), wherever the CLI is started from. */
export const DEFAULT_RENDERER_DIR = resolve(import.meta.dirname, '..', '..', 'out', 'renderer');

export function serveOptionsFrom(values: CliValues, rendererDir = DEFAULT_RENDERER_DIR): ServeOptions {
  const opts: ServeOptions = { demo: values.demo === true, rendererDir, values };
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new CodedError('bad-request', `--port must be a whole number from 1 to 65535 (got "${values.port}").`);
    opts.port = port;
  }
  return opts;
}

function processIo(): ServeIo {
  return {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    stopped: new Promise((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    }),
  };
}

export async function runServe(opts: ServeOptions, createRuntime: ServeRuntimeFactory, io: ServeIo = processIo()): Promise<number> {
  const runtime = await createRuntime({ demo: opts.demo, values: opts.values });
  let face;
  try {
    face = await startHttpFace({ service: runtime.service, rendererDir: opts.rendererDir, logger: runtime.logger, ...(opts.port ? { port: opts.port } : {}) });
  } catch (e) {
    await runtime.close();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new CodedError('bad-request', `Port ${opts.port} is already in use: pick another with --port N, or leave --port out to get a free one.`);
    }
    throw e;
  }
  io.out(face.url);
  if (!existsSync(join(opts.rendererDir, 'index.html'))) io.err(`The window is not built yet (${opts.rendererDir}): run "npm run build:renderer"; the API works meanwhile.`);
  io.err(`Serving${opts.demo ? ' the simulator (demo)' : ''} on 127.0.0.1:${face.port}. Open the address above in a browser; Ctrl+C stops.`);
  await io.stopped;
  io.err('Stopping...');
  await face.close();
  await runtime.close();
  return 0;
}

/** The CLI entry: settings from the data folder (edited in the window), or the simulator with --demo. */
export async function runServeCommand(values: CliValues): Promise<number> {
  const opts = serveOptionsFrom(values);
  return runServe(opts, ({ demo }) => startCliRuntime(loadCliConfig(values), { demo, settingsFrom: 'data-dir', secretsFile: values['secrets-file'] }));
}
