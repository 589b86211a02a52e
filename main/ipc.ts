// Registers every invoke channel of the contract on an IpcMainLike (ipcMain in
// the app, a fake in tests) and forwards contract events to our windows.
// Each handler checks the sender frame (our window, top frame, our page),
// validates the request against the contract schema, calls the handler and
// returns the {ok,…} Result. It never throws across the boundary: Electron
// would forward only an error's message.
import { dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { err, type Result } from '../common/result';
import { INVOKE_CHANNELS, isEventChannel, validateRequest, type ContractHandlers, type InvokeChannel } from '../common/contract';
import type { Logger } from './core/logger';

export interface IpcFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

export interface IpcEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: IpcFrameLike | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface WebContentsLike {
  readonly id: number;
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

export type EventSource = (listener: (name: string, payload: unknown) => void) => () => void;

/**
 * Whether a URL is our renderer: the built index.html's folder (file:) or,
 * in development, the dev server's origin.
 */
export function appUrlCheck(opts: Readonly<{ rendererFile: string; devUrl?: string | null }>): (url: string) => boolean {
  const dir = dirname(opts.rendererFile) + sep;
  const devOrigin = opts.devUrl ? new URL(opts.devUrl).origin : null;
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol === 'file:') {
      try {
        return fileURLToPath(parsed).startsWith(dir);
      } catch {
        return false;
      }
    }
    return devOrigin !== null && parsed.origin === devOrigin;
  };
}

/** The sender must be one of our windows, its top frame, showing our page (GHSA-mq8j-3h7h-p8g7). */
export function senderCheck(opts: Readonly<{ windows: () => readonly WebContentsLike[]; isAppUrl: (url: string) => boolean }>): (e: IpcEventLike) => string | null {
  return (e) => {
    if (!opts.windows().some((w) => w.id === e.sender.id && !w.isDestroyed())) return 'not one of our windows';
    const frame = e.senderFrame;
    if (!frame) return 'the sending frame is gone';
    if (frame.parent !== null) return 'not the top frame';
    if (!opts.isAppUrl(frame.url)) return `not our page (${frame.url.slice(0, 80)})`;
    return null;
  };
}

export interface IpcRegistration {
  dispose(): void;
}

export function registerIpc(
  opts: Readonly<{
    ipc: IpcMainLike;
    handlers: ContractHandlers;
    /** Returns why a sender is refused, or null when it is ours. */
    checkSender: (e: IpcEventLike) => string | null;
    logger: Logger;
  }>,
): IpcRegistration {
  const log = opts.logger.child('ipc');
  const call = async <C extends InvokeChannel>(channel: C, raw: unknown): Promise<Result<unknown>> => {
    const parsed = validateRequest(channel, raw);
    if (!parsed.ok) {
      log.warn('bad request refused', { channel, error: parsed.error.message });
      return parsed;
    }
    const handler = opts.handlers[channel] as (req: unknown) => Promise<Result<unknown>>;
    return handler(parsed.value);
  };
  for (const channel of INVOKE_CHANNELS) {
    opts.ipc.handle(channel, async (event, ...args) => {
      const refused = opts.checkSender(event);
      if (refused) {
        log.warn('call from an untrusted sender refused', { channel, why: refused });
        return err('bad-request', `This page may not call ${channel} (${refused}).`);
      }
      try {
        return await call(channel, args[0]);
      } catch (e) {
        log.error('handler threw', { channel, error: e });
        return err('internal', `paku-ecoflow hit an internal error in ${channel}; the log in the app's data folder has details.`);
      }
    });
  }
  return {
    dispose: () => {
      for (const channel of INVOKE_CHANNELS) opts.ipc.removeHandler(channel);
    },
  };
}

/** Forwards contract events to every live window; anything not in the contract is dropped. */
export function forwardEvents(opts: Readonly<{ source: EventSource; windows: () => readonly WebContentsLike[]; logger: Logger }>): () => void {
  return opts.source((name, payload) => {
    if (!isEventChannel(name)) return;
    for (const w of opts.windows()) {
      if (w.isDestroyed()) continue;
      try {
        w.send(name, payload);
      } catch (e) {
        opts.logger.warn('event not delivered', { event: name, error: e });
      }
    }
  });
}
