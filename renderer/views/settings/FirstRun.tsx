// First run without keys: where to get them, or look around with the demo.
import { useState } from 'react';
import type { AppError } from '../../../common/result';
import { useClient } from '../../api/client-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n } from '../../i18n/index';

const PORTALS = { eu: 'https://developer-eu.ecoflow.com', us: 'https://developer.ecoflow.com' } as const;
const MARK = '\u0000';

/**
 * The translated sentence with the portal names as links. The names go in as
 * markers and come out as <a> elements, so each language keeps its word order.
 * (Electron opens https links in the system browser; a browser opens a tab.)
 */
function PortalLinks({ text }: { text: string }) {
  return (
    <>
      {text.split(MARK).map((part, i) => {
        const url = part === 'eu' || part === 'us' ? PORTALS[part] : null;
        return url && i % 2 === 1 ? (
          <a key={i} href={url} target="_blank" rel="noopener noreferrer">
            {new URL(url).host}
          </a>
        ) : (
          part
        );
      })}
    </>
  );
}

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
        <li>
          <PortalLinks text={t('firstRun.step1', { eu: `${MARK}eu${MARK}`, us: `${MARK}us${MARK}` })} />
        </li>
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
