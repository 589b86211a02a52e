// The demo: the built-in simulated EcoFlow cloud (over real TLS, with its own
// CA), collected exactly like the real one into a store of its own
// (demo.sqlite, fresh each start), so simulated readings never mix with real
// ones and never reach paku. A second simulator plays "the other region" so
// the settings dialog's Test button can show the wrong-region answer.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock';
import { DEMO_STORE_FILE_NAME } from '../data-dir';
import { Collector } from '../ecoflow/collector';
import type { RegionHosts } from '../ecoflow/region-probe';
import type { Logger } from '../logger';
import { startCloudSim, type CloudSim } from '../simulator/cloud-sim';
import { generateHistory } from '../simulator/physics/history';
import type { EnergyLedger } from '../simulator/physics/power-station';
import type { SimFamily } from '../simulator/physics/profiles';
import { defaultSerial } from '../simulator/sim-device';
import { insertAll } from '../store/insert-all';
import { ReadingStore } from '../store/store';
import { Pipeline } from './pipeline';
import { keepStatusSnapshot } from './status-snapshot';
import { storeFace } from './store-adapter';
import { CollectorHost } from './collector-host';
import type { AppSources } from '../app-service/deps';

/** The demo stores every second: charts fill quickly and the ledger tracks the simulator closely. */
const DEMO_SAMPLE_SECONDS = 1;
const DEMO_SEED = 1;
const DEMO_FAMILIES: SimFamily[] = ['delta-pro', 'delta-2'];
/** Days of simulated history written before the live part starts, so charts and ledger have something to show. */
export const DEMO_HISTORY_DAYS = 7;
const HISTORY_STEP_MS = 60_000;

/**
 * Writes `days` of one-a-minute history per demo device, ending now, and
 * returns each device's last state of charge so the live simulator goes on
 * from there instead of jumping.
 */
function writeHistory(store: ReadingStore, now: number, days: number): Record<string, number> {
  const lastSoc: Record<string, number> = {};
  DEMO_FAMILIES.forEach((family, i) => {
    const sn = defaultSerial(family, DEMO_SEED, i);
    insertAll(store, generateHistory({ sn, family, from: now - days * 86_400_000, to: now - HISTORY_STEP_MS, stepMs: HISTORY_STEP_MS, seed: DEMO_SEED }));
    const soc = store.latest(sn)?.socPercent;
    if (soc !== null && soc !== undefined) lastSoc[sn] = soc;
  });
  return lastSoc;
}

export interface Demo {
  sources: AppSources;
  keys: { accessKey: string; secretKey: string };
  /** Region → simulator: 'eu' is the demo cloud, 'us' refuses the keys (8513). */
  hosts: RegionHosts;
  stop(): Promise<void>;
}

export async function startDemo(o: { dataDir: string; clock: Clock; logger: Logger; nativeBinding?: string; historyDays?: number }): Promise<Demo> {
  const log = o.logger.child('demo');
  const path = join(o.dataDir, DEMO_STORE_FILE_NAME);
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const store = ReadingStore.open({ path, clock: o.clock, logger: log.child('store'), ...(o.nativeBinding ? { nativeBinding: o.nativeBinding } : {}) });
  const days = o.historyDays ?? DEMO_HISTORY_DAYS;
  const lastSoc = days > 0 ? writeHistory(store, o.clock.now(), days) : {};
  const sim: CloudSim = await startCloudSim({
    clock: o.clock,
    seed: DEMO_SEED,
    devices: DEMO_FAMILIES.map((family, i) => ({ family, initialSoc: lastSoc[defaultSerial(family, DEMO_SEED, i)] })),
    logger: log.child('sim'),
  });
  const keys = { accessKey: sim.accessKey, secretKey: sim.secretKey };
  const otherRegion = await startCloudSim({ clock: o.clock, ...keys, rejectAccessKey: true, autoPublish: false, devices: [], logger: log.child('sim-other') });
  const collector = new Collector({ keys, baseUrl: sim.restUrl, ca: sim.caPem, clock: o.clock, logger: log.child('collector'), kv: store.kv });
  const pipeline = new Pipeline({ collector, store, sampleSeconds: DEMO_SAMPLE_SECONDS, clock: o.clock, logger: log });
  const host = new CollectorHost(undefined, o.clock);
  host.swap(collector);
  // `paku-ecoflow status --demo` reads the demo's device states from its store.
  const snapshot = keepStatusSnapshot({ kv: store.kv, collector: host, sync: null, clock: o.clock, logger: log });
  const started = await collector.start();
  if (!started.ok) log.error('the demo could not connect to its simulator', { error: started.error.message });
  return {
    sources: {
      collector: host,
      store: storeFace(store),
      sync: null,
      trueEnergy: (): Record<string, EnergyLedger> => Object.fromEntries(sim.devices.map((d) => [d.sn, sim.trueEnergy(d.sn)])),
    },
    keys,
    hosts: { eu: { url: sim.restUrl, ca: sim.caPem }, us: { url: otherRegion.restUrl, ca: otherRegion.caPem } },
    async stop() {
      await pipeline.stop();
      snapshot.stop();
      store.close();
      await Promise.all([sim.stop(), otherRegion.stop()]);
    },
  };
}
