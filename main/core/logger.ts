// One line per event, scoped, with every registered secret masked before it
// reaches any sink. Secrets are registered by value (stricter than patterns).

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogSink = (line: string, level: LogLevel) => void;

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Holds the secret values to mask; shared by every logger built from one root. */
export class Redactor {
  #secrets = new Set<string>();

  register(secret: string | null | undefined): void {
    const s = secret?.trim();
    // Very short values would mask ordinary words; real keys and passwords are longer.
    if (s && s.length >= 4) this.#secrets.add(s);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.#secrets) out = out.split(s).join('***');
    return out;
  }
}

function formatFields(fields: Record<string, unknown> | undefined): string {
  if (!fields) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    const text = v instanceof Error ? v.message : typeof v === 'string' ? v : JSON.stringify(v);
    parts.push(`${k}=${/\s/.test(text ?? '') ? JSON.stringify(text) : text}`);
  }
  return parts.length ? ' ' + parts.join(' ') : '';
}

export function createLogger(opts: {
  sink?: LogSink;
  level?: LogLevel;
  redactor?: Redactor;
  scope?: string;
  now?: () => number;
}): Logger {
  const sink: LogSink = opts.sink ?? ((line) => process.stderr.write(line + '\n'));
  const min = LEVELS[opts.level ?? 'info'];
  const redactor = opts.redactor ?? new Redactor();
  const now = opts.now ?? Date.now;
  const scope = opts.scope ?? 'app';
  const emit = (level: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    if (LEVELS[level] < min) return;
    const line = `${new Date(now()).toISOString()} ${level.toUpperCase()} [${scope}] ${msg}${formatFields(fields)}`;
    sink(redactor.redact(line.replace(/[\r\n]+/g, ' ')), level);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (s) => createLogger({ ...opts, sink, redactor, scope: `${scope}:${s}` }),
  };
}

/** A logger that drops everything (tests, benchmarks). */
export const silentLogger: Logger = createLogger({ sink: () => {} });
