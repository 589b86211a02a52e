// The registry of benchmark suites; each issue adds its own file under bench/.
import type { BenchSuite } from './harness';

export const suites: BenchSuite[] = [];
