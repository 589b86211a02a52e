// The settings "Test" buttons: settings + secrets → the doctor checks.
// `hosts` points the regions at other servers (the demo: Europe is the
// simulator, Americas a second simulator that refuses its keys).
import type { Settings } from '../../../common/settings';
import { ecoflowApiUrl } from '../../../common/settings';
import type { ConnectionTesters } from '../app-service/deps';
import type { Clock } from '../clock';
import type { RegionHosts } from '../ecoflow/region-probe';
import type { Logger } from '../logger';
import { failed, resultOf } from './check-result';
import { checkEcoflow } from './ecoflow-checks';
import { checkPostgres } from './postgres-checks';

export interface TesterOptions {
  clock: Clock;
  logger: Logger;
  /** Extra CA for the EcoFlow hosts (tests, demo). */
  ca?: string;
  hosts?: RegionHosts;
}

/** The base URL and its CA the settings point at, or null when a custom URL is missing. */
function ecoflowTarget(settings: Settings, opts: TesterOptions): { baseUrl: string; ca?: string } | null {
  const region = settings.ecoflow.region;
  const host = region !== 'custom' ? opts.hosts?.[region] : undefined;
  if (host !== undefined) {
    const url = typeof host === 'string' ? host : host.url;
    const ca = typeof host === 'string' ? opts.ca : (host.ca ?? opts.ca);
    return { baseUrl: url, ...(ca && { ca }) };
  }
  const baseUrl = ecoflowApiUrl(settings);
  return baseUrl ? { baseUrl, ...(opts.ca && { ca: opts.ca }) } : null;
}

export function createTesters(opts: Readonly<TesterOptions>): ConnectionTesters {
  return {
    async testEcoflow(settings, secrets) {
      const target = ecoflowTarget(settings, opts);
      if (!target) {
        return resultOf(
          [failed('api url', 'not-configured', 'The region is set to a custom URL, but no URL is given.', 'Enter the API base URL (e.g. https://api-e.ecoflow.com), or pick Europe or Americas.')],
          [],
        );
      }
      return checkEcoflow({
        ...target,
        keys: { accessKey: secrets.ecoflowAccessKey, secretKey: secrets.ecoflowSecretKey },
        devices: settings.ecoflow.devices,
        clock: opts.clock,
        logger: opts.logger,
        ...(opts.hosts && { hosts: opts.hosts }),
      });
    },
    async testPostgres(settings, secrets) {
      const { url, sslmode, caFile } = settings.postgres;
      if (!url) {
        return resultOf([failed('postgres', 'not-configured', 'No Postgres URL is set.', 'Enter the paku Postgres URL, e.g. postgres://paku@db.example.org:5432/paku.')], []);
      }
      return checkPostgres({ url, password: secrets.postgresPassword, sslmode, caFile }, opts.logger);
    },
  };
}
