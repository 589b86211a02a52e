// Transport to the headless HTTP face (`paku-ecoflow serve`): POST
// /api/<channel> for calls, one EventSource on /api/events for pushed events.
// The page is opened with ?token=… ; it is read once, kept in memory, and
// removed from the address bar so it does not linger in history.
import type { EventChannel, InvokeChannel, Unsubscribe } from '../../common/contract';
import type { Transport } from './client';

export const TOKEN_PARAM = 'token';

/** Reads the token from the page URL and drops it from the visible URL. */
export function takeTokenFromUrl(w: Window): string | null {
  const url = new URL(w.location.href);
  const token = url.searchParams.get(TOKEN_PARAM);
  if (token === null) return null;
  url.searchParams.delete(TOKEN_PARAM);
  w.history.replaceState(w.history.state, '', url.pathname + url.search + url.hash);
  return token;
}

export function httpTransport(token: string, base = './'): Transport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  const ensureSource = (): EventSource => {
    source ??= new EventSource(`${base}api/events?${TOKEN_PARAM}=${encodeURIComponent(token)}`);
    return source;
  };

  return {
    async invoke(channel: InvokeChannel, request: unknown) {
      const res = await fetch(`${base}api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(request ?? null),
      });
      const text = await res.text();
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new Error(`HTTP ${res.status} ${text.slice(0, 120)}`);
      }
    },
    subscribe(name: EventChannel, listener: (payload: unknown) => void): Unsubscribe {
      let set = listeners.get(name);
      if (!set) {
        // The first subscriber to an event attaches the one EventSource listener that serves them all.
        listeners.set(name, (set = new Set()));
        ensureSource().addEventListener(name, (e) => {
          let payload: unknown;
          try {
            payload = JSON.parse((e as MessageEvent<string>).data);
          } catch {
            payload = undefined; // the client's validation reports it
          }
          for (const l of listeners.get(name) ?? []) l(payload);
        });
      }
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  };
}
