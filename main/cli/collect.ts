// `paku-ecoflow collect` and `paku-ecoflow demo`: collect until SIGINT/SIGTERM,
// then store what is pending and stop within 5 s.
import { CodedError } from '../../common/errors';
import { startCliRuntime, untilSignal, type CliRuntime } from './cli-runtime';
import { loadCliConfig, requireKeys, type CliConfig } from './config';
import type { CliValues } from './index';

const STOP_WITHIN_MS = 5_000;

const watts = (v: number | null | undefined) => (v === null || v === undefined ? '?' : `${Math.round(v)} W`);

/** One line per device now and then, so a terminal shows that data flows. */
async function summarize(rt: CliRuntime): Promise<void> {
  const status = await rt.service['status:get']();
  if (!status.ok) return;
  for (const d of status.value.collector.devices) {
    const r = d.latest;
    rt.logger.info(`${d.name || d.sn}: ${d.state}${r ? `, ${r.socPercent ?? '?'} %, in ${watts(r.wattsIn)}, out ${watts(r.wattsOut)}` : ''}`, { sn: d.sn });
  }
}

async function runUntilSignal(rt: CliRuntime, summaryEveryMs: number): Promise<number> {
  const summary = setInterval(() => void summarize(rt), summaryEveryMs);
  const signal = await untilSignal();
  clearInterval(summary);
  rt.logger.info('stopping', { signal });
  // Not unref'd: it keeps the process alive until close() settles, so a stalled close ends in words, not exit 13.
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((done) => (timer = setTimeout(() => done('late'), STOP_WITHIN_MS)));
  const outcome = await Promise.race([rt.close().then(() => 'ok' as const), late]);
  clearTimeout(timer);
  if (outcome === 'late') {
    rt.logger.warn('stopping took longer than 5 s; exiting anyway (readings already stored are safe)');
    // close() is still stuck on something that may hold the process open: leave regardless.
    process.exit(1);
  }
  return 0;
}

function describe(c: CliConfig, demo: boolean): string {
  return [demo ? 'demo on the built-in simulator' : `EcoFlow ${c.apiUrl}`, `data in ${c.dataDir}`, c.pgUrl && !demo ? 'sync to paku on' : 'no paku sync'].join(', ');
}

export async function runCollect(values: CliValues): Promise<number> {
  const config = loadCliConfig(values);
  requireKeys(config);
  const rt = await startCliRuntime(config, { demo: false, settingsFrom: 'config', secretsFile: values['secrets-file'] });
  rt.logger.info(`collecting: ${describe(config, false)}; Ctrl+C stops`);
  const first = await rt.firstStart;
  // Wrong keys, region or clock will not fix themselves: say so and stop. Network trouble is retried.
  if (first && !first.ok && rt.collector.status().connection === 'auth-failed') {
    await rt.close();
    throw new CodedError(first.error.code, first.error.message);
  }
  return runUntilSignal(rt, 60_000);
}

export async function runDemo(values: CliValues): Promise<number> {
  const config = loadCliConfig(values);
  const rt = await startCliRuntime(config, { demo: true, settingsFrom: 'config' });
  rt.logger.info(`collecting: ${describe(config, true)}; Ctrl+C stops`);
  return runUntilSignal(rt, 10_000);
}
