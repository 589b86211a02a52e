// One series query per (device, range, point budget); a newer one discards
// older answers. No query until the budget is known (null).
import { useEffect, useState } from 'react';
import type { ContractResponse } from '../../common/contract';
import type { ReadingField } from '../../common/reading';
import type { AppError } from '../../common/result';
import { useClient } from '../api/client-context';
import type { TimeRange } from '../lib/ranges';

export type SeriesAnswer = ContractResponse<'series:query'>;

export interface SeriesState {
  data: SeriesAnswer | null;
  /** The range `data` belongs to. */
  range: TimeRange | null;
  loading: boolean;
  error: AppError | null;
}

export function useSeries(sn: string, range: TimeRange, fields: ReadingField[], maxPoints: number | null): SeriesState {
  const client = useClient();
  const [state, setState] = useState<SeriesState>({ data: null, range: null, loading: true, error: null });
  const { from, to } = range;
  const fieldKey = fields.join(',');
  useEffect(() => {
    if (maxPoints === null) return;
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    void client['series:query']({ sn, from, to, fields: fieldKey.split(',') as ReadingField[], maxPoints }).then((r) => {
      if (!current) return;
      setState(r.ok ? { data: r.value, range: { from, to }, loading: false, error: null } : { data: null, range: null, loading: false, error: r.error });
    });
    return () => {
      current = false;
    };
  }, [client, sn, from, to, fieldKey, maxPoints]);
  return state;
}
