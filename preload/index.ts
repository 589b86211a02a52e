// The window's only door to the main process: exactly the contract's calls
// (one method per invoke channel) and subscribe(event, cb) for its events.
// No generic invoke/send, no Node. Bundled to one CJS file so it runs sandboxed.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNELS, INVOKE_CHANNELS, isEventChannel, type PakuApi } from '../common/contract';

const calls = Object.fromEntries(INVOKE_CHANNELS.map((channel) => [channel, (request: unknown) => ipcRenderer.invoke(channel, request)]));

function subscribe(name: string, listener: (payload: unknown) => void): () => void {
  if (!isEventChannel(name)) throw new Error(`Unknown event "${name}": expected one of ${EVENT_CHANNELS.join(', ')}.`);
  if (typeof listener !== 'function') throw new Error('subscribe needs a listener function.');
  // The IpcRendererEvent carries `sender`; the page gets only the payload.
  const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(name, wrapped);
  return () => void ipcRenderer.removeListener(name, wrapped);
}

const api = { ...calls, subscribe } as unknown as PakuApi;

contextBridge.exposeInMainWorld('paku', api);
