// MQTT payload texts as the EcoFlow cloud sends them (spec §4.4, §4.6). Built
// as text because the Delta Pro message id is a number above 2^53 written
// straight into the JSON, which JSON.stringify cannot produce.
import { DELTA_2_MODULES } from './physics/delta-2-quota';
import type { SimFamily } from './physics/profiles';
import type { QuotaMap } from './physics/quota-common';

/** A 19-digit message id like the real 2150912106874021449 (deliberately above 2^53). */
export function bigMessageId(seed: number, counter: number): string {
  const tail = String((seed * 7919 + counter * 104729) % 1e9).padStart(9, '0');
  return `21509${String(counter % 1e5).padStart(5, '0')}${tail}`;
}

function groupBy(keys: QuotaMap, moduleOf: (key: string) => string | null): Map<string, Record<string, unknown>> {
  const groups = new Map<string, Record<string, unknown>>();
  for (const [k, v] of Object.entries(keys)) {
    const m = moduleOf(k);
    if (m === null) continue;
    let g = groups.get(m);
    if (!g) groups.set(m, (g = {}));
    g[k] = v;
  }
  return groups;
}

const D2_PREFIXES = Object.entries(DELTA_2_MODULES);

/**
 * The quota messages for a set of changed keys: Delta Pro shape A (one message per module,
 * dotted keys as-is); Delta 2 shape B (one typeCode message per module, prefix removed).
 */
export function quotaMessages(family: SimFamily, changed: QuotaMap, ts: number, nextId: () => string): string[] {
  if (family === 'delta-pro') {
    const groups = groupBy(changed, (k) => k.slice(0, Math.max(0, k.indexOf('.'))) || null);
    return [...groups.values()].map(
      (params) =>
        `{"id":${nextId()},"version":"1.0","timestamp":${ts},"addr":0,"cmdFunc":0,"cmdId":0,"params":${JSON.stringify(params)}}`,
    );
  }
  const groups = groupBy(changed, (k) => D2_PREFIXES.find(([, prefix]) => k.startsWith(prefix))?.[0] ?? null);
  return [...groups.entries()].map(([typeCode, prefixed]) => {
    const prefix = DELTA_2_MODULES[typeCode] ?? '';
    const params = Object.fromEntries(Object.entries(prefixed).map(([k, v]) => [k.slice(prefix.length), v]));
    return `{"id":${nextId()},"version":"1.0","timestamp":${ts},"typeCode":${JSON.stringify(typeCode)},"params":${JSON.stringify(params)}}`;
  });
}

export function statusMessage(online: boolean, ts: number, id: string): string {
  return JSON.stringify({ id, version: '1.0', timestamp: ts, params: { status: online ? 1 : 0 } });
}

/** The reply echoes the request id; numeric ids come back as JSON numbers (spec §4.6). */
export function setReplyMessage(id: string, code: string, data: Record<string, number>, message?: string): string {
  const idText = /^\d{1,15}$/.test(id) ? id : JSON.stringify(id);
  const rest = JSON.stringify({ version: '1.0', operateType: 'TCP', code, ...(message ? { message } : {}), data });
  return `{"id":${idText},${rest.slice(1)}`;
}
