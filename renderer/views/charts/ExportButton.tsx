// Exports the shown range as CSV (export:csv) and saves it as a download.
import { useState } from 'react';
import type { AppError } from '../../../common/result';
import { useClient } from '../../api/client-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n } from '../../i18n/index';
import type { TimeRange } from '../../lib/ranges';

export function ExportButton({ sn, range }: { sn: string; range: TimeRange }) {
  const client = useClient();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const run = async () => {
    setBusy(true);
    setDone(null);
    setError(null);
    const r = await client['export:csv']({ sn, from: Math.round(range.from), to: Math.round(range.to) });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    const url = URL.createObjectURL(new Blob([r.value.csv], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = r.value.filename;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
    setDone(t('charts.exported', { file: r.value.filename, rows: r.value.rows }));
  };

  return (
    <div className="export">
      <button type="button" className="button" onClick={() => void run()} disabled={busy} data-testid="export-csv">
        {t('charts.export')}
      </button>
      <span className="muted small" role="status" data-testid="export-status">
        {done}
      </span>
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
