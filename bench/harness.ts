// Shared benchmark harness: each suite returns figures; index.ts prints them
// and writes bench-results.json.

export interface BenchFigure {
  /** Dotted name, e.g. "ingest.ratio" or "sync.direct.rowsPerSec". */
  name: string;
  value: number;
  unit: string;
  /** The reference limit this figure is compared with (same run), or null. */
  limit: number | null;
  /** value / limit (or limit / value for times where lower is better), or null. */
  ratio: number | null;
}

export interface BenchSuite {
  name: string;
  description: string;
  run(log: (line: string) => void): Promise<BenchFigure[]>;
}

export function figure(name: string, value: number, unit: string, limit: number | null = null, ratio: number | null = null): BenchFigure {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return { name, value: round(value), unit, limit: limit === null ? null : round(limit), ratio: ratio === null ? null : round(ratio) };
}

/** Runs fn repeatedly for at least minMs and returns operations per second. */
export function ratePerSecond(fn: () => number, minMs = 1000): number {
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    ops += fn();
    elapsed = performance.now() - start;
  }
  return (ops * 1000) / elapsed;
}
