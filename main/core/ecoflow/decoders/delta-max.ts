// Delta Max: the Delta Pro key layout and scales (spec §5.2); it has no 12 V
// Anderson port, so that field stays unknown.
import { DELTA_PRO_DERIVED, DELTA_PRO_TABLE, deriveDeltaPro } from './delta-pro';
import { tableDecoder, type FieldTable } from './field-table';

const { dc12vOutWatts: _anderson, ...DELTA_MAX_TABLE } = DELTA_PRO_TABLE;

export const decodeDeltaMax = tableDecoder(DELTA_MAX_TABLE satisfies FieldTable, deriveDeltaPro, DELTA_PRO_DERIVED);
