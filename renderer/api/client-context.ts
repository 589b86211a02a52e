// The client for the whole component tree.
import { createContext, useContext } from 'react';
import type { PakuClient } from './client';

export const ClientContext = createContext<PakuClient | null>(null);

export function useClient(): PakuClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside <ClientContext.Provider>');
  return client;
}
