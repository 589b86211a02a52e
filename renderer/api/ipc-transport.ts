// Transport over the Electron preload's window.paku (built from the same
// contract). Events are re-validated by the client all the same.
import type { EventChannel, InvokeChannel, Unsubscribe } from '../../common/contract';
import type { Transport } from './client';

interface PreloadApi {
  subscribe(name: string, listener: (payload: unknown) => void): Unsubscribe;
  [channel: string]: unknown;
}

export function findPreloadApi(w: Window): PreloadApi | null {
  const api = (w as Window & { paku?: unknown }).paku;
  return typeof api === 'object' && api !== null && typeof (api as PreloadApi).subscribe === 'function' ? (api as PreloadApi) : null;
}

export function ipcTransport(api: PreloadApi): Transport {
  return {
    invoke(channel: InvokeChannel, request: unknown) {
      const method = api[channel];
      if (typeof method !== 'function') return Promise.reject(new Error(`the preload does not offer ${channel}`));
      return Promise.resolve((method as (r: unknown) => unknown)(request));
    },
    subscribe(name: EventChannel, listener: (payload: unknown) => void) {
      return api.subscribe(name, listener);
    },
  };
}
