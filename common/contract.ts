// The one table of every call and event between the core and a window.
// Both faces (Electron IPC, the headless HTTP face) and the renderer are built
// from it: request, answer and event shapes are checked on the receiving side,
// and every TypeScript type below is derived from the table.
import { z } from 'zod';
import type { Result } from './result';
import {
  AppInfoSchema,
  CollectorStatusSchema,
  ConnectionTestResultSchema,
  CsvRequestSchema,
  CsvResultSchema,
  EnergyBucketSchema,
  EnergyRequestSchema,
  OutputSetRequestSchema,
  OutputSetResultSchema,
  SeriesRequestSchema,
  SeriesResultSchema,
  SyncStatusSchema,
} from './schemas';
import { SecretStorageSchema, SettingsPatchSchema, SettingsViewSchema } from './settings';

export interface InvokeEntry<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly kind: 'invoke';
  readonly request: Req;
  readonly response: Res;
}

export interface EventEntry<P extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly payload: P;
}

const invoke = <Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res): InvokeEntry<Req, Res> => ({
  kind: 'invoke',
  request,
  response,
});
const event = <P extends z.ZodType>(payload: P): EventEntry<P> => ({ kind: 'event', payload });

/** Everything `status:get` answers: the whole picture, so a window needs no other call to start. */
export const AppStatusSchema = z.object({
  app: AppInfoSchema,
  collector: CollectorStatusSchema,
  /** null when no Postgres target is configured. */
  sync: SyncStatusSchema.nullable(),
});
export type AppStatus = z.infer<typeof AppStatusSchema>;

/** What a bug report may carry: counters, versions and paths, never a secret. */
export const DiagnosticsSchema = z.object({
  app: AppInfoSchema,
  versions: z.record(z.string(), z.string()),
  paths: z.record(z.string(), z.string()),
  collector: CollectorStatusSchema.pick({ connection: true, lastError: true, counters: true }).extend({ devices: z.number().int() }),
  sync: SyncStatusSchema.nullable(),
  secretStorage: SecretStorageSchema,
  /** Demo only: the energy that truly flowed in each simulated device since the demo started (Wh). */
  demo: z
    .object({
      trueEnergy: z.record(z.string(), z.object({ solarInWh: z.number(), acInWh: z.number(), dcInWh: z.number(), acOutWh: z.number(), dcOutWh: z.number() })),
    })
    .nullable(),
});
export type Diagnostics = z.infer<typeof DiagnosticsSchema>;

export const contract = {
  'status:get': invoke(z.void(), AppStatusSchema),
  'series:query': invoke(SeriesRequestSchema, SeriesResultSchema),
  'energy:query': invoke(EnergyRequestSchema, z.array(EnergyBucketSchema)),
  'export:csv': invoke(CsvRequestSchema, CsvResultSchema),
  'settings:get': invoke(z.void(), SettingsViewSchema),
  'settings:update': invoke(SettingsPatchSchema, SettingsViewSchema),
  /** Runs the `doctor` checks against the saved settings, or against them with an unsaved patch applied. */
  'settings:testEcoflow': invoke(SettingsPatchSchema.optional(), ConnectionTestResultSchema),
  'settings:testPostgres': invoke(SettingsPatchSchema.optional(), ConnectionTestResultSchema),
  /** true pauses, false resumes. */
  'sync:setPaused': invoke(z.boolean(), SyncStatusSchema),
  'output:set': invoke(OutputSetRequestSchema, OutputSetResultSchema),
  'diagnostics:get': invoke(z.void(), DiagnosticsSchema),
  /** Switches the running core to the built-in simulator (first run without keys). */
  'app:startDemo': invoke(z.void(), AppInfoSchema),
  'status:changed': event(CollectorStatusSchema),
  'sync:changed': event(SyncStatusSchema),
  'settings:changed': event(SettingsViewSchema),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type InvokeChannel = { [K in Channel]: Contract[K] extends InvokeEntry ? K : never }[Channel];
export type EventChannel = { [K in Channel]: Contract[K] extends EventEntry ? K : never }[Channel];

type RequestSchemaOf<C extends InvokeChannel> = Contract[C] extends InvokeEntry<infer Req, z.ZodType> ? Req : never;
type ResponseSchemaOf<C extends InvokeChannel> = Contract[C] extends InvokeEntry<z.ZodType, infer Res> ? Res : never;
type PayloadSchemaOf<E extends EventChannel> = Contract[E] extends EventEntry<infer P> ? P : never;

/** What a caller may send (defaults not yet filled in). */
export type ContractRequest<C extends InvokeChannel> = z.input<RequestSchemaOf<C>>;
/** What a handler receives after validation (defaults filled in). */
export type ParsedRequest<C extends InvokeChannel> = z.output<RequestSchemaOf<C>>;
export type ContractResponse<C extends InvokeChannel> = z.output<ResponseSchemaOf<C>>;
export type EventPayload<E extends EventChannel> = z.output<PayloadSchemaOf<E>>;

export type Unsubscribe = () => void;

/** The client side: one method per call, and a subscription per event. Built by the preload and the HTTP transport. */
export type PakuApi = {
  [C in InvokeChannel]: (request: ContractRequest<C>) => Promise<Result<ContractResponse<C>>>;
} & {
  subscribe<E extends EventChannel>(name: E, listener: (payload: EventPayload<E>) => void): Unsubscribe;
};

/** The handler side: what AppService implements, one method per call. */
export type ContractHandlers = {
  [C in InvokeChannel]: (request: ParsedRequest<C>) => Promise<Result<ContractResponse<C>>>;
};

const entries = Object.entries(contract) as [Channel, InvokeEntry | EventEntry][];
export const INVOKE_CHANNELS = entries.filter(([, e]) => e.kind === 'invoke').map(([c]) => c) as InvokeChannel[];
export const EVENT_CHANNELS = entries.filter(([, e]) => e.kind === 'event').map(([c]) => c) as EventChannel[];

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && (INVOKE_CHANNELS as string[]).includes(name);
}

export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && (EVENT_CHANNELS as string[]).includes(name);
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => {
      // Enum messages list every option; a window needs only the gist.
      const text = i.message.length > 120 ? `${i.message.slice(0, 117)}...` : i.message;
      return i.path.length ? `${i.path.map(String).join('.')}: ${text}` : text;
    })
    .join('; ');
}

function check<T>(schema: z.ZodType<T>, raw: unknown, what: string): Result<T> {
  let parsed = schema.safeParse(raw);
  // JSON cannot carry `undefined`: a transport may send null (or {}) for "no request".
  if (!parsed.success && (raw === null || (raw && typeof raw === 'object' && Object.keys(raw).length === 0))) parsed = schema.safeParse(undefined);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: { code: 'bad-request', message: `${what} has the wrong shape (${describe(parsed.error)}).` } };
}

/** Checks a request against the table; unknown channels and bad shapes become 'bad-request'. */
export function validateRequest<C extends InvokeChannel>(channel: C, raw: unknown): Result<ParsedRequest<C>>;
export function validateRequest(channel: string, raw: unknown): Result<unknown>;
export function validateRequest(channel: string, raw: unknown): Result<unknown> {
  if (!isInvokeChannel(channel)) return { ok: false, error: { code: 'bad-request', message: `There is no call named "${channel}".` } };
  return check(contract[channel].request as z.ZodType, raw, `The request for ${channel}`);
}

/** Checks an answer (the `value` of an ok result) against the table. */
export function validateResponse<C extends InvokeChannel>(channel: C, raw: unknown): Result<ContractResponse<C>> {
  return check(contract[channel].response as unknown as z.ZodType<ContractResponse<C>>, raw, `The answer to ${channel}`);
}

/** Checks a pushed event's payload on the receiving side. */
export function validateEvent<E extends EventChannel>(name: E, raw: unknown): Result<EventPayload<E>> {
  return check(contract[name].payload as unknown as z.ZodType<EventPayload<E>>, raw, `The ${name} event`);
}
