// The paku target as it really is: a missing table, a table with extra and
// missing columns, wrong passwords, unreachable hosts and TLS the server
// requires. Real PostgreSQL started by the test (test/helpers/postgres.ts).
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger } from '../../main/core/logger';
import { SyncWorker } from '../../main/core/sync/sync-worker';
import { freePort, startPostgres, type PgServer } from '../helpers/postgres';
import { MemoryOutbox, sampleReading, waitFor } from '../helpers/sync-fixtures';

const PAKU_PW = 'paku-secret-pw-42';
let server: PgServer;
let db = 0;

beforeAll(async () => {
  server = await startPostgres({ password: 'admin-secret', sslOnly: true, roles: [{ name: 'paku', password: PAKU_PW }] });
});
afterAll(async () => {
  await server?.destroy();
});

/** A fresh database owned by paku, so each test sees its own schema. */
async function freshDb(): Promise<string> {
  const name = `t${++db}`;
  await server.query(`CREATE DATABASE ${name} OWNER paku`);
  return name;
}

function worker(outbox: MemoryOutbox, database: string, extra: { password?: string; sslmode?: 'disable' | 'require' | 'verify-full'; caFile?: string | null; url?: string } = {}, lines: string[] = []) {
  return new SyncWorker({
    outbox,
    installationId: 'inst-a',
    pg: {
      url: extra.url ?? server.url({ user: 'paku', password: null, database }),
      password: extra.password ?? PAKU_PW,
      sslmode: extra.sslmode ?? 'require',
      caFile: extra.caFile ?? null,
      connectTimeoutMs: 2000,
    },
    backoff: { minMs: 50, maxMs: 200 },
    idlePollMs: 50,
    logger: createLogger({ sink: (l) => lines.push(l), level: 'debug' }),
  });
}

async function syncAll(w: SyncWorker, outbox: MemoryOutbox): Promise<void> {
  w.start();
  try {
    await waitFor(() => outbox.unsyncedCount() === 0 || w.status().lastError !== null, 15_000, 'sync');
  } finally {
    await w.stop();
  }
}

describe('schema', () => {
  test('a missing table is created with the contract columns and three indexes, values in the table units', async () => {
    const database = await freshDb();
    const outbox = new MemoryOutbox();
    for (let i = 0; i < 50; i++) outbox.add(sampleReading('DCABZ1', i));
    const w = worker(outbox, database);
    await syncAll(w, outbox);
    expect(w.status().lastError).toBeNull();
    const idx = await server.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE tablename = 'ecoflow_measurements' ORDER BY indexname`, [], database);
    expect(idx.map((r) => r.indexdef.replace(/.* USING btree /, ''))).toEqual(['(device_sn)', '(device_sn, ts DESC)', '(id)', '(ts)']);
    const rows = await server.query(`SELECT * FROM ecoflow_measurements ORDER BY ts`, [], database);
    expect(rows).toHaveLength(50);
    const r = rows[3]!;
    expect(r.device_sn).toBe('DCABZ1');
    expect((r.ts as Date).getTime()).toBe(Date.UTC(2026, 0, 1) + 3000);
    expect(r.soc_percent).toBe(53);
    expect(r.remain_time_min).toBe(90); // charging: minutes to full
    expect(r.pv_in_watts).toBe(313); // real watts, rounded
    expect(r.dc_out_watts).toBe(18); // car 10 + usb 5 + qc 3
    expect(r.usb_out_watts).toBe(8);
    expect(r.typec_out_watts).toBe(20);
    expect(r.bms_vol).toBe('52301'); // mV
    expect(r.bms_amp).toBe('-2345'); // mA, signed
    expect(r.bms_min_cell_vol).toBe('3271');
    expect(r.bms_full_cap).toBe('80100'); // mAh
    expect(r.inv_out_vol).toBe('230100');
    expect(r.inv_out_amp).toBe('450');
    expect(r.inv_out_temp).toBe('31.25');
    expect(r.wifi_rssi).toBe(-61);
    expect(r.qcusb2_watts).toBeNull();
    const ledger = await server.query(`SELECT installation_id, last_local_id::int AS mark, rows_written::int AS n FROM paku_ecoflow_sync`, [], database);
    expect(ledger).toEqual([{ installation_id: 'inst-a', mark: 50, n: 50 }]);
  });

  test('extra columns are left alone, missing contract columns are skipped and reported', async () => {
    const database = await freshDb();
    await server.query(
      `CREATE TABLE ecoflow_measurements (id BIGSERIAL PRIMARY KEY, device_sn TEXT NOT NULL, ts TIMESTAMPTZ NOT NULL DEFAULT now(),
        soc_percent INTEGER, watts_in_sum INTEGER, bms_vol NUMERIC, pd_model INTEGER, pd_beep_state INTEGER DEFAULT 7,
        ems_max_charge_soc INTEGER, inv_cfg_ac_enabled BOOLEAN);
       ALTER TABLE ecoflow_measurements OWNER TO paku;
       INSERT INTO ecoflow_measurements (device_sn, ts, soc_percent) VALUES ('OLD1', now(), 99)`,
      [],
      database,
    );
    const outbox = new MemoryOutbox();
    for (let i = 0; i < 10; i++) outbox.add({ ...sampleReading('DCABZ1', i), chargeLimitPercent: 90 });
    const w = worker(outbox, database);
    await syncAll(w, outbox);
    const s = w.status();
    expect(s.lastError).toBeNull();
    expect(s.missingColumns).toContain('pv_in_watts');
    expect(s.missingColumns).not.toContain('bms_vol');
    const rows = await server.query(`SELECT * FROM ecoflow_measurements WHERE device_sn = 'DCABZ1' ORDER BY ts`, [], database);
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatchObject({ soc_percent: 50, watts_in_sum: 300, bms_vol: '52301', pd_model: null, pd_beep_state: 7, ems_max_charge_soc: 90, inv_cfg_ac_enabled: true });
    const cols = await server.query(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'ecoflow_measurements'`, [], database);
    expect(cols[0]!.n).toBe(10); // nothing added
  });

  test('a table without device_sn is reported in words and left untouched', async () => {
    const database = await freshDb();
    await server.query(`CREATE TABLE ecoflow_measurements (id BIGSERIAL PRIMARY KEY, ts TIMESTAMPTZ NOT NULL); ALTER TABLE ecoflow_measurements OWNER TO paku`, [], database);
    const outbox = new MemoryOutbox();
    outbox.add(sampleReading('DCABZ1', 0));
    const w = worker(outbox, database);
    await syncAll(w, outbox);
    expect(w.status().lastError).toEqual({ code: 'pg-schema', message: expect.stringContaining('table ecoflow_measurements has no column device_sn') });
    expect(outbox.unsyncedCount()).toBe(1);
  });

  test('a table the user has no rights on is named as such (not "no column id") and left untouched', async () => {
    const database = await freshDb();
    // Owned by the superuser, no grants: information_schema shows paku no columns at all.
    await server.query(`CREATE TABLE public.ecoflow_measurements (id BIGSERIAL PRIMARY KEY, device_sn TEXT NOT NULL, ts TIMESTAMPTZ NOT NULL)`, [], database);
    const outbox = new MemoryOutbox();
    outbox.add(sampleReading('DCABZ1', 0));
    const w = worker(outbox, database);
    await syncAll(w, outbox);
    expect(w.status().lastError).toEqual({ code: 'pg-schema', message: expect.stringMatching(/exists but user paku has no rights on it: .*GRANT SELECT, INSERT ON ecoflow_measurements TO paku/) });
    expect(outbox.unsyncedCount()).toBe(1);
  });
});

describe('connection failures in words', () => {
  test('wrong password: says so, never shows the password', async () => {
    const database = await freshDb();
    const lines: string[] = [];
    const outbox = new MemoryOutbox();
    outbox.add(sampleReading('DCABZ1', 0));
    const w = worker(outbox, database, { password: 'wrong-password-123' }, lines);
    await syncAll(w, outbox);
    const e = w.status().lastError!;
    expect(e.code).toBe('pg-auth');
    expect(e.message).toContain('password authentication failed for user paku');
    expect(JSON.stringify(w.status()) + lines.join('\n')).not.toMatch(/wrong-password-123|paku-secret-pw-42/);
    expect(w.status().connected).toBe(false);
    expect(w.status().nextRetryTs).not.toBeNull();
    // The same with the password inside the URL.
    const inUrl = new SyncWorker({
      outbox,
      installationId: 'inst-a',
      pg: { url: server.url({ user: 'paku', password: 'wrong-in-url-777', database, sslmode: 'require' }) },
      logger: createLogger({ sink: (l) => lines.push(l), level: 'debug' }),
    });
    await syncAll(inUrl, outbox);
    expect(inUrl.status().lastError?.message).toContain('password authentication failed for user paku');
    expect(JSON.stringify(inUrl.status()) + lines.join('\n')).not.toContain('wrong-in-url-777');
  });

  test('connection refused and a timeout: server unreachable', async () => {
    const outbox = new MemoryOutbox();
    outbox.add(sampleReading('DCABZ1', 0));
    const port = await freePort();
    const refused = worker(outbox, 'x', { url: `postgres://paku@127.0.0.1:${port}/paku` });
    await syncAll(refused, outbox);
    expect(refused.status().lastError).toEqual({ code: 'pg-unreachable', message: `server unreachable: connection refused at 127.0.0.1:${port}` });
    // A listener that never answers: the connect hangs until the timeout.
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const silentPort = (silent.address() as AddressInfo).port;
    try {
      const hang = worker(outbox, 'x', { url: `postgres://paku@127.0.0.1:${silentPort}/paku` });
      await syncAll(hang, outbox);
      expect(hang.status().lastError).toEqual({ code: 'pg-unreachable', message: `server unreachable: connection timed out at 127.0.0.1:${silentPort}` });
    } finally {
      silent.close();
    }
    expect(outbox.unsyncedCount()).toBe(1);
  });

  test('TLS required by the server: sslmode=disable fails clearly; require and verify-full with the CA work', async () => {
    const database = await freshDb();
    const outbox = new MemoryOutbox();
    for (let i = 0; i < 5; i++) outbox.add(sampleReading('DCABZ1', i));
    const plain = worker(outbox, database, { sslmode: 'disable' });
    await syncAll(plain, outbox);
    expect(plain.status().lastError).toEqual({ code: 'pg-tls', message: expect.stringContaining('TLS required by the server') });
    expect(plain.status().lastError?.message).toContain('set sslmode=require');

    const noCa = worker(outbox, database, { sslmode: 'verify-full' });
    await syncAll(noCa, outbox);
    expect(noCa.status().lastError?.code).toBe('pg-tls');
    expect(noCa.status().lastError?.message).toMatch(/not trusted/);

    const verified = worker(outbox, database, { sslmode: 'verify-full', caFile: server.caFile });
    await syncAll(verified, outbox);
    expect(verified.status().lastError).toBeNull();
    outbox.add(sampleReading('DCABZ1', 5));
    // sslmode carried by the URL itself
    const viaUrl = new SyncWorker({
      outbox,
      installationId: 'inst-a',
      pg: { url: server.url({ user: 'paku', password: PAKU_PW, database, sslmode: 'require' }) },
      idlePollMs: 50,
    });
    await syncAll(viaUrl, outbox);
    expect(viaUrl.status().lastError).toBeNull();
    const rows = await server.query<{ n: number }>(`SELECT count(*)::int AS n FROM ecoflow_measurements`, [], database);
    expect(rows[0]!.n).toBe(6);
  });
});
