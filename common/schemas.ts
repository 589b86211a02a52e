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
