// The settings model shared by the core (storage, migrations), the window
// (forms) and both faces (contract). Secrets are not settings: a window only
// ever sees whether each one is set, and sends a string (set), null (clear)
// or nothing (keep).
import { z } from 'zod';

export const CURRENT_SETTINGS_VERSION = 2;

export const RegionSchema = z.enum(['eu', 'us', 'custom']);
export type Region = z.infer<typeof RegionSchema>;

export const SslModeSchema = z.enum(['disable', 'require', 'verify-full']);
export type SslMode = z.infer<typeof SslModeSchema>;

export const ThemeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof ThemeSchema>;

export const LanguageSchema = z.enum(['en', 'fi']);
export type Language = z.infer<typeof LanguageSchema>;

export const REGION_URLS = { eu: 'https://api-e.ecoflow.com', us: 'https://api-a.ecoflow.com' } as const;

export const NOTIFICATION_KINDS = ['lowSoc', 'criticalSoc', 'chargeComplete', 'gridLost', 'deviceOffline', 'stalled', 'syncFailing'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

const SerialSchema = z.string().trim().min(1).max(64);
const percent = (def: number) => z.number().int().min(0).max(100).default(def);

const NotificationSwitchesSchema = z.object(
  Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, z.boolean().default(true)])) as Record<NotificationKind, z.ZodDefault<z.ZodBoolean>>,
);

const EcoflowSettingsSchema = z.object({
  region: RegionSchema.default('eu'),
  /** Base URL when region is custom, e.g. https://api-e.ecoflow.com. */
  customUrl: z.string().trim().max(200).nullable().default(null),
  /** Serial numbers to watch; empty means every device on the account. */
  devices: z.array(SerialSchema).max(50).default([]),
});

const PostgresSettingsSchema = z.object({
  url: z.string().trim().max(500).nullable().default(null),
  sslmode: SslModeSchema.default('require'),
  caFile: z.string().trim().max(1000).nullable().default(null),
});

const RepublishSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  url: z.string().trim().max(500).nullable().default(null),
  username: z.string().trim().max(200).nullable().default(null),
});

const NotificationSettingsSchema = z.object({
  lowSoc: percent(20),
  criticalSoc: percent(10),
  gridLostAfterSec: z.number().int().min(0).max(86_400).default(30),
  staleAfterMin: z.number().int().min(1).max(1440).default(10),
  syncFailingAfterMin: z.number().int().min(1).max(10_080).default(30),
  /** Per-kind switches. */
  enabled: NotificationSwitchesSchema.prefault({}),
});

/**
 * Every non-secret setting, as stored (with `version`). Each leaf has a
 * default and each section a prefault, so `SettingsSchema.parse({})` is the
 * default settings and a field added later fills itself in.
 */
export const SettingsSchema = z.object({
  version: z.literal(CURRENT_SETTINGS_VERSION).default(CURRENT_SETTINGS_VERSION),
  ecoflow: EcoflowSettingsSchema.prefault({}),
  /** How often a reading is stored per device. */
  sampleSeconds: z.number().int().min(1).max(3600).default(10),
  postgres: PostgresSettingsSchema.prefault({}),
  republish: RepublishSettingsSchema.prefault({}),
  notifications: NotificationSettingsSchema.prefault({}),
  startAtLogin: z.boolean().default(false),
  theme: ThemeSchema.default('system'),
  language: LanguageSchema.default('en'),
  /** The device the tray icon shows; null means the first one. */
  trayDevice: SerialSchema.nullable().default(null),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

export const SECRET_NAMES = ['ecoflowAccessKey', 'ecoflowSecretKey', 'postgresPassword', 'republishPassword'] as const;
export const SecretNameSchema = z.enum(SECRET_NAMES);
export type SecretName = z.infer<typeof SecretNameSchema>;

const SECRET_SHAPE = <T extends z.ZodType>(t: T) => Object.fromEntries(SECRET_NAMES.map((n) => [n, t])) as Record<SecretName, T>;

export const SecretStorageSchema = z.object({
  /** Whether secrets can be kept (encrypted, or in memory for this session when opted in). */
  available: z.boolean(),
  /** Why they cannot be stored and what to do, or what limits apply (session only); null when nothing to say. */
  reason: z.string().nullable(),
  /** Secrets live only until the app quits. */
  sessionOnly: z.boolean(),
});
export type SecretStorage = z.infer<typeof SecretStorageSchema>;

const SettingsBodySchema = SettingsSchema.omit({ version: true });

/** What a window sees: every non-secret setting, and for each secret only whether it is set. */
export const SettingsViewSchema = SettingsBodySchema.extend({
  secrets: z.object(SECRET_SHAPE(z.object({ isSet: z.boolean() }))),
  secretStorage: SecretStorageSchema,
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

// Patch schemas are the stored shapes with defaults stripped, so an absent
// field means "keep" rather than "reset to default".
type Unwrapped<T> = T extends z.ZodDefault<infer I> ? I : T extends z.ZodPrefault<infer I> ? I : T;
type PatchShape<Shape extends z.ZodRawShape> = { [K in keyof Shape]: z.ZodOptional<Unwrapped<Shape[K]>> };

function unwrapDefault(t: z.ZodType): z.ZodType {
  return t instanceof z.ZodDefault || t instanceof z.ZodPrefault ? (t.unwrap() as z.ZodType) : t;
}

function patchOf<Shape extends z.ZodRawShape>(obj: z.ZodObject<Shape>): z.ZodObject<PatchShape<Shape>, z.core.$strict> {
  const shape = Object.fromEntries(Object.entries(obj.shape).map(([k, v]) => [k, unwrapDefault(v as z.ZodType).optional()]));
  return z.strictObject(shape) as unknown as z.ZodObject<PatchShape<Shape>, z.core.$strict>;
}

/** A change from a window: sections are partial; secrets: string = set, null = clear, absent = keep. */
export const SettingsPatchSchema = patchOf(SettingsBodySchema)
  .extend({
    ecoflow: patchOf(EcoflowSettingsSchema).optional(),
    postgres: patchOf(PostgresSettingsSchema).optional(),
    republish: patchOf(RepublishSettingsSchema).optional(),
    notifications: patchOf(NotificationSettingsSchema).extend({ enabled: patchOf(NotificationSwitchesSchema).optional() }).optional(),
    secrets: z.strictObject(SECRET_SHAPE(z.string().trim().min(1).max(4096).nullable().optional())).optional(),
    /** Opt in to keeping secrets in memory for this session when they cannot be stored encrypted. */
    secretsSessionOnly: z.boolean().optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** Applies a patch's non-secret part to settings (pure; arrays are replaced, not merged). */
export function applySettingsPatch(base: Settings, patch: SettingsPatch): Settings {
  const { notifications, ecoflow, postgres, republish, secrets: _s, secretsSessionOnly: _o, ...top } = patch;
  const { enabled, ...thresholds } = notifications ?? {};
  const defined = <T extends object>(o: T | undefined) => Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
  return {
    ...base,
    ...defined(top),
    ecoflow: { ...base.ecoflow, ...defined(ecoflow) },
    postgres: { ...base.postgres, ...defined(postgres) },
    republish: { ...base.republish, ...defined(republish) },
    notifications: { ...base.notifications, ...defined(thresholds), enabled: { ...base.notifications.enabled, ...defined(enabled) } },
  };
}

/** The API base URL the settings point at, or null when a custom one is missing. */
export function ecoflowApiUrl(s: Settings): string | null {
  if (s.ecoflow.region === 'custom') return s.ecoflow.customUrl?.replace(/\/+$/, '') || null;
  return REGION_URLS[s.ecoflow.region];
}
