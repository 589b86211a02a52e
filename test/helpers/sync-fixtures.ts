// Sync test fixtures: a small in-memory Outbox (main/core/store/types.ts),
// a reading factory and a poll helper.
import { emptyReading, type Reading } from '../../common/reading';
import type { Outbox, OutboxBatch, StoredReading } from '../../main/core/store/types';

export class MemoryOutbox implements Outbox {
  readonly readings: StoredReading[] = [];
  #synced = 0;

  add(r: Reading): StoredReading {
    const stored = { ...r, id: this.readings.length + 1 };
    this.readings.push(stored);
    return stored;
  }

  take(afterId: number, limit: number): OutboxBatch {
    // ids are 1..n in array order
    const readings = this.readings.slice(afterId, afterId + limit);
    return { readings, lastId: readings.at(-1)?.id ?? 0 };
  }

  markSynced(lastId: number): void {
    this.#synced = Math.max(this.#synced, lastId);
  }

  syncedUpTo(): number {
    return this.#synced;
  }

  unsyncedCount(): number {
    return this.readings.length - this.#synced;
  }

  oldestUnsyncedTs(): number | null {
    return this.readings[this.#synced]?.ts ?? null;
  }
}

/** A plausible Delta Pro reading at second i, every value distinct enough to check. */
export function sampleReading(sn: string, i: number, start = Date.UTC(2026, 0, 1)): Reading {
  return {
    ...emptyReading(sn, start + i * 1000),
    socPercent: 50 + (i % 50),
    socMainPercent: 49,
    chargeState: 1,
    minutesToFull: 90,
    minutesToEmpty: 600,
    wattsIn: 300 + (i % 7),
    wattsOut: 120,
    acInWatts: 0,
    acOutWatts: 100,
    solarWatts: 312.5,
    carOutWatts: 10,
    usb1Watts: 5,
    usb2Watts: null,
    qcUsb1Watts: 3,
    typec1Watts: 20,
    typec2Watts: 0,
    batteryVolts: 52.301,
    batteryAmps: -2.345,
    batteryTempC: 24.5,
    cellMinVolts: 3.271,
    cellMaxVolts: 3.285,
    cellMinTempC: 23,
    cellMaxTempC: 26,
    cycles: 17,
    fullCapacityAh: 80.1,
    remainCapacityAh: 41.2,
    inverterTempC: 31.25,
    mpptTempC: 33,
    acInVolts: 0,
    acOutVolts: 230.1,
    acOutAmps: 0.45,
    wifiRssi: -61,
    acOutEnabled: 1,
  };
}

/** Polls cond every 20 ms until true; throws with `what` after timeoutMs. */
export async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Per device: rows in the paku table, distinct timestamps among them, and the lowest/highest ts. */
export async function pakuRowStats(
  query: (sql: string) => Promise<Record<string, unknown>[]>,
): Promise<Map<string, { rows: number; distinct: number; minTs: number; maxTs: number }>> {
  const rows = await query(
    `SELECT device_sn, count(*)::int AS rows, count(DISTINCT ts)::int AS distinct, extract(epoch FROM min(ts))*1000 AS min, extract(epoch FROM max(ts))*1000 AS max
       FROM ecoflow_measurements GROUP BY device_sn`,
  );
  return new Map(rows.map((r) => [String(r.device_sn), { rows: Number(r.rows), distinct: Number(r.distinct), minTs: Number(r.min), maxTs: Number(r.max) }]));
}
