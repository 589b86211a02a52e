// Family → decoder. Unknown models get a reading with only sn/ts; their raw
// keys are still kept in the device state and shown read-only.
import type { DeviceFamily } from '../../../../common/schemas';
import { decodeDelta2 } from './delta-2';
import { decodeDeltaMax } from './delta-max';
import { decodeDeltaPro } from './delta-pro';
import { decodeDeltaPro3 } from './delta-pro-3';
import { NO_DECODER, type Decoder } from './field-table';
import { decodeRiver2 } from './river-2';

const DECODERS: Readonly<Record<DeviceFamily, Decoder>> = {
  'delta-pro': decodeDeltaPro,
  'delta-max': decodeDeltaMax,
  'delta-2': decodeDelta2,
  'delta-2-max': decodeDelta2,
  'river-2': decodeRiver2,
  'delta-pro-3': decodeDeltaPro3,
  unknown: NO_DECODER,
};

export function decoderFor(family: DeviceFamily): Decoder {
  return DECODERS[family];
}

export const isSupportedFamily = (family: DeviceFamily): boolean => family !== 'unknown';

export { detectFamily, FAMILY_LABELS } from './family';
export { guardFields, guardReading } from './plausibility';
export { blankReading, copyReading, type Decoder } from './field-table';
