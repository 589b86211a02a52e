// `npm run bench [suite]`: runs every suite (or one), prints a table and
// writes bench-results.json with one {name,value,unit,limit,ratio} per figure.
// Running one suite keeps the other suites' figures from the previous file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchFigure, BenchSuite } from './harness';
import { suites } from './suites';

const root = join(import.meta.dirname, '..');
const wanted = process.argv[2];
const chosen: BenchSuite[] = wanted ? suites.filter((s) => s.name === wanted) : suites;
if (chosen.length === 0) {
  console.error(`Unknown suite "${wanted}". Suites: ${suites.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

const resultsPath = join(root, 'bench-results.json');
const previous: BenchFigure[] = existsSync(resultsPath) ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as BenchFigure[]) : [];
const fresh: BenchFigure[] = [];
for (const suite of chosen) {
  console.log(`\n# ${suite.name}: ${suite.description}`);
  fresh.push(...(await suite.run((line) => console.log(`  ${line}`))));
}

const prefixes = chosen.map((s) => `${s.name}.`);
const merged = [...previous.filter((f) => !prefixes.some((p) => f.name.startsWith(p))), ...fresh];
writeFileSync(resultsPath, JSON.stringify(merged, null, 2) + '\n');

const pad = (s: string, n: number) => s.padEnd(n);
console.log(`\n${pad('figure', 34)}${pad('value', 16)}${pad('unit', 10)}${pad('limit', 14)}ratio`);
for (const f of fresh) {
  console.log(`${pad(f.name, 34)}${pad(String(f.value), 16)}${pad(f.unit, 10)}${pad(f.limit === null ? '-' : String(f.limit), 14)}${f.ratio ?? '-'}`);
}
console.log(`\nwrote ${resultsPath}`);
process.exit(0);
