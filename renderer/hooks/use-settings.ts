// The settings view (secrets as set / not set only), kept fresh by settings:changed.
import { useEffect, useState } from 'react';
import type { SettingsView } from '../../common/settings';
import { useClient } from '../api/client-context';

export function useSettings(): [SettingsView | null, (v: SettingsView) => void] {
  const client = useClient();
  const [view, setView] = useState<SettingsView | null>(null);
  useEffect(() => {
    let alive = true;
    void client['settings:get'](undefined).then((r) => {
      if (alive && r.ok) setView(r.value);
    });
    const unsubscribe = client.subscribe('settings:changed', setView);
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [client]);
  return [view, setView];
}
