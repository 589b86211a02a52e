// A chart legend: colour swatches (a line or a block) with the series names.
// Hidden from screen readers: the chart's table or tooltip names the values.
import type { SeriesToken } from '../theme/palette';

export interface LegendItem {
  key: string;
  label: string;
  color: SeriesToken;
}

export function Legend({ items, shape }: { items: LegendItem[]; shape: 'line' | 'block' }) {
  return (
    <ul className={`legend legend-${shape}`} aria-hidden="true">
      {items.map((i) => (
        <li key={i.key}>
          <span className="legend-swatch" style={{ background: `var(--c-series-${i.color})` }} />
          {i.label}
        </li>
      ))}
    </ul>
  );
}
