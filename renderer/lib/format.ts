// Number and time formatting for the window, by language.
import type { Lang } from '../i18n/index';

const locale = (lang: Lang) => (lang === 'fi' ? 'fi-FI' : 'en-GB');
const dash = '–';

export function formatWatts(w: number | null | undefined, lang: Lang): string {
  if (w === null || w === undefined) return dash;
  if (Math.abs(w) >= 10_000) return `${(w / 1000).toLocaleString(locale(lang), { maximumFractionDigits: 1 })} kW`;
  return `${Math.round(w).toLocaleString(locale(lang))} W`;
}

export function formatPercent(p: number | null | undefined, lang: Lang): string {
  return p === null || p === undefined ? dash : `${Math.round(p).toLocaleString(locale(lang))} %`;
}

export function formatTemp(c: number | null | undefined, lang: Lang): string {
  return c === null || c === undefined ? dash : `${c.toLocaleString(locale(lang), { maximumFractionDigits: 0 })} °C`;
}

export function formatKwh(wh: number, lang: Lang): string {
  return (wh / 1000).toLocaleString(locale(lang), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** 135 → "2 h 15 min"; 45 → "45 min"; over two days → "3 d 4 h". */
export function formatDuration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

export function formatTime(ts: number, lang: Lang, spanMs: number): string {
  const opts: Intl.DateTimeFormatOptions =
    spanMs <= 26 * 3_600_000
      ? { hour: '2-digit', minute: '2-digit' }
      : spanMs <= 40 * 86_400_000
        ? { day: 'numeric', month: 'numeric', hour: spanMs <= 8 * 86_400_000 ? '2-digit' : undefined }
        : { day: 'numeric', month: 'short' };
  return new Date(ts).toLocaleString(locale(lang), opts);
}

export function formatDateTime(ts: number, lang: Lang): string {
  return new Date(ts).toLocaleString(locale(lang), { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDay(ts: number, lang: Lang, bucket: 'day' | 'week' | 'month'): string {
  const opts: Intl.DateTimeFormatOptions = bucket === 'month' ? { month: 'long', year: 'numeric' } : { day: 'numeric', month: 'short', year: 'numeric' };
  return new Date(ts).toLocaleDateString(locale(lang), opts);
}
