// What a window may see of the settings: everything but the secrets, which
// show only as { isSet }.
import { SECRET_NAMES, type Settings, type SettingsView } from '../../../common/settings';
import { secretStorageView, type SecretBox } from './secret-box';

export function toSettingsView(settings: Settings, box: SecretBox): SettingsView {
  const { version: _version, ...rest } = settings;
  const secrets = Object.fromEntries(SECRET_NAMES.map((n) => [n, { isSet: box.get(n) !== null }])) as SettingsView['secrets'];
  return { ...structuredClone(rest), secrets, secretStorage: secretStorageView(box) };
}
