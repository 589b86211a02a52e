// Delta Pro 3 (spec §5.5): flat camelCase keys, watts as floats, outputs
// possibly reported negative (so magnitudes are taken), flowInfo* 0 = off / 2 = on.
import type { Reading, ReadingField } from '../../../../common/reading';
import { rawNumber, type RawMap } from '../raw';
import { chargeDirection, rule, sumKnown, tableDecoder, validMinutes, type FieldRule, type FieldTable } from './field-table';

/** Outputs may be reported as negative watts (spec §5.5): take the magnitude. */
const out = (key: string): FieldRule => ({ ...rule(1, key), magnitude: true });

const TABLE: FieldTable = {
  socPercent: rule(1, 'cmsBattSoc'),
  socMainPercent: rule(1, 'bmsBattSoc'),
  chargeLimitPercent: rule(1, 'cmsMaxChgSoc'),
  dischargeLimitPercent: rule(1, 'cmsMinDsgSoc'),
  wattsIn: rule(1, 'powInSumW'),
  wattsOut: out('powOutSumW'),
  acInWatts: rule(1, 'powGetAcIn'),
  solar1Watts: rule(1, 'powGetPvH'),
  solar2Watts: rule(1, 'powGetPvL'),
  carOutWatts: out('powGet12v'),
  typec1Watts: out('powGetTypec1'),
  typec2Watts: out('powGetTypec2'),
  qcUsb1Watts: out('powGetQcusb1'),
  qcUsb2Watts: out('powGetQcusb2'),
  cellMaxTempC: rule(1, 'bmsMaxCellTemp'),
  cellMinTempC: rule(1, 'bmsMinCellTemp'),
  designCapacityAh: rule(0.001, 'bmsDesignCap'),
  xboostEnabled: rule(1, 'xboostEn'),
  acChargeLimitWatts: rule(1, 'plugInInfoAcInChgPowMax'),
};

const DERIVED: readonly ReadingField[] = ['acOutWatts', 'solarWatts', 'acOutEnabled', 'carOutEnabled', 'chargeState', 'minutesToFull', 'minutesToEmpty'];

/** flowInfo*: 0 off, 2 on (other values treated as on, since 0 is the only documented off). */
const flowOn = (raw: RawMap, key: string): number | null => {
  const n = rawNumber(raw, key);
  return n === null ? null : n === 0 ? 0 : 1;
};

function derive(raw: RawMap, r: Reading): void {
  const acOut = rawNumber(raw, 'powGetAc');
  const hv = rawNumber(raw, 'powGetAcHvOut');
  const lv = rawNumber(raw, 'powGetAcLvOut');
  r.acOutWatts = acOut !== null ? Math.abs(acOut) : sumKnown(hv === null ? null : Math.abs(hv), lv === null ? null : Math.abs(lv));
  r.solarWatts = sumKnown(r.solar1Watts, r.solar2Watts);
  const hvOn = flowOn(raw, 'flowInfoAcHvOut');
  const lvOn = flowOn(raw, 'flowInfoAcLvOut');
  r.acOutEnabled = hvOn === null && lvOn === null ? null : Math.max(hvOn ?? 0, lvOn ?? 0);
  r.carOutEnabled = flowOn(raw, 'flowInfo12v');
  const state = rawNumber(raw, 'cmsChgDsgState');
  r.chargeState = chargeDirection(r) ?? (state === 2 ? 1 : state === 1 ? -1 : state === 0 ? 0 : null);
  r.minutesToFull = r.chargeState === 1 ? validMinutes(rawNumber(raw, 'cmsChgRemTime') ?? rawNumber(raw, 'bmsChgRemTime')) : null;
  r.minutesToEmpty = r.chargeState === -1 ? validMinutes(rawNumber(raw, 'cmsDsgRemTime') ?? rawNumber(raw, 'bmsDsgRemTime')) : null;
}

export const decodeDeltaPro3 = tableDecoder(TABLE, derive, DERIVED);
