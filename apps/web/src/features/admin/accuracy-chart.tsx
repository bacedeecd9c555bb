import type { TriageStats } from '@caseflow/contract';
import { formatPercent } from '../../lib/format';
import { categoryLabels } from '../cases/options';

type Row = TriageStats['category']['perCategory'][number];

const ROW_HEIGHT = 28;
const LABEL_WIDTH = 200;
const BAR_WIDTH = 320;
const VALUE_WIDTH = 56;

/**
 * Accuracy per category as horizontal bars in plain SVG (no chart library in the bundle). It is for the
 * eye only: the table beside it carries the same figures for screen readers.
 */
export function AccuracyChart({ rows }: { rows: Row[] }) {
  const width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
  const height = rows.length * ROW_HEIGHT;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      style={{ maxWidth: width, display: 'block' }}
      aria-hidden="true"
      data-testid="accuracy-chart"
    >
      {rows.map((row, index) => {
        const y = index * ROW_HEIGHT;
        const share = row.accuracy ?? 0;
        return (
          <g key={row.category} transform={`translate(0 ${y})`}>
            <text x={LABEL_WIDTH - 8} y={ROW_HEIGHT / 2} dominantBaseline="middle" textAnchor="end" fontSize={13}>
              {categoryLabels[row.category]}
            </text>
            <rect
              x={LABEL_WIDTH}
              y={6}
              width={BAR_WIDTH}
              height={ROW_HEIGHT - 12}
              rx={3}
              fill="var(--mantine-color-gray-2)"
            />
            <rect
              x={LABEL_WIDTH}
              y={6}
              width={BAR_WIDTH * share}
              height={ROW_HEIGHT - 12}
              rx={3}
              fill={
                share >= 0.8
                  ? 'var(--mantine-color-teal-7)'
                  : share >= 0.5
                    ? 'var(--mantine-color-yellow-6)'
                    : 'var(--mantine-color-red-7)'
              }
            />
            <text x={LABEL_WIDTH + BAR_WIDTH + 8} y={ROW_HEIGHT / 2} dominantBaseline="middle" fontSize={13}>
              {formatPercent(row.accuracy)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
