import { describe, expect, it } from 'vitest';
import { emptyReading } from '../../../../../common/reading';
import { ManualClock } from '../../../../../main/core/clock';
import { Backoff } from '../../../../../main/core/ecoflow/backoff';
import { installationClientId } from '../../../../../main/core/ecoflow/client-id';
import { PendingOutputs } from '../../../../../main/core/ecoflow/pending-outputs';
import { topicsFor } from '../../../../../main/core/ecoflow/mqtt-session';

const memoryKv = () => {
  const m = new Map<string, string>();
  return { get: (k: string) => m.get(k) ?? null, set: (k: string, v: string) => void m.set(k, v), m };
};

describe('Backoff', () => {
  it('grows from 1 s to 5 min with jitter, and resets', () => {
    const low = new Backoff({ random: () => 0 });
    expect(Array.from({ length: 12 }, () => low.next())).toEqual([1000, 1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 150000, 150000, 150000]);
    const high = new Backoff({ random: () => 1 });
    const seq = Array.from({ length: 12 }, () => high.next());
    expect(seq[0]).toBe(1000);
    expect(seq.at(-1)).toBe(300000);
    high.reset();
    expect(high.next()).toBe(1000);
  });
});

describe('installationClientId', () => {
  it('is stable for an installation and key, persisted, and differs between installations', () => {
    const kv = memoryKv();
    const a = installationClientId(kv, ' AK1 ');
    expect(a).toMatch(/^paku-ecoflow-[0-9a-f]{12}$/);
    expect(installationClientId(kv, 'AK1')).toBe(a);
    expect(installationClientId(kv, 'AK2')).not.toBe(a);
    expect(installationClientId(memoryKv(), 'AK1')).not.toBe(a);
    expect(kv.m.get('ecoflow.installationId')).toMatch(/^[0-9a-f]{32}$/);
    expect(a).not.toContain('AK1');
  });
});

describe('topics', () => {
  it('subscribes quota, status and set_reply of a device under the full account', () => {
    expect(topicsFor('open-abc', 'SN1')).toEqual(['/open/open-abc/SN1/quota', '/open/open-abc/SN1/status', '/open/open-abc/SN1/set_reply']);
  });
});

describe('PendingOutputs', () => {
  it('confirms on the matching reading, fails after the timeout', () => {
    const clock = new ManualClock();
    const failed: string[] = [];
    const p = new PendingOutputs(clock, (sn, o) => failed.push(`${sn} ${o.output} ${o.on}`), 60_000);
    p.add('S', 'ac', true);
    p.add('S', 'car', false);
    expect(p.list('S').map((x) => x.output)).toEqual(['ac', 'car']);
    expect(p.confirm({ ...emptyReading('S', 1), acOutEnabled: 0 })).toBe(false);
    expect(p.confirm({ ...emptyReading('S', 1), acOutEnabled: 1 })).toBe(true);
    expect(p.list('S').map((x) => x.output)).toEqual(['car']);
    clock.advance(60_000);
    expect(failed).toEqual(['S car false']);
    expect(p.list('S')).toEqual([]);
  });
});
