// Runtime schemas for everything that crosses a process boundary, with the
// TypeScript types inferred from them (never hand-mirrored). The contract in
// contract.ts refers to these.
import { z } from 'zod';
import { READING_FIELD_NAMES, type Reading, type ReadingField } from './reading';
import { ERROR_CODES } from './errors';

const nullableNumber = z.number().finite().nullable();

export const ReadingSchema = z.object({
  sn: z.string().min(1).max(64),
  ts: z.number().int().nonnegative(),
  ...(Object.fromEntries(READING_FIELD_NAMES.map((f) => [f, nullableNumber])) as Record<ReadingField, typeof nullableNumber>),
}) satisfies z.ZodType<Reading>;

export const AppErrorSchema = z.object({ code: z.enum(ERROR_CODES), message: z.string() });

/**
 * Why a device's data is what it is:
 * live: MQTT pushes arriving; snapshot: stream quiet, values from REST quota/all;
 * stalled: no data for a while although the device should be online;
 * assumed-offline: silent > 300 s; offline: silent > 900 s or the cloud says so;
 * connecting: no data yet since start.
 */
export const DeviceStateKindSchema = z.enum(['connecting', 'live', 'snapshot', 'stalled', 'assumed-offline', 'offline']);
export type DeviceStateKind = z.infer<typeof DeviceStateKindSchema>;

export const DeviceFamilySchema = z.enum(['delta-pro', 'delta-max', 'delta-2', 'delta-2-max', 'river-2', 'delta-pro-3', 'unknown']);
export type DeviceFamily = z.infer<typeof DeviceFamilySchema>;

export const OutputKindSchema = z.enum(['ac', 'dc', 'car']);
export type OutputKind = z.infer<typeof OutputKindSchema>;

export const DeviceStatusSchema = z.object({
  sn: z.string(),
  model: z.string(),
  name: z.string(),
  family: DeviceFamilySchema,
  /** false for unknown models: shown read-only with their raw keys. */
  supported: z.boolean(),
  /** The cloud's online flag (device list / status topic), null when not known. */
  online: z.boolean().nullable(),
  state: DeviceStateKindSchema,
  /** The reason for the state, in words ("device offline", "cloud stream stalled", "network down", "auth rejected"). */
  reason: z.string(),
  /** When the last data for this device arrived, epoch ms. */
  lastDataTs: z.number().nullable(),
  latest: ReadingSchema.nullable(),
  /** Number of raw quota keys held in the merged state. */
  rawKeyCount: z.number().int().nonnegative(),
  /** Output switches waiting for the device to report the new state. */
  pendingOutputs: z.array(z.object({ output: OutputKindSchema, on: z.boolean(), sinceTs: z.number() })),
});
export type DeviceStatus = z.infer<typeof DeviceStatusSchema>;

export const CloudConnectionSchema = z.enum(['not-configured', 'connecting', 'connected', 'reconnecting', 'auth-failed', 'stopped']);
export type CloudConnection = z.infer<typeof CloudConnectionSchema>;

export const CollectorStatusSchema = z.object({
  connection: CloudConnectionSchema,
  lastError: AppErrorSchema.nullable(),
  devices: z.array(DeviceStatusSchema),
  counters: z.object({
    messages: z.number().int().nonnegative(),
    malformed: z.number().int().nonnegative(),
    implausible: z.number().int().nonnegative(),
    snapshots: z.number().int().nonnegative(),
    reconnects: z.number().int().nonnegative(),
  }),
});
export type CollectorStatus = z.infer<typeof CollectorStatusSchema>;

// ---- Requests and answers of the window contract (common/contract.ts) ----

const FieldNameSchema = z.enum(READING_FIELD_NAMES as [ReadingField, ...ReadingField[]]);
const EpochMsSchema = z.number().int().nonnegative();
const SerialSchema = z.string().min(1).max(64);

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const fromBeforeTo = (q: { from: number; to: number }) => q.from < q.to;
const FROM_BEFORE_TO = { message: '"from" must be before "to".', path: ['to'] };

/** A window's chart query; the store picks raw rows or rollups to stay under maxPoints. */
export const SeriesRequestSchema = z
  .object({
    sn: SerialSchema,
    from: EpochMsSchema,
    to: EpochMsSchema,
    fields: z.array(FieldNameSchema).min(1).max(READING_FIELD_NAMES.length),
    maxPoints: z.number().int().min(10).max(5000).default(2000),
  })
  .refine(fromBeforeTo, FROM_BEFORE_TO);
export type SeriesRequest = z.infer<typeof SeriesRequestSchema>;

const MinAvgMaxSchema = z.tuple([z.number(), z.number(), z.number()]).nullable();

export const SeriesResultSchema = z.object({
  resolution: z.enum(['raw', 'minute', 'hour']),
  bucketMs: z.number().int().nonnegative(),
  points: z.array(z.object({ ts: z.number(), values: z.partialRecord(FieldNameSchema, MinAvgMaxSchema) })),
});

export const EnergyBucketKindSchema = z.enum(['day', 'week', 'month']);
export type EnergyBucketKind = z.infer<typeof EnergyBucketKindSchema>;

export const EnergyRequestSchema = z
  .object({
    sn: SerialSchema,
    from: EpochMsSchema,
    to: EpochMsSchema,
    bucket: EnergyBucketKindSchema,
    /** IANA zone the day/week/month boundaries are counted in, e.g. Europe/Helsinki. */
    tz: z.string().min(1).max(64).refine(isTimeZone, { message: 'Unknown time zone: use an IANA name such as Europe/Helsinki.' }),
  })
  .refine(fromBeforeTo, FROM_BEFORE_TO);
export type EnergyRequest = z.infer<typeof EnergyRequestSchema>;

export const EnergyBucketSchema = z.object({
  ts: z.number(),
  whIn: z.number(),
  whOut: z.number(),
  whSolar: z.number(),
  whAcIn: z.number(),
  whCarIn: z.number(),
  whAcOut: z.number(),
  whDcOut: z.number(),
  /** How much of the bucket had readings close enough to integrate power, ms. */
  coveredMs: z.number(),
});

export const CsvRequestSchema = z
  .object({ sn: SerialSchema, from: EpochMsSchema, to: EpochMsSchema })
  .refine(fromBeforeTo, FROM_BEFORE_TO);
export type CsvRequest = z.infer<typeof CsvRequestSchema>;

export const CsvResultSchema = z.object({ filename: z.string(), rows: z.number().int().nonnegative(), csv: z.string() });
export type CsvResult = z.infer<typeof CsvResultSchema>;

/** One check of a "Test" button, with the fix in words when it failed. */
export const ConnectionCheckSchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  message: z.string(),
  fix: z.string().nullable(),
  code: z.enum(ERROR_CODES).nullable(),
});
export type ConnectionCheck = z.infer<typeof ConnectionCheckSchema>;

export const ConnectionTestResultSchema = z.object({ ok: z.boolean(), checks: z.array(ConnectionCheckSchema) });
export type ConnectionTestResult = z.infer<typeof ConnectionTestResultSchema>;

export const OutputSetRequestSchema = z.object({ sn: SerialSchema, output: OutputKindSchema, on: z.boolean() });
export type OutputSetRequest = z.infer<typeof OutputSetRequestSchema>;

/** The command was accepted; the device status shows it pending until the device reports the new state. */
export const OutputSetResultSchema = OutputSetRequestSchema.extend({ acceptedTs: z.number() });
export type OutputSetResult = z.infer<typeof OutputSetResultSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** Which face serves the window. */
  face: z.enum(['electron', 'http']),
  /** Running on the built-in simulator instead of the EcoFlow cloud. */
  demo: z.boolean(),
  startedTs: z.number(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** The paku Postgres sync, for the UI and `status --json`. */
export const SyncStatusSchema = z.object({
  /** A Postgres URL is set. */
  configured: z.boolean(),
  connected: z.boolean(),
  paused: z.boolean(),
  /** "user@host:port/db" (never the password), null when not configured. */
  target: z.string().nullable(),
  /** Readings stored locally and not yet committed in paku. */
  unsynced: z.number().int().nonnegative(),
  oldestUnsyncedTs: z.number().nullable(),
  syncedLastHour: z.number().int().nonnegative(),
  /** When the last batch committed, epoch ms. */
  lastSyncTs: z.number().nullable(),
  lastError: AppErrorSchema.nullable(),
  /** When the next connection attempt is due while disconnected, epoch ms. */
  nextRetryTs: z.number().nullable(),
  /** Contract columns the paku table lacks (those values are not written there). */
  missingColumns: z.array(z.string()),
  /** Set when the unsynced backlog pushed the store past its size cap: nothing is dropped, the user is told. */
  backlogWarning: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;
