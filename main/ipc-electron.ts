// Binds the pure IPC registration (ipc.ts) to Electron's ipcMain and our
// window's webContents.
import { ipcMain, type WebContents } from 'electron';
import type { ContractHandlers } from '../common/contract';
import type { Logger } from './core/logger';
import { forwardEvents, registerIpc, senderCheck, type EventSource } from './ipc';

export function bindIpc(
  opts: Readonly<{ handlers: ContractHandlers; events: EventSource; windows: () => WebContents[]; isAppUrl: (url: string) => boolean; logger: Logger }>,
): () => void {
  const registration = registerIpc({
    ipc: ipcMain,
    handlers: opts.handlers,
    checkSender: senderCheck({ windows: opts.windows, isAppUrl: opts.isAppUrl }),
    logger: opts.logger,
  });
  const stop = forwardEvents({ source: opts.events, windows: opts.windows, logger: opts.logger });
  return () => {
    stop();
    registration.dispose();
  };
}
