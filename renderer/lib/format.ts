// Number and time formatting for the window, by language.
import type { Lang } from '../i18n/index';
import type { TickUnit } from './time-ticks';

const locale = (lang: Lang) => (lang === 'fi' ? 'fi-FI' : 'en-GB');
const dash = '–';

// Creating an Intl formatter costs far more than using one, and charts format
// thousands of ticks: keep one per (language, options).
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<Lang, Intl.RelativeTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function dateFormat(lang: Lang, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(opts)}`;
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(locale(lang), opts)));
  return f;
}

function numberFormat(lang: Lang, opts: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(opts)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale(lang), opts)));
  return f;
}

export function formatWatts(w: number | null | undefined, lang: Lang): string {
  if (w === null || w === undefined) return dash;
  if (Math.abs(w) >= 10_000) return `${numberFormat(lang, { maximumFractionDigits: 1 }).format(w / 1000)} kW`;
  return `${numberFormat(lang).format(Math.round(w))} W`;
}

export function formatCount(n: number, lang: Lang): string {
  return numberFormat(lang).format(n);
}

export function formatPercent(p: number | null | undefined, lang: Lang): string {
  return p === null || p === undefined ? dash : `${numberFormat(lang).format(Math.round(p))} %`;
}

export function formatTemp(c: number | null | undefined, lang: Lang): string {
  return c === null || c === undefined ? dash : `${numberFormat(lang, { maximumFractionDigits: 0 }).format(c)} °C`;
}

export function formatKwh(wh: number, lang: Lang): string {
  return numberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(wh / 1000);
}

/** A bucket width: 10 s, 30 min, 2 h, 1 d. */
export function formatStep(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86_400) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} d`;
}

/** 135 → "2 h 15 min"; 45 → "45 min"; over two days → "3 d 4 h". */
export function formatDuration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** A time-axis label for a tick of `unit`: times within a day, dates past a day, months past a month. */
export function formatTick(ts: number, lang: Lang, unit: TickUnit, spanMs: number): string {
  const opts: Intl.DateTimeFormatOptions =
    unit === 'minute' || unit === 'hour'
      ? spanMs <= 26 * 3_600_000
        ? { hour: '2-digit', minute: '2-digit' }
        : { day: 'numeric', month: 'numeric', hour: '2-digit', minute: '2-digit' }
      : unit === 'month'
        ? { month: 'short', year: 'numeric' }
        : { day: 'numeric', month: 'short' };
  return dateFormat(lang, opts).format(ts);
}

/** "2 minutes ago", "in 30 seconds", in the language's words. */
export function formatRelative(ts: number, now: number, lang: Lang): string {
  let f = relativeFormats.get(lang);
  if (!f) relativeFormats.set(lang, (f = new Intl.RelativeTimeFormat(locale(lang), { numeric: 'auto' })));
  const s = Math.round((ts - now) / 1000);
  const abs = Math.abs(s);
  if (abs < 60) return f.format(s, 'second');
  if (abs < 3600) return f.format(Math.round(s / 60), 'minute');
  if (abs < 86_400) return f.format(Math.round(s / 3600), 'hour');
  return f.format(Math.round(s / 86_400), 'day');
}

export function formatDateTime(ts: number, lang: Lang): string {
  return dateFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(ts);
}

/** A ledger period: its first day ("7 Nov 2026"; on a chart axis "7 Nov"), or its month. */
export function formatDay(ts: number, lang: Lang, bucket: 'day' | 'week' | 'month', axis = false): string {
  const opts: Intl.DateTimeFormatOptions =
    bucket === 'month' ? { month: axis ? 'short' : 'long', year: 'numeric' } : { day: 'numeric', month: 'short', ...(axis ? {} : { year: 'numeric' }) };
  return dateFormat(lang, opts).format(ts);
}
