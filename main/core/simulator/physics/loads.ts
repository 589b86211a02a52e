// Household loads as pure functions of (seed, time): a fridge that cycles, an
// evening bump, occasional big appliances on AC; phones and a laptop on USB;
// a 12 V cool box on the car socket. Local time is solar time at the site.
import { smoothNoise, unit } from './noise';

export interface LoadWatts {
  acOut: number;
  usb1: number;
  usb2: number;
  qcUsb1: number;
  qcUsb2: number;
  typec1: number;
  typec2: number;
  carOut: number;
}

const MIN = 60_000;
const HOUR = 3_600_000;

/** Hour of day 0–24 in local solar time. */
export function localHour(t: number, longitude: number): number {
  return ((((t / HOUR + longitude / 15) % 24) + 24) % 24);
}

function cycling(seed: number, t: number, periodMs: number, onMs: number): boolean {
  const phase = unit(seed, 7) * periodMs;
  return (t + phase) % periodMs < onMs;
}

/** A big appliance (kettle, microwave) runs a few minutes in about one half-hour in seven. */
function applianceWatts(seed: number, t: number): number {
  const bucket = Math.floor(t / (30 * MIN));
  if (unit(seed, bucket * 4) > 0.15) return 0;
  const start = bucket * 30 * MIN + unit(seed, bucket * 4 + 1) * 20 * MIN;
  const length = (3 + unit(seed, bucket * 4 + 2) * 5) * MIN;
  return t >= start && t < start + length ? Math.round(800 + unit(seed, bucket * 4 + 3) * 700) : 0;
}

/** Whether a USB port has a phone on it during this hour. */
function phoneWatts(seed: number, t: number, port: number, peak: number): number {
  const hour = Math.floor(t / HOUR);
  if (unit(seed + port, hour) > 0.35) return 0;
  // Charging power tapers over the hour as the phone fills.
  const into = (t % HOUR) / HOUR;
  return Math.max(1, Math.round(peak * (1 - 0.8 * into)));
}

/** Integer watts per output port at time t; `scale` shrinks the household for small stations. */
export function loadWatts(seed: number, t: number, longitude: number, scale: number): LoadWatts {
  const h = localHour(t, longitude);
  const fridge = cycling(seed, t, 40 * MIN, 15 * MIN) ? 90 : 0;
  const evening = h >= 17 && h < 23 ? 120 + 120 * smoothNoise(seed + 3, t, 15 * MIN) : 0;
  const morning = h >= 6 && h < 9 ? 60 + 40 * smoothNoise(seed + 6, t, 10 * MIN) : 0;
  const base = 35 + 15 * smoothNoise(seed + 4, t, 10 * MIN);
  const acOut = Math.round((base + fridge + morning + evening + applianceWatts(seed, t)) * scale);
  const working = h >= 8 && h < 17 && unit(seed + 9, Math.floor(t / HOUR)) < 0.7;
  const laptop = working ? Math.round(25 + 30 * smoothNoise(seed + 5, t, 5 * MIN)) : 0;
  const coolBox = cycling(seed + 11, t, 30 * MIN, 11 * MIN) ? Math.round(38 + 6 * unit(seed + 12, Math.floor(t / MIN))) : 0;
  return {
    acOut,
    usb1: phoneWatts(seed, t, 1, 10),
    usb2: 0,
    qcUsb1: phoneWatts(seed, t, 2, 18),
    qcUsb2: 0,
    typec1: laptop,
    typec2: phoneWatts(seed, t, 3, 20),
    carOut: coolBox,
  };
}
