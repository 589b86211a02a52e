// Local calendar boundaries (day / ISO week / month starts) as UTC instants, for a
// fixed offset or an IANA zone (DST-aware through Intl). Pure.
import { CodedError } from '../../../common/errors';
import type { LedgerBucket, LedgerTimeZone } from './types';

const DAY_MS = 86_400_000;

type OffsetFn = (utcMs: number) => number;

function ianaOffset(zone: string): OffsetFn {
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new CodedError('bad-request', `Unknown time zone "${zone}": use an IANA name such as Europe/Helsinki`);
  }
  return (utcMs) => {
    const p = Object.fromEntries(fmt.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
    const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
    return wall - Math.floor(utcMs / 1000) * 1000;
  };
}

/** ms to add to a UTC instant to get local wall time, as a function of the instant. */
export function offsetFunction(tz: LedgerTimeZone): OffsetFn {
  if (typeof tz === 'number') {
    if (!Number.isFinite(tz) || Math.abs(tz) > 18 * 60) throw new CodedError('bad-request', `Time zone offset out of range: ${tz} minutes`);
    return () => tz * 60_000;
  }
  return ianaOffset(tz);
}

/** The UTC instant of a local wall time (the earlier one when DST makes it ambiguous). */
function localToUtc(wallMs: number, offset: OffsetFn): number {
  const guess = wallMs - offset(wallMs);
  return wallMs - offset(guess);
}

function startOfLocal(wallMs: number, bucket: LedgerBucket): number {
  const d = new Date(wallMs);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (bucket === 'month') return Date.UTC(y, m, 1);
  const day = Date.UTC(y, m, d.getUTCDate());
  if (bucket === 'day') return day;
  return day - ((d.getUTCDay() + 6) % 7) * DAY_MS; // ISO weeks start on Monday
}

function nextLocal(wallStart: number, bucket: LedgerBucket): number {
  if (bucket === 'day') return wallStart + DAY_MS;
  if (bucket === 'week') return wallStart + 7 * DAY_MS;
  const d = new Date(wallStart);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** Bucket starts (UTC ms) covering [from, to), plus the end of the last bucket. */
export function localBoundaries(from: number, to: number, bucket: LedgerBucket, tz: LedgerTimeZone, maxBuckets = 5000): number[] {
  const offset = offsetFunction(tz);
  let wall = startOfLocal(from + offset(from), bucket);
  const out = [localToUtc(wall, offset)];
  while (out[out.length - 1]! < to) {
    if (out.length > maxBuckets) throw new CodedError('bad-request', `An energy ledger of more than ${maxBuckets} ${bucket}s is too long: pick a wider bucket`);
    wall = nextLocal(wall, bucket);
    out.push(localToUtc(wall, offset));
  }
  return out;
}
