// Form validation for settings patches: one message per field, in words a
// person can act on. The window shows them beside the fields; the core runs the
// same checks before saving. `key` is stable so a window can translate it.
import type { z } from 'zod';
import { applySettingsPatch, SettingsPatchSchema, type Settings, type SettingsPatch } from './settings';

export interface FieldIssue {
  /** Dotted path of the field, e.g. "postgres.url" or "secrets.ecoflowAccessKey". */
  field: string;
  /** Stable id of the problem, e.g. "tooShort"; `${field}.${key}` names a translation. */
  key: string;
  message: string;
}

const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** Why an EcoFlow API base URL is unusable, or null when it is fine. */
export function ecoflowUrlProblem(text: string | null): string | null {
  const url = text ? parseUrl(text) : null;
  const plainLocal = url?.protocol === 'http:' && LOCAL_HOST.test(url.hostname);
  if (!url || !(url.protocol === 'https:' || plainLocal) || (url.pathname !== '/' && url.pathname !== '') || url.search) {
    return 'Custom API URL must be a base URL such as https://api-e.ecoflow.com (https, no path).';
  }
  return null;
}

function keyProblem(value: string, what: string): string | null {
  if (/\s/.test(value)) return `${what} contains spaces: copy it again from the EcoFlow developer portal.`;
  if (value.length < 16) return `${what} looks too short: EcoFlow keys are about 32 characters, copy it again from the developer portal.`;
  return null;
}

interface Check {
  /** Patch fields that make this check relevant (top-level or "section.field"). */
  when: string[];
  field: string;
  key: string;
  problem: (s: Settings, patch: SettingsPatch) => string | null;
}

const CHECKS: Check[] = [
  {
    when: ['ecoflow.region', 'ecoflow.customUrl'],
    field: 'ecoflow.customUrl',
    key: 'badUrl',
    problem: (s) => (s.ecoflow.region === 'custom' ? ecoflowUrlProblem(s.ecoflow.customUrl) : null),
  },
  {
    when: ['ecoflow.devices'],
    field: 'ecoflow.devices',
    key: 'badSerial',
    problem: (s) => {
      const bad = s.ecoflow.devices.find((sn) => !/^[A-Za-z0-9]{6,32}$/.test(sn));
      return bad === undefined ? null : `"${bad}" is not a serial number: serials are 6–32 letters and digits, like R331ZEB4ZE1A0528.`;
    },
  },
  {
    when: ['postgres.url'],
    field: 'postgres.url',
    key: 'badUrl',
    problem: (s) => {
      const text = s.postgres.url;
      if (!text) return null;
      if (!/^postgres(ql)?:\/\//.test(text)) return 'Postgres URL must start with postgres:// or postgresql://, e.g. postgresql://paku@db.example:5432/paku.';
      const url = parseUrl(text);
      if (!url || !url.hostname) return 'Postgres URL is not a valid URL: use postgresql://USER@HOST:5432/DATABASE.';
      if (url.password) return 'Leave the password out of the Postgres URL and type it in the password field: it is stored encrypted there.';
      return null;
    },
  },
  {
    when: ['postgres.caFile'],
    field: 'postgres.caFile',
    key: 'notAbsolute',
    problem: (s) =>
      s.postgres.caFile && !/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(s.postgres.caFile) ? 'CA file must be a full path, e.g. /etc/ssl/paku-ca.pem.' : null,
  },
  {
    when: ['republish.enabled', 'republish.url'],
    field: 'republish.url',
    key: 'badUrl',
    problem: (s) => {
      if (!s.republish.enabled && !s.republish.url) return null;
      const url = s.republish.url ? parseUrl(s.republish.url) : null;
      if (!url || !['mqtt:', 'mqtts:'].includes(url.protocol)) return 'Republish broker URL must start with mqtt:// or mqtts://, e.g. mqtt://192.168.1.10:1883.';
      if (url.password) return 'Leave the password out of the broker URL and type it in the password field.';
      return null;
    },
  },
  {
    when: ['notifications.lowSoc', 'notifications.criticalSoc'],
    field: 'notifications.criticalSoc',
    key: 'notBelowLow',
    problem: (s) => (s.notifications.criticalSoc >= s.notifications.lowSoc ? 'Critical level must be below the low level.' : null),
  },
  {
    when: ['secrets.ecoflowAccessKey'],
    field: 'secrets.ecoflowAccessKey',
    key: 'tooShort',
    problem: (_s, p) => (p.secrets?.ecoflowAccessKey ? keyProblem(p.secrets.ecoflowAccessKey, 'Access key') : null),
  },
  {
    when: ['secrets.ecoflowSecretKey'],
    field: 'secrets.ecoflowSecretKey',
    key: 'tooShort',
    problem: (_s, p) => (p.secrets?.ecoflowSecretKey ? keyProblem(p.secrets.ecoflowSecretKey, 'Secret key') : null),
  },
];

/** Friendlier words for schema-level problems, by field. */
const SHAPE_MESSAGES: Record<string, string> = {
  sampleSeconds: 'Sample interval must be a whole number of seconds from 1 to 3600.',
  'notifications.lowSoc': 'Low level must be a whole percentage from 0 to 100.',
  'notifications.criticalSoc': 'Critical level must be a whole percentage from 0 to 100.',
  'notifications.gridLostAfterSec': 'Grid-lost delay must be a whole number of seconds from 0 to 86400.',
  'notifications.staleAfterMin': 'Stale-after must be a whole number of minutes from 1 to 1440.',
  'notifications.syncFailingAfterMin': 'Sync-failing delay must be a whole number of minutes from 1 to 10080.',
  'ecoflow.devices': 'Devices must be a list of serial numbers.',
};

function touched(patch: SettingsPatch): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    out.add(k);
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k2, v2] of Object.entries(v)) if (v2 !== undefined) out.add(`${k}.${k2}`);
  }
  return out;
}

function shapeIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => {
    const field = i.path.map(String).join('.') || '(patch)';
    const section = i.path.slice(0, 2).map(String).join('.');
    const message = i.code === 'unrecognized_keys' ? `Unknown setting: ${i.keys.join(', ')}.` : (SHAPE_MESSAGES[section] ?? `${field}: ${i.message}`);
    return { field, key: i.code, message };
  });
}

/**
 * Checks a patch against the settings it would change. Only fields the patch
 * touches are judged, so an old odd value never blocks an unrelated change.
 */
export function validateSettingsPatch(base: Settings, raw: unknown): { ok: true; patch: SettingsPatch } | { ok: false; issues: FieldIssue[] } {
  const parsed = SettingsPatchSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: shapeIssues(parsed.error) };
  const patch = parsed.data;
  const next = applySettingsPatch(base, patch);
  const changed = touched(patch);
  const issues: FieldIssue[] = [];
  for (const c of CHECKS) {
    if (!c.when.some((w) => changed.has(w))) continue;
    const message = c.problem(next, patch);
    if (message) issues.push({ field: c.field, key: c.key, message });
  }
  return issues.length ? { ok: false, issues } : { ok: true, patch };
}

/** One sentence for an error result: the issues joined, each already actionable. */
export function describeIssues(issues: FieldIssue[]): string {
  return issues.map((i) => i.message).join(' ');
}
