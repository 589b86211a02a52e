// Watts in (AC, solar per input, car) and out (AC, DC/car, USB-A, USB-C).
import type { Reading, ReadingField } from '../../../common/reading';
import { useI18n, type MessageKey } from '../../i18n/index';
import { formatWatts } from '../../lib/format';
import type { SeriesToken } from '../../theme/palette';

export interface FlowLine {
  id: string;
  label: MessageKey;
  color: SeriesToken;
  /** Summed fields; null when none of them is known. */
  fields: readonly ReadingField[];
}

export const INPUTS: FlowLine[] = [
  { id: 'ac-in', label: 'flow.ac', color: 'ac', fields: ['acInWatts'] },
  { id: 'solar1', label: 'flow.solar1', color: 'solar', fields: ['solar1Watts'] },
  { id: 'solar2', label: 'flow.solar2', color: 'solar', fields: ['solar2Watts'] },
  { id: 'solar', label: 'flow.solar', color: 'solar', fields: ['solarWatts'] },
  { id: 'car-in', label: 'flow.car', color: 'car', fields: ['carInWatts'] },
];

export const OUTPUTS: FlowLine[] = [
  { id: 'ac-out', label: 'flow.ac', color: 'ac', fields: ['acOutWatts'] },
  { id: 'dc-out', label: 'flow.dcCar', color: 'dc', fields: ['carOutWatts', 'dc12vOutWatts'] },
  { id: 'usb-a', label: 'flow.usbA', color: 'usbA', fields: ['usb1Watts', 'usb2Watts', 'qcUsb1Watts', 'qcUsb2Watts'] },
  { id: 'usb-c', label: 'flow.usbC', color: 'usbC', fields: ['typec1Watts', 'typec2Watts'] },
];

export function sumFields(values: Partial<Record<ReadingField, number | null>>, fields: readonly ReadingField[]): number | null {
  let sum: number | null = null;
  for (const f of fields) {
    const v = values[f];
    if (typeof v === 'number') sum = (sum ?? 0) + v;
  }
  return sum;
}

/** Solar per input when the device reports two inputs, else the total (one input would just repeat it as "Solar 1"). */
export function visibleInputs(r: Reading): FlowLine[] {
  const perInput = r.solar1Watts !== null && r.solar2Watts !== null;
  return INPUTS.filter((l) => (perInput ? l.id !== 'solar' : l.id !== 'solar1' && l.id !== 'solar2')).filter((l) => sumFields(r, l.fields) !== null);
}

function Column({ title, total, lines, reading, testId }: { title: MessageKey; total: number | null; lines: FlowLine[]; reading: Reading; testId: string }) {
  const { t, lang } = useI18n();
  const max = Math.max(1, ...lines.map((l) => sumFields(reading, l.fields) ?? 0));
  return (
    <section className="flow-column" aria-labelledby={`${testId}-title`}>
      <h3 id={`${testId}-title`} className="flow-title">
        <span>{t(title)}</span>
        <span className="flow-total" data-testid={`${testId}-total`} data-value={total ?? ''}>
          {formatWatts(total, lang)}
        </span>
      </h3>
      <ul className="flow-list">
        {lines.map((l) => {
          const w = sumFields(reading, l.fields);
          return (
            <li key={l.id} className="flow-row" data-testid={`flow-${l.id}`} data-value={w ?? ''}>
              <span className="flow-label">{t(l.label)}</span>
              <span className="flow-bar" aria-hidden="true">
                <span className="flow-fill" style={{ width: `${((w ?? 0) / max) * 100}%`, background: `var(--c-series-${l.color})` }} />
              </span>
              <span className="flow-watts">{formatWatts(w, lang)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function PowerFlow({ reading }: { reading: Reading }) {
  const outputs = OUTPUTS.filter((l) => sumFields(reading, l.fields) !== null);
  return (
    <div className="flow">
      <Column title="flow.in" total={reading.wattsIn} lines={visibleInputs(reading)} reading={reading} testId="watts-in" />
      <Column title="flow.out" total={reading.wattsOut} lines={outputs} reading={reading} testId="watts-out" />
    </div>
  );
}
