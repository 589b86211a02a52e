// Range presets, a custom range, and pan / zoom buttons.
import { useState, type FormEvent } from 'react';
import { useI18n, type MessageKey } from '../../i18n/index';
import { customRange, RANGE_PRESETS, type RangeKind, type RangePreset, type TimeRange } from '../../lib/ranges';

export interface RangeControlsProps {
  kind: RangeKind;
  onPreset: (p: RangePreset) => void;
  onCustom: (r: TimeRange) => void;
  onPan: (fraction: number) => void;
  onZoom: (factor: number) => void;
}

const toLocalInput = (ts: number) => {
  const d = new Date(ts - new Date(ts).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

export function RangeControls({ kind, onPreset, onCustom, onPan, onZoom }: RangeControlsProps) {
  const { t } = useI18n();
  const [showCustom, setShowCustom] = useState(false);
  const [from, setFrom] = useState(() => toLocalInput(Date.now() - 86_400_000));
  const [to, setTo] = useState(() => toLocalInput(Date.now()));
  const [problem, setProblem] = useState<MessageKey | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = customRange(from, to);
    if (r === 'invalid') setProblem('charts.customInvalid');
    else if (r === 'reversed') setProblem('charts.customReversed');
    else {
      setProblem(null);
      onCustom(r);
    }
  };

  return (
    <div className="range-controls">
      <div className="segmented" role="group" aria-label={t('charts.range')}>
        {RANGE_PRESETS.map((p) => (
          <button key={p} type="button" aria-pressed={kind === p} onClick={() => onPreset(p)} data-testid={`range-${p}`}>
            {t(`charts.range.${p}` as MessageKey)}
          </button>
        ))}
        <button type="button" aria-pressed={kind === 'custom'} aria-expanded={showCustom} onClick={() => setShowCustom((s) => !s)} data-testid="range-custom">
          {t('charts.range.custom')}
        </button>
      </div>
      <div className="segmented" role="group" aria-label={`${t('charts.panBack')} / ${t('charts.zoomIn')}`}>
        <button type="button" onClick={() => onPan(-0.5)} aria-label={t('charts.panBack')} data-testid="pan-back">
          ‹
        </button>
        <button type="button" onClick={() => onZoom(0.5)} aria-label={t('charts.zoomIn')} data-testid="zoom-in">
          +
        </button>
        <button type="button" onClick={() => onZoom(2)} aria-label={t('charts.zoomOut')} data-testid="zoom-out">
          −
        </button>
        <button type="button" onClick={() => onPan(0.5)} aria-label={t('charts.panForward')} data-testid="pan-forward">
          ›
        </button>
      </div>
      {showCustom ? (
        <form className="custom-range" onSubmit={submit} noValidate>
          <label>
            {t('charts.from')}
            <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="custom-from" />
          </label>
          <label>
            {t('charts.to')}
            <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} data-testid="custom-to" />
          </label>
          <button type="submit" className="button">
            {t('charts.apply')}
          </button>
          {problem ? (
            <p className="field-error" role="alert">
              {t(problem)}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
