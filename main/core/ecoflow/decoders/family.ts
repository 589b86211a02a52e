// Which decoder a device gets: product name (case-insensitive), then the
// device's own name ("RIVER 2-1003"), then the serial prefix (spec §3.2).
import type { DeviceFamily } from '../../../../common/schemas';

// Order matters: longer names first, so "delta pro 3" is not taken for "delta pro".
const NAME_PATTERNS: readonly [string, DeviceFamily][] = [
  ['delta pro 3', 'delta-pro-3'],
  ['delta pro ultra', 'unknown'],
  ['delta pro', 'delta-pro'],
  ['delta max', 'delta-max'],
  ['delta 2 max', 'delta-2-max'],
  ['delta 2', 'delta-2'],
  ['river 2 max', 'river-2'],
  ['river 2 pro', 'river-2'],
  ['river 2', 'river-2'],
];

const SERIAL_PREFIXES: readonly [string, DeviceFamily][] = [
  ['DCABZ', 'delta-pro'],
  ['DCEBZ', 'delta-pro'],
  ['R331', 'delta-2'],
  ['MR51', 'delta-pro-3'],
];

function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function familyFromName(name: string | undefined): DeviceFamily | null {
  if (!name) return null;
  const n = normalize(name);
  for (const [pattern, family] of NAME_PATTERNS) {
    // A name matches when the pattern is followed by the end or a separator ("delta pro 1234" is a Delta Pro).
    if (n.startsWith(pattern) && (n.length === pattern.length || n[pattern.length] === ' ')) {
      return family;
    }
  }
  return null;
}

export function detectFamily(device: { sn: string; productName?: string | undefined; deviceName?: string | undefined }): DeviceFamily {
  const byProduct = familyFromName(device.productName);
  if (byProduct) return byProduct;
  const byName = familyFromName(device.deviceName);
  if (byName) return byName;
  const sn = device.sn.toUpperCase();
  return SERIAL_PREFIXES.find(([prefix]) => sn.startsWith(prefix))?.[1] ?? 'unknown';
}

/** A readable model name for a family, used when the cloud gives none. */
export const FAMILY_LABELS: Readonly<Record<DeviceFamily, string>> = {
  'delta-pro': 'DELTA Pro',
  'delta-max': 'DELTA Max',
  'delta-2': 'DELTA 2',
  'delta-2-max': 'DELTA 2 Max',
  'river-2': 'RIVER 2',
  'delta-pro-3': 'DELTA Pro 3',
  unknown: 'Unknown model',
};
