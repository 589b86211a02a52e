// The REST PUT body that switches an output, per family (spec §6), and the
// reading flag that shows the device applied it.
import type { ReadingField } from '../../../common/reading';
import { err, ok, type Result } from '../../../common/result';
import type { DeviceFamily, OutputKind } from '../../../common/schemas';
import { FAMILY_LABELS } from './decoders';
import type { SignValue } from './signing';

export interface OutputCommand {
  body: Record<string, SignValue>;
  /** The reading flag that reports this output's state. */
  field: ReadingField;
}

export const OUTPUT_FIELD: Readonly<Record<OutputKind, ReadingField>> = { ac: 'acOutEnabled', dc: 'dcOutEnabled', car: 'carOutEnabled' };

const OUTPUT_LABEL: Readonly<Record<OutputKind, string>> = { ac: 'AC output', dc: 'DC/USB output', car: '12 V car output' };

/** Delta Pro (and, unconfirmed, Delta Max): params.cmdSet 32 with a command id. */
const DELTA_PRO_IDS: Readonly<Record<OutputKind, number>> = { ac: 66, dc: 34, car: 81 };

/** Delta 2 family: moduleType + operateType; Delta 2 Max's inverter is module 3, not 5. */
function delta2Body(family: DeviceFamily, output: OutputKind, enabled: number): Pick<OutputCommand['body'], string> {
  if (output === 'ac') {
    return { moduleType: family === 'delta-2-max' ? 3 : 5, operateType: 'acOutCfg', params: { enabled, xboost: 255, out_voltage: -1, out_freq: 255 } };
  }
  if (output === 'dc') return { moduleType: 1, operateType: 'dcOutCfg', params: { enabled } };
  return { moduleType: 5, operateType: 'mpptCar', params: { enabled } };
}

/** Delta Pro 3: booleans in cfg* params (signed as true/false, vector D6). */
const DELTA_PRO_3_PARAMS: Readonly<Partial<Record<OutputKind, string>>> = { ac: 'cfgHvAcOutOpen', car: 'cfgDc12vOutOpen' };

/** `id` must be unique per request and below 2^53 (spec §4.4). */
export function outputCommand(family: DeviceFamily, sn: string, output: OutputKind, on: boolean, id: number): Result<OutputCommand> {
  const enabled = on ? 1 : 0;
  const field = OUTPUT_FIELD[output];
  switch (family) {
    case 'delta-pro':
    case 'delta-max':
      return ok({ field, body: { sn, params: { cmdSet: 32, id: DELTA_PRO_IDS[output], enabled } } });
    case 'delta-2':
    case 'delta-2-max':
    case 'river-2':
      return ok({ field, body: { id, version: '1.0', sn, ...delta2Body(family, output, enabled) } });
    case 'delta-pro-3': {
      const param = DELTA_PRO_3_PARAMS[output];
      if (!param) break;
      return ok({ field, body: { sn, cmdId: 17, dirDest: 1, dirSrc: 1, cmdFunc: 254, dest: 2, needAck: true, params: { [param]: on } } });
    }
    case 'unknown':
      break;
  }
  return err('command-failed', `The ${OUTPUT_LABEL[output]} of this ${FAMILY_LABELS[family]} cannot be switched through the EcoFlow developer API.`);
}
