// Entry: picks the transport it finds (Electron preload, else the HTTP face's
// token) and renders the app. Nothing else here knows where the window runs.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient, type Transport } from './api/client';
import { httpTransport, takeTokenFromUrl } from './api/http-transport';
import { findPreloadApi, ipcTransport } from './api/ipc-transport';
import { App } from './App';
import { translator } from './i18n/index';
import './styles.css';

function pickTransport(): Transport | null {
  const preload = findPreloadApi(window);
  if (preload) return ipcTransport(preload);
  const token = takeTokenFromUrl(window);
  return token ? httpTransport(token) : null;
}

const rootEl = document.getElementById('root');
if (!rootEl) throw new Error('index.html has no #root');
const transport = pickTransport();
if (!transport) {
  rootEl.dataset.appState = 'error';
  // No settings to read the language from yet: the browser's own language picks it.
  rootEl.textContent = translator(navigator.language.startsWith('fi') ? 'fi' : 'en')('app.needsToken');
} else {
  const client = createClient(transport, (name, message) => console.warn(`ignored a malformed ${name} event: ${message}`));
  createRoot(rootEl).render(
    <StrictMode>
      <App client={client} />
    </StrictMode>,
  );
}
