// A "Test" button: runs the doctor checks (with the unsaved changes applied)
// and lists each check with its result and, when it failed, the fix in words.
import { useState } from 'react';
import type { ConnectionTestResult } from '../../../common/schemas';
import type { SettingsPatch } from '../../../common/settings';
import type { AppError } from '../../../common/result';
import { useClient } from '../../api/client-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n, type MessageKey } from '../../i18n/index';

export function ConnectionTest({ target, label, patch }: { target: 'ecoflow' | 'postgres'; label: MessageKey; patch: () => SettingsPatch | undefined }) {
  const client = useClient();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const run = async () => {
    setBusy(true);
    setResult(null);
    setError(null);
    const channel = target === 'ecoflow' ? 'settings:testEcoflow' : 'settings:testPostgres';
    const r = await client[channel](patch());
    setBusy(false);
    if (r.ok) setResult(r.value);
    else setError(r.error);
  };

  return (
    <div className="connection-test" data-testid={`test-${target}`} data-state={busy ? 'running' : result ? (result.ok ? 'ok' : 'failed') : error ? 'error' : 'idle'}>
      <button type="button" className="button" onClick={() => void run()} disabled={busy}>
        {busy ? t('settings.testing') : t(label)}
      </button>
      <div aria-live="polite">
        {result ? (
          <>
            <p className={result.ok ? 'ok-text' : 'danger-text'}>{t(result.ok ? 'settings.testOk' : 'settings.testFailed')}</p>
            <ul className="checks">
              {result.checks.map((c, i) => (
                <li key={`${c.name}-${i}`} className={c.ok ? 'check check-ok' : 'check check-failed'} data-code={c.code ?? ''} data-ok={c.ok}>
                  <span className="check-mark" aria-hidden="true">
                    {c.ok ? '✓' : '✗'}
                  </span>
                  <span className="check-body">
                    <strong>{c.name}</strong> <span className="sr-only">{t(c.ok ? 'settings.checkOk' : 'settings.checkFailed')}</span>
                    <span className="check-message">{c.message}</span>
                    {c.fix ? <span className="check-fix">{t('settings.fix', { fix: c.fix })}</span> : null}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {error ? <ErrorNotice error={error} /> : null}
      </div>
    </div>
  );
}
