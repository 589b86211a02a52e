// The data's age and what it means (live / from snapshot / stalled / offline, with why).
import type { DeviceStatus } from '../../../common/schemas';
import { useNow } from '../../hooks/use-now';
import { useI18n, type MessageKey, type Translate } from '../../i18n/index';

export function ageText(t: Translate, lastTs: number | null, now: number): string {
  if (lastTs === null) return t('age.never');
  const s = Math.max(0, Math.round((now - lastTs) / 1000));
  if (s < 120) return t('age.seconds', { n: s });
  if (s < 7200) return t('age.minutes', { n: Math.round(s / 60) });
  return t('age.hours', { n: Math.round(s / 3600) });
}

export function DataAge({ device }: { device: DeviceStatus }) {
  const { t } = useI18n();
  const now = useNow();
  const tone = device.state === 'live' ? 'ok' : device.state === 'snapshot' || device.state === 'connecting' ? 'info' : 'warn';
  return (
    <p className={`data-age data-age-${tone}`} data-testid="data-state" data-state={device.state}>
      <span className="dot" aria-hidden="true" />
      {/* Only the state and its reason are announced: the age changes every second. */}
      <span aria-live="polite">
        <strong>{t(`state.${device.state}` as MessageKey)}</strong>
        {device.state !== 'live' && device.reason ? <span className="reason"> — {device.reason}</span> : null}
      </span>
      <span className="sep" aria-hidden="true">
        ·
      </span>
      <span title={t('age.label')}>{ageText(t, device.lastDataTs, now)}</span>
    </p>
  );
}
