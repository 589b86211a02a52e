// Connecting to the paku PostgreSQL: settings → pg client config, and every
// failure turned into words a person can act on. The password (from the app's
// encrypted settings or the URL) never appears in a message: messages name
// only user, host and port.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { CodedError, isCodedError } from '../../../common/errors';
import { SslModeSchema, type SslMode } from '../../../common/settings';

export interface PgSettings {
  /** postgres://user@host:port/db, optionally ?sslmode=…&sslrootcert=… */
  url: string;
  /** Overrides any password in the URL (kept in the app's encrypted settings). */
  password?: string | null;
  /** Overrides the URL's sslmode; default disable. */
  sslmode?: SslMode | null;
  /** PEM CA file for verify-full (else the system's trusted CAs). */
  caFile?: string | null;
  connectTimeoutMs?: number;
}

export interface PgTarget {
  config: pg.ClientConfig;
  /** "user@host:port/db": safe to show and log. */
  label: string;
  user: string;
  host: string;
  port: number;
  sslmode: SslMode;
}

/** Parses settings into a pg config; throws CodedError('bad-request') on a malformed URL or sslmode. */
export function resolvePgTarget(settings: PgSettings): PgTarget {
  let url: URL;
  try {
    url = new URL(settings.url);
  } catch {
    throw new CodedError('bad-request', 'The paku Postgres URL is not a valid URL: expected postgres://user@host:5432/database');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new CodedError('bad-request', `The paku Postgres URL must start with postgres:// (got ${url.protocol}//)`);
  }
  const rawMode = settings.sslmode ?? url.searchParams.get('sslmode') ?? 'disable';
  const mode = SslModeSchema.safeParse(rawMode);
  if (!mode.success) {
    throw new CodedError('bad-request', `sslmode=${rawMode} is not supported: use disable, require or verify-full`);
  }
  const sslmode = mode.data;
  const host = decodeURIComponent(url.hostname).replace(/^\[(.*)\]$/, '$1') || 'localhost';
  const port = url.port ? Number(url.port) : 5432;
  const user = decodeURIComponent(url.username) || 'postgres';
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || user;
  const password = settings.password ?? (url.password ? decodeURIComponent(url.password) : undefined);
  const caFile = settings.caFile ?? url.searchParams.get('sslrootcert');
  let ssl: pg.ClientConfig['ssl'] = false;
  if (sslmode === 'require') ssl = { rejectUnauthorized: false };
  if (sslmode === 'verify-full') {
    let ca: string | undefined;
    if (caFile) {
      try {
        ca = readFileSync(caFile, 'utf8');
      } catch {
        throw new CodedError('pg-tls', `Cannot read the CA file ${caFile}: check the path in the paku settings`);
      }
    }
    ssl = { rejectUnauthorized: true, ca, servername: /^[\d.:]+$/.test(host) ? undefined : host };
  }
  return {
    config: {
      host,
      port,
      user,
      database,
      password,
      ssl,
      connectionTimeoutMillis: settings.connectTimeoutMs ?? 10_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      application_name: 'paku-ecoflow',
    },
    label: `${user}@${host}:${port}/${database}`,
    user,
    host,
    port,
    sslmode,
  };
}

interface PgLikeError {
  code?: string;
  message?: string;
}

/** Turns anything pg or the network threw into a CodedError a person can act on. */
export function describePgError(e: unknown, target: Pick<PgTarget, 'user' | 'host' | 'port' | 'sslmode'>, phase: 'connect' | 'session' = 'session'): CodedError {
  if (isCodedError(e)) return e;
  const { code = '', message = String(e) } = (typeof e === 'object' && e !== null ? e : {}) as PgLikeError;
  const at = `${target.host}:${target.port}`;
  const make = (c: ConstructorParameters<typeof CodedError>[0], m: string) => new CodedError(c, m, { cause: e });
  if (code === '28P01') return make('pg-auth', `password authentication failed for user ${target.user}: check the paku password`);
  if (code === '28000' && /no encryption|SSL off/i.test(message) && target.sslmode === 'disable') {
    return make('pg-tls', `TLS required by the server at ${at}: set sslmode=require (or verify-full with a CA file)`);
  }
  if (code === '28000') return make('pg-auth', `the server at ${at} refused user ${target.user}: ${message}`);
  if (code === '3D000') return make('pg-error', `${message} on ${at}: check the database name in the paku URL`);
  if (code === '42501') return make('pg-schema', `user ${target.user} may not do this: ${message} (grant INSERT/CREATE to ${target.user})`);
  if (code === 'ECONNREFUSED') return make('pg-unreachable', `server unreachable: connection refused at ${at}`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return make('pg-unreachable', `server unreachable: host name ${target.host} not found`);
  if (code === 'ETIMEDOUT' || /timeout/i.test(message)) return make('pg-unreachable', `server unreachable: connection timed out at ${at}`);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return make('pg-unreachable', `server unreachable: no route to ${at}`);
  if (/does not support SSL/i.test(message)) return make('pg-tls', `the server at ${at} does not offer TLS: set sslmode=disable or enable ssl on the server`);
  if (/self[- ]signed|unable to verify|certificate|altname/i.test(message) || code.startsWith('ERR_TLS') || code.includes('CERT')) {
    return make('pg-tls', `TLS certificate of ${at} not trusted (${message}): set the server's CA file, or sslmode=require to skip verification`);
  }
  if (phase === 'connect' && /terminated unexpectedly/i.test(message)) {
    return make('pg-unreachable', `server unreachable: ${at} closed the connection during login (not a PostgreSQL server, or a firewall in the way)`);
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || /terminated|connection (lost|closed)|not queryable|ended/i.test(message)) {
    return make('pg-unreachable', `server unreachable: connection to ${at} lost`);
  }
  if (code.startsWith('57P')) return make('pg-unreachable', `server unreachable: ${at} is shutting down or restarting`);
  return make('pg-error', `paku Postgres at ${at}: ${message}`);
}

/** Opens one connected client; rejects with a CodedError. */
export async function connectPg(target: PgTarget): Promise<pg.Client> {
  const client = new pg.Client(target.config);
  // An idle client whose server vanishes emits 'error'; the worker notices on its next query.
  client.on('error', () => {});
  try {
    await client.connect();
    return client;
  } catch (e) {
    client.end().catch(() => {});
    throw describePgError(e, target, 'connect');
  }
}
