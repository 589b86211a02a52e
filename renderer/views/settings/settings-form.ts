// The settings form as plain data: built from the SettingsView, turned back
// into a SettingsPatch holding only what changed, and checked field by field
// (number parsing here, everything else by the shared validateSettingsPatch,
// so the window and the core judge a patch the same way).
import {
  CURRENT_SETTINGS_VERSION,
  NOTIFICATION_KINDS,
  SECRET_NAMES,
  type Language,
  type NotificationKind,
  type Region,
  type SecretName,
  type Settings,
  type SettingsPatch,
  type SettingsView,
  type SslMode,
  type Theme,
} from '../../../common/settings';
import { validateSettingsPatch } from '../../../common/settings-validation';

export const NUMBER_FIELDS = [
  'sampleSeconds',
  'notifications.lowSoc',
  'notifications.criticalSoc',
  'notifications.gridLostAfterSec',
  'notifications.staleAfterMin',
  'notifications.syncFailingAfterMin',
] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];

export interface SecretInput {
  /** Typed replacement; empty keeps the stored value. */
  value: string;
  clear: boolean;
}

export interface SettingsForm {
  region: Region;
  customUrl: string;
  /** Serials, one per line (commas and spaces also separate). */
  devices: string;
  numbers: Record<NumberField, string>;
  pgUrl: string;
  sslmode: SslMode;
  caFile: string;
  republishEnabled: boolean;
  republishUrl: string;
  republishUser: string;
  notify: Record<NotificationKind, boolean>;
  startAtLogin: boolean;
  theme: Theme;
  language: Language;
  secrets: Record<SecretName, SecretInput>;
}

/** Field path → message: a translation key ('form.…') or the core's own words. */
export type FieldErrors = Partial<Record<string, { key?: 'form.notNumber'; message: string }>>;

export function settingsOf(view: SettingsView): Settings {
  const { secrets: _s, secretStorage: _t, ...rest } = view;
  return { version: CURRENT_SETTINGS_VERSION, ...rest };
}

type Threshold = Exclude<keyof Settings['notifications'], 'enabled'>;
const thresholdOf = (f: Exclude<NumberField, 'sampleSeconds'>) => f.slice('notifications.'.length) as Threshold;

function numberOf(s: Settings, f: NumberField): number {
  return f === 'sampleSeconds' ? s.sampleSeconds : s.notifications[thresholdOf(f)];
}

export function formFromView(view: SettingsView): SettingsForm {
  const s = settingsOf(view);
  return {
    region: s.ecoflow.region,
    customUrl: s.ecoflow.customUrl ?? '',
    devices: s.ecoflow.devices.join('\n'),
    numbers: Object.fromEntries(NUMBER_FIELDS.map((f) => [f, String(numberOf(s, f))])) as Record<NumberField, string>,
    pgUrl: s.postgres.url ?? '',
    sslmode: s.postgres.sslmode,
    caFile: s.postgres.caFile ?? '',
    republishEnabled: s.republish.enabled,
    republishUrl: s.republish.url ?? '',
    republishUser: s.republish.username ?? '',
    notify: { ...s.notifications.enabled },
    startAtLogin: s.startAtLogin,
    theme: s.theme,
    language: s.language,
    secrets: Object.fromEntries(SECRET_NAMES.map((n) => [n, { value: '', clear: false }])) as Record<SecretName, SecretInput>,
  };
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());
export const parseDevices = (text: string): string[] => text.split(/[\s,;]+/).filter((x) => x !== '');
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function parseWhole(text: string): number | null {
  return /^\s*-?\d+\s*$/.test(text) ? Number.parseInt(text, 10) : null;
}

/** Sets `obj[key]` only when it differs from `was`, creating the section lazily. */
function put<S extends object, K extends keyof S>(section: () => S, key: K, value: S[K], was: S[K]): void {
  if (value !== was) section()[key] = value;
}

/** The patch that turns the view into the form: unchanged fields are left out. */
export function patchFromForm(view: SettingsView, form: SettingsForm): { patch: SettingsPatch; errors: FieldErrors } {
  const base = settingsOf(view);
  const patch: SettingsPatch = {};
  const errors: FieldErrors = {};
  const ecoflow = () => (patch.ecoflow ??= {});
  const postgres = () => (patch.postgres ??= {});
  const republish = () => (patch.republish ??= {});
  const notifications = () => (patch.notifications ??= {});

  put(ecoflow, 'region', form.region, base.ecoflow.region);
  put(ecoflow, 'customUrl', orNull(form.customUrl), base.ecoflow.customUrl);
  const devices = parseDevices(form.devices);
  if (!sameList(devices, base.ecoflow.devices)) ecoflow().devices = devices;

  for (const f of NUMBER_FIELDS) {
    const n = parseWhole(form.numbers[f]);
    if (n === null) {
      errors[f] = { key: 'form.notNumber', message: 'Enter a whole number.' };
      continue;
    }
    if (n === numberOf(base, f)) continue;
    if (f === 'sampleSeconds') patch.sampleSeconds = n;
    else notifications()[thresholdOf(f)] = n;
  }
  for (const k of NOTIFICATION_KINDS) {
    if (form.notify[k] !== base.notifications.enabled[k]) (notifications().enabled ??= {})[k] = form.notify[k];
  }

  put(postgres, 'url', orNull(form.pgUrl), base.postgres.url);
  put(postgres, 'sslmode', form.sslmode, base.postgres.sslmode);
  put(postgres, 'caFile', orNull(form.caFile), base.postgres.caFile);
  put(republish, 'enabled', form.republishEnabled, base.republish.enabled);
  put(republish, 'url', orNull(form.republishUrl), base.republish.url);
  put(republish, 'username', orNull(form.republishUser), base.republish.username);
  if (form.startAtLogin !== base.startAtLogin) patch.startAtLogin = form.startAtLogin;
  if (form.theme !== base.theme) patch.theme = form.theme;
  if (form.language !== base.language) patch.language = form.language;

  for (const n of SECRET_NAMES) {
    const input = form.secrets[n];
    if (input.clear) (patch.secrets ??= {})[n] = null;
    else if (input.value.trim() !== '') (patch.secrets ??= {})[n] = input.value.trim();
  }
  return { patch, errors };
}

/** Every problem with the form, by field path; empty when the patch may be saved. */
export function validateForm(view: SettingsView, form: SettingsForm): { patch: SettingsPatch; errors: FieldErrors } {
  const { patch, errors } = patchFromForm(view, form);
  const checked = validateSettingsPatch(settingsOf(view), patch);
  if (!checked.ok) for (const issue of checked.issues) errors[issue.field] ??= { message: issue.message };
  return { patch, errors };
}

export const hasErrors = (errors: FieldErrors): boolean => Object.keys(errors).length > 0;
