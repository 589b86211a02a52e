// Playwright: `browser` drives the real renderer in Debian's Chromium against
// `paku-ecoflow serve --demo` (see test/e2e/fixtures.ts); `electron` runs the
// whole app from out/ and skips itself when the Electron binary is absent.
// scripts/run-tests.mjs sets PLAYWRIGHT_JSON_OUTPUT_NAME and reads that report.
import { defineConfig, type ReporterDescription } from '@playwright/test';

const reporters: ReporterDescription[] = [['list']];
if (process.env.PLAYWRIGHT_JSON_OUTPUT_NAME) reporters.push(['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME }]);

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export default defineConfig({
  reporter: reporters,
  globalSetup: './test/e2e/global-setup.ts',
  outputDir: '.tmp/playwright-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  // Two cores shared with other work: one app server and one browser per worker.
  workers: 2,
  retries: 0,
  projects: [
    {
      name: 'browser',
      testDir: 'test/e2e/browser',
      testMatch: '**/*.spec.ts',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 860 },
        launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
        trace: 'retain-on-failure',
      },
    },
    {
      name: 'electron',
      testDir: 'test/e2e/electron',
      testMatch: '**/*.spec.ts',
    },
  ],
});
