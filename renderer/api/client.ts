// The window's API: PakuClient is the contract's PakuApi, built once over a
// transport (IPC or HTTP). Answers and pushed events are validated here against
// the contract's schemas, so both transports get the same checks.
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  validateEvent,
  validateResponse,
  type EventChannel,
  type InvokeChannel,
  type PakuApi,
  type Unsubscribe,
} from '../../common/contract';
import type { Result } from '../../common/result';

export type PakuClient = PakuApi;

/** What a transport moves: untyped calls and events; the client types and checks them. */
export interface Transport {
  invoke(channel: InvokeChannel, request: unknown): Promise<unknown>;
  subscribe(name: EventChannel, listener: (payload: unknown) => void): Unsubscribe;
}

function isResultShape(raw: unknown): raw is { ok: boolean; value?: unknown; error?: unknown } {
  return typeof raw === 'object' && raw !== null && typeof (raw as { ok?: unknown }).ok === 'boolean';
}

async function call(transport: Transport, channel: InvokeChannel, request: unknown): Promise<Result<unknown>> {
  let raw: unknown;
  try {
    raw = await transport.invoke(channel, request);
  } catch (e) {
    return { ok: false, error: { code: 'network', message: `The app did not answer ${channel}: ${e instanceof Error ? e.message : String(e)}.` } };
  }
  if (!isResultShape(raw)) return { ok: false, error: { code: 'internal', message: `The answer to ${channel} is not a result.` } };
  if (!raw.ok) {
    const e = raw.error as { code?: unknown; message?: unknown } | undefined;
    return typeof e?.message === 'string' && typeof e.code === 'string'
      ? ({ ok: false, error: { code: e.code, message: e.message } } as Result<unknown>)
      : { ok: false, error: { code: 'internal', message: `${channel} failed without a reason.` } };
  }
  return validateResponse(channel, raw.value);
}

/** Reports events that fail validation instead of passing them on. */
export type InvalidEventHandler = (name: EventChannel, message: string) => void;

export function createClient(transport: Transport, onInvalidEvent: InvalidEventHandler = () => {}): PakuClient {
  const methods = Object.fromEntries(INVOKE_CHANNELS.map((c) => [c, (request: unknown) => call(transport, c, request)]));
  const subscribe = (name: EventChannel, listener: (payload: unknown) => void): Unsubscribe => {
    if (!EVENT_CHANNELS.includes(name)) throw new Error(`unknown event ${String(name)}`);
    return transport.subscribe(name, (raw) => {
      const checked = validateEvent(name, raw);
      if (checked.ok) listener(checked.value);
      else onInvalidEvent(name, checked.error.message);
    });
  };
  return { ...methods, subscribe } as unknown as PakuClient;
}
