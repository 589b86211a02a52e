// Energy ledger: kWh per day / week / month in (AC, solar, car) and out (AC, DC),
// as stacked bars and as a table with totals.
import { memo, useEffect, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { AppError } from '../../../common/result';
import { useClient } from '../../api/client-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Legend } from '../../components/Legend';
import { useI18n, type MessageKey } from '../../i18n/index';
import { formatDay, formatKwh } from '../../lib/format';
import { LEDGER_COLUMNS, ledgerChartRows, ledgerRange, ledgerTotals, type EnergyBucket, type LedgerBucket } from './energy-ledger';

const BUCKETS: LedgerBucket[] = ['day', 'week', 'month'];
const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export const EnergyView = memo(function EnergyView({ sn }: { sn: string }) {
  const client = useClient();
  const { t, lang } = useI18n();
  const [bucket, setBucket] = useState<LedgerBucket>('day');
  const [answer, setAnswer] = useState<{ buckets: EnergyBucket[]; from: number; to: number } | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    let current = true;
    const { from, to } = ledgerRange(bucket, Date.now());
    setAnswer(null);
    void client['energy:query']({ sn, from, to, bucket, tz: timeZone() }).then((r) => {
      if (!current) return;
      if (r.ok) {
        setError(null);
        setAnswer({ buckets: r.value, from, to });
      } else setError(r.error);
    });
    return () => {
      current = false;
    };
  }, [client, sn, bucket]);

  const rows = useMemo(() => (answer ? ledgerChartRows(answer.buckets) : []), [answer]);
  const totals = answer ? ledgerTotals(answer.buckets) : null;
  const cell = (wh: number) => formatKwh(wh, lang);
  // One period's figures (or the totals): each column, then the in / out sums.
  const cells = (v: Omit<EnergyBucket, 'ts'>) => (
    <>
      {LEDGER_COLUMNS.map((c) => (
        <td key={c.key}>{cell(v[c.key])}</td>
      ))}
      <td className="ledger-sum">{cell(v.whIn)}</td>
      <td className="ledger-sum">{cell(v.whOut)}</td>
    </>
  );

  return (
    <section className="energy-view" aria-labelledby="energy-title" data-testid="energy" data-state={answer ? 'ready' : 'loading'} data-from={answer?.from ?? ''} data-to={answer?.to ?? ''}>
      <div className="view-head">
        <h2 id="energy-title">{t('energy.title')}</h2>
        <div className="segmented" role="group" aria-label={t('energy.bucket')}>
          {BUCKETS.map((b) => (
            <button key={b} type="button" aria-pressed={bucket === b} onClick={() => setBucket(b)} data-testid={`bucket-${b}`}>
              {t(`energy.bucket.${b}` as MessageKey)}
            </button>
          ))}
        </div>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {answer && rows.length === 0 ? <p className="muted">{t('energy.empty')}</p> : null}
      {rows.length > 0 ? (
        <figure className="card chart" aria-label={t('energy.title')}>
          <Legend shape="block" items={LEDGER_COLUMNS.map((c) => ({ key: c.key, label: t(c.label), color: c.color }))} />
          <BarChart data={rows} responsive style={{ width: '100%', height: 260 }} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid stroke="var(--c-border)" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="ts" tickFormatter={(v: number) => formatDay(v, lang, bucket, true)} stroke="var(--c-controlBorder)" tick={{ fill: 'var(--c-textMuted)', fontSize: 12 }} />
            <YAxis unit=" kWh" width={72} stroke="var(--c-controlBorder)" tick={{ fill: 'var(--c-textMuted)', fontSize: 12 }} />
            <Tooltip
              labelFormatter={(v) => formatDay(Number(v), lang, bucket)}
              formatter={(v) => (typeof v === 'number' ? `${v.toFixed(2)} kWh` : '–')}
              contentStyle={{ background: 'var(--c-surface)', border: '1px solid var(--c-border)', color: 'var(--c-text)' }}
            />
            {LEDGER_COLUMNS.map((c) => (
              <Bar key={c.key} dataKey={c.key} name={t(c.label)} stackId={c.side} fill={`var(--c-series-${c.color})`} isAnimationActive={false} />
            ))}
          </BarChart>
        </figure>
      ) : null}
      {answer && totals ? (
        <div className="table-wrap card">
          <table className="ledger" data-testid="ledger-table">
            <caption className="sr-only">{t('energy.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('energy.period')}</th>
                {LEDGER_COLUMNS.map((c) => (
                  <th key={c.key} scope="col">
                    {t(c.label)} ({t('energy.unit')})
                  </th>
                ))}
                <th scope="col">
                  {t('energy.totalIn')} ({t('energy.unit')})
                </th>
                <th scope="col">
                  {t('energy.totalOut')} ({t('energy.unit')})
                </th>
              </tr>
            </thead>
            <tbody>
              {[...answer.buckets].reverse().map((b) => (
                <tr key={b.ts} data-ts={b.ts}>
                  <th scope="row">{formatDay(b.ts, lang, bucket)}</th>
                  {cells(b)}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-testid="ledger-total" data-wh-in={totals.whIn} data-wh-out={totals.whOut} data-wh-solar={totals.whSolar} data-wh-ac-in={totals.whAcIn} data-wh-car-in={totals.whCarIn} data-wh-ac-out={totals.whAcOut} data-wh-dc-out={totals.whDcOut}>
                <th scope="row">{t('energy.total')}</th>
                {cells(totals)}
              </tr>
            </tfoot>
          </table>
        </div>
      ) : null}
    </section>
  );
});
