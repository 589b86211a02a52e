// First run without keys: where to get them, or look around with the demo.
import { useState } from 'react';
import type { AppError } from '../../../common/result';
import { useClient } from '../../api/client-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n } from '../../i18n/index';

/** `onDemoStarted`: the app now runs on the simulator (the shell asks for the status again: demo badge, devices). */
export function FirstRun({ onOpenSettings, onDemoStarted }: { onOpenSettings: () => void; onDemoStarted: () => void }) {
  const client = useClient();
  const { t } = useI18n();
  const [error, setError] = useState<AppError | null>(null);
  const [starting, setStarting] = useState(false);
  const startDemo = async () => {
    setStarting(true);
    setError(null);
    const r = await client['app:startDemo'](undefined);
    setStarting(false);
    if (r.ok) onDemoStarted();
    else setError(r.error);
  };
  return (
    <section className="card first-run" aria-labelledby="first-run-title" data-testid="first-run">
      <h2 id="first-run-title">{t('firstRun.title')}</h2>
      <p>{t('firstRun.intro')}</p>
      <ol>
        <li>{t('firstRun.step1', { eu: 'developer-eu.ecoflow.com', us: 'developer.ecoflow.com' })}</li>
        <li>{t('firstRun.step2')}</li>
        <li>{t('firstRun.step3')}</li>
        <li>{t('firstRun.step4')}</li>
      </ol>
      <div className="actions">
        <button type="button" className="button button-primary" onClick={onOpenSettings}>
          {t('firstRun.openSettings')}
        </button>
        <button type="button" className="button" onClick={() => void startDemo()} disabled={starting} data-testid="start-demo">
          {t(starting ? 'firstRun.startingDemo' : 'firstRun.startDemo')}
        </button>
      </div>
      <p className="muted small">{t('firstRun.demo')}</p>
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
