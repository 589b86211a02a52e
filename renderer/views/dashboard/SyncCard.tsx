// Sync to paku: where readings go, how many wait, when the last ones went,
// what is wrong (in the core's words), and a pause / resume switch. Follows
// sync:changed through the `sync` prop.
import { useState } from 'react';
import type { SyncStatus } from '../../../common/schemas';
import type { AppError } from '../../../common/result';
import { useClient } from '../../api/client-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useNow } from '../../hooks/use-now';
import { useI18n } from '../../i18n/index';
import { formatCount, formatRelative } from '../../lib/format';

export type SyncState = 'not-configured' | 'paused' | 'synced' | 'syncing' | 'offline';

export function syncState(sync: SyncStatus | null): SyncState {
  if (!sync?.configured) return 'not-configured';
  if (sync.paused) return 'paused';
  if (!sync.connected) return 'offline';
  return sync.unsynced > 0 ? 'syncing' : 'synced';
}

/** `demo`: the simulator's readings are never sent anywhere, whatever the settings say. */
export function SyncCard({ sync, demo, onOpenSettings }: { sync: SyncStatus | null; demo: boolean; onOpenSettings: () => void }) {
  const client = useClient();
  const { t, lang } = useI18n();
  const now = useNow(10_000);
  // Past events never read as future ones when they are newer than the clock's last tick.
  const ago = (ts: number) => formatRelative(Math.min(ts, now), now, lang);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const state = syncState(sync);

  const setPaused = async (paused: boolean) => {
    setBusy(true);
    const r = await client['sync:setPaused'](paused);
    setBusy(false);
    setError(r.ok ? null : r.error);
  };

  return (
    <section className="card card-sync" aria-labelledby="sync-title" data-testid="sync" data-state={state}>
      <div className="sync-head">
        <h3 id="sync-title" className="card-title">
          {t('sync.title')}
        </h3>
        {sync?.configured ? (
          <p className={`sync-state sync-state-${state}`} aria-live="polite">
            <span className="dot" aria-hidden="true" />
            <strong>{t(`sync.state.${state as Exclude<SyncState, 'not-configured'>}`)}</strong>
          </p>
        ) : null}
        {sync?.configured ? (
          <button type="button" className="button" disabled={busy} onClick={() => void setPaused(!sync.paused)} data-testid="sync-pause">
            {t(sync.paused ? 'sync.resume' : 'sync.pause')}
          </button>
        ) : demo ? null : (
          <button type="button" className="button" onClick={onOpenSettings}>
            {t('sync.openSettings')}
          </button>
        )}
      </div>
      {!sync?.configured ? (
        <p className="muted">{t(demo ? 'sync.demo' : 'sync.notConfigured')}</p>
      ) : (
        <>
          <dl className="sync-facts">
            <div>
              <dt>{t('sync.target')}</dt>
              <dd data-testid="sync-target">{sync.target ?? '–'}</dd>
            </div>
            <div>
              <dt>{t('sync.waiting')}</dt>
              <dd data-testid="sync-unsynced" data-value={sync.unsynced}>
                {t('sync.waitingValue', { n: formatCount(sync.unsynced, lang) })}
                {sync.oldestUnsyncedTs !== null && sync.unsynced > 0 ? <span className="muted"> · {t('sync.oldest', { age: ago(sync.oldestUnsyncedTs) })}</span> : null}
              </dd>
            </div>
            <div>
              <dt>{t('sync.last')}</dt>
              <dd>{sync.lastSyncTs === null ? t('sync.never') : ago(sync.lastSyncTs)}</dd>
            </div>
            <div>
              <dt>{t('sync.lastHour')}</dt>
              <dd>{formatCount(sync.syncedLastHour, lang)}</dd>
            </div>
          </dl>
          {sync.lastError && state !== 'synced' ? (
            <p className="notice notice-error" data-testid="sync-error" data-error-code={sync.lastError.code}>
              {sync.lastError.message}
              {sync.nextRetryTs !== null && !sync.paused ? ` ${t('sync.nextRetry', { when: formatRelative(sync.nextRetryTs, now, lang) })}` : ''}
            </p>
          ) : null}
          {sync.missingColumns.length > 0 ? <p className="notice">{t('sync.missingColumns', { columns: sync.missingColumns.join(', ') })}</p> : null}
          {sync.backlogWarning ? <p className="notice">{sync.backlogWarning}</p> : null}
        </>
      )}
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
