// The tray's and the app menu's "Settings…" reach the window as #settings in
// its address (main/windows.ts). The hash is a one-shot request: it is cleared
// once handled, so asking again sets it again and fires hashchange again.
import { useEffect } from 'react';

export function useHashRequest(name: string, onRequest: () => void): void {
  useEffect(() => {
    const check = () => {
      if (window.location.hash !== `#${name}`) return;
      window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
      onRequest();
    };
    check();
    window.addEventListener('hashchange', check);
    return () => window.removeEventListener('hashchange', check);
  }, [name, onRequest]);
}
