// The shell: header (device picker, views, settings), the chosen view, and the
// settings dialog. Marks #root with data-app-state (loading / ready / error)
// so tests wait on the app, never on time.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PakuClient } from './api/client';
import { ClientContext } from './api/client-context';
import { ErrorNotice } from './components/ErrorNotice';
import { useAppStatus } from './hooks/use-app-status';
import { useHashRequest } from './hooks/use-hash-request';
import { useSettings } from './hooks/use-settings';
import { useTheme } from './hooks/use-theme';
import { I18nContext, translator, type MessageKey } from './i18n/index';
import { ChartsView } from './views/charts/ChartsView';
import { Dashboard } from './views/dashboard/Dashboard';
import { DevicePicker } from './views/dashboard/DevicePicker';
import { EnergyView } from './views/energy/EnergyView';
import { FirstRun } from './views/settings/FirstRun';
import { SettingsDialog } from './views/settings/SettingsDialog';

const VIEWS = ['dashboard', 'charts', 'energy'] as const;
type View = (typeof VIEWS)[number];

export function App({ client }: { client: PakuClient }) {
  return (
    <ClientContext.Provider value={client}>
      <Shell />
    </ClientContext.Provider>
  );
}

function Shell() {
  const { status, error, reload } = useAppStatus();
  const [settings, setSettings] = useSettings();
  useTheme(settings?.theme ?? 'system');
  const lang = settings?.language ?? 'en';
  const i18n = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  const { t } = i18n;
  const [view, setView] = useState<View>('dashboard');
  const [settingsOpen, setSettingsOpen] = useState(false);
  useHashRequest('settings', useCallback(() => setSettingsOpen(true), []));
  const [sn, setSn] = useState<string | null>(null);

  const devices = status?.collector.devices ?? [];
  const device = devices.find((d) => d.sn === sn) ?? devices[0] ?? null;
  const appState = status && settings ? 'ready' : error ? 'error' : 'loading';

  useEffect(() => {
    const root = document.getElementById('root');
    if (root) root.dataset.appState = appState;
    document.documentElement.lang = lang;
  }, [appState, lang]);

  const firstRun = status && settings && !status.app.demo && devices.length === 0 && !settings.secrets.ecoflowAccessKey.isSet;

  return (
    <I18nContext.Provider value={i18n}>
      <div className="app">
        <header className="app-header">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true" />
            <h1>{t('app.title')}</h1>
            {status?.app.demo ? <span className="badge">{t('app.demoBadge')}</span> : null}
          </div>
          {devices.length > 1 ? <DevicePicker devices={devices} value={device?.sn ?? ''} onChange={setSn} /> : null}
          <nav aria-label={t('nav.label')} className="nav">
            {VIEWS.map((v) => (
              <button key={v} type="button" className="nav-item" aria-current={view === v ? 'page' : undefined} onClick={() => setView(v)} data-testid={`nav-${v}`}>
                {t(`nav.${v}` as MessageKey)}
              </button>
            ))}
            <button type="button" className="nav-item" onClick={() => setSettingsOpen(true)} data-testid="nav-settings" disabled={!settings}>
              {t('nav.settings')}
            </button>
          </nav>
        </header>
        <main className="app-main">
          {error && !status ? <ErrorNotice error={error} onRetry={reload} /> : null}
          {!status && !error ? <p className="muted">{t('app.loading')}</p> : null}
          {firstRun ? <FirstRun onOpenSettings={() => setSettingsOpen(true)} onDemoStarted={reload} /> : null}
          {status && !firstRun && !device ? <p className="muted">{t('device.none')}</p> : null}
          {device && view === 'dashboard' ? (
            <Dashboard
              device={device}
              sync={status?.sync ?? null}
              demo={status?.app.demo ?? false}
              onOpenSettings={() => setSettingsOpen(true)}
              lowSoc={settings?.notifications.lowSoc}
              criticalSoc={settings?.notifications.criticalSoc}
            />
          ) : null}
          {device && view === 'charts' ? <ChartsView sn={device.sn} /> : null}
          {device && view === 'energy' ? <EnergyView sn={device.sn} /> : null}
        </main>
        {settingsOpen && settings ? <SettingsDialog view={settings} onSaved={setSettings} onClose={() => setSettingsOpen(false)} /> : null}
      </div>
    </I18nContext.Provider>
  );
}
