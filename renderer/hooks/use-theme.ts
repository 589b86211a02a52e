// Applies the chosen theme (or the system's) as CSS custom properties on <html>.
import { useEffect, useState } from 'react';
import type { Theme } from '../../common/settings';
import { cssVariables, type ThemeName } from '../theme/palette';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function useTheme(choice: Theme): ThemeName {
  const [systemDark, setSystemDark] = useState(() => window.matchMedia(DARK_QUERY).matches);
  useEffect(() => {
    const mq = window.matchMedia(DARK_QUERY);
    const onChange = () => setSystemDark(mq.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  const theme: ThemeName = choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
  useEffect(() => {
    const root = document.documentElement;
    for (const [k, v] of Object.entries(cssVariables(theme))) root.style.setProperty(k, v);
    root.dataset.theme = theme;
    root.style.colorScheme = theme;
  }, [theme]);
  return theme;
}
