// Child process for the store integration tests (SIGKILL, concurrent reader):
// writes readings through a Sampler as fast as batches allow and prints the
// highest committed id after every batch ("committed <id>"). Not a test file.
import { systemClock } from '../../../../../main/core/clock';
import { silentLogger } from '../../../../../main/core/logger';
import { Sampler } from '../../../../../main/core/store/sampler';
import { ReadingStore } from '../../../../../main/core/store/store';
import { reading } from './fixtures';

const [path, startTs] = process.argv.slice(2);
if (!path || !startTs) throw new Error('usage: writer-child <db path> <start ts>');
const store = ReadingStore.open({ path, clock: systemClock, logger: silentLogger });
const committing = {
  insert(rs: Parameters<ReadingStore['insert']>[0]): number[] {
    const ids = store.insert(rs);
    if (ids.length) process.stdout.write(`committed ${ids[ids.length - 1]}\n`);
    return ids;
  },
};
const sampler = new Sampler({ store: committing, clock: systemClock, logger: silentLogger, sampleSeconds: 0, batchMs: 5, batchSize: 50 });
let ts = Number(startTs);
let i = 0;
const tick = (): void => {
  for (let k = 0; k < 20; k++, i++) {
    ts += 1000;
    sampler.offer(reading(ts, { socPercent: 20 + (i % 60), wattsIn: 100 + (i % 7), wattsOut: 50, solarWatts: i % 300, energyAcInWh: 1000 + i * 0.1 }));
  }
  setTimeout(tick, 1);
};
tick();
