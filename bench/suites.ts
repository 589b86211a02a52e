// The registry of benchmark suites; each issue adds its own file under bench/.
import type { BenchSuite } from './harness';
import { chartSuite } from './chart';
import { ingestSuite } from './ingest';
import { syncSuite } from './sync';

export const suites: BenchSuite[] = [ingestSuite, syncSuite, chartSuite];
