// River 2 / 2 Max / 2 Pro (spec §5.4): the Delta 2 layout without extra
// batteries or a second PV input. Best effort: these models often get 1006.
import { DELTA_2_BASE_TABLE, DELTA_2_DERIVED, deriveDelta2 } from './delta-2';
import { tableDecoder } from './field-table';

export const decodeRiver2 = tableDecoder(DELTA_2_BASE_TABLE, deriveDelta2, DELTA_2_DERIVED);
