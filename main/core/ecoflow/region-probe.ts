// "Which region do these keys belong to?" for doctor and the settings test:
// certification on the configured host, and on 8513 the same on the other
// region's host (8513 means a bad key OR a key from the other region, §1).
import { isCodedError } from '../../../common/errors';
import { err, ok, type Result } from '../../../common/result';
import { EcoFlowRestClient, REGION_LABELS, REGION_URLS, type Region, type RestClientOptions } from './rest-client';

export interface RegionCheck {
  /** The base URL the keys work on. */
  baseUrl: string;
  region: Region | null;
}

/** Region → base URL, or base URL plus its own CA (tests: two simulators with different CAs). */
export type RegionHosts = Readonly<Record<Region, string | { url: string; ca?: string }>>;

const urlOf = (h: RegionHosts[Region]): string => (typeof h === 'string' ? h : h.url);

/**
 * ok when the keys work on opts.baseUrl; 'ecoflow-wrong-region' when they work only on the other
 * region's host (the message names it); otherwise the configured host's error.
 * `hosts` replaces the region URLs (tests point both regions at simulators).
 */
export async function diagnoseRegion(opts: Readonly<RestClientOptions>, hosts: RegionHosts = REGION_URLS): Promise<Result<RegionCheck>> {
  const caOf = (baseUrl: string): string | undefined => {
    const h = Object.values(hosts).find((x) => typeof x !== 'string' && x.url === baseUrl);
    return h && typeof h !== 'string' && h.ca ? h.ca : opts.ca;
  };
  const tryOn = async (baseUrl: string): Promise<Result<RegionCheck>> => {
    try {
      const ca = caOf(baseUrl);
      await new EcoFlowRestClient({ ...opts, baseUrl, ...(ca && { ca }) }).certification();
      return ok({ baseUrl, region: regionOfIn(baseUrl, hosts) });
    } catch (e) {
      return isCodedError(e) ? err(e.code, e.message) : err('internal', String(e));
    }
  };
  const first = await tryOn(opts.baseUrl);
  if (first.ok || first.error.code !== 'ecoflow-bad-key') return first;
  const configured = regionOfIn(opts.baseUrl, hosts);
  const others = (Object.keys(hosts) as Region[]).filter((r) => r !== configured);
  for (const other of others) {
    const otherUrl = urlOf(hosts[other]);
    const second = await tryOn(otherUrl);
    if (second.ok) {
      const label = REGION_LABELS[other];
      return err('ecoflow-wrong-region', `These keys belong to ${label} (${new URL(otherUrl).host}), not ${new URL(opts.baseUrl).host}: switch the region to ${label}.`);
    }
  }
  return err('ecoflow-bad-key', `EcoFlow rejected the access key on every region's host (8513): check the access key on the EcoFlow developer portal (Europe: developer-eu.ecoflow.com, Americas: developer.ecoflow.com).`);
}

function regionOfIn(baseUrl: string, hosts: RegionHosts): Region | null {
  const url = baseUrl.replace(/\/+$/, '');
  return (Object.keys(hosts) as Region[]).find((r) => urlOf(hosts[r]).replace(/\/+$/, '') === url) ?? null;
}
