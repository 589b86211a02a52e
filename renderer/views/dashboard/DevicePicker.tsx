// The device picker, shown when the account has more than one device.
import type { DeviceStatus } from '../../../common/schemas';
import { useI18n } from '../../i18n/index';

export function DevicePicker({ devices, value, onChange }: { devices: DeviceStatus[]; value: string; onChange: (sn: string) => void }) {
  const { t } = useI18n();
  return (
    <label className="device-picker">
      <span>{t('device.picker')}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid="device-picker">
        {devices.map((d) => (
          <option key={d.sn} value={d.sn}>
            {d.name || d.model} ({d.sn})
          </option>
        ))}
      </select>
    </label>
  );
}
