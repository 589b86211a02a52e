// The collector the faces hold: state changes reach the listeners at once,
// new readings at most once a second (the window's live values, the tray's
// level), and a swapped-out collector reaches nobody.
import { describe, expect, it } from 'vitest';
import type { CollectorStatus } from '../../../../../common/schemas';
import { ManualClock } from '../../../../../main/core/clock';
import type { Collector } from '../../../../../main/core/ecoflow/collector';
import { CollectorHost, LIVE_STATUS_EVERY_MS } from '../../../../../main/core/runtime/collector-host';
import { collectorStatus } from '../app-service.fakes';

/** The two subscriptions the host uses, driven by hand. */
function fakeCollector() {
  const status = new Set<(s: CollectorStatus) => void>();
  const reading = new Set<() => void>();
  const fake = {
    status: () => collectorStatus(),
    onStatus: (cb: (s: CollectorStatus) => void) => (status.add(cb), () => status.delete(cb)),
    onReading: (cb: () => void) => (reading.add(cb), () => reading.delete(cb)),
  };
  return {
    collector: fake as unknown as Collector,
    changed: () => status.forEach((cb) => cb(collectorStatus())),
    read: () => reading.forEach((cb) => cb()),
  };
}

describe('CollectorHost', () => {
  it('pushes readings at most once a second, state changes at once', () => {
    const clock = new ManualClock();
    const host = new CollectorHost(undefined, clock);
    const c = fakeCollector();
    host.swap(c.collector);
    let emitted = 0;
    host.onStatus(() => emitted++);

    for (let i = 0; i < 5; i++) c.read();
    expect(emitted).toBe(0);
    clock.advance(LIVE_STATUS_EVERY_MS);
    expect(emitted).toBe(1);

    // A state change goes out at once and carries the pending readings too.
    c.read();
    c.changed();
    expect(emitted).toBe(2);
    clock.advance(LIVE_STATUS_EVERY_MS);
    expect(emitted).toBe(2);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('a swapped-out collector reaches nobody', () => {
    const clock = new ManualClock();
    const host = new CollectorHost(undefined, clock);
    const old = fakeCollector();
    host.swap(old.collector);
    host.swap(fakeCollector().collector);
    let emitted = 0;
    host.onStatus(() => emitted++);
    old.read();
    old.changed();
    clock.advance(LIVE_STATUS_EVERY_MS);
    expect(emitted).toBe(0);
  });
});
