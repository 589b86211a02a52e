#!/usr/bin/env node
// `npm test`: type-check, then every runner (Vitest unit + integration,
// Playwright browser + Electron), then one plain summary line
// "N passed, N failed, N skipped" over all of them (the CI log reader needs it),
// exiting non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const tmp = join(root, '.tmp', 'test-reports');
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const run = (label, cmd, args, env = {}) => {
  process.stdout.write(`\n=== ${label}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
};

// 1. Types: a failure counts as one failed check.
for (const project of ['tsconfig.node.json', 'tsconfig.preload.json', 'tsconfig.web.json', 'tsconfig.test.json']) {
  if (!existsSync(join(root, project))) continue;
  const code = run(`typecheck ${project}`, 'npx', ['tsc', '-p', project]);
  if (code === 0) totals.passed++;
  else totals.failed++;
}

// 2. Vitest (unit + integration).
const vitestReport = join(tmp, 'vitest.json');
const vitestCode = run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]);
if (existsSync(vitestReport)) {
  const r = JSON.parse(readFileSync(vitestReport, 'utf8'));
  totals.passed += r.numPassedTests ?? 0;
  totals.failed += r.numFailedTests ?? 0;
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // A file that fails to load has no tests but still fails the run.
  if (vitestCode !== 0 && (r.numFailedTests ?? 0) === 0) totals.failed++;
} else if (vitestCode !== 0) totals.failed++;

// 3. Playwright (browser + electron projects), when configured.
if (existsSync(join(root, 'playwright.config.ts'))) {
  const pwReport = join(tmp, 'playwright.json');
  const pwCode = run('playwright', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwReport });
  if (existsSync(pwReport)) {
    const s = JSON.parse(readFileSync(pwReport, 'utf8')).stats ?? {};
    totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
    totals.failed += s.unexpected ?? 0;
    totals.skipped += s.skipped ?? 0;
    if (pwCode !== 0 && (s.unexpected ?? 0) === 0) totals.failed++;
  } else if (pwCode !== 0) totals.failed++;
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
