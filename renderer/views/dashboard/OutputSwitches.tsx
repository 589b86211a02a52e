// Output switches (AC, DC / USB, 12 V car): each shows what the device last
// reported, and a switch waits ("switching…") until the device reports the
// new state (the core's pendingOutputs). Only for a device that is live.
import { useState } from 'react';
import type { ReadingField } from '../../../common/reading';
import type { DeviceStatus, OutputKind } from '../../../common/schemas';
import type { AppError } from '../../../common/result';
import { useClient } from '../../api/client-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n, type MessageKey } from '../../i18n/index';

const SWITCHES: { output: OutputKind; field: ReadingField; label: MessageKey }[] = [
  { output: 'ac', field: 'acOutEnabled', label: 'outputs.ac' },
  { output: 'dc', field: 'dcOutEnabled', label: 'outputs.dc' },
  { output: 'car', field: 'carOutEnabled', label: 'outputs.car' },
];

export function OutputSwitches({ device }: { device: DeviceStatus }) {
  const client = useClient();
  const { t } = useI18n();
  const [error, setError] = useState<AppError | null>(null);
  const r = device.latest;
  const known = r ? SWITCHES.filter((s) => r[s.field] !== null) : [];
  if (!r || known.length === 0 || device.state !== 'live') return null;

  const toggle = async (output: OutputKind, on: boolean) => {
    const res = await client['output:set']({ sn: device.sn, output, on });
    setError(res.ok ? null : res.error);
  };

  return (
    <div className="outputs" role="group" aria-label={t('outputs.label')}>
      {known.map((s) => {
        const on = r[s.field] === 1;
        const pending = device.pendingOutputs.find((p) => p.output === s.output);
        return (
          <button
            key={s.output}
            type="button"
            role="switch"
            aria-checked={pending ? pending.on : on}
            aria-busy={pending ? true : undefined}
            disabled={Boolean(pending)}
            className="switch"
            onClick={() => void toggle(s.output, !on)}
            data-testid={`output-${s.output}`}
          >
            <span className="switch-knob" aria-hidden="true" />
            {t(s.label)}
            {pending ? <span className="muted small"> {t('outputs.switching')}</span> : null}
          </button>
        );
      })}
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
