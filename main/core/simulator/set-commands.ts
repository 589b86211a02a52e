// Set commands (spec §6) applied to a simulated station: Delta Pro
// {cmdSet:32,id,...}; Delta 2 {moduleType, operateType, params}. 255 / -1 mean
// "leave unchanged". Out-of-range values are refused (ack 1), like a device would.
import type { SimFamily } from './physics/profiles';
import type { StationSettings } from './physics/power-station';

export interface SetOutcome {
  /** True when the device accepted and applied the command. */
  ok: boolean;
  /** The reply's data object (spec §4.6). */
  data: Record<string, number>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A 0/1 switch value; 255 or absent keeps the present one; anything else is invalid (undefined). */
function switchValue(v: unknown, present: boolean): boolean | undefined {
  if (v === undefined || v === 255) return present;
  if (v === 0 || v === 1) return v === 1;
  return undefined;
}

function inRange(v: unknown, lo: number, hi: number): number | undefined {
  const n = num(v);
  return n !== null && Number.isInteger(n) && n >= lo && n <= hi ? n : undefined;
}

/** The settings patch a command asks for, or null when the command is unknown or invalid. */
function deltaProPatch(p: Obj, s: Readonly<StationSettings>): Partial<StationSettings> | null {
  if (p['cmdSet'] !== 32) return null;
  switch (p['id']) {
    case 66: {
      const acEnabled = switchValue(p['enabled'], s.acEnabled);
      const xboost = switchValue(p['xboost'], s.xboost);
      return acEnabled === undefined || xboost === undefined ? null : { acEnabled, xboost };
    }
    case 81: {
      const carEnabled = switchValue(p['enabled'], s.carEnabled);
      return carEnabled === undefined ? null : { carEnabled };
    }
    case 34: {
      const dcEnabled = switchValue(p['enabled'], s.dcEnabled);
      return dcEnabled === undefined ? null : { dcEnabled };
    }
    case 49: {
      const maxChargeSoc = inRange(p['maxChgSoc'], 50, 100);
      return maxChargeSoc === undefined ? null : { maxChargeSoc };
    }
    case 51: {
      const minDsgSoc = inRange(p['minDsgSoc'], 0, 30);
      return minDsgSoc === undefined ? null : { minDsgSoc };
    }
    case 69: {
      const acChargeWatts = inRange(p['slowChgPower'], 200, 2900);
      return acChargeWatts === undefined ? null : { acChargeWatts };
    }
    case 38: {
      const beepOff = switchValue(p['enabled'], s.beepOff);
      return beepOff === undefined ? null : { beepOff };
    }
    default:
      return null;
  }
}

function delta2Patch(moduleType: unknown, operateType: unknown, p: Obj, s: Readonly<StationSettings>): Partial<StationSettings> | null {
  const key = `${String(moduleType)}:${String(operateType)}`;
  switch (key) {
    case '5:acOutCfg': {
      const acEnabled = switchValue(p['enabled'], s.acEnabled);
      const xboost = switchValue(p['xboost'], s.xboost);
      return acEnabled === undefined || xboost === undefined ? null : { acEnabled, xboost };
    }
    case '1:dcOutCfg': {
      const dcEnabled = switchValue(p['enabled'], s.dcEnabled);
      return dcEnabled === undefined ? null : { dcEnabled };
    }
    case '5:mpptCar': {
      const carEnabled = switchValue(p['enabled'], s.carEnabled);
      return carEnabled === undefined ? null : { carEnabled };
    }
    case '2:upsConfig': {
      const maxChargeSoc = inRange(p['maxChgSoc'], 50, 100);
      return maxChargeSoc === undefined ? null : { maxChargeSoc };
    }
    case '2:dsgCfg': {
      const minDsgSoc = inRange(p['minDsgSoc'], 0, 30);
      return minDsgSoc === undefined ? null : { minDsgSoc };
    }
    case '5:acChgCfg': {
      const acChargeWatts = inRange(p['chgWatts'], 200, 1200);
      return acChargeWatts === undefined ? null : { acChargeWatts };
    }
    case '5:quietMode': {
      const beepOff = switchValue(p['enabled'], s.beepOff);
      return beepOff === undefined ? null : { beepOff };
    }
    default:
      return null;
  }
}

/**
 * Applies a command body (REST PUT body or MQTT set payload) to the settings.
 * Nothing changes unless the whole command is valid.
 */
export function applySetCommand(family: SimFamily, body: unknown, settings: StationSettings): SetOutcome {
  const params = isObj(body) && isObj(body['params']) ? body['params'] : null;
  if (!params || !isObj(body)) return { ok: false, data: { ack: 1 } };
  const patch =
    family === 'delta-pro'
      ? deltaProPatch(params, settings)
      : delta2Patch(body['moduleType'], body['operateType'], params, settings);
  const echo: Record<string, number> =
    family === 'delta-pro' ? { cmdSet: num(params['cmdSet']) ?? 0, id: num(params['id']) ?? 0 } : {};
  if (!patch) return { ok: false, data: { ...echo, ack: 1 } };
  Object.assign(settings, patch);
  return { ok: true, data: { ...echo, ack: 0 } };
}
