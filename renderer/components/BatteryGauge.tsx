// The big battery ring: state of charge as an arc, the number in the middle.
// The arc is decorative (aria-hidden); the meter role carries the value.
import { useI18n } from '../i18n/index';
import { formatPercent } from '../lib/format';

const SIZE = 220;
const STROKE = 18;
const R = (SIZE - STROKE) / 2;
const CIRC = 2 * Math.PI * R;

export type GaugeTone = 'ok' | 'warn' | 'danger';

export function toneOf(soc: number | null, low: number, critical: number): GaugeTone {
  if (soc === null) return 'ok';
  if (soc <= critical) return 'danger';
  if (soc <= low) return 'warn';
  return 'ok';
}

export function BatteryGauge({ soc, tone, caption }: { soc: number | null; tone: GaugeTone; caption: string }) {
  const { t, lang } = useI18n();
  const fraction = soc === null ? 0 : Math.min(100, Math.max(0, soc)) / 100;
  return (
    <div
      className="gauge"
      role="meter"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={soc ?? undefined}
      aria-label={t('battery.gaugeLabel', { soc: soc === null ? '–' : Math.round(soc) })}
      data-testid="battery-gauge"
    >
      <svg viewBox={`0 0 ${SIZE} ${SIZE}`} width={SIZE} height={SIZE} aria-hidden="true">
        <circle cx={SIZE / 2} cy={SIZE / 2} r={R} className="gauge-track" strokeWidth={STROKE} fill="none" />
        <circle
          cx={SIZE / 2}
          cy={SIZE / 2}
          r={R}
          className={`gauge-fill gauge-${tone}`}
          strokeWidth={STROKE}
          fill="none"
          strokeLinecap="round"
          strokeDasharray={`${CIRC * fraction} ${CIRC}`}
          transform={`rotate(-90 ${SIZE / 2} ${SIZE / 2})`}
        />
      </svg>
      <div className="gauge-center">
        <span className="gauge-value" data-testid="soc-value" data-value={soc ?? ''}>
          {formatPercent(soc, lang)}
        </span>
        <span className="gauge-caption">{caption}</span>
      </div>
    </div>
  );
}

/** A slim bar for one battery pack. */
export function PackBar({ label, soc, testId }: { label: string; soc: number; testId: string }) {
  const { lang } = useI18n();
  return (
    <div className="pack" data-testid={testId} data-value={soc}>
      <span className="pack-label">{label}</span>
      <span className="pack-bar" aria-hidden="true">
        <span className="pack-fill" style={{ width: `${Math.min(100, Math.max(0, soc))}%` }} />
      </span>
      <span className="pack-value">{formatPercent(soc, lang)}</span>
    </div>
  );
}
