// Drains the local outbox into the paku PostgreSQL, exactly once: rows and the
// ledger mark commit together, the outbox is marked only after COMMIT was
// acknowledged, and every (re)connect starts from the mark the server holds,
// which settles any commit whose acknowledgement was lost. Runs beside the
// collector: collecting never waits for it; while the server is away it
// retries with backoff (1 s → 5 min, jitter).
import type pg from 'pg';
import { CodedError } from '../../../common/errors';
import type { AppError } from '../../../common/result';
import type { SyncStatus } from '../../../common/schemas';
import { systemClock, type Clock, type TimerHandle } from '../clock';
import { silentLogger, type Logger } from '../logger';
import type { Outbox } from '../store/types';
import { Backoff, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { outboxReader, writeBatch, type BatchLimits, type ChunkReader } from './copy-batch';
import { MARK_MOVED, openLedger } from './ledger';
import type { RowPlan } from './paku-mapping';
import { connectPg, describePgError, resolvePgTarget, type PgSettings, type PgTarget } from './pg-connect';
import { prepareTarget } from './paku-target';
import type { ChunkReaderFactory } from './store-reader';

export interface SyncWorkerOptions {
  outbox: Outbox;
  /** null: no target configured (the worker only reports that). */
  pg: PgSettings | null;
  /** Stable id of this installation's local store; keys the ledger row. */
  installationId: string;
  clock?: Clock;
  logger?: Logger;
  /** Most rows per transaction (default 250 000). */
  batchSize?: number;
  /** A transaction stops growing after this long (default 2000 ms). */
  batchTargetMs?: number;
  /** Rows read and encoded per step (default 2000). */
  chunkRows?: number;
  /** Wait between checks for new readings when caught up (default 1000 ms); notify() cuts it short. */
  idlePollMs?: number;
  backoff?: BackoffOptions;
  /** Size of the local store in bytes, for the backlog warning. */
  storeSizeBytes?: () => number;
  /** Backlog warning threshold (default 2 GB). */
  backlogCapBytes?: number;
  /**
   * Renders unsynced rows as COPY text straight from the local store (storeChunkReader(store.database)):
   * much cheaper than outbox.take + encode. Without it the outbox is read and rows encoded in JS.
   */
  chunkReader?: ChunkReaderFactory;
  /** How long stop() waits for an in-flight batch before cutting the connection (default 5000 ms). */
  stopTimeoutMs?: number;
}

const HOUR = 3600_000;

export class SyncWorker {
  readonly #o: Required<Omit<SyncWorkerOptions, 'pg' | 'storeSizeBytes' | 'chunkReader'>> & Pick<SyncWorkerOptions, 'storeSizeBytes' | 'chunkReader'>;
  readonly #target: PgTarget | null;
  readonly #configError: AppError | null = null;
  readonly #configured: boolean;
  readonly #backoff: Backoff;
  readonly #listeners = new Set<(s: SyncStatus) => void>();
  #client: pg.Client | null = null;
  #plan: RowPlan | null = null;
  #read: ChunkReader | null = null;
  #expectedMark = 0;
  #running = false;
  #paused = false;
  #loop: Promise<void> | null = null;
  #wake: (() => void) | null = null;
  #lastError: AppError | null = null;
  #lastSyncTs: number | null = null;
  #nextRetryTs: number | null = null;
  #recent: { ts: number; rows: number }[] = [];

  constructor(opts: SyncWorkerOptions) {
    this.#o = {
      clock: systemClock,
      logger: silentLogger,
      batchSize: 250_000,
      batchTargetMs: 2000,
      chunkRows: 2000,
      idlePollMs: 1000,
      backoff: DEFAULT_BACKOFF,
      backlogCapBytes: 2 * 1024 ** 3,
      stopTimeoutMs: 5000,
      ...opts,
    };
    this.#backoff = new Backoff(this.#o.backoff);
    this.#configured = opts.pg !== null;
    let target: PgTarget | null = null;
    if (opts.pg) {
      try {
        target = resolvePgTarget(opts.pg);
      } catch (e) {
        const coded = describePgError(e, { user: '?', host: '?', port: 0, sslmode: 'disable' });
        this.#configError = { code: coded.code, message: coded.message };
      }
    }
    this.#target = target;
    this.#lastError = this.#configError;
  }

  /** Starts syncing in the background (no-op when not configured or already running). */
  start(): void {
    if (this.#running || !this.#target) return;
    this.#running = true;
    this.#loop = this.#run(this.#target);
  }

  /** Stops after the in-flight batch (waits at most stopTimeoutMs, then cuts the connection). */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.#wakeUp();
    const loop = this.#loop;
    let timer: TimerHandle | null = null;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = this.#o.clock.setTimeout(() => resolve('timeout'), this.#o.stopTimeoutMs)));
    if ((await Promise.race([loop, timedOut])) === 'timeout') {
      this.#o.logger.warn('stop: batch still running, closing the connection (the server mark settles it next time)');
      this.#dropClient();
    }
    (timer as TimerHandle | null)?.cancel();
    await loop;
    await this.#closeClient();
    this.#emit();
  }

  pause(): void {
    this.#paused = true;
    this.#emit();
  }

  resume(): void {
    this.#paused = false;
    this.#wakeUp();
    this.#emit();
  }

  /** New readings were stored: sync now instead of at the next poll. */
  notify(): void {
    this.#wakeUp();
  }

  status(): SyncStatus {
    const now = this.#o.clock.now();
    this.#recent = this.#recent.filter((r) => r.ts > now - HOUR);
    const unsynced = this.#o.outbox.unsyncedCount();
    const size = this.#o.storeSizeBytes?.() ?? 0;
    const gb = (n: number) => (n / 1024 ** 3).toFixed(1);
    return {
      configured: this.#configured,
      connected: this.#client !== null,
      paused: this.#paused,
      target: this.#target?.label ?? null,
      unsynced,
      oldestUnsyncedTs: this.#o.outbox.oldestUnsyncedTs(),
      syncedLastHour: this.#recent.reduce((a, r) => a + r.rows, 0),
      lastSyncTs: this.#lastSyncTs,
      lastError: this.#lastError,
      nextRetryTs: this.#client ? null : this.#nextRetryTs,
      missingColumns: this.#plan?.missing ?? [],
      backlogWarning:
        // Configured is enough: retention keeps unsynced readings then, even when the URL is unusable.
        this.#configured && unsynced > 0 && size > this.#o.backlogCapBytes
          ? `The local store holds ${gb(size)} GB (cap ${gb(this.#o.backlogCapBytes)} GB) with ${unsynced} readings not yet in paku. Nothing is dropped: fix the paku connection to let it drain.`
          : null,
    };
  }

  /** Called on every change (connect, batch committed, error, pause); returns an unsubscribe function. */
  onStatus(cb: (s: SyncStatus) => void): () => void {
    this.#listeners.add(cb);
    return () => this.#listeners.delete(cb);
  }

  async #run(target: PgTarget): Promise<void> {
    while (this.#running) {
      if (this.#paused) {
        await this.#sleep(null);
        continue;
      }
      if (!this.#client) {
        try {
          await this.#connect(target);
        } catch (e) {
          this.#fail(e, target);
          const delay = this.#backoff.next();
          this.#nextRetryTs = this.#o.clock.now() + delay;
          this.#emit();
          await this.#sleep(delay);
          continue;
        }
      }
      try {
        const wrote = await this.#syncOnce();
        if (!wrote) await this.#sleep(this.#o.idlePollMs);
      } catch (e) {
        // Nothing committed, or the outcome is unknown: either way the next connect reads the server's mark.
        this.#fail(e, target);
        this.#dropClient();
        const delay = this.#backoff.next();
        this.#nextRetryTs = this.#o.clock.now() + delay;
        this.#emit();
        await this.#sleep(delay);
      }
    }
  }

  async #connect(target: PgTarget): Promise<void> {
    const client = await connectPg(target);
    try {
      const info = await prepareTarget(client);
      const serverMark = await openLedger(client, this.#o.installationId, info.ledgerExists);
      const outbox = this.#o.outbox;
      const local = outbox.syncedUpTo();
      if (serverMark > local && outbox.take(serverMark - 1, 1).lastId !== serverMark) {
        // Readings local..serverMark are unsynced here, so never pruned: if the last is missing, the mark is another store's.
        throw new CodedError('pg-error', `the paku ledger for installation ${this.#o.installationId} is ahead of this store (id ${serverMark} > ${local}): another store uses this installation id; give this store its own id`);
      }
      if (serverMark > local) {
        this.#o.logger.info('paku already holds readings up to a later id (a commit whose acknowledgement was lost): marking them synced', { local, serverMark });
        outbox.markSynced(serverMark);
      } else if (serverMark < local) {
        this.#o.logger.warn('the paku ledger is behind this store (another database, or the ledger was reset): continuing after the local mark', { local, serverMark });
      }
      this.#expectedMark = serverMark;
      this.#plan = info.plan;
      this.#read = this.#o.chunkReader ? this.#o.chunkReader(info.plan) : outboxReader(outbox, info.plan);
      this.#client = client;
      this.#lastError = null;
      this.#nextRetryTs = null;
      this.#backoff.reset();
      if (info.created) this.#o.logger.info('created table ecoflow_measurements with the contract columns and indexes');
      if (info.plan.missing.length) this.#o.logger.warn('paku table lacks contract columns; those values are not written', { missing: info.plan.missing.join(',') });
      this.#o.logger.info('connected to paku', { target: target.label, columns: info.plan.columns.length });
      this.#emit();
    } catch (e) {
      await client.end().catch(() => {});
      throw e;
    }
  }

  /** One transaction; true when rows were committed. */
  async #syncOnce(): Promise<boolean> {
    const client = this.#client;
    const read = this.#read;
    if (!client || !read || !this.#plan) return false;
    const limits: BatchLimits = { chunkRows: this.#o.chunkRows, maxRows: this.#o.batchSize, targetMs: this.#o.batchTargetMs };
    const afterId = Math.max(this.#expectedMark, this.#o.outbox.syncedUpTo());
    const res = await writeBatch(client, this.#plan, read, { installationId: this.#o.installationId, afterId, expectedMark: this.#expectedMark }, limits, () => this.#o.clock.now());
    if (!res) return false;
    // COMMIT acknowledged: only now is the batch synced.
    this.#expectedMark = res.lastId;
    this.#o.outbox.markSynced(res.lastId);
    const now = this.#o.clock.now();
    this.#lastSyncTs = now;
    this.#recent.push({ ts: now, rows: res.rows });
    this.#o.logger.debug('batch committed', { rows: res.rows, lastId: res.lastId });
    this.#emit();
    return true;
  }

  #fail(e: unknown, target: PgTarget): void {
    const coded =
      (e as { code?: unknown } | null)?.code === MARK_MOVED
        ? new CodedError('pg-error', `the paku ledger mark of installation ${this.#o.installationId} changed under this app (another store with the same installation id?): nothing was committed, re-reading the mark`)
        : e instanceof CodedError
          ? e
          : describePgError(e, target);
    if (coded.message !== this.#lastError?.message) this.#o.logger.warn('paku sync failed', { error: coded.message });
    this.#lastError = { code: coded.code, message: coded.message };
  }

  /** Kills the connection at once (an open transaction rolls back on the server). */
  #dropClient(): void {
    const client = this.#client;
    this.#client = null;
    if (!client) return;
    (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    client.end().catch(() => {});
  }

  async #closeClient(): Promise<void> {
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }

  #sleep(ms: number | null): Promise<void> {
    // stop() may land while a connect is in flight (its wake-up then finds no sleeper): never sleep after it.
    if (!this.#running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = ms === null ? null : this.#o.clock.setTimeout(() => done(), ms);
      const done = () => {
        timer?.cancel();
        if (this.#wake === done) this.#wake = null;
        resolve();
      };
      this.#wake = done;
    });
  }

  #wakeUp(): void {
    this.#wake?.();
  }

  #emit(): void {
    if (this.#listeners.size === 0) return;
    const s = this.status();
    for (const cb of this.#listeners) {
      try {
        cb(s);
      } catch {
        // a listener's failure is its own
      }
    }
  }
}
