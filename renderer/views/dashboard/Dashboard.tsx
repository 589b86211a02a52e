// One device at a glance: battery, time left, power flow, temperatures, data age.
// Follows status:changed through the `device` prop; it fetches only the
// short history that seeds the time-left smoothing.
import type { DeviceStatus, SyncStatus } from '../../../common/schemas';
import { BatteryGauge, PackBar, toneOf } from '../../components/BatteryGauge';
import { useNetPower } from '../../hooks/use-net-power';
import { useI18n, type Translate } from '../../i18n/index';
import { formatDuration, formatTemp, formatWatts } from '../../lib/format';
import { capacityWhOf, estimateMinutes, type Estimate } from '../../lib/time-estimate';
import { DataAge } from './DataAge';
import { OutputSwitches } from './OutputSwitches';
import { PowerFlow } from './PowerFlow';
import { SyncCard } from './SyncCard';

/** Data that is not coming in now (offline, stalled) gives no time left: it would be a guess about the past. */
const LIVE_STATES: readonly DeviceStatus['state'][] = ['live', 'snapshot', 'connecting'];

function timeLeftText(t: Translate, e: Estimate, dischargeLimit: number | null, chargeLimit: number | null, live: boolean): { main: string; detail: string } {
  if (e.direction === 'idle') return { main: t('battery.idle'), detail: '' };
  const dir = t(e.direction === 'charging' ? 'battery.charging' : 'battery.discharging');
  if (!live) return { main: dir, detail: t('battery.notLive') };
  if (e.minutes === null) return { main: dir, detail: t('battery.unknownTime') };
  const time = formatDuration(e.minutes);
  const main = t(e.direction === 'charging' ? 'battery.toFull' : 'battery.toEmpty', { time });
  const limit = e.direction === 'charging' ? chargeLimit : dischargeLimit;
  const source = t(e.source === 'device' ? 'battery.sourceDevice' : 'battery.sourceEstimate');
  const limitText = e.source === 'estimate' && limit !== null && limit !== (e.direction === 'charging' ? 100 : 0) ? `, ${t('battery.toLimit', { limit })}` : '';
  return { main: `${dir} · ${main}`, detail: `${source}${limitText}` };
}

export interface DashboardProps {
  device: DeviceStatus;
  sync: SyncStatus | null;
  /** The app runs on the simulator. */
  demo: boolean;
  onOpenSettings: () => void;
  lowSoc?: number | undefined;
  criticalSoc?: number | undefined;
}

export function Dashboard({ device, sync, demo, onOpenSettings, lowSoc = 20, criticalSoc = 10 }: DashboardProps) {
  const { t, lang } = useI18n();
  const r = device.latest;
  const samples = useNetPower(device.sn, r);
  const estimate = estimateMinutes({
    socPercent: r?.socPercent ?? null,
    capacityWh: r ? capacityWhOf(r.fullCapacityAh, r.batteryVolts) : null,
    chargeLimitPercent: r?.chargeLimitPercent ?? null,
    dischargeLimitPercent: r?.dischargeLimitPercent ?? null,
    samples,
    deviceMinutesToFull: r?.minutesToFull ?? null,
    deviceMinutesToEmpty: r?.minutesToEmpty ?? null,
    now: r?.ts ?? Date.now(),
  });
  const live = LIVE_STATES.includes(device.state);
  const time = timeLeftText(t, estimate, r?.dischargeLimitPercent ?? null, r?.chargeLimitPercent ?? null, live);
  const packs = r
    ? ([
        ['battery.main', r.socMainPercent, 'pack-main'],
        ['battery.extra1', r.socExtra1Percent, 'pack-extra1'],
        ['battery.extra2', r.socExtra2Percent, 'pack-extra2'],
      ] as const)
    : [];
  const hasExtras = r !== null && (r.socExtra1Percent !== null || r.socExtra2Percent !== null);
  const temps = r
    ? ([
        ['temp.battery', r.batteryTempC],
        ['temp.inverter', r.inverterTempC],
        ['temp.mppt', r.mpptTempC],
      ] as const).filter(([, v]) => v !== null)
    : [];
  const cellTemps = r && r.cellMinTempC !== null && r.cellMaxTempC !== null ? `${formatTemp(r.cellMinTempC, lang)} – ${formatTemp(r.cellMaxTempC, lang)}` : null;

  return (
    <div className="dashboard" data-testid="dashboard" data-sn={device.sn} data-reading-ts={r?.ts ?? ''}>
      <div className="dashboard-head">
        <h2>{device.name || device.model}</h2>
        <DataAge device={device} />
      </div>
      {!device.supported ? <p className="notice">{t('device.unsupported')}</p> : null}
      <div className="cards">
        <section className="card card-battery" aria-labelledby="battery-title">
          <h3 id="battery-title" className="card-title">
            {t('battery.title')}
          </h3>
          <BatteryGauge soc={r?.socPercent ?? null} tone={toneOf(r?.socPercent ?? null, lowSoc, criticalSoc)} caption={hasExtras ? t('battery.combined') : ''} />
          <p className={`direction direction-${estimate.direction}`} data-testid="time-left" data-direction={estimate.direction} data-minutes={live ? (estimate.minutes ?? '') : ''}>
            <span className="direction-main">{time.main}</span>
            {time.detail ? <span className="direction-detail">{time.detail}</span> : null}
          </p>
          {live && estimate.smoothedWatts !== null ? <p className="muted small">{t('flow.net', { watts: formatWatts(estimate.smoothedWatts, lang) })}</p> : null}
          {hasExtras ? (
            <div className="packs">{packs.map(([label, v, id]) => (v === null ? null : <PackBar key={id} label={t(label)} soc={v} testId={id} />))}</div>
          ) : null}
        </section>
        <section className="card card-flow" aria-label={`${t('flow.in')} / ${t('flow.out')}`}>
          {r ? <PowerFlow reading={r} /> : <p className="muted">{t('age.never')}</p>}
          <OutputSwitches device={device} />
        </section>
        {temps.length > 0 || cellTemps ? (
          <section className="card card-temps" aria-labelledby="temps-title">
            <h3 id="temps-title" className="card-title">
              {t('temp.title')}
            </h3>
            <dl className="temps">
              {temps.map(([label, v]) => (
                <div key={label} className="temp">
                  <dt>{t(label)}</dt>
                  <dd>{formatTemp(v, lang)}</dd>
                </div>
              ))}
              {cellTemps ? (
                <div className="temp">
                  <dt>{t('temp.cells')}</dt>
                  <dd>{cellTemps}</dd>
                </div>
              ) : null}
            </dl>
          </section>
        ) : null}
        <SyncCard sync={sync} demo={demo} onOpenSettings={onOpenSettings} />
      </div>
    </div>
  );
}
