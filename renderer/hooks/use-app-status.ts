// The whole app status: a snapshot on mount, then every status:changed and
// sync:changed event (full snapshots, so the latest always wins). No polling.
import { useCallback, useEffect, useState } from 'react';
import type { AppStatus } from '../../common/contract';
import type { AppError } from '../../common/result';
import { useClient } from '../api/client-context';

export interface AppStatusState {
  status: AppStatus | null;
  error: AppError | null;
  reload: () => void;
}

export function useAppStatus(): AppStatusState {
  const client = useClient();
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let alive = true;
    const unsubs: (() => void)[] = [];
    void client['status:get'](undefined).then((r) => {
      if (!alive) return;
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setError(null);
      setStatus(r.value);
      unsubs.push(
        client.subscribe('status:changed', (collector) => setStatus((s) => (s ? { ...s, collector } : s))),
        client.subscribe('sync:changed', (sync) => setStatus((s) => (s ? { ...s, sync } : s))),
      );
    });
    return () => {
      alive = false;
      for (const u of unsubs) u();
    };
  }, [client, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { status, error, reload };
}
